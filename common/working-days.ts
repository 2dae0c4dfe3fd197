/**
 * Working days in Vietnam: Monday to Friday, minus public holidays. The holiday list is data the
 * secretariat can change (each year's Tết days and make-up days are announced by decision);
 * DEFAULT_HOLIDAYS seeds it with the days set by the Labour Code 2019, Art. 112, for 2025–2030.
 * Dates are ISO calendar dates ('YYYY-MM-DD'); no time zones are involved.
 */

/** Day number since 1970-01-01 of an ISO date (UTC arithmetic on a calendar date is exact). */
const dayNumber = (iso: string) =>
  Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;
const isoOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

export const addDays = (iso: string, days: number) => isoOf(dayNumber(iso) + days);

export function isWeekend(iso: string): boolean {
  const weekday = new Date(dayNumber(iso) * 86_400_000).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export function isWorkingDay(iso: string, holidays: ReadonlySet<string>): boolean {
  return !isWeekend(iso) && !holidays.has(iso);
}

/** The n-th working day after `iso` (n ≥ 1), or `iso` itself when n = 0. */
export function addWorkingDays(iso: string, n: number, holidays: ReadonlySet<string>): string {
  let day = iso;
  let left = n;
  while (left > 0) {
    day = addDays(day, 1);
    if (isWorkingDay(day, holidays)) left--;
  }
  return day;
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export const daysBetween = (from: string, to: string) => dayNumber(to) - dayNumber(from);

/** Lunar New Year's Day (1st of the 1st lunar month) and the Hùng Kings' day (10th of the 3rd). */
const LUNAR = {
  2025: { tet: '2025-01-29', hungKings: '2025-04-07' },
  2026: { tet: '2026-02-17', hungKings: '2026-04-26' },
  2027: { tet: '2027-02-06', hungKings: '2027-04-16' },
  2028: { tet: '2028-01-26', hungKings: '2028-04-04' },
  2029: { tet: '2029-02-13', hungKings: '2029-04-23' },
  2030: { tet: '2030-02-03', hungKings: '2030-04-12' },
} as const;

export interface Holiday {
  date: string;
  name: string;
}

/**
 * New Year's Day; Tết: the last day of the lunar year and the first four of the new one; the
 * Hùng Kings' day; 30/4 and 1/5; National Day 2/9 with 1/9. Make-up days for holidays on a
 * weekend are decided each year and added by the secretariat.
 */
export const DEFAULT_HOLIDAYS: readonly Holiday[] = Object.entries(LUNAR).flatMap(([year, lunar]) => [
  { date: `${year}-01-01`, name: 'Tết Dương lịch' },
  ...[-1, 0, 1, 2, 3].map((offset) => ({ date: addDays(lunar.tet, offset), name: 'Tết Nguyên đán' })),
  { date: lunar.hungKings, name: 'Giỗ Tổ Hùng Vương' },
  { date: `${year}-04-30`, name: 'Ngày Chiến thắng' },
  { date: `${year}-05-01`, name: 'Ngày Quốc tế Lao động' },
  { date: `${year}-09-01`, name: 'Quốc khánh' },
  { date: `${year}-09-02`, name: 'Quốc khánh' },
]);
