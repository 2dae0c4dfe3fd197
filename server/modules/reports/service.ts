/**
 * A unit's report through its workflow: draft (autosaved) → submitted (officer) → approved (head)
 * → accepted (secretariat, then locked). A reviewer returns it with a reason and comments pinned
 * to fields; a resubmission goes to the head again (unless the plan lets a secretariat return skip
 * it, workflow.ts). Reopening an accepted report
 * needs a reason. Which step goes from which state, with which permission, is the table in
 * workflow.ts. Every step checks the version it was based on, snapshots the content (for the
 * difference a resubmission shows), and is audited, in one transaction.
 *
 * A closed round (rounds/service.ts closeRound) takes nothing more from its units: unsent reports
 * can be neither changed nor sent, and nothing is sent back to a unit that could not resend it;
 * reports already sent may still be approved and accepted.
 */
import { sql } from 'drizzle-orm';
import type { TSaveReportRequest, TTransitionRequest } from '../../../common/contracts/reports';
import type { DataValueState, ReportAction, ReportStatus } from '../../../common/enums';
import type { Executor, Transaction } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { AppError, assertVersion, type Localized, notFound, RESOURCE_NAMES } from '../../errors/app-error';
import { type Actor, authorize } from '../../policy';
import { auditChange } from '../audit/service';
import { setValueStates } from '../data-values/service';
import { noticeReportSentBack } from './notices';
import { requireStep } from './workflow';

export interface ReportRow {
  id: string;
  round_id: string;
  org_unit_id: string;
  status: ReportStatus;
  returned_stage: 'head' | 'secretariat' | null;
  /** the plan's setting (workflow.ts resubmissionStage) */
  resubmit_skips_head: boolean;
  version: number;
  general: { summary: string | null; obstacles: string | null; proposals: string | null };
}

export async function lockReport(tx: Executor, reportId: string): Promise<ReportRow> {
  const [row] = rowsOf<ReportRow>(
    await tx.execute(sql`select r.id, r.round_id, r.org_unit_id, r.status, r.returned_stage, r.version, r.general,
        p.resubmit_skips_head
      from reports r join rounds rd on rd.id = r.round_id join plans p on p.id = rd.plan_id
      where r.id = ${reportId} for update of r`),
  );
  if (!row) throw notFound(RESOURCE_NAMES.report);
  return row;
}

/** The states in which a report's content may change. */
export const EDITABLE_REPORT_STATUSES: readonly ReportStatus[] = ['draft', 'returned'];

/** Why a sent report cannot be changed, and what would make it changeable again. */
const NOT_EDITABLE: Record<Exclude<ReportStatus, 'draft' | 'returned'>, Localized> = {
  submitted: {
    vi: 'báo cáo đã gửi, đang chờ lãnh đạo đơn vị duyệt. Người duyệt có thể trả lại để đơn vị bổ sung.',
    en: 'it has been sent and waits for the head of unit. The head may return it for changes.',
  },
  approved: {
    vi: 'báo cáo đã được lãnh đạo đơn vị duyệt, đang chờ Văn phòng Ban Chỉ đạo tiếp nhận. Người tiếp nhận có thể trả lại để đơn vị bổ sung.',
    en: 'the head of unit approved it and it waits for the secretariat, which may return it for changes.',
  },
  accepted: {
    vi: 'báo cáo đã được tiếp nhận và khóa. Cần mở lại (có ghi lý do) để sửa.',
    en: 'it has been accepted and locked. It must be reopened, with a reason, to be changed.',
  },
};

/** 409 `report_not_editable` unless the report is a draft or returned. */
function assertEditable(report: ReportRow): void {
  if (report.status === 'draft' || report.status === 'returned') return;
  throw new AppError('report_not_editable', {
    params: { reason: NOT_EDITABLE[report.status] },
    current: { status: report.status, version: report.version },
  });
}

