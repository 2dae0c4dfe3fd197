import { z } from 'zod';

/**
 * Reporting periods of the indicator module, shared by server and web.
 *
 * Stable ids:  month `2026M03` (M01–M12) · quarter `2026Q1`–`2026Q4` · first half `2026S1`
 * ("báo cáo 6 tháng", first half only) · nine months `2026N9` · year `2026`. Years 2000–2100.
 *
 * A period has two spans; do not mix them up:
 * - its calendar span (`periodMonths`): the months the figures are about — 2026M03 is March;
 * - its cut-off window (`cutoffWindow`, Decree 09/2019/NĐ-CP art. 12, "thời gian chốt số liệu"):
 *   the dates whose events are counted in its report. Data for March is collected from 15/2 to
 *   14/3, so something that happens on 20/3 is reported in April. A period's window is the union
 *   of its months' windows: from the 15th of the month before its first month to the 14th of its
 *   last month (the year 2026: 15/12/2025–14/12/2026). The decree names month, quarter, 6 months
 *   and year; nine months follows the same rule.
 * `periodContaining` and `currentPeriod` use the cut-off window.
 *
 * Dates are calendar dates, ISO strings 'YYYY-MM-DD', handled as numbers: never `Date` objects,
 * so no result depends on the time zone of the machine.
 *
 * `parsePeriod` and `isPeriodId` never throw. The other functions throw a RangeError on an
 * invalid id or date, or when the answer would fall outside 2000–2100 (a programming error:
 * ids from outside are checked with `ZPeriodId` first).
 */

export const PERIOD_TYPES = ['month', 'quarter', 'half_year', 'nine_months', 'year'] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];

export const PERIOD_YEAR_MIN = 2000;
export const PERIOD_YEAR_MAX = 2100;

/** Matches exactly the valid period ids (also published as the `pattern` of `ZPeriodId`). */
export const PERIOD_ID_PATTERN = /^(20\d{2}|2100)(?:M(0[1-9]|1[0-2])|Q([1-4])|(S1)|(N9))?$/;

/** The message of `ZPeriodId`'s error, shown as it is (the API's messages are Vietnamese). */
export const PERIOD_ID_ERROR = 'Kỳ báo cáo không hợp lệ; viết như 2026M03, 2026Q1, 2026S1, 2026N9 hoặc 2026.';

// pure: the web app imports this file for its functions; unused there, the schemas (and zod) are dropped
export const ZPeriodId = /* @__PURE__ */ z.string().regex(PERIOD_ID_PATTERN, { message: PERIOD_ID_ERROR });
export const ZPeriodType = /* @__PURE__ */ z.enum(PERIOD_TYPES);

export type Period =
  | { type: 'month'; year: number; month: number }
  | { type: 'quarter'; year: number; quarter: number }
  | { type: 'half_year'; year: number }
  | { type: 'nine_months'; year: number }
  | { type: 'year'; year: number };

/** Inclusive at both ends. */
export interface CutoffWindow {
  start: string;
  end: string;
}

/** The calendar span of a period: months `first`..`last` (1–12) of `year`. */
interface Span {
  year: number;
  first: number;
  last: number;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const formatDate = (year: number, month: number, day: number) => `${year}-${pad2(month)}-${pad2(day)}`;
const inYearRange = (year: number) =>
  Number.isInteger(year) && year >= PERIOD_YEAR_MIN && year <= PERIOD_YEAR_MAX;

export function parsePeriod(id: string): Period | null {
  if (typeof id !== 'string') return null;
  const m = PERIOD_ID_PATTERN.exec(id);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2]) return { type: 'month', year, month: Number(m[2]) };
  if (m[3]) return { type: 'quarter', year, quarter: Number(m[3]) };
  if (m[4]) return { type: 'half_year', year };
  if (m[5]) return { type: 'nine_months', year };
  return { type: 'year', year };
}

export function isPeriodId(id: string): boolean {
  return parsePeriod(id) !== null;
}

