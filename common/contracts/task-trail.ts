import { z } from 'zod';
import { REPORT_ACTIONS, REPORT_STATUSES, ROUND_STATUSES, TASK_ROLES, TIMELINESS } from '../enums';
import { ZOrgUnitRef } from './fields';

/** A file attached to a report: downloaded through GET /api/reports/:reportId/evidence/:id. */
export const ZTrailEvidence = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  /** attached to this task (true) or to the report as a whole (false) */
  forTask: z.boolean(),
  uploadedAt: z.string(),
});
export type TTrailEvidence = z.infer<typeof ZTrailEvidence>;

/** One step of the report's workflow: who sent, approved, accepted, returned or reopened it, when, why. */
export const ZTrailStep = z.object({
  action: z.enum(REPORT_ACTIONS),
  /** display name; null when the account is gone */
  by: z.string().nullable(),
  at: z.string(),
  /** the reason of a return or a reopening */
  reason: z.string().nullable(),
});
export type TTrailStep = z.infer<typeof ZTrailStep>;

/** What one unit reported of the task in one round. */
export const ZTrailEntry = z.object({
  reportId: z.string(),
  round: z.object({
    id: z.string(),
    title: z.string(),
    period: z.string(),
    status: z.enum(ROUND_STATUSES),
  }),
  orgUnit: ZOrgUnitRef,
  role: z.enum(TASK_ROLES),
  status: z.enum(REPORT_STATUSES),
  dueDate: z.string(),
  timeliness: z.enum(TIMELINESS),
  progress: z.number().int().nullable(),
  results: z.string().nullable(),
  obstacles: z.string().nullable(),
  proposals: z.string().nullable(),
  links: z.array(z.string()),
  evidence: z.array(ZTrailEvidence),
  steps: z.array(ZTrailStep),
});
export type TTrailEntry = z.infer<typeof ZTrailEntry>;

/**
 * A task's trail: the reports that speak of it, newest round first, the lead's entry before the
 * co-operators' in a round. Only the reports the caller may read are listed.
 */
export const ZTaskTrail = z.object({
  itemId: z.string(),
  entries: z.array(ZTrailEntry),
});
export type TTaskTrail = z.infer<typeof ZTaskTrail>;
