/**
 * One unit's figures over whole asked periods, combined in SQL: the unit's own values, its roll-up
 * rows and (for a root) the deltas not yet folded are merged per reporting period, the org rule
 * gives each period's figure, and the time rule combines them into the asked periods — so a
 * national view of every indicator over five years returns 750 figures, not 8,400 monthly rows to
 * merge in JavaScript. The same rules as aggregate.ts (orgFigure, timeFigure); a test holds the two
 * paths equal for every rule.
 *
 * The figures stay numeric (exact, and never out of range: a float8 sum of two values near 1e308
 * overflows and failed the whole answer) until JavaScript reads them.
 *
 * Only the rules SQL applies exactly here: sum, average, min, max and latest. 'none' and weighted
 * averages, and min/max/latest with a changed extreme still pending in the deltas, take the
 * row-by-row path in service.ts.
 */
import { Param, sql } from 'drizzle-orm';
import type { OrgAggregation, ReportingFrequency, TimeAggregation } from '../../../common/enums';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';

export interface WholePeriodIndicator {
  id: string;
  aggregation: OrgAggregation;
  time_aggregation: TimeAggregation;
  frequency: ReportingFrequency;
}

const RULES_IN_SQL = new Set<OrgAggregation>(['sum', 'average', 'min', 'max', 'latest']);
const EXTREMES = new Set<OrgAggregation>(['min', 'max', 'latest']);

/**
 * The first and last of some period ids: the same periods as a range too, so "a unit's rows over
 * these periods" can use the (org_unit_id, period) index.
 */
export function periodBounds(periods: string[]): { first: string; last: string } {
  const sorted = periods.toSorted();
  return { first: sorted[0]!, last: sorted.at(-1)! };
}

/** `${indicatorId}|${askedPeriod}` → the figure and how many values it stands on. */
export type WholePeriodFigures = Map<string, { value: number | null; count: number }>;

