/**
 * Hostile files against the real import route: the ZIP bombs of the security review (one 400 MB
 * inline string in a 0.4 MB XLSX; millions of shared strings in a small one), files that lie about
 * their sizes, and over-long cells. Each must end in a 4xx naming the limit, with the server still
 * answering and no temporary file left.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TProblem } from '../../common/problem';
import { AppError } from '../errors/app-error';
import { createTestContext, type TestContext } from '../test/context';
import { buildOrgUnit } from '../test/factories';
import type { Injector } from '../test/sessions';
import { signInAs } from '../test/sessions';
import { parseFile } from './parse-file';
import { bufferSource } from './source';
import { buildXlsx, buildZip, inlineRow } from './test-zip';
import { inspectZip } from './zip-guard';

const MB = 1024 * 1024;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One cell holding `megabytes` MB of "a", inline in the sheet. */
function* hugeInlineCell(megabytes: number) {
  const chunk = Buffer.alloc(MB, 'a');
  yield '<row r="1"><c r="A1" t="inlineStr"><is><t>';
  for (let i = 0; i < megabytes; i++) yield chunk;
  yield '</t></is></c></row>';
}

/** `count` different shared strings, in chunks of 10,000. */
function* manySharedStrings(count: number) {
  for (let i = 0; i < count; i += 10_000) {
    let chunk = '';
    for (let j = i; j < Math.min(count, i + 10_000); j++) chunk += `<si><t>${j}</t></si>`;
    yield chunk;
  }
}

const header = inlineRow(1, ['indicator_code', 'org_unit_code', 'period', 'value', 'comment']);

let ctx: TestContext;
let officer: Injector;
let tmp: string;
let inlineBomb: Buffer;
let stringsBomb: Buffer;

beforeAll(async () => {
  ctx = await createTestContext();
  const commune = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId });
  officer = (await signInAs(ctx.app, ctx.db, 'officer', commune.id)).inject;
  // spooled uploads and the parser's temporary files go here, so the test can see what is left
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bombs-test-'));
  process.env.TMPDIR = tmp;
  inlineBomb = await buildXlsx({ sheetRows: hugeInlineCell(400) });
  stringsBomb = await buildXlsx({
    sharedStrings: manySharedStrings(3_000_000),
    sheetRows: [header, '<row r="2"><c r="A2" t="s"><v>2999999</v></c></row>'],
  });
}, 120_000);

afterAll(async () => {
  delete process.env.TMPDIR;
  fs.rmSync(tmp, { recursive: true, force: true });
  await ctx?.close();
});

const upload = (body: Buffer) =>
  officer({
    method: 'POST',
    url: '/api/data-values/import?dryRun=true',
    headers: { 'content-type': XLSX_TYPE },
    payload: body,
  });

/** spooled uploads and parse folders still there (tsx keeps its own cache beside them) */
const leftovers = () => fs.readdirSync(tmp).filter((name) => name.startsWith('lotrinh-'));

async function expectRefused(body: Buffer, status: number, detail: string) {
  const res = await upload(body);
  expect(res.statusCode, res.body).toBe(status);
  const problem = res.json<TProblem>();
  expect(problem.detail).toContain(detail);
  const health = await ctx.app.inject({ method: 'GET', url: '/api/health' });
  expect(health.statusCode).toBe(200);
  expect(leftovers()).toEqual([]);
  return problem;
}

