/**
 * The round's synthesis as the periodic report takes it (documents/gather.ts), sorted into the
 * report's sections: the overview and the task groups' paragraphs under "Tình hình chung"; each
 * theme's sentences under "Khó khăn, vướng mắc" or "Đề xuất, kiến nghị" by what their sources are
 * (a sentence the secretariat added without sources follows the one before it), one line per theme
 * and section, headed by the theme. Null when the round has no synthesis.
 */
import { sql } from 'drizzle-orm';
import type { TSourceSentence, TSynthesisSection } from '../../../common/contracts/synthesis';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';

export interface DocumentNarrative {
  overall: string[];
  obstacles: string[];
  proposals: string[];
}

const joined = (texts: string[]) =>
  texts
    .map((t) => t.trim())
    .filter(Boolean)
    .join(' ');

export async function documentNarrative(db: Executor, roundId: string): Promise<DocumentNarrative | null> {
  const [row] = rowsOf<{ sections: TSynthesisSection[]; sentences: TSourceSentence[] }>(
    await db.execute(sql`select sections, sentences from synthesis_drafts where round_id = ${roundId}`),
  );
  if (!row) return null;
  const kindOf = new Map(row.sentences.map((s) => [s.id, s.kind]));
  const narrative: DocumentNarrative = { overall: [], obstacles: [], proposals: [] };
  for (const section of row.sections) {
    if (section.kind !== 'theme') {
      const text = joined(section.sentences.map((s) => s.text));
      if (text) narrative.overall.push(section.kind === 'overview' ? text : `- ${section.title}: ${text}`);
      continue;
    }
    const parts: Record<'obstacles' | 'proposals', string[]> = { obstacles: [], proposals: [] };
    let target: 'obstacles' | 'proposals' = 'obstacles';
    for (const sentence of section.sentences) {
      const kinds = sentence.sourceSentenceIds.map((id) => kindOf.get(id));
      if (kinds.length) {
        const proposals = kinds.filter((k) => k === 'proposal').length;
        target = proposals > kinds.length - proposals ? 'proposals' : 'obstacles';
      }
      parts[target].push(sentence.text);
    }
    for (const key of ['obstacles', 'proposals'] as const) {
      const text = joined(parts[key]);
      if (text) narrative[key].push(`- ${section.title}: ${text}`);
    }
  }
  return narrative;
}
