/**
 * Bad annex files get a clear answer and change nothing: each case is built here, sent to the real
 * preview route, answered with a 4xx (or a preview error) naming what is wrong — the row and the
 * column where there is one — and never a 500; the server still answers, no temporary file is left
 * and no plan or item is written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TPlanImportPreview } from '../../../common/contracts/plan-import';
import type { TProblem } from '../../../common/problem';
import { seedDemoUnitsAndPlan } from '../../demo/seed';
import { buildXlsx, buildZip, inlineRow } from '../../files/test-zip';
import { createTestContext, type TestContext } from '../../test/context';
import { type Injector, signInAs } from '../../test/sessions';
import { planItems } from '../plan-items/tables';
import { plans } from '../plans/tables';
import { annexXlsx } from './test-helpers';

const MB = 1024 * 1024;
const HEADER = ['STT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành', 'Sản phẩm'];

let ctx: TestContext;
let secretariat: Injector;
let tmp: string;
let counts: { plans: number; items: number };

const count = async () => ({
  plans: (await ctx.db.select({ id: plans.id }).from(plans)).length,
  items: (await ctx.db.select({ id: planItems.id }).from(planItems)).length,
});

beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemoUnitsAndPlan(ctx.db);
  secretariat = (await signInAs(ctx.app, ctx.db, 'secretariat', ctx.rootOrgUnitId)).inject;
  // spooled uploads and parse folders go here, so the test sees what is left
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'annex-bad-files-'));
  process.env.TMPDIR = tmp;
  counts = await count();
}, 120_000);

afterAll(async () => {
  delete process.env.TMPDIR;
  fs.rmSync(tmp, { recursive: true, force: true });
  await ctx?.close();
});

const upload = (body: Buffer) =>
  secretariat({
    method: 'POST',
    url: '/api/plans/import/preview',
    headers: { 'content-type': 'application/octet-stream' },
    payload: body,
  });

/** The answer to a refused file: its status and problem, the server fine, nothing left or written. */
async function expectRefused(body: Buffer, status: number, code: string, detail: string) {
  const res = await upload(body);
  expect(res.statusCode, res.body).toBe(status);
  const problem = res.json<TProblem>();
  expect(problem.code).toBe(code);
  expect(problem.detail).toContain(detail);
  expect((await ctx.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  expect(fs.readdirSync(tmp).filter((name) => name.startsWith('lotrinh-'))).toEqual([]);
  expect(await count()).toEqual(counts);
  return problem;
}

/** The parts of a minimal workbook (as test-zip's buildXlsx writes them) plus `extra` entries. */
async function workbookWith(extra: { name: string; chunks: string[] }[]) {
  const honest = await annexXlsx({ rows: [['1', 'Việc', 'Sở Tài chính', '', '2026', '']] });
  const entries = readZipEntries(honest);
  return buildZip([...entries, ...extra]);
}

/** The stored entries of a ZIP written by ExcelJS (deflated), inflated again. */
function readZipEntries(zip: Buffer): { name: string; chunks: Buffer[] }[] {
  const out: { name: string; chunks: Buffer[] }[] = [];
  for (let at = 0; zip.readUInt32LE(at) === 0x04034b50; ) {
    const method = zip.readUInt16LE(at + 8);
    const flags = zip.readUInt16LE(at + 6);
    const nameLength = zip.readUInt16LE(at + 26);
    const extraLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 30, at + 30 + nameLength);
    const start = at + 30 + nameLength + extraLength;
    let size = zip.readUInt32LE(at + 18);
    if (flags & 0x08) {
      // sizes after the data: find the next header
      let next = start;
      while (next < zip.length - 4 && ![0x04034b50, 0x02014b50].includes(zip.readUInt32LE(next))) next++;
      size = next - start - (zip.readUInt32LE(next - 16) === 0x08074b50 ? 16 : 12);
      at = next;
    } else at = start + size;
    const data = zip.subarray(start, start + size);
    out.push({ name, chunks: [method === 8 ? zlib.inflateRawSync(data) : data] });
  }
  return out;
}

/** A compound file (CFB) as Office writes a password-protected workbook: its directory names the streams. */
function encryptedWorkbook(): Buffer {
  const sector = 512;
  const file = Buffer.alloc(sector * 4);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(file, 0);
  file.writeUInt16LE(0x003e, 24); // minor version
  file.writeUInt16LE(0x0003, 26); // major version 3
  file.writeUInt16LE(0xfffe, 28); // little-endian
  file.writeUInt16LE(9, 30); // 512-byte sectors
  file.writeUInt32LE(1, 48); // first directory sector
  ['Root Entry', 'EncryptionInfo', 'EncryptedPackage'].forEach((name, i) => {
    const entry = sector * 2 + i * 128;
    Buffer.from(`${name}\0`, 'utf16le').copy(file, entry);
    file.writeUInt16LE((name.length + 1) * 2, entry + 64);
    file[entry + 66] = i === 0 ? 5 : 2;
  });
  return file;
}

describe('files that are not an annex', () => {
  it('a damaged file (not a ZIP, or a ZIP cut short) is refused: 415', async () => {
    await expectRefused(
      Buffer.from('Đây không phải tệp Excel\n'),
      415,
      'unsupported_file',
      'không phải tệp Excel',
    );
    const honest = await annexXlsx({ rows: [['1', 'Việc', 'Sở Tài chính', '', '2026', '']] });
    await expectRefused(
      honest.subarray(0, honest.length - 200),
      415,
      'unsupported_file',
      'không thấy mục lục',
    );
  });

  it('a password-protected workbook is named as such: 415', async () => {
    await expectRefused(encryptedWorkbook(), 415, 'unsupported_file', 'được bảo vệ bằng mật khẩu');
  });

  it('an old .xls is told to be saved as .xlsx: 415', async () => {
    const xls = encryptedWorkbook();
    xls.fill(0, 1024);
    await expectRefused(xls, 415, 'unsupported_file', 'Excel 97–2003 (.xls)');
  });

  it('a workbook with macros (xl/vbaProject.bin) is refused: 415', async () => {
    const xlsm = await workbookWith([{ name: 'xl/vbaProject.bin', chunks: ['ATTRIBUT Macro'] }]);
    await expectRefused(xlsm, 415, 'unsupported_file', 'có macro (xl/vbaProject.bin)');
  });

  it('a ZIP bomb (400 MB of one cell in 0.4 MB) is refused from its directory: 413', async () => {
    const bomb = await buildXlsx({
      sheetRows: (function* () {
        yield '<row r="1"><c r="A1" t="inlineStr"><is><t>';
        const chunk = Buffer.alloc(MB, 'a');
        for (let i = 0; i < 400; i++) yield chunk;
        yield '</t></is></c></row>';
      })(),
    });
    expect(bomb.length).toBeLessThan(0.5 * MB);
    await expectRefused(bomb, 413, 'file_limit_exceeded', 'tối đa 256 MB');
  });

  it('a file over the upload limit is refused as it arrives: 413', async () => {
    await expectRefused(Buffer.alloc(11 * MB, 1), 413, 'payload_too_large', '10 MB');
  });

  it('more rows than an annex may have: 413 naming the limit', async () => {
    const rows = [inlineRow(1, HEADER)];
    for (let r = 2; r <= 5_003; r++) rows.push(inlineRow(r, [String(r), 'Việc', 'Sở Tài chính']));
    await expectRefused(
      await buildXlsx({ sheetRows: rows }),
      413,
      'file_limit_exceeded',
      'tối đa 5.000 dòng',
    );
  });
});

describe('tables that are not the annex layout', () => {
  it('no header row: 422 saying which columns it looks for', async () => {
    const file = await annexXlsx({ header: ['Tên', 'Ghi chép'], rows: [['a', 'b']] });
    const problem = await expectRefused(file, 422, 'invalid_reference', 'không tìm thấy dòng tiêu đề');
    expect(problem.detail).toContain('STT, Nhiệm vụ, Cơ quan chủ trì');
  });

  it('a missing column: 422 naming it and the header row', async () => {
    const file = await annexXlsx({
      above: ['PHỤ LỤC', ''],
      header: ['STT', 'Nhiệm vụ', 'Cơ quan phối hợp', 'Thời gian hoàn thành'],
      rows: [['1', 'Việc', 'Sở Tài chính', '2026']],
    });
    const problem = await expectRefused(file, 422, 'invalid_reference', 'thiếu cột “Cơ quan chủ trì”');
    expect(problem.errors).toEqual([
      {
        field: 'dòng 3',
        code: 'annex_layout',
        message: 'Dòng tiêu đề (dòng 3) thiếu cột “Cơ quan chủ trì”.',
      },
    ]);
  });

  it('an unknown column: 422 naming its cell and header', async () => {
    const file = await annexXlsx({
      header: [...HEADER, 'Người ký'],
      rows: [['1', 'Việc', 'Sở Tài chính', '', '2026', '', 'A']],
    });
    const problem = await expectRefused(
      file,
      422,
      'invalid_reference',
      'Cột G (“Người ký”, dòng 1) không thuộc mẫu phụ lục',
    );
    expect(problem.errors![0]!.field).toBe('G1');
  });
});

describe('rows that cannot be written', () => {
  const rowErrors = async (file: Buffer) => {
    const res = await upload(file);
    expect(res.statusCode, res.body).toBe(200);
    expect(await count()).toEqual(counts);
    const body = res.json<TPlanImportPreview>();
    expect(body.canCommit).toBe(false);
    return body.rows.flatMap((r) => r.issues.filter((i) => i.severity === 'error'));
  };

  it('unknown agencies: a preview error on their row and column', async () => {
    const errors = await rowErrors(
      await annexXlsx({ rows: [['1', 'Việc', 'Sở Hàng hải', 'Sở Tài chính; Cục Thuế tỉnh', '2026', '']] }),
    );
    expect(errors.map((e) => [e.code, e.cell])).toEqual([
      ['unknown_agency', 'C2'],
      ['unknown_agency', 'D2'],
    ]);
    expect(errors[1]!.message).toBe(
      'Dòng 2, cột D (Cơ quan phối hợp): không tìm thấy cơ quan “Cục Thuế tỉnh” trong danh mục đơn vị.',
    );
  });

  it('a row with no task name: a preview error on its row and column', async () => {
    const errors = await rowErrors(
      await annexXlsx({ rows: [['1', '', 'Sở Tài chính', '', '2026', 'Báo cáo']] }),
    );
    expect(errors).toEqual([
      {
        severity: 'error',
        code: 'missing_title',
        row: 2,
        column: 'title',
        cell: 'B2',
        message: 'Dòng 2, cột B (Nhiệm vụ): chưa có tên nhiệm vụ.',
      },
    ]);
  });
});
