import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addWorkingDays,
  DEFAULT_HOLIDAYS,
  daysBetween,
  isWeekend,
  isWorkingDay,
} from './working-days';

const holidays = new Set(DEFAULT_HOLIDAYS.map((h) => h.date));

describe('working days', () => {
  it('skips weekends', () => {
    // Friday 2026-11-27 + 1 working day = Monday 2026-11-30
    expect(addWorkingDays('2026-11-27', 1, new Set())).toBe('2026-11-30');
    expect(addWorkingDays('2026-11-27', 5, new Set())).toBe('2026-12-04');
    expect(isWeekend('2026-11-28')).toBe(true);
  });

  it('skips Tết and the other public holidays', () => {
    // Tết 2026: 16/2 (the 30th) to 20/2; 13/2 is a Friday, so the next working day is Monday 23/2
    expect(addWorkingDays('2026-02-13', 1, holidays)).toBe('2026-02-23');
    // 30/4 and 1/5/2026 are Thursday and Friday
    expect(addWorkingDays('2026-04-29', 1, holidays)).toBe('2026-05-04');
    expect(isWorkingDay('2026-09-02', holidays)).toBe(false);
  });

  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addWorkingDays('2026-12-31', 1, holidays)).toBe('2027-01-04');
    expect(daysBetween('2025-12-15', '2026-01-14')).toBe(30);
  });

  it('n working days later is a working day with exactly n working days in between', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2025-01-01T00:00:00Z'),
          max: new Date('2030-06-30T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 1, max: 30 }),
        (date, n) => {
          const start = date.toISOString().slice(0, 10);
          const end = addWorkingDays(start, n, holidays);
          expect(isWorkingDay(end, holidays)).toBe(true);
          let counted = 0;
          for (let d = addDays(start, 1); d <= end; d = addDays(d, 1))
            if (isWorkingDay(d, holidays)) counted++;
          expect(counted).toBe(n);
        },
      ),
    );
  });

  it('has the eleven statutory days off for each year from 2025 to 2030, none twice', () => {
    expect(DEFAULT_HOLIDAYS).toHaveLength(6 * 11);
    expect(new Set(DEFAULT_HOLIDAYS.map((h) => h.date)).size).toBe(DEFAULT_HOLIDAYS.length);
  });
});