/** The id of a period; throws on a year outside 2000–2100, a month outside 1–12, a quarter outside 1–4. */
export function formatPeriod(period: Period): string {
  if (!inYearRange(period.year)) throw new RangeError(`Period year out of range: ${period.year}`);
  switch (period.type) {
    case 'month':
      if (!Number.isInteger(period.month) || period.month < 1 || period.month > 12) {
        throw new RangeError(`Invalid month: ${period.month}`);
      }
      return `${period.year}M${pad2(period.month)}`;
    case 'quarter':
      if (!Number.isInteger(period.quarter) || period.quarter < 1 || period.quarter > 4) {
        throw new RangeError(`Invalid quarter: ${period.quarter}`);
      }
      return `${period.year}Q${period.quarter}`;
    case 'half_year':
      return `${period.year}S1`;
    case 'nine_months':
      return `${period.year}N9`;
    case 'year':
      return String(period.year);
    default:
      throw new RangeError(`Invalid period type: ${String((period as { type: unknown }).type)}`);
  }
}

function mustParse(id: string): Period {
  const period = parsePeriod(id);
  if (!period) throw new RangeError(`Invalid period id: ${JSON.stringify(id)}`);
  return period;
}

function spanOf(period: Period): Span {
  const { year } = period;
  switch (period.type) {
    case 'month':
      return { year, first: period.month, last: period.month };
    case 'quarter':
      return { year, first: period.quarter * 3 - 2, last: period.quarter * 3 };
    case 'half_year':
      return { year, first: 1, last: 6 };
    case 'nine_months':
      return { year, first: 1, last: 9 };
    case 'year':
      return { year, first: 1, last: 12 };
  }
}

export function periodType(id: string): PeriodType {
  return mustParse(id).type;
}

/** The year the period belongs to (2026M01 → 2026, although its window starts in 2025). */
export function periodYear(id: string): number {
  return mustParse(id).year;
}

/** The first and last month a period covers, counted as year × 12 + month − 1 (2026Q2 → 24315, 24317). */
export function periodMonthSpan(id: string): { first: number; last: number } {
  const { year, first, last } = spanOf(mustParse(id));
  return { first: year * 12 + first - 1, last: year * 12 + last - 1 };
}

/** Calendar span: the month ids the period covers, in order ('2026Q1' → 2026M01, 2026M02, 2026M03). */
export function periodMonths(id: string): string[] {
  const { year, first, last } = spanOf(mustParse(id));
  const months: string[] = [];
  for (let month = first; month <= last; month++) months.push(`${year}M${pad2(month)}`);
  return months;
}

/** Cut-off window (Decree 09): 15th of the month before the first month → 14th of the last month. */
export function cutoffWindow(id: string): CutoffWindow {
  const { year, first, last } = spanOf(mustParse(id));
  const start = first === 1 ? formatDate(year - 1, 12, 15) : formatDate(year, first - 1, 15);
  return { start, end: formatDate(year, last, 14) };
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function parseIsoDate(date: string): { year: number; month: number; day: number } {
  const m = typeof date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) return { year, month, day };
  }
  throw new RangeError(`Invalid date (YYYY-MM-DD): ${JSON.stringify(date)}`);
}

/**
 * The period of the given type whose cut-off window contains the date: the month containing
 * 2026-03-20 is 2026M04 (window 15/3–14/4); 2026-12-20 falls in 2027M01 and in the year 2027.
 * half_year and nine_months answer null for dates outside their window (15/6–14/12, 15/9–14/12).
 */