describe('files that would exhaust the server', () => {
  it('a 0.4 MB XLSX holding one 400 MB inline string is refused from its ZIP directory', async () => {
    expect(inlineBomb.length).toBeLessThan(0.5 * MB);
    const problem = await expectRefused(inlineBomb, 413, 'tối đa 256 MB');
    expect(problem.code).toBe('file_limit_exceeded');
  });

  it('an XLSX of 3 million shared strings is refused while they are read', async () => {
    expect(stringsBomb.length).toBeLessThan(16 * MB);
    const problem = await expectRefused(stringsBomb, 413, 'tối đa 1.000.000 chuỗi dùng chung');
    expect(problem.code).toBe('file_limit_exceeded');
  });

  it('a file that lies about its size runs the worker out of memory: 413, the server goes on', async () => {
    const liar = await buildXlsx({ sheetRows: hugeInlineCell(400), declaredSheetBytes: 1000 });
    await expectRefused(liar, 413, 'bộ nhớ dành cho việc đọc một tệp (96 MB)');
  });

  it('a cell longer than Excel allows, and a row wider than the columns, are refused by name', async () => {
    const longCell = await buildXlsx({
      sheetRows: [header, inlineRow(2, ['a', 'b', 'c', '1', 'x'.repeat(40_000)])],
    });
    await expectRefused(longCell, 413, 'tối đa 32.767 ký tự trong một ô (dòng 2, cột 5');
    const wide = await buildXlsx({
      sheetRows: [header, `<row r="2"><c r="BA2" t="inlineStr"><is><t>x</t></is></c></row>`],
    });
    await expectRefused(wide, 413, 'tối đa 50 cột (dòng 2 có 53)');
  });

  it('a CSV line without its closing quote is refused at the row limit, not read to the end', async () => {
    const csv = Buffer.from(
      `indicator_code,org_unit_code,period,value,comment\r\na,b,2026M01,1,"${'x'.repeat(70_000)}`,
    );
    const res = await officer({
      method: 'POST',
      url: '/api/data-values/import?dryRun=true',
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json<TProblem>().detail).toContain('65.536 ký tự trên một dòng');
    expect(leftovers()).toEqual([]);
  });
});

describe('files that are fine, or merely wrong', () => {
  it('leave no temporary file behind either', async () => {
    const good = await buildXlsx({ sheetRows: [header, inlineRow(2, ['X', 'Y', '2026M01', '1'])] });
    const res = await upload(good);
    expect(res.statusCode, res.body).toBe(200);
    expect(leftovers()).toEqual([]);
    const headless = await buildXlsx({ sheetRows: [inlineRow(1, ['a', 'b'])] });
    expect((await upload(headless)).statusCode).toBe(400);
    expect(leftovers()).toEqual([]);
  });
});

describe('the parse worker', () => {
  it('a parse that outgrows the worker heap ends the worker, with a 413 naming the memory', async () => {
    const unlimited = { sharedStrings: Number.MAX_SAFE_INTEGER, sharedStringChars: Number.MAX_SAFE_INTEGER };
    const error = await (async () => {
      for await (const _ of parseFile('xlsx', bufferSource(stringsBomb), {
        limits: { ...unlimited, parserHeapMb: 16, parserYoungHeapMb: 4 },
      })) {
        // nothing: the strings come before any row
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('file_limit_exceeded');
    expect(JSON.stringify((error as AppError).options.params)).toContain('16 MB');
  });

  it('counts rows as it streams, and hands them over a batch at a time', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => inlineRow(i + 2, ['A', 'B', '2026M01', String(i)]));
    const file = bufferSource(await buildXlsx({ sheetRows: [header, ...rows] }));
    const read: number[] = [];
    for await (const record of parseFile('xlsx', file, { batchItems: 4 })) read.push(record.row);
    expect(read).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    const error = await (async () => {
      for await (const _ of parseFile('xlsx', file, { limits: { rows: 10 }, batchItems: 4 })) {
        // refused on the 11th
      }
    })().catch((e: unknown) => e);
    expect((error as AppError).code).toBe('file_limit_exceeded');
    expect(JSON.stringify((error as AppError).options.params)).toContain('tối đa 10 dòng');
    // the worker that refused the file reads the next one (idle workers are reused)
    let again = 0;
    for await (const _ of parseFile('xlsx', file)) again++;
    expect(again).toBe(31);
  });

  it('runs two parses at once; a third waits for one of them to end', async () => {
    const file = bufferSource(Buffer.from('a,b\n1,2\n3,4\n'));
    const [first, second, third] = [0, 1, 2].map(() => parseFile('csv', file));
    expect((await first!.next()).value).toEqual({ cells: ['a', 'b'], row: 1 });
    expect((await second!.next()).value).toEqual({ cells: ['a', 'b'], row: 1 });
    let started = false;
    const waiting = third!.next().then((r) => {
      started = true;
      return r;
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(started).toBe(false);
    await first!.return(undefined);
    expect((await waiting).value).toEqual({ cells: ['a', 'b'], row: 1 });
    await second!.return(undefined);
    await third!.return(undefined);
  });
});

describe('the ZIP directory', () => {
  const entry = (name: string, text: string) => ({ name, chunks: [text] });

  it('refuses too many entries, a high compression ratio, and encrypted entries', async () => {
    const many = await buildZip(Array.from({ length: 12 }, (_, i) => entry(`f${i}`, 'x')));
    await expect(inspectZip(bufferSource(many), { ...limits, zipEntries: 10 })).rejects.toMatchObject({
      code: 'file_limit_exceeded',
    });
    const dense = await buildZip([{ name: 'a', chunks: [Buffer.alloc(2 * MB, 'a')] }]);
    await expect(inspectZip(bufferSource(dense), limits)).rejects.toMatchObject({
      code: 'file_limit_exceeded',
    });

    const encrypted = await buildZip([entry('a', 'secret')]);
    const central = encrypted.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    encrypted.writeUInt16LE(encrypted.readUInt16LE(central + 8) | 1, central + 8);
    await expect(inspectZip(bufferSource(encrypted), limits)).rejects.toMatchObject({
      code: 'unsupported_file',
    });
  });

  it('refuses an entry the directory does not list (a streaming reader would read it)', async () => {
    const listed = await buildZip([entry('a', 'one'), entry('b', 'two')]);
    // drop the first entry from the directory: its bytes stay where a streaming reader starts
    const hidden = await buildZip([entry('a', 'one'), entry('b', 'two')]);
    const central = hidden.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const second = hidden.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), central + 4);
    const eocd = hidden.length - 22;
    const patched = Buffer.concat([
      hidden.subarray(0, central),
      hidden.subarray(second, eocd),
      hidden.subarray(eocd),
    ]);
    patched.writeUInt16LE(1, patched.length - 22 + 8);
    patched.writeUInt16LE(1, patched.length - 22 + 10);
    patched.writeUInt32LE(eocd - second, patched.length - 22 + 12);
    await expect(inspectZip(bufferSource(listed), limits)).resolves.toHaveLength(2);
    await expect(inspectZip(bufferSource(patched), limits)).rejects.toMatchObject({
      code: 'unsupported_file',
    });
  });
});

const limits = { uncompressedBytes: 256 * MB, compressionRatio: 100, ratioFromBytes: MB, zipEntries: 5000 };
