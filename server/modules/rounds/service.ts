import { sql } from 'drizzle-orm';
import type {
  TCloseRoundRequest,
  TOpenRoundRequest,
  TReopenRoundRequest,
  TRoundSchedule,
} from '../../../common/contracts/rounds';
import { frequencyOfPeriodType } from '../../../common/enums';
import { cutoffWindow, periodInSentence, periodLabel, periodType, periodYear } from '../../../common/periods';
import { addWorkingDays } from '../../../common/working-days';
import type { Executor, Transaction } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { AppError, assertVersion, notFound, RESOURCE_NAMES } from '../../errors/app-error';
import type { Actor } from '../../policy';
import { auditChange } from '../audit/service';

/** Working days after the data cut-off when a plan has no schedule for the period type. */
export const DEFAULT_DUE_WORKING_DAYS = 5;
export const DEFAULT_GRACE_DAYS = 3;

export async function loadHolidays(db: Executor): Promise<Set<string>> {
  const rows = rowsOf<{ date: string }>(await db.execute(sql`select date::text as date from holidays`));
  return new Set(rows.map((r) => r.date));
}

interface PlanHorizon {
  horizon_start_year: number;
  horizon_end_year: number;
}

/** Whether a period lies in the plan's years (a round for 2099M01 of a 2025–2030 plan is a typo). */
export function periodWithinPlan(period: string, plan: PlanHorizon): boolean {
  const year = periodYear(period);
  return year >= plan.horizon_start_year && year <= plan.horizon_end_year;
}

function assertPeriodWithinPlan(period: string, plan: PlanHorizon) {
  if (periodWithinPlan(period, plan)) return;
  throw new AppError('validation_failed', {
    errors: [
      {
        field: 'period',
        code: 'outside_plan',
        message: `Kỳ ${periodInSentence(period)} nằm ngoài thời gian của kế hoạch (${plan.horizon_start_year}–${plan.horizon_end_year}).`,
      },
    ],
  });
}

/**
 * A due date falls between the start of the plan's first year and the end of the year after its
 * last (the last year's annual report is due early the next year): 9999-12-31 is a typo.
 */
function assertDueDateWithinPlan(dueDate: string, plan: PlanHorizon) {
  const first = `${plan.horizon_start_year}-01-01`;
  const last = `${plan.horizon_end_year + 1}-12-31`;
  if (dueDate >= first && dueDate <= last) return;
  const day = (iso: string) => iso.split('-').reverse().join('/');
  throw new AppError('validation_failed', {
    errors: [
      {
        field: 'dueDate',
        code: 'outside_plan',
        message: `Hạn nộp phải trong khoảng từ ${day(first)} đến ${day(last)} (thời gian của kế hoạch và năm sau đó).`,
      },
    ],
  });
}

/**
 * Opens a round of a plan for a period and creates its obligations: one report per unit that leads
 * or co-operates on an unfinished task of the plan, or enters an indicator linked to the plan at
 * the period's frequency. Each report lists the tasks and indicators it must cover.
 */
