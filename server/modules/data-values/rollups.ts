/**
 * Roll-ups: for every org unit that has a parent, the figure of everything strictly below it per
 * indicator and reporting period (count, sum, min, max, latest). They change in the transaction
 * that writes the values, by one set-based statement per batch, so a value is in the next read
 * and a bulk load of a million values costs a few statements, not a million triggers.
 *
 * Roots keep no roll-up row: their figure is combined at read time from their children. Every
 * writer in a province touches its province's rows, never one row shared by the whole country.
 */
import { Param, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';

/** One value that changed: `null` before = it was created, `null` after = it was cleared. */
export interface ValueChange {
  indicatorId: string;
  orgUnitId: string;
  period: string;
  before: string | null;
  after: string | null;
}

/** The changes as a table expression `changes(indicator_id, org_unit_id, period, before, after)`. */
function changesTable(changes: readonly ValueChange[]): SQL {
  const column = <T>(pick: (c: ValueChange) => T) => new Param(changes.map(pick));
  return sql`select * from unnest(
    ${column((c) => c.indicatorId)}::uuid[],
    ${column((c) => c.orgUnitId)}::uuid[],
    ${column((c) => c.period)}::text[],
    ${column((c) => c.before)}::numeric[],
    ${column((c) => c.after)}::numeric[]
  ) as c(indicator_id, org_unit_id, period, before, after)`;
}

/**
 * Each changed unit's proper ancestors that have a parent themselves (roots excluded), as
 * `lineage(unit_id, ancestor_id)`. The org tree is a few levels deep, so the recursion is short.
 */
const LINEAGE = sql.raw(`
  units as (select distinct org_unit_id as unit_id from changes),
  lineage(unit_id, ancestor_id) as (
    select u.unit_id, o.parent_id from units u join org_units o on o.id = u.unit_id
    where o.parent_id is not null
    union all
    select l.unit_id, o.parent_id from lineage l join org_units o on o.id = l.ancestor_id
    where o.parent_id is not null
  ),
  kept as (
    select l.unit_id, l.ancestor_id from lineage l join org_units a on a.id = l.ancestor_id
    where a.parent_id is not null
  )`);

/** Applies value changes to the roll-ups of every ancestor, in the caller's transaction. */
export async function applyToRollups(tx: Executor, changes: readonly ValueChange[]): Promise<void> {
  const effective = changes.filter((c) => c.before !== c.after);
  if (effective.length === 0) return;
  // Counts and sums move by deltas (exact in numeric); a new extreme widens min/max at once.
  // Rows are upserted in key order so concurrent batches lock them in the same order.
  await tx.execute(sql`
    with recursive changes as (${changesTable(effective)}), ${LINEAGE}
    insert into data_rollups as r
      (indicator_id, org_unit_id, period, value_count, value_sum, value_min, value_max, latest_value, latest_at)
    select c.indicator_id, k.ancestor_id, c.period,
      sum((c.after is not null)::int - (c.before is not null)::int),
      sum(coalesce(c.after, 0) - coalesce(c.before, 0)),
      min(c.after), max(c.after),
      (array_agg(c.after) filter (where c.after is not null))[1],
      case when bool_or(c.after is not null) then now() end
    from changes c join kept k on k.unit_id = c.org_unit_id
    group by c.indicator_id, k.ancestor_id, c.period
    order by c.indicator_id, k.ancestor_id, c.period
    on conflict (indicator_id, org_unit_id, period) do update set
      value_count = r.value_count + excluded.value_count,
      value_sum = r.value_sum + excluded.value_sum,
      value_min = least(r.value_min, excluded.value_min),
      value_max = greatest(r.value_max, excluded.value_max),
      latest_value = coalesce(excluded.latest_value, r.latest_value),
      latest_at = coalesce(excluded.latest_at, r.latest_at)`);

  // A value that leaves an extreme (or the latest value cleared) leaves that row's min/max/latest
  // stale: recompute those few rows from the values below. The rows are already locked above.
  // Only a change of an existing value can do that.
  const replaced = effective.filter((c) => c.before !== null);
  if (replaced.length === 0) return;
  await tx.execute(sql`
    with recursive changes as (${changesTable(replaced)}), ${LINEAGE},
    stale as (
      select distinct c.indicator_id, k.ancestor_id, c.period
      from changes c join kept k on k.unit_id = c.org_unit_id
      join data_rollups r on r.indicator_id = c.indicator_id and r.org_unit_id = k.ancestor_id
        and r.period = c.period
      where c.before is not null
        and (c.before = r.value_min or c.before = r.value_max or (c.after is null and c.before = r.latest_value))
    ),
    below(ancestor_id, unit_id) as (
      select s.ancestor_id, o.id from (select distinct ancestor_id from stale) s
      join org_units o on o.parent_id = s.ancestor_id
      union all
      select b.ancestor_id, o.id from below b join org_units o on o.parent_id = b.unit_id
    ),
    fresh as (
      select s.indicator_id, s.ancestor_id, s.period, min(v.value) as value_min, max(v.value) as value_max,
        (array_agg(v.value order by v.updated_at desc))[1] as latest_value, max(v.updated_at) as latest_at
      from stale s
      join below b on b.ancestor_id = s.ancestor_id
      join data_values v on v.indicator_id = s.indicator_id and v.org_unit_id = b.unit_id and v.period = s.period
      group by s.indicator_id, s.ancestor_id, s.period
    )
    update data_rollups r set
      value_min = f.value_min, value_max = f.value_max, latest_value = f.latest_value, latest_at = f.latest_at
    from stale s left join fresh f
      on f.indicator_id = s.indicator_id and f.ancestor_id = s.ancestor_id and f.period = s.period
    where r.indicator_id = s.indicator_id and r.org_unit_id = s.ancestor_id and r.period = s.period`);
}

/**
 * Recomputes every roll-up from the values (after a bulk seed, an org-unit move, or a repair).
 * Pass indicator ids to limit it to those.
 */
export async function rebuildRollups(tx: Executor, indicatorIds?: readonly string[]): Promise<void> {
  const only = indicatorIds ? sql`and v.indicator_id = any(${new Param([...indicatorIds])}::uuid[])` : sql``;
  const onlyRollups = indicatorIds
    ? sql`where indicator_id = any(${new Param([...indicatorIds])}::uuid[])`
    : sql``;
  await tx.execute(sql`delete from data_rollups ${onlyRollups}`);
  await tx.execute(sql`
    with recursive lineage(unit_id, ancestor_id) as (
      select o.id, o.parent_id from org_units o where o.parent_id is not null
      union all
      select l.unit_id, o.parent_id from lineage l join org_units o on o.id = l.ancestor_id
      where o.parent_id is not null
    )
    insert into data_rollups
      (indicator_id, org_unit_id, period, value_count, value_sum, value_min, value_max, latest_value, latest_at)
    select v.indicator_id, l.ancestor_id, v.period, count(*), sum(v.value), min(v.value), max(v.value),
      (array_agg(v.value order by v.updated_at desc))[1], max(v.updated_at)
    from data_values v
    join lineage l on l.unit_id = v.org_unit_id
    join org_units a on a.id = l.ancestor_id and a.parent_id is not null
    where true ${only}
    group by v.indicator_id, l.ancestor_id, v.period`);
}
