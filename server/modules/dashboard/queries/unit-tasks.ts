import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { TUnitTask } from '../../../../common/contracts/unit-overview';
import { ITEM_STATUSES, PLAN_ITEM_KINDS, TASK_ROLES } from '../../../../common/enums';
import type { Executor } from '../../../db/client';
import { rowsOf } from '../../../db/sql';
import { daysToDeadlineSql, itemStatusSql } from '../../plan-items/status';

const ZTaskRow = z.object({
  id: z.string(),
  plan_id: z.string(),
  kind: z.enum(PLAN_ITEM_KINDS),
  code: z.string(),
  title: z.string(),
  role: z.enum(TASK_ROLES),
  status: z.enum(ITEM_STATUSES),
  progress: z.number().int(),
  deadline: z.string().nullable(),
  days_to_deadline: z.number().int().nullable(),
});

/**
 * The unit's tasks and milestones (not archived, in plans not closed): those it leads first, then
 * those it co-operates on, each in outline order. The caller has been authorized for the unit, so
 * every task listed names the unit and is readable by the caller.
 */
export async function getUnitTasks(db: Executor, orgUnitId: string, today: string): Promise<TUnitTask[]> {
  // plan_items is not aliased: itemStatusSql names its columns by the table's own name.
  const rows = rowsOf<unknown>(
    await db.execute(sql`
      select plan_items.id, plan_items.plan_id, plan_items.kind, plan_items.code, plan_items.title,
        case when plan_items.lead_org_unit_id = ${orgUnitId} then 'lead' else 'cooperator' end as role,
        ${itemStatusSql(today)} as status, plan_items.progress, plan_items.deadline::text as deadline,
        ${daysToDeadlineSql(today)} as days_to_deadline
      from plan_items join plans p on p.id = plan_items.plan_id
      where plan_items.archived_at is null and plan_items.kind <> 'group' and p.archived_at is null and p.status <> 'closed'
        and (plan_items.lead_org_unit_id = ${orgUnitId} or exists (
          select 1 from plan_item_cooperators c where c.item_id = plan_items.id and c.org_unit_id = ${orgUnitId}))
      order by plan_items.lead_org_unit_id is not distinct from ${orgUnitId} desc, p.id, plan_items.code_sort_key,
        plan_items.code`),
  );
  return rows.map((raw) => {
    const row = ZTaskRow.parse(raw);
    return {
      id: row.id,
      planId: row.plan_id,
      kind: row.kind,
      code: row.code,
      title: row.title,
      role: row.role,
      status: row.status,
      progress: row.progress,
      deadline: row.deadline,
      daysToDeadline: row.days_to_deadline,
    };
  });
}
