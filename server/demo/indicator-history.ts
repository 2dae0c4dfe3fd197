/**
 * Plausible history of data values for the demo catalogue (server/demo/indicators.ts), from 2024
 * up to the last period whose Decree 09 cut-off window has ended. Pure and deterministic: every
 * random draw comes from a small seeded generator keyed by indicator and unit, so the same
 * catalogue, units and "today" always give the same rows, and adding an indicator changes no
 * other indicator's values.
 *
 * How values move (each indicator's `history` hint: start per unit, growth per year, noise):
 * - stocks (time aggregation latest): a smooth course per unit that mostly keeps its direction;
 *   shares and bounded values follow a logistic curve that grows as the hint says for the first
 *   years and levels off below its cap instead of running over it; the units' mean starts at the
 *   hint's start;
 * - flows (time aggregation sum): a per-period draw around the unit's trend, with seasons;
 * - rates entered per period (time aggregation average): a per-period draw around the trend;
 * - yes/no (boolean): communes switch to 1 one by one, the more ready ones first, never back;
 * - a value bounded by another ("not above") is that value times a share, so it never exceeds it;
 * - indicators whose hint is all zeros follow their baseline → targets path, a little behind.
 * Communes differ: a readiness score from population density (wards and dense lowland communes
 * ahead, large mountain communes behind) shifts each commune's level and pace, so some lag.
 */
import { readFileSync } from 'node:fs';
import { Param, sql } from 'drizzle-orm';
import { currentPeriod, cutoffWindow, nextPeriod, parsePeriod, periodMonths } from '../../common/periods';
import type { Transaction } from '../db/client';
import { rebuildRollups } from '../modules/data-values/rollups';
import { parseCsvRecords } from './csv';
import { DEMO_INDICATORS, type DemoFrequency, type DemoIndicator } from './indicators';
import { COMMUNES_CSV_PATH, type DemoOrgUnit, demoOrgUnits } from './org-units';

/** An org unit as the generator sees it; communes may carry their population and area. */
export interface HistoryUnit extends DemoOrgUnit {
  population?: number;
  areaKm2?: number;
}

export interface HistoryRow {
  indicatorCode: string;
  orgUnitCode: string;
  period: string;
  value: number;
  /** the explanation a value off its yearly target must carry (rules.commentWhenOffTarget) */
  comment: string | null;
}

const FIRST_PERIOD: Record<DemoFrequency, string> = {
  month: '2024M01',
  quarter: '2024Q1',
  half_year: '2024S1',
  year: '2024',
};
const FIRST_YEAR = 2024;
const COMMUNE_KINDS = new Set(['commune', 'ward', 'special_zone']);
/** Share of communes that have not yet sent the latest month (late reporters). */
const LATE_SHARE = 1 / 3;
/** How far behind their targets indicators without a usable hint run. */
const TARGET_PATH_LAG = 0.85;
/**
 * Bounds the catalogue does not state as rules but the figures must respect: 5G is built where
 * 4G already is, so a commune never has more villages with 5G than with 4G.
 */
const ALSO_NOT_ABOVE: Readonly<Record<string, string>> = { 'HT.THON_5G': 'HT.THON_4G' };
/** Indicators whose split between communes is a fact about the commune, not a random weight. */
const WEIGHT_BY_CODE: Readonly<Record<string, 'population' | 'villages'>> = {
  'DS.DANSO': 'population',
  'HT.THON_TONG': 'villages',
};
/** Months and quarters are not alike: Tết empties February, year-end fills December and Q4. */
const MONTH_SEASON = [1.0, 0.72, 1.04, 1.0, 1.02, 1.0, 0.98, 1.0, 1.02, 1.06, 1.06, 1.1];
const QUARTER_SEASON = [0.85, 0.98, 0.97, 1.2];

// ── Random numbers ────────────────────────────────────────────────────────────────────────────

