import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAnalyticsResult, TPerformance } from '../../../common/contracts/analytics';
import type { TDataValueInput } from '../../../common/contracts/data-values';
import { createTestContext, type TestContext } from '../../test/context';
import { buildIndicator, buildOrgUnit } from '../../test/factories';
import { signInAs } from '../../test/sessions';
import { rebuildRollups } from '../data-values/rollups';

let ctx: TestContext;
const units: Record<string, { id: string; code: string }> = {};
const codes: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  units.district = await buildOrgUnit(ctx.db, { kind: 'other', parentId: ctx.rootOrgUnitId });
  units.a = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: units.district.id });
  units.b = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: units.district.id });
  units.body = await buildOrgUnit(ctx.db, { kind: 'department', parentId: ctx.rootOrgUnitId });
  const received = await buildIndicator(ctx.db, {
    valueType: 'count',
    aggregation: 'sum',
    timeAggregation: 'sum',
  });
  const online = await buildIndicator(ctx.db, {
    valueType: 'count',
    aggregation: 'sum',
    timeAggregation: 'sum',
  });
  const coverage = await buildIndicator(ctx.db, {
    valueType: 'percent',
    aggregation: 'average',
    timeAggregation: 'latest',
  });
  const onTime = await buildIndicator(ctx.db, {
    valueType: 'percent',
    aggregation: 'weighted_average',
    weightIndicatorId: received.id,
    timeAggregation: 'average',
  });
  const share = await buildIndicator(ctx.db, {
    valueType: 'percent',
    aggregation: 'none',
    timeAggregation: 'latest',
    formula: `100 * ${online.code} / ${received.code}`,
  });
  Object.assign(codes, {
    received: received.code,
    online: online.code,
    coverage: coverage.code,
    onTime: onTime.code,
    share: share.code,
  });
  const v = (indicator: string, unit: string, period: string, value: number): TDataValueInput => ({
    indicatorCode: codes[indicator]!,
    orgUnitCode: units[unit]!.code,
    period,
    value,
  });
  const res = await ctx.inject({
    method: 'POST',
    url: '/api/data-values',
    payload: {
      values: [
        v('received', 'a', '2026M01', 10),
        v('received', 'a', '2026M02', 20),
        v('received', 'b', '2026M01', 30),
        v('received', 'body', '2026M03', 40),
        v('online', 'a', '2026M01', 5),
        v('online', 'b', '2026M01', 15),
        v('online', 'body', '2026M03', 10),
        v('coverage', 'a', '2026M01', 50),
        v('coverage', 'a', '2026M03', 70),
        v('coverage', 'b', '2026M02', 90),
        v('onTime', 'a', '2026M01', 100),
        v('onTime', 'b', '2026M01', 60),
      ],
    },
  });
  expect(res.statusCode, res.body).toBe(200);
});

afterAll(async () => {
  await ctx?.close();
});

const ask = (query: Record<string, string>, inject = ctx.inject) =>
  inject({ method: 'GET', url: `/api/analytics?${new URLSearchParams(query)}` });

const figure = (result: TAnalyticsResult, code: string, unitId: string, period: string) =>
  result.rows.find((r) => r.indicatorCode === code && r.orgUnitId === unitId && r.period === period)?.value;

