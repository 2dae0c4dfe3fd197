/**
 * `npm run bench:forecast [-- --today=2026-12-07]`: the forecast backtest of issue 11 item 5.
 *
 * On the demo history (server/demo/indicator-history.ts, deterministic, no database), each
 * indicator's province figure per reporting period is aggregated as the roll-ups do (sum, average,
 * weighted average, min, max, latest entered, the province's own value; computed indicators from
 * their inputs). For each indicator the last year of periods (12 months, 4 quarters, 1 half-year or
 * year) is held out; both methods forecast those periods from the earlier ones:
 * - old: least squares through the last 12 periods (levels), mean of the last 3 periods (flows);
 *   percentages clamped to 0–100, nothing else;
 * - new: server/modules/analytics/forecast.ts (Theil–Sen / median run rate, domain bounds).
 * MAPE is the mean of |forecast − actual| / |actual| over the held-out periods (actual 0 skipped),
 * averaged per indicator type (value type × time aggregation); for flows also over the held-out
 * total (what a year-end forecast is judged on). Coverage: the share of held-out periods inside the
 * new method's interval. Prints Markdown; writes bench/results/<date>-forecast-backtest.json.
 */
import { evaluateFormula, parseFormula } from '../common/formula';
import {
  demoHistoryUnits,
  generateHistory,
  type HistoryRow,
  historyEntryTimes,
} from '../server/demo/indicator-history';
import { DEMO_INDICATORS, type DemoIndicator } from '../server/demo/indicators';
import { PROVINCE_CODE } from '../server/demo/org-units';
import {
  type Domain,
  forecastDomain,
  leastSquaresPredictions,
  periodOrdinal,
  periodsOfYear,
  robustPredictions,
} from '../server/modules/analytics/forecast';
import { writeBenchResult } from './results';
import { machine, resultFile } from './server-setup';

const today =
  process.argv.find((a) => a.startsWith('--today='))?.slice(8) ?? new Date().toISOString().slice(0, 10);
const units = demoHistoryUnits();
const rows = generateHistory({ indicators: DEMO_INDICATORS, units, today });
const enteredAt = historyEntryTimes(today);
const byCode = new Map(DEMO_INDICATORS.map((i) => [i.code, i]));

/** indicator → period → rows */
const grouped = new Map<string, Map<string, HistoryRow[]>>();
for (const r of rows) {
  const periods = grouped.get(r.indicatorCode) ?? new Map<string, HistoryRow[]>();
  const list = periods.get(r.period) ?? [];
  list.push(r);
  periods.set(r.period, list);
  grouped.set(r.indicatorCode, periods);
}

/** The province's figure of a stored indicator in one of its periods, as the roll-ups give it. */
function storedFigure(indicator: DemoIndicator, period: string): number | null {
  const list = grouped.get(indicator.code)?.get(period) ?? [];
  if (list.length === 0) return null;
  const values = list.map((r) => r.value);
  switch (indicator.aggregation) {
    case 'sum':
      return values.reduce((s, v) => s + v, 0);
    case 'average':
      return values.reduce((s, v) => s + v, 0) / values.length;
    case 'min':
      return Math.min(...values);
    case 'max':
      return Math.max(...values);
    case 'latest':
      return list.reduce((a, b) => (enteredAt(b) >= enteredAt(a) ? b : a)).value;
    case 'none':
      return list.find((r) => r.orgUnitCode === PROVINCE_CODE)?.value ?? null;
    case 'weighted_average': {
      const weights = new Map(
        (grouped.get(indicator.weightCode!)?.get(period) ?? []).map((r) => [r.orgUnitCode, r.value]),
      );
      let num = 0;
      let den = 0;
      for (const r of list) {
        const w = weights.get(r.orgUnitCode);
        if (w === undefined) continue;
        num += r.value * w;
        den += w;
      }
      return den === 0 ? null : num / den;
    }
  }
}

function figure(indicator: DemoIndicator, period: string, depth = 0): number | null {
  if (!indicator.formula) return storedFigure(indicator, period);
  const parsed = parseFormula(indicator.formula);
  if (!parsed.ok || depth > 20) return null;
  return evaluateFormula(parsed.ast, (code) => {
    const input = byCode.get(code);
    return input ? figure(input, period, depth + 1) : null;
  });
}

