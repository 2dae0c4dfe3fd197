import { z } from 'zod';
import {
  ATTAINMENTS,
  DIRECTIONS,
  ORG_AGGREGATIONS,
  ORG_UNIT_KINDS,
  REPORTING_FREQUENCIES,
  TIME_AGGREGATIONS,
  VALUE_TYPES,
} from '../enums';
import { LIMITS } from '../limits';
import {
  id,
  optionalText,
  page,
  queryBoolean,
  queryList,
  requiredText,
  ZOrgUnitRef,
  ZPageQuery,
} from './fields';

/** Upper case letters, digits, '.', '_'; starts with a letter (formulas refer to it). */
export const indicatorCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9._]{0,39}$/, {
    message:
      'Mã chỉ tiêu gồm chữ in hoa không dấu, số, dấu chấm, gạch dưới; bắt đầu bằng chữ; tối đa 40 ký tự.',
  });

const TARGET_YEARS = [2025, 2026, 2027, 2028, 2029, 2030, 2045] as const;
/** Target per year: 2025–2030 and 2045. */
export const ZTargets = z
  .record(z.string().regex(/^\d{4}$/), z.number().finite())
  .refine((t) => Object.keys(t).every((y) => (TARGET_YEARS as readonly number[]).includes(Number(y))), {
    message: 'Chỉ tiêu theo năm chỉ cho các năm 2025–2030 và 2045.',
  });

export const ZIndicatorRef = z.object({ id: z.string(), code: z.string(), name: z.string() });

export const ZIndicator = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  definition: z.string().nullable(),
  unit: z.string(),
  valueType: z.enum(VALUE_TYPES),
  direction: z.enum(DIRECTIONS),
  aggregation: z.enum(ORG_AGGREGATIONS),
  weightIndicator: ZIndicatorRef.nullable(),
  timeAggregation: z.enum(TIME_AGGREGATIONS),
  /** computed indicators: the formula; their values are never entered */
  formula: z.string().nullable(),
  frequency: z.enum(REPORTING_FREQUENCIES),
  reportedBy: z.array(z.enum(ORG_UNIT_KINDS)),
  /** the figure counts org units of these kinds (forecasts stop at their number); null: no units */
  countsUnits: z.array(z.enum(ORG_UNIT_KINDS)).nullable(),
  responsibleOrgUnit: ZOrgUnitRef.nullable(),
  baseline: z.object({ year: z.number().int(), value: z.number() }).nullable(),
  targets: z.record(z.string(), z.number()),
  rules: z.object({
    min: z.number().nullable(),
    max: z.number().nullable(),
    integer: z.boolean(),
    notAbove: ZIndicatorRef.nullable(),
    commentWhenOffTarget: z.boolean(),
  }),
  planItemIds: z.array(z.string()),
  archived: z.boolean(),
  version: z.number().int(),
});
export type TIndicator = z.infer<typeof ZIndicator>;

/** An indicator's attainment this year for the province, as the catalogue lists it. */
export const ZCatalogueAttainment = z.object({
  status: z.enum(ATTAINMENTS),
  year: z.number().int(),
  /** the forecast of the year's figure (null: not enough data) */
  yearEnd: z.number().nullable(),
});
export type TCatalogueAttainment = z.infer<typeof ZCatalogueAttainment>;

export const ZIndicatorListItem = ZIndicator.extend({
  /** null when not asked for (withAttainment) or the caller may not read the province's figures */
  attainment: ZCatalogueAttainment.nullable(),
});
export type TIndicatorListItem = z.infer<typeof ZIndicatorListItem>;

export const ZIndicatorList = page(ZIndicatorListItem);
export type TIndicatorList = z.infer<typeof ZIndicatorList>;

export const ZListIndicatorsQuery = ZPageQuery.extend({
  q: z.string().max(LIMITS.searchLength).optional(),
  frequency: queryList(REPORTING_FREQUENCIES).optional(),
  /** indicators entered by this kind of unit */
  reportedBy: z.enum(ORG_UNIT_KINDS).optional(),
  computed: queryBoolean.optional(),
  includeArchived: queryBoolean.optional(),
  /** this year's attainment status for the province (those who may read its figures) */
  attainment: queryList(ATTAINMENTS).optional(),
  /**
   * compute each listed indicator's status (the catalogue page); pickers that load the whole
   * catalogue leave it out and get attainment null without paying for the figures
   */
  withAttainment: queryBoolean.optional(),
}).strict();
export type TListIndicatorsQuery = z.infer<typeof ZListIndicatorsQuery>;

const indicatorFields = {
  name: requiredText(LIMITS.nameLength),
  nameEn: optionalText(LIMITS.nameLength),
  definition: optionalText(LIMITS.textLength),
  unit: requiredText(60),
  valueType: z.enum(VALUE_TYPES),
  direction: z.enum(DIRECTIONS),
  aggregation: z.enum(ORG_AGGREGATIONS),
  /** required for weighted_average */
  weightCode: indicatorCode.nullable().optional(),
  timeAggregation: z.enum(TIME_AGGREGATIONS),
  formula: optionalText(500),
  frequency: z.enum(REPORTING_FREQUENCIES),
  reportedBy: z.array(z.enum(ORG_UNIT_KINDS)).max(ORG_UNIT_KINDS.length),
  countsUnits: z.array(z.enum(ORG_UNIT_KINDS)).min(1).max(ORG_UNIT_KINDS.length).nullable().optional(),
  responsibleOrgUnitId: id.nullable().optional(),
  baseline: z
    .object({ year: z.number().int().min(2000).max(2100), value: z.number().finite() })
    .nullable()
    .optional(),
  targets: ZTargets.optional(),
  rules: z
    .strictObject({
      min: z.number().finite().nullable().optional(),
      max: z.number().finite().nullable().optional(),
      integer: z.boolean().optional(),
      notAboveCode: indicatorCode.nullable().optional(),
      commentWhenOffTarget: z.boolean().optional(),
    })
    .optional(),
  planItemIds: z.array(id).max(100).optional(),
};

export const ZCreateIndicatorRequest = z.strictObject({ code: indicatorCode, ...indicatorFields });
export type TCreateIndicatorRequest = z.infer<typeof ZCreateIndicatorRequest>;

export const ZUpdateIndicatorRequest = z
  .strictObject({ version: z.number().int().min(1), ...indicatorFields })
  .partial()
  .required({ version: true });
export type TUpdateIndicatorRequest = z.infer<typeof ZUpdateIndicatorRequest>;

export const ZAttainment = z.object({
  status: z.enum(ATTAINMENTS),
  /** the figure compared: the latest period of the year with data */
  actual: z.number().nullable(),
  target: z.number().nullable(),
  year: z.number().int(),
});
export type TAttainment = z.infer<typeof ZAttainment>;