function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32 seeded from a key, with normal, Poisson and binomial draws. */
class Random {
  private state: number;
  constructor(key: string) {
    this.state = hash32(key);
  }
  /** uniform in [0, 1) */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** standard normal (Box–Muller) */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 40) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (n > 60) {
      const draw = Math.round(n * p + Math.sqrt(n * p * (1 - p)) * this.normal());
      return Math.min(n, Math.max(0, draw));
    }
    let k = 0;
    for (let i = 0; i < n; i++) if (this.next() < p) k++;
    return k;
  }
}

/** A uniform number in [0, 1) fixed by a key: for one-off decisions (late reporter or not). */
const uniformOf = (key: string) => new Random(key).next();

// ── Small helpers ─────────────────────────────────────────────────────────────────────────────

const logistic = (x: number) => 1 / (1 + Math.exp(-x));
const logit = (p: number) => Math.log(p / (1 - p));
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const roundTo = (x: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
};
/** Keeps a share strictly inside (0, 1) so its logit is finite. */
const openShare = (p: number) => clamp(p, 0.002, 0.998);

/** Years from 1 January 2024 to the middle of the period's calendar span. */
function yearsSince2024(period: string): number {
  const months = periodMonths(period);
  const parsed = parsePeriod(period)!;
  const first = Number(months[0]!.slice(5));
  const last = Number(months[months.length - 1]!.slice(5));
  return parsed.year - FIRST_YEAR + (first - 1 + last) / 24;
}

function seasonOf(period: string): number {
  const parsed = parsePeriod(period)!;
  if (parsed.type === 'month') return MONTH_SEASON[parsed.month - 1]!;
  if (parsed.type === 'quarter') return QUARTER_SEASON[parsed.quarter - 1]!;
  return 1;
}

/**
 * The periods of a frequency from 2024 up to the last one whose cut-off window has ended by
 * `today` (a window ends on its last day, the 14th: the period after it is still being collected).
 */
export function historyPeriods(frequency: DemoFrequency, today: string): string[] {
  const periods: string[] = [];
  for (let p = FIRST_PERIOD[frequency]; cutoffWindow(p).end < today; p = nextPeriod(p)) periods.push(p);
  return periods;
}

export const isStoredIndicator = (indicator: DemoIndicator) => !indicator.formula;

/** The kinds of unit that report an indicator, among the units given. */
const reportingUnits = (indicator: DemoIndicator, units: readonly HistoryUnit[]) =>
  units.filter((u) => (indicator.reportedBy as readonly string[]).includes(u.kind));

// ── Units: readiness and size ─────────────────────────────────────────────────────────────────

interface Profile {
  unit: HistoryUnit;
  isCommune: boolean;
  /** standardised: > 0 ahead of the others at its level, < 0 behind */
  readiness: number;
  /** relative population (communes) or size (departments), mean 1 within its level */
  size: number;
  /** relative number of villages (communes) */
  villages: number;
}

function standardise(xs: number[]): number[] {
  if (xs.length < 2) return xs.map(() => 0);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length) || 1;
  return xs.map((x) => (x - mean) / sd);
}

const meanOne = (xs: number[]) => {
  const mean = xs.reduce((a, b) => a + b, 0) / (xs.length || 1);
  return xs.map((x) => x / (mean || 1));
};

