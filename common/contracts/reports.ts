import { z } from 'zod';
import { REPORT_ACTIONS, REPORT_STATUSES, ROUND_STATUSES, TASK_ROLES } from '../enums';
import { LIMITS } from '../limits';
import { id, optionalText, webLink, ZOrgUnitRef } from './fields';
import { TIMELINESS } from './rounds';

export const ZReportGeneral = z.object({
  summary: z.string().nullable(),
  obstacles: z.string().nullable(),
  proposals: z.string().nullable(),
});

export const ZReportItem = z.object({
  planItem: z.object({
    id: z.string(),
    code: z.string(),
    title: z.string(),
    deadline: z.string().nullable(),
    /** progress on the plan before this report */
    progress: z.number().int(),
  }),
  role: z.enum(TASK_ROLES),
  progress: z.number().int().nullable(),
  results: z.string().nullable(),
  obstacles: z.string().nullable(),
  proposals: z.string().nullable(),
  links: z.array(z.string()),
  /**
   * the progress known before this report: the unit's last accepted entry for the task, else the
   * task's own progress. The form offers it until the unit confirms or changes it; never saved by itself.
   */
  carriedProgress: z.number().int(),
  /** obstacles of the unit's last accepted entry, while the task is not done: offered for reuse */
  carriedObstacles: z.string().nullable(),
});
export type TReportItem = z.infer<typeof ZReportItem>;

export const ZReportComment = z.object({
  id: z.string(),
  field: z.string(),
  body: z.string(),
  author: z.string().nullable(),
  createdAt: z.string(),
});

export const ZEvidence = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  /** null: evidence of the report as a whole */
  planItemId: z.string().nullable(),
  uploadedAt: z.string(),
});
export type TEvidence = z.infer<typeof ZEvidence>;

/** A value of the report the secretariat corrected, with a reason, after the report was first sent. */
export const ZValueCorrection = z.object({
  indicatorCode: z.string(),
  indicatorName: z.string(),
  before: z.number().nullable(),
  after: z.number().nullable(),
  reason: z.string(),
  correctedBy: z.string().nullable(),
  correctedAt: z.string(),
});
export type TValueCorrection = z.infer<typeof ZValueCorrection>;

export const ZReport = z.object({
  id: z.string(),
  round: z.object({
    id: z.string(),
    title: z.string(),
    period: z.string(),
    planId: z.string(),
    /** a closed round takes no more submissions; reviews of sent reports may finish */
    status: z.enum(ROUND_STATUSES),
  }),
  orgUnit: ZOrgUnitRef,
  dueDate: z.string(),
  status: z.enum(REPORT_STATUSES),
  timeliness: z.enum(TIMELINESS),
  /** the first submission (timeliness is judged by it); null until then */
  firstSubmittedAt: z.string().nullable(),
  /** calendar days after the due date, as in the round's completeness table (ZRoundReport.daysLate) */
  daysLate: z.number().int().nullable(),
  general: ZReportGeneral,
  items: z.array(ZReportItem),
  /** indicator codes the report must give values for (through /api/data-values) */
  indicatorCodes: z.array(z.string()),
  returnReason: z.string().nullable(),
  returnedStage: z.string().nullable(),
  comments: z.array(ZReportComment),
  evidence: z.array(ZEvidence),
  /** the secretariat's corrections of the report's values since it was first sent, oldest first */
  corrections: z.array(ZValueCorrection),
  /** what the caller may do now */
  actions: z.array(z.enum([...REPORT_ACTIONS, 'save'])),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type TReport = z.infer<typeof ZReport>;

const longText = optionalText(LIMITS.textLength);

export const ZSaveReportRequest = z.strictObject({
  version: z.number().int().min(1),
  general: z
    .strictObject({ summary: longText, obstacles: longText, proposals: longText })
    .partial()
    .optional(),
  items: z
    .array(
      z.strictObject({
        planItemId: id,
        progress: z.number().int().min(0).max(100).nullable().optional(),
        results: longText,
        obstacles: longText,
        proposals: longText,
        links: z.array(webLink(1000)).max(20).optional(),
      }),
    )
    .max(500)
    .optional(),
});
export type TSaveReportRequest = z.infer<typeof ZSaveReportRequest>;

export const ZTransitionRequest = z.strictObject({
  version: z.number().int().min(1),
  /** required to return or reopen */
  reason: optionalText(LIMITS.textLength),
  /** comments pinned to fields, e.g. {"field": "items.<planItemId>.results", "body": "…"} */
  comments: z
    .array(
      z.strictObject({
        field: z.string().min(1).max(200),
        body: z.string().trim().min(1).max(LIMITS.textLength),
      }),
    )
    .max(100)
    .optional(),
});
export type TTransitionRequest = z.infer<typeof ZTransitionRequest>;

/** One changed field between the returned version and now. */
export const ZReportDiff = z.object({
  /** the version compared with: the last returned one (null: never returned) */
  baseVersion: z.number().int().nullable(),
  changes: z.array(
    z.object({ field: z.string(), label: z.string(), before: z.unknown(), after: z.unknown() }),
  ),
});
export type TReportDiff = z.infer<typeof ZReportDiff>;

/**
 * A change of evidence changes the report, so it names the report's version it is based on and
 * answers the new one, like every other write of a report. The query string carries it: the body
 * of an upload is the file itself.
 */
const evidenceBaseVersion = z.coerce
  .number()
  .int()
  .min(1)
  .describe('Phiên bản báo cáo mà thao tác dựa trên; khác phiên bản hiện tại thì trả 409 version_conflict');

export const ZAttachEvidenceQuery = z.strictObject({
  fileName: z.string().trim().min(1).max(255),
  planItemId: id.optional(),
  version: evidenceBaseVersion,
});
export type TAttachEvidenceQuery = z.infer<typeof ZAttachEvidenceQuery>;

export const ZRemoveEvidenceQuery = z.strictObject({ version: evidenceBaseVersion });

export const ZAttachedEvidence = ZEvidence.extend({
  /** the report's version after the file was attached */
  reportVersion: z.number().int(),
});
export type TAttachedEvidence = z.infer<typeof ZAttachedEvidence>;

export const ZEvidenceParams = z.strictObject({ id: z.uuid(), evidenceId: z.uuid() });
