/**
 * `npm run synthesis:cluster -- FILE.json` (scripts/synthesis-cluster.ts): the clusters the engine
 * gives with its defaults, every id once; a bad file → a message naming the problem, exit code 2.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clusterSentences } from './clusters';
import { parseSentenceFile } from './input';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotrinh-synthesis-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      ['scripts/synthesis-cluster.ts', ...args],
      { cwd: ROOT },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function file(name: string, content: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}

const SENTENCES = [
  { id: 'x1', text: 'Kinh phí cho chuyển đổi số còn thiếu.' },
  { id: 'x2', text: 'Ngân sách xã không đủ để thuê phần mềm.' },
  { id: 'x3', text: 'Đường truyền internet yếu, hay mất kết nối.' },
  { id: 'x4', text: 'Thôn vùng cao còn lõm sóng.' },
  { id: 'x5', text: 'Đề nghị tập huấn thêm cho công chức.' },
];

describe('parseSentenceFile', () => {
  it('names the item and the field of each problem', () => {
    expect(parseSentenceFile('[{"id": "a", "text": ')).toMatchObject({ ok: false, error: /^not valid JSON/ });
    expect(parseSentenceFile('{"id": "a"}')).toMatchObject({ ok: false, error: /JSON array/ });
    expect(parseSentenceFile('[1]')).toEqual({ ok: false, error: 'item 0 is not an object' });
    expect(parseSentenceFile('[{"id": "", "text": "x"}]')).toEqual({
      ok: false,
      error: 'item 0: "id" must be a non-empty string',
    });
    expect(parseSentenceFile('[{"id": "a", "text": 3}]')).toEqual({
      ok: false,
      error: 'item 0 (id a): "text" must be a string',
    });
    expect(parseSentenceFile('[{"id": "a", "text": "x"}, {"id": "a", "text": "y"}]')).toEqual({
      ok: false,
      error: 'item 1: id "a" appears twice',
    });
    expect(parseSentenceFile('[{"id": "a", "text": "x", "extra": 1}]')).toEqual({
      ok: true,
      sentences: [{ id: 'a', text: 'x' }],
    });
  });
});

describe('synthesis:cluster', () => {
  it('prints the engine’s clusters as [{label, ids}], and exits 2 on a bad file', async () => {
    const [good, bad] = await Promise.all([
      run([file('good.json', JSON.stringify(SENTENCES))]),
      run([file('bad.json', '[{"id": "a", "text": 3}]')]),
    ]);
    expect(good.code).toBe(0);
    const printed = JSON.parse(good.stdout) as { label: string; ids: string[] }[];
    expect(printed).toEqual(clusterSentences(SENTENCES).map((c) => ({ label: c.label, ids: c.ids })));
    expect(printed.flatMap((c) => c.ids).sort()).toEqual(['x1', 'x2', 'x3', 'x4', 'x5']);
    expect(printed.find((c) => c.ids.includes('x1'))).toEqual({
      label: 'Kinh phí, nguồn vốn',
      ids: ['x1', 'x2'],
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('item 0 (id a): "text" must be a string');
    expect(bad.stdout).toBe('');
  });
});
