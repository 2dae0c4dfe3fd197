import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type {
  TDashboardQuery,
  TIndicatorAttainment,
  TIndicatorTile,
} from '../../../../common/contracts/dashboard';
import { ATTAINMENTS, type Attainment } from '../../../../common/enums';
import { periodYear } from '../../../../common/periods';
import { concurrencyLimit } from '../../../concurrency';
import type { Executor } from '../../../db/client';
import { rowsOf } from '../../../db/sql';
import type { ReadScope } from '../../../policy';
import { ATTAINMENT_RULE } from '../../analytics/attainment';
import { getPerformance } from '../../analytics/performance';
import { unitInScope } from '../filters';

const ZUnit = z.object({ id: z.string(), name: z.string() });
const ZIndicator = z.object({ id: z.string(), code: z.string(), name: z.string(), unit: z.string() });

/** Points of the sparkline: the last periods with their figures. */
const SPARK_POINTS = 12;
/** Worst first: what a leader must look at comes first. */
const ORDER: Record<Attainment, number> = { off_track: 0, at_risk: 1, on_track: 2, no_data: 3, no_target: 4 };

/**
 * The unit whose figures the reader sees: the province (a root unit) when the scope is everything,
 * else the highest unit of the scope (one whose parent is outside it).
 */
async function figuresUnit(db: Executor, scope: ReadScope) {
  const [row] = rowsOf<unknown>(
    await db.execute(
      scope.all
        ? sql`select id, name from org_units where parent_id is null and active
            order by (kind = 'province') desc, code limit 1`
        : sql`select id, name from org_units u where ${unitInScope(sql`u.id`, scope)}
            and (u.parent_id is null or not ${unitInScope(sql`u.parent_id`, scope)})
            order by u.name_sort_key collate "C" limit 1`,
    ),
  ).map((r) => ZUnit.parse(r));
  return row ?? null;
}

/**
 * Computations in flight or done, by what they depend on: the data version (values, catalogue,
 * units), today, the unit, the year, the kind filter. A value written a moment ago changes the
 * version, so the next request computes afresh; until then every reader shares one computation.
 * A few entries: the keys of the current version are the only ones asked for again.
 */
const memo = new Map<string, Promise<TIndicatorAttainment>>();
const MEMO_ENTRIES = 16;
/** getPerformance runs a few statements per indicator: at most 4 indicators at a time on a pool. */
const slot = concurrencyLimit(4);

/**
 * Every indicator with targets (of the kind of unit chosen: those it reports), judged by the
 * analytics module's own performance (series, target path, attainment rule) for the reader's unit,
 * counted by status, worst first.
 */
export async function getIndicatorAttainment(options: {
  db: Executor;
  query: TDashboardQuery;
  scope: ReadScope;
  today: string;
  /** getDataVersion().values */
  version: string;
}): Promise<TIndicatorAttainment> {
  const { db, query, scope, today } = options;
  const year = query.period ? periodYear(query.period) : Number(today.slice(0, 4));
  const unit = await figuresUnit(db, scope);
  const key = [options.version, today, unit?.id, year, query.unitKind ?? ''].join('|');
  let result = memo.get(key);
  if (!result) {
    result = compute(db, unit, year, query, today);
    memo.set(key, result);
    result.catch(() => memo.delete(key));
    while (memo.size > MEMO_ENTRIES) memo.delete(memo.keys().next().value!);
  }
  return result;
}

async function compute(
  db: Executor,
  unit: z.infer<typeof ZUnit> | null,
  year: number,
  query: TDashboardQuery,
  today: string,
): Promise<TIndicatorAttainment> {
  const counts = Object.fromEntries(ATTAINMENTS.map((a) => [a, 0])) as Record<Attainment, number>;
  if (!unit) return { orgUnit: null, year, counts, tiles: [], rule: ATTAINMENT_RULE };
  const indicators = rowsOf<unknown>(
    await db.execute(sql`select id, code, name, unit from indicators
      where archived_at is null and targets <> '{}'::jsonb
        and (${query.unitKind ?? null}::text is null or reported_by ? ${query.unitKind ?? ''})
      order by name_sort_key collate "C"`),
  ).map((r) => ZIndicator.parse(r));
  const tiles = await Promise.all(
    indicators.map((indicator) =>
      slot(async (): Promise<TIndicatorTile> => {
        const p = await getPerformance(db, { code: indicator.code, orgUnitId: unit.id, year, today });
        const series = p.series.slice(-SPARK_POINTS);
        const firstYear = series.length ? periodYear(series[0]!.period) : year;
        return {
          ...indicator,
          status: p.attainment.status,
          actual: p.attainment.actual,
          target: p.attainment.target,
          series,
          targetPath: p.targetPath
            .filter((t) => t.year >= firstYear && t.year <= year)
            .map((t) => ({ year: t.year, value: t.value })),
        };
      }),
    ),
  );
  for (const tile of tiles) counts[tile.status]++;
  tiles.sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  return { orgUnit: unit, year, counts, tiles, rule: ATTAINMENT_RULE };
}
