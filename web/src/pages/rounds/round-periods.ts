import {
  cutoffWindow,
  formatPeriod,
  type PeriodType,
  periodContaining,
  previousPeriod,
} from '../../../../common/periods';
import { addWorkingDays, DEFAULT_HOLIDAYS, daysBetween } from '../../../../common/working-days';
import { todayInVietnam } from '../data-entry/periods';

const COUNT: Record<PeriodType, number> = { month: 24, quarter: 12, half_year: 6, nine_months: 6, year: 6 };

/** The server's due date when a plan has no schedule (server/modules/rounds/service.ts DEFAULT_DUE_WORKING_DAYS). */
export const DEFAULT_DUE_WORKING_DAYS = 5;

const HOLIDAYS: ReadonlySet<string> = new Set(DEFAULT_HOLIDAYS.map((h) => h.date));

/**
 * The due date the server will give a round of `period`: `dueWorkingDays` working days after the
 * data cut-off, with the same common code (the statutory holidays; a make-up day the secretariat
 * added to the server's table may move it by a day).
 */
export function roundDueDate(period: string, dueWorkingDays = DEFAULT_DUE_WORKING_DAYS): string {
  return addWorkingDays(cutoffWindow(period).end, dueWorkingDays, HOLIDAYS);
}

/** Calendar days a due date has passed by `today` (0 when it is today or ahead). */
export function daysPastDue(dueDate: string, today = todayInVietnam()): number {
  return Math.max(0, daysBetween(dueDate, today));
}

/** The latest period of `type` whose data collection has begun by `today`. */
function latestStarted(type: PeriodType, today: string): string {
  const containing = periodContaining(type, today);
  if (containing) return containing;
  // 6 and 9 months have no window late in the year: the one of this calendar year
  const yearly = type as 'half_year' | 'nine_months';
  const year = Number(today.slice(0, 4));
  const period = formatPeriod({ type: yearly, year });
  return cutoffWindow(period).start <= today ? period : formatPeriod({ type: yearly, year: year - 1 });
}

/** Periods a round can be opened for: the one being collected and those before it, newest first. */
export function roundPeriods(type: PeriodType, today = todayInVietnam()): string[] {
  const periods = [latestStarted(type, today)];
  while (periods.length < COUNT[type]) periods.push(previousPeriod(periods.at(-1)!));
  return periods;
}

/**
 * The period to propose: of those without a round whose due date is today or later, the one due
 * first — the period just cut off while its deadline is ahead, else the one being collected. Never
 * a period already overdue (a round opened for it would count every unit late at once), unless
 * every period is taken or overdue.
 */
export function proposedPeriod(
  periods: readonly string[],
  taken: ReadonlySet<string>,
  today = todayInVietnam(),
  dueWorkingDays = DEFAULT_DUE_WORKING_DAYS,
): string | undefined {
  const free = periods.filter((p) => !taken.has(p));
  const ahead = free.filter((p) => roundDueDate(p, dueWorkingDays) >= today);
  return ahead.at(-1) ?? free[0];
}
