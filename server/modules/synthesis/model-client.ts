/**
 * The optional model of issue 13: an OpenAI-compatible /v1/chat/completions endpoint (Ollama, vLLM,
 * llama.cpp server, a remote service) that may only REWORD the drafted sentences. Each sentence goes
 * out with its source ids marked ([C3] … [N1][N4]); an answer line is taken only when it names the
 * same sentence and exactly the same sources. A sentence whose answer is missing, unreadable or cites
 * other sources keeps its template text: the model can make a sentence read better, never make it
 * say where it came from differently. Nothing is sent unless SYNTHESIS_MODEL_URL is set.
 *
 * Plain fetch, temperature 0, a timeout per try and one retry (network error, timeout, 429, 5xx);
 * the answer may come whole or streamed (server-sent events), as the server chooses.
 */
import type { ModelConfig } from '../../config';

export interface RewordInput {
  text: string;
  /** the ids of the report sentences it summarises (any strings; they are replaced by short marks) */
  sourceIds: readonly string[];
}

export interface RewordResult {
  /** one per input sentence: the model's wording where accepted, else the input's */
  texts: string[];
  accepted: number;
  rejected: number;
  /** why nothing (or not everything) was taken, in Vietnamese; null when every sentence was */
  note: string | null;
}

export interface ModelCallOptions {
  /** ask for a streamed answer (server-sent events); a server may stream anyway */
  stream?: boolean;
  /** sentences per request: a long draft goes in several */
  batchSize?: number;
  fetch?: typeof fetch;
}

/** Whether a model is configured at all: without it, no text leaves the server. */
export const modelConfigured = (config: ModelConfig) => Boolean(config.SYNTHESIS_MODEL_URL);

const SYSTEM_PROMPT = [
  'Bạn là chuyên viên văn phòng biên tập báo cáo tổng hợp của cơ quan nhà nước Việt Nam.',
  'Mỗi dòng người dùng gửi có dạng: [Cn] câu văn [N..][N..]. Hãy viết lại từng câu cho gọn, đúng văn phong hành chính,',
  'KHÔNG thêm hay bớt sự việc, số liệu, tên đơn vị; KHÔNG gộp hay tách câu.',
  'Trả lời đúng mỗi câu một dòng, cùng dạng: [Cn] câu đã viết lại [N..][N..] — giữ nguyên mã [Cn] và đúng các mã nguồn [N..] của câu đó.',
  'Không viết gì khác.',
].join(' ');

/** Short marks for the ids: C1… per sentence, N1… per distinct source. */
function encode(inputs: readonly RewordInput[], offset: number) {
  const marks = new Map<string, string>();
  const mark = (id: string) => {
    let m = marks.get(id);
    if (!m) {
      m = `N${marks.size + 1}`;
      marks.set(id, m);
    }
    return m;
  };
  const lines = inputs.map((s, i) => {
    const sources = [...new Set(s.sourceIds)].map(mark);
    return {
      key: `C${offset + i + 1}`,
      sources: new Set(sources),
      line: `[C${offset + i + 1}] ${s.text.replace(/\s+/g, ' ').trim()} ${sources.map((n) => `[${n}]`).join('')}`,
    };
  });
  return lines;
}

const ANSWER_LINE = /^\s*(?:[-*]\s*)?\[(C\d+)\]\s*(.+?)\s*((?:\[N\d+\]\s*)+)$/;

/**
 * The model's lines, by sentence mark: its text and the source marks it kept. A line without marks
 * or in another shape is ignored (its sentence keeps the template text).
 */
export function parseAnswer(content: string): Map<string, { text: string; sources: Set<string> }> {
  const out = new Map<string, { text: string; sources: Set<string> }>();
  for (const raw of content.split(/\r?\n/)) {
    const m = ANSWER_LINE.exec(raw);
    if (!m) continue;
    const sources = new Set([...m[3]!.matchAll(/\[(N\d+)\]/g)].map((x) => x[1]!));
    const text = m[2]!.trim();
    // a sentence answered twice is not an answer
    if (out.has(m[1]!)) out.set(m[1]!, { text: '', sources: new Set() });
    else out.set(m[1]!, { text, sources });
  }
  return out;
}

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>) =>
  a.size === b.size && [...a].every((x) => b.has(x));

class ModelError extends Error {
  constructor(
    message: string,
    readonly retry: boolean,
  ) {
    super(message);
  }
}