describe('analytics', () => {
  it('rolls months up to the quarter by each rule, for a subtree and for the root', async () => {
    const all = Object.values(codes).join(',');
    const res = await ask({
      indicators: all,
      orgUnitId: ctx.rootOrgUnitId,
      periodType: 'quarter',
      from: '2026Q1',
      to: '2026Q1',
      by: 'children',
    });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json<TAnalyticsResult>();
    const root = ctx.rootOrgUnitId;
    // sum over units and months
    expect(figure(result, codes.received!, root, '2026Q1')).toBe(100);
    expect(figure(result, codes.received!, units.district!.id, '2026Q1')).toBe(60);
    expect(figure(result, codes.received!, units.body!.id, '2026Q1')).toBe(40);
    // computed on the aggregates: 100 × 30 / 100, not an average of the units' shares
    expect(figure(result, codes.share!, root, '2026Q1')).toBe(30);
    // average over units per month, then the latest month with data: March = a's 70
    expect(figure(result, codes.coverage!, root, '2026Q1')).toBe(70);
    // weighted by received: (100×10 + 60×30) / 40 = 70 in January; the quarter averages months with data
    expect(figure(result, codes.onTime!, units.district!.id, '2026Q1')).toBe(70);
    expect(result.children.map((c) => c.id).sort()).toEqual([units.district!.id, units.body!.id].sort());
  });

  it('shows a write in the next read', async () => {
    const query = {
      indicators: codes.received!,
      orgUnitId: ctx.rootOrgUnitId,
      periodType: 'year',
      from: '2026',
      to: '2026',
    };
    const before = figure(
      (await ask(query)).json<TAnalyticsResult>(),
      codes.received!,
      ctx.rootOrgUnitId,
      '2026',
    );
    await ctx.inject({
      method: 'POST',
      url: '/api/data-values',
      payload: {
        values: [{ indicatorCode: codes.received, orgUnitCode: units.b!.code, period: '2026M05', value: 7 }],
      },
    });
    const after = figure(
      (await ask(query)).json<TAnalyticsResult>(),
      codes.received!,
      ctx.rootOrgUnitId,
      '2026',
    );
    expect(after).toBe(before! + 7);
  });

  it('answers by month over a range, with null where nothing was reported', async () => {
    const res = await ask({
      indicators: codes.received!,
      orgUnitId: units.district!.id,
      periodType: 'month',
      from: '2025M12',
      to: '2026M02',
    });
    const result = res.json<TAnalyticsResult>();
    expect(result.periods).toEqual(['2025M12', '2026M01', '2026M02']);
    expect(result.rows.map((r) => r.value)).toEqual([null, 40, 20]);
  });

  it('hides another unit’s figures and refuses bad questions', async () => {
    const officer = await signInAs(ctx.app, ctx.db, 'officer', units.a!.id);
    const other = await ask(
      { indicators: codes.received!, orgUnitId: units.b!.id, periodType: 'year', from: '2026', to: '2026' },
      officer.inject,
    );
    expect(other.statusCode).toBe(404);
    const own = await ask(
      { indicators: codes.received!, orgUnitId: units.a!.id, periodType: 'year', from: '2026', to: '2026' },
      officer.inject,
    );
    expect(own.statusCode).toBe(200);
    const unknown = await ask({
      indicators: 'KHONG.CO',
      orgUnitId: units.a!.id,
      periodType: 'year',
      from: '2026',
      to: '2026',
    });
    expect(unknown.statusCode).toBe(400);
    const mixed = await ask({
      indicators: codes.received!,
      orgUnitId: units.a!.id,
      periodType: 'year',
      from: '2026Q1',
      to: '2026',
    });
    expect(mixed.statusCode).toBe(400);
  });

  it('gives the target path, attainment and a forecast with its method', async () => {
    await ctx.db.execute(sql`update indicators set baseline_year = 2025, baseline_value = 50,
      targets = '{"2026": 90, "2030": 100}'::jsonb where code = ${codes.coverage!}`);
    const res = await ctx.inject({
      method: 'GET',
      url: `/api/analytics/performance?indicator=${codes.coverage}&orgUnitId=${units.a!.id}&year=2026`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<TPerformance>();
    expect(body.targetPath.map((p) => p.year)).toEqual([2025, 2026, 2027, 2028, 2029, 2030]);
    // commune a's latest coverage is 70 (March); by late November the line from 50 to 90 is near 86
    expect(body.attainment).toMatchObject({ actual: 70, target: 90, status: 'off_track' });
    expect(body.series.find((p) => p.period === '2026M03')?.value).toBe(70);
    expect(body.forecast.method).toMatch(/xu hướng/);

    // A sum's target is the province's: a commune's part is not judged against it.
    await ctx.db.execute(
      sql`update indicators set targets = '{"2026": 1000}'::jsonb where code = ${codes.received!}`,
    );
    const part = await ctx.inject({
      method: 'GET',
      url: `/api/analytics/performance?indicator=${codes.received}&orgUnitId=${units.a!.id}&year=2026`,
    });
    expect(part.json<TPerformance>()).toMatchObject({ targetPath: [], attainment: { status: 'no_target' } });
  });
});

describe('values the analytics cannot hold in a float', () => {
  it('answers 200 with the figure, or null and a note, for stored values near and past the float8 limit', async () => {
    const huge = {
      sum: await buildIndicator(ctx.db, { valueType: 'count', aggregation: 'sum', timeAggregation: 'sum' }),
      average: await buildIndicator(ctx.db, { aggregation: 'average', timeAggregation: 'average' }),
      max: await buildIndicator(ctx.db, { aggregation: 'max', timeAggregation: 'latest' }),
      none: await buildIndicator(ctx.db, { aggregation: 'none', timeAggregation: 'sum' }),
    };
    const weighted = await buildIndicator(ctx.db, {
      aggregation: 'weighted_average',
      weightIndicatorId: huge.sum.id,
      timeAggregation: 'average',
    });
    const computed = await buildIndicator(ctx.db, {
      aggregation: 'none',
      timeAggregation: 'sum',
      formula: `${huge.sum.code} + 1`,
    });
    const ids = [...Object.values(huge).map((i) => i.id), weighted.id];
    // Old data or a direct load, past any validation: 1e308 is a float8, twice it is not; 1e400 never was.
    for (const id of ids) {
      for (const [unit, period, value] of [
        [units.a!.id, '2026M01', '1e308'],
        [units.b!.id, '2026M01', '1e308'],
        [units.a!.id, '2026M02', '1e400'],
        [units.body!.id, '2026M03', '1e30'],
        [units.b!.id, '2026M03', '1e30'],
      ] as const) {
        await ctx.db.execute(sql`insert into data_values (indicator_id, org_unit_id, period, value)
          values (${id}, ${unit}, ${period}, ${value}::numeric)`);
      }
    }
    await ctx.db.transaction((tx) => rebuildRollups(tx, ids));

    const indicators = [...Object.values(huge), weighted, computed].map((i) => i.code).join(',');
    for (const [periodType, from, to] of [
      ['month', '2026M01', '2026M03'],
      ['quarter', '2026Q1', '2026Q1'],
      ['year', '2026', '2026'],
    ] as const) {
      for (const by of ['total', 'children'] as const) {
        for (const orgUnitId of [ctx.rootOrgUnitId, units.district!.id, units.a!.id]) {
          const res = await ask({ indicators, orgUnitId, periodType, from, to, by });
          expect(res.statusCode, `${periodType} ${by} ${res.body}`).toBe(200);
        }
      }
    }
    const months = (
      await ask({
        indicators,
        orgUnitId: ctx.rootOrgUnitId,
        periodType: 'month',
        from: '2026M01',
        to: '2026M03',
      })
    ).json<TAnalyticsResult>();
    const row = (code: string, period: string) =>
      months.rows.find((r) => r.indicatorCode === code && r.period === period);
    // a figure a float can hold is given: 1e30 + 1e30, the largest of 1e308 and 1e308
    expect(row(huge.sum.code, '2026M03')?.value).toBe(2e30);
    expect(row(huge.max.code, '2026M01')?.value).toBe(1e308);
    expect(row(huge.average.code, '2026M01')?.value).toBe(1e308);
    // one it cannot is null, saying why
    for (const r of [
      row(huge.sum.code, '2026M01'),
      row(huge.sum.code, '2026M02'),
      row(computed.code, '2026M01'),
    ]) {
      expect(r?.value).toBeNull();
      expect(r?.note).toMatch(/quá lớn/);
    }
    expect(row(huge.sum.code, '2026M03')?.note).toBeUndefined();

    for (const indicator of [...Object.values(huge), weighted, computed]) {
      for (const orgUnitId of [ctx.rootOrgUnitId, units.a!.id]) {
        const res = await ctx.inject({
          method: 'GET',
          url: `/api/analytics/performance?indicator=${indicator.code}&orgUnitId=${orgUnitId}&year=2026`,
        });
        expect(res.statusCode, `${indicator.aggregation} ${res.body}`).toBe(200);
      }
    }
  });
});