const ROUND_CLOSED_REASONS = {
  edit: {
    vi: 'Báo cáo đang soạn hoặc bị trả lại không sửa được nữa.',
    en: 'Draft and returned reports can no longer be changed.',
  },
  submit: {
    vi: 'Báo cáo không gửi được nữa; báo cáo chưa gửi lần nào được tính là chưa nộp. Liên hệ Văn phòng Ban Chỉ đạo nếu cần.',
    en: 'The report can no longer be sent; a report never sent counts as missing. Contact the secretariat if needed.',
  },
  sendBack: {
    vi: 'Không trả lại hoặc mở lại báo cáo được vì đơn vị sẽ không gửi lại được; hãy duyệt hoặc tiếp nhận báo cáo như hiện có.',
    en: 'The report cannot be returned or reopened, as the unit could not send it again; approve or accept it as it is.',
  },
} satisfies Record<string, Localized>;

/**
 * 409 `round_closed` when the report's round is closed. Read after the report is locked, in a
 * statement of its own: closeRound locks every report of the round first, so once this report's
 * lock is held the read sees a close that committed meanwhile.
 */
async function assertRoundOpen(
  tx: Executor,
  report: ReportRow,
  why: keyof typeof ROUND_CLOSED_REASONS,
): Promise<void> {
  const [round] = rowsOf<{ status: string }>(
    await tx.execute(sql`select status from rounds where id = ${report.round_id}`),
  );
  if (round?.status === 'closed') {
    throw new AppError('round_closed', { params: { reason: ROUND_CLOSED_REASONS[why] } });
  }
}

/** Locks a report whose content is about to change (evidence added or removed); refuses a sent one. */
export async function lockEditableReport(tx: Executor, reportId: string): Promise<ReportRow> {
  const report = await lockReport(tx, reportId);
  assertEditable(report);
  await assertRoundOpen(tx, report, 'edit');
  return report;
}

/** Autosave: the general section and any task entries, from an editable report's given version. */
export async function saveReport(options: {
  tx: Transaction;
  reportId: string;
  input: TSaveReportRequest;
  actor: Actor;
}): Promise<void> {
  const { tx, input, actor } = options;
  const report = await lockReport(tx, options.reportId);
  authorize(actor, 'update', { type: 'report', orgUnitIds: [report.org_unit_id] });
  assertVersion(report, input.version);
  assertEditable(report);
  await assertRoundOpen(tx, report, 'edit');
  const general = { ...report.general, ...(input.general ?? {}) };
  const changedItems = input.items ?? [];
  if (changedItems.length) {
    const known = new Set(
      rowsOf<{ plan_item_id: string }>(
        await tx.execute(sql`select plan_item_id from report_items where report_id = ${report.id}`),
      ).map((r) => r.plan_item_id),
    );
    const unknown = changedItems.findIndex((i) => !known.has(i.planItemId));
    if (unknown >= 0) {
      throw new AppError('unknown_reference', {
        params: { field: `items.${unknown}.planItemId` },
        errors: [
          {
            field: `items.${unknown}.planItemId`,
            code: 'unknown_reference',
            message: 'Nhiệm vụ này không thuộc báo cáo của đơn vị.',
          },
        ],
      });
    }
    for (const item of changedItems) {
      await tx.execute(sql`update report_items set
        progress = case when ${item.progress !== undefined} then ${item.progress ?? null}::int else progress end,
        results = case when ${item.results !== undefined} then ${item.results ?? null} else results end,
        obstacles = case when ${item.obstacles !== undefined} then ${item.obstacles ?? null} else obstacles end,
        proposals = case when ${item.proposals !== undefined} then ${item.proposals ?? null} else proposals end,
        links = case when ${item.links !== undefined} then ${JSON.stringify(item.links ?? [])}::jsonb else links end
        where report_id = ${report.id} and plan_item_id = ${item.planItemId}`);
    }
  }
  await tx.execute(sql`update reports set general = ${JSON.stringify(general)}::jsonb, version = version + 1,
    updated_by = ${actor.userId}, updated_at = now() where id = ${report.id}`);
  await auditChange(
    tx,
    actor,
    'report.save',
    { type: 'report', id: report.id, orgUnitId: report.org_unit_id },
    { after: { general: input.general ?? null, items: changedItems.map((i) => i.planItemId) } },
  );
}

