/**
 * Reminders and escalation. Every hour a scheduled job looks at the open rounds' unsent reports
 * and, for each report that reached a stage, queues one `reports.notify` job (its dedupe key
 * makes it once per report and stage, however many instances and hours pass):
 *   due_soon   REMIND_DAYS_BEFORE days or fewer before the due date → the unit's officers
 *   due_today  on the due date                                         → officers
 *   overdue    after the due date, within the grace period             → officers and heads of the unit
 *   escalated  after the grace period                                  → officers, heads and the secretariat
 * The notify job writes in-app notifications and queues e-mails (for users with an address) in
 * the transaction that completes it, so each is written exactly once.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ReportStatus, RoundStatus } from '../../../common/enums';
import type { Role } from '../../../common/roles';
import { addDays, daysBetween } from '../../../common/working-days';
import { vietnamDateOf } from '../../clock';
import type { Executor, Transaction } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { defineJob, defineScheduledJob } from '../jobs/definitions';
import { enqueueJob } from '../jobs/queue';
import { notifyUsers, unitRecipients } from '../notifications/service';
import { reportLabel } from './notices';
import { EDITABLE_REPORT_STATUSES } from './service';

export const REMIND_DAYS_BEFORE = 3;
export const REMINDER_STAGES = ['due_soon', 'due_today', 'overdue', 'escalated'] as const;
export type ReminderStage = (typeof REMINDER_STAGES)[number];

/** The stage of an unsent report on a given day (null: nothing to say yet). */
export function reminderStage(today: string, dueDate: string, graceDays: number): ReminderStage | null {
  const untilDue = daysBetween(today, dueDate);
  if (untilDue > REMIND_DAYS_BEFORE) return null;
  if (untilDue > 0) return 'due_soon';
  if (untilDue === 0) return 'due_today';
  return today <= addDays(dueDate, graceDays) ? 'overdue' : 'escalated';
}

const ROLES_BY_STAGE: Record<ReminderStage, Role[]> = {
  due_soon: ['officer'],
  due_today: ['officer'],
  overdue: ['officer', 'head'],
  escalated: ['officer', 'head'],
};

const dmy = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

function message(stage: ReminderStage, unit: string, period: string, dueDate: string) {
  const what = reportLabel(unit, period);
  switch (stage) {
    case 'due_soon':
      return {
        title: `Sắp đến hạn: ${what}`,
        body: `Hạn nộp ${dmy(dueDate)}. Hãy hoàn thành và gửi báo cáo.`,
      };
    case 'due_today':
      return { title: `Hôm nay là hạn nộp ${what}`, body: `Hạn nộp hôm nay, ${dmy(dueDate)}.` };
    case 'overdue':
      return {
        title: `Quá hạn: ${what}`,
        body: `Báo cáo chưa được gửi dù đã quá hạn ${dmy(dueDate)}. Lãnh đạo đơn vị được thông báo.`,
      };
    case 'escalated':
      return {
        title: `Chưa nộp sau thời gian gia hạn: ${what}`,
        body: `Hạn nộp ${dmy(dueDate)} và thời gian gia hạn đã qua. Văn phòng Ban Chỉ đạo được thông báo.`,
      };
  }
}

export const notifyReportJob = defineJob({
  kind: 'reports.notify',
  payload: z.object({ reportId: z.uuid(), stage: z.enum(REMINDER_STAGES) }),
  async handler(ctx, { reportId, stage }) {
    await ctx.completeWith((tx) => notifyReport(tx, reportId, stage));
  },
});

async function notifyReport(tx: Transaction, reportId: string, stage: ReminderStage) {
  const [report] = rowsOf<{
    status: ReportStatus;
    round_status: RoundStatus;
    org_unit_id: string;
    unit_name: string;
    period: string;
    due_date: string;
  }>(
    await tx.execute(sql`select r.status, rd.status as round_status, r.org_unit_id, o.name as unit_name, rd.period,
        r.due_date::text as due_date
      from reports r join rounds rd on rd.id = r.round_id join org_units o on o.id = r.org_unit_id
      where r.id = ${reportId}`),
  );
  // Sent meanwhile, or the round was closed since it was queued: nothing to remind.
  if (!report || !EDITABLE_REPORT_STATUSES.includes(report.status) || report.round_status === 'closed')
    return;
  const recipients = await unitRecipients(tx, {
    orgUnitId: report.org_unit_id,
    roles: ROLES_BY_STAGE[stage],
    secretariat: stage === 'escalated',
  });
  const { title, body } = message(stage, report.unit_name, report.period, report.due_date);
  await notifyUsers(tx, recipients, { kind: `report.${stage}`, title, body, link: `/bao-cao/${reportId}` });
}

/** Queues the notify jobs due on `today` (also used directly by tests and by the hourly job). */
export async function queueReminders(db: Executor, today: string): Promise<number> {
  const reports = rowsOf<{ id: string; due_date: string; grace_days: number }>(
    await db.execute(sql`select r.id, r.due_date::text as due_date, rd.grace_days
      from reports r join rounds rd on rd.id = r.round_id
      where rd.status = 'open' and r.status in ('draft', 'returned')
        and r.due_date <= ${addDays(today, REMIND_DAYS_BEFORE)}::date`),
  );
  let queued = 0;
  for (const r of reports) {
    const stage = reminderStage(today, r.due_date, r.grace_days);
    if (!stage) continue;
    const id = await enqueueJob(
      db,
      notifyReportJob,
      { reportId: r.id, stage },
      { dedupeKey: `remind:${r.id}:${stage}` },
    );
    if (id !== null) queued++;
  }
  return queued;
}

export const remindReportsJob = defineScheduledJob({
  kind: 'reports.remind',
  everyMs: 3600_000,
  async handler(ctx, { scheduledFor }) {
    await queueReminders(ctx.db, vietnamDateOf(scheduledFor));
  },
});