function profilesOf(units: readonly HistoryUnit[]): Map<string, Profile> {
  const profiles = new Map<string, Profile>();
  const communes = units.filter((u) => COMMUNE_KINDS.has(u.kind));
  const population = communes.map(
    (u) => u.population ?? 27_000 * Math.exp(0.5 * new Random(`pop|${u.code}`).normal()),
  );
  const area = communes.map((u) => u.areaKm2 ?? 200 * Math.exp(0.6 * new Random(`area|${u.code}`).normal()));
  const density = standardise(communes.map((_, i) => Math.log(population[i]! / area[i]!)));
  const readiness = standardise(
    communes.map(
      (u, i) =>
        0.8 * density[i]! + (u.kind === 'ward' ? 0.4 : 0) + 0.5 * new Random(`ready|${u.code}`).normal(),
    ),
  );
  const size = meanOne(population);
  // Mountain communes are large and scattered into many small villages (bản).
  const villages = meanOne(communes.map((_, i) => population[i]! ** 0.45 * area[i]! ** 0.35));
  communes.forEach((unit, i) => {
    profiles.set(unit.code, {
      unit,
      isCommune: true,
      readiness: readiness[i]!,
      size: size[i]!,
      villages: villages[i]!,
    });
  });
  const others = units.filter((u) => !COMMUNE_KINDS.has(u.kind));
  const otherSize = meanOne(others.map((u) => Math.exp(0.5 * new Random(`size|${u.code}`).normal())));
  others.forEach((unit, i) => {
    const province = unit.kind === 'province';
    profiles.set(unit.code, {
      unit,
      isCommune: false,
      // Provincial departments run a little ahead of the average commune.
      readiness: province ? 0 : 0.3 + 0.8 * new Random(`ready|${unit.code}`).normal(),
      size: province ? 1 : otherSize[i]!,
      villages: 1,
    });
  });
  return profiles;
}

// ── One indicator ─────────────────────────────────────────────────────────────────────────────

type Model = 'stock' | 'flow' | 'rate' | 'boolean';

function modelOf(indicator: DemoIndicator): Model {
  if (indicator.valueType === 'boolean') return 'boolean';
  if (indicator.timeAggregation === 'sum') return 'flow';
  if (indicator.timeAggregation === 'average') return 'rate';
  return 'stock';
}

function decimalsOf(indicator: DemoIndicator): number {
  const { valueType, rules, history } = indicator;
  if (valueType === 'count' || valueType === 'boolean' || rules?.integer) return 0;
  if (valueType === 'money') return 1;
  if (valueType === 'percent') return history.start < 5 ? 2 : 1;
  if ((rules?.max ?? Number.POSITIVE_INFINITY) <= 1 || history.start < 2) return 3;
  return history.start < 20 ? 2 : 1;
}

function boundsOf(indicator: DemoIndicator): [number, number] {
  let lo = indicator.rules?.min ?? Number.NEGATIVE_INFINITY;
  let hi = indicator.rules?.max ?? Number.POSITIVE_INFINITY;
  if (['count', 'money', 'percent', 'boolean'].includes(indicator.valueType)) lo = Math.max(lo, 0);
  if (indicator.valueType === 'percent') hi = Math.min(hi, 100);
  if (indicator.valueType === 'boolean') hi = 1;
  return [lo, hi];
}

/** The province-wide value an indicator with no usable hint reaches at t: baseline → targets, behind. */
function targetPath(indicator: DemoIndicator, t: number): number {
  const startT = indicator.baseline.year - FIRST_YEAR;
  if (t < startT) return 0;
  const points: [number, number][] = [[startT, indicator.baseline.value]];
  const years = Object.keys(indicator.targets)
    .map(Number)
    .filter((y) => y >= indicator.baseline.year)
    .sort((a, b) => a - b);
  for (const y of years) {
    const target = indicator.targets[y as keyof DemoIndicator['targets']]!;
    points.push([
      y - FIRST_YEAR + 1,
      indicator.baseline.value + (target - indicator.baseline.value) * TARGET_PATH_LAG,
    ]);
  }
  for (let i = 1; i < points.length; i++) {
    const [t0, v0] = points[i - 1]!;
    const [t1, v1] = points[i]!;
    if (t <= t1) return v0 + ((v1 - v0) * (t - t0)) / (t1 - t0);
  }
  return points[points.length - 1]![1];
}

const usesTargetPath = (indicator: DemoIndicator) =>
  indicator.history.start <= 0 && indicator.history.growthPerYear === 0;

/**
 * A logistic course in (0, 1) that starts at `share0` and, two years on, is where growing by
 * `growth` a year would take it, closing at most 80 % of the gap to 1 meanwhile: it follows the
 * hint at first and levels off before the cap instead of running over it.
 */
