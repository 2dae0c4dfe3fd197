import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { TDashboardQuery, TTaskStatusByGroup } from '../../../../common/contracts/dashboard';
import { ITEM_STATUSES, type ItemStatus } from '../../../../common/enums';
import type { Executor } from '../../../db/client';
import { rowsOf } from '../../../db/sql';
import type { ReadScope } from '../../../policy';
import { itemStatusSql } from '../../plan-items/status';
import { taskScopeSql, unitOfKind } from '../filters';

const ZRow = z.object({
  group_id: z.string().nullable(),
  code: z.string().nullable(),
  title: z.string().nullable(),
  status: z.enum(ITEM_STATUSES),
  n: z.coerce.number().int(),
});

const emptyCounts = () => Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as Record<ItemStatus, number>;

/**
 * Tasks by derived status under each group directly below the chosen group (or at the plan's top):
 * one recursive walk from those groups down, one count per group and status. Tasks sitting directly
 * at that level, outside any group, form a row of their own (id null).
 */
export async function getTaskStatusByGroup(options: {
  db: Executor;
  query: TDashboardQuery;
  scope: ReadScope;
  today: string;
}): Promise<TTaskStatusByGroup> {
  const { db, query, scope, today } = options;
  const parent = query.group ?? null;
  const rows = rowsOf<unknown>(
    await db.execute(sql`
      with recursive tops as (
        select id, kind from plan_items
        where plan_id = ${query.planId} and archived_at is null
          and ${parent ? sql`parent_id = ${parent}` : sql`parent_id is null`}
      ), tree(top_id, id) as (
        select id, id from tops where kind = 'group'
        union all
        select tree.top_id, child.id from plan_items child join tree on child.parent_id = tree.id
      ), placed(top_id, id) as (
        select top_id, id from tree
        union all
        select null::uuid, id from tops where kind <> 'group'
      )
      select placed.top_id as group_id, g.code, g.title, ${itemStatusSql(today)} as status, count(*)::int as n
      from placed
        join plan_items on plan_items.id = placed.id
        left join plan_items g on g.id = placed.top_id
      where plan_items.kind <> 'group' and plan_items.archived_at is null
        and ${taskScopeSql(scope)}
        and ${unitOfKind(sql`plan_items.lead_org_unit_id`, query.unitKind)}
      group by placed.top_id, g.code, g.title, g.code_sort_key, 4
      order by g.code_sort_key nulls last`),
  ).map((r) => ZRow.parse(r));
  const groups = new Map<string | null, TTaskStatusByGroup['groups'][number]>();
  const counts = emptyCounts();
  let total = 0;
  for (const r of rows) {
    let group = groups.get(r.group_id);
    if (!group) {
      group = { id: r.group_id, code: r.code, title: r.title, total: 0, counts: emptyCounts() };
      groups.set(r.group_id, group);
    }
    group.counts[r.status] += r.n;
    group.total += r.n;
    counts[r.status] += r.n;
    total += r.n;
  }
  return { groups: [...groups.values()], total, counts };
}
