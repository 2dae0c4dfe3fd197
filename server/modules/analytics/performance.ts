import { Param, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { TPerformance } from '../../../common/contracts/analytics';
import {
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
import { ATTAINMENT_RULE, agreeWithForecast, judge, pathValue, targetPath } from './attainment';
import { forecastDomain, forecastIndicator, periodsOfYear } from './forecast';
import { runAnalytics } from './service';

const ZFacts = z.object({
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

const FACT_COLUMNS = sql`code, aggregation, frequency, direction, time_aggregation, value_type, baseline_year,
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
function firstYearOf(facts: IndicatorFacts, year: number): number {
  const perYear = periodsOfYear(facts.frequency, 2000).length;
  const earliest = Math.min(facts.baseline_year ?? year - 2, year - 2);
  return Math.max(2000, earliest, year - Math.floor(120 / perYear) + 1);
}

/** Only periods whose data cut-off has begun: later ones cannot have data yet. */
const begun = (period: string, today: string) => cutoffWindow(period).start <= today;

export interface Assessment {
  targetPath: TPerformance['targetPath'];
  attainment: TPerformance['attainment'];
  forecast: TPerformance['forecast'];
}

/**
 * Judges one indicator for a unit from its figures, free of the database: the target path, the
 * status so far (attainment.ts judge), the forecast (forecast.ts), and the status made to agree with
 * the forecast (attainment.ts agreeWithForecast).
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
  const { facts, unitKind, unitKinds, series, actual, year, today } = options;
  const baseline =
    facts.baseline_year !== null && facts.baseline_value !== null
      ? { year: facts.baseline_year, value: Number(facts.baseline_value) }
      : null;
  // Targets are the province's. A sum is judged only for the province; a share or an average is
  // comparable at every level.
  const targetsApply = facts.aggregation !== 'sum' || unitKind === 'province';
  const path = targetsApply ? targetPath(baseline, facts.targets) : [];
  const yearPeriods = periodsOfYear(facts.frequency, year);
  const closed = yearPeriods.filter((p) => cutoffWindow(p).end < today).length;
  const target = pathValue(path, year);
  const target2030 = pathValue(path, 2030);
  const pace = judge({
    actual,
    target,
    start: pathValue(path, year - 1),
    elapsed: closed / yearPeriods.length,
    direction: facts.direction,
    timeAggregation: facts.time_aggregation,
  }).status;
  const unitCount = facts.counts_units
    ? facts.counts_units.reduce((n, kind) => n + (unitKinds.get(kind) ?? 0), 0)
    : null;
  const forecast = forecastIndicator({
    series,
    year,
    frequency: facts.frequency,
    timeAggregation: facts.time_aggregation,
    domain: forecastDomain({
      valueType: facts.value_type,
      aggregation: facts.aggregation,
      ruleMin: facts.rule_min === null ? null : Number(facts.rule_min),
      ruleMax: facts.rule_max === null ? null : Number(facts.rule_max),
      unitCount,
    }),
  });
  const status = agreeWithForecast(
    pace,
    [
      { forecast: forecast.yearEnd?.value ?? null, target },
      { forecast: forecast.year2030?.value ?? null, target: year < 2030 ? target2030 : null },
    ],
    facts.direction,
  );
  return {
    targetPath: path,
    attainment: { status, paceStatus: pace, actual, target, target2030, rule: ATTAINMENT_RULE },
    forecast,
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
  const assessed = assessIndicator({
    facts,
    unitKind: unit?.kind ?? '',
    unitKinds,
    series: points,
    actual: yearFigure.rows[0]?.value ?? null,
    year,
    today,
  });
  return { indicatorCode: code, orgUnitId, year, series: points, ...assessed };
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
