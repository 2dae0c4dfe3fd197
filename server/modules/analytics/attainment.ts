/**
 * Attainment and forecast, free of the database.
 *
 * The rule (shown to users in the response):
 * - The target of a year is the catalogue's target for it, or the straight line between the
 *   nearest known points (baseline, yearly targets) around it.
 * - Part way through a year, a flow (summed over the year) is expected to have reached the
 *   elapsed share of its target; a level (share, stock) is expected to be on the straight line
 *   from last year's target (or the baseline) to this year's.
 * - ratio = actual / expected (lower-is-better: expected / actual). On track from
 *   ATTAINMENT_ON_TRACK_RATIO, at risk from ATTAINMENT_AT_RISK_RATIO, off track below.
 * - The status agrees with the forecast (forecast.ts): on track only if the forecast figure of the
 *   year judged and of 2030 (where each has a target) reach their targets within the same
 *   tolerance (ratio ≥ ATTAINMENT_ON_TRACK_RATIO); otherwise at most at risk. A forecast never
 *   raises a status.
 */
import type { Attainment, Direction, TimeAggregation } from '../../../common/enums';

export const ATTAINMENT_ON_TRACK_RATIO = 0.95;
export const ATTAINMENT_AT_RISK_RATIO = 0.85;

export const ATTAINMENT_RULE =
  `Đạt tiến độ khi kết quả đạt từ ${ATTAINMENT_ON_TRACK_RATIO * 100}% mức kỳ vọng đến thời điểm này, ` +
  `có nguy cơ khi từ ${ATTAINMENT_AT_RISK_RATIO * 100}% đến dưới ${ATTAINMENT_ON_TRACK_RATIO * 100}%, chậm tiến độ khi thấp hơn. ` +
  'Mức kỳ vọng: chỉ tiêu cộng dồn trong năm lấy chỉ tiêu năm nhân tỷ lệ số kỳ đã qua; ' +
  'chỉ tiêu mức độ (tỷ lệ, số hiện có) lấy điểm trên đường thẳng từ chỉ tiêu năm trước (hoặc số gốc) đến chỉ tiêu năm nay. ' +
  'Chỉ tiêu "càng thấp càng tốt" so sánh ngược lại. ' +
  `Trạng thái phải khớp với dự báo: chỉ "đạt tiến độ" khi dự báo cuối năm và dự báo năm 2030 (nếu có chỉ tiêu) đạt từ ${ATTAINMENT_ON_TRACK_RATIO * 100}% chỉ tiêu trở lên; ` +
  'nếu không, nhiều nhất là "có nguy cơ". Dự báo không nâng trạng thái.';

export interface PathPoint {
  year: number;
  value: number;
  kind: 'baseline' | 'target' | 'interpolated';
}

/** Baseline and targets, with straight-line values for the years between known points up to 2030. */
export function targetPath(
  baseline: { year: number; value: number } | null,
  targets: Record<string, number>,
): PathPoint[] {
  const known = new Map<number, PathPoint>();
  if (baseline) known.set(baseline.year, { ...baseline, kind: 'baseline' });
  for (const [year, value] of Object.entries(targets))
    known.set(Number(year), { year: Number(year), value, kind: 'target' });
  const years = [...known.keys()].sort((a, b) => a - b);
  const points: PathPoint[] = [];
  for (const [i, year] of years.entries()) {
    points.push(known.get(year)!);
    const next = years[i + 1];
    if (next === undefined) continue;
    const a = known.get(year)!;
    const b = known.get(next)!;
    for (let y = year + 1; y < next && y <= 2030; y++) {
      points.push({
        year: y,
        value: a.value + ((b.value - a.value) * (y - year)) / (next - year),
        kind: 'interpolated',
      });
    }
  }
  return points;
}

export const pathValue = (path: PathPoint[], year: number) =>
  path.find((p) => p.year === year)?.value ?? null;

export function judge(options: {
  actual: number | null;
  target: number | null;
  /** last year's path value (or the baseline), for levels */
  start: number | null;
  /** share of the year's reporting periods already closed, 0..1 */
  elapsed: number;
  direction: Direction;
  timeAggregation: TimeAggregation;
}): { status: Attainment; expected: number | null } {
  const { actual, target, start, elapsed, direction } = options;
  if (target === null) return { status: 'no_target', expected: null };
  if (actual === null || elapsed <= 0) return { status: 'no_data', expected: null };
  const expected =
    options.timeAggregation === 'sum'
      ? target * elapsed
      : start === null
        ? target
        : start + (target - start) * elapsed;
  const ratio = attainmentRatio(actual, expected, direction);
  const status =
    ratio >= ATTAINMENT_ON_TRACK_RATIO
      ? 'on_track'
      : ratio >= ATTAINMENT_AT_RISK_RATIO
        ? 'at_risk'
        : 'off_track';
  return { status, expected };
}

/** How far a figure goes towards what was expected of it: 1 = exactly; above 1 = better. */
export function attainmentRatio(actual: number, expected: number, direction: Direction): number {
  if (direction === 'higher_is_better')
    return expected <= 0 ? (actual >= expected ? 1 : 0) : actual / expected;
  return actual <= 0 ? 1 : expected / actual;
}

/**
 * The status after the forecast has its say: on track stays on track only when every forecast
 * with a target reaches it within the tolerance; otherwise it becomes at risk.
 */
export function agreeWithForecast(
  status: Attainment,
  checks: readonly { forecast: number | null; target: number | null }[],
  direction: Direction,
): Attainment {
  if (status !== 'on_track') return status;
  const short = checks.some(
    (c) =>
      c.forecast !== null &&
      c.target !== null &&
      attainmentRatio(c.forecast, c.target, direction) < ATTAINMENT_ON_TRACK_RATIO,
  );
  return short ? 'at_risk' : status;
}

/** Least-squares line through (x, y); null with fewer than two points. */
export function linearFit(points: { x: number; y: number }[]): { slope: number; intercept: number } | null {
  if (points.length < 2) return null;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  if (sxx === 0) return null;
  const slope = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0) / sxx;
  return { slope, intercept: my - slope * mx };
}
