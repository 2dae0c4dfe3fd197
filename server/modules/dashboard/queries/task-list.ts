import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { DUE_SOON_DAYS, type TTaskList, type TTaskListQuery } from '../../../../common/contracts/dashboard';
import { ITEM_STATUSES } from '../../../../common/enums';
import type { Executor } from '../../../db/client';
import { rowsOf } from '../../../db/sql';
import type { ReadScope } from '../../../policy';
import { daysToDeadlineSql, itemStatusSql } from '../../plan-items/status';
import { itemSubtree, taskScopeSql, unitOfKind } from '../filters';

const ZRow = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  status: z.enum(ITEM_STATUSES),
  progress: z.coerce.number().int(),
  deadline: z.string().nullable(),
  days: z.coerce.number().int().nullable(),
  lead_id: z.string().nullable(),
  lead_code: z.string().nullable(),
  lead_name: z.string().nullable(),
  lead_short_name: z.string().nullable(),
  total: z.coerce.number().int(),
});

/** The date `days` after an ISO date. */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Overdue tasks (longest overdue first), at-risk tasks and tasks falling due within DUE_SOON_DAYS
 * (nearest deadline first), by the derived status every list of the app uses.
 */
export async function getTaskList(options: {
  db: Executor;
  query: TTaskListQuery;
  scope: ReadScope;
  today: string;
}): Promise<TTaskList> {
  const { db, query, scope, today } = options;
  const status = itemStatusSql(today);
  const to = addDays(today, DUE_SOON_DAYS);
  const which: Record<TTaskListQuery['list'], SQL> = {
    overdue: sql`${status} = 'overdue'`,
    at_risk: sql`${status} = 'at_risk'`,
    due_soon: sql`plan_items.deadline between ${today}::date and ${to}::date and plan_items.progress < 100`,
  };
  const rows = rowsOf<unknown>(
    await db.execute(sql`
      select plan_items.id, plan_items.code, plan_items.title, ${status} as status, plan_items.progress,
        plan_items.deadline::text as deadline, ${daysToDeadlineSql(today)} as days,
        o.id as lead_id, o.code as lead_code, o.name as lead_name, o.short_name as lead_short_name,
        count(*) over () as total
      from plan_items left join org_units o on o.id = plan_items.lead_org_unit_id
      where plan_items.plan_id = ${query.planId} and plan_items.kind <> 'group' and plan_items.archived_at is null
        and ${which[query.list]}
        and ${query.group ? sql`plan_items.id in ${itemSubtree(query.group)}` : sql`true`}
        and ${taskScopeSql(scope)}
        and ${unitOfKind(sql`plan_items.lead_org_unit_id`, query.unitKind)}
      order by plan_items.deadline asc nulls last, plan_items.code_sort_key
      limit ${query.limit}`),
  ).map((r) => ZRow.parse(r));
  return {
    list: query.list,
    from: today,
    to,
    total: rows[0]?.total ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      title: r.title,
      status: r.status,
      progress: r.progress,
      deadline: r.deadline,
      daysToDeadline: r.days,
      lead: r.lead_id
        ? { id: r.lead_id, code: r.lead_code!, name: r.lead_name!, shortName: r.lead_short_name }
        : null,
    })),
  };
}
