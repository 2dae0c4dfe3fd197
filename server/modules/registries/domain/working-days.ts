/**
 * Legal clocks for personal-data subject requests (access, correction, export, deletion,
 * withdrawal) under Law 91/2025/QH15 on personal data protection and Decree 356/2025/NĐ-CP, as
 * issue 16 states them: acknowledged within 2 working days, done within 15 days, one extension.
 * The periods are in SUBJECT_REQUEST_RULES so a lawyer's reading can change them in one place.
 *
 * Working days reuse common/working-days.ts (weekends, counting); the holiday calendar here runs to
 * 2035 and adds the compensatory day the Labour Code 2019 (Art. 111(3)) gives when a public holiday
 * falls on a weekend. Days off the Government adds by decision each year (bridges, swaps) are not
 * statutory; pass them in `extra`.
 */
import { addDays, addWorkingDays, daysBetween, isWeekend } from '../../../../common/working-days';
import { FIRST_LUNAR_YEAR, LAST_LUNAR_YEAR, LUNAR_DATES } from './lunar-dates';

export interface PublicHoliday {
  date: string;
  name: string;
}

export interface HolidayOptions {
  /**
   * National Day is 2/9 plus one adjacent day, before or after, chosen each year by the
   * Government; 1/9 unless a year says otherwise (e.g. { 2026: '2026-09-03' }).
   */
  nationalDayAdjacent?: Readonly<Record<number, string>>;
  /** Extra days off decided for a given year (Tết bridges, swapped days). */
  extra?: readonly PublicHoliday[];
}

/** Statutory days off of one year (Labour Code 2019, Art. 112(1)), before compensatory days. */
export function statutoryHolidays(year: number, options: HolidayOptions = {}): PublicHoliday[] {
  const lunar = LUNAR_DATES[year];
  if (!lunar)
    throw new Error(`No lunar dates for ${year} (table covers ${FIRST_LUNAR_YEAR}–${LAST_LUNAR_YEAR})`);
  return [
    { date: `${year}-01-01`, name: 'Tết Dương lịch' },
    // Five days: the last day of the old lunar year and the first four of the new one, the usual choice.
    ...[-1, 0, 1, 2, 3].map((offset) => ({ date: addDays(lunar.tet, offset), name: 'Tết Nguyên đán' })),
    { date: lunar.hungKings, name: 'Giỗ Tổ Hùng Vương' },
    { date: `${year}-04-30`, name: 'Ngày Chiến thắng' },
    { date: `${year}-05-01`, name: 'Ngày Quốc tế Lao động' },
    { date: options.nationalDayAdjacent?.[year] ?? `${year}-09-01`, name: 'Quốc khánh' },
    { date: `${year}-09-02`, name: 'Quốc khánh' },
  ];
}

/**
 * Every day off from 2025 to 2035: statutory days, each one falling on a Saturday or Sunday
 * followed by a compensatory day (the next day that is neither weekend nor holiday), and `extra`.
 */
export function holidayCalendar(options: HolidayOptions = {}): Map<string, string> {
  const days = new Map<string, string>();
  for (let year = FIRST_LUNAR_YEAR; year <= LAST_LUNAR_YEAR; year += 1) {
    const statutory = statutoryHolidays(year, options);
    for (const h of statutory) days.set(h.date, h.name);
    for (const h of statutory) {
      if (!isWeekend(h.date)) continue;
      let day = addDays(h.date, 1);
      while (isWeekend(day) || days.has(day)) day = addDays(day, 1);
      days.set(day, `Nghỉ bù ${h.name}`);
    }
  }
  for (const h of options.extra ?? []) days.set(h.date, h.name);
  return days;
}

const DEFAULT_CALENDAR = holidayCalendar();
/** The default calendar's days off, as the set common/working-days.ts functions take. */
export const REGISTRY_HOLIDAYS: ReadonlySet<string> = new Set(DEFAULT_CALENDAR.keys());

export function addRegistryWorkingDays(
  iso: string,
  n: number,
  holidays: ReadonlySet<string> = REGISTRY_HOLIDAYS,
): string {
  return addWorkingDays(iso, n, holidays);
}

export const SUBJECT_REQUEST_RULES = {
  acknowledgeWorkingDays: 2,
  completeDays: 15,
  /** One extension, of the same length, at most. */
  extensionDays: 15,
  /** Fewer days than this left: shown as due soon. */
  dueSoonDays: 3,
} as const;

