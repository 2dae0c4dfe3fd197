import { z } from 'zod';
import { ATTAINMENTS, PERIOD_TYPES_FOR_ANALYTICS } from '../enums';
import { ZPeriodId } from '../periods';
import { id } from './fields';

export const ANALYTICS_MAX_INDICATORS = 200;
export const ANALYTICS_MAX_PERIODS = 120;

export const ZAnalyticsQuery = z.strictObject({
  /** comma-separated indicator codes */
  indicators: z
    .string()
    .transform((s) => [
      ...new Set(
        s
          .split(',')
          .map((c) => c.trim().toUpperCase())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(z.string()).min(1).max(ANALYTICS_MAX_INDICATORS)),
  /** the subtree: this unit and everything below it */
  orgUnitId: id,
  periodType: z.enum(PERIOD_TYPES_FOR_ANALYTICS),
  /** first and last period (ids of periodType), inclusive */
  from: ZPeriodId,
  to: ZPeriodId,
  /** total: one figure per indicator and period; children: also one per child unit */
  by: z.enum(['total', 'children']).default('total'),
});
export type TAnalyticsQuery = z.infer<typeof ZAnalyticsQuery>;

export const ZAnalyticsRow = z.object({
  indicatorCode: z.string(),
  /** the subtree root, or a child unit when by=children */
  orgUnitId: z.string(),
  period: z.string(),
  /** null: no data (or a computed indicator missing an input) */
  value: z.number().nullable(),
  /** values that went into it (0 for computed indicators) */
  count: z.number().int(),
  /** why the value is null although values went into it (a figure too large to compute) */
  note: z.string().optional(),
});
export type TAnalyticsRow = z.infer<typeof ZAnalyticsRow>;

export const ZAnalyticsResult = z.object({
  orgUnit: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  periodType: z.enum(PERIOD_TYPES_FOR_ANALYTICS),
  periods: z.array(z.string()),
  indicators: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      unit: z.string(),
      computed: z.boolean(),
    }),
  ),
  children: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.string() })),
  rows: z.array(ZAnalyticsRow),
});
export type TAnalyticsResult = z.infer<typeof ZAnalyticsResult>;

export const ZPerformanceQuery = z.strictObject({
  indicator: z.string().trim().toUpperCase(),
  orgUnitId: id,
  /** the year judged (default: this year) */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

/** A forecast figure with its interval (about 80 %), both within the indicator's domain. */
export const ZEstimate = z.object({ value: z.number(), low: z.number(), high: z.number() });
export type TEstimate = z.infer<typeof ZEstimate>;

export const ZForecast = z.object({
  /** the figure of the year judged at its end; null: not enough data */
  yearEnd: ZEstimate.nullable(),
  year2030: ZEstimate.nullable(),
  /** how the point forecast is made, in Vietnamese */
  method: z.string(),
  /** how the interval is made, in Vietnamese */
  interval: z.string(),
  /** what the figure can be; point and interval are clamped to it */
  domain: z.object({ min: z.number().nullable(), max: z.number().nullable(), note: z.string().nullable() }),
});
export type TForecast = z.infer<typeof ZForecast>;

export const ZPerformance = z.object({
  indicatorCode: z.string(),
  orgUnitId: z.string(),
  year: z.number().int(),
  /** the indicator's own periods from the baseline year to the judged year, with figures */
  series: z.array(z.object({ period: z.string(), value: z.number().nullable() })),
  /** baseline → yearly targets → 2030, straight lines between known points */
  targetPath: z.array(
    z.object({
      year: z.number().int(),
      value: z.number(),
      kind: z.enum(['baseline', 'target', 'interpolated']),
    }),
  ),
  attainment: z.object({
    /** the status, agreeing with the forecast (never on track when the forecast misses a target) */
    status: z.enum(ATTAINMENTS),
    /** the status from the figure so far alone, before the forecast had its say */
    paceStatus: z.enum(ATTAINMENTS),
    actual: z.number().nullable(),
    target: z.number().nullable(),
    /** the 2030 target (path value), when there is one */
    target2030: z.number().nullable(),
    /** the documented rule the status comes from */
    rule: z.string(),
  }),
  forecast: ZForecast,
});
export type TPerformance = z.infer<typeof ZPerformance>;

export const ZBreakdownQuery = z.strictObject({
  indicator: z.string().trim().toUpperCase(),
  /** the subtree: its communes and wards (or the commune itself) */
  orgUnitId: id,
  /** any period the analytics answer (month, quarter, half-year, nine months, year) */
  period: ZPeriodId,
});
export type TBreakdownQuery = z.infer<typeof ZBreakdownQuery>;

export const ZBreakdown = z.object({
  indicatorCode: z.string(),
  orgUnitId: z.string(),
  period: z.string(),
  /** the indicator's own periods inside the asked one: what a complete commune has reported */
  expected: z.number().int(),
  rows: z.array(
    z.object({
      orgUnit: z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.string() }),
      value: z.number().nullable(),
      /** periods with a value (null for a computed indicator: it has no values of its own) */
      reported: z.number().int().nullable(),
    }),
  ),
});
export type TBreakdown = z.infer<typeof ZBreakdown>;
