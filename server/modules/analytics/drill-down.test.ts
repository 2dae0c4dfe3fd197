/**
 * The indicator drill-down against a real database: every commune's figure for a period with how
 * much it has reported (and its XLSX, formula-safe), and the catalogue's attainment status, its
 * filter, and who sees it.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TBreakdown, TPerformance } from '../../../common/contracts/analytics';
import type { TIndicatorList } from '../../../common/contracts/indicators';
import { createTestContext, type TestContext } from '../../test/context';
import { buildIndicator, buildOrgUnit } from '../../test/factories';
import { signInAs } from '../../test/sessions';
import { rebuildRollups } from '../data-values/rollups';

let ctx: TestContext;
const units: Record<string, { id: string; code: string }> = {};
const codes: Record<string, string> = {};

async function put(indicatorId: string, unitId: string, values: Record<string, number>) {
  for (const [period, value] of Object.entries(values)) {
    await ctx.db.execute(sql`insert into data_values (indicator_id, org_unit_id, period, value)
      values (${indicatorId}, ${unitId}, ${period}, ${value})`);
  }
}

/** Monthly values from 2025M01 on. */
const months = (values: number[]) =>
  Object.fromEntries(
    values.map((v, i) => [`${2025 + Math.floor(i / 12)}M${String((i % 12) + 1).padStart(2, '0')}`, v]),
  );

beforeAll(async () => {
  ctx = await createTestContext();
  units.a = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId });
  units.b = await buildOrgUnit(ctx.db, { kind: 'ward', parentId: ctx.rootOrgUnitId });
  units.c = await buildOrgUnit(ctx.db, {
    kind: 'commune',
    parentId: ctx.rootOrgUnitId,
    name: '=HYPERLINK("http://x.invalid","xã")',
  });
  units.body = await buildOrgUnit(ctx.db, { kind: 'department', parentId: ctx.rootOrgUnitId });

  // by commune
  const received = await buildIndicator(ctx.db, {
    valueType: 'count',
    aggregation: 'sum',
    timeAggregation: 'sum',
  });
  codes.received = received.code;
  await put(received.id, units.a.id, { '2026M01': 10, '2026M02': 20, '2026M03': 30 });
  await put(received.id, units.b.id, { '2026M02': 5 });
  await put(received.id, units.body.id, { '2026M01': 99 });

  // the catalogue's statuses: the province's own figure (aggregation none), 22 months of it
  const level = {
    valueType: 'percent',
    aggregation: 'none',
    timeAggregation: 'latest',
    frequency: 'month',
    baselineYear: 2025,
    baselineValue: '70',
    targets: { '2026': 80, '2030': 90 },
  } as const;
  const rising = Array.from({ length: 22 }, (_, i) => 70 + i * 0.6);
  for (const [key, values, overrides] of [
    ['good', rising, {}],
    // on pace today (79 against ~79.2 expected), but flat: its 2030 forecast misses 90
    ['flat', rising.map(() => 79), {}],
    ['bad', rising.map(() => 40), {}],
    ['none', rising, { targets: {} }],
  ] as const) {
    const i = await buildIndicator(ctx.db, { ...level, name: `Chỉ tiêu danhmucthu ${key}`, ...overrides });
    codes[key] = i.code;
    await put(i.id, ctx.rootOrgUnitId, months(values));
  }
  await ctx.db.transaction((tx) => rebuildRollups(tx));
});

afterAll(async () => {
  await ctx?.close();
});

const get = (url: string, inject = ctx.inject) => inject({ method: 'GET', url });

