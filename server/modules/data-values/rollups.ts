/**
 * Roll-ups: for every org unit, the figure of everything strictly below it per indicator and
 * reporting period (count, sum, min, max, latest). They change in the transaction that writes the
 * values, by set-based statements per batch, so a value is in the next read and a bulk load of a
 * million values costs a few statements, not a million triggers.
 *
 * A root's row would be shared by every writer in the country, so writers never update it: they
 * append their change to data_rollup_deltas. A reader adds the pending deltas to the root's row
 * (exact at once); the compactor folds them into it in the background, one instance at a time.
 * Every other row is touched only by the writers of its own subtree (a province's, a commune's).
 */
import { Param, type SQL, sql } from 'drizzle-orm';
import { startBackgroundLoop } from '../../background-loop';
import type { Database, Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';

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
 * Each changed unit's proper ancestors: `kept(unit_id, ancestor_id)` those that have a parent
 * themselves (their rows are upserted), `rooted(unit_id, root_id)` the root above it (its change
 * is appended as a delta). The org tree is a few levels deep, so the recursion is short.
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
  ),
  rooted as (
    select l.unit_id, l.ancestor_id as root_id from lineage l join org_units a on a.id = l.ancestor_id
    where a.parent_id is null
  )`);

/** Applies value changes to the roll-ups of every ancestor, in the caller's transaction. */
export async function applyToRollups(tx: Executor, changes: readonly ValueChange[]): Promise<void> {
  const effective = changes.filter((c) => c.before !== c.after);
  if (effective.length === 0) return;
  // Counts and sums move by deltas (exact in numeric); a new extreme widens min/max at once.
  // Rows are upserted in key order so concurrent batches lock them in the same order. The roots'
  // share goes to data_rollup_deltas in the same statement (an insert: nobody waits on it).
  await tx.execute(sql`
    with recursive changes as (${changesTable(effective)}), ${LINEAGE},
    root_deltas as (
      insert into data_rollup_deltas
        (indicator_id, org_unit_id, period, value_count, value_sum, value_min, value_max, latest_value, latest_at, stale)
      select c.indicator_id, k.root_id, c.period,
        sum((c.after is not null)::int - (c.before is not null)::int),
        sum(coalesce(c.after, 0) - coalesce(c.before, 0)),
        min(c.after), max(c.after),
        (array_agg(c.after) filter (where c.after is not null))[1],
        case when bool_or(c.after is not null) then now() end,
        bool_or(c.before is not null)
      from changes c join rooted k on k.unit_id = c.org_unit_id
      group by c.indicator_id, k.root_id, c.period
    )
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
 * Pass indicator ids to limit it to those. Writers wait until it commits: their deltas must fall
 * either before the rebuild (dropped with it) or after (folded later), never be counted twice.
 */
