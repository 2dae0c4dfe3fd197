import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  TDataValueInput,
  TEntrySheet,
  TWriteDataValuesResult,
} from '../../../common/contracts/data-values';
import type { TProblem } from '../../../common/problem';
import { rowsOf } from '../../db/sql';
import { adminActor } from '../../test/actors';
import { createTestContext, type TestContext } from '../../test/context';
import { buildIndicator, buildOrgUnit } from '../../test/factories';
import { signInAs } from '../../test/sessions';
import { bufferSource } from './files';
import { importDataValues } from './import';

let ctx: TestContext;
let district: { id: string; code: string };
let communeA: { id: string; code: string };
let communeB: { id: string; code: string };
let count: { id: string; code: string };
let share: { id: string; code: string };

beforeAll(async () => {
  ctx = await createTestContext();
  // root (province) → district-like grouping → communes: the middle unit keeps roll-ups.
  district = await buildOrgUnit(ctx.db, { kind: 'other', parentId: ctx.rootOrgUnitId });
  communeA = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: district.id });
  communeB = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: district.id });
  count = await buildIndicator(ctx.db, { valueType: 'count', reportedBy: ['commune'] });
  share = await buildIndicator(ctx.db, {
    valueType: 'percent',
    aggregation: 'average',
    timeAggregation: 'latest',
    reportedBy: ['commune'],
    targets: { '2026': 80 },
    ruleCommentWhenOffTarget: true,
  });
});

afterAll(async () => {
  await ctx?.close();
});

const write = (values: TDataValueInput[], extra: Record<string, unknown> = {}, inject = ctx.inject) =>
  inject({ method: 'POST', url: '/api/data-values', payload: { values, ...extra } });

async function rollup(indicatorId: string, orgUnitId: string, period: string) {
  const [row] = rowsOf<{ value_count: number; value_sum: string; value_min: string; value_max: string }>(
    await ctx.db.execute(sql`select value_count, value_sum::text, value_min::text, value_max::text from data_rollups
      where indicator_id = ${indicatorId} and org_unit_id = ${orgUnitId} and period = ${period}`),
  );
  return row
    ? {
        count: row.value_count,
        sum: Number(row.value_sum),
        min: Number(row.value_min),
        max: Number(row.value_max),
      }
    : null;
}

