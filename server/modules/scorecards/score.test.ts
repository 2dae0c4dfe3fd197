/** Known answers for the scorecard's arithmetic (score.ts): each figure worked out by hand. */
import { describe, expect, it } from 'vitest';
import type { TScorecardWeights } from '../../../common/contracts/scorecards';
import { EMPTY_TALLIES, judgeFigure, monthsElapsed, rankPeers, scoreCard, type Tallies } from './score';

const WEIGHTS: TScorecardWeights = {
  tasksOnTime: 40,
  reportsOnTime: 25,
  indicators: 25,
  reportsNotReturned: 10,
};

const tallies = (overrides: Partial<Tallies>): Tallies => ({ ...EMPTY_TALLIES(), ...overrides });

describe('scoreCard', () => {
  it('weights the components that have data, the others left out and the weights renormalised', () => {
    const { score, components } = scoreCard(
      tallies({
        tasksOnTime: { good: 3, total: 4 },
        reportsOnTime: { good: 2, total: 3 },
        reportsNotReturned: { good: 1, total: 2 },
      }),
      WEIGHTS,
    );
    // 75, 66.7, —, 50 with weights 40, 25, (25 left out), 10 → (40·75 + 25·66.7 + 10·50) / 75 = 68.9
    expect(components.map((c) => c.value)).toEqual([75, 66.7, null, 50]);
    expect(components.map((c) => c.share)).toEqual([40 / 75, 25 / 75, 0, 10 / 75]);
    expect(score).toBe(68.9);
  });

  it('gives 100 when everything was good, and the full weights when every component applies', () => {
    const all = { good: 5, total: 5 };
    const { score, components } = scoreCard(
      tallies({ tasksOnTime: all, reportsOnTime: all, indicators: all, reportsNotReturned: all }),
      WEIGHTS,
    );
    expect(score).toBe(100);
    expect(components.map((c) => c.share)).toEqual([0.4, 0.25, 0.25, 0.1]);
  });

  it('leaves out a component whose weight is 0 even with data', () => {
    const { score } = scoreCard(
      tallies({ tasksOnTime: { good: 0, total: 2 }, reportsOnTime: { good: 1, total: 1 } }),
      { ...WEIGHTS, tasksOnTime: 0 },
    );
    expect(score).toBe(100);
  });

  it('has no score without data, or when only weight-0 components have data', () => {
    expect(scoreCard(EMPTY_TALLIES(), WEIGHTS).score).toBeNull();
    expect(
      scoreCard(tallies({ indicators: { good: 1, total: 1 } }), { ...WEIGHTS, indicators: 0 }).score,
    ).toBeNull();
  });
});

describe('rankPeers', () => {
  it('ranks 1 for the best, equal scores share a rank, the next skips, no score no rank', () => {
    expect(rankPeers([80, 90, 80, null, 70])).toEqual([2, 1, 2, null, 4]);
  });
});

describe('judgeFigure', () => {
  const share = {
    period: '2026Q2',
    year: 2026,
    orgAggregation: 'average',
    timeAggregation: 'latest' as const,
    direction: 'higher_is_better' as const,
    baseline: { year: 2025, value: 60 },
    targets: { '2026': 80 },
  };

  it('judges a share against the level expected by the period: half way from 60 to 80 is 70', () => {
    expect(monthsElapsed('2026Q2')).toBe(6);
    // 68 / 70 = 97 % ≥ 95 %: on track
    expect(judgeFigure({ ...share, value: 68 })).toEqual({ status: 'on_track', expected: 70, good: true });
    // 60 / 70 = 86 %: at risk, not good
    expect(judgeFigure({ ...share, value: 60 })).toEqual({ status: 'at_risk', expected: 70, good: false });
    expect(judgeFigure({ ...share, value: 50 }).status).toBe('off_track');
  });

  it('counts a sum (the province’s target) or a figure without a target as entered; a missing one is never good', () => {
    expect(judgeFigure({ ...share, orgAggregation: 'sum', value: 1 })).toEqual({
      status: 'entered',
      expected: null,
      good: true,
    });
    expect(judgeFigure({ ...share, targets: {}, baseline: null, value: 1 }).status).toBe('entered');
    expect(judgeFigure({ ...share, value: null })).toEqual({
      status: 'missing',
      expected: null,
      good: false,
    });
  });
});
