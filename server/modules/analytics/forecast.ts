/**
 * Forecasts of an indicator's yearly figure, free of the database: robust to one odd value, with an
 * interval, and never outside what the indicator can be (issue 11 item 5).
 *
 * - Levels (time aggregation latest, average, min, max: shares, stocks, scores): the Theil–Sen line
 *   (median of the slopes between every pair of the last 12 known periods, intercept the median of
 *   y − slope·x) predicts each period still to come; the year's figure combines the known and
 *   predicted periods by the time rule.
 * - Flows (time aggregation sum): this year = what is reported + the run rate (median of the last 6
 *   known periods) × the periods left; 2030 = the Theil–Sen line through the per-period figures,
 *   summed over 2030's periods.
 * - Interval: from the series' own backtest errors. From every origin in its history, the method is
 *   fitted on the periods before and predicts each later one; the errors, divided by how they grow
 *   with the periods ahead (h for a trend, √h for a run rate), give the 10th and 90th percentiles,
 *   scaled back to the horizon asked. Nominally 80 %; the demo backtest measures ~65 % (levels
 *   lower): docs/PERFORMANCE.md. A series too short for 6 such errors uses Sen's 80 % slope interval
 *   plus the 10th–90th percentile residuals (levels) or of the recent periods (flows).
 * - Domain: point and interval are clamped to what the indicator can be (a percentage within 0–100,
 *   no negative counts or money, a count of units at most the number of those units).
 */
import type { OrgAggregation, ReportingFrequency, TimeAggregation, ValueType } from '../../../common/enums';
import { timeFigure } from './aggregate';

export interface Estimate {
  value: number;
  low: number;
  high: number;
}

export interface Domain {
  min: number | null;
  max: number | null;
  /** why the bounds, in Vietnamese (shown beside the forecast); null when unbounded */
  note: string | null;
}

export interface Forecast {
  yearEnd: Estimate | null;
  year2030: Estimate | null;
  method: string;
  interval: string;
  domain: Domain;
}

/** Periods of history a level's line is drawn through. */
export const LEVEL_WINDOW = 12;
/** Periods a flow's run rate is the median of. */
export const RUN_RATE_WINDOW = 6;
/** Two-sided 80 %: the normal quantile of 0.9. */
const Z80 = 1.2816;

export const LEVEL_METHOD =
  'Chỉ tiêu mức độ: đường xu hướng Theil–Sen (độ dốc là trung vị độ dốc giữa mọi cặp kỳ, ít bị một số liệu bất thường kéo lệch) ' +
  `qua tối đa ${LEVEL_WINDOW} kỳ gần nhất có số liệu, kéo dài đến cuối năm và đến năm 2030.`;
export const FLOW_METHOD =
  `Chỉ tiêu cộng dồn: cuối năm = số đã đạt + trung vị ${RUN_RATE_WINDOW} kỳ gần nhất × số kỳ còn lại; ` +
  `năm 2030 = tổng các kỳ của năm 2030 theo đường xu hướng Theil–Sen qua tối đa ${LEVEL_WINDOW} kỳ gần nhất.`;
export const NO_FORECAST_METHOD = 'Chưa đủ số liệu để dự báo (cần ít nhất 2 kỳ có số liệu).';
export const INTERVAL_TEXT =
  'Khoảng dự báo lấy từ sai số khi thử dự báo lại chính chuỗi số liệu đã có (từ mỗi kỳ trong quá khứ dự báo các kỳ sau rồi so với thực tế): ' +
  'từ phân vị 10 đến phân vị 90 của sai số, nới rộng theo số kỳ cần dự báo. ' +
  'Kiểm tra ngược trên số liệu mẫu: khoảng này chứa số thực tế khoảng 2/3 số lần, nên chỉ xem là mức dao động có thể.';

// ── Robust statistics ─────────────────────────────────────────────────────────────────────────

/** The q-quantile (0..1) with linear interpolation between order statistics; NaN for no values. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

export const median = (values: readonly number[]) => quantile(values, 0.5);

export interface Line {
  slope: number;
  intercept: number;
  /** Sen's 80 % confidence interval of the slope */
  slopeLow: number;
  slopeHigh: number;
  /** the median x, where the slope interval pivots */
  pivot: number;
  /** 10th and 90th percentiles of the residuals about the line */
  residualLow: number;
  residualHigh: number;
}