export function periodContaining(type: 'month' | 'quarter' | 'year', isoDate: string): string;
export function periodContaining(type: PeriodType, isoDate: string): string | null;
export function periodContaining(type: PeriodType, isoDate: string): string | null {
  const date = parseIsoDate(isoDate);
  // The month whose window holds the date: this one up to the 14th, the next one from the 15th.
  let { year, month } = date;
  if (date.day >= 15) {
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
  switch (type) {
    case 'month':
      return formatPeriod({ type, year, month });
    case 'quarter':
      return formatPeriod({ type, year, quarter: Math.ceil(month / 3) });
    case 'half_year':
      return month <= 6 ? formatPeriod({ type, year }) : null;
    case 'nine_months':
      return month <= 9 ? formatPeriod({ type, year }) : null;
    case 'year':
      return formatPeriod({ type, year });
    default:
      throw new RangeError(`Invalid period type: ${JSON.stringify(type)}`);
  }
}

/** The period being collected on `todayIso` (the one whose cut-off window contains it, not its calendar month). */
export function currentPeriod(type: 'month' | 'quarter' | 'year', todayIso: string): string;
export function currentPeriod(type: PeriodType, todayIso: string): string | null;
export function currentPeriod(type: PeriodType, todayIso: string): string | null {
  return periodContaining(type, todayIso);
}

function shift(id: string, delta: number): string {
  const period = mustParse(id);
  switch (period.type) {
    case 'month': {
      const index = period.year * 12 + period.month - 1 + delta;
      return formatPeriod({ type: 'month', year: Math.floor(index / 12), month: (index % 12) + 1 });
    }
    case 'quarter': {
      const index = period.year * 4 + period.quarter - 1 + delta;
      return formatPeriod({ type: 'quarter', year: Math.floor(index / 4), quarter: (index % 4) + 1 });
    }
    default:
      return formatPeriod({ ...period, year: period.year + delta });
  }
}

/** The period of the same type just before (half_year, nine_months, year: the year before). */
export function previousPeriod(id: string): string {
  return shift(id, -1);
}

/** The period of the same type just after (half_year, nine_months, year: the year after). */
export function nextPeriod(id: string): string {
  return shift(id, 1);
}

/**
 * Sort order: for ids of one type, chronological. Ids of different types order by the end of
 * their calendar span, the shorter first (2026M03, 2026Q1, 2026Q2, 2026S1), which is a total order.
 */
export function comparePeriods(a: string, b: string): number {
  const x = spanOf(mustParse(a));
  const y = spanOf(mustParse(b));
  return x.year * 12 + x.last - (y.year * 12 + y.last) || x.last - x.first - (y.last - y.first);
}

/** The periods of `type` from `fromId` to `toId`, both included, in order; empty when from is after to. */
export function periodsBetween(type: PeriodType, fromId: string, toId: string): string[] {
  for (const id of [fromId, toId]) {
    if (periodType(id) !== type) throw new RangeError(`Period ${JSON.stringify(id)} is not a ${type}`);
  }
  const periods: string[] = [];
  if (comparePeriods(fromId, toId) > 0) return periods;
  for (let id = fromId; ; id = nextPeriod(id)) {
    periods.push(id);
    if (id === toId) return periods;
  }
}

/**
 * Whether the calendar span of `childId` lies inside that of `parentId`: 2026M03 is within 2026Q1,
 * 2026S1, 2026N9 and 2026; 2026Q3 within 2026N9 but not 2026S1. A period is within itself.
 */
export function isWithin(childId: string, parentId: string): boolean {
  const child = spanOf(mustParse(childId));
  const parent = spanOf(mustParse(parentId));
  return child.year === parent.year && child.first >= parent.first && child.last <= parent.last;
}

const ROMAN_QUARTERS = ['I', 'II', 'III', 'IV'];
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * The period inside a sentence: "báo cáo tháng 3/2026", "báo cáo quý III/2026" — only the first
 * letter lowered, so the Roman numerals of a quarter stay upper case.
 */
export function periodInSentence(id: string): string {
  const label = periodLabel(id);
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** "Tháng 3/2026", "Quý I/2026", "6 tháng đầu năm 2026", "9 tháng năm 2026", "Năm 2026". */
export function periodLabel(id: string): string {
  const period = mustParse(id);
  switch (period.type) {
    case 'month':
      return `Tháng ${period.month}/${period.year}`;
    case 'quarter':
      return `Quý ${ROMAN_QUARTERS[period.quarter - 1]}/${period.year}`;
    case 'half_year':
      return `6 tháng đầu năm ${period.year}`;
    case 'nine_months':
      return `9 tháng năm ${period.year}`;
    case 'year':
      return `Năm ${period.year}`;
  }
}

/** "March 2026", "Q1 2026", "First half of 2026", "First nine months of 2026", "Year 2026". */
export function periodLabelEn(id: string): string {
  const period = mustParse(id);
  switch (period.type) {
    case 'month':
      return `${MONTHS_EN[period.month - 1]} ${period.year}`;
    case 'quarter':
      return `Q${period.quarter} ${period.year}`;
    case 'half_year':
      return `First half of ${period.year}`;
    case 'nine_months':
      return `First nine months of ${period.year}`;
    case 'year':
      return `Year ${period.year}`;
  }
}
