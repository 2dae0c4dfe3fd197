import { sql } from 'drizzle-orm';
import type { TReport, TReportDiff } from '../../../common/contracts/reports';
import type { Timeliness } from '../../../common/contracts/rounds';
import { REPORT_ACTIONS, type ReportStatus, type RoundStatus } from '../../../common/enums';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { notFound, RESOURCE_NAMES } from '../../errors/app-error';
import { type Action, type Actor, can } from '../../policy';
import { getReportCorrections } from '../data-values/queries';
import { daysLateSql, timelinessSql } from '../rounds/queries';
import { reportContent } from './service';
import { type ReturningStage, stepOf, type WorkflowState } from './workflow';

/** The report's unit, for the policy check before anything else is read. */
export async function reportOrgUnitId(db: Executor, reportId: string): Promise<string> {
  const [row] = rowsOf<{ org_unit_id: string }>(
    await db.execute(sql`select org_unit_id from reports where id = ${reportId}`),
  );
  if (!row) throw notFound(RESOURCE_NAMES.report);
  return row.org_unit_id;
}

/** The report's unit and workflow state, for the check of a step before the transaction. */
export async function reportWorkflowState(
  db: Executor,
  reportId: string,
): Promise<WorkflowState & { orgUnitId: string }> {
  const [row] = rowsOf<{
    org_unit_id: string;
    status: ReportStatus;
    returned_stage: ReturningStage | null;
    resubmit_skips_head: boolean;
  }>(
    await db.execute(sql`select r.org_unit_id, r.status, r.returned_stage, p.resubmit_skips_head
      from reports r join rounds rd on rd.id = r.round_id join plans p on p.id = rd.plan_id
      where r.id = ${reportId}`),
  );
  if (!row) throw notFound(RESOURCE_NAMES.report);
  return {
    orgUnitId: row.org_unit_id,
    status: row.status,
    returnedStage: row.returned_stage,
    resubmitSkipsHead: row.resubmit_skips_head,
  };
}

/**
 * What the actor may do with a report in its state (the web shows only these buttons): the steps
 * of the workflow table whose permission the actor holds. In a closed round only the reviews of
 * sent reports go on (see reports/service.ts).
 */
function actionsFor(
  actor: Actor,
  report: WorkflowState,
  orgUnitId: string,
  roundStatus: RoundStatus,
): TReport['actions'] {
  const may = (action: Action) => can(actor, action, { type: 'report', orgUnitIds: [orgUnitId] });
  const open = roundStatus === 'open';
  const editable = report.status === 'draft' || report.status === 'returned';
  const steps = REPORT_ACTIONS.filter((action) => {
    const step = stepOf(report, action);
    return step !== null && (open || !step.needsOpenRound) && may(step.permission);
  });
  return [...(open && editable && may('update') ? (['save'] as const) : []), ...steps];
}

