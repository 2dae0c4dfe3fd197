/**
 * Known answers for the holiday calendar and the subject-request clocks, worked out on a printed
 * calendar: Tết 2026 (Mon 16 – Fri 20 February), Hùng Kings 2026 on a Sunday (Monday 27 April off
 * in lieu), 30/4–1/5 2026 (Thursday–Friday), 30/4 2028 on a Sunday (in lieu: Tuesday 2 May, since
 * Monday is 1/5).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_HOLIDAYS } from '../../../../common/working-days';
import { LUNAR_DATES } from './lunar-dates';
import {
  addRegistryWorkingDays,
  EXTENSION_MESSAGES,
  extendSubjectRequest,
  holidayCalendar,
  REGISTRY_HOLIDAYS,
  SUBJECT_REQUEST_STATE_LABELS,
  type SubjectRequestDates,
  statutoryHolidays,
  subjectRequestClock,
} from './working-days';

const request = (over: Partial<SubjectRequestDates> = {}): SubjectRequestDates => ({
  receivedOn: '2026-02-13',
  acknowledgedOn: null,
  extendedOn: null,
  completedOn: null,
  ...over,
});

describe('holiday calendar', () => {
  it('has eleven statutory days a year', () => {
    for (let year = 2025; year <= 2035; year += 1) {
      expect(new Set(statutoryHolidays(year).map((h) => h.date)).size).toBe(11);
    }
  });

  it('Tết 2026 runs from 16 to 20 February', () => {
    const days = holidayCalendar();
    expect(['2026-02-15', '2026-02-16', '2026-02-20', '2026-02-21'].map((d) => days.get(d))).toEqual([
      undefined,
      'Tết Nguyên đán',
      'Tết Nguyên đán',
      undefined,
    ]);
  });

  it('gives the next working day off when a holiday falls on a weekend', () => {
    const days = holidayCalendar();
    expect(days.get('2026-04-27')).toBe('Nghỉ bù Giỗ Tổ Hùng Vương');
    expect(days.get('2028-05-02')).toBe('Nghỉ bù Ngày Chiến thắng');
    expect(days.get('2025-02-03')).toBe('Nghỉ bù Tết Nguyên đán');
    expect(days.has('2026-04-28')).toBe(false);
  });

  it('takes the Government’s choice of the day next to 2/9, and extra days off', () => {
    const days = holidayCalendar({
      nationalDayAdjacent: { 2026: '2026-09-03' },
      extra: [{ date: '2026-02-23', name: 'Nghỉ Tết (hoán đổi)' }],
    });
    expect(days.has('2026-09-01')).toBe(false);
    expect(days.get('2026-09-03')).toBe('Quốc khánh');
    expect(days.get('2027-09-01')).toBe('Quốc khánh');
    expect(days.get('2026-02-23')).toBe('Nghỉ Tết (hoán đổi)');
  });

  it('agrees with common/working-days.ts for 2025–2029; 2030 Tết is 2 February in Vietnam', () => {
    for (const h of DEFAULT_HOLIDAYS.filter((d) => d.date < '2030-01-01')) {
      expect(REGISTRY_HOLIDAYS.has(h.date), h.date).toBe(true);
    }
    expect(LUNAR_DATES[2030]?.tet).toBe('2030-02-02');
  });
});

describe('addRegistryWorkingDays', () => {
  it('skips Tết 2026 and the weekend after it', () => {
    expect(addRegistryWorkingDays('2026-02-13', 1)).toBe('2026-02-23');
    expect(addRegistryWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
  });

  it('skips 30/4–1/5 2026 and the day in lieu of the Hùng Kings’ Sunday', () => {
    expect(addRegistryWorkingDays('2026-04-29', 2)).toBe('2026-05-05');
    expect(addRegistryWorkingDays('2026-04-24', 2)).toBe('2026-04-29');
  });
});

describe('subjectRequestClock', () => {
  it('received the Friday before Tết 2026: acknowledge by 24/2, complete by 28/2', () => {
    expect(subjectRequestClock(request(), '2026-02-16')).toEqual({
      acknowledgeBy: '2026-02-24',
      completeBy: '2026-02-28',
      extendedCompleteBy: null,
      deadline: '2026-02-28',
      state: 'on-time',
      step: null,
      daysLeft: 12,
    });
  });

  it('walks through due soon, overdue, extended and completed', () => {
    const at = (asOf: string, over: Partial<SubjectRequestDates> = {}) => {
      const clock = subjectRequestClock(request(over), asOf);
      return [clock.state, clock.step];
    };
    expect(at('2026-02-24')).toEqual(['due-soon', 'acknowledge']);
    expect(at('2026-02-25')).toEqual(['overdue', 'acknowledge']);
    expect(at('2026-02-25', { acknowledgedOn: '2026-02-23' })).toEqual(['on-time', null]);
    expect(at('2026-02-26', { acknowledgedOn: '2026-02-23' })).toEqual(['due-soon', 'complete']);
    expect(at('2026-02-28', { acknowledgedOn: '2026-02-23' })).toEqual(['due-soon', 'complete']);
    expect(at('2026-03-01', { acknowledgedOn: '2026-02-23' })).toEqual(['overdue', 'complete']);
    const extended = { acknowledgedOn: '2026-02-23', extendedOn: '2026-02-27' };
    expect(at('2026-03-01', extended)).toEqual(['extended', null]);
    expect(subjectRequestClock(request(extended), '2026-03-01').deadline).toBe('2026-03-15');
    expect(at('2026-03-16', extended)).toEqual(['overdue', 'complete']);
    expect(at('2026-03-20', { ...extended, completedOn: '2026-03-15' })).toEqual(['completed', null]);
    expect(at('2026-03-20', { ...extended, completedOn: '2026-03-16' })).toEqual(['completed-late', null]);
    expect(SUBJECT_REQUEST_STATE_LABELS.overdue).toBe('Quá hạn');
  });

  it('counts the 30/4–1/5 2026 holidays in the acknowledgement, not in the 15 days', () => {
    const clock = subjectRequestClock(request({ receivedOn: '2026-04-29' }), '2026-05-04');
    expect([clock.acknowledgeBy, clock.completeBy, clock.state]).toEqual([
      '2026-05-05',
      '2026-05-14',
      'on-time',
    ]);
  });
});

describe('extendSubjectRequest', () => {
  it('grants one extension within the period and refuses a second', () => {
    const first = extendSubjectRequest(request(), '2026-02-20');
    expect(first).toEqual({ ok: true, request: request({ extendedOn: '2026-02-20' }) });
    if (!first.ok) return;
    expect(extendSubjectRequest(first.request, '2026-02-21')).toEqual({
      ok: false,
      error: EXTENSION_MESSAGES.already,
    });
  });

  it('refuses after the deadline, before receipt, or once completed', () => {
    expect(extendSubjectRequest(request(), '2026-02-28').ok).toBe(true);
    expect(extendSubjectRequest(request(), '2026-03-01')).toEqual({
      ok: false,
      error: EXTENSION_MESSAGES.late,
    });
    expect(extendSubjectRequest(request(), '2026-02-12')).toEqual({
      ok: false,
      error: EXTENSION_MESSAGES.beforeReceipt,
    });
    expect(extendSubjectRequest(request({ completedOn: '2026-02-20' }), '2026-02-21')).toEqual({
      ok: false,
      error: EXTENSION_MESSAGES.completed,
    });
  });
});