/** The content a reviewer sees and a resubmission is compared with. */
export async function reportContent(db: Executor, reportId: string) {
  const [report] = rowsOf<{ general: ReportRow['general']; period: string; org_unit_id: string }>(
    await db.execute(sql`select r.general, rd.period, r.org_unit_id from reports r join rounds rd on rd.id = r.round_id
      where r.id = ${reportId}`),
  );
  const items = rowsOf<{
    plan_item_id: string;
    progress: number | null;
    results: string | null;
    obstacles: string | null;
    proposals: string | null;
    links: string[];
  }>(
    await db.execute(sql`select plan_item_id, progress, results, obstacles, proposals, links from report_items
      where report_id = ${reportId} order by plan_item_id`),
  );
  const values = rowsOf<{ code: string; value: string | null; comment: string | null }>(
    await db.execute(sql`select i.code, v.value::text as value, v.comment from report_indicators ri
      join indicators i on i.id = ri.indicator_id
      left join data_values v on v.indicator_id = ri.indicator_id and v.org_unit_id = ${report!.org_unit_id}
        and v.period = ${report!.period}
      where ri.report_id = ${reportId} order by i.code`),
  );
  return {
    general: report!.general,
    items: Object.fromEntries(items.map(({ plan_item_id, ...rest }) => [plan_item_id, rest])),
    indicators: Object.fromEntries(
      values.map((v) => [v.code, { value: v.value === null ? null : Number(v.value), comment: v.comment }]),
    ),
  };
}

export async function transitionReport(options: {
  tx: Transaction;
  reportId: string;
  action: ReportAction;
  input: TTransitionRequest;
  actor: Actor;
}): Promise<void> {
  const { tx, action, input, actor } = options;
  const report = await lockReport(tx, options.reportId);
  authorize(actor, 'read', { type: 'report', orgUnitIds: [report.org_unit_id] });
  assertVersion(report, input.version);
  // The state read under the lock decides: the route's check saw the report before the lock.
  const step = requireStep(
    { ...report, returnedStage: report.returned_stage, resubmitSkipsHead: report.resubmit_skips_head },
    action,
  );
  authorize(actor, step.permission, { type: 'report', orgUnitIds: [report.org_unit_id] });
  const { to } = step;
  const stage = step.sentBackBy ?? null;
  const sendsBack = stage !== null;
  if (sendsBack && !input.reason) {
    throw new AppError('validation_failed', {
      errors: [{ field: 'reason', code: 'required', message: 'Cần ghi lý do trả lại hoặc mở lại báo cáo.' }],
    });
  }
  if (step.needsOpenRound) await assertRoundOpen(tx, report, step.needsOpenRound);
  await tx.execute(sql`update reports set
    status = ${to},
    version = version + 1,
    updated_by = ${actor.userId},
    updated_at = now(),
    submitted_at = case when ${action} = 'submit' then now() else submitted_at end,
    first_submitted_at = case when ${action} = 'submit' then coalesce(first_submitted_at, now()) else first_submitted_at end,
    approved_at = case when ${to} = 'approved' then now() else approved_at end,
    accepted_at = case when ${to} = 'accepted' then now() when ${to} = 'returned' then null else accepted_at end,
    returned_stage = case when ${to} = 'returned' then ${stage} when ${action} = 'submit' then returned_stage else returned_stage end,
    return_reason = case when ${to} = 'returned' then ${input.reason ?? null} else return_reason end
    where id = ${report.id}`);
  for (const comment of input.comments ?? []) {
    await tx.execute(sql`insert into report_comments (report_id, field, body, author_id)
      values (${report.id}, ${comment.field}, ${comment.body}, ${actor.userId})`);
  }
  await tx.execute(sql`insert into report_snapshots (report_id, version, action, from_status, to_status, reason, content, actor_id)
    values (${report.id}, ${report.version + 1}, ${action}, ${report.status}, ${to}, ${input.reason ?? null},
      ${JSON.stringify(await reportContent(tx, report.id))}::jsonb, ${actor.userId})`);
  await followWithValueStates(tx, report, action, actor);
  if (to === 'accepted') await applyAcceptedProgress(tx, report.id, actor);
  if (sendsBack) {
    const sentBack = action as 'return' | 'reopen'; // the only steps with sentBackBy (workflow.ts)
    await noticeReportSentBack(tx, {
      reportId: report.id,
      action: sentBack,
      stage,
      reason: input.reason!,
      actor,
    });
  }
  await auditChange(
    tx,
    actor,
    `report.${action}`,
    { type: 'report', id: report.id, orgUnitId: report.org_unit_id },
    {
      before: { status: report.status },
      after: { status: to, reason: input.reason ?? null, comments: input.comments?.length ?? 0 },
    },
  );
}

