/**
 * A plan annex from Excel (server/modules/plan-import): the file is read into rows of raw cell
 * text, each row checked and parsed (numbering → outline code, agencies → org units, deadline →
 * date), and the whole shown as a preview; the rows (perhaps corrected in the preview) are then
 * sent back as JSON and written in one transaction.
 */
import { z } from 'zod';
import { PLAN_ITEM_KINDS, RECURRENCES } from '../enums';
import { LIMITS } from '../limits';
import { id, optionalText, plainString, ZOrgUnitRef } from './fields';
import { ZCreatePlanRequest } from './plans';

/** The columns of an annex, in the order the export writes them; `start` is read when present. */
export const ANNEX_COLUMNS = ['stt', 'title', 'lead', 'cooperators', 'deadline', 'product', 'start'] as const;
export type AnnexColumn = (typeof ANNEX_COLUMNS)[number];

/** Rows an annex may have (the export of a plan of a thousand items is a thousand rows). */
export const ANNEX_MAX_ROWS = 5000;
/** A cell, as Excel allows it. */
const ANNEX_CELL_CHARS = 32_767;

const cell = plainString().max(ANNEX_CELL_CHARS).default('');

export const ZAnnexCells = z.strictObject({
  stt: cell,
  title: cell,
  lead: cell,
  cooperators: cell,
  deadline: cell,
  product: cell,
  start: cell,
});
export type TAnnexCells = z.infer<typeof ZAnnexCells>;

/** One row of the sheet: its number there and its cells as text. */
export const ZAnnexRow = z.strictObject({
  row: z.number().int().min(1).max(1_048_576),
  cells: ZAnnexCells,
});
export type TAnnexRow = z.infer<typeof ZAnnexRow>;

/** Where each column was found in the file: its letter and header text, so messages name them. */
export const ZAnnexLayout = z.strictObject({
  headerRow: z.number().int().min(1),
  columns: z
    .array(
      z.strictObject({
        key: z.enum(ANNEX_COLUMNS),
        letter: z.string().regex(/^[A-Z]{1,3}$/),
        header: plainString().max(LIMITS.nameLength),
      }),
    )
    .max(ANNEX_COLUMNS.length),
});
export type TAnnexLayout = z.infer<typeof ZAnnexLayout>;

export const ISSUE_SEVERITIES = ['error', 'warning'] as const;

/** A finding on a row and column (or on the file, with row and column null); errors block the commit. */
export const ZImportIssue = z.object({
  severity: z.enum(ISSUE_SEVERITIES),
  /** stable: missing_title, unknown_agency, bad_deadline, duplicate_code, … */
  code: z.string(),
  row: z.number().int().nullable(),
  column: z.enum(ANNEX_COLUMNS).nullable(),
  /** the cell as Excel names it, e.g. "C12" */
  cell: z.string().nullable(),
  /** Vietnamese, naming the row and the column */
  message: z.string(),
});
export type TImportIssue = z.infer<typeof ZImportIssue>;

/** A group of units written as one phrase ("UBND các xã, phường"), and how many it stands for. */
export const ZAgencyGroup = z.object({ label: z.string(), count: z.number().int() });

/** What a row becomes in the plan. */
export const ZImportedItem = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  kind: z.enum(PLAN_ITEM_KINDS),
  title: z.string(),
  lead: ZOrgUnitRef.nullable(),
  cooperators: z.array(ZOrgUnitRef),
  /** phrases that stood for many units, already expanded into `cooperators` */
  cooperatorGroups: z.array(ZAgencyGroup),
  startDate: z.string().nullable(),
  deadline: z.string().nullable(),
  recurrence: z.enum(RECURRENCES),
  expectedProduct: z.string().nullable(),
});
export type TImportedItem = z.infer<typeof ZImportedItem>;

export const ZPreviewRow = z.object({
  row: z.number().int(),
  cells: ZAnnexCells,
  /** null when the row cannot become an item (no numbering, no title) */
  item: ZImportedItem.nullable(),
  issues: z.array(ZImportIssue),
});
export type TPreviewRow = z.infer<typeof ZPreviewRow>;

/** The plan's header as the lines above the table tell it, to fill the new plan's form. */
export const ZPlanHints = z.object({
  number: z.string().nullable(),
  title: z.string().nullable(),
  issuingBody: z.string().nullable(),
  issueDate: z.string().nullable(),
  horizonStartYear: z.number().int().nullable(),
  horizonEndYear: z.number().int().nullable(),
});
export type TPlanHints = z.infer<typeof ZPlanHints>;

export const ZPlanImportPreview = z.object({
  layout: ZAnnexLayout,
  hints: ZPlanHints,
  rows: z.array(ZPreviewRow),
  /** about the file as a whole (a column without a header, an ignored column) */
  issues: z.array(ZImportIssue),
  counts: z.object({
    rows: z.number().int(),
    groups: z.number().int(),
    tasks: z.number().int(),
    errors: z.number().int(),
    warnings: z.number().int(),
  }),
  /** no error anywhere: the rows can be written */
  canCommit: z.boolean(),
});
export type TPlanImportPreview = z.infer<typeof ZPlanImportPreview>;

export const ZPlanImportPreviewQuery = z.strictObject({
  /** a draft plan the rows would be added to: its codes and horizon are checked against */
  planId: id.optional(),
});

/** Into a new plan (its header from the form), or added to a draft plan. */
export const ZImportTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('new'), plan: ZCreatePlanRequest }),
  z.strictObject({ kind: z.literal('existing'), planId: id }),
]);
export type TImportTarget = z.infer<typeof ZImportTarget>;
/** As a client sends it (the plan's defaults not yet filled in). */
export type TImportTargetInput = z.input<typeof ZImportTarget>;

export const ZPlanImportRequest = z.strictObject({
  /** the uploaded file's name, for the audit trail */
  fileName: optionalText(LIMITS.nameLength),
  layout: ZAnnexLayout,
  rows: z.array(ZAnnexRow).min(1).max(ANNEX_MAX_ROWS),
  target: ZImportTarget,
  /** true: check only (the preview again, after corrections) */
  dryRun: z.boolean().default(false),
});
export type TPlanImportRequest = z.input<typeof ZPlanImportRequest>;

export const ZPlanImportResult = z.object({
  planId: z.string(),
  groups: z.number().int(),
  tasks: z.number().int(),
});
export type TPlanImportResult = z.infer<typeof ZPlanImportResult>;

export const ANNEX_NUMBERINGS = ['roman', 'outline'] as const;
export const ZAnnexExportQuery = z.strictObject({
  /** roman: I, 1., 1.1, a) under each group (default where the codes allow it); outline: the codes */
  numbering: z.enum(ANNEX_NUMBERINGS).optional(),
});