export async function openRound(options: {
  tx: Transaction;
  input: TOpenRoundRequest;
  actor: Actor;
}): Promise<string> {
  const { tx, input, actor } = options;
  const [plan] = rowsOf<{
    id: string;
    number: string;
    archived_at: string | null;
    horizon_start_year: number;
    horizon_end_year: number;
  }>(
    await tx.execute(sql`select id, number, archived_at, horizon_start_year, horizon_end_year
      from plans where id = ${input.planId}`),
  );
  if (!plan || plan.archived_at) throw notFound(RESOURCE_NAMES.plan);
  assertPeriodWithinPlan(input.period, plan);
  const type = periodType(input.period);
  if (input.kind === 'periodic') {
    const [taken] = rowsOf<{ id: string }>(
      await tx.execute(sql`select id from rounds where plan_id = ${plan.id} and period = ${input.period}
        and kind = 'periodic'`),
    );
    if (taken) {
      throw new AppError('duplicate', {
        params: { field: { vi: 'Đợt báo cáo kỳ', en: 'Round for period' }, value: periodLabel(input.period) },
        errors: [
          { field: 'period', code: 'duplicate', message: `Đã có đợt báo cáo ${periodLabel(input.period)}.` },
        ],
      });
    }
  }
  const [schedule] = rowsOf<{ due_working_days: number; grace_days: number }>(
    await tx.execute(sql`select due_working_days, grace_days from round_schedules
      where plan_id = ${plan.id} and period_type = ${type} and active`),
  );
  const cutoffEnd = cutoffWindow(input.period).end;
  const dueDate =
    input.dueDate ??
    addWorkingDays(cutoffEnd, schedule?.due_working_days ?? DEFAULT_DUE_WORKING_DAYS, await loadHolidays(tx));
  if (dueDate < cutoffEnd && input.kind === 'periodic') {
    throw new AppError('validation_failed', {
      errors: [
        { field: 'dueDate', code: 'before_cutoff', message: 'Hạn nộp không được trước ngày chốt số liệu.' },
      ],
    });
  }
  assertDueDateWithinPlan(dueDate, plan);
  const graceDays = input.graceDays ?? schedule?.grace_days ?? DEFAULT_GRACE_DAYS;
  const title = input.title ?? `Báo cáo ${periodInSentence(input.period)} — Kế hoạch ${plan.number}`;
  const [round] = rowsOf<{ id: string }>(
    await tx.execute(sql`insert into rounds (plan_id, period, kind, title, cutoff_end, due_date, grace_days, opened_by)
      values (${plan.id}, ${input.period}, ${input.kind}, ${title}, ${cutoffEnd}, ${dueDate}, ${graceDays}, ${actor.userId})
      returning id`),
  );
  const roundId = round!.id;
  const frequency = frequencyOfPeriodType(type);

  // Tasks each unit answers for: unfinished tasks and milestones it leads or co-operates on.
  await tx.execute(sql`
    create temporary table if not exists round_duties (org_unit_id uuid, plan_item_id uuid, role text) on commit drop`);
  await tx.execute(sql`delete from round_duties`);
  await tx.execute(sql`
    insert into round_duties
    select i.lead_org_unit_id, i.id, 'lead' from plan_items i
    where i.plan_id = ${plan.id} and i.archived_at is null and i.kind in ('task', 'milestone')
      and i.progress < 100 and i.lead_org_unit_id is not null
    union all
    select c.org_unit_id, i.id, 'cooperator' from plan_items i join plan_item_cooperators c on c.item_id = i.id
    where i.plan_id = ${plan.id} and i.archived_at is null and i.kind in ('task', 'milestone')
      and i.progress < 100 and c.org_unit_id is distinct from i.lead_org_unit_id`);
  const indicatorUnits = sql`
    select o.id as org_unit_id, ind.id as indicator_id
    from indicators ind
    join org_units o on o.active and ind.reported_by @> jsonb_build_array(o.kind)
    where ind.archived_at is null and ind.formula is null and ind.frequency = ${frequency}
      and exists (select 1 from indicator_plan_items ip join plan_items pi on pi.id = ip.plan_item_id
                  where ip.indicator_id = ind.id and pi.plan_id = ${plan.id})`;
  await tx.execute(sql`
    insert into reports (round_id, org_unit_id, due_date)
    select ${roundId}, u.org_unit_id, ${dueDate}
    from (select org_unit_id from round_duties union select org_unit_id from (${indicatorUnits}) iu) u
    join org_units o on o.id = u.org_unit_id and o.active`);
  await tx.execute(sql`
    insert into report_items (report_id, plan_item_id, role)
    select r.id, d.plan_item_id, d.role from round_duties d
    join reports r on r.round_id = ${roundId} and r.org_unit_id = d.org_unit_id`);
  await tx.execute(sql`
    insert into report_indicators (report_id, indicator_id)
    select r.id, iu.indicator_id from (${indicatorUnits}) iu
    join reports r on r.round_id = ${roundId} and r.org_unit_id = iu.org_unit_id`);
  const [counts] = rowsOf<{ n: number }>(
    await tx.execute(sql`select count(*)::int as n from reports where round_id = ${roundId}`),
  );
  await auditChange(
    tx,
    actor,
    'round.open',
    { type: 'round', id: roundId },
    {
      after: {
        planId: plan.id,
        period: input.period,
        kind: input.kind,
        dueDate,
        graceDays,
        reports: counts?.n ?? 0,
      },
    },
  );
  return roundId;
}

