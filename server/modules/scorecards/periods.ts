import { isWithin, previousPeriod } from '../../../common/periods';

/** How many periods the trend shows, this one included. */
export const TREND_LENGTH = 4;

const pad2 = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Calendar dates of a scorecard period (a year or a quarter): tasks whose deadline falls inside. */
export function periodSpan(period: string): { start: string; end: string } {
  const year = Number(period.slice(0, 4));
  const quarter = period.length > 4 ? Number(period.slice(5)) : null;
  const first = quarter ? quarter * 3 - 2 : 1;
  const last = quarter ? quarter * 3 : 12;
  return { start: `${year}-${pad2(first)}-01`, end: `${year}-${pad2(last)}-${pad2(lastDay(year, last))}` };
}

/** Every reporting period (month, quarter, 6 and 9 months, year) inside it: the rounds that count. */
export function reportingPeriodsWithin(period: string): string[] {
  const year = period.slice(0, 4);
  const all = [
    ...Array.from({ length: 12 }, (_, i) => `${year}M${pad2(i + 1)}`),
    ...[1, 2, 3, 4].map((q) => `${year}Q${q}`),
    `${year}S1`,
    `${year}N9`,
    year,
  ];
  return all.filter((p) => isWithin(p, period));
}

/** This period and the ones before it of the same type, oldest first. */
export function trendPeriods(period: string, length = TREND_LENGTH): string[] {
  const periods = [period];
  while (periods.length < length) periods.unshift(previousPeriod(periods[0]!));
  return periods;
}

/** The period a scorecard page opens on: the current calendar year. */
export const defaultPeriod = (today: string) => today.slice(0, 4);
