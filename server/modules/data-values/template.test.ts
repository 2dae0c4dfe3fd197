import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TEntrySheet, TWriteDataValuesResult } from '../../../common/contracts/data-values';
import { createTestContext, type TestContext } from '../../test/context';
import { buildIndicator, buildOrgUnit } from '../../test/factories';
import { signInAs } from '../../test/sessions';
import { TEMPLATE_HEADERS } from './template';

let ctx: TestContext;
let commune: { id: string; code: string };
let otherCommune: { id: string; code: string };
let count: { id: string; code: string };
let share: { id: string; code: string };
let empty: { id: string; code: string };

beforeAll(async () => {
  ctx = await createTestContext();
  commune = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId });
  otherCommune = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId });
  count = await buildIndicator(ctx.db, { valueType: 'count', reportedBy: ['commune'], unit: 'hồ sơ' });
  share = await buildIndicator(ctx.db, { valueType: 'percent', reportedBy: ['commune'], unit: '%' });
  empty = await buildIndicator(ctx.db, { valueType: 'number', reportedBy: ['commune'] });
  // not on the commune's sheet: a department's indicator, and a quarterly one
  await buildIndicator(ctx.db, { reportedBy: ['department'] });
  await buildIndicator(ctx.db, { reportedBy: ['commune'], frequency: 'quarter' });
  const written = await ctx.inject({
    method: 'POST',
    url: '/api/data-values',
    payload: {
      values: [
        { indicatorCode: count.code, orgUnitCode: commune.code, period: '2026M10', value: 12 },
        // a comment Excel would run as a formula, kept exactly through the round trip
        {
          indicatorCode: share.code,
          orgUnitCode: commune.code,
          period: '2026M10',
          value: 85.5,
          comment: '=HYPERLINK("http://x")',
        },
      ],
    },
  });
  expect(written.statusCode, written.body).toBe(200);
});

afterAll(async () => {
  await ctx?.close();
});

const templateUrl = (orgUnitId: string, period = '2026M10') =>
  `/api/data-values/template.xlsx?orgUnitId=${orgUnitId}&period=${period}`;

async function readSheet(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return { sheet, rows };
}

describe('GET /api/data-values/template.xlsx', () => {
  it("lists the unit's entry-grid indicators with Vietnamese headers, prefilled with current values", async () => {
    const res = await ctx.inject({ method: 'GET', url: templateUrl(commune.id) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="mau-nhap-so-lieu-${commune.code}-2026M10.xlsx"`,
    );
    const { sheet, rows } = await readSheet(res.rawPayload);
    expect(rows[0]).toEqual([...TEMPLATE_HEADERS]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    const grid = (
      await ctx.inject({ method: 'GET', url: `/api/data-values?orgUnitId=${commune.id}&period=2026M10` })
    ).json<TEntrySheet>();
    expect(rows.slice(1).map((r) => r[0])).toEqual(grid.rows.map((r) => r.indicator.code));
    expect(rows.slice(1).map((r) => r[0])).toEqual([count.code, share.code, empty.code].sort());
    const byCode = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(byCode.get(count.code)!.slice(2, 6)).toEqual(['hồ sơ', commune.code, '2026M10', 12]);
    expect(byCode.get(share.code)![5]).toBe(85.5);
    // never a formula cell: a leading space, which the importer trims away
    expect(byCode.get(share.code)![6]).toBe(' =HYPERLINK("http://x")');
    expect(byCode.get(empty.code)![5] ?? null).toBeNull();
    // the value column checks its type's range as it is typed
    expect(sheet.getCell(`F${rows.findIndex((r) => r[0] === share.code) + 1}`).dataValidation).toMatchObject({
      type: 'decimal',
      formulae: [0, 100],
    });
  });

  it('sent back untouched, it is read without an error and changes nothing', async () => {
    const template = await ctx.inject({ method: 'GET', url: templateUrl(commune.id) });
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/data-values/import?dryRun=false',
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      payload: template.rawPayload,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<TWriteDataValuesResult>()).toMatchObject({
      applied: true,
      total: 3,
      created: 0,
      updated: 0,
      cleared: 0,
      unchanged: 3,
      rejected: 0,
      errors: [],
    });
  });

  it("is the unit's own: another unit's officer gets 404, its own officer the file", async () => {
    const stranger = await signInAs(ctx.app, ctx.db, 'officer', otherCommune.id);
    const hidden = await stranger.inject({ method: 'GET', url: templateUrl(commune.id) });
    expect(hidden.statusCode).toBe(404);
    const own = await signInAs(ctx.app, ctx.db, 'officer', commune.id);
    expect((await own.inject({ method: 'GET', url: templateUrl(commune.id) })).statusCode).toBe(200);
    const badPeriod = await own.inject({ method: 'GET', url: templateUrl(commune.id, '2026M13') });
    expect(badPeriod.statusCode).toBe(400);
  });
});