describe('indicator by commune', () => {
  const url = (orgUnitId: string, period = '2026Q1', suffix = '') =>
    `/api/analytics/breakdown${suffix}?indicator=${codes.received}&orgUnitId=${orgUnitId}&period=${period}`;

  it('lists every commune and ward with its figure and the periods it reported', async () => {
    const res = await get(url(ctx.rootOrgUnitId));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<TBreakdown>();
    expect(body.expected).toBe(3);
    const byId = new Map(body.rows.map((r) => [r.orgUnit.id, r]));
    expect(byId.get(units.a!.id)).toMatchObject({ value: 60, reported: 3 });
    expect(byId.get(units.b!.id)).toMatchObject({ value: 5, reported: 1 });
    expect(byId.get(units.c!.id)).toMatchObject({ value: null, reported: 0 });
    // a department is not a commune
    expect(byId.has(units.body!.id)).toBe(false);
    // by month: one period of the indicator's own
    const march = (await get(url(ctx.rootOrgUnitId, '2026M03'))).json<TBreakdown>();
    expect(march.expected).toBe(1);
    expect(march.rows.find((r) => r.orgUnit.id === units.a!.id)).toMatchObject({ value: 30, reported: 1 });
  });

  it('shows an officer only their own commune', async () => {
    const officer = await signInAs(ctx.app, ctx.db, 'officer', units.a!.id);
    expect((await get(url(ctx.rootOrgUnitId), officer.inject)).statusCode).toBe(404);
    expect((await get(url(units.b!.id), officer.inject)).statusCode).toBe(404);
    expect((await get(url(units.b!.id, '2026Q1', '.xlsx'), officer.inject)).statusCode).toBe(404);
    const own = await get(url(units.a!.id), officer.inject);
    expect(own.statusCode).toBe(200);
    expect(own.json<TBreakdown>().rows.map((r) => r.orgUnit.id)).toEqual([units.a!.id]);
    const anonymous = await ctx.app.inject({ method: 'GET', url: url(units.a!.id) });
    expect(anonymous.statusCode).toBe(401);
    expect((await get(url(units.a!.id, '2026Q5'))).statusCode).toBe(400);
  });

  it('exports the communes and the months as XLSX, a name starting with "=" kept as text', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const res = await get(url(ctx.rootOrgUnitId, '2026Q1', '.xlsx'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(`${codes.received}-theo-xa-2026Q1.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cells = book.worksheets[0]!.getSheetValues().flatMap((row) => (Array.isArray(row) ? row : []));
    expect(cells).toContain(`'=HYPERLINK("http://x.invalid","xã")`);
    expect(cells).not.toContain(`=HYPERLINK("http://x.invalid","xã")`);
    expect(cells).toContain('3/3');

    const series = await get(
      `/api/analytics/performance.xlsx?indicator=${codes.good}&orgUnitId=${ctx.rootOrgUnitId}&year=2026`,
    );
    expect(series.statusCode, series.body).toBe(200);
    const seriesBook = new ExcelJS.Workbook();
    await seriesBook.xlsx.load(series.rawPayload as unknown as ArrayBuffer);
    const text = JSON.stringify(seriesBook.worksheets[0]!.getSheetValues());
    expect(text).toContain('Theil–Sen');
    expect(text).toContain('2026M10');
  });
});

describe('the catalogue’s attainment status', () => {
  const list = (query: string, inject = ctx.inject) =>
    get(`/api/indicators?q=danhmucthu&withAttainment=true&${query}`, inject).then((r) => {
      expect(r.statusCode, r.body).toBe(200);
      return r.json<TIndicatorList>();
    });

  it('gives each indicator this year’s status for the province, agreeing with the forecast', async () => {
    const all = await list('');
    const status = Object.fromEntries(all.items.map((i) => [i.code, i.attainment?.status]));
    expect(status).toEqual({
      [codes.good!]: 'on_track',
      [codes.flat!]: 'at_risk',
      [codes.bad!]: 'off_track',
      [codes.none!]: 'no_target',
    });
    // the same as the indicator page says
    const page = await get(
      `/api/analytics/performance?indicator=${codes.flat}&orgUnitId=${ctx.rootOrgUnitId}&year=2026`,
    );
    const performance = page.json<TPerformance>();
    expect(performance.attainment).toMatchObject({ status: 'at_risk', paceStatus: 'on_track' });
    expect(performance.forecast.year2030!.value).toBeLessThan(0.95 * 90);
  });

  it('filters by status, counting and paging after the filter', async () => {
    const onTrack = await list('attainment=on_track');
    expect(onTrack.items.map((i) => i.code)).toEqual([codes.good]);
    expect(onTrack.total).toBe(1);
    const behind = await list('attainment=at_risk,off_track&pageSize=1&page=2');
    expect(behind.total).toBe(2);
    expect(behind.items).toHaveLength(1);
    expect([codes.flat, codes.bad]).toContain(behind.items[0]!.code);
    // pickers loading the whole catalogue do not pay for the figures
    const plain = await get('/api/indicators?q=danhmucthu');
    expect(plain.json<TIndicatorList>().items.every((i) => i.attainment === null)).toBe(true);
    const bad = await get('/api/indicators?attainment=great');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('attainment');
  });

  it('gives no province status to a commune officer, and the filter finds nothing for them', async () => {
    const officer = await signInAs(ctx.app, ctx.db, 'officer', units.a!.id);
    const all = await list('', officer.inject);
    expect(all.items.length).toBe(4);
    expect(all.items.every((i) => i.attainment === null)).toBe(true);
    expect((await list('attainment=on_track', officer.inject)).total).toBe(0);
  });
});
