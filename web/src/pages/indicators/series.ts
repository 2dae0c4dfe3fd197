import type { TPerformance } from '../../../../common/contracts/analytics';
import type { TIndicator } from '../../../../common/contracts/indicators';
import { periodMonths } from '../../../../common/periods';
import { periodEndTime } from '../data-entry/periods';
import { targetAppliesToUnit, targetShareOfPeriod } from './attainment';

export interface PathPoint {
  year: number;
  value: number;
}

/**
 * The target path at the end of each period: straight lines between the baseline and the yearly
 * targets, each reached at the end of its year; nothing before the first corner or after the last.
 * `share` scales the yearly figure to one period (a flow summed over months: 1/12 per month).
 */
export function targetPathValues(
  periods: readonly string[],
  points: readonly PathPoint[],
  share: (period: string) => number = () => 1,
): (number | null)[] {
  return periods.map((period) => {
    const time = periodEndTime(period);
    for (let k = 0; k < points.length; k++) {
      const b = points[k]!;
      const bTime = b.year + 1;
      if (time > bTime) continue;
      if (time === bTime) return b.value * share(period);
      const a = points[k - 1];
      if (!a) return null;
      const aTime = a.year + 1;
      const value = a.value + ((b.value - a.value) * (time - aTime)) / (bTime - aTime);
      return value * share(period);
    }
    return null;
  });
}

export interface ChartData {
  periods: string[];
  actual: (number | null)[];
  /** null: the yearly targets do not apply to this unit's figures */
  target: (number | null)[] | null;
  /** the target line is the yearly target spread over the periods */
  perPeriod: boolean;
}

/**
 * The server's series of one indicator for one unit, and its target path (baseline → yearly
 * targets) drawn per period beside it.
 */
export function chartDataOf(indicator: TIndicator, performance: TPerformance, isRoot: boolean): ChartData {
  const periods = performance.series.map((p) => p.period);
  const actual = performance.series.map((p) => p.value);
  const points = performance.targetPath.map(({ year, value }) => ({ year, value }));
  if (!targetAppliesToUnit(indicator, isRoot) || points.length === 0) {
    return { periods, actual, target: null, perPeriod: false };
  }
  const share = (p: string) => targetShareOfPeriod(indicator, periodMonths(p).length);
  const perPeriod = periods.some((p) => share(p) !== 1);
  return { periods, actual, target: targetPathValues(periods, points, share), perPeriod };
}
