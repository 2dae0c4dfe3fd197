/**
 * Figures of indicators for an org-unit subtree over a range of periods, from the live values and
 * roll-ups (no batch job, no cache): a write is in the next read.
 *
 * A subtree's figure for one reporting period = the unit's own value merged with its roll-up row
 * (everything strictly below it; for a root, its row plus the deltas not yet folded into it).
 * Reporting periods then combine into the asked period by the time rule, and computed indicators
 * are evaluated on those figures.
 */

import { Param, sql } from 'drizzle-orm';
import type { TAnalyticsQuery, TAnalyticsResult, TAnalyticsRow } from '../../../common/contracts/analytics';
import type { OrgAggregation, ReportingFrequency, TimeAggregation } from '../../../common/enums';
import { evaluateFormula, type FormulaNode, parseFormula } from '../../../common/formula';
import {
  isWithin,
  type PeriodType,
  periodMonthSpan,
  periodMonths,
  periodsBetween,
  periodType,
} from '../../../common/periods';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { AppError } from '../../errors/app-error';
import { extremesFromChildren, type RollupKey } from '../data-values/rollups';
import { EMPTY, merge, orgFigure, type Partial, single, timeFigure } from './aggregate';
import type { EpochMemo } from './lookups';
import { periodBounds, wholePeriodFigures } from './whole-periods';

interface IndicatorRow {
  id: string;
  code: string;
  name: string;
  unit: string;
  aggregation: OrgAggregation;
  time_aggregation: TimeAggregation;
  frequency: ReportingFrequency;
  formula: string | null;
  weight_indicator_id: string | null;
  /** kinds of org unit that enter it (empty: any) */
  reported_by: string[];
}

/** The reporting periods of an indicator that lie inside an asked period (none: it cannot be split). */
export function nativePeriodsWithin(frequency: ReportingFrequency, asked: string): string[] {
  const askedType = periodType(asked);
  const months = periodMonths(asked);
  const years = [...new Set(months.map((m) => m.slice(0, 4)))];
  const candidates: Record<ReportingFrequency, () => string[]> = {
    month: () => months,
    quarter: () => years.flatMap((y) => [1, 2, 3, 4].map((q) => `${y}Q${q}`)),
    half_year: () => years.map((y) => `${y}S1`),
    year: () => years,
  };
  if (askedType === frequency) return [asked];
  return candidates[frequency]().filter((n) => n !== asked && isWithin(n, asked));
}

async function loadIndicators(db: Executor, codes: string[]): Promise<Map<string, IndicatorRow>> {
  const wanted = new Set(codes);
  const all = new Map<string, IndicatorRow>();
  // Computed indicators pull in what their formulas use, transitively.
  let frontier = codes;
  while (frontier.length) {
    const rows = rowsOf<IndicatorRow>(
      await db.execute(sql`select id, code, name, unit, aggregation, time_aggregation, frequency, formula,
        weight_indicator_id, reported_by from indicators where code = any(${new Param(frontier)}::text[])`),
    );
    const next: string[] = [];
    for (const r of rows) {
      all.set(r.code, r);
      if (r.formula) {
        const parsed = parseFormula(r.formula);
        if (parsed.ok) for (const ref of parsed.refs) if (!all.has(ref)) next.push(ref);
      }
    }
    frontier = [...new Set(next)].filter((c) => !all.has(c));
  }
  const unknown = [...wanted].filter((c) => !all.has(c));
  if (unknown.length) {
    throw new AppError('validation_failed', {
      errors: [
        {
          field: 'indicators',
          code: 'unknown_indicator',
          message: `Không có chỉ tiêu mã ${unknown.join(', ')}.`,
        },
      ],
    });
  }
  return all;
}

interface UnitRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  parent_id: string | null;
}