/** What the state of a report's indicator values becomes with each step of the report. */
const VALUE_STATE_AFTER: Record<ReportAction, DataValueState> = {
  submit: 'submitted',
  approve: 'approved',
  accept: 'approved',
  return: 'draft',
  reopen: 'draft',
};

/** The values the report carries (its indicators, its unit, its round's period) follow it. */
async function followWithValueStates(
  tx: Transaction,
  report: { id: string; org_unit_id: string },
  action: ReportAction,
  actor: Actor,
) {
  const [scope] = rowsOf<{ period: string; indicator_ids: string[] }>(
    await tx.execute(sql`select r.period,
        coalesce(array_agg(ri.indicator_id) filter (where ri.indicator_id is not null), '{}') as indicator_ids
      from reports p join rounds r on r.id = p.round_id
      left join report_indicators ri on ri.report_id = p.id
      where p.id = ${report.id} group by r.period`),
  );
  if (!scope) return;
  await setValueStates(tx, {
    orgUnitId: report.org_unit_id,
    period: scope.period,
    indicatorIds: scope.indicator_ids,
    state: VALUE_STATE_AFTER[action],
    actor,
  });
}

/**
 * Task status follows reports: an accepted report sets the progress of the tasks the unit leads
 * to what it declared (and the completion date when it reaches 100), recorded in the task's history.
 */
async function applyAcceptedProgress(tx: Transaction, reportId: string, actor: Actor) {
  const changed = rowsOf<{ id: string; before: number; after: number }>(
    await tx.execute(sql`
      with declared as (
        select ri.plan_item_id, ri.progress from report_items ri
        where ri.report_id = ${reportId} and ri.role = 'lead' and ri.progress is not null
      ), old as (
        select i.id, i.progress from plan_items i join declared d on d.plan_item_id = i.id
        where i.progress is distinct from d.progress for update of i
      )
      update plan_items i set progress = d.progress, version = i.version + 1, updated_at = now(),
        completed_on = case when d.progress = 100 then coalesce(i.completed_on, ((now() at time zone 'UTC') + interval '7 hours')::date)
                            else null end
      from declared d, old o
      where i.id = d.plan_item_id and o.id = i.id
      returning i.id, o.progress as before, i.progress as after`),
  );
  for (const c of changed) {
    await tx.execute(sql`insert into plan_item_changes (item_id, action, actor, before, after)
      values (${c.id}, 'update', ${actor.name}, ${JSON.stringify({ progress: c.before })}::jsonb,
        ${JSON.stringify({ progress: c.after, fromReport: reportId })}::jsonb)`);
  }
}
