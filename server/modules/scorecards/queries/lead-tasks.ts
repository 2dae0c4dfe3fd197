import { sql } from 'drizzle-orm';
import type { OrgUnitKind } from '../../../../common/enums';
import type { Executor } from '../../../db/client';
import { rowsOf } from '../../../db/sql';
import { inArea, type PeerArea } from './peer-area';

export interface LeadTaskRow {
  id: string;
  org_unit_id: string;
  code: string;
  title: string;
  deadline: string;
  progress: number;
  completed_on: string | null;
  on_time: boolean;
}

/**
 * Tasks and milestones a unit leads whose deadline falls in [start, end] and is already judged:
 * the deadline has passed, or the task is done. Done on time: progress 100 and completed (or, with
 * no completion date, today) by the deadline — the same rule as the derived status.
 */
export async function listLeadTasks(
  db: Executor,
  options: {
    kinds: readonly OrgUnitKind[];
    start: string;
    end: string;
    today: string;
    area: PeerArea;
    orgUnitId?: string;
  },
): Promise<LeadTaskRow[]> {
  const { start, end, today } = options;
  return rowsOf<LeadTaskRow>(
    await db.execute(sql`
      select i.id, i.lead_org_unit_id as org_unit_id, i.code, i.title, i.deadline::text as deadline, i.progress,
        i.completed_on::text as completed_on,
        (i.progress >= 100 and coalesce(i.completed_on, ${today}::date) <= i.deadline) as on_time
      from plan_items i
      join plans p on p.id = i.plan_id and p.archived_at is null
      join org_units o on o.id = i.lead_org_unit_id
      where i.archived_at is null and i.kind in ('task', 'milestone')
        and o.kind = any(${sql.param([...options.kinds])}::text[])
        and (${options.orgUnitId ?? null}::uuid is null or o.id = ${options.orgUnitId ?? null}::uuid)
        and ${inArea(sql`o.id`, options.area)}
        and i.deadline between ${start}::date and ${end}::date
        and (i.deadline < ${today}::date or i.progress >= 100)
      order by i.code_sort_key`),
  );
}
