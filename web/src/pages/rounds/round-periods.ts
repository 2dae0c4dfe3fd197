import {
  cutoffWindow,
  formatPeriod,
  type PeriodType,
  periodContaining,
  previousPeriod,
} from '../../../../common/periods';
import { todayInVietnam } from '../data-entry/periods';

const COUNT: Record<PeriodType, number> = { month: 24, quarter: 12, half_year: 6, nine_months: 6, year: 6 };

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

/** The period to propose: the newest whose cut-off has passed and that has no round yet. */
export function proposedPeriod(
  periods: readonly string[],
  taken: ReadonlySet<string>,
  today = todayInVietnam(),
): string | undefined {
  return (
    periods.find((p) => !taken.has(p) && cutoffWindow(p).end < today) ?? periods.find((p) => !taken.has(p))
  );
}