const COMMUNE_KINDS = new Set(['commune', 'ward']);
const communeCount = units.filter((u) => COMMUNE_KINDS.has(u.kind)).length;

function domainOf(indicator: DemoIndicator): Domain {
  return forecastDomain({
    valueType: indicator.valueType,
    aggregation: indicator.aggregation,
    ruleMin: indicator.rules?.min ?? null,
    ruleMax: indicator.rules?.max ?? null,
    unitCount: indicator.countsUnits ? communeCount : null,
  });
}

interface Outcome {
  code: string;
  type: string;
  flow: boolean;
  /** absolute percentage errors of the held-out periods, old and new */
  oldApe: number[];
  newApe: number[];
  /** of the held-out total (flows) */
  /** the same with one training period replaced by a fifth of its value (an entry error) */
  oldOutlierApe: number[];
  newOutlierApe: number[];
  oldTotalApe: number | null;
  newTotalApe: number | null;
  inside: number;
  held: number;
  /** the 2030 figure each method draws, for the indicators that count units */
  old2030: number | null;
  new2030: number | null;
}

const ape = (forecast: number, actual: number) => Math.abs(forecast - actual) / Math.abs(actual);
const mean = (xs: number[]) => (xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : Number.NaN);

const outcomes: Outcome[] = [];
const skipped: string[] = [];
for (const indicator of DEMO_INDICATORS) {
  const lastYear = Number(today.slice(0, 4));
  const periods: string[] = [];
  for (let y = 2024; y <= lastYear; y++) periods.push(...periodsOfYear(indicator.frequency, y));
  const known = periods
    .map((period) => ({ period, value: figure(indicator, period) }))
    .filter((p): p is { period: string; value: number } => p.value !== null && Number.isFinite(p.value))
    .map((p) => ({ x: periodOrdinal(indicator.frequency, p.period), y: p.value }));
  const holdout = periodsOfYear(indicator.frequency, 2000).length;
  const train = known.slice(0, -holdout);
  const test = known.slice(-holdout);
  const flow = indicator.timeAggregation === 'sum';
  const domain = domainOf(indicator);
  const xs = test.map((t) => t.x);
  const oldRaw = leastSquaresPredictions(train, xs, flow);
  const fresh = robustPredictions(train, xs, flow, domain);
  if (train.length < 2 || !oldRaw || !fresh) {
    skipped.push(indicator.code);
    continue;
  }
  const old = oldRaw.map((v) => (indicator.valueType === 'percent' ? Math.min(100, Math.max(0, v)) : v));
  // one odd value: the last training period but one entered as a fifth of itself
  const odd = train.map((t, k) => (k === train.length - 2 ? { x: t.x, y: t.y / 5 } : t));
  const oldOdd = leastSquaresPredictions(odd, xs, flow)!.map((v) =>
    indicator.valueType === 'percent' ? Math.min(100, Math.max(0, v)) : v,
  );
  const freshOdd = robustPredictions(odd, xs, flow, domain)!;
  const scored = test
    .map((t, k) => ({ actual: t.y, old: old[k]!, fresh: fresh[k]! }))
    .filter((s) => s.actual !== 0);
  const total = (pick: (k: number) => number) => test.reduce((s, _t, k) => s + pick(k), 0);
  const actualTotal = total((k) => test[k]!.y);
  const x2030 = periodOrdinal(indicator.frequency, periodsOfYear(indicator.frequency, 2030).at(-1)!);
  outcomes.push({
    code: indicator.code,
    type: `${indicator.valueType} × ${indicator.timeAggregation}`,
    flow,
    oldApe: scored.map((s) => ape(s.old, s.actual)),
    newApe: scored.map((s) => ape(s.fresh.value, s.actual)),
    oldOutlierApe: test.flatMap((t, k) => (t.y === 0 ? [] : [ape(oldOdd[k]!, t.y)])),
    newOutlierApe: test.flatMap((t, k) => (t.y === 0 ? [] : [ape(freshOdd[k]!.value, t.y)])),
    oldTotalApe:
      flow && actualTotal !== 0
        ? ape(
            total((k) => old[k]!),
            actualTotal,
          )
        : null,
    newTotalApe:
      flow && actualTotal !== 0
        ? ape(
            total((k) => fresh[k]!.value),
            actualTotal,
          )
        : null,
    inside: test.filter((t, k) => t.y >= fresh[k]!.low - 1e-9 && t.y <= fresh[k]!.high + 1e-9).length,
    held: test.length,
    old2030: flow ? null : (leastSquaresPredictions(known, [x2030], false)?.[0] ?? null),
    new2030: flow ? null : (robustPredictions(known, [x2030], false, domain)?.[0]?.value ?? null),
  });
}

