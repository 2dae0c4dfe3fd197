import type {
  Direction,
  OrgAggregation,
  ReportingFrequency,
  TimeAggregation,
} from '../../../../common/enums';

/**
 * A first, simple judgement until the server's rule (on track / at risk / off track with a
 * forecast) reaches every screen: a figure meets the yearly target when it is at least the target
 * (higher is better) or at most the target (lower is better).
 */
export type SimpleAttainment = 'met' | 'not_met';

export function simpleAttainment(
  value: number | null | undefined,
  target: number | null | undefined,
  direction: Direction,
): SimpleAttainment | null {
  if (value === null || value === undefined || target === null || target === undefined) return null;
  const met = direction === 'lower_is_better' ? value <= target : value >= target;
  return met ? 'met' : 'not_met';
}

export interface TargetShape {
  aggregation: OrgAggregation;
  timeAggregation: TimeAggregation;
  frequency: ReportingFrequency;
}

/**
 * Yearly targets are figures for the whole province. One unit's figure compares with them only
 * when the indicator is not summed over units (a share, an average, a rate), or when the unit is
 * the province itself.
 */
export function targetAppliesToUnit(indicator: Pick<TargetShape, 'aggregation'>, isRoot: boolean): boolean {
  return isRoot || indicator.aggregation !== 'sum';
}

/**
 * A flow summed over time (applications received, people trained) has a yearly target that one
 * month or quarter covers only part of: the share of the year the period spans (3/12 for a quarter).
 * Stocks and rates (latest, average…) compare with the whole target: 1.
 */
export function targetShareOfPeriod(
  indicator: Pick<TargetShape, 'timeAggregation'>,
  monthsInPeriod: number,
): number {
  return indicator.timeAggregation === 'sum' ? monthsInPeriod / 12 : 1;
}