/** Theil–Sen line through (x, y) with distinct x; null with fewer than two points. */
export function theilSen(points: readonly { x: number; y: number }[]): Line | null {
  if (points.length < 2) return null;
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const dx = points[j]!.x - points[i]!.x;
      if (dx !== 0) slopes.push((points[j]!.y - points[i]!.y) / dx);
    }
  }
  if (slopes.length === 0) return null;
  slopes.sort((a, b) => a - b);
  const slope = median(slopes);
  const intercept = median(points.map((p) => p.y - slope * p.x));
  // Sen (1968): the slopes ranked (N ∓ z·√Var S)/2, Var S = n(n−1)(2n+5)/18 (Kendall's S, no ties)
  const n = points.length;
  const c = Z80 * Math.sqrt((n * (n - 1) * (2 * n + 5)) / 18);
  const rank = (r: number) => slopes[Math.min(slopes.length - 1, Math.max(0, Math.round(r) - 1))]!;
  const residuals = points.map((p) => p.y - (intercept + slope * p.x));
  return {
    slope,
    intercept,
    slopeLow: Math.min(slope, rank((slopes.length - c) / 2)),
    slopeHigh: Math.max(slope, rank((slopes.length + c) / 2 + 1)),
    pivot: median(points.map((p) => p.x)),
    residualLow: Math.min(0, quantile(residuals, 0.1)),
    residualHigh: Math.max(0, quantile(residuals, 0.9)),
  };
}

/** The line's prediction at x with its interval (see the module comment). */
export function predictLine(line: Line, x: number): Estimate {
  const value = line.intercept + line.slope * x;
  const atPivot = line.intercept + line.slope * line.pivot;
  const ends = [line.slopeLow, line.slopeHigh].map((s) => atPivot + s * (x - line.pivot));
  return {
    value,
    low: Math.min(value, ...ends) + line.residualLow,
    high: Math.max(value, ...ends) + line.residualHigh,
  };
}

// ── Models: a point forecast per period with an interval from the series' own backtest ──────

/** Predicts one period's figure (x) from the known periods before it. */
export interface Model {
  predict(x: number): Estimate;
}

/**
 * How errors grow with the periods ahead: a trend's error grows with the distance (a wrong slope),
 * a run rate's about as a random walk's (√h). Chosen on the demo backtest (docs/PERFORMANCE.md).
 */
const LEVEL_ERROR_GROWTH = 1;
const FLOW_ERROR_GROWTH = 0.5;

/** Fewest backtest errors for an empirical interval; with fewer, the line's own spread is used. */
const MIN_ERRORS = 6;

/**
 * The interval from the series' own history: from every origin k (after the first three periods),
 * fit on the periods before k and predict each later one; the error, divided by √(periods ahead),
 * is one sample. The interval at h periods ahead is the point + √h × the 10th and 90th percentiles
 * of the samples: errors grow with the horizon as a random walk's do.
 */
function backtestBand(
  known: readonly { x: number; y: number }[],
  point: (train: readonly { x: number; y: number }[], x: number) => number | null,
  growth: number,
): Band | null {
  const samples: number[] = [];
  for (let k = 3; k < known.length; k++) {
    const train = known.slice(0, k);
    const last = train[train.length - 1]!.x;
    for (let j = k; j < known.length; j++) {
      const p = point(train, known[j]!.x);
      if (p === null) continue;
      samples.push((known[j]!.y - p) / (known[j]!.x - last) ** growth);
    }
  }
  if (samples.length < MIN_ERRORS) return null;
  return { low: Math.min(0, quantile(samples, 0.1)), high: Math.max(0, quantile(samples, 0.9)), growth };
}

interface Band {
  low: number;
  high: number;
  /** errors grow as (periods ahead)^growth */
  growth: number;
}

const exact = (y: number): Estimate => ({ value: y, low: y, high: y });

const withBand = (value: number, band: Band, ahead: number): Estimate => {
  const scale = Math.max(1, ahead) ** band.growth;
  return { value, low: value + band.low * scale, high: value + band.high * scale };
};

/**
 * Whether a model computes its interval. Without it (a status only reads the point, and the backtest
 * behind an interval costs a fit per pair of periods), each prediction has low = high = the point.
 */
export interface ModelOptions {
  interval?: boolean;
}

/** A level: the Theil–Sen line through the last LEVEL_WINDOW known periods. */
export function levelModel(
  known: readonly { x: number; y: number }[],
  { interval = true }: ModelOptions = {},
): Model | null {
  const line = theilSen(known.slice(-LEVEL_WINDOW));
  if (!line) return null;
  if (!interval) return { predict: (x) => exact(line.intercept + line.slope * x) };
  const last = known[known.length - 1]!.x;
  const band = backtestBand(
    known,
    (train, x) => {
      const l = theilSen(train.slice(-LEVEL_WINDOW));
      return l ? l.intercept + l.slope * x : null;
    },
    LEVEL_ERROR_GROWTH,
  );
  return {
    predict: (x) => (band ? withBand(line.intercept + line.slope * x, band, x - last) : predictLine(line, x)),
  };
}

