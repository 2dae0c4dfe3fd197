import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TIME_AGGREGATIONS, VALUE_TYPES } from '../../../common/enums';
import { agreeWithForecast } from './attainment';
import {
  type Domain,
  forecastDomain,
  forecastIndicator,
  leastSquaresPredictions,
  periodOrdinal,
  predictLine,
  quantile,
  theilSen,
} from './forecast';
import { assessIndicator, type IndicatorFacts } from './performance';

const points = (ys: number[]) => ys.map((y, x) => ({ x, y }));
const quarters = (from: number, ys: (number | null)[]) =>
  ys.map((value, i) => ({ period: `${from + Math.floor(i / 4)}Q${(i % 4) + 1}`, value }));
const PERCENT: Domain = { min: 0, max: 100, note: 'tỷ lệ' };

describe('Theil–Sen', () => {
  it('ignores one outlier: the hand-computed slope and intercept', () => {
    // slopes between pairs: eight are 2 … -86, -42, -27.33, -20 (with the last point): median 2;
    // intercept = median of y − 2x = median(90, 90, 90, 90, 2) = 90
    const line = theilSen(points([90, 92, 94, 96, 10]))!;
    expect(line.slope).toBe(2);
    expect(line.intercept).toBe(90);
    // Sen's 80 % interval: ranks (10 ∓ 1.2816·√(5·4·15/18))/2 → the 2nd and 9th of the 10 sorted slopes
    expect(line.slopeLow).toBe(-42);
    expect(line.slopeHigh).toBe(2);
    // least squares is dragged below the trend by the same point
    const [ls] = leastSquaresPredictions(points([90, 92, 94, 96, 10]), [5], false)!;
    expect(ls).toBeLessThan(40);
    expect(predictLine(line, 5).value).toBe(100);
  });

  it('needs two points, and interpolates quantiles', () => {
    expect(theilSen(points([5]))).toBeNull();
    expect(quantile([1, 2, 3, 4, 5], 0.1)).toBeCloseTo(1.4);
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
  });
});

describe('domain', () => {
  it('clamps a percentage to 0–100, point and interval', () => {
    const f = forecastIndicator({
      series: quarters(2024, [80, 84, 88, 92, 96, 98, 99]),
      year: 2026,
      frequency: 'quarter',
      timeAggregation: 'latest',
      domain: PERCENT,
    });
    expect(f.year2030!.value).toBe(100);
    expect(f.year2030!.high).toBe(100);
    expect(f.yearEnd!.value).toBeLessThanOrEqual(100);
  });

  it('stops a count of communes at the number of communes (130, not 261.69)', () => {
    const domain = forecastDomain({
      valueType: 'boolean',
      aggregation: 'sum',
      ruleMin: 0,
      ruleMax: null,
      unitCount: 130,
    });
    expect(domain).toMatchObject({ min: 0, max: 130 });
    expect(domain.note).toContain('130');
    const f = forecastIndicator({
      series: quarters(2024, [20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]),
      year: 2026,
      frequency: 'quarter',
      timeAggregation: 'latest',
      domain,
    });
    expect(f.yearEnd!.value).toBe(130);
    expect(f.year2030).toEqual({ value: 130, low: 130, high: 130 });
  });

  it('never forecasts a negative count of a falling flow', () => {
    const f = forecastIndicator({
      series: quarters(2024, [400, 300, 200, 100, 50, 40]),
      year: 2025,
      frequency: 'quarter',
      timeAggregation: 'sum',
      domain: forecastDomain({
        valueType: 'count',
        aggregation: 'sum',
        ruleMin: 0,
        ruleMax: null,
        unitCount: null,
      }),
    });
    expect(f.year2030!.value).toBe(0);
    expect(f.year2030!.low).toBe(0);
    // this year: 50 + 40 reported, two quarters left at the median of the last six ((200 + 100) / 2)
    expect(f.yearEnd!.value).toBe(50 + 40 + 2 * 150);
  });

  it('keeps every forecast within the domain and its interval around the point (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { nil: null }), {
          minLength: 0,
          maxLength: 24,
        }),
        fc.constantFrom(...VALUE_TYPES),
        fc.constantFrom(...TIME_AGGREGATIONS),
        fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
        fc.integer({ min: 2024, max: 2030 }),
        (values, valueType, timeAggregation, unitCount, year) => {
          const domain = forecastDomain({
            valueType,
            aggregation: 'sum',
            ruleMin: null,
            ruleMax: null,
            unitCount,
          });
          const f = forecastIndicator({
            series: quarters(2024, values),
            year,
            frequency: 'quarter',
            timeAggregation,
            domain,
          });
          for (const e of [f.yearEnd, f.year2030]) {
            if (!e) continue;
            for (const v of [e.value, e.low, e.high]) {
              expect(Number.isFinite(v)).toBe(true);
              if (domain.min !== null) expect(v).toBeGreaterThanOrEqual(domain.min);
              if (domain.max !== null) expect(v).toBeLessThanOrEqual(domain.max);
            }
            expect(e.low).toBeLessThanOrEqual(e.value);
            expect(e.value).toBeLessThanOrEqual(e.high);
          }
        },
      ),
    );
  });
});

