/**
 * A weighted average whose weight is entered less often than its values (rates each quarter or
 * month, population each year): each unit is weighed by the weight's value for the period, else for
 * the finest period containing it, else for the latest period starting no later than it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAnalyticsResult } from '../../../common/contracts/analytics';
import type { TDataValueInput } from '../../../common/contracts/data-values';
import { createTestContext, type TestContext } from '../../test/context';
import { buildIndicator, buildOrgUnit } from '../../test/factories';

let ctx: TestContext;
const units: Record<string, { id: string; code: string }> = {};
const codes: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  units.province = await buildOrgUnit(ctx.db, { kind: 'other', parentId: ctx.rootOrgUnitId });
  units.a = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: units.province.id });
  units.b = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: units.province.id });
  // values each quarter but no population ever: cannot be weighed
  units.c = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: units.province.id });
  const population = await buildIndicator(ctx.db, {
    valueType: 'count',
    aggregation: 'sum',
    timeAggregation: 'latest',
    frequency: 'year',
  });
  const quarterly = await buildIndicator(ctx.db, {
    valueType: 'percent',
    aggregation: 'weighted_average',
    weightIndicatorId: population.id,
    timeAggregation: 'average',
    frequency: 'quarter',
  });
  const monthly = await buildIndicator(ctx.db, {
    valueType: 'percent',
    aggregation: 'weighted_average',
    weightIndicatorId: population.id,
    timeAggregation: 'average',
    frequency: 'month',
  });
  Object.assign(codes, { population: population.code, quarterly: quarterly.code, monthly: monthly.code });
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
        v('population', 'a', '2024', 1000),
        v('population', 'b', '2023', 2000), // superseded by 2024 for 2024's quarters
        v('population', 'b', '2024', 3000),
        v('quarterly', 'a', '2024Q1', 80),
        v('quarterly', 'b', '2024Q1', 40),
        v('quarterly', 'c', '2024Q1', 10),
        v('quarterly', 'a', '2024Q2', 60),
        v('quarterly', 'b', '2024Q2', 20),
        v('quarterly', 'a', '2025Q1', 90),
        v('quarterly', 'b', '2025Q1', 50),
        v('quarterly', 'a', '2023Q1', 90),
        v('quarterly', 'b', '2023Q1', 50),
        v('monthly', 'a', '2024M02', 70),
        v('monthly', 'b', '2024M02', 30),
      ],
    },
  });
  expect(res.statusCode, res.body).toBe(200);
});

afterAll(async () => {
  await ctx?.close();
});

async function ask(code: string, orgUnitId: string, periodType: string, from: string, to: string) {
  const res = await ctx.inject({
    method: 'GET',
    url: `/api/analytics?${new URLSearchParams({ indicators: code, orgUnitId, periodType, from, to, by: 'children' })}`,
  });
  expect(res.statusCode, res.body).toBe(200);
  const result = res.json<TAnalyticsResult>();
  return (unitId: string, period: string) =>
    result.rows.find((r) => r.orgUnitId === unitId && r.period === period && r.indicatorCode === code);
}

describe('weighted average with a yearly weight', () => {
  it('weighs quarterly rates by the population of the year containing the quarter', async () => {
    const row = await ask(codes.quarterly!, units.province!.id, 'quarter', '2024Q1', '2024Q2');
    // (80 × 1000 + 40 × 3000) / (1000 + 3000) = 200000 / 4000 = 50 (before: no data, null)
    expect(row(units.province!.id, '2024Q1')?.value).toBe(50);
    // (60 × 1000 + 20 × 3000) / 4000 = 30
    expect(row(units.province!.id, '2024Q2')?.value).toBe(30);
    // a commune's own figure: its own rate, weighed by itself
    expect(row(units.a!.id, '2024Q1')?.value).toBe(80);
    // c has no population at all: left out of the weighted mean, its own figure stays "no data"
    expect(row(units.c!.id, '2024Q1')?.value).toBeNull();
    expect(row(units.province!.id, '2024Q1')?.count).toBe(3);
  });

  it('is the same figure from the root, for the year, and for monthly rates', async () => {
    const root = await ask(codes.quarterly!, ctx.rootOrgUnitId, 'quarter', '2024Q1', '2024Q1');
    expect(root(ctx.rootOrgUnitId, '2024Q1')?.value).toBe(50);
    expect(root(units.province!.id, '2024Q1')?.value).toBe(50);
    // the year averages its quarters: (50 + 30) / 2
    const year = await ask(codes.quarterly!, units.province!.id, 'year', '2024', '2024');
    expect(year(units.province!.id, '2024')?.value).toBe(40);
    // (70 × 1000 + 30 × 3000) / 4000 = 40
    const month = await ask(codes.monthly!, units.province!.id, 'month', '2024M02', '2024M02');
    expect(month(units.province!.id, '2024M02')?.value).toBe(40);
  });

  it('takes the most recent earlier year when the year itself has none, never a later one', async () => {
    const row = await ask(codes.quarterly!, units.province!.id, 'quarter', '2025Q1', '2025Q1');
    // population 2024: (90 × 1000 + 50 × 3000) / 4000 = 60
    expect(row(units.province!.id, '2025Q1')?.value).toBe(60);
    // 2023: a's only population is 2024's, which starts later: a is left out, b alone weighs = 50
    const early = await ask(codes.quarterly!, units.province!.id, 'quarter', '2023Q1', '2023Q1');
    expect(early(units.province!.id, '2023Q1')?.value).toBe(50);
    expect(early(units.a!.id, '2023Q1')?.value).toBeNull();
  });
});