const types = [...new Set(outcomes.map((o) => o.type))].sort();
const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : '—');
const summary = types.map((type) => {
  const of = outcomes.filter((o) => o.type === type);
  const perIndicator = (pick: (o: Outcome) => number[]) =>
    mean(of.map((o) => mean(pick(o))).filter(Number.isFinite));
  const totals = (pick: (o: Outcome) => number | null) =>
    mean(of.map(pick).filter((v): v is number => v !== null));
  return {
    type,
    indicators: of.length,
    oldMape: perIndicator((o) => o.oldApe),
    newMape: perIndicator((o) => o.newApe),
    oldOutlierMape: perIndicator((o) => o.oldOutlierApe),
    newOutlierMape: perIndicator((o) => o.newOutlierApe),
    oldTotalMape: totals((o) => o.oldTotalApe),
    newTotalMape: totals((o) => o.newTotalApe),
    coverage: of.reduce((s, o) => s + o.inside, 0) / of.reduce((s, o) => s + o.held, 0),
  };
});
const all = {
  oldMape: mean(outcomes.map((o) => mean(o.oldApe)).filter(Number.isFinite)),
  newMape: mean(outcomes.map((o) => mean(o.newApe)).filter(Number.isFinite)),
  oldOutlierMape: mean(outcomes.map((o) => mean(o.oldOutlierApe)).filter(Number.isFinite)),
  newOutlierMape: mean(outcomes.map((o) => mean(o.newOutlierApe)).filter(Number.isFinite)),
  coverage: outcomes.reduce((s, o) => s + o.inside, 0) / outcomes.reduce((s, o) => s + o.held, 0),
};
const unitCounts = outcomes.filter((o) => byCode.get(o.code)?.countsUnits);

const lines = [
  `Forecast backtest on the demo history as of ${today}: ${outcomes.length} indicators (${skipped.length} skipped, too short: ${skipped.join(', ') || 'none'}), last year of periods held out.`,
  '',
  '| type (value × time) | indicators | MAPE old | MAPE new | with one odd training value: old → new | held-out total MAPE old → new (flows) | 80 % interval coverage (new) |',
  '|---|---:|---:|---:|---:|---:|---:|',
  ...summary.map(
    (s) =>
      `| ${s.type} | ${s.indicators} | ${pct(s.oldMape)} | ${pct(s.newMape)} | ${pct(s.oldOutlierMape)} → ${pct(s.newOutlierMape)} | ${
        Number.isFinite(s.oldTotalMape) ? `${pct(s.oldTotalMape)} → ${pct(s.newTotalMape)}` : '—'
      } | ${pct(s.coverage)} |`,
  ),
  `| **all** | ${outcomes.length} | ${pct(all.oldMape)} | ${pct(all.newMape)} | ${pct(all.oldOutlierMape)} → ${pct(all.newOutlierMape)} | | ${pct(all.coverage)} |`,
  '',
  ...unitCounts.map(
    (o) =>
      `${o.code} (counts ${communeCount} communes and wards): 2030 forecast old ${o.old2030?.toFixed(2)} → new ${o.new2030?.toFixed(2)}`,
  ),
];
console.log(lines.join('\n'));
writeBenchResult(resultFile(undefined, `${today}-forecast-backtest.json`), {
  date: new Date().toISOString(),
  today,
  machine: machine(),
  summary,
  all,
  outcomes,
});