describe('writing data values', () => {
  it('creates, leaves a re-send unchanged, updates, clears — with history and live roll-ups', async () => {
    const first = await write([
      { indicatorCode: count.code, orgUnitCode: communeA.code, period: '2026M10', value: 7 },
    ]);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<TWriteDataValuesResult>()).toMatchObject({ applied: true, created: 1, rejected: 0 });
    await write([{ indicatorCode: count.code, orgUnitCode: communeB.code, period: '2026M10', value: 5 }]);
    expect(await rollup(count.id, district.id, '2026M10')).toEqual({ count: 2, sum: 12, min: 5, max: 7 });

    const again = await write([
      { indicatorCode: count.code, orgUnitCode: communeA.code, period: '2026M10', value: 7 },
    ]);
    expect(again.json<TWriteDataValuesResult>()).toMatchObject({
      applied: true,
      created: 0,
      updated: 0,
      unchanged: 1,
    });

    await write([{ indicatorCode: count.code, orgUnitCode: communeA.code, period: '2026M10', value: 3 }]);
    expect(await rollup(count.id, district.id, '2026M10')).toEqual({ count: 2, sum: 8, min: 3, max: 5 });

    const cleared = await write([
      { indicatorCode: count.code, orgUnitCode: communeB.code, period: '2026M10', value: null },
    ]);
    expect(cleared.json<TWriteDataValuesResult>().cleared).toBe(1);
    // the maximum left: recomputed from what remains
    expect(await rollup(count.id, district.id, '2026M10')).toEqual({ count: 1, sum: 3, min: 3, max: 3 });
    // the root keeps no roll-up row: its figure is combined from its children at read time
    expect(await rollup(count.id, ctx.rootOrgUnitId, '2026M10')).toBeNull();

    const history = await ctx.inject({
      method: 'GET',
      url: `/api/data-values/history?indicatorId=${count.id}&orgUnitId=${communeA.id}&period=2026M10`,
    });
    expect(history.json<{ items: { value: number | null }[] }>().items.map((i) => i.value)).toEqual([3, 7]);
  });

  it('reports every bad row; all_or_nothing writes none, valid_rows writes the good ones', async () => {
    const rows: TDataValueInput[] = [
      { indicatorCode: count.code, orgUnitCode: communeA.code, period: '2026M09', value: 4 },
      { indicatorCode: 'KHONG.CO', orgUnitCode: communeA.code, period: '2026M09', value: 1 },
      { indicatorCode: count.code, orgUnitCode: 'KHONG-CO', period: '2026M09', value: 1 },
      { indicatorCode: count.code, orgUnitCode: communeA.code, period: '2026Q3', value: 1 },
      { indicatorCode: count.code, orgUnitCode: communeA.code, period: '2027M01', value: 1 },
      { indicatorCode: count.code, orgUnitCode: communeB.code, period: '2026M09', value: 1.5 },
      { indicatorCode: share.code, orgUnitCode: communeA.code, period: '2026M09', value: 101 },
      { indicatorCode: share.code, orgUnitCode: communeB.code, period: '2026M09', value: 50 },
      { indicatorCode: count.code, orgUnitCode: communeA.code, period: '2026M09', value: 9 },
      { indicatorCode: count.code, orgUnitCode: district.code, period: '2026M09', value: 9 },
    ];
    const refused = await write(rows);
    expect(refused.statusCode).toBe(422);
    const report = refused.json<TWriteDataValuesResult>();
    expect(report).toMatchObject({ applied: false, total: 10, rejected: 9 });
    expect(report.errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'unknown_indicator'],
      [3, 'unknown_org_unit'],
      [4, 'wrong_period_type'],
      [5, 'future_period'],
      [6, 'not_integer'],
      [7, 'above_max'],
      [8, 'comment_required'],
      [9, 'duplicate_row'],
      [10, 'not_reporting_unit'],
    ]);
    expect(await rollup(count.id, district.id, '2026M09')).toBeNull();

    const partial = await write(rows, { mode: 'valid_rows' });
    expect(partial.statusCode).toBe(200);
    expect(partial.json<TWriteDataValuesResult>()).toMatchObject({ applied: true, created: 1, rejected: 9 });
    expect(await rollup(count.id, district.id, '2026M09')).toMatchObject({ count: 1, sum: 4 });
  });

  it('refuses an edit based on an old version', async () => {
    const key = { indicatorCode: count.code, orgUnitCode: communeB.code, period: '2026M08' };
    await write([{ ...key, value: 1 }]);
    await write([{ ...key, value: 2, version: 1 }]);
    const stale = await write([{ ...key, value: 3, version: 1 }]);
    expect(stale.statusCode).toBe(422);
    expect(stale.json<TWriteDataValuesResult>().errors[0]).toMatchObject({ code: 'version_conflict' });
  });

  it('an officer writes their commune only; another commune is as unknown; a leader writes nothing', async () => {
    const officer = await signInAs(ctx.app, ctx.db, 'officer', communeA.id);
    const own = await write(
      [{ indicatorCode: count.code, orgUnitCode: communeA.code, period: '2026M07', value: 2 }],
      {},
      officer.inject,
    );
    expect(own.statusCode, own.body).toBe(200);
    const other = await write(
      [{ indicatorCode: count.code, orgUnitCode: communeB.code, period: '2026M07', value: 2 }],
      {},
      officer.inject,
    );
    expect(other.json<TWriteDataValuesResult>().errors[0]).toMatchObject({ code: 'unknown_org_unit' });
    const sheet = await officer.inject({
      method: 'GET',
      url: `/api/data-values?orgUnitId=${communeB.id}&period=2026M07`,
    });
    expect(sheet.statusCode).toBe(404);
    const leader = await signInAs(ctx.app, ctx.db, 'steering', ctx.rootOrgUnitId);
    const refused = await write(
      [{ indicatorCode: count.code, orgUnitCode: communeA.code, period: '2026M07', value: 2 }],
      {},
      leader.inject,
    );
    expect(refused.statusCode).toBe(403);
  });

  it('shows the entry sheet of a unit and period with the values and the Decree 09 window', async () => {
    const res = await ctx.inject({
      method: 'GET',
      url: `/api/data-values?orgUnitId=${communeA.id}&period=2026M10`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const sheet = res.json<TEntrySheet>();
    expect(sheet.window).toEqual({ start: '2026-09-15', end: '2026-10-14' });
    const row = sheet.rows.find((r) => r.indicator.code === count.code)!;
    expect(row).toMatchObject({ value: 3, version: 2 });
    expect(sheet.rows.find((r) => r.indicator.code === share.code)?.indicator.target).toBe(80);
  });
});

