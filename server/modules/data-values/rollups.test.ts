/**
 * Property: whatever tree and whatever sequence of writes, updates and clears, the roll-ups kept
 * by deltas equal the roll-ups rebuilt from scratch, and a unit's sum is the sum of the values
 * strictly below it.
 */
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/sql';
import type { Actor } from '../../policy';
import { adminActor, writeValuesAs } from '../../test/actors';
import { createTestContext, type TestContext } from '../../test/context';
import { buildIndicator, buildOrgUnit } from '../../test/factories';
import { runAnalytics } from '../analytics/service';
import { compactRootRollups, rebuildRollups } from './rollups';

let ctx: TestContext;
let admin: Actor;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await adminActor(ctx.db, ctx.rootOrgUnitId);
});

afterAll(async () => {
  await ctx?.close();
});

const PERIODS = ['2026M01', '2026M02', '2026M03'];

const scenario = fc.record({
  /** parent of node i: -1 = the root, else an earlier node */
  parents: fc.array(fc.nat(), { minLength: 2, maxLength: 10 }),
  batches: fc.array(
    fc.array(
      fc.record({
        node: fc.nat(),
        period: fc.constantFrom(...PERIODS),
        value: fc.option(fc.integer({ min: -50, max: 50 }), { nil: null, freq: 4 }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    { minLength: 1, maxLength: 5 },
  ),
});

/** Analytics at the root: every value in the tree, summed, per period. */
async function expectRootFigures(code: string, truth: Map<string, number>) {
  const answer = await runAnalytics(ctx.db, {
    indicators: [code],
    orgUnitId: ctx.rootOrgUnitId,
    periodType: 'month',
    from: PERIODS[0]!,
    to: PERIODS[2]!,
    by: 'total',
  });
  for (const period of PERIODS) {
    const values = [...truth].filter(([k]) => k.endsWith(`|${period}`)).map(([, v]) => v);
    const row = answer.rows.find((r) => r.period === period)!;
    expect(row.value).toBe(values.length ? values.reduce((a, b) => a + b, 0) : null);
  }
}

type Snapshot = Record<string, { count: number; sum: number; min: number | null; max: number | null }>;

async function snapshot(indicatorId: string): Promise<Snapshot> {
  const rows = rowsOf<{
    org_unit_id: string;
    period: string;
    value_count: number;
    value_sum: string;
    value_min: string | null;
    value_max: string | null;
  }>(
    await ctx.db.execute(sql`select org_unit_id, period, value_count, value_sum::text, value_min::text, value_max::text
      from data_rollups where indicator_id = ${indicatorId} and value_count > 0`),
  );
  return Object.fromEntries(
    rows.map((r) => [
      `${r.org_unit_id}|${r.period}`,
      {
        count: r.value_count,
        sum: Number(r.value_sum),
        min: r.value_min === null ? null : Number(r.value_min),
        max: r.value_max === null ? null : Number(r.value_max),
      },
    ]),
  );
}

describe('roll-ups', () => {
  it('a root’s min, max and latest are exact while a changed extreme waits in the deltas, and after folding', async () => {
    // root → a → (a1, a2): a1 and a2 report; their values reach the root through its deltas
    const a = await buildOrgUnit(ctx.db, { parentId: ctx.rootOrgUnitId });
    const a1 = await buildOrgUnit(ctx.db, { parentId: a.id });
    const a2 = await buildOrgUnit(ctx.db, { parentId: a.id });
    const rules = ['min', 'max', 'latest'] as const;
    const codes = Object.fromEntries(
      await Promise.all(
        rules.map(
          async (rule) => [rule, (await buildIndicator(ctx.db, { aggregation: rule })).code] as const,
        ),
      ),
    );
    const write = (values: Record<string, number | null>) =>
      writeValuesAs(
        ctx.db,
        admin,
        rules.flatMap((rule) =>
          Object.entries(values).map(([unit, value]) => ({
            indicatorCode: codes[rule]!,
            orgUnitCode: unit,
            period: '2026M01',
            value,
          })),
        ),
        'all_or_nothing',
      );
    const rootFigures = async () => {
      const answer = await runAnalytics(ctx.db, {
        indicators: rules.map((rule) => codes[rule]!),
        orgUnitId: ctx.rootOrgUnitId,
        periodType: 'month',
        from: '2026M01',
        to: '2026M01',
        by: 'total',
      });
      return Object.fromEntries(
        rules.map((rule) => [rule, answer.rows.find((r) => r.indicatorCode === codes[rule])!.value]),
      );
    };

    await write({ [a1.code]: 5, [a2.code]: 10 });
    expect(await rootFigures()).toEqual({ min: 5, max: 10, latest: 10 });
    await compactRootRollups(ctx.db);
    expect(await rootFigures()).toEqual({ min: 5, max: 10, latest: 10 });

    await write({ [a1.code]: 20 }); // the minimum leaves: stale until folded
    expect(await rootFigures()).toEqual({ min: 10, max: 20, latest: 20 });
    await write({ [a1.code]: null }); // the latest and the maximum cleared
    expect(await rootFigures()).toEqual({ min: 10, max: 10, latest: 10 });
    await compactRootRollups(ctx.db);
    expect(await rootFigures()).toEqual({ min: 10, max: 10, latest: 10 });
  });

  it('kept by deltas equal rebuilt from scratch, and sum what lies below', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ parents, batches }) => {
        const nodes: { id: string; code: string; parent: number }[] = [];
        for (const [i, p] of parents.entries()) {
          const parent = i === 0 ? -1 : (p % (i + 1)) - 1;
          const unit = await buildOrgUnit(ctx.db, {
            parentId: parent < 0 ? ctx.rootOrgUnitId : nodes[parent]!.id,
          });
          nodes.push({ id: unit.id, code: unit.code, parent });
        }
        const indicator = await buildIndicator(ctx.db, { valueType: 'number', aggregation: 'sum' });
        const truth = new Map<string, number>();
        for (const batch of batches) {
          const inputs = batch.map((w) => ({
            indicatorCode: indicator.code,
            orgUnitCode: nodes[w.node % nodes.length]!.code,
            period: w.period,
            value: w.value,
          }));
          await writeValuesAs(ctx.db, admin, inputs);
          const seen = new Set<string>();
          for (const w of batch) {
            const key = `${w.node % nodes.length}|${w.period}`;
            if (seen.has(key)) continue; // a repeated key in one batch is refused
            seen.add(key);
            if (w.value === null) truth.delete(key);
            else truth.set(key, w.value);
          }
        }
        // The root's share is still in pending deltas: the root's figure must already be exact.
        await expectRootFigures(indicator.code, truth);
        await compactRootRollups(ctx.db);
        await expectRootFigures(indicator.code, truth);
        const kept = await snapshot(indicator.id);
        await ctx.db.transaction((tx) => rebuildRollups(tx, [indicator.id]));
        const rebuilt = await snapshot(indicator.id);
        expect(kept).toEqual(rebuilt);

        // Every unit's sum is the sum of its proper descendants' values.
        const below = (ancestor: number, node: number): boolean => {
          let p = nodes[node]!.parent;
          while (p >= 0) {
            if (p === ancestor) return true;
            p = nodes[p]!.parent;
          }
          return false;
        };
        for (const [a, unit] of nodes.entries()) {
          for (const period of PERIODS) {
            let sum = 0;
            let count = 0;
            for (const [key, value] of truth) {
              const [node, p] = key.split('|');
              if (p === period && below(a, Number(node))) {
                sum += value;
                count++;
              }
            }
            const row = kept[`${unit.id}|${period}`];
            expect(row?.sum ?? 0).toBe(sum);
            expect(row?.count ?? 0).toBe(count);
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});
