/**
 * Periodic rounds open by themselves: every hour a scheduled job opens, for each active schedule,
 * the round of the latest period whose data cut-off has ended, unless it exists. The unique index
 * on (plan, period) for periodic rounds keeps two instances from opening it twice.
 */
import { sql } from 'drizzle-orm';
import type { TRoundSchedule } from '../../../common/contracts/rounds';
import { cutoffWindow, type PeriodType, periodsBetween } from '../../../common/periods';
import { vietnamDateOf } from '../../clock';
import type { Database, Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { anonymousActor } from '../../policy';
import { defineScheduledJob } from '../jobs/definitions';
import { openRound, periodWithinPlan } from './service';

/** The latest period of a type whose cut-off window ended before `today` (null before 2001). */
export function lastClosedPeriod(type: PeriodType, today: string): string | null {
  const year = Number(today.slice(0, 4));
  const first = {
    month: `${year - 1}M01`,
    quarter: `${year - 1}Q1`,
    half_year: `${year - 1}S1`,
    nine_months: `${year - 1}N9`,
    year: `${year - 2}`,
  }[type];
  const last = {
    month: `${year + 1}M01`,
    quarter: `${year + 1}Q1`,
    half_year: `${year + 1}S1`,
    nine_months: `${year + 1}N9`,
    year: `${year + 1}`,
  }[type];
  const closed = periodsBetween(type, first, last).filter((p) => cutoffWindow(p).end < today);
  return closed.at(-1) ?? null;
}

/** The system opens scheduled rounds: its audit events name no user. */
const SYSTEM = { ...anonymousActor(), name: 'Hệ thống (lịch mở đợt)' };

export async function openDueRounds(db: Database, today: string): Promise<string[]> {
  const schedules = rowsOf<{
    plan_id: string;
    period_type: PeriodType;
    horizon_start_year: number;
    horizon_end_year: number;
  }>(
    await db.execute(sql`select s.plan_id, s.period_type, p.horizon_start_year, p.horizon_end_year
      from round_schedules s join plans p on p.id = s.plan_id
      where s.active and p.archived_at is null and p.status = 'active'`),
  );
  const opened: string[] = [];
  for (const schedule of schedules) {
    const period = lastClosedPeriod(schedule.period_type, today);
    // before the plan's first year or after its last, a schedule has nothing to open
    if (!period || !periodWithinPlan(period, schedule)) continue;
    const exists = rowsOf(
      await db.execute(
        sql`select 1 from rounds where plan_id = ${schedule.plan_id} and period = ${period} and kind = 'periodic'`,
      ),
    );
    if (exists.length) continue;
    try {
      opened.push(
        await db.transaction((tx) =>
          openRound({ tx, input: { planId: schedule.plan_id, period, kind: 'periodic' }, actor: SYSTEM }),
        ),
      );
    } catch (error) {
      // another instance opened it a moment ago
      if ((error as { code?: string }).code !== 'duplicate') throw error;
    }
  }
  return opened;
}

export const openDueRoundsJob = defineScheduledJob({
  kind: 'rounds.open_due',
  everyMs: 3600_000,
  async handler(ctx, { scheduledFor }) {
    await openDueRounds(ctx.db, vietnamDateOf(scheduledFor));
  },
});

export async function listSchedules(db: Executor, planId: string) {
  return rowsOf<{
    plan_id: string;
    period_type: TRoundSchedule['periodType'];
    due_working_days: number;
    grace_days: number;
    active: boolean;
  }>(
    await db.execute(sql`select plan_id, period_type, due_working_days, grace_days, active from round_schedules
      where plan_id = ${planId} order by period_type`),
  ).map((r) => ({
    planId: r.plan_id,
    periodType: r.period_type,
    dueWorkingDays: r.due_working_days,
    graceDays: r.grace_days,
    active: r.active,
  }));
}