/** The round, locked for this transaction, for a change of its status (404 when there is none). */
async function lockRound(tx: Transaction, roundId: string) {
  const [round] = rowsOf<{ id: string; status: string; version: number }>(
    await tx.execute(sql`select id, status, version from rounds where id = ${roundId} for update`),
  );
  if (!round) throw notFound(RESOURCE_NAMES.round);
  return round;
}

/**
 * Closes a round: from now on its unsent reports (draft or returned) can be neither changed nor
 * sent, and count as missing; reports already sent may still be approved and accepted. Closing a
 * closed round answers 409 `round_closed` (a retry after a lost answer learns it is done).
 *
 * Every report of the round is locked before the status changes, so a submission in flight either
 * commits first (and counts as sent) or waits and then sees the round closed (reports/service.ts
 * reads the round's status after locking the report).
 */
export async function closeRound(options: {
  tx: Transaction;
  roundId: string;
  input: TCloseRoundRequest;
  actor: Actor;
}): Promise<void> {
  const { tx, input, actor } = options;
  const round = await lockRound(tx, options.roundId);
  if (round.status === 'closed') {
    throw new AppError('round_closed', {
      params: { reason: { vi: 'Đợt này đã được đóng trước đó.', en: 'It was closed before.' } },
      current: { status: round.status, version: round.version },
    });
  }
  assertVersion(round, input.version);
  const [counts] = rowsOf<{ reports: number; unsent: number }>(
    await tx.execute(sql`select count(*)::int as reports,
        count(*) filter (where status in ('draft', 'returned'))::int as unsent
      from (select status from reports where round_id = ${round.id} for update) r`),
  );
  await tx.execute(sql`update rounds set status = 'closed', version = version + 1 where id = ${round.id}`);
  await auditChange(
    tx,
    actor,
    'round.close',
    { type: 'round', id: round.id },
    {
      before: { status: round.status },
      after: {
        status: 'closed',
        reason: input.reason ?? null,
        reports: counts?.reports ?? 0,
        unsent: counts?.unsent ?? 0,
      },
    },
  );
}

/**
 * Reopens a closed round: its unsent reports can be changed and sent again, reminders resume, and
 * they count as pending, overdue or missing by their due dates again. The reason goes to the audit log.
 */
export async function reopenRound(options: {
  tx: Transaction;
  roundId: string;
  input: TReopenRoundRequest;
  actor: Actor;
}): Promise<void> {
  const { tx, input, actor } = options;
  const round = await lockRound(tx, options.roundId);
  if (round.status !== 'closed') {
    throw new AppError('round_open', { current: { status: round.status, version: round.version } });
  }
  assertVersion(round, input.version);
  await tx.execute(sql`update rounds set status = 'open', version = version + 1 where id = ${round.id}`);
  await auditChange(
    tx,
    actor,
    'round.reopen',
    { type: 'round', id: round.id },
    { before: { status: round.status }, after: { status: 'open', reason: input.reason } },
  );
}

/** Sets a plan's schedule for a period type (one per type). */
export async function saveSchedule(options: { tx: Transaction; input: TRoundSchedule; actor: Actor }) {
  const { tx, input, actor } = options;
  const [plan] = rowsOf<{ id: string }>(
    await tx.execute(sql`select id from plans where id = ${input.planId} and archived_at is null`),
  );
  if (!plan) throw notFound(RESOURCE_NAMES.plan);
  const [before] = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`select due_working_days, grace_days, active from round_schedules
      where plan_id = ${input.planId} and period_type = ${input.periodType} for update`),
  );
  await tx.execute(sql`insert into round_schedules (plan_id, period_type, due_working_days, grace_days, active)
    values (${input.planId}, ${input.periodType}, ${input.dueWorkingDays}, ${input.graceDays}, ${input.active})
    on conflict (plan_id, period_type) do update set due_working_days = excluded.due_working_days,
      grace_days = excluded.grace_days, active = excluded.active, version = round_schedules.version + 1`);
  await auditChange(
    tx,
    actor,
    'round.schedule',
    { type: 'round', id: null },
    { before: before ?? null, after: { ...input } },
  );
}