export async function runAnalytics(
  db: Executor,
  query: TAnalyticsQuery,
  /**
   * rowByRow: skip the SQL path for whole periods (tests hold the two paths equal); cached: the
   * route's per-instance look-ups (lookups.ts) and the epoch of its request
   */
  options: { rowByRow?: boolean; cached?: { memo: EpochMemo; epoch: string | null } } = {},
): Promise<TAnalyticsResult> {
  const cached = <T>(key: string, load: () => Promise<T>) =>
    options.cached ? options.cached.memo.get(options.cached.epoch, key, load) : load();
  const type = query.periodType as PeriodType;
  if (periodType(query.from) !== type || periodType(query.to) !== type) {
    throw new AppError('validation_failed', {
      errors: [
        { field: 'from', code: 'wrong_period_type', message: 'Kỳ đầu và kỳ cuối phải cùng loại kỳ đã chọn.' },
      ],
    });
  }
  const periods = periodsBetween(type, query.from, query.to);
  if (periods.length === 0 || periods.length > 120) {
    throw new AppError('validation_failed', {
      errors: [
        {
          field: 'to',
          code: 'period_range',
          message: 'Khoảng kỳ phải từ 1 đến 120 kỳ, kỳ đầu không sau kỳ cuối.',
        },
      ],
    });
  }
  const catalogue = await cached(`indicators:${query.indicators.join(',')}`, () =>
    loadIndicators(db, query.indicators),
  );
  const [root] = await cached(`unit:${query.orgUnitId}`, async () =>
    rowsOf<UnitRow>(
      await db.execute(
        sql`select id, code, name, kind, parent_id from org_units where id = ${query.orgUnitId}`,
      ),
    ),
  );
  if (!root) throw new AppError('not_found', { params: { resource: { vi: 'đơn vị', en: 'org unit' } } });
  const children = await cached(`children:${root.id}`, async () =>
    rowsOf<UnitRow>(
      await db.execute(sql`select id, code, name, kind, parent_id from org_units
        where parent_id = ${root.id} and active order by code`),
    ),
  );
  const targets: UnitRow[] = query.by === 'children' ? [root, ...children] : [root];

  // Own values exist only where a unit's kind enters the indicator: a national or provincial
  // root usually enters none, and is then not looked up value by value.
  const enters = (i: IndicatorRow, u: UnitRow) =>
    i.reported_by.length === 0 || i.reported_by.includes(u.kind);
  const allStored = [...catalogue.values()].filter((i) => !i.formula);
  // One unit over whole periods: combined in SQL for the rules it applies exactly (whole-periods.ts);
  // the rest, and every breakdown by child unit, row by row below.
  const whole =
    query.by === 'total' && !options.rowByRow
      ? await wholePeriodFigures(db, {
          unitId: root.id,
          indicators: allStored,
          periods,
          nativesWithin: nativePeriodsWithin,
          withOwnValues: allStored.some((i) => enters(i, root)),
        })
      : {
          indicatorIds: new Set<string>(),
          figures: new Map<string, { value: number | null; count: number }>(),
        };
  const stored = allStored.filter((i) => !whole.indicatorIds.has(i.id));
  const nativeByIndicator = new Map(
    stored.map((i) => [i.id, new Map(periods.map((p) => [p, nativePeriodsWithin(i.frequency, p)]))]),
  );
  const natives = [...new Set([...nativeByIndicator.values()].flatMap((m) => [...m.values()].flat()))];
  const indicatorIds = stored.map((i) => i.id);
  const unitIds = targets.map((t) => t.id);
  const ownUnitIds = targets.filter((u) => stored.some((i) => enters(i, u))).map((u) => u.id);
  const ownIndicatorIds = stored.filter((i) => targets.some((u) => enters(i, u))).map((i) => i.id);

  const own = new Map<string, Partial>();
  const below = new Map<string, Partial>();
  const key = (indicatorId: string, unitId: string, period: string) => `${indicatorId}|${unitId}|${period}`;
  if (indicatorIds.length && natives.length) {
    const params = {
      i: new Param(indicatorIds),
      u: new Param(unitIds),
      p: new Param(natives),
      ...periodBounds(natives),
    };
    // A target's figure below it is its roll-up row plus, for a root, the deltas not yet folded
    // into it (rollups.ts): added up here, so a write is in the next read.
    const [values, rollups] = await Promise.all([
      ownUnitIds.length && ownIndicatorIds.length
        ? db.execute(sql`select indicator_id, org_unit_id, period, value,
            extract(epoch from updated_at)::float8 as at
          from data_values where indicator_id = any(${new Param(ownIndicatorIds)}::uuid[])
            and org_unit_id = any(${new Param(ownUnitIds)}::uuid[]) and period = any(${params.p}::text[])`)
        : { rows: [] },
      db.execute(sql`
        select indicator_id, org_unit_id, period, value_count, value_sum, value_min, value_max, latest_value,
          coalesce(extract(epoch from latest_at)::float8, 0) as at, false as stale
        from data_rollups where indicator_id = any(${params.i}::uuid[]) and org_unit_id = any(${params.u}::uuid[])
          and period = any(${params.p}::text[]) and period between ${params.first} and ${params.last}
        union all
        select indicator_id, org_unit_id, period, value_count, value_sum, value_min, value_max, latest_value, coalesce(extract(epoch from latest_at)::float8, 0), stale
        from data_rollup_deltas where indicator_id = any(${params.i}::uuid[]) and org_unit_id = any(${params.u}::uuid[])
          and period = any(${params.p}::text[])`),
    ]);
    for (const r of rowsOf<{
      indicator_id: string;
      org_unit_id: string;
      period: string;
      value: number;
      at: number;
    }>(values)) {
      own.set(key(r.indicator_id, r.org_unit_id, r.period), single(Number(r.value), Number(r.at)));
    }
    // A root's row and its pending deltas add up (plain arithmetic: a delta may be negative).
    const staleKeys = new Set<string>();
    for (const r of rowsOf<{
      indicator_id: string;
      org_unit_id: string;
      period: string;
      value_count: number;
      value_sum: number;
      value_min: number | null;
      value_max: number | null;
      latest_value: number | null;
      at: number;
      stale: boolean;
    }>(rollups)) {
      const k = key(r.indicator_id, r.org_unit_id, r.period);
      const at = Number(r.at);
      const lo = r.value_min === null ? null : Number(r.value_min);
      const hi = r.value_max === null ? null : Number(r.value_max);
      const latest = r.latest_value === null ? null : Number(r.latest_value);
      const sum = below.get(k);
      if (!sum) {
        below.set(k, {
          count: Number(r.value_count),
          sum: Number(r.value_sum),
          min: lo,
          max: hi,
          latest,
          latestAt: at,
        });
      } else {
        sum.count += Number(r.value_count);
        sum.sum += Number(r.value_sum);
        if (lo !== null) sum.min = sum.min === null ? lo : Math.min(sum.min, lo);
        if (hi !== null) sum.max = sum.max === null ? hi : Math.max(sum.max, hi);
        if (latest !== null && at >= sum.latestAt) {
          sum.latest = latest;
          sum.latestAt = at;
        }
      }
      if (r.stale) staleKeys.add(k);
    }
    const byId = new Map(stored.map((i) => [i.id, i]));
    const staleExtremes: RollupKey[] = [];
    for (const [k, figure] of below) {
      if (figure.count <= 0) {
        below.delete(k);
        continue;
      }
      const [indicatorId, orgUnitId, period] = k.split('|') as [string, string, string];
      const rule = byId.get(indicatorId)?.aggregation;
      if (staleKeys.has(k) && (rule === 'min' || rule === 'max' || rule === 'latest')) {
        staleExtremes.push({ indicatorId, orgUnitId, period });
      }
    }
    // A value changed or cleared since the root's row was folded may have been its extreme or
    // latest value: those few keys take min, max and latest from the root's children instead.
    if (staleExtremes.length) {
      const fresh = rowsOf<{
        indicator_id: string;
        org_unit_id: string;
        period: string;
        value_min: number;
        value_max: number;
        latest_value: number | null;
        at: number;
      }>(
        await db.execute(sql`select indicator_id, org_unit_id, period, value_min, value_max, latest_value,
          coalesce(extract(epoch from latest_at)::float8, 0) as at
          from ${extremesFromChildren(staleExtremes)} e`),
      );
      for (const f of fresh) {
        const k = key(f.indicator_id, f.org_unit_id, f.period);
        const current = below.get(k);
        if (!current) continue;
        below.set(k, {
          ...current,
          min: Number(f.value_min),
          max: Number(f.value_max),
          latest: f.latest_value === null ? null : Number(f.latest_value),
          latestAt: Number(f.at),
        });
      }
    }
  }

  const weighted = await weightedFigures(db, stored, targets, natives);

  /** A target's figure of a stored indicator for one reporting period. */
  const nativeFigure = (
    indicator: IndicatorRow,
    target: UnitRow,
    native: string,
  ): { value: number | null; count: number } => {
    const mine = own.get(key(indicator.id, target.id, native)) ?? EMPTY;
    if (indicator.aggregation === 'none') return { value: mine.count ? mine.sum : null, count: mine.count };
    const subtree = merge(mine, below.get(key(indicator.id, target.id, native)) ?? EMPTY);
    if (indicator.aggregation === 'weighted_average') {
      const w = weighted.get(key(indicator.id, target.id, native));
      return { value: w && w.weightSum !== 0 ? w.weightedSum / w.weightSum : null, count: subtree.count };
    }
    return { value: orgFigure(indicator.aggregation, subtree), count: subtree.count };
  };

  const figures = new Map<string, { value: number | null; count: number }>();
  const asts = new Map<string, FormulaNode | null>();
  const figureOf = (
    code: string,
    target: UnitRow,
    period: string,
    depth = 0,
  ): { value: number | null; count: number } => {
    const k = `${code}|${target.id}|${period}`;
    const cached = figures.get(k);
    if (cached) return cached;
    const indicator = catalogue.get(code);
    let result: { value: number | null; count: number } = { value: null, count: 0 };
    if (indicator?.formula) {
      if (!asts.has(code)) {
        const parsed = parseFormula(indicator.formula);
        asts.set(code, parsed.ok ? parsed.ast : null);
      }
      const ast = asts.get(code);
      // depth guards against a cycle the catalogue should have refused
      if (ast && depth < 20) {
        let inputTooLarge = false;
        const value = evaluateFormula(ast, (ref) => {
          const input = figureOf(ref, target, period, depth + 1).value;
          if (input !== null && !Number.isFinite(input)) inputTooLarge = true;
          return input;
        });
        // null because an input is too large to compute: NaN, so the answer carries the note
        result = { value: value === null && inputTooLarge ? Number.NaN : value, count: 0 };
      }
    } else if (indicator && whole.indicatorIds.has(indicator.id)) {
      result = whole.figures.get(`${indicator.id}|${period}`) ?? { value: null, count: 0 };
    } else if (indicator) {
      const natives = nativeByIndicator.get(indicator.id)!.get(period)!;
      const parts = natives.map((n) => nativeFigure(indicator, target, n));
      result = {
        value: timeFigure(
          indicator.time_aggregation,
          parts.map((p) => p.value),
        ),
        count: parts.reduce((s, p) => s + p.count, 0),
      };
    }
    figures.set(k, result);
    return result;
  };

  const rows: TAnalyticsRow[] = [];
  for (const code of query.indicators) {
    for (const target of targets) {
      for (const period of periods) {
        const { value, count } = figureOf(code, target, period);
        rows.push({ indicatorCode: code, orgUnitId: target.id, period, ...presentable(value), count });
      }
    }
  }
  return {
    orgUnit: { id: root.id, code: root.code, name: root.name },
    periodType: query.periodType,
    periods,
    indicators: query.indicators.map((code) => {
      const i = catalogue.get(code)!;
      return { id: i.id, code: i.code, name: i.name, unit: i.unit, computed: i.formula !== null };
    }),
    children:
      query.by === 'children' ? children.map(({ id, code, name, kind }) => ({ id, code, name, kind })) : [],
    rows,
  };
}