function logisticCourse(share0: number, growth: number) {
  const s0 = openShare(share0);
  const compound = share0 * (1 + growth) ** 2;
  const s2 = openShare(growth >= 0 ? Math.min(compound, s0 + (1 - s0) * 0.8) : compound);
  return { base: logit(s0), rate: (logit(s2) - logit(s0)) / 2 };
}

/** Off its yearly target, judged as validate.ts judges it (only where a unit's value is comparable). */
function offTarget(indicator: DemoIndicator, value: number, year: number): boolean {
  if (!indicator.rules?.commentWhenOffTarget || indicator.aggregation === 'sum') return false;
  const target = indicator.targets[year as keyof DemoIndicator['targets']];
  if (target === undefined) return false;
  return indicator.direction === 'higher_is_better' ? value < target : value > target;
}

const REASONS_DURING_YEAR = [
  'Số liệu tính đến cuối kỳ; đơn vị đang triển khai các giải pháp để đạt chỉ tiêu năm.',
  'Tiến độ đang chậm so với kế hoạch năm; đơn vị phấn đấu hoàn thành trong các kỳ cuối năm.',
];
const REASONS = [
  'Chưa đạt do thiếu kinh phí và nhân lực chuyên trách; đã kiến nghị bổ sung trong kế hoạch năm sau.',
  'Hạ tầng, trang thiết bị chưa đồng bộ; đang phối hợp với Sở Khoa học và Công nghệ để khắc phục.',
  'Một số nhiệm vụ triển khai chậm do sắp xếp tổ chức bộ máy; đã giao chỉ tiêu cụ thể cho từng đơn vị.',
];
const REASONS_APPLICATIONS = [
  'Một số hồ sơ đất đai phải chờ xác minh, lấy ý kiến liên ngành nên trả kết quả quá hạn.',
  'Số hồ sơ tăng cao trong kỳ trong khi thiếu cán bộ tiếp nhận; đã bố trí thêm người tại bộ phận một cửa.',
  'Phần mềm một cửa gián đoạn một số ngày trong kỳ; đã xin lỗi người dân có hồ sơ trễ hẹn.',
];

function commentFor(indicator: DemoIndicator, period: string, random: Random): string {
  const parsed = parsePeriod(period)!;
  const lastOfYear = periodMonths(period).at(-1) === `${parsed.year}M12`;
  const list = indicator.code.startsWith('HS.')
    ? REASONS_APPLICATIONS
    : lastOfYear
      ? REASONS
      : [...REASONS_DURING_YEAR, ...REASONS];
  return list[Math.floor(random.next() * list.length)]!;
}

/** What one series needs to know about its indicator, its unit and what was generated before. */
interface Context {
  indicator: DemoIndicator;
  model: Model;
  decimals: number;
  periods: string[];
  /** years since 1/1/2024 to the middle of each period */
  times: number[];
  seasons: number[];
  /** the units reporting the indicator */
  reporting: number;
  byCode: ReadonlyMap<string, DemoIndicator>;
  /** already generated values: code → `unit|period` → value */
  known: Map<string, Map<string, number>>;
  /** how far apart units start, in logit units (0 for the province alone) */
  spread: number;
  /**
   * Logistic models: the shift that puts the units' (weighted) mean at the hint's start, since a
   * spread in logit units pulls the mean of the shares towards one half.
   */
  shift: number;
}

interface UnitDraw {
  profile: Profile;
  /** > 0: better than its peers on this indicator (whatever the direction), about N(0, 1) */
  perf: number;
  /** 0 for the best unit on this indicator … 1 for the worst */
  rank: number;
  /** its share of a summed quantity, mean 1 over the reporting units */
  weight: number;
}