/** Reads a server-sent event stream of chat completion chunks into the whole content. */
async function readStream(body: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  let content = '';
  const take = (line: string) => {
    const data = line.startsWith('data:') ? line.slice(5).trim() : null;
    if (!data || data === '[DONE]') return;
    const chunk = JSON.parse(data) as { choices?: { delta?: { content?: string } }[] };
    content += chunk.choices?.[0]?.delta?.content ?? '';
  };
  for await (const part of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(part, { stream: true });
    let at = buffer.indexOf('\n');
    while (at >= 0) {
      take(buffer.slice(0, at).trim());
      buffer = buffer.slice(at + 1);
      at = buffer.indexOf('\n');
    }
  }
  take(buffer.trim());
  return content;
}

/** One chat completion, with its timeout; throws ModelError (retry: whether trying again may help). */
async function complete(config: ModelConfig, prompt: string, options: ModelCallOptions): Promise<string> {
  const url = `${config.SYNTHESIS_MODEL_URL!.replace(/\/+$/, '').replace(/\/v1$/, '')}/v1/chat/completions`;
  const signal = AbortSignal.timeout(config.SYNTHESIS_MODEL_TIMEOUT_MS);
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(config.SYNTHESIS_MODEL_API_KEY
          ? { authorization: `Bearer ${config.SYNTHESIS_MODEL_API_KEY}` }
          : {}),
      },
      body: JSON.stringify({
        model: config.SYNTHESIS_MODEL_NAME,
        temperature: 0,
        stream: options.stream ?? false,
        messages: [
          { role: 'system', content: SYSTEM_PROMPT },
          { role: 'user', content: prompt },
        ],
      }),
      signal,
    });
  } catch (error) {
    const timedOut = signal.aborted;
    throw new ModelError(
      timedOut
        ? `Mô hình không trả lời trong ${config.SYNTHESIS_MODEL_TIMEOUT_MS} ms.`
        : `Không kết nối được mô hình (${(error as Error).message}).`,
      true,
    );
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new ModelError(
      `Mô hình trả lỗi HTTP ${response.status}.`,
      response.status === 429 || response.status >= 500,
    );
  }
  try {
    if ((response.headers.get('content-type') ?? '').includes('text/event-stream') && response.body)
      return await readStream(response.body);
    const json = (await response.json()) as { choices?: { message?: { content?: string } }[] };
    const content = json.choices?.[0]?.message?.content;
    if (typeof content !== 'string') throw new Error('no content');
    return content;
  } catch (error) {
    if (signal.aborted)
      throw new ModelError(`Mô hình không trả lời hết trong ${config.SYNTHESIS_MODEL_TIMEOUT_MS} ms.`, true);
    throw new ModelError(`Không đọc được câu trả lời của mô hình (${(error as Error).message}).`, false);
  }
}

async function completeWithRetry(config: ModelConfig, prompt: string, options: ModelCallOptions) {
  try {
    return await complete(config, prompt, options);
  } catch (error) {
    if (!(error instanceof ModelError) || !error.retry) throw error;
    return complete(config, prompt, options);
  }
}

/**
 * Asks the configured model to reword the sentences; keeps each input text unless the answer for it
 * names exactly its sources. Never throws: a model that fails leaves the template text in place.
 */
export async function rewordSentences(
  config: ModelConfig,
  inputs: readonly RewordInput[],
  options: ModelCallOptions = {},
): Promise<RewordResult> {
  const texts = inputs.map((s) => s.text);
  if (!modelConfigured(config) || inputs.length === 0) return { texts, accepted: 0, rejected: 0, note: null };
  const batchSize = options.batchSize ?? 40;
  let accepted = 0;
  let rejected = 0;
  const notes = new Set<string>();
  for (let start = 0; start < inputs.length; start += batchSize) {
    const batch = inputs.slice(start, start + batchSize);
    const lines = encode(batch, start);
    let answer: ReturnType<typeof parseAnswer>;
    try {
      answer = parseAnswer(await completeWithRetry(config, lines.map((l) => l.line).join('\n'), options));
    } catch (error) {
      rejected += batch.length;
      notes.add(error instanceof ModelError ? error.message : 'Mô hình gặp lỗi.');
      continue;
    }
    lines.forEach((line, i) => {
      const got = answer.get(line.key);
      if (got?.text && sameSet(got.sources, line.sources)) {
        texts[start + i] = got.text.normalize('NFC');
        accepted++;
        return;
      }
      rejected++;
      notes.add(
        !got?.text
          ? 'Một số câu không có trong câu trả lời của mô hình: giữ câu gốc.'
          : 'Mô hình đổi nguồn của một số câu: giữ câu gốc cho các câu đó.',
      );
    });
  }
  return { texts, accepted, rejected, note: notes.size ? [...notes].join(' ') : null };
}
