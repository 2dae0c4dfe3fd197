import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timeFigure } from './aggregate';
import { judge, linearFit, targetPath } from './attainment';

describe('target path', () => {
  it('draws straight lines between the baseline and the yearly targets, up to 2030', () => {
    const path = targetPath({ year: 2024, value: 40 }, { '2026': 60, '2030': 100, '2045': 100 });
    expect(path.map((p) => [p.year, p.value, p.kind])).toEqual([
      [2024, 40, 'baseline'],
      [2025, 50, 'interpolated'],
      [2026, 60, 'target'],
      [2027, 70, 'interpolated'],
      [2028, 80, 'interpolated'],
      [2029, 90, 'interpolated'],
      [2030, 100, 'target'],
      [2045, 100, 'target'],
    ]);
  });
});

describe('attainment', () => {
  const level = { direction: 'higher_is_better', timeAggregation: 'latest' } as const;
  it('judges a level against the line from last year’s target to this year’s', () => {
    // halfway from 60 to 80 → 70 expected
    expect(judge({ ...level, actual: 70, target: 80, start: 60, elapsed: 0.5 })).toEqual({
      status: 'on_track',
      expected: 70,
    });
    expect(judge({ ...level, actual: 63, target: 80, start: 60, elapsed: 0.5 }).status).toBe('at_risk');
    expect(judge({ ...level, actual: 50, target: 80, start: 60, elapsed: 0.5 }).status).toBe('off_track');
  });
  it('judges a flow against the elapsed share of the year’s target', () => {
    const flow = { direction: 'higher_is_better', timeAggregation: 'sum', start: null } as const;
    expect(judge({ ...flow, actual: 24, target: 100, elapsed: 0.25 }).status).toBe('on_track');
    expect(judge({ ...flow, actual: 10, target: 100, elapsed: 0.25 }).status).toBe('off_track');
  });
  it('turns the comparison round when lower is better, and says when it cannot judge', () => {
    const lower = {
      direction: 'lower_is_better',
      timeAggregation: 'latest',
      start: null,
      elapsed: 1,
    } as const;
    expect(judge({ ...lower, actual: 9, target: 10 }).status).toBe('on_track');
    expect(judge({ ...lower, actual: 13, target: 10 }).status).toBe('off_track');
    expect(judge({ ...lower, actual: 9, target: null }).status).toBe('no_target');
    expect(judge({ ...lower, actual: null, target: 10 }).status).toBe('no_data');
  });
  it('is monotonic: a better actual never gets a worse status', () => {
    const rank = { off_track: 0, at_risk: 1, on_track: 2, no_data: -1, no_target: -1 };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        (a, b, target) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const j = (actual: number) =>
            rank[judge({ ...level, actual, target, start: null, elapsed: 1 }).status];
          expect(j(high)).toBeGreaterThanOrEqual(j(low));
        },
      ),
    );
  });
});

describe('trend and time aggregation', () => {
  it('fits a line exactly through collinear points', () => {
    expect(
      linearFit([
        { x: 0, y: 1 },
        { x: 1, y: 3 },
        { x: 2, y: 5 },
      ]),
    ).toEqual({ slope: 2, intercept: 1 });
    expect(linearFit([{ x: 0, y: 1 }])).toBeNull();
  });
  it('sums equal the sum of the known parts, whatever the gaps', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: null })), (values) => {
        const known = values.filter((v): v is number => v !== null);
        expect(timeFigure('sum', values)).toBe(known.length ? known.reduce((s, v) => s + v, 0) : null);
        expect(timeFigure('latest', values)).toBe(known.length ? known[known.length - 1] : null);
      }),
    );
  });
});