/** Why a figure is null although values exist: it is beyond what a float holds. */
export const UNREPRESENTABLE_NOTE =
  'Số liệu quá lớn, vượt quá khả năng tính toán của hệ thống; đề nghị kiểm tra lại các giá trị đã nhập.';

/**
 * A figure as answered: a value past a float's range (±Infinity, or NaN from Infinity − Infinity),
 * which only a stored value far beyond any indicator's bounds can produce, is null with a note —
 * never an answer that fails for everyone.
 */
function presentable(value: number | null): { value: number | null; note?: string } {
  if (value === null || Number.isFinite(value)) return { value };
  return { value: null, note: UNREPRESENTABLE_NOTE };
}

/**
 * Weighted averages, Σ value × weight / Σ weight over the subtree, computed from the values: the
 * roll-ups do not keep products with another indicator's values (a documented limit: fine for a
 * province, slow for the country).
 *
 * A unit's weight for a period is the weight indicator's value at that unit for the period itself;
 * else for the finest of its periods that contain it (the year of a quarter or month); else for the
 * latest one that starts no later than it (the most recent earlier year): a population entered
 * yearly weighs the quarterly and monthly rates. Never a period starting after it. A unit with no
 * such weight value is left out of both sums (as before); none in the subtree: no figure (null).
 *
 * Two plain reads (the values, then those units' weights), matched here: as one statement, each
 * value sorted its unit's weights by months derived in SQL, 0.2–0.6 s a request on PGlite.
 */
