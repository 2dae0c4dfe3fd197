import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../../db/client';
import { rowsOf } from '../../../db/sql';

/**
 * How far back a transaction that took its id early may commit late and still be seen: ids are
 * allocated in order but committed in any order, so the newest id alone could stay the same while an
 * older one appears. Counting the rows among the last WINDOW ids catches that, at the cost of an
 * index range scan of at most WINDOW rows.
 */
const WINDOW = 1000;

const ZRow = z.object({ audit: z.string(), values: z.string() });
export type TDataVersion = z.infer<typeof ZRow>;

/**
 * A cheap version of everything the dashboard shows, read on every request (its ETag):
 * - audit: every state change writes an audit event in its own transaction (tasks, reports, rounds,
 *   values, units, the catalogue), so the newest event id and the count of the last WINDOW ids
 *   change with any committed change;
 * - values: the same over data value revisions, plus the catalogue's last edit — what the
 *   indicator figures depend on (and the units' last edit: a move changes the roll-ups), so that a
 *   report's other steps do not recompute them.
 * Two index lookups each; no nightly job, no trigger.
 */
export async function getDataVersion(db: Executor): Promise<TDataVersion> {
  const [row] = rowsOf<unknown>(
    await db.execute(sql`
      with a as (select coalesce(max(id), 0) as top from audit_events),
           v as (select coalesce(max(id), 0) as top from data_value_revisions)
      select
        (select top from a)::text || '.' ||
          (select count(*) from audit_events where id > (select top from a) - ${WINDOW})::text as audit,
        (select top from v)::text || '.' ||
          (select count(*) from data_value_revisions where id > (select top from v) - ${WINDOW})::text || '.' ||
          coalesce((select extract(epoch from max(updated_at))::text from indicators), '0') || '.' ||
          (select count(*) from indicators)::text || '.' ||
          coalesce((select extract(epoch from max(updated_at))::text from org_units), '0') as values`),
  );
  return ZRow.parse(row);
}