describe('status and forecast agree', () => {
  it('is at most at risk when the forecast misses a target, and never raised by one', () => {
    const higher = 'higher_is_better';
    expect(agreeWithForecast('on_track', [{ forecast: 17.47, target: 99.5 }], higher)).toBe('at_risk');
    expect(agreeWithForecast('on_track', [{ forecast: 99, target: 99.5 }], higher)).toBe('on_track');
    expect(agreeWithForecast('on_track', [{ forecast: null, target: 99.5 }], higher)).toBe('on_track');
    expect(agreeWithForecast('off_track', [{ forecast: 120, target: 99.5 }], higher)).toBe('off_track');
    expect(agreeWithForecast('on_track', [{ forecast: 12, target: 10 }], 'lower_is_better')).toBe('at_risk');
  });

  const facts: IndicatorFacts = {
    code: 'T.TYLE',
    aggregation: 'average',
    frequency: 'quarter',
    direction: 'higher_is_better',
    time_aggregation: 'latest',
    value_type: 'percent',
    baseline_year: 2024,
    baseline_value: '90',
    rule_min: '0',
    rule_max: '100',
    targets: { '2026': 95, '2030': 99.5 },
    counts_units: null,
  };
  const assess = (values: number[]) =>
    assessIndicator({
      facts,
      unitKind: 'province',
      unitKinds: new Map(),
      series: quarters(2024, values),
      actual: values.at(-1)!,
      year: 2026,
      today: '2026-11-20',
    });

  it('downgrades a figure on pace today whose 2030 forecast falls short', () => {
    // 93 against ~94.4 expected by the end of Q3: on pace; flat at 93, 2030 misses 99.5
    const flat = assess([93, 93, 93, 93, 93, 93, 93, 93, 93, 93, 93]);
    expect(flat.attainment.paceStatus).toBe('on_track');
    expect(flat.forecast.year2030!.value).toBe(93);
    expect(flat.attainment.status).toBe('at_risk');
  });

  it('stays on track when only one outlier pulls the history down', () => {
    const rising = assess([90, 90.5, 91, 91.5, 92, 20, 93, 93.5, 94, 94.5, 95]);
    expect(rising.forecast.year2030!.value).toBe(100);
    expect(rising.attainment.status).toBe('on_track');
  });

  it('numbers periods consecutively across years', () => {
    expect(periodOrdinal('quarter', '2025Q1') - periodOrdinal('quarter', '2024Q4')).toBe(1);
    expect(periodOrdinal('month', '2026M01') - periodOrdinal('month', '2025M12')).toBe(1);
    expect(periodOrdinal('year', '2030') - periodOrdinal('year', '2026')).toBe(4);
  });
});
