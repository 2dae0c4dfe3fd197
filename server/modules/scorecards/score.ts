/**
 * The scorecard's arithmetic, free of the database (known-answer tests in score.test.ts).
 *
 * Each component is a share, good / total, as 0–100 with one decimal. A component without data in
 * the period (total 0) or with weight 0 is left out and the weights of the others renormalised, so
 * a unit is never marked down for what it had no chance to do. The score is the weighted mean of
 * the components' shown values, rounded to one decimal: the card's own figures add up to it.
 */
import {
  SCORECARD_COMPONENTS,
  type ScorecardComponentKey,
  type TScorecardComponent,
  type TScorecardWeights,
} from '../../../common/contracts/scorecards';
import type { Direction, TimeAggregation } from '../../../common/enums';
import { judge, pathValue, targetPath } from '../analytics/attainment';

export interface Tally {
  good: number;
  total: number;
}
export type Tallies = Record<ScorecardComponentKey, Tally>;

export const EMPTY_TALLIES = (): Tallies => ({
  tasksOnTime: { good: 0, total: 0 },
  reportsOnTime: { good: 0, total: 0 },
  indicators: { good: 0, total: 0 },
  reportsNotReturned: { good: 0, total: 0 },
});

const round1 = (x: number) => Math.round(x * 10) / 10;

export function scoreCard(
  tallies: Tallies,
  weights: TScorecardWeights,
): { score: number | null; components: TScorecardComponent[] } {
  const applies = (key: ScorecardComponentKey) => tallies[key].total > 0 && weights[key] > 0;
  const weightSum = SCORECARD_COMPONENTS.filter(applies).reduce((sum, key) => sum + weights[key], 0);
  const components = SCORECARD_COMPONENTS.map((key): TScorecardComponent => {
    const { good, total } = tallies[key];
    return {
      key,
      value: total > 0 ? round1((100 * good) / total) : null,
      good,
      total,
      weight: weights[key],
      share: applies(key) ? weights[key] / weightSum : 0,
    };
  });
  if (weightSum === 0) return { score: null, components };
  const score = components.reduce((sum, c) => sum + (c.share > 0 ? c.share * c.value! : 0), 0);
  return { score: round1(score), components };
}

/**
 * Competition ranking among peers (1, 2, 2, 4): the best score is 1, equal scores share a rank,
 * a unit without a score is not ranked.
 */
export function rankPeers(scores: readonly (number | null)[]): (number | null)[] {
  return scores.map((score) =>
    score === null ? null : 1 + scores.filter((other) => other !== null && other > score).length,
  );
}

/** The months of the year a period reaches (its last month): 2026Q2 → 6, 2026M05 → 5, 2026 → 12. */
export function monthsElapsed(periodId: string): number {
  const m = /^(\d{4})(?:M(\d{2})|Q([1-4])|(S1)|(N9))?$/.exec(periodId);
  if (!m) throw new RangeError(`Invalid period: ${periodId}`);
  if (m[2]) return Number(m[2]);
  if (m[3]) return Number(m[3]) * 3;
  if (m[4]) return 6;
  if (m[5]) return 9;
  return 12;
}

export interface FigureInput {
  value: number | null;
  /** the period the figure is for (the round's period) */
  period: string;
  year: number;
  orgAggregation: string;
  timeAggregation: TimeAggregation;
  direction: Direction;
  baseline: { year: number; value: number } | null;
  targets: Record<string, number>;
}

/**
 * One indicator figure a unit's report had to carry. A target applies to a unit's own figure
 * only when the figure is a level comparable at any scale (a share or an average: neither summed
 * over units nor over time) and the catalogue has a path to this year; then it is good when on
 * track by the attainment rule (analytics/attainment.ts: ≥ 95 % of the level expected by the
 * period's end). Otherwise — a count or a sum, whose target is the province's — it is good when
 * it was entered (data completeness). A missing figure is never good.
 */
export function judgeFigure(f: FigureInput): {
  status: 'on_track' | 'at_risk' | 'off_track' | 'entered' | 'missing';
  expected: number | null;
  good: boolean;
} {
  if (f.value === null) return { status: 'missing', expected: null, good: false };
  const level = f.orgAggregation !== 'sum' && f.timeAggregation !== 'sum';
  const path = level ? targetPath(f.baseline, f.targets) : [];
  const target = pathValue(path, f.year);
  if (target === null) return { status: 'entered', expected: null, good: true };
  const { status, expected } = judge({
    actual: f.value,
    target,
    start: pathValue(path, f.year - 1),
    elapsed: monthsElapsed(f.period) / 12,
    direction: f.direction,
    timeAggregation: f.timeAggregation,
  });
  if (status !== 'on_track' && status !== 'at_risk' && status !== 'off_track') {
    return { status: 'entered', expected: null, good: true };
  }
  return { status, expected, good: status === 'on_track' };
}
