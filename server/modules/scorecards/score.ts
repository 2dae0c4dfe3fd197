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
  type TScorecardFigure,
  type TScorecardWeights,
} from '../../../common/contracts/scorecards';
import {
  type Attainment,
  type Direction,
  type OrgAggregation,
  REPORTING_FREQUENCIES,
  type ReportingFrequency,
  type TimeAggregation,
  type ValueType,
} from '../../../common/enums';
import { periodType } from '../../../common/periods';
import { type IndicatorFacts, judgeAtPeriod } from '../analytics/performance';

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
  /** the period the figure is for (the round's period): one of the indicator's own periods */
  period: string;
  year: number;
  orgAggregation: string;
  timeAggregation: TimeAggregation;
  direction: Direction;
  baseline: { year: number; value: number } | null;
  targets: Record<string, number>;
  /** the indicator's reporting frequency; by default the period's type */
  frequency?: ReportingFrequency;
  valueType?: ValueType;
  /** the kind of the unit (a sum's target is the province's); by default a commune */
  unitKind?: string;
  /** the unit's other values by period: the forecast's history (none by default) */
  history?: ReadonlyMap<string, number>;
}

export type FigureStatus = TScorecardFigure['status'];

/**
 * The scorecard's word for a figure from the analytics judgement of it (or null where none applies):
 * missing when not entered (never good); where a target applies, its status — good only on track;
 * otherwise entered (data completeness: good).
 */
export function figureStatus(
  value: number | null,
  judged: { status: Attainment; expected: number | null } | null,
): { status: FigureStatus; expected: number | null; good: boolean } {
  if (value === null) return { status: 'missing', expected: null, good: false };
  const status = judged?.status;
  if (status !== 'on_track' && status !== 'at_risk' && status !== 'off_track') {
    return { status: 'entered', expected: null, good: true };
  }
  return { status, expected: judged!.expected, good: status === 'on_track' };
}

/**
 * One indicator figure a unit's report had to carry, judged by the analytics module's judgement
 * (analytics/performance.ts judgeAtPeriod → judgeIndicator, what the catalogue, the dashboard and a
 * unit's page show) as it stood when its period closed: against the target path where the targets
 * apply to the unit (a sum's target is the province's) and reach the figure's year — on track from
 * 95 % of the level expected by the period's end, and only if the forecast reaches the targets too.
 * Otherwise it is good when it was entered (data completeness). A missing figure is never good.
 * The lists of a card use the same judgement (judged-figures.ts), over the unit's own values.
 */
export function judgeFigure(f: FigureInput): {
  status: FigureStatus;
  expected: number | null;
  good: boolean;
} {
  if (f.value === null) return figureStatus(null, null);
  const type = periodType(f.period);
  const frequency =
    f.frequency ?? ((REPORTING_FREQUENCIES as readonly string[]).includes(type) ? type : null);
  if (frequency === null) return figureStatus(f.value, null);
  const facts: IndicatorFacts = {
    code: '',
    aggregation: f.orgAggregation as OrgAggregation,
    frequency: frequency as ReportingFrequency,
    direction: f.direction,
    time_aggregation: f.timeAggregation,
    value_type: f.valueType ?? 'number',
    baseline_year: f.baseline?.year ?? null,
    baseline_value: f.baseline ? String(f.baseline.value) : null,
    rule_min: null,
    rule_max: null,
    targets: f.targets,
    counts_units: null,
  };
  const values = new Map(f.history ?? []);
  values.set(f.period, f.value);
  const unitKind = f.unitKind ?? 'commune';
  const judged = judgeAtPeriod({
    facts,
    unitKind,
    unitKinds: new Map([[unitKind, 1]]),
    values,
    period: f.period,
  });
  return figureStatus(f.value, judged);
}
