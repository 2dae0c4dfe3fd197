/**
 * The optional model against a fake OpenAI-compatible server on loopback (node:http): a normal
 * answer is taken, a streamed one too; a server slower than the timeout (twice: the retry) leaves the
 * template text; an answer that invents a source id, drops one, or moves one to another sentence is
 * refused for that sentence. The request is what an OpenAI-compatible server expects (temperature 0,
 * the model's name, the key as a bearer), and nothing is sent when no model is configured.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelConfig } from '../../config';
import { parseAnswer, type RewordInput, rewordSentences } from './model-client';

interface Seen {
  url: string;
  authorization: string | undefined;
  body: {
    model: string;
    temperature: number;
    stream: boolean;
    messages: { role: string; content: string }[];
  };
}

/** What the fake server answers: a function of the prompt's lines. */
let answer: (lines: string[], stream: boolean) => { delayMs?: number; content: string; stream?: boolean } =
  () => ({
    content: '',
  });
const seen: Seen[] = [];
let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const body = JSON.parse(raw) as Seen['body'];
      seen.push({ url: req.url ?? '', authorization: req.headers.authorization, body });
      const lines = body.messages.at(-1)!.content.split('\n');
      const reply = answer(lines, body.stream);
      const send = () => {
        if (res.destroyed) return;
        if (reply.stream ?? body.stream) {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          // the content in small pieces, split inside words and lines as real servers do
          const pieces = reply.content.match(/[\s\S]{1,7}/g) ?? [];
          for (const piece of pieces)
            res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: piece } }] })}\n\n`);
          res.end('data: [DONE]\n\n');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: reply.content } }] }));
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const config = (overrides: Partial<ModelConfig> = {}): ModelConfig => ({
  SYNTHESIS_MODEL_URL: baseUrl,
  SYNTHESIS_MODEL_NAME: 'thu-nghiem',
  SYNTHESIS_MODEL_API_KEY: 'khoa-bi-mat',
  SYNTHESIS_MODEL_TIMEOUT_MS: 2000,
  ...overrides,
});

const INPUT: RewordInput[] = [
  {
    text: '3/5 đơn vị nêu thiếu kinh phí.',
    sourceIds: ['r1:obstacles:1', 'r2:obstacles:1', 'r3:obstacles:2'],
  },
  { text: '2/5 đơn vị đề nghị bổ sung cán bộ.', sourceIds: ['r2:proposals:1', 'r4:proposals:1'] },
];

/** Each prompt line reworded: "[C1] … [N1][N2]" → "[C1] Đã viết lại: … [N1][N2]". */
const reword = (lines: string[]) =>
  lines.map((l) => l.replace(/^\[(C\d+)\] (.*?) ((?:\[N\d+\])+)$/, '[$1] Đã viết lại: $2 $3')).join('\n');

describe('rewordSentences', () => {
  it('takes a normal answer whose sentences keep their sources, and asks as OpenAI-compatible servers expect', async () => {
    seen.length = 0;
    answer = (lines) => ({ content: reword(lines) });
    const result = await rewordSentences(config(), INPUT);
    expect(result).toEqual({
      texts: [
        'Đã viết lại: 3/5 đơn vị nêu thiếu kinh phí.',
        'Đã viết lại: 2/5 đơn vị đề nghị bổ sung cán bộ.',
      ],
      accepted: 2,
      rejected: 0,
      note: null,
    });
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request!.url).toBe('/v1/chat/completions');
    expect(request!.authorization).toBe('Bearer khoa-bi-mat');
    expect(request!.body).toMatchObject({ model: 'thu-nghiem', temperature: 0, stream: false });
    // each sentence with its sources marked: three distinct sources, then two more
    expect(request!.body.messages.at(-1)!.content).toBe(
      '[C1] 3/5 đơn vị nêu thiếu kinh phí. [N1][N2][N3]\n[C2] 2/5 đơn vị đề nghị bổ sung cán bộ. [N4][N5]',
    );
  });

  it('reads a streamed answer', async () => {
    seen.length = 0;
    answer = (lines) => ({ content: reword(lines) });
    const result = await rewordSentences(config(), INPUT, { stream: true });
    expect(seen[0]!.body.stream).toBe(true);
    expect(result.accepted).toBe(2);
    expect(result.texts[1]).toBe('Đã viết lại: 2/5 đơn vị đề nghị bổ sung cán bộ.');
  });

  it('keeps the template text when the server is slower than the timeout, after one retry', async () => {
    seen.length = 0;
    answer = (lines) => ({ content: reword(lines), delayMs: 600 });
    const started = performance.now();
    const result = await rewordSentences(config({ SYNTHESIS_MODEL_TIMEOUT_MS: 200 }), INPUT);
    expect(result.texts).toEqual(INPUT.map((s) => s.text));
    expect(result).toMatchObject({ accepted: 0, rejected: 2 });
    expect(result.note).toContain('không trả lời trong 200 ms');
    expect(seen).toHaveLength(2);
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('refuses a sentence that cites an invented source, keeps the other', async () => {
    answer = () => ({
      content:
        '[C1] Ba đơn vị thiếu kinh phí, một số xã khác cũng vậy. [N1][N2][N3][N9]\n[C2] Hai đơn vị đề nghị thêm cán bộ. [N4][N5]',
    });
    const result = await rewordSentences(config(), INPUT);
    expect(result.texts).toEqual([INPUT[0]!.text, 'Hai đơn vị đề nghị thêm cán bộ.']);
    expect(result).toMatchObject({ accepted: 1, rejected: 1 });
    expect(result.note).toContain('đổi nguồn');
  });

  it('refuses a dropped source, a source moved between sentences, and an answer it cannot read', async () => {
    answer = () => ({ content: '[C1] Thiếu kinh phí. [N1][N2]\n[C2] Đề nghị thêm cán bộ. [N3][N4][N5]' });
    expect((await rewordSentences(config(), INPUT)).texts).toEqual(INPUT.map((s) => s.text));
    answer = () => ({ content: 'Xin lỗi, tôi không thể giúp việc này.' });
    const unreadable = await rewordSentences(config(), INPUT);
    expect(unreadable).toMatchObject({ texts: INPUT.map((s) => s.text), accepted: 0, rejected: 2 });
  });

  it('sends nothing when no model is configured', async () => {
    seen.length = 0;
    const result = await rewordSentences(config({ SYNTHESIS_MODEL_URL: undefined }), INPUT);
    expect(result).toEqual({ texts: INPUT.map((s) => s.text), accepted: 0, rejected: 0, note: null });
    expect(seen).toHaveLength(0);
  });
});

describe('parseAnswer', () => {
  it('reads list bullets and ignores lines of another shape', () => {
    const parsed = parseAnswer('Đây là kết quả:\n- [C1] Câu một. [N1] [N2]\n[C2] Không có nguồn.');
    expect([...parsed.keys()]).toEqual(['C1']);
    expect([...parsed.get('C1')!.sources]).toEqual(['N1', 'N2']);
  });
});