export async function wholePeriodFigures(
  db: Executor,
  options: {
    unitId: string;
    indicators: WholePeriodIndicator[];
    /** the asked periods and, per frequency, the reporting periods inside each */
    periods: string[];
    nativesWithin: (frequency: ReportingFrequency, asked: string) => string[];
    /** whether to look up the unit's own values at all (its kind enters one of the indicators) */
    withOwnValues: boolean;
  },
): Promise<{ indicatorIds: Set<string>; figures: WholePeriodFigures }> {
  const figures: WholePeriodFigures = new Map();
  let candidates = options.indicators.filter((i) => RULES_IN_SQL.has(i.aggregation));
  const map = { frequency: [] as string[], native: [] as string[], asked: [] as string[] };
  for (const frequency of new Set(candidates.map((i) => i.frequency))) {
    for (const asked of options.periods) {
      for (const native of options.nativesWithin(frequency, asked)) {
        map.frequency.push(frequency);
        map.native.push(native);
        map.asked.push(asked);
      }
    }
  }
  if (candidates.length === 0 || map.native.length === 0) return { indicatorIds: new Set(), figures };
  const natives = [...new Set(map.native)];
  const p = {
    natives: new Param(natives),
    ...periodBounds(natives),
  };

  // An extreme that changed since the root's row was folded is known only from the children.
  const extremes = candidates.filter((i) => EXTREMES.has(i.aggregation)).map((i) => i.id);
  if (extremes.length) {
    const stale = new Set(
      rowsOf<{ indicator_id: string }>(
        await db.execute(sql`select distinct indicator_id from data_rollup_deltas
          where stale and org_unit_id = ${options.unitId} and indicator_id = any(${new Param(extremes)}::uuid[])
            and period = any(${p.natives}::text[])`),
      ).map((r) => r.indicator_id),
    );
    candidates = candidates.filter((i) => !stale.has(i.id));
  }
  const ids = new Param(candidates.map((i) => i.id));
  const own = options.withOwnValues
    ? sql`select v.indicator_id, v.period, 1 as value_count, v.value as value_sum,
          v.value as value_min, v.value as value_max, v.value as latest_value,
          extract(epoch from v.updated_at)::numeric as latest_at
        from data_values v where v.indicator_id = any(${ids}::uuid[]) and v.org_unit_id = ${options.unitId}
          and v.period = any(${p.natives}::text[])
        union all`
    : sql``;
  const rows = rowsOf<{ indicator_id: string; asked: string; count: number; value: string | number | null }>(
    await db.execute(sql`
      with map as (
        select * from unnest(${new Param(map.frequency)}::text[], ${new Param(map.native)}::text[],
          ${new Param(map.asked)}::text[]) as m(frequency, native, asked)
      ),
      parts as (
        ${own}
        select r.indicator_id, r.period, r.value_count, r.value_sum, r.value_min, r.value_max, r.latest_value,
          extract(epoch from r.latest_at)::numeric as latest_at
        from data_rollups r where r.indicator_id = any(${ids}::uuid[]) and r.org_unit_id = ${options.unitId}
          and r.period = any(${p.natives}::text[]) and r.period between ${p.first} and ${p.last}
        union all
        select d.indicator_id, d.period, d.value_count, d.value_sum, d.value_min, d.value_max, d.latest_value,
          extract(epoch from d.latest_at)::numeric as latest_at
        from data_rollup_deltas d where d.indicator_id = any(${ids}::uuid[]) and d.org_unit_id = ${options.unitId}
          and d.period = any(${p.natives}::text[])
      ),
      -- no aggregate with its own ORDER BY: each would sort once per group (8,400 sorts nationally)
      per_period as (
        select x.indicator_id, x.period, sum(x.value_count) as n, sum(x.value_sum) as s, min(x.value_min) as lo,
          max(x.value_max) as hi,
          -- the value written last: the largest [time, value] pair
          (max(array[x.latest_at, x.latest_value]) filter (where x.latest_value is not null))[2] as last
        from parts x group by x.indicator_id, x.period having sum(x.value_count) > 0
      ),
      figured as (
        select f.indicator_id, m.asked, f.period, f.n, i.time_aggregation,
          case i.aggregation when 'sum' then f.s when 'average' then f.s / f.n when 'min' then f.lo
            when 'max' then f.hi when 'latest' then f.last end as figure
        from per_period f join indicators i on i.id = f.indicator_id
        join map m on m.frequency = i.frequency and m.native = f.period
      )
      -- one aggregate per time rule, over its own indicators' rows only (a single grouping with a
      -- CASE computed every aggregate for every row: 15% of the statement nationally)
      select indicator_id, asked, sum(n)::int as count, sum(figure) as value
      from figured where time_aggregation = 'sum' group by indicator_id, asked
      union all
      select indicator_id, asked, sum(n)::int, avg(figure)
      from figured where time_aggregation = 'average' group by indicator_id, asked
      union all
      select indicator_id, asked, sum(n)::int, min(figure)
      from figured where time_aggregation = 'min' group by indicator_id, asked
      union all
      select indicator_id, asked, sum(n)::int, max(figure)
      from figured where time_aggregation = 'max' group by indicator_id, asked
      union all
      -- the figure of the latest period: the largest [period, figure] pair (ids of one frequency
      -- sort in time order; numeric text round-trips exactly)
      select indicator_id, asked, sum(n)::int,
        ((max(array[period, figure::text]) filter (where figure is not null))[2])::numeric
      from figured where time_aggregation = 'latest' group by indicator_id, asked`),
  );
  for (const r of rows) {
    figures.set(`${r.indicator_id}|${r.asked}`, {
      // a figure past a float's range becomes ±Infinity here; the caller answers null with a note
      value: r.value === null ? null : Number(r.value),
      count: Number(r.count),
    });
  }
  return { indicatorIds: new Set(candidates.map((i) => i.id)), figures };
}
