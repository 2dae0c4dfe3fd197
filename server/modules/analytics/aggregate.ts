/**
 * The arithmetic of roll-ups, free of the database: partial figures of parts of a subtree merge
 * into the subtree's figure (org aggregation), and the figures of reporting periods inside a
 * longer period combine into its figure (time aggregation).
 */
import type { OrgAggregation, TimeAggregation } from '../../../common/enums';

/** The mergeable figure of a set of values. */
export interface Partial {
  count: number;
  sum: number;
  min: number | null;
  max: number | null;
  latest: number | null;
  latestAt: number;
}

export const EMPTY: Partial = { count: 0, sum: 0, min: null, max: null, latest: null, latestAt: -Infinity };

export function single(value: number, at = 0): Partial {
  return { count: 1, sum: value, min: value, max: value, latest: value, latestAt: at };
}

export function merge(a: Partial, b: Partial): Partial {
  if (a.count === 0) return b;
  if (b.count === 0) return a;
  const newer = b.latestAt > a.latestAt ? b : a;
  return {
    count: a.count + b.count,
    sum: a.sum + b.sum,
    min: Math.min(a.min!, b.min!),
    max: Math.max(a.max!, b.max!),
    latest: newer.latest,
    latestAt: newer.latestAt,
  };
}

/** The figure of a subtree by the indicator's rule; null when nothing was reported. */
export function orgFigure(rule: OrgAggregation, p: Partial): number | null {
  if (p.count === 0) return null;
  switch (rule) {
    case 'sum':
      return p.sum;
    case 'average':
    case 'weighted_average': // weights are applied before (see analytics/service.ts)
      return p.sum / p.count;
    case 'min':
      return p.min;
    case 'max':
      return p.max;
    case 'latest':
    case 'none':
      return p.latest;
  }
}

/** Figures of consecutive reporting periods (in time order, null = no data) → the longer period's. */
export function timeFigure(rule: TimeAggregation, values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return null;
  switch (rule) {
    case 'sum':
      return known.reduce((s, v) => s + v, 0);
    case 'average':
      return known.reduce((s, v) => s + v, 0) / known.length;
    case 'latest':
      return known[known.length - 1]!;
    case 'min':
      return Math.min(...known);
    case 'max':
      return Math.max(...known);
  }
}
