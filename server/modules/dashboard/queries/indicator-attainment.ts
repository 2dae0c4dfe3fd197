import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type {
  TDashboardQuery,
  TIndicatorAttainment,
  TIndicatorTile,
} from '../../../../common/contracts/dashboard';
import { ATTAINMENTS, type Attainment, REPORTING_FREQUENCIES } from '../../../../common/enums';
import { cutoffWindow, periodYear } from '../../../../common/periods';
import type { Executor } from '../../../db/client';
import { rowsOf } from '../../../db/sql';
import type { ReadScope } from '../../../policy';
import { ATTAINMENT_RULE } from '../../analytics/attainment';
import { periodsOfYear } from '../../analytics/forecast';
import { getAssessments } from '../../analytics/performance';
import { runAnalytics } from '../../analytics/service';
import { unitInScope } from '../filters';

const ZUnit = z.object({ id: z.string(), name: z.string() });
const ZIndicator = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  frequency: z.enum(REPORTING_FREQUENCIES),
});

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
/** Years of figures behind a sparkline: enough for SPARK_POINTS quarters. */
const SPARK_YEARS = 3;

/**
 * Every indicator with targets (of the kind of unit chosen: those it reports), judged for the reader's
 * unit by the analytics module's own assessment (getAssessments: the target path, the attainment rule,
 * the status made to agree with the forecast — what each indicator's page shows, computed for all in a
 * few statements), counted by status, worst first, each with its recent figures for a sparkline.
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
    await db.execute(sql`select id, code, name, unit, frequency from indicators
      where archived_at is null and targets <> '{}'::jsonb
        and (${query.unitKind ?? null}::text is null or reported_by ? ${query.unitKind ?? ''})
      order by name_sort_key collate "C"`),
  ).map((r) => ZIndicator.parse(r));
  const codes = indicators.map((i) => i.code);
  const assessments = await getAssessments(db, { codes, orgUnitId: unit.id, year, today });
  const series = await recentFigures(db, indicators, unit.id, year, today);
  const tiles: TIndicatorTile[] = indicators.map((indicator) => {
    const assessed = assessments.get(indicator.code);
    const points = (series.get(indicator.code) ?? []).slice(-SPARK_POINTS);
    const firstYear = points.length ? periodYear(points[0]!.period) : year;
    return {
      id: indicator.id,
      code: indicator.code,
      name: indicator.name,
      unit: indicator.unit,
      status: assessed?.attainment.status ?? 'no_data',
      actual: assessed?.attainment.actual ?? null,
      target: assessed?.attainment.target ?? null,
      series: points,
      targetPath: (assessed?.targetPath ?? [])
        .filter((t) => t.year >= firstYear && t.year <= year)
        .map((t) => ({ year: t.year, value: t.value })),
    };
  });
  for (const tile of tiles) counts[tile.status]++;
  tiles.sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  return { orgUnit: unit, year, counts, tiles, rule: ATTAINMENT_RULE };
}

/**
 * Each indicator's figures by its own periods over the last SPARK_YEARS years, one analytics run per
 * reporting frequency; only periods whose data cut-off has begun, as the indicator page shows them.
 */
async function recentFigures(
  db: Executor,
  indicators: z.infer<typeof ZIndicator>[],
  orgUnitId: string,
  year: number,
  today: string,
) {
  const result = new Map<string, { period: string; value: number | null }[]>();
  for (const frequency of REPORTING_FREQUENCIES) {
    const codes = indicators.filter((i) => i.frequency === frequency).map((i) => i.code);
    if (codes.length === 0) continue;
    // one after another: PGlite is one connection, and a pool is shared with other requests
    const answer = await runAnalytics(db, {
      indicators: codes,
      orgUnitId,
      periodType: frequency,
      from: periodsOfYear(frequency, year - SPARK_YEARS + 1)[0]!,
      to: periodsOfYear(frequency, year).at(-1)!,
      by: 'total',
    });
    for (const row of answer.rows) {
      if (cutoffWindow(row.period).start > today) continue;
      const list = result.get(row.indicatorCode) ?? [];
      list.push({ period: row.period, value: row.value });
      result.set(row.indicatorCode, list);
    }
  }
  // ids of one frequency sort as text (2026M02 < 2026M10)
  for (const list of result.values())
    list.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  return result;
}