const runRateOf = (known: readonly { x: number; y: number }[]) =>
  known.length ? median(known.slice(-RUN_RATE_WINDOW).map((k) => k.y)) : null;

/** A flow's periods still to come: the median of the last RUN_RATE_WINDOW known periods. */
export function flowModel(
  known: readonly { x: number; y: number }[],
  { interval = true }: ModelOptions = {},
): Model | null {
  const rate = runRateOf(known);
  if (rate === null) return null;
  if (!interval) return { predict: () => exact(rate) };
  const recent = known.slice(-RUN_RATE_WINDOW).map((k) => k.y);
  const last = known[known.length - 1]!.x;
  const band = backtestBand(known, (train) => runRateOf(train), FLOW_ERROR_GROWTH);
  return {
    predict: (x) =>
      band
        ? withBand(rate, band, x - last)
        : { value: rate, low: quantile(recent, 0.1), high: quantile(recent, 0.9) },
  };
}

// ── Domain ────────────────────────────────────────────────────────────────────────────────────

/**
 * What the figure (after aggregation up the tree) can be. A per-unit rule bounds the figure only
 * when units are not summed (an average of values within [min, max] stays within it); a sum of
 * non-negative values stays non-negative. `unitCount`: the number of units the indicator counts in
 * the subtree, when it counts units.
 */
export function forecastDomain(options: {
  valueType: ValueType;
  aggregation: OrgAggregation;
  ruleMin: number | null;
  ruleMax: number | null;
  unitCount: number | null;
}): Domain {
  const { valueType, aggregation, ruleMin, ruleMax, unitCount } = options;
  let min: number | null = null;
  let max: number | null = null;
  const notes: string[] = [];
  const atLeast = (v: number) => {
    min = min === null ? v : Math.max(min, v);
  };
  const atMost = (v: number) => {
    max = max === null ? v : Math.min(max, v);
  };
  if (valueType === 'percent') {
    atLeast(0);
    atMost(100);
    notes.push('tỷ lệ nằm trong 0–100%');
  } else if (valueType === 'count' || valueType === 'money' || valueType === 'boolean') {
    atLeast(0);
    notes.push('không âm');
  }
  if (ruleMin !== null && (aggregation !== 'sum' || ruleMin >= 0))
    atLeast(aggregation === 'sum' ? 0 : ruleMin);
  if (ruleMax !== null && aggregation !== 'sum') atMost(ruleMax);
  if (unitCount !== null) {
    atLeast(0);
    atMost(unitCount);
    notes.push(`không vượt số đơn vị được đếm (${unitCount})`);
  }
  return {
    min,
    max,
    note: notes.length ? `Dự báo và khoảng dự báo được giới hạn: ${notes.join('; ')}.` : null,
  };
}

export function clamp(value: number, domain: Pick<Domain, 'min' | 'max'>): number {
  let v = value;
  if (domain.max !== null) v = Math.min(domain.max, v);
  if (domain.min !== null) v = Math.max(domain.min, v);
  return v;
}

export function clampEstimate(e: Estimate, domain: Pick<Domain, 'min' | 'max'>): Estimate {
  return { value: clamp(e.value, domain), low: clamp(e.low, domain), high: clamp(e.high, domain) };
}

// ── Periods as numbers ────────────────────────────────────────────────────────────────────────

/** The indicator's own periods of a year (half-yearly figures are reported for S1). */
export function periodsOfYear(frequency: ReportingFrequency, year: number): string[] {
  const pad = (n: number) => String(n).padStart(2, '0');
  switch (frequency) {
    case 'month':
      return Array.from({ length: 12 }, (_, i) => `${year}M${pad(i + 1)}`);
    case 'quarter':
      return [1, 2, 3, 4].map((q) => `${year}Q${q}`);
    case 'half_year':
      return [`${year}S1`];
    case 'year':
      return [String(year)];
  }
}

/** Consecutive periods of one frequency as consecutive numbers: the x of the trend line. */
export function periodOrdinal(frequency: ReportingFrequency, period: string): number {
  const year = Number(period.slice(0, 4));
  const perYear = periodsOfYear(frequency, 2000).length;
  const within = periodsOfYear(frequency, year).indexOf(period);
  return year * perYear + Math.max(0, within);
}

// ── The forecast ──────────────────────────────────────────────────────────────────────────────

interface Known {
  period: string;
  x: number;
  y: number;
}

/** A period's figure: known, or predicted with an interval. */
type PeriodEstimate = Estimate;

