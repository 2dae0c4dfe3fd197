import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CutoffWindow,
  comparePeriods,
  currentPeriod,
  cutoffWindow,
  formatPeriod,
  isPeriodId,
  isWithin,
  nextPeriod,
  PERIOD_ID_ERROR,
  PERIOD_TYPES,
  type Period,
  type PeriodType,
  parsePeriod,
  periodContaining,
  periodInSentence,
  periodLabel,
  periodLabelEn,
  periodMonths,
  periodsBetween,
  periodType,
  periodYear,
  previousPeriod,
  ZPeriodId,
  ZPeriodType,
} from './periods';

// Test oracle, independent of the module: day numbers through UTC milliseconds (no local time).
const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const fromDayNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const addDays = (iso: string, days: number) => fromDayNumber(dayNumber(iso) + days);
const windowDays = (w: CutoffWindow) => dayNumber(w.end) - dayNumber(w.start) + 1;
const contains = (w: CutoffWindow, iso: string) => w.start <= iso && iso <= w.end;

const arbYear = fc.integer({ min: 2000, max: 2100 });
const periodOf = (years: fc.Arbitrary<number>): fc.Arbitrary<Period> =>
  fc.oneof(
    fc.record({ type: fc.constant('month' as const), year: years, month: fc.integer({ min: 1, max: 12 }) }),
    fc.record({
      type: fc.constant('quarter' as const),
      year: years,
      quarter: fc.integer({ min: 1, max: 4 }),
    }),
    fc.record({ type: fc.constant('half_year' as const), year: years }),
    fc.record({ type: fc.constant('nine_months' as const), year: years }),
    fc.record({ type: fc.constant('year' as const), year: years }),
  );
const arbPeriod = periodOf(arbYear);
const arbId = arbPeriod.map(formatPeriod);
/** Every date of 2000–2100, plus the last half of December 1999 (in the window of 2000M01). */
const arbDate = fc.integer({ min: dayNumber('1999-12-15'), max: dayNumber('2100-12-31') }).map(fromDayNumber);

const ALL_MONTHS = periodsBetween('month', '2000M01', '2100M12');
const ALL_MONTH_WINDOWS = ALL_MONTHS.map((id) => ({ id, window: cutoffWindow(id) }));

describe('period ids', () => {
  it('parses every kind', () => {
    expect(parsePeriod('2026M03')).toEqual({ type: 'month', year: 2026, month: 3 });
    expect(parsePeriod('2026M12')).toEqual({ type: 'month', year: 2026, month: 12 });
    expect(parsePeriod('2026Q4')).toEqual({ type: 'quarter', year: 2026, quarter: 4 });
    expect(parsePeriod('2026S1')).toEqual({ type: 'half_year', year: 2026 });
    expect(parsePeriod('2026N9')).toEqual({ type: 'nine_months', year: 2026 });
    expect(parsePeriod('2026')).toEqual({ type: 'year', year: 2026 });
    expect(parsePeriod('2000M01')).toEqual({ type: 'month', year: 2000, month: 1 });
    expect(parsePeriod('2100Q4')).toEqual({ type: 'quarter', year: 2100, quarter: 4 });
  });

  it.each([
    '2026M13',
    '2026M00',
    '2026M3',
    '2026M003',
    '2026Q5',
    '2026Q0',
    '2026S2',
    '2026N6',
    '2026m03',
    '2026q1',
    '2026s1',
    '2026n9',
    '1999',
    '1999M12',
    '2101',
    '2101Q1',
    '0026',
    '20260',
    '226',
    '2026-03',
    '2026M03 ',
    ' 2026',
    '2026\n',
    '２０２６',
    '',
  ])('rejects %j', (id) => {
    expect(parsePeriod(id)).toBeNull();
    expect(isPeriodId(id)).toBe(false);
    expect(ZPeriodId.safeParse(id).success).toBe(false);
    expect(() => periodType(id)).toThrow(RangeError);
    expect(() => cutoffWindow(id)).toThrow(RangeError);
  });

  it('round-trips parse and format', () => {
    fc.assert(
      fc.property(arbPeriod, (period) => {
        const id = formatPeriod(period);
        expect(parsePeriod(id)).toEqual(period);
        expect(isPeriodId(id)).toBe(true);
        expect(periodType(id)).toBe(period.type);
        expect(periodYear(id)).toBe(period.year);
      }),
    );
  });

  it('accepts a string only when it formats back to itself', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 8 }), fc.stringMatching(/^\d{4}[MQSNmq]?\d{0,3}$/)),
        (text) => {
          const period = parsePeriod(text);
          if (period) expect(formatPeriod(period)).toBe(text);
        },
      ),
    );
  });

  it('refuses to format impossible periods', () => {
    expect(() => formatPeriod({ type: 'month', year: 2026, month: 13 })).toThrow(RangeError);
    expect(() => formatPeriod({ type: 'month', year: 2026, month: 1.5 })).toThrow(RangeError);
    expect(() => formatPeriod({ type: 'quarter', year: 2026, quarter: 0 })).toThrow(RangeError);
    expect(() => formatPeriod({ type: 'year', year: 1999 })).toThrow(RangeError);
    expect(() => formatPeriod({ type: 'half_year', year: 2101 })).toThrow(RangeError);
  });

  it('validates with zod', () => {
    expect(ZPeriodId.parse('2026Q1')).toBe('2026Q1');
    const result = ZPeriodId.safeParse('2026Q5');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(PERIOD_ID_ERROR);
    expect(ZPeriodId.safeParse(2026).success).toBe(false);
    for (const type of PERIOD_TYPES) expect(ZPeriodType.parse(type)).toBe(type);
    expect(ZPeriodType.safeParse('week').success).toBe(false);
  });
});