function drawUnits(indicator: DemoIndicator, profiles: Profile[]): UnitDraw[] {
  const how = WEIGHT_BY_CODE[indicator.code];
  const perfs = profiles.map((p) =>
    p.unit.kind === 'province'
      ? 0
      : 0.75 * p.readiness + 0.66 * new Random(`perf|${indicator.code}|${p.unit.code}`).normal(),
  );
  const weights = meanOne(
    profiles.map((p) => {
      if (p.unit.kind === 'province') return 1;
      if (how === 'population') return p.size;
      if (how === 'villages') return p.villages;
      const noise = Math.exp(0.25 * new Random(`w|${indicator.code}|${p.unit.code}`).normal());
      // The responsible body carries a good part of what departments report.
      const responsible = p.unit.code === indicator.responsibleCode ? 3 : 1;
      return (p.isCommune ? p.size ** 0.8 : p.size) * noise * responsible;
    }),
  );
  const order = perfs.map((_, i) => i).sort((a, b) => perfs[b]! - perfs[a]!);
  const rank = new Array<number>(profiles.length);
  order.forEach((unitIndex, position) => {
    rank[unitIndex] = position / profiles.length;
  });
  return profiles.map((profile, i) => ({ profile, perf: perfs[i]!, rank: rank[i]!, weight: weights[i]! }));
}

/**
 * The starting share of an indicator that follows a logistic course: of its bound (a "not
 * above" indicator already generated) or of its cap (percent, rules.max). null for the others.
 */
function logisticStart(indicator: DemoIndicator, model: Model, ctx: Pick<Context, 'byCode' | 'known'>) {
  const { history } = indicator;
  const bound = indicator.rules?.notAbove;
  if (bound && ctx.known.has(bound) && ctx.byCode.has(bound)) {
    return history.start / ctx.byCode.get(bound)!.history.start;
  }
  if (model === 'boolean' || model === 'flow' || usesTargetPath(indicator)) return null;
  const [, hi] = boundsOf(indicator);
  return Number.isFinite(hi) && history.growthPerYear > 0 ? history.start / hi : null;
}