export interface SubjectRequestDates {
  receivedOn: string;
  acknowledgedOn: string | null;
  /** Day the single extension was granted (and the requester told), or null. */
  extendedOn: string | null;
  completedOn: string | null;
}

export type SubjectRequestState =
  | 'on-time'
  | 'due-soon'
  | 'overdue'
  | 'extended'
  | 'completed'
  | 'completed-late';

export const SUBJECT_REQUEST_STATE_LABELS: Readonly<Record<SubjectRequestState, string>> = {
  'on-time': 'Trong hạn',
  'due-soon': 'Sắp đến hạn',
  overdue: 'Quá hạn',
  extended: 'Đã gia hạn',
  completed: 'Đã giải quyết đúng hạn',
  'completed-late': 'Đã giải quyết quá hạn',
};

export interface SubjectRequestClock {
  acknowledgeBy: string;
  completeBy: string;
  /** completeBy moved by the extension, when one was granted. */
  extendedCompleteBy: string | null;
  /** The deadline that applies now: extendedCompleteBy ?? completeBy. */
  deadline: string;
  state: SubjectRequestState;
  /** Which obligation is late, when state is overdue or due-soon. */
  step: 'acknowledge' | 'complete' | null;
  /** Calendar days from asOf to the deadline (negative when past). */
  daysLeft: number;
}

/** A request's due dates and where it stands on `asOf` (an ISO date). */
export function subjectRequestClock(
  request: SubjectRequestDates,
  asOf: string,
  holidays: ReadonlySet<string> = REGISTRY_HOLIDAYS,
): SubjectRequestClock {
  const rules = SUBJECT_REQUEST_RULES;
  const acknowledgeBy = addWorkingDays(request.receivedOn, rules.acknowledgeWorkingDays, holidays);
  const completeBy = addDays(request.receivedOn, rules.completeDays);
  const extendedCompleteBy = request.extendedOn ? addDays(completeBy, rules.extensionDays) : null;
  const deadline = extendedCompleteBy ?? completeBy;
  const daysLeft = daysBetween(asOf, deadline);
  const base = { acknowledgeBy, completeBy, extendedCompleteBy, deadline, daysLeft };

  if (request.completedOn) {
    const late = request.completedOn > deadline;
    return { ...base, state: late ? 'completed-late' : 'completed', step: null };
  }
  const unacknowledged = request.acknowledgedOn === null;
  if (unacknowledged && asOf > acknowledgeBy) return { ...base, state: 'overdue', step: 'acknowledge' };
  if (asOf > deadline) return { ...base, state: 'overdue', step: 'complete' };
  if (unacknowledged && asOf === acknowledgeBy) return { ...base, state: 'due-soon', step: 'acknowledge' };
  if (daysLeft < rules.dueSoonDays) return { ...base, state: 'due-soon', step: 'complete' };
  if (extendedCompleteBy) return { ...base, state: 'extended', step: null };
  return { ...base, state: 'on-time', step: null };
}

export const EXTENSION_MESSAGES = {
  already: 'Yêu cầu đã được gia hạn một lần, không được gia hạn tiếp.',
  completed: 'Yêu cầu đã giải quyết xong, không cần gia hạn.',
  late: 'Chỉ được gia hạn trước khi hết thời hạn giải quyết.',
  beforeReceipt: 'Ngày gia hạn không thể trước ngày nhận yêu cầu.',
} as const;

/** Grants the one extension on `on`, or says why it cannot be granted. */
export function extendSubjectRequest(
  request: SubjectRequestDates,
  on: string,
): { ok: true; request: SubjectRequestDates } | { ok: false; error: string } {
  if (request.extendedOn) return { ok: false, error: EXTENSION_MESSAGES.already };
  if (request.completedOn) return { ok: false, error: EXTENSION_MESSAGES.completed };
  if (on < request.receivedOn) return { ok: false, error: EXTENSION_MESSAGES.beforeReceipt };
  if (on > addDays(request.receivedOn, SUBJECT_REQUEST_RULES.completeDays)) {
    return { ok: false, error: EXTENSION_MESSAGES.late };
  }
  return { ok: true, request: { ...request, extendedOn: on } };
}