describe('calendar span', () => {
  it.each([
    ['2026M03', ['2026M03']],
    ['2026Q1', ['2026M01', '2026M02', '2026M03']],
    ['2026Q4', ['2026M10', '2026M11', '2026M12']],
    ['2026S1', ['2026M01', '2026M02', '2026M03', '2026M04', '2026M05', '2026M06']],
    [
      '2026N9',
      ['2026M01', '2026M02', '2026M03', '2026M04', '2026M05', '2026M06', '2026M07', '2026M08', '2026M09'],
    ],
  ])('%s covers %j', (id, months) => {
    expect(periodMonths(id)).toEqual(months);
  });

  it('has 1, 3, 6, 9 or 12 months by type', () => {
    const lengths: Record<PeriodType, number> = {
      month: 1,
      quarter: 3,
      half_year: 6,
      nine_months: 9,
      year: 12,
    };
    fc.assert(
      fc.property(arbId, (id) => {
        const months = periodMonths(id);
        expect(months).toHaveLength(lengths[periodType(id)]);
        expect(months.every((m) => periodType(m) === 'month' && periodYear(m) === periodYear(id))).toBe(true);
      }),
    );
    expect(periodMonths('2026')).toEqual(periodsBetween('month', '2026M01', '2026M12'));
  });

  it.each([
    ['2026M03', '2026Q1', true],
    ['2026M04', '2026Q1', false],
    ['2026M06', '2026S1', true],
    ['2026M07', '2026S1', false],
    ['2026M09', '2026N9', true],
    ['2026M10', '2026N9', false],
    ['2026M12', '2026', true],
    ['2026M01', '2025', false],
    ['2026Q2', '2026S1', true],
    ['2026Q3', '2026S1', false],
    ['2026Q3', '2026N9', true],
    ['2026Q4', '2026N9', false],
    ['2026Q4', '2026', true],
    ['2026S1', '2026N9', true],
    ['2026N9', '2026', true],
    ['2026', '2026N9', false],
    ['2026N9', '2026S1', false],
    ['2026Q1', '2026M01', false],
    ['2026Q1', '2026Q1', true],
    ['2026', '2027', false],
  ])('isWithin(%s, %s) is %s', (child, parent, expected) => {
    expect(isWithin(child, parent)).toBe(expected);
  });

  it('isWithin agrees with periodMonths', () => {
    // Three years, so that children and parents often share a year.
    const nearbyId = periodOf(fc.integer({ min: 2025, max: 2027 })).map(formatPeriod);
    fc.assert(
      fc.property(nearbyId, nearbyId, (child, parent) => {
        const parentMonths = new Set(periodMonths(parent));
        expect(isWithin(child, parent)).toBe(periodMonths(child).every((m) => parentMonths.has(m)));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('cut-off windows (Decree 09/2019/NĐ-CP)', () => {
  it.each([
    ['2026M01', '2025-12-15', '2026-01-14'],
    ['2026M02', '2026-01-15', '2026-02-14'],
    ['2026M03', '2026-02-15', '2026-03-14'],
    ['2026M12', '2026-11-15', '2026-12-14'],
    ['2026Q1', '2025-12-15', '2026-03-14'],
    ['2026Q2', '2026-03-15', '2026-06-14'],
    ['2026Q3', '2026-06-15', '2026-09-14'],
    ['2026Q4', '2026-09-15', '2026-12-14'],
    ['2026S1', '2025-12-15', '2026-06-14'],
    ['2026N9', '2025-12-15', '2026-09-14'],
    ['2026', '2025-12-15', '2026-12-14'],
    ['2000M01', '1999-12-15', '2000-01-14'],
    ['2000', '1999-12-15', '2000-12-14'],
    ['2100M12', '2100-11-15', '2100-12-14'],
  ])('%s runs from %s to %s', (id, start, end) => {
    expect(cutoffWindow(id)).toEqual({ start, end });
  });

  it('counts the days of February by leap year', () => {
    expect(windowDays(cutoffWindow('2024M03'))).toBe(29); // 15–29/2 and 1–14/3
    expect(windowDays(cutoffWindow('2023M03'))).toBe(28);
    expect(windowDays(cutoffWindow('2000M03'))).toBe(29); // divisible by 400: leap
    expect(windowDays(cutoffWindow('2100M03'))).toBe(28); // divisible by 100 only: not leap
    expect(windowDays(cutoffWindow('2024'))).toBe(366); // 15/12/2023–14/12/2024 holds 29/2/2024
    expect(windowDays(cutoffWindow('2025'))).toBe(365);
    expect(contains(cutoffWindow('2024M03'), '2024-02-29')).toBe(true);
    expect(periodContaining('month', '2024-02-29')).toBe('2024M03');
    expect(periodContaining('quarter', '2024-02-29')).toBe('2024Q1');
  });

  it('leaves no gap and no overlap between consecutive windows of one type', () => {
    const firsts: Record<PeriodType, string> = {
      month: '2000M01',
      quarter: '2000Q1',
      half_year: '2000S1',
      nine_months: '2000N9',
      year: '2000',
    };
    const lasts: Record<PeriodType, string> = {
      month: '2100M12',
      quarter: '2100Q4',
      half_year: '2100S1',
      nine_months: '2100N9',
      year: '2100',
    };
    for (const type of ['month', 'quarter', 'year'] as const) {
      const periods = periodsBetween(type, firsts[type], lasts[type]);
      for (let i = 1; i < periods.length; i++) {
        const before = cutoffWindow(periods[i - 1]!);
        const after = cutoffWindow(periods[i]!);
        expect(addDays(before.end, 1), `${periods[i - 1]} → ${periods[i]}`).toBe(after.start);
      }
    }
    // Half-year and nine-month windows recur yearly, each starting on 15/12 of the year before.
    for (const type of ['half_year', 'nine_months'] as const) {
      for (const id of periodsBetween(type, firsts[type], lasts[type])) {
        expect(cutoffWindow(id).start).toBe(`${periodYear(id) - 1}-12-15`);
      }
    }
  });

  it('makes a period window the union of its months’ windows', () => {
    fc.assert(
      fc.property(arbId, (id) => {
        const months = periodMonths(id).map(cutoffWindow);
        const window = cutoffWindow(id);
        expect(window.start).toBe(months[0]!.start);
        expect(window.end).toBe(months.at(-1)!.end);
        expect(windowDays(window)).toBe(months.reduce((sum, w) => sum + windowDays(w), 0));
      }),
    );
  });

  it('puts every date in exactly one month window, inside that month’s quarter and year', () => {
    fc.assert(
      fc.property(arbDate, (date) => {
        const holders = ALL_MONTH_WINDOWS.filter(({ window }) => contains(window, date));
        if (date > '2100-12-14') {
          // after the window of 2100M12, the last supported period
          expect(holders).toHaveLength(0);
          expect(() => periodContaining('month', date)).toThrow(RangeError);
          return;
        }
        expect(holders).toHaveLength(1);
        const month = holders[0]!.id;
        expect(periodContaining('month', date)).toBe(month);
        const quarter = periodContaining('quarter', date);
        expect(contains(cutoffWindow(quarter), date)).toBe(true);
        expect(isWithin(month, quarter)).toBe(true);
        const year = periodContaining('year', date);
        expect(contains(cutoffWindow(year), date)).toBe(true);
        expect(isWithin(month, year)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('checks every day of the leap and non-leap Februaries', () => {
    for (const date of [
      ...periodsBetween('month', '2024M02', '2024M03'),
      ...periodsBetween('month', '2023M02', '2023M03'),
    ].flatMap((m) => {
      const { start } = cutoffWindow(m);
      return Array.from({ length: windowDays(cutoffWindow(m)) }, (_, i) => addDays(start, i));
    })) {
      expect(ALL_MONTH_WINDOWS.filter(({ window }) => contains(window, date))).toHaveLength(1);
    }
  });
});

describe('periodContaining and currentPeriod', () => {
  it.each([
    ['month', '2026-03-20', '2026M04'],
    ['month', '2026-03-14', '2026M03'],
    ['month', '2026-03-15', '2026M04'],
    ['month', '2026-03-01', '2026M03'],
    ['month', '2026-12-14', '2026M12'],
    ['month', '2026-12-20', '2027M01'],
    ['month', '2026-12-31', '2027M01'],
    ['month', '2027-01-01', '2027M01'],
    ['month', '1999-12-15', '2000M01'],
    ['quarter', '2026-03-14', '2026Q1'],
    ['quarter', '2026-03-15', '2026Q2'],
    ['quarter', '2025-12-15', '2026Q1'],
    ['quarter', '2026-09-14', '2026Q3'],
    ['quarter', '2026-12-20', '2027Q1'],
    ['half_year', '2025-12-14', null],
    ['half_year', '2025-12-15', '2026S1'],
    ['half_year', '2026-06-14', '2026S1'],
    ['half_year', '2026-06-15', null],
    ['half_year', '2026-12-31', '2027S1'],
    ['nine_months', '2026-01-01', '2026N9'],
    ['nine_months', '2026-09-14', '2026N9'],
    ['nine_months', '2026-09-15', null],
    ['nine_months', '2026-12-14', null],
    ['nine_months', '2026-12-15', '2027N9'],
    ['year', '2026-12-14', '2026'],
    ['year', '2026-12-20', '2027'],
    ['year', '2026-01-01', '2026'],
  ] as const)('%s containing %s is %s', (type, date, expected) => {
    expect(periodContaining(type, date)).toBe(expected);
    expect(currentPeriod(type, date)).toBe(expected);
  });

  it('answers the period whose window holds the date, for every type', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PERIOD_TYPES),
        arbDate.filter((d) => d <= '2100-12-14'),
        (type, date) => {
          const id = periodContaining(type, date);
          expect(currentPeriod(type, date)).toBe(id);
          if (id === null) {
            expect(type === 'half_year' || type === 'nine_months').toBe(true);
            const sameKind = `${periodContaining('year', date)}${type === 'half_year' ? 'S1' : 'N9'}`;
            expect(contains(cutoffWindow(sameKind), date)).toBe(false);
          } else {
            expect(periodType(id)).toBe(type);
            expect(contains(cutoffWindow(id), date)).toBe(true);
            if (periodYear(id) > 2000) expect(contains(cutoffWindow(previousPeriod(id)), date)).toBe(false);
            if (periodYear(id) < 2100) expect(contains(cutoffWindow(nextPeriod(id)), date)).toBe(false);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it.each([
    '2026-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-3-1',
    '2026-03-20T10:00',
    '20260320',
    '',
  ])('refuses the date %j', (date) => {
    expect(() => periodContaining('month', date)).toThrow(RangeError);
  });

  it('refuses dates whose period is outside 2000–2100', () => {
    expect(() => periodContaining('month', '1999-12-14')).toThrow(RangeError);
    expect(() => periodContaining('year', '2100-12-15')).toThrow(RangeError);
  });
});

describe('sequences', () => {
  it.each([
    ['2026M01', '2025M12', '2026M02'],
    ['2026M12', '2026M11', '2027M01'],
    ['2026Q1', '2025Q4', '2026Q2'],
    ['2026Q4', '2026Q3', '2027Q1'],
    ['2026S1', '2025S1', '2027S1'],
    ['2026N9', '2025N9', '2027N9'],
    ['2026', '2025', '2027'],
  ])('around %s: %s and %s', (id, previous, next) => {
    expect(previousPeriod(id)).toBe(previous);
    expect(nextPeriod(id)).toBe(next);
  });

  it('steps back and forth to the same period', () => {
    fc.assert(
      fc.property(
        arbId.filter((id) => periodYear(id) > 2000),
        (id) => {
          expect(nextPeriod(previousPeriod(id))).toBe(id);
          expect(comparePeriods(previousPeriod(id), id)).toBeLessThan(0);
        },
      ),
    );
  });

  it('stops at the edges of 2000–2100', () => {
    expect(() => previousPeriod('2000M01')).toThrow(RangeError);
    expect(() => previousPeriod('2000')).toThrow(RangeError);
    expect(() => nextPeriod('2100Q4')).toThrow(RangeError);
    expect(() => nextPeriod('2100S1')).toThrow(RangeError);
  });

  it.each([
    ['month', '2025M11', '2026M02', ['2025M11', '2025M12', '2026M01', '2026M02']],
    ['quarter', '2025Q3', '2026Q2', ['2025Q3', '2025Q4', '2026Q1', '2026Q2']],
    ['half_year', '2024S1', '2026S1', ['2024S1', '2025S1', '2026S1']],
    ['nine_months', '2025N9', '2026N9', ['2025N9', '2026N9']],
    ['year', '2024', '2026', ['2024', '2025', '2026']],
    ['month', '2026M03', '2026M03', ['2026M03']],
    ['month', '2026M03', '2026M02', []],
    ['year', '2027', '2026', []],
  ] as const)('lists the %s periods from %s to %s', (type, from, to, expected) => {
    expect(periodsBetween(type, from, to)).toEqual(expected);
  });

  it('lists consecutive periods', () => {
    expect(ALL_MONTHS).toHaveLength(101 * 12);
    expect(periodsBetween('quarter', '2000Q1', '2100Q4')).toHaveLength(101 * 4);
    fc.assert(
      // up to 30 steps on from a year ≤ 2070 stays within 2100
      fc.property(
        periodOf(fc.integer({ min: 2000, max: 2070 })),
        fc.integer({ min: 0, max: 30 }),
        (period, count) => {
          const from = formatPeriod(period);
          let to = from;
          for (let i = 0; i < count; i++) to = nextPeriod(to);
          const list = periodsBetween(period.type, from, to);
          expect(list[0]).toBe(from);
          expect(list.at(-1)).toBe(to);
          for (let i = 1; i < list.length; i++) expect(nextPeriod(list[i - 1]!)).toBe(list[i]);
        },
      ),
    );
  });

  it('refuses bounds of another type', () => {
    expect(() => periodsBetween('month', '2026Q1', '2026Q2')).toThrow(RangeError);
    expect(() => periodsBetween('quarter', '2026Q1', '2026')).toThrow(RangeError);
    expect(() => periodsBetween('year', '2026', 'x')).toThrow(RangeError);
  });

  it('sorts ids of one type chronologically', () => {
    const sorted = ['2025M12', '2026M01', '2026M02', '2026M10', '2026M11', '2027M01'];
    expect([...sorted].reverse().sort(comparePeriods)).toEqual(sorted);
    expect(['2027Q1', '2026Q4', '2026Q1'].sort(comparePeriods)).toEqual(['2026Q1', '2026Q4', '2027Q1']);
    expect(['2026S1', '2025S1'].sort(comparePeriods)).toEqual(['2025S1', '2026S1']);
    expect(['2100', '2000', '2026'].sort(comparePeriods)).toEqual(['2000', '2026', '2100']);
    expect(comparePeriods('2026Q2', '2026Q2')).toBe(0);
  });

  it('sorts mixed types by the end of their span, shorter first', () => {
    const sorted = [
      '2026M03',
      '2026Q1',
      '2026M06',
      '2026Q2',
      '2026S1',
      '2026Q3',
      '2026N9',
      '2026Q4',
      '2026',
      '2027M01',
    ];
    expect([...sorted].reverse().sort(comparePeriods)).toEqual(sorted);
  });

  it('orders like a total order, and like periodsBetween within a type', () => {
    fc.assert(
      fc.property(arbId, arbId, arbId, (a, b, c) => {
        expect(Math.sign(comparePeriods(a, b)) + Math.sign(comparePeriods(b, a))).toBe(0);
        expect(comparePeriods(a, b) === 0).toBe(a === b);
        if (comparePeriods(a, b) < 0 && comparePeriods(b, c) < 0)
          expect(comparePeriods(a, c)).toBeLessThan(0);
        if (periodType(a) === periodType(b)) {
          const between = periodsBetween(periodType(a), a, b);
          expect(between.length > 0).toBe(comparePeriods(a, b) <= 0);
        }
      }),
    );
  });
});

describe('labels', () => {
  it.each([
    ['2026M03', 'Tháng 3/2026', 'March 2026'],
    ['2026M12', 'Tháng 12/2026', 'December 2026'],
    ['2026Q1', 'Quý I/2026', 'Q1 2026'],
    ['2026Q2', 'Quý II/2026', 'Q2 2026'],
    ['2026Q3', 'Quý III/2026', 'Q3 2026'],
    ['2026Q4', 'Quý IV/2026', 'Q4 2026'],
    ['2026S1', '6 tháng đầu năm 2026', 'First half of 2026'],
    ['2026N9', '9 tháng năm 2026', 'First nine months of 2026'],
    ['2026', 'Năm 2026', 'Year 2026'],
  ])('%s is "%s" / "%s"', (id, vi, en) => {
    expect(periodLabel(id)).toBe(vi);
    expect(periodLabelEn(id)).toBe(en);
  });

  it('labels every period distinctly, in NFC', () => {
    const ids = [
      ...periodsBetween('month', '2025M01', '2026M12'),
      ...periodsBetween('quarter', '2025Q1', '2026Q4'),
      '2025S1',
      '2026S1',
      '2025N9',
      '2026N9',
      '2025',
      '2026',
    ];
    const vi = ids.map(periodLabel);
    expect(new Set(vi).size).toBe(ids.length);
    expect(new Set(ids.map(periodLabelEn)).size).toBe(ids.length);
    for (const label of vi) expect(label).toBe(label.normalize('NFC'));
    expect(() => periodLabel('2026M13')).toThrow(RangeError);
  });
});

describe('a period inside a sentence', () => {
  it('lowers only the first letter, so a quarter keeps its Roman numeral', () => {
    expect(periodInSentence('2026Q3')).toBe('quý III/2026');
    expect(periodInSentence('2026M11')).toBe('tháng 11/2026');
    expect(periodInSentence('2026')).toBe('năm 2026');
    expect(periodInSentence('2026S1')).toBe('6 tháng đầu năm 2026');
  });
});