async function weightedFigures(
  db: Executor,
  indicators: IndicatorRow[],
  targets: UnitRow[],
  natives: string[],
) {
  const result = new Map<string, { weightedSum: number; weightSum: number }>();
  const weightedOnes = indicators.filter(
    (i) => i.aggregation === 'weighted_average' && i.weight_indicator_id,
  );
  for (const indicator of weightedOnes) {
    const values = rowsOf<{ target: string; org_unit_id: string; period: string; value: string }>(
      await db.execute(sql`
        with recursive sub(target, unit_id) as (
          select id, id from org_units where id = any(${new Param(targets.map((t) => t.id))}::uuid[])
          union all
          select s.target, o.id from sub s join org_units o on o.parent_id = s.unit_id
        )
        select s.target, v.org_unit_id, v.period, v.value::text as value
        from sub s
        join data_values v on v.org_unit_id = s.unit_id and v.indicator_id = ${indicator.id}
          and v.period = any(${new Param(natives)}::text[])`),
    );
    if (values.length === 0) continue;
    const units = [...new Set(values.map((v) => v.org_unit_id))];
    const weightsByUnit = new Map<string, { first: number; last: number; value: number }[]>();
    for (const w of rowsOf<{ org_unit_id: string; period: string; value: string }>(
      await db.execute(sql`select org_unit_id, period, value::text as value from data_values
        where indicator_id = ${indicator.weight_indicator_id}
          and org_unit_id = any(${new Param(units)}::uuid[])`),
    )) {
      const list = weightsByUnit.get(w.org_unit_id) ?? [];
      list.push({ ...periodMonthSpan(w.period), value: Number(w.value) });
      weightsByUnit.set(w.org_unit_id, list);
    }
    for (const v of values) {
      const span = periodMonthSpan(v.period);
      // among the weights starting no later: one covering the whole period first, then the latest
      // start, then the shortest
      let best: { first: number; last: number; value: number } | undefined;
      const covers = (w: { last: number }) => w.last >= span.last;
      for (const w of weightsByUnit.get(v.org_unit_id) ?? []) {
        if (w.first > span.first) continue;
        const better =
          !best ||
          (covers(w) !== covers(best)
            ? covers(w)
            : w.first !== best.first
              ? w.first > best.first
              : w.last < best.last);
        if (better) best = w;
      }
      if (!best) continue;
      const key = `${indicator.id}|${v.target}|${v.period}`;
      const sums = result.get(key) ?? { weightedSum: 0, weightSum: 0 };
      sums.weightedSum += Number(v.value) * best.value;
      sums.weightSum += best.value;
      result.set(key, sums);
    }
  }
  return result;
}
