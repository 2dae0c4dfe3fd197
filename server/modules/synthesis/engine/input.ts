/**
 * The sentence file the CLI reads (`[{"id": "…", "text": "…"}]`), checked item by item so that a
 * bad file gets a message naming the item and the field.
 */

export const MAX_SENTENCES = 20_000;

export type ParsedSentences =
  | { ok: true; sentences: { id: string; text: string }[] }
  | { ok: false; error: string };

export function parseSentenceFile(content: string): ParsedSentences {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (e) {
    return { ok: false, error: `not valid JSON (${(e as Error).message})` };
  }
  if (!Array.isArray(data))
    return { ok: false, error: 'the file must hold a JSON array of {"id": "…", "text": "…"}' };
  if (data.length > MAX_SENTENCES) {
    return { ok: false, error: `at most ${MAX_SENTENCES} sentences, the file has ${data.length}` };
  }
  const seen = new Set<string>();
  const sentences: { id: string; text: string }[] = [];
  for (const [i, item] of data.entries()) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      return { ok: false, error: `item ${i} is not an object` };
    }
    const { id, text } = item as Record<string, unknown>;
    if (typeof id !== 'string' || id.length === 0)
      return { ok: false, error: `item ${i}: "id" must be a non-empty string` };
    if (typeof text !== 'string')
      return { ok: false, error: `item ${i} (id ${id}): "text" must be a string` };
    if (seen.has(id)) return { ok: false, error: `item ${i}: id ${JSON.stringify(id)} appears twice` };
    seen.add(id);
    sentences.push({ id, text });
  }
  return { ok: true, sentences };
}
