import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { TTaskTrail } from '../../../common/contracts/task-trail';
import {
  REPORT_ACTIONS,
  REPORT_STATUSES,
  ROUND_STATUSES,
  TASK_ROLES,
  TIMELINESS,
} from '../../../common/enums';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';
import type { ReadScope } from '../../policy';
import { timelinessSql } from '../rounds/queries';

/** Both drivers give timestamps inside JSON in PostgreSQL's own format: made ISO 8601 here. */
const isoTimestamp = z.string().transform((value) => new Date(value).toISOString());

/** One row of the statement below, parsed rather than cast (evidence and steps arrive as JSON). */
const ZTrailRow = z.object({
  report_id: z.string(),
  round_id: z.string(),
  round_title: z.string(),
  round_period: z.string(),
  round_status: z.enum(ROUND_STATUSES),
  unit_id: z.string(),
  unit_code: z.string(),
  unit_name: z.string(),
  unit_short_name: z.string().nullable(),
  role: z.enum(TASK_ROLES),
  status: z.enum(REPORT_STATUSES),
  due_date: z.string(),
  timeliness: z.enum(TIMELINESS),
  progress: z.number().int().nullable(),
  results: z.string().nullable(),
  obstacles: z.string().nullable(),
  proposals: z.string().nullable(),
  links: z.array(z.string()),
  evidence: z.array(
    z.object({
      id: z.string(),
      fileName: z.string(),
      contentType: z.string(),
      size: z.coerce.number().int(),
      forTask: z.boolean(),
      uploadedAt: isoTimestamp,
    }),
  ),
  steps: z.array(
    z.object({
      action: z.enum(REPORT_ACTIONS),
      by: z.string().nullable(),
      at: isoTimestamp,
      reason: z.string().nullable(),
    }),
  ),
});

/**
 * A task's reports round by round, in one statement: what each unit declared of the task, the
 * files attached to it (or to the whole report), and every workflow step with who took it and
 * why. Only reports of the units in `scope` (the caller's report read scope) are read, so a
 * co-operating commune sees its own entries and not its neighbours'.
 */
export async function getTaskTrail(
  db: Executor,
  options: { itemId: string; scope: ReadScope; today: string },
): Promise<TTaskTrail> {
  const { itemId, scope, today } = options;
  if (!scope.all && scope.orgUnitIds.length === 0) return { itemId, entries: [] };
  const inScope = scope.all ? sql`true` : sql`r.org_unit_id = any(${sql.param(scope.orgUnitIds)}::uuid[])`;
  const rows = rowsOf<unknown>(
    await db.execute(sql`
      select r.id as report_id, rd.id as round_id, rd.title as round_title, rd.period as round_period,
        rd.status as round_status, o.id as unit_id, o.code as unit_code, o.name as unit_name,
        o.short_name as unit_short_name, ri.role, r.status, r.due_date::text as due_date,
        ${timelinessSql(today)} as timeliness, ri.progress, ri.results, ri.obstacles, ri.proposals, ri.links,
        coalesce((
          select json_agg(json_build_object('id', e.id, 'fileName', e.file_name, 'contentType', f.content_type,
              'size', f.size, 'forTask', e.plan_item_id is not null, 'uploadedAt', e.uploaded_at)
            order by e.plan_item_id is null, e.uploaded_at)
          from report_evidence e join evidence_files f on f.sha256 = e.sha256
          where e.report_id = r.id and (e.plan_item_id = ri.plan_item_id or e.plan_item_id is null)
        ), '[]'::json) as evidence,
        coalesce((
          select json_agg(json_build_object('action', s.action, 'by', u.display_name, 'at', s.at,
              'reason', s.reason) order by s.id)
          from report_snapshots s left join users u on u.id = s.actor_id
          where s.report_id = r.id
        ), '[]'::json) as steps
      from report_items ri
        join reports r on r.id = ri.report_id
        join rounds rd on rd.id = r.round_id
        join org_units o on o.id = r.org_unit_id
      where ri.plan_item_id = ${itemId} and ${inScope}
      order by r.due_date desc, rd.opened_at desc, ri.role = 'lead' desc, o.name_sort_key collate "C", o.code`),
  );
  return {
    itemId,
    entries: rows.map((raw) => {
      const row = ZTrailRow.parse(raw);
      return {
        reportId: row.report_id,
        round: {
          id: row.round_id,
          title: row.round_title,
          period: row.round_period,
          status: row.round_status,
        },
        orgUnit: {
          id: row.unit_id,
          code: row.unit_code,
          name: row.unit_name,
          shortName: row.unit_short_name,
        },
        role: row.role,
        status: row.status,
        dueDate: row.due_date,
        timeliness: row.timeliness,
        progress: row.progress,
        results: row.results,
        obstacles: row.obstacles,
        proposals: row.proposals,
        links: row.links,
        evidence: row.evidence,
        steps: row.steps,
      };
    }),
  };
}