export async function getReport(
  db: Executor,
  reportId: string,
  actor: Actor,
  today: string,
): Promise<TReport> {
  const [r] = rowsOf<{
    id: string;
    round_id: string;
    round_title: string;
    period: string;
    plan_id: string;
    round_status: RoundStatus;
    unit_id: string;
    unit_code: string;
    unit_name: string;
    unit_short_name: string | null;
    due_date: string;
    status: ReportStatus;
    timeliness: Timeliness;
    first_submitted_at: string | null;
    days_late: number | null;
    general: TReport['general'];
    return_reason: string | null;
    returned_stage: ReturningStage | null;
    resubmit_skips_head: boolean;
    version: number;
    updated_at: string;
  }>(
    await db.execute(sql`
      select r.id, rd.id as round_id, rd.title as round_title, rd.period, rd.plan_id, rd.status as round_status,
        o.id as unit_id, o.code as unit_code, o.name as unit_name, o.short_name as unit_short_name,
        r.due_date::text as due_date, r.status, ${timelinessSql(today)} as timeliness,
        r.first_submitted_at::text as first_submitted_at, ${daysLateSql(today)} as days_late,
        r.general, r.return_reason, r.returned_stage, p.resubmit_skips_head, r.version,
        r.updated_at::text as updated_at
      from reports r join rounds rd on rd.id = r.round_id join org_units o on o.id = r.org_unit_id
        join plans p on p.id = rd.plan_id
      where r.id = ${reportId}`),
  );
  if (!r) throw notFound(RESOURCE_NAMES.report);
  const items = rowsOf<{
    id: string;
    code: string;
    title: string;
    deadline: string | null;
    plan_progress: number;
    role: 'lead' | 'cooperator';
    progress: number | null;
    results: string | null;
    obstacles: string | null;
    proposals: string | null;
    links: string[];
    carried_progress: number;
    carried_obstacles: string | null;
  }>(
    // what is known before this report: the unit's last accepted entry for the task (its progress,
    // or the task's own progress when it had none; its obstacles while the task is not done)
    await db.execute(sql`
      select i.id, i.code, i.title, i.deadline::text as deadline, i.progress as plan_progress, ri.role, ri.progress,
        ri.results, ri.obstacles, ri.proposals, ri.links,
        coalesce(prev.progress, i.progress) as carried_progress,
        case when coalesce(prev.progress, i.progress) < 100 then prev.obstacles end as carried_obstacles
      from report_items ri join plan_items i on i.id = ri.plan_item_id
      left join lateral (
        select pri.progress, pri.obstacles from report_items pri join reports pr on pr.id = pri.report_id
        where pri.plan_item_id = ri.plan_item_id and pr.org_unit_id = ${r.unit_id}
          and pr.status = 'accepted' and pr.id <> ${reportId}
        order by pr.accepted_at desc limit 1
      ) prev on true
      where ri.report_id = ${reportId} order by i.code_sort_key, i.code`),
  );
  const indicatorCodes = rowsOf<{ code: string }>(
    await db.execute(sql`select i.code from report_indicators ri join indicators i on i.id = ri.indicator_id
      where ri.report_id = ${reportId} order by i.code`),
  ).map((row) => row.code);
  const comments = rowsOf<{
    id: string;
    field: string;
    body: string;
    author: string | null;
    created_at: string;
  }>(
    await db.execute(sql`select c.id, c.field, c.body, u.display_name as author, c.created_at::text as created_at
      from report_comments c left join users u on u.id = c.author_id
      where c.report_id = ${reportId} order by c.created_at`),
  );
  const evidence = rowsOf<{
    id: string;
    file_name: string;
    content_type: string;
    size: number;
    sha256: string;
    plan_item_id: string | null;
    uploaded_at: string;
  }>(
    await db.execute(sql`select e.id, e.file_name, f.content_type, f.size, e.sha256, e.plan_item_id,
        e.uploaded_at::text as uploaded_at
      from report_evidence e join evidence_files f on f.sha256 = e.sha256
      where e.report_id = ${reportId} order by e.uploaded_at`),
  );
  return {
    id: r.id,
    round: {
      id: r.round_id,
      title: r.round_title,
      period: r.period,
      planId: r.plan_id,
      status: r.round_status,
    },
    orgUnit: { id: r.unit_id, code: r.unit_code, name: r.unit_name, shortName: r.unit_short_name },
    dueDate: r.due_date,
    status: r.status,
    timeliness: r.timeliness,
    firstSubmittedAt: r.first_submitted_at ? new Date(r.first_submitted_at).toISOString() : null,
    daysLate: r.days_late,
    general: r.general,
    items: items.map((i) => ({
      planItem: { id: i.id, code: i.code, title: i.title, deadline: i.deadline, progress: i.plan_progress },
      role: i.role,
      progress: i.progress,
      results: i.results,
      obstacles: i.obstacles,
      proposals: i.proposals,
      links: i.links,
      carriedProgress: i.carried_progress,
      carriedObstacles: i.carried_obstacles,
    })),
    indicatorCodes,
    returnReason: r.return_reason,
    returnedStage: r.returned_stage,
    comments: comments.map((c) => ({
      id: c.id,
      field: c.field,
      body: c.body,
      author: c.author,
      createdAt: new Date(c.created_at).toISOString(),
    })),
    evidence: evidence.map((e) => ({
      id: e.id,
      fileName: e.file_name,
      contentType: e.content_type,
      size: Number(e.size),
      sha256: e.sha256,
      planItemId: e.plan_item_id,
      uploadedAt: new Date(e.uploaded_at).toISOString(),
    })),
    corrections: await getReportCorrections(db, {
      reportId: r.id,
      orgUnitId: r.unit_id,
      period: r.period,
      since: r.first_submitted_at,
    }),
    actions: actionsFor(
      actor,
      { status: r.status, returnedStage: r.returned_stage, resubmitSkipsHead: r.resubmit_skips_head },
      r.unit_id,
      r.round_status,
    ),
    version: r.version,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

const FIELD_LABELS: Record<string, string> = {
  progress: 'Tiến độ (%)',
  results: 'Kết quả đạt được',
  obstacles: 'Khó khăn, vướng mắc',
  proposals: 'Kiến nghị, đề xuất',
  links: 'Liên kết minh chứng',
  summary: 'Tình hình chung',
  value: 'Giá trị',
  comment: 'Ghi chú',
};

/** What changed since the report was last returned (or reopened): the reviewer's difference view. */
export async function getReportDiff(db: Executor, reportId: string): Promise<TReportDiff> {
  const [base] = rowsOf<{ version: number; content: Awaited<ReturnType<typeof reportContent>> }>(
    await db.execute(sql`select version, content from report_snapshots
      where report_id = ${reportId} and to_status = 'returned' order by id desc limit 1`),
  );
  if (!base) return { baseVersion: null, changes: [] };
  const now = await reportContent(db, reportId);
  const codes = new Map(
    rowsOf<{ id: string; code: string }>(
      await db.execute(sql`select i.id, i.code from report_items ri join plan_items i on i.id = ri.plan_item_id
        where ri.report_id = ${reportId}`),
    ).map((r) => [r.id, r.code]),
  );
  const changes: TReportDiff['changes'] = [];
  const compare = (field: string, label: string, before: unknown, after: unknown) => {
    if (JSON.stringify(before ?? null) !== JSON.stringify(after ?? null)) {
      changes.push({ field, label, before: before ?? null, after: after ?? null });
    }
  };
  for (const key of ['summary', 'obstacles', 'proposals'] as const) {
    compare(
      `general.${key}`,
      `Phần chung — ${FIELD_LABELS[key]}`,
      base.content.general[key],
      now.general[key],
    );
  }
  for (const [itemId, item] of Object.entries(now.items)) {
    const before = base.content.items[itemId] ?? {};
    for (const [key, value] of Object.entries(item)) {
      compare(
        `items.${itemId}.${key}`,
        `Nhiệm vụ ${codes.get(itemId) ?? ''} — ${FIELD_LABELS[key] ?? key}`,
        (before as Record<string, unknown>)[key],
        value,
      );
    }
  }
  for (const [code, value] of Object.entries(now.indicators)) {
    const before = base.content.indicators[code] ?? { value: null, comment: null };
    compare(`indicators.${code}.value`, `Chỉ tiêu ${code} — Giá trị`, before.value, value.value);
    compare(`indicators.${code}.comment`, `Chỉ tiêu ${code} — Ghi chú`, before.comment, value.comment);
  }
  return { baseVersion: base.version, changes };
}
