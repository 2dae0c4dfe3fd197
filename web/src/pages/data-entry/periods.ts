import { REPORTING_FREQUENCIES, type ReportingFrequency } from '../../../../common/enums';
import {
  currentPeriod,
  formatPeriod,
  parsePeriod,
  periodLabel,
  periodLabelEn,
  periodType,
  periodYear,
  previousPeriod,
} from '../../../../common/periods';
import type { Lang } from '../../i18n';

/** The period types values are entered for (an indicator's reporting frequency). */
export const ENTRY_PERIOD_TYPES = REPORTING_FREQUENCIES;

/** Today's date in Vietnam (UTC+7, no daylight saving), as the server's clock sees it. */
export function todayInVietnam(now = Date.now()): string {
  return new Date(now + 7 * 3_600_000).toISOString().slice(0, 10);
}

export function isEntryPeriod(id: string | null | undefined): id is string {
  if (!id) return false;
  const period = parsePeriod(id);
  return period !== null && (ENTRY_PERIOD_TYPES as readonly string[]).includes(period.type);
}

/**
 * The period of `type` being collected today (its Decree 09 cut-off window holds today). A first
 * half has no window after mid-June: then the latest first half.
 */
export function defaultPeriod(type: ReportingFrequency, today = todayInVietnam()): string {
  const current = currentPeriod(type, today);
  if (current) return current;
  return formatPeriod({ type: 'half_year', year: periodYear(currentPeriod('year', today)) });
}

const RECENT_COUNT: Record<ReportingFrequency, number> = { month: 24, quarter: 12, half_year: 6, year: 6 };

/** The period being collected and those before it, newest first. */
export function recentPeriods(type: ReportingFrequency, today = todayInVietnam()): string[] {
  const periods = [defaultPeriod(type, today)];
  while (periods.length < RECENT_COUNT[type]) periods.push(previousPeriod(periods.at(-1)!));
  return periods;
}

/** "Tháng 3/2026" / "March 2026". */
export function periodText(id: string, lang: Lang): string {
  return lang === 'en' ? periodLabelEn(id) : periodLabel(id);
}

/** Axis labels: "3/2026", "Q1/2026", "6T/2026" (H1 2026), "2026". */
export function shortPeriodText(id: string, lang: Lang): string {
  const period = parsePeriod(id);
  if (!period) return id;
  switch (period.type) {
    case 'month':
      return `${period.month}/${period.year}`;
    case 'quarter':
      return `Q${period.quarter}/${period.year}`;
    case 'half_year':
      return lang === 'en' ? `H1 ${period.year}` : `6T/${period.year}`;
    case 'nine_months':
      return lang === 'en' ? `9M ${period.year}` : `9T/${period.year}`;
    case 'year':
      return String(period.year);
  }
}

/** The first and the last period of `type` in a year. */
export function periodsOfYearBounds(type: ReportingFrequency, year: number): [string, string] {
  switch (type) {
    case 'month':
      return [`${year}M01`, `${year}M12`];
    case 'quarter':
      return [`${year}Q1`, `${year}Q4`];
    case 'half_year':
      return [`${year}S1`, `${year}S1`];
    case 'year':
      return [String(year), String(year)];
  }
}

/** Where a period ends on a time line measured in years: 2026M03 → 2026.25, 2026 → 2027. */
export function periodEndTime(id: string): number {
  const period = parsePeriod(id);
  if (!period) throw new RangeError(`Invalid period id: ${id}`);
  switch (period.type) {
    case 'month':
      return period.year + period.month / 12;
    case 'quarter':
      return period.year + period.quarter / 4;
    case 'half_year':
      return period.year + 0.5;
    case 'nine_months':
      return period.year + 0.75;
    case 'year':
      return period.year + 1;
  }
}

export function entryPeriodType(id: string): ReportingFrequency {
  return periodType(id) as ReportingFrequency;
}