describe('importing files', () => {
  const csv = (lines: string[]) =>
    ['indicator_code,org_unit_code,period,value,comment', ...lines].join('\r\n');
  const upload = (body: string | Buffer, query = '', contentType = 'text/csv') =>
    ctx.inject({
      method: 'POST',
      url: `/api/data-values/import${query}`,
      headers: { 'content-type': contentType },
      payload: body,
    });

  it('imports a CSV; re-sending the same file changes nothing', async () => {
    const file = csv([
      `${count.code},${communeA.code},2026M06,10,`,
      `${count.code},${communeB.code},2026M06,"1 234",nhập từ tệp`,
      `${share.code},${communeA.code},2026M06,"85,5",`,
      `${share.code},${communeB.code},2026M06,,`,
    ]);
    const first = await upload(file);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<TWriteDataValuesResult>()).toMatchObject({
      applied: true,
      total: 4,
      created: 3,
      unchanged: 1,
    });
    const again = await upload(file);
    expect(again.json<TWriteDataValuesResult>()).toMatchObject({
      applied: true,
      created: 0,
      updated: 0,
      unchanged: 4,
    });
    const [revisions] = rowsOf<{ n: number }>(
      await ctx.db.execute(sql`select count(*)::int as n from data_value_revisions where period = '2026M06'`),
    );
    expect(revisions!.n).toBe(3);
    expect(await rollup(count.id, district.id, '2026M06')).toMatchObject({ count: 2, sum: 1244 });
  });

  it('names the line of each bad row in a file and writes nothing in all_or_nothing', async () => {
    const res = await upload(
      csv([`${count.code},${communeA.code},2026M05,abc,`, `${count.code},${communeA.code},2026M05,3,`]),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json<TWriteDataValuesResult>()).toMatchObject({ applied: false, rejected: 1 });
    expect(res.json<TWriteDataValuesResult>().errors[0]).toMatchObject({ row: 2, code: 'not_a_number' });
    expect(await rollup(count.id, district.id, '2026M05')).toBeNull();
  });

  it('imports an Excel sheet with Vietnamese headers, and judges files by content not by name', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Số liệu');
    sheet.addRow(['Mã chỉ tiêu', 'Mã đơn vị', 'Kỳ', 'Giá trị', 'Ghi chú']);
    sheet.addRow([count.code, communeA.code, '2026M04', 21, null]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await upload(buffer, '', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<TWriteDataValuesResult>().created).toBe(1);

    const binary = await upload(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]), '', 'text/csv');
    expect(binary.statusCode).toBe(415);
    expect(binary.json<TProblem>().code).toBe('unsupported_file');
    const noHeader = await upload('a,b,c\n1,2,3');
    expect(noHeader.statusCode).toBe(400);
  });

  it('a file read in several batches is still written whole or not at all, duplicates named across batches', async () => {
    const actor = await adminActor(ctx.db, ctx.rootOrgUnitId);
    const file = (lines: string[]) => bufferSource(Buffer.from(csv(lines)));
    const good = [
      `${count.code},${communeA.code},2026M02,1,`,
      `${count.code},${communeB.code},2026M02,2,`,
      `${count.code},${communeA.code},2026M01,4,`,
    ];
    const options = { actor, today: '2026-11-27', batchRows: 2, dryRun: false } as const;

    // the bad row is in the last batch: the first batch, already written, is rolled back
    const refused = await importDataValues(ctx.db, {
      ...options,
      mode: 'all_or_nothing',
      file: file([...good, `${count.code},${communeA.code},2026M02,9,`]),
    });
    expect(refused).toMatchObject({ applied: false, rejected: 1, total: 4 });
    expect(refused.errors[0]).toMatchObject({
      row: 5,
      code: 'duplicate_row',
      message: expect.stringContaining('dòng 2'),
    });
    expect(await rollup(count.id, district.id, '2026M02')).toBeNull();

    const written = await importDataValues(ctx.db, {
      ...options,
      mode: 'valid_rows',
      file: file([...good, `${count.code},${communeA.code},2026M02,9,`]),
    });
    expect(written).toMatchObject({ applied: true, created: 3, rejected: 1, total: 4 });
    expect(await rollup(count.id, district.id, '2026M02')).toMatchObject({ count: 2, sum: 3 });
  });

  it('a unit that moves takes its figures to its new parent', async () => {
    const district2 = await buildOrgUnit(ctx.db, { kind: 'other', parentId: ctx.rootOrgUnitId });
    const commune = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: district.id });
    await write([{ indicatorCode: count.code, orgUnitCode: commune.code, period: '2026M03', value: 11 }]);
    expect(await rollup(count.id, district.id, '2026M03')).toMatchObject({ count: 1, sum: 11 });
    const moved = await ctx.inject({
      method: 'PATCH',
      url: `/api/org-units/${commune.id}`,
      payload: { version: 1, parentId: district2.id },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await rollup(count.id, district.id, '2026M03')).toBeNull();
    expect(await rollup(count.id, district2.id, '2026M03')).toMatchObject({ count: 1, sum: 11 });
  });
});
