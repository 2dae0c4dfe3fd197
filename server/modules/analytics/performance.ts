import { sql } from 'drizzle-orm';
import type { TPerformance } from '../../../common/contracts/analytics';
import type { Direction, ReportingFrequency, TimeAggregation } from '../../../common/enums';
import { cutoffWindow, periodsBetween } from '../../../common/periods';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { notFound, RESOURCE_NAMES } from '../../errors/app-error';
import { ATTAINMENT_RULE, judge, linearFit, pathValue, targetPath } from './attainment';
import { runAnalytics } from './service';

const FIRST: Record<ReportingFrequency, (year: number) => string> = {
  month: (y) => `${y}M01`,
  quarter: (y) => `${y}Q1`,
  half_year: (y) => `${y}S1`,
  year: (y) => `${y}`,
};
const LAST: Record<ReportingFrequency, (year: number) => string> = {
  month: (y) => `${y}M12`,
  quarter: (y) => `${y}Q4`,
  half_year: (y) => `${y}S1`,
  year: (y) => `${y}`,
};

/** The series, target path, attainment and forecast of one indicator for a subtree. */
export async function getPerformance(
  db: Executor,
  options: { code: string; orgUnitId: string; year: number; today: string },
): Promise<TPerformance> {
  const { code, orgUnitId, year, today } = options;
  const [indicator] = rowsOf<{
    code: string;
    aggregation: string;
    unit_kind: string;
    frequency: ReportingFrequency;
    direction: Direction;
    time_aggregation: TimeAggregation;
    value_type: string;
    baseline_year: number | null;
    baseline_value: string | null;
    targets: Record<string, number>;
  }>(
    await db.execute(sql`select code, aggregation, frequency, direction, time_aggregation, value_type, baseline_year,
      baseline_value::text, targets, (select kind from org_units where id = ${orgUnitId}) as unit_kind
      from indicators where code = ${code}`),
  );
  if (!indicator) throw notFound(RESOURCE_NAMES.indicator);
  const frequency = indicator.frequency;
  const baseline =
    indicator.baseline_year !== null && indicator.baseline_value !== null
      ? { year: indicator.baseline_year, value: Number(indicator.baseline_value) }
      : null;
  // Targets are the province's. A sum is judged only for the province; a share or an average is
  // comparable at every level.
  const targetsApply = indicator.aggregation !== 'sum' || indicator.unit_kind === 'province';
  const path = targetsApply ? targetPath(baseline, indicator.targets) : [];
  const firstYear = Math.max(2000, Math.min(baseline?.year ?? year - 2, year - 2));
  const periodType = frequency;
  const series = await runAnalytics(db, {
    indicators: [code],
    orgUnitId,
    periodType,
    from: FIRST[frequency](firstYear),
    to: LAST[frequency](year),
    by: 'total',
  });
  // Only periods whose data cut-off has begun: later ones cannot have data yet.
  const points = series.rows
    .filter((r) => cutoffWindow(r.period).start <= today)
    .map((r) => ({ period: r.period, value: r.value }));
  const yearPeriods = periodsBetween(periodType, FIRST[frequency](year), LAST[frequency](year));
  const closed = yearPeriods.filter((p) => cutoffWindow(p).end < today).length;
  const elapsed = yearPeriods.length ? closed / yearPeriods.length : 0;
  const yearFigure = await runAnalytics(db, {
    indicators: [code],
    orgUnitId,
    periodType: 'year',
    from: String(year),
    to: String(year),
    by: 'total',
  });
  const actual = yearFigure.rows[0]?.value ?? null;
  const target = pathValue(path, year);
  const start = pathValue(path, year - 1);
  const { status } = judge({
    actual,
    target,
    start,
    elapsed,
    direction: indicator.direction,
    timeAggregation: indicator.time_aggregation,
  });
  return {
    indicatorCode: code,
    orgUnitId,
    year,
    series: points,
    targetPath: path,
    attainment: { status, actual, target, rule: ATTAINMENT_RULE },
    forecast: finiteForecast(
      forecast(points, yearPeriods, indicator.time_aggregation, actual, indicator.value_type === 'percent'),
    ),
  };
}

/** Figures near a float's limit can extrapolate past it: such a forecast is no forecast (null). */
function finiteForecast(f: TPerformance['forecast']): TPerformance['forecast'] {
  const finite = (v: number | null) => (v !== null && Number.isFinite(v) ? v : null);
  return { ...f, yearEnd: finite(f.yearEnd), year2030: finite(f.year2030) };
}

function forecast(
  points: { period: string; value: number | null }[],
  yearPeriods: string[],
  timeAggregation: TimeAggregation,
  actual: number | null,
  percent: boolean,
): TPerformance['forecast'] {
  const known = points
    .map((p, x) => ({ x, y: p.value }))
    .filter((p): p is { x: number; y: number } => p.y !== null);
  const clamp = (v: number | null) => (v === null ? null : percent ? Math.min(100, Math.max(0, v)) : v);
  if (timeAggregation === 'sum') {
    const inYear = points.filter((p) => yearPeriods.includes(p.period) && p.value !== null);
    const recent = inYear.slice(-3).map((p) => p.value!);
    const remaining = yearPeriods.length - inYear.length;
    const mean = recent.length ? recent.reduce((s, v) => s + v, 0) / recent.length : null;
    const yearEnd = actual === null ? null : actual + (mean ?? 0) * remaining;
    return {
      yearEnd,
      year2030: yearEnd,
      method:
        'Chỉ tiêu cộng dồn: cuối năm = số đã đạt + trung bình 3 kỳ gần nhất × số kỳ còn lại; ' +
        'năm 2030 giả định giữ mức của năm nay.',
    };
  }
  const fit = linearFit(known.slice(-12));
  if (!fit)
    return { yearEnd: clamp(actual), year2030: clamp(actual), method: 'Chưa đủ số liệu để dự báo xu hướng.' };
  const lastIndex = points.length - 1;
  const periodsPerYear = yearPeriods.length || 1;
  const endOfYear =
    lastIndex + (yearPeriods.length - points.filter((p) => yearPeriods.includes(p.period)).length);
  const year = Number(yearPeriods[0]?.slice(0, 4));
  const at2030 = endOfYear + (2030 - year) * periodsPerYear;
  return {
    yearEnd: clamp(fit.intercept + fit.slope * endOfYear),
    year2030: clamp(fit.intercept + fit.slope * at2030),
    method:
      'Chỉ tiêu mức độ: đường xu hướng tuyến tính (bình phương nhỏ nhất) qua tối đa 12 kỳ gần nhất có số liệu, kéo dài đến cuối năm và đến cuối năm 2030.',
  };
}
