import { z } from 'zod';
import { ORG_UNIT_KINDS } from '../enums';
import { ZPeriodId } from '../periods';
import { id } from './fields';

/** A boundary file's version: the hash its ETag carries, sent back as `v` to cache it for good. */
export const ZBoundaryQuery = z.strictObject({ v: z.string().max(64).optional() });
export type TBoundaryQuery = z.infer<typeof ZBoundaryQuery>;

/** What colours the communes: an indicator's figure for a period, or a round's reporting completeness. */
export const MAP_LAYERS = ['indicator', 'completeness'] as const;
export type MapLayer = (typeof MAP_LAYERS)[number];

/** Kinds of unit drawn on the map (in common/enums: the web imports it without zod). */
export { MAP_UNIT_KINDS } from '../enums';

export const ZCommuneMapQuery = z
  .strictObject({
    layer: z.enum(MAP_LAYERS).default('indicator'),
    /** the indicator's code (layer indicator) */
    indicator: z.string().trim().toUpperCase().min(1).max(50).optional(),
    /** the period of the figure, e.g. 2026, 2026Q3, 2026M10 (layer indicator) */
    period: ZPeriodId.optional(),
    /** the round whose completeness colours the map (layer completeness) */
    roundId: id.optional(),
    /** the province (default: the province at the root of the org-unit tree) */
    provinceId: id.optional(),
  })
  .superRefine((q, ctx) => {
    const need = (field: 'indicator' | 'period' | 'roundId', message: string) => {
      if (q[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message });
    };
    if (q.layer === 'indicator') {
      need('indicator', 'Chọn chỉ tiêu để tô màu bản đồ.');
      need('period', 'Chọn kỳ của số liệu.');
    } else {
      need('roundId', 'Chọn đợt báo cáo để xem mức độ nộp báo cáo.');
    }
  });
export type TCommuneMapQuery = z.infer<typeof ZCommuneMapQuery>;

/** Reports of the commune (and any unit below it) in the round, as the round's table counts them. */
export const ZMapReports = z.object({
  expected: z.number().int(),
  submitted: z.number().int(),
  accepted: z.number().int(),
  overdue: z.number().int(),
});

export const ZCommuneMapUnit = z.object({
  orgUnitId: z.string(),
  /** the official code, which the boundary file's features carry as `code` */
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.enum(ORG_UNIT_KINDS),
  /**
   * the figure (layer indicator) or the share of expected reports submitted, in % (layer
   * completeness); null: no data, or not the reader's to see
   */
  value: z.number().nullable(),
  /** false: outside what the reader may see (the value and counts are then withheld) */
  visible: z.boolean(),
  /** values that went into the figure (layer indicator) */
  count: z.number().int().nullable(),
  /** layer completeness: the commune's reports in the round (null when withheld) */
  reports: ZMapReports.nullable(),
  /** why the value is null although values went into it */
  note: z.string().optional(),
});
export type TCommuneMapUnit = z.infer<typeof ZCommuneMapUnit>;

export const ZCommuneMap = z.object({
  province: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  /** the boundary file shipped for the province (its version, for `v`), or null: none shipped */
  boundary: z.object({ version: z.string() }).nullable(),
  layer: z.enum(MAP_LAYERS),
  indicator: z.object({ code: z.string(), name: z.string(), unit: z.string() }).nullable(),
  period: z.string().nullable(),
  round: z.object({ id: z.string(), title: z.string(), period: z.string() }).nullable(),
  /** every commune and ward of the province, in code order */
  units: z.array(ZCommuneMapUnit),
});
export type TCommuneMap = z.infer<typeof ZCommuneMap>;
