import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAnalyticsQuery } from '../../../common/contracts/analytics';
import { ORG_AGGREGATIONS, TIME_AGGREGATIONS } from '../../../common/enums';
import type { Actor } from '../../policy';
import { adminActor, writeValuesAs } from '../../test/actors';
import { createTestContext, type TestContext } from '../../test/context';
import { buildIndicator, buildOrgUnit } from '../../test/factories';
import { compactRootRollups } from '../data-values/rollups';
import { runAnalytics } from './service';

let ctx: TestContext;
let admin: Actor;
let codes: string[];
const departmentOnly: string[] = [];

const ORG_RULES = ORG_AGGREGATIONS.filter((r) => r !== 'weighted_average');
const MONTHS = ['2025M11', '2025M12', '2026M01', '2026M02'];

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await adminActor(ctx.db, ctx.rootOrgUnitId);
  codes = [];
  for (const aggregation of ORG_RULES) {
    for (const timeAggregation of TIME_AGGREGATIONS) {
      // half entered by departments only: the root (a province) then has no own values to read
      const reportedBy = codes.length % 2 ? ['department' as const] : [];
      const indicator = await buildIndicator(ctx.db, { aggregation, timeAggregation, reportedBy });
      codes.push(indicator.code);
      if (reportedBy.length) departmentOnly.push(indicator.code);
    }
  }
});

afterAll(async () => {
  await ctx?.close();
});

const scenario = fc.record({
  parents: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
  rounds: fc.array(
    fc.array(
      fc.record({
        indicator: fc.nat(),
        node: fc.nat(),
        month: fc.constantFrom(...MONTHS),
        value: fc.option(fc.integer({ min: -20, max: 40 }), { nil: null, freq: 5 }),
      }),
      { minLength: 1, maxLength: 40 },
    ),
    { minLength: 1, maxLength: 3 },
  ),
});

describe('figures over whole periods', () => {
  it('are the same through SQL as row by row, for every rule', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ parents, rounds }) => {
        // a fresh subtree under the root, so earlier runs do not count
        const top = await buildOrgUnit(ctx.db, { parentId: ctx.rootOrgUnitId });
        const nodes = [top];
        for (const [i, p] of parents.entries()) {
          nodes.push(await buildOrgUnit(ctx.db, { parentId: nodes[p % (i + 1)]!.id }));
        }
        for (const round of rounds) {
          const seen = new Set<string>();
          const inputs = round
            .map((w) => ({
              indicatorCode: codes[w.indicator % codes.length]!,
              orgUnitCode: nodes[w.node % nodes.length]!.code,
              period: w.month,
              value: w.value,
            }))
            .filter((i) => {
              const key = `${i.indicatorCode}|${i.orgUnitCode}|${i.period}`;
              if (seen.has(key)) return false;
              seen.add(key);
              return true;
            });
          await writeValuesAs(ctx.db, admin, inputs);
        }
        const compare = async () => {
          for (const [unitId, periodType, from, to, wanted] of [
            [ctx.rootOrgUnitId, 'month', '2025M11', '2026M02'],
            [ctx.rootOrgUnitId, 'quarter', '2025Q4', '2026Q1'],
            [ctx.rootOrgUnitId, 'year', '2025', '2026'],
            [top.id, 'year', '2025', '2026'],
            [top.id, 'quarter', '2025Q4', '2026Q1'],
            [ctx.rootOrgUnitId, 'year', '2025', '2026', departmentOnly],
          ] as const) {
            const query: TAnalyticsQuery = {
              indicators: [...(wanted ?? codes)],
              orgUnitId: unitId,
              periodType,
              from,
              to,
              by: 'total',
            };
            const fast = await runAnalytics(ctx.db, query);
            const slow = await runAnalytics(ctx.db, query, { rowByRow: true });
            for (const [i, row] of slow.rows.entries()) {
              const other = fast.rows[i]!;
              const where = `${row.indicatorCode} ${row.period} ${unitId === top.id ? 'subtree' : 'root'}`;
              expect(other.count, where).toBe(row.count);
              if (row.value === null) expect(other.value, where).toBeNull();
              else expect(other.value, where).toBeCloseTo(row.value, 9);
            }
          }
        };
        await compare(); // the root's share still in its deltas
        await compactRootRollups(ctx.db);
        await compare(); // folded
      }),
      { numRuns: 6 },
    );
  });
});