export async function rebuildRollups(tx: Executor, indicatorIds?: readonly string[]): Promise<void> {
  const only = indicatorIds ? sql`and v.indicator_id = any(${new Param([...indicatorIds])}::uuid[])` : sql``;
  const onlyRows = indicatorIds
    ? sql`where indicator_id = any(${new Param([...indicatorIds])}::uuid[])`
    : sql``;
  await tx.execute(sql`lock table data_rollup_deltas in exclusive mode`);
  await tx.execute(sql`delete from data_rollup_deltas ${onlyRows}`);
  await tx.execute(sql`delete from data_rollups ${onlyRows}`);
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
    where true ${only}
    group by v.indicator_id, l.ancestor_id, v.period`);
}

/** Keys `keys(indicator_id, org_unit_id, period)` of roots, as a table expression. */
export interface RollupKey {
  indicatorId: string;
  orgUnitId: string;
  period: string;
}
function keysTable(keys: readonly RollupKey[]): SQL {
  return sql`select * from unnest(
    ${new Param(keys.map((k) => k.indicatorId))}::uuid[],
    ${new Param(keys.map((k) => k.orgUnitId))}::uuid[],
    ${new Param(keys.map((k) => k.period))}::text[]
  ) as k(indicator_id, org_unit_id, period)`;
}

/**
 * Min, max and latest of what lies below each key's unit, from its children (their own values
 * and their roll-up rows): `extremes(indicator_id, org_unit_id, period, value_min, value_max,
 * latest_value, latest_at)`. Used where a root's row or its deltas may be stale.
 */
export function extremesFromChildren(keys: readonly RollupKey[]): SQL {
  return sql`(
    with keys as (${keysTable(keys)}),
    parts as (
      select k.indicator_id, k.org_unit_id, k.period, v.value as lo, v.value as hi, v.value as last, v.updated_at as at
      from keys k join org_units c on c.parent_id = k.org_unit_id
      join data_values v on v.indicator_id = k.indicator_id and v.org_unit_id = c.id and v.period = k.period
      union all
      select k.indicator_id, k.org_unit_id, k.period, r.value_min, r.value_max, r.latest_value, r.latest_at
      from keys k join org_units c on c.parent_id = k.org_unit_id
      join data_rollups r on r.indicator_id = k.indicator_id and r.org_unit_id = c.id and r.period = k.period
        and r.value_count > 0
    )
    select indicator_id, org_unit_id, period, min(lo) as value_min, max(hi) as value_max,
      (array_agg(last order by at desc nulls last) filter (where last is not null))[1] as latest_value,
      max(at) as latest_at
    from parts group by indicator_id, org_unit_id, period
  )`;
}

/** Any fixed number, the same in every instance: one compactor runs at a time. */
const COMPACTOR_LOCK = 5_702_001;

/**
 * Folds the pending root deltas into the roots' rows; returns how many it folded (null: another
 * instance is compacting). Readers are exact either way — this only keeps their work small.
 * Count and sum are added exactly once (the deltas folded are the ones this statement deleted);
 * min, max and latest only widen, and a key with a stale delta is recomputed from the root's
 * children, so seeing a child's newer value as well as its pending delta does no harm.
 */
export async function compactRootRollups(db: Database): Promise<number | null> {
  return db.transaction(async (tx) => {
    const [lock] = rowsOf<{ locked: boolean }>(
      await tx.execute(sql`select pg_try_advisory_xact_lock(${COMPACTOR_LOCK}) as locked`),
    );
    if (!lock?.locked) return null;
    const groups = rowsOf<{
      indicator_id: string;
      org_unit_id: string;
      period: string;
      stale: boolean;
      deltas: number;
    }>(
      await tx.execute(sql`
        with folded as (delete from data_rollup_deltas returning *),
        grouped as (
          select indicator_id, org_unit_id, period, sum(value_count)::int as value_count, sum(value_sum) as value_sum,
            min(value_min) as value_min, max(value_max) as value_max,
            (array_agg(latest_value order by latest_at desc) filter (where latest_value is not null))[1] as latest_value,
            max(latest_at) as latest_at, bool_or(stale) as stale, count(*)::int as deltas
          from folded group by indicator_id, org_unit_id, period
        ),
        upserted as (
          insert into data_rollups as r
            (indicator_id, org_unit_id, period, value_count, value_sum, value_min, value_max, latest_value, latest_at)
          select indicator_id, org_unit_id, period, value_count, value_sum, value_min, value_max, latest_value, latest_at
          from grouped order by indicator_id, org_unit_id, period
          on conflict (indicator_id, org_unit_id, period) do update set
            value_count = r.value_count + excluded.value_count,
            value_sum = r.value_sum + excluded.value_sum,
            value_min = least(r.value_min, excluded.value_min),
            value_max = greatest(r.value_max, excluded.value_max),
            latest_value = case when r.latest_at is null or excluded.latest_at >= r.latest_at
              then coalesce(excluded.latest_value, r.latest_value) else r.latest_value end,
            latest_at = greatest(r.latest_at, excluded.latest_at)
        )
        select indicator_id, org_unit_id, period, stale, deltas from grouped`),
    );
    const stale = groups
      .filter((g) => g.stale)
      .map((g) => ({ indicatorId: g.indicator_id, orgUnitId: g.org_unit_id, period: g.period }));
    if (stale.length) {
      await tx.execute(sql`
        update data_rollups r set value_min = f.value_min, value_max = f.value_max,
          latest_value = f.latest_value, latest_at = f.latest_at
        from (${keysTable(stale)}) k
        left join ${extremesFromChildren(stale)} f
          on f.indicator_id = k.indicator_id and f.org_unit_id = k.org_unit_id and f.period = k.period
        where r.indicator_id = k.indicator_id and r.org_unit_id = k.org_unit_id and r.period = k.period`);
    }
    return groups.reduce((n, g) => n + g.deltas, 0);
  });
}

/** Runs the compactor every `intervalMs` (sooner while there is a backlog) until stopped. */
export function startRollupCompactor(
  db: Database,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): () => Promise<void> {
  const intervalMs = options.intervalMs ?? 1000;
  return startBackgroundLoop({
    name: 'Gộp số liệu tổng hợp (rollup compactor)',
    intervalMs,
    onError:
      options.onError ??
      ((error: unknown) => console.error('Gộp số liệu tổng hợp gặp lỗi (rollup compactor):', error)),
    run: async () => {
      await compactRootRollups(db);
      return intervalMs;
    },
  });
}
