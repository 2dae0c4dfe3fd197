import { Param, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { TPerformance } from '../../../common/contracts/analytics';
import {
  type Attainment,
  DIRECTIONS,
  ORG_AGGREGATIONS,
  ORG_UNIT_KINDS,
  REPORTING_FREQUENCIES,
  type ReportingFrequency,
  TIME_AGGREGATIONS,
  VALUE_TYPES,
} from '../../../common/enums';
import { cutoffWindow } from '../../../common/periods';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { notFound, RESOURCE_NAMES } from '../../errors/app-error';
import { timeFigure } from './aggregate';
import {
  ATTAINMENT_RULE,
  agreeWithForecast,
  judge,
  type PathPoint,
  pathValue,
  targetPath,
} from './attainment';
import { forecastDomain, forecastIndicator, periodsOfYear } from './forecast';
import { runAnalytics } from './service';

export const ZFacts = z.object({
  code: z.string(),
  aggregation: z.enum(ORG_AGGREGATIONS),
  frequency: z.enum(REPORTING_FREQUENCIES),
  direction: z.enum(DIRECTIONS),
  time_aggregation: z.enum(TIME_AGGREGATIONS),
  value_type: z.enum(VALUE_TYPES),
  baseline_year: z.number().int().nullable(),
  baseline_value: z.string().nullable(),
  rule_min: z.string().nullable(),
  rule_max: z.string().nullable(),
  targets: z.record(z.string(), z.number()),
  counts_units: z.array(z.enum(ORG_UNIT_KINDS)).nullable(),
});
/** What judging and forecasting an indicator needs from the catalogue. */
export type IndicatorFacts = z.infer<typeof ZFacts>;

export const FACT_COLUMNS = sql`code, aggregation, frequency, direction, time_aggregation, value_type, baseline_year,
  baseline_value::text, rule_min::text, rule_max::text, targets, counts_units`;

/** Active units of each kind in the subtree of a unit (itself included): the bound of unit counts. */
async function unitKindsUnder(db: Executor, orgUnitId: string): Promise<Map<string, number>> {
  const rows = rowsOf<{ kind: string; n: number }>(
    await db.execute(sql`with recursive sub(id, kind, active) as (
        select id, kind, active from org_units where id = ${orgUnitId}
        union all
        select o.id, o.kind, o.active from org_units o join sub s on o.parent_id = s.id
      ) select kind, count(*)::int as n from sub where active group by kind`),
  );
  return new Map(rows.map((r) => [r.kind, Number(r.n)]));
}

/** The first year of the series: the baseline's or two years back, within the 120 periods analytics answers. */
export function firstYearOf(
  facts: Pick<IndicatorFacts, 'frequency' | 'baseline_year'>,
  year: number,
): number {
  const perYear = periodsOfYear(facts.frequency, 2000).length;
  const earliest = Math.min(facts.baseline_year ?? year - 2, year - 2);
  return Math.max(2000, earliest, year - Math.floor(120 / perYear) + 1);
}

/** Only periods whose data cut-off has begun: later ones cannot have data yet. */
const begun = (period: string, today: string) => cutoffWindow(period).start <= today;

/**
 * Whether the province's targets apply to a unit's figure: a sum only for the province (no single
 * unit is measured against the province's total); a share, an average or a level at every level.
 */
export const targetsApply = (facts: Pick<IndicatorFacts, 'aggregation'>, unitKind: string) =>
  facts.aggregation !== 'sum' || unitKind === 'province';

/** The target path a unit's figure is judged against: none where the targets do not apply. */
export function targetPathFor(facts: IndicatorFacts, unitKind: string): PathPoint[] {
  if (!targetsApply(facts, unitKind)) return [];
  const baseline =
    facts.baseline_year !== null && facts.baseline_value !== null
      ? { year: facts.baseline_year, value: Number(facts.baseline_value) }
      : null;
  return targetPath(baseline, facts.targets);
}

/**
 * When a judgement stands. `today`: the indicator's periods of the year whose data cut-off has ended
 * count as elapsed (the catalogue, the dashboard, a unit's page). `through`: as it stood when that
 * period closed — it and the periods before it elapsed (a scorecard's figure of a round). The two
 * agree when `through` is the last period closed by `today`.
 */
export type AsOf = { today: string } | { through: string };

/** The share (0..1) of the indicator's periods of `year` elapsed as of `asOf`. */
export function elapsedShare(frequency: ReportingFrequency, year: number, asOf: AsOf): number {
  const periods = periodsOfYear(frequency, year);
  const closed =
    'today' in asOf
      ? periods.filter((p) => cutoffWindow(p).end < asOf.today)
      : periods.filter((p) => cutoffWindow(p).end <= cutoffWindow(asOf.through).end);
  return closed.length / periods.length;
}

/** What the indicator's figure for a subtree can be (forecast.ts forecastDomain), from the catalogue. */
function domainOf(facts: IndicatorFacts, unitKinds: ReadonlyMap<string, number>) {
  const unitCount = facts.counts_units
    ? facts.counts_units.reduce((n, kind) => n + (unitKinds.get(kind) ?? 0), 0)
    : null;
  return forecastDomain({
    valueType: facts.value_type,
    aggregation: facts.aggregation,
    ruleMin: facts.rule_min === null ? null : Number(facts.rule_min),
    ruleMax: facts.rule_max === null ? null : Number(facts.rule_max),
    unitCount,
  });
}

export interface Judgement {
  targetPath: TPerformance['targetPath'];
  target: number | null;
  target2030: number | null;
  /** the level expected by now, where a target applies */
  expected: number | null;
  /** by the straight line to this year's target alone (attainment.ts judge) */
  pace: Attainment;
  /** the pace made to agree with the forecast (attainment.ts agreeWithForecast): what every page shows */
  status: Attainment;
}

/**
 * THE attainment status of an indicator for a unit, free of the database — the one place for the
 * concept: the catalogue, the dashboard's tiles, a unit's page and the scorecards' indicator
 * component all read it from here (through getAssessments, or with the unit's own figures).
 *
 * The target path (baseline and yearly targets, straight lines between), the pace so far (judge:
 * `actual` — the year's figure up to now — against the level expected after the elapsed share of the
 * year), then the forecast's say: on track only if the forecast of the year's end and of 2030 reach
 * their targets. A forecast never raises a status, so it is made only when the pace is on track,
 * and only its points (the interval does not enter the status).
 */
export function judgeIndicator(options: {
  facts: IndicatorFacts;
  /** kind of the unit judged; a sum's target is the province's */
  unitKind: string;
  /** active units of each kind in the unit's subtree (a count of units is bounded by them) */
  unitKinds: ReadonlyMap<string, number>;
  /** the indicator's own periods in order, up to the last that can have data as of `asOf` */
  series: readonly { period: string; value: number | null }[];
  actual: number | null;
  year: number;
  asOf: AsOf;
}): Judgement {
  const { facts, unitKind, unitKinds, series, actual, year } = options;
  const path = targetPathFor(facts, unitKind);
  const target = pathValue(path, year);
  const target2030 = pathValue(path, 2030);
  const { status: pace, expected } = judge({
    actual,
    target,
    start: pathValue(path, year - 1),
    elapsed: elapsedShare(facts.frequency, year, options.asOf),
    direction: facts.direction,
    timeAggregation: facts.time_aggregation,
  });
  let status = pace;
  if (pace === 'on_track') {
    const points = forecastIndicator({
      series,
      year,
      frequency: facts.frequency,
      timeAggregation: facts.time_aggregation,
      domain: domainOf(facts, unitKinds),
      interval: false,
    });
    status = agreeWithForecast(
      pace,
      [
        { forecast: points.yearEnd?.value ?? null, target },
        { forecast: points.year2030?.value ?? null, target: year < 2030 ? target2030 : null },
      ],
      facts.direction,
    );
  }
  return { targetPath: path, target, target2030, expected, pace, status };
}

/**
 * A unit's figure for one of the indicator's own periods, judged as it stood when that period
 * closed (judgeIndicator with `through`), from the unit's own values by period — a unit without
 * units below it has its own values for figures, as analytics answers them. The year's figure so far
 * combines the year's periods up to it by the time rule; the forecast sees the periods up to it from
 * the series' first year. Null when the period is none of the indicator's own (the catalogue never
 * reads such a value).
 */
export function judgeAtPeriod(options: {
  facts: IndicatorFacts;
  unitKind: string;
  unitKinds: ReadonlyMap<string, number>;
  /** the unit's own values by period (others than the indicator's own periods are ignored) */
  values: ReadonlyMap<string, number>;
  period: string;
}): Judgement | null {
  const { facts, values, period } = options;
  const year = Number(period.slice(0, 4));
  const ownPeriods = periodsOfYear(facts.frequency, year);
  const at = ownPeriods.indexOf(period);
  if (at < 0) return null;
  const series: { period: string; value: number | null }[] = [];
  for (let y = firstYearOf(facts, year); y < year; y++)
    for (const p of periodsOfYear(facts.frequency, y))
      series.push({ period: p, value: values.get(p) ?? null });
  const thisYear = ownPeriods.slice(0, at + 1).map((p) => ({ period: p, value: values.get(p) ?? null }));
  series.push(...thisYear);
  return judgeIndicator({
    ...options,
    series,
    actual: timeFigure(
      facts.time_aggregation,
      thisYear.map((p) => p.value),
    ),
    year,
    asOf: { through: period },
  });
}

export interface Assessment {
  targetPath: TPerformance['targetPath'];
  attainment: TPerformance['attainment'];
  forecast: TPerformance['forecast'];
  /** the level expected by now (judge), where a target applies */
  expected: number | null;
}

/**
 * Judges one indicator for a unit from its figures as of `today`, free of the database: the status
 * (judgeIndicator) and the forecast with its interval, as the indicator's page shows them.
 */
export function assessIndicator(options: {
  facts: IndicatorFacts;
  /** kind of the unit judged; a sum's target is the province's */
  unitKind: string;
  /** active units of each kind in the unit's subtree */
  unitKinds: ReadonlyMap<string, number>;
  series: readonly { period: string; value: number | null }[];
  actual: number | null;
  year: number;
  today: string;
}): Assessment {
  const { facts, unitKinds, series, actual, year, today } = options;
  const judged = judgeIndicator({ ...options, asOf: { today } });
  const forecast = forecastIndicator({
    series,
    year,
    frequency: facts.frequency,
    timeAggregation: facts.time_aggregation,
    domain: domainOf(facts, unitKinds),
  });
  return {
    targetPath: judged.targetPath,
    attainment: {
      status: judged.status,
      paceStatus: judged.pace,
      actual,
      target: judged.target,
      target2030: judged.target2030,
      rule: ATTAINMENT_RULE,
    },
    forecast,
    expected: judged.expected,
  };
}

/** The series, target path, attainment and forecast of one indicator for a subtree. */
export async function getPerformance(
  db: Executor,
  options: { code: string; orgUnitId: string; year: number; today: string },
): Promise<TPerformance> {
  const { code, orgUnitId, year, today } = options;
  const [row] = rowsOf<unknown>(
    await db.execute(sql`select ${FACT_COLUMNS} from indicators where code = ${code}`),
  );
  if (!row) throw notFound(RESOURCE_NAMES.indicator);
  const facts = ZFacts.parse(row);
  const [unit] = rowsOf<{ kind: string }>(
    await db.execute(sql`select kind from org_units where id = ${orgUnitId}`),
  );
  const [series, yearFigure, unitKinds] = await Promise.all([
    runAnalytics(db, {
      indicators: [code],
      orgUnitId,
      periodType: facts.frequency,
      from: periodsOfYear(facts.frequency, firstYearOf(facts, year))[0]!,
      to: periodsOfYear(facts.frequency, year).at(-1)!,
      by: 'total',
    }),
    runAnalytics(db, {
      indicators: [code],
      orgUnitId,
      periodType: 'year',
      from: String(year),
      to: String(year),
      by: 'total',
    }),
    unitKindsUnder(db, orgUnitId),
  ]);
  const points = series.rows
    .filter((r) => begun(r.period, today))
    .map((r) => ({ period: r.period, value: r.value }));
  const { targetPath, attainment, forecast } = assessIndicator({
    facts,
    unitKind: unit?.kind ?? '',
    unitKinds,
    series: points,
    actual: yearFigure.rows[0]?.value ?? null,
    year,
    today,
  });
  return { indicatorCode: code, orgUnitId, year, series: points, targetPath, attainment, forecast };
}

/**
 * The assessment of many indicators for one unit in a handful of queries (the catalogue's status
 * column): one analytics read per frequency and first year for the series, one for the year's
 * figures — not one getPerformance per indicator.
 */
export async function getAssessments(
  db: Executor,
  options: { codes: readonly string[]; orgUnitId: string; year: number; today: string },
): Promise<Map<string, Assessment>> {
  const { orgUnitId, year, today } = options;
  const result = new Map<string, Assessment>();
  if (options.codes.length === 0) return result;
  const facts = rowsOf<unknown>(
    await db.execute(
      sql`select ${FACT_COLUMNS} from indicators where code = any(${new Param([...options.codes])}::text[])`,
    ),
  ).map((r) => ZFacts.parse(r));
  const [unit] = rowsOf<{ kind: string }>(
    await db.execute(sql`select kind from org_units where id = ${orgUnitId}`),
  );
  const groups = new Map<string, { frequency: ReportingFrequency; firstYear: number; codes: string[] }>();
  for (const f of facts) {
    const firstYear = firstYearOf(f, year);
    const key = `${f.frequency}|${firstYear}`;
    const group = groups.get(key) ?? { frequency: f.frequency, firstYear, codes: [] };
    group.codes.push(f.code);
    groups.set(key, group);
  }
  const codes = facts.map((f) => f.code);
  // one after another: PGlite is one connection, and PostgreSQL's pool is shared with other requests
  const seriesOf = new Map<string, { period: string; value: number | null }[]>();
  for (const g of groups.values()) {
    const answer = await runAnalytics(db, {
      indicators: g.codes,
      orgUnitId,
      periodType: g.frequency,
      from: periodsOfYear(g.frequency, g.firstYear)[0]!,
      to: periodsOfYear(g.frequency, year).at(-1)!,
      by: 'total',
    });
    for (const r of answer.rows) {
      if (!begun(r.period, today)) continue;
      const list = seriesOf.get(r.indicatorCode) ?? [];
      list.push({ period: r.period, value: r.value });
      seriesOf.set(r.indicatorCode, list);
    }
  }
  const yearFigures = await runAnalytics(db, {
    indicators: codes,
    orgUnitId,
    periodType: 'year',
    from: String(year),
    to: String(year),
    by: 'total',
  });
  const actualOf = new Map(yearFigures.rows.map((r) => [r.indicatorCode, r.value]));
  const unitKinds = await unitKindsUnder(db, orgUnitId);
  for (const f of facts) {
    result.set(
      f.code,
      assessIndicator({
        facts: f,
        unitKind: unit?.kind ?? '',
        unitKinds,
        series: seriesOf.get(f.code) ?? [],
        actual: actualOf.get(f.code) ?? null,
        year,
        today,
      }),
    );
  }
  return result;
}