/** The year's figure by the time rule, from its periods' estimates (known ones have low = high). */
function combine(rule: TimeAggregation, parts: PeriodEstimate[]): Estimate | null {
  const value = timeFigure(
    rule,
    parts.map((p) => p.value),
  );
  const low = timeFigure(
    rule,
    parts.map((p) => p.low),
  );
  const high = timeFigure(
    rule,
    parts.map((p) => p.high),
  );
  if (value === null || low === null || high === null) return null;
  return { value, low: Math.min(low, value), high: Math.max(high, value) };
}

/**
 * The forecast of one indicator's figure at the end of `year` and in 2030, from its series (the
 * indicator's own periods in order, up to the last that can have data). `interval: false`: the
 * points only (each estimate's low and high are its value), for a status that reads nothing else.
 */
export function forecastIndicator(input: {
  series: readonly { period: string; value: number | null }[];
  year: number;
  frequency: ReportingFrequency;
  timeAggregation: TimeAggregation;
  domain: Domain;
  interval?: boolean;
}): Forecast {
  const { series, year, frequency, timeAggregation, domain } = input;
  const options = { interval: input.interval ?? true };
  const flow = timeAggregation === 'sum';
  const base = { interval: INTERVAL_TEXT, domain };
  const known: Known[] = series
    .filter((p): p is { period: string; value: number } => p.value !== null && Number.isFinite(p.value))
    .map((p) => ({ period: p.period, x: periodOrdinal(frequency, p.period), y: p.value }));
  const trend = known.length >= 2 ? levelModel(known, options) : null;
  const rate = flow && known.length >= 2 ? flowModel(known, options) : null;
  if (!trend) return { ...base, yearEnd: null, year2030: null, method: NO_FORECAST_METHOD };
  const byPeriod = new Map(known.map((k) => [k.period, k.y]));
  // a flow's bound is the year's, not each period's
  const clampPart = (e: Estimate) => clampEstimate(e, flow ? { min: domain.min, max: null } : domain);
  const estimate = (model: Model, period: string) => {
    const y = byPeriod.get(period);
    return y === undefined ? clampPart(model.predict(periodOrdinal(frequency, period))) : exact(y);
  };
  const thisYear = periodsOfYear(frequency, year).map((period) => estimate(rate ?? trend, period));
  const at2030 = periodsOfYear(frequency, 2030).map((period) => estimate(trend, period));
  const finish = (e: Estimate | null) => (e === null ? null : finite(clampEstimate(e, domain)));
  const yearEnd = finish(combine(timeAggregation, thisYear));
  return {
    ...base,
    yearEnd,
    year2030: year >= 2030 ? yearEnd : finish(combine(timeAggregation, at2030)),
    method: flow ? FLOW_METHOD : LEVEL_METHOD,
  };
}

/**
 * The new method's prediction of single periods after the known ones, for the backtest: a level's
 * Theil–Sen line, a flow's run rate; clamped per period to the domain (a flow's upper bound is the
 * year's, not a period's).
 */
export function robustPredictions(
  known: readonly { x: number; y: number }[],
  xs: readonly number[],
  flow: boolean,
  domain: Pick<Domain, 'min' | 'max'>,
): Estimate[] | null {
  const bounds = flow ? { min: domain.min, max: null } : domain;
  const model = known.length >= 2 ? (flow ? flowModel(known) : levelModel(known)) : null;
  return model ? xs.map((x) => clampEstimate(model.predict(x), bounds)) : null;
}

/** Figures near a float's limit can extrapolate past it: such a forecast is no forecast. */
function finite(e: Estimate): Estimate | null {
  return [e.value, e.low, e.high].every(Number.isFinite) ? e : null;
}

/**
 * The forecast before issue 11, kept for the backtest: a least-squares line through the last 12
 * known periods for levels; for flows, the mean of the last 3 periods of the year per period left.
 * Unbounded except percentages. Returns the prediction for each asked period.
 */
export function leastSquaresPredictions(
  known: readonly { x: number; y: number }[],
  xs: readonly number[],
  flow: boolean,
): number[] | null {
  if (flow) {
    const last = known.slice(-3).map((k) => k.y);
    if (last.length === 0) return null;
    const mean = last.reduce((s, v) => s + v, 0) / last.length;
    return xs.map(() => mean);
  }
  const pts = known.slice(-LEVEL_WINDOW);
  if (pts.length < 2) return null;
  const n = pts.length;
  const mx = pts.reduce((s, p) => s + p.x, 0) / n;
  const my = pts.reduce((s, p) => s + p.y, 0) / n;
  const sxx = pts.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  if (sxx === 0) return null;
  const slope = pts.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0) / sxx;
  return xs.map((x) => my + slope * (x - mx));
}
