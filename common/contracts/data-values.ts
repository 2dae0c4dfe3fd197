import { z } from 'zod';
import { DATA_VALUE_STATES, DIRECTIONS, ORG_AGGREGATIONS, VALUE_TYPES } from '../enums';
import { ZPeriodId } from '../periods';
import { VALUE_COMMENT_MAX } from '../value-bounds';
import { id } from './fields';

/** The most rows one JSON request may carry; files go through /api/data-values/import. */
export const DATA_VALUES_PER_REQUEST = 10_000;
/** Row errors listed in a write result; the count of all of them is in `rejected`. */
export const DATA_VALUE_ERRORS_LISTED = 1_000;

export const ZDataValueInput = z.strictObject({
  indicatorCode: z.string().trim().min(1).max(40),
  orgUnitCode: z.string().trim().min(1).max(40),
  period: z.string().trim(),
  /** null clears the value */
  value: z.number().finite().nullable(),
  comment: z.string().max(VALUE_COMMENT_MAX).nullable().optional(),
  /** the version the edit is based on (the entry grid sends it); a newer one answers a row error */
  version: z.number().int().min(1).optional(),
});
export type TDataValueInput = z.infer<typeof ZDataValueInput>;

/**
 * The secretariat's correction of one value, typically one a sent or accepted report carries
 * (which the unit can no longer change): the reason is kept with the revision, in the audit log
 * and on the report.
 */
export const ZCorrectDataValueRequest = z.strictObject({
  indicatorCode: ZDataValueInput.shape.indicatorCode,
  orgUnitCode: ZDataValueInput.shape.orgUnitCode,
  period: ZDataValueInput.shape.period,
  value: ZDataValueInput.shape.value,
  comment: ZDataValueInput.shape.comment,
  version: ZDataValueInput.shape.version,
  reason: z.string().trim().min(10).max(2000),
});
export type TCorrectDataValueRequest = z.infer<typeof ZCorrectDataValueRequest>;

/** all_or_nothing: any bad row and nothing is written; valid_rows: the good rows are written. */
export const WRITE_MODES = ['all_or_nothing', 'valid_rows'] as const;
export type WriteMode = (typeof WRITE_MODES)[number];

export const ZWriteDataValuesRequest = z.strictObject({
  values: z.array(ZDataValueInput).min(1).max(DATA_VALUES_PER_REQUEST),
  mode: z.enum(WRITE_MODES).default('all_or_nothing'),
  /** validate and count, write nothing */
  dryRun: z.boolean().default(false),
});
export type TWriteDataValuesRequest = z.infer<typeof ZWriteDataValuesRequest>;

export const ZImportDataValuesQuery = z.strictObject({
  mode: z.enum(WRITE_MODES).default('all_or_nothing'),
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export const ZRowError = z.object({
  /** 1-based: the row of the request's array, or the line of the file (header = line 1) */
  row: z.number().int(),
  field: z.string(),
  code: z.string(),
  message: z.string(),
});
export type TRowError = z.infer<typeof ZRowError>;

export const ZWriteDataValuesResult = z.object({
  /** false: nothing was written (a dry run, or all_or_nothing with bad rows) */
  applied: z.boolean(),
  dryRun: z.boolean(),
  total: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  cleared: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(ZRowError),
});
export type TWriteDataValuesResult = z.infer<typeof ZWriteDataValuesResult>;

export const ZEntryQuery = z.strictObject({ orgUnitId: id, period: ZPeriodId });

/** One line of the entry grid: an indicator the unit reports for the period, and its value. */
export const ZEntryRow = z.object({
  indicator: z.object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    unit: z.string(),
    valueType: z.enum(VALUE_TYPES),
    direction: z.enum(DIRECTIONS),
    aggregation: z.enum(ORG_AGGREGATIONS),
    rules: z.object({
      min: z.number().nullable(),
      max: z.number().nullable(),
      integer: z.boolean(),
      commentWhenOffTarget: z.boolean(),
    }),
    target: z.number().nullable(),
  }),
  value: z.number().nullable(),
  comment: z.string().nullable(),
  state: z.enum(DATA_VALUE_STATES).nullable(),
  version: z.number().int().nullable(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export const ZEntrySheet = z.object({
  orgUnit: z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.string() }),
  period: z.string(),
  /** data for the period is collected in this Decree 09 window */
  window: z.object({ start: z.string(), end: z.string() }),
  rows: z.array(ZEntryRow),
});
export type TEntrySheet = z.infer<typeof ZEntrySheet>;

export const ZValueHistoryQuery = z.strictObject({ indicatorId: id, orgUnitId: id, period: ZPeriodId });
export const ZValueRevision = z.object({
  value: z.number().nullable(),
  comment: z.string().nullable(),
  state: z.string().nullable(),
  changedBy: z.string().nullable(),
  changedAt: z.string(),
  /** a correction's reason (null: an ordinary write or a state change) */
  reason: z.string().nullable(),
});
export const ZValueHistory = z.object({ items: z.array(ZValueRevision) });