/** The logit shift that makes the units' weighted mean share equal `start` (bisection). */
function centre(start: number, spread: number, sign: number, draws: UnitDraw[], averaged: boolean): number {
  if (spread === 0 || draws.length < 2) return 0;
  const base = logit(openShare(start));
  const target = openShare(start);
  const meanAt = (shift: number) => {
    let sum = 0;
    let weights = 0;
    for (const d of draws) {
      const w = averaged ? 1 : d.weight;
      sum += w * logistic(base + shift + sign * spread * d.perf);
      weights += w;
    }
    return sum / weights;
  };
  let lo = -4;
  let hi = 4;
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    if (meanAt(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Keeps a stock moving in its trend's direction, but lets it slip back now and then. */
function steady(values: number[], rising: boolean, random: Random): number[] {
  for (let i = 1; i < values.length; i++) {
    const previous = values[i - 1]!;
    const value = values[i]!;
    const againstTrend = rising ? value < previous : value > previous;
    if (againstTrend && random.next() > 0.08) values[i] = previous;
  }
  return values;
}

/** One unit's values of one indicator, one per period of the context (NaN: no value). */
function generateSeries(ctx: Context, draw: UnitDraw): number[] {
  const { indicator, model, decimals, periods, times } = ctx;
  const { history } = indicator;
  const { profile, perf, weight } = draw;
  const random = new Random(`${indicator.code}|${profile.unit.code}`);
  const sign = indicator.direction === 'higher_is_better' ? 1 : -1;
  const pace = clamp(1 + 0.3 * perf, 0.3, 2);
  const [, hi] = boundsOf(indicator);
  const spread = profile.unit.kind === 'province' ? 0 : ctx.spread;
  // A fixed rounding offset: small integer stocks step up now and then instead of flickering.
  const offset = random.next();
  const ceilingCode = indicator.rules?.notAbove;
  const ceilingIndicator = ceilingCode ? ctx.byCode.get(ceilingCode) : undefined;
  const ceiling = ceilingCode ? ctx.known.get(ceilingCode) : undefined;

  if (ceiling && ceilingIndicator) {
    // A share of the bounding indicator's value for the same unit and period.
    const share0 = history.start / ceilingIndicator.history.start;
    const growth = (1 + history.growthPerYear) / (1 + ceilingIndicator.history.growthPerYear) - 1;
    const course = logisticCourse(share0, growth);
    const base = course.base + ctx.shift + sign * spread * perf;
    const values = periods.map((period, i) => {
      const c = ceiling.get(`${profile.unit.code}|${period}`) ?? Number.NaN;
      let z = base + course.rate * pace * times[i]!;
      // The bound already carries its own noise: the share adds half of this indicator's.
      if (model !== 'stock') z += Math.min(0.6, (0.5 * history.noise) / (1 - logistic(z))) * random.normal();
      const share = logistic(z);
      if (decimals > 0) return roundTo(c * share, decimals);
      return model === 'stock' ? Math.floor(c * share + offset) : random.binomial(c, share);
    });
    return model === 'stock' ? steady(values, course.rate >= 0, random) : values;
  }

  if (model === 'boolean') {
    // The share of units saying yes grows along a logistic course (through the baseline when it
    // is dated after 2024); units switch to yes in order of performance and never back.
    const course = logisticCourse(history.start, history.growthPerYear);
    const baselineT = indicator.baseline.year - FIRST_YEAR;
    const base =
      baselineT > 0 && indicator.baseline.value > 0
        ? logit(openShare(indicator.baseline.value / ctx.reporting)) - course.rate * baselineT
        : course.base;
    const threshold = draw.rank + offset / ctx.reporting;
    return times.map((t) => {
      const yes = usesTargetPath(indicator)
        ? targetPath(indicator, t) / ctx.reporting
        : logistic(base + course.rate * t);
      return yes >= threshold ? 1 : 0;
    });
  }

  if (usesTargetPath(indicator)) {
    const values = times.map((t) => roundTo((targetPath(indicator, t) / ctx.reporting) * weight, decimals));
    return steady(values, true, random);
  }

  if (model !== 'flow' && Number.isFinite(hi) && history.growthPerYear > 0) {
    // Bounded: a logistic course towards the cap, its level and pace varying by unit.
    const course = logisticCourse(history.start / hi, history.growthPerYear);
    const base = course.base + ctx.shift + sign * spread * perf;
    let drift = 0;
    const values = times.map((t) => {
      let z = base + course.rate * pace * t;
      const share = logistic(z);
      if (model === 'rate') z += Math.min(1.2, history.noise / (1 - share)) * random.normal();
      else {
        drift = 0.7 * drift + 0.71 * random.normal();
        z += Math.min(0.6, (0.3 * history.noise) / (1 - share)) * drift;
      }
      return roundTo(hi * logistic(z), decimals);
    });
    return model === 'stock' ? steady(values, true, random) : values;
  }

  // Unbounded (or shrinking): compound growth from the unit's share of the start.
  const growth = history.growthPerYear * pace;
  const level = history.start * weight * (model === 'rate' ? Math.exp(0.1 * sign * perf) : 1);
  let drift = 0;
  const values = times.map((t, i) => {
    const trend = level * (1 + growth) ** t;
    if (model === 'flow') {
      const noise = Math.exp(history.noise * random.normal() - history.noise ** 2 / 2);
      const mean = trend * ctx.seasons[i]! * noise;
      return decimals === 0 ? random.poisson(mean) : roundTo(mean, decimals);
    }
    if (model === 'rate') return roundTo(trend * (1 + history.noise * random.normal()), decimals);
    drift = 0.7 * drift + 0.71 * random.normal();
    const value = trend * Math.exp(0.5 * history.noise * drift);
    return decimals === 0 ? Math.floor(value + offset) : roundTo(value, decimals);
  });
  return model === 'stock' ? steady(values, growth >= 0, random) : values;
}

/** Indicators in an order where every bound comes before what it bounds. */
function boundsFirst(indicators: readonly DemoIndicator[]): DemoIndicator[] {
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const ordered: DemoIndicator[] = [];
  const placed = new Set<string>();
  const place = (indicator: DemoIndicator, path: string[]) => {
    if (placed.has(indicator.code)) return;
    if (path.includes(indicator.code)) throw new Error(`Demo history: bound cycle ${path.join(' → ')}`);
    for (const code of [indicator.rules?.notAbove, ALSO_NOT_ABOVE[indicator.code]]) {
      const bound = code ? byCode.get(code) : undefined;
      if (bound) place(bound, [...path, indicator.code]);
    }
    placed.add(indicator.code);
    ordered.push(indicator);
  };
  for (const indicator of indicators) place(indicator, []);
  return ordered;
}

/**
 * The demo history: one row per stored indicator, reporting unit and period from 2024 up to the
 * last period whose cut-off window ended before `today`, except the latest month of about a third
 * of the communes (late reporters). Values respect each indicator's type and rules, its "not
 * above" bound and the 5G ≤ 4G bound.
 */
export function generateHistory(input: {
  indicators: readonly DemoIndicator[];
  units: readonly HistoryUnit[];
  today: string;
}): HistoryRow[] {
  const { indicators, units, today } = input;
  const profiles = profilesOf(units);
  const known = new Map<string, Map<string, number>>();
  const rows: HistoryRow[] = [];
  const byCode = new Map(indicators.map((i) => [i.code, i]));

  for (const indicator of boundsFirst(indicators.filter(isStoredIndicator))) {
    const periods = historyPeriods(indicator.frequency, today);
    const reporting = reportingUnits(indicator, units).map((u) => profiles.get(u.code)!);
    if (periods.length === 0 || reporting.length === 0) continue;
    const model = modelOf(indicator);
    const draws = drawUnits(indicator, reporting);
    const spread = reporting.length > 1 ? Math.min(1.2, 0.45 + 1.5 * indicator.history.noise) : 0;
    const start = logisticStart(indicator, model, { byCode, known });
    const sign = indicator.direction === 'higher_is_better' ? 1 : -1;
    const ctx: Context = {
      indicator,
      model,
      decimals: decimalsOf(indicator),
      periods,
      times: periods.map(yearsSince2024),
      seasons: periods.map(seasonOf),
      reporting: reporting.length,
      byCode,
      known,
      spread,
      shift: start === null ? 0 : centre(start, spread, sign, draws, indicator.aggregation === 'average'),
    };
    const years = periods.map((p) => parsePeriod(p)!.year);
    const latest = periods.length - 1;
    const [lo, hi] = boundsOf(indicator);
    const bounds = [indicator.rules?.notAbove, ALSO_NOT_ABOVE[indicator.code]]
      .map((code) => (code ? known.get(code) : undefined))
      .filter((b): b is Map<string, number> => b !== undefined);
    const values = new Map<string, number>();
    for (const draw of draws) {
      const unitCode = draw.profile.unit.code;
      const series = generateSeries(ctx, draw);
      // Late reporters: about a third of the communes have not sent the latest month yet.
      const late =
        indicator.frequency === 'month' &&
        draw.profile.isCommune &&
        uniformOf(`late|${unitCode}|${periods[latest]}`) < LATE_SHARE;
      const random = new Random(`comment|${indicator.code}|${unitCode}`);
      periods.forEach((period, i) => {
        if (late && i === latest) return;
        const key = `${unitCode}|${period}`;
        let value = clamp(series[i]!, lo, hi);
        for (const bound of bounds) value = Math.min(value, bound.get(key) ?? Number.NaN);
        if (!Number.isFinite(value)) return; // its bound was not reported: neither is this
        values.set(key, value);
        rows.push({
          indicatorCode: indicator.code,
          orgUnitCode: unitCode,
          period,
          value,
          comment: offTarget(indicator, value, years[i]!) ? commentFor(indicator, period, random) : null,
        });
      });
    }
    known.set(indicator.code, values);
  }
  return rows;
}

// ── Seeding ───────────────────────────────────────────────────────────────────────────────────

/** The demo org units with the communes' population and area from the communes file. */
export function demoHistoryUnits(): HistoryUnit[] {
  const facts = new Map(
    parseCsvRecords(readFileSync(COMMUNES_CSV_PATH, 'utf8')).map((r) => [
      r.code ?? '',
      { population: Number(r.population), areaKm2: Number(r.area_km2) },
    ]),
  );
  return demoOrgUnits().map((u) => {
    const f = facts.get(u.code);
    return f && f.population > 0 && f.areaKm2 > 0 ? { ...u, ...f } : u;
  });
}

/** 'approved' before the quarter being collected, 'draft' for the latest periods. */
export function historyState(period: string, today: string): 'approved' | 'draft' {
  const quarterStart = periodMonths(currentPeriod('quarter', today))[0]!;
  const lastMonth = periodMonths(period).at(-1)!;
  return lastMonth < quarterStart ? 'approved' : 'draft';
}

const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const utcDay = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
};

/**
 * When each value was entered (epoch milliseconds): one to ten days after its period's cut-off
 * window closed, in office hours in Vietnam, never later than the day before `today`.
 */
export function historyEntryTimes(today: string): (row: HistoryRow) => number {
  const lastDay = utcDay(today) - DAY_MS;
  const windowEnds = new Map<string, number>();
  return (row) => {
    let end = windowEnds.get(row.period);
    if (end === undefined) {
      end = utcDay(cutoffWindow(row.period).end);
      windowEnds.set(row.period, end);
    }
    const random = new Random(`at|${row.indicatorCode}|${row.orgUnitCode}|${row.period}`);
    const day = Math.min(end + (1 + Math.floor(random.next() * 10)) * DAY_MS, lastDay);
    const minuteOfDay = 7 * 60 + Math.floor(random.next() * 10 * 60);
    return day + minuteOfDay * 60_000 - VIETNAM_OFFSET_MS;
  };
}

/** Rows per statement, as in data-values/service.ts. */
const CHUNK = 20_000;

/**
 * Generates the demo history and inserts it set-based into data_values (no author: written by
 * the seed), then rebuilds the roll-ups. Runs in the seed's transaction, after seedIndicators.
 * Returns the number of values written.
 */
export async function seedIndicatorHistory(
  tx: Transaction,
  options: {
    indicatorIdByCode: ReadonlyMap<string, string>;
    orgUnitIdByCode: ReadonlyMap<string, string>;
    today: string;
    indicators?: readonly DemoIndicator[];
    units?: readonly HistoryUnit[];
  },
): Promise<number> {
  const { indicatorIdByCode, orgUnitIdByCode, today } = options;
  const rows = generateHistory({
    indicators: options.indicators ?? DEMO_INDICATORS,
    units: options.units ?? demoHistoryUnits(),
    today,
  });
  const idOf = (ids: ReadonlyMap<string, string>, code: string) => {
    const id = ids.get(code);
    if (!id) throw new Error(`Demo history: unknown code "${code}"`);
    return id;
  };
  const states = new Map([...new Set(rows.map((r) => r.period))].map((p) => [p, historyState(p, today)]));
  const enteredAt = historyEntryTimes(today);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    const column = <T>(pick: (r: HistoryRow) => T) => new Param(part.map(pick));
    await tx.execute(sql`
      insert into data_values (indicator_id, org_unit_id, period, value, comment, state, updated_by, updated_at)
      select k.indicator_id, k.org_unit_id, k.period, k.value, k.comment, k.state, null,
        to_timestamp(k.entered_ms / 1000)
      from unnest(${column((r) => idOf(indicatorIdByCode, r.indicatorCode))}::uuid[],
                  ${column((r) => idOf(orgUnitIdByCode, r.orgUnitCode))}::uuid[],
                  ${column((r) => r.period)}::text[],
                  ${column((r) => String(r.value))}::numeric[],
                  ${column((r) => r.comment)}::text[],
                  ${column((r) => states.get(r.period)!)}::text[],
                  ${column(enteredAt)}::float8[])
        as k(indicator_id, org_unit_id, period, value, comment, state, entered_ms)
      order by 1, 2, 3`);
  }
  await rebuildRollups(tx);
  return rows.length;
}
