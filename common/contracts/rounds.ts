import { z } from 'zod';
import { REPORT_STATUSES, ROUND_KINDS, ROUND_STATUSES, TIMELINESS } from '../enums';
import { LIMITS } from '../limits';
import { ZPeriodId } from '../periods';
import { id, isoDate, optionalText, page, queryList, requiredText, ZOrgUnitRef, ZPageQuery } from './fields';

// in enums.ts, which the web app imports without the schemas (and zod) of this file
export { TIMELINESS, type Timeliness } from '../enums';

export const ZCompleteness = z.object({
  expected: z.number().int(),
  submitted: z.number().int(),
  approved: z.number().int(),
  accepted: z.number().int(),
  returned: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  overdue: z.number().int(),
  missing: z.number().int(),
});
export type TCompleteness = z.infer<typeof ZCompleteness>;

/** What the caller may do with a round now (the web shows only these buttons). */
export const ROUND_ACTIONS = ['close', 'reopen'] as const;
export type RoundAction = (typeof ROUND_ACTIONS)[number];

export const ZRound = z.object({
  id: z.string(),
  planId: z.string(),
  period: z.string(),
  kind: z.enum(ROUND_KINDS),
  title: z.string(),
  cutoffEnd: z.string(),
  dueDate: z.string(),
  graceDays: z.number().int(),
  status: z.enum(ROUND_STATUSES),
  openedAt: z.string(),
  completeness: ZCompleteness,
  actions: z.array(z.enum(ROUND_ACTIONS)),
  version: z.number().int(),
});
export type TRound = z.infer<typeof ZRound>;
export const ZRoundList = page(ZRound);
export type TRoundList = z.infer<typeof ZRoundList>;

export const ZListRoundsQuery = ZPageQuery.extend({
  planId: id.optional(),
  status: z.enum(ROUND_STATUSES).optional(),
}).strict();

export const ZOpenRoundRequest = z.strictObject({
  planId: id,
  period: ZPeriodId,
  kind: z.enum(ROUND_KINDS).default('periodic'),
  title: optionalText(LIMITS.titleLength),
  /** default: the plan's schedule for the period type (or 5 working days after the data cut-off) */
  dueDate: isoDate.optional(),
  graceDays: z.number().int().min(0).max(60).optional(),
});
export type TOpenRoundRequest = z.infer<typeof ZOpenRoundRequest>;

/**
 * Closing a round: unsent reports can no longer be sent (they stay counted as missing); reports
 * already sent may still be reviewed. Based on the version the secretariat looked at.
 */
export const ZCloseRoundRequest = z.strictObject({
  version: z.number().int().min(1),
  reason: optionalText(LIMITS.textLength),
});
export type TCloseRoundRequest = z.infer<typeof ZCloseRoundRequest>;

/**
 * Reopening a closed round (closed by mistake, or to let late units send): unsent reports can be
 * changed and sent again. Undoing a close needs a reason, kept in the audit log.
 */
export const ZReopenRoundRequest = z.strictObject({
  version: z.number().int().min(1),
  reason: requiredText(LIMITS.textLength),
});
export type TReopenRoundRequest = z.infer<typeof ZReopenRoundRequest>;

export const ZRoundReport = z.object({
  reportId: z.string(),
  orgUnit: ZOrgUnitRef,
  status: z.enum(REPORT_STATUSES),
  dueDate: z.string(),
  firstSubmittedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  timeliness: z.enum(TIMELINESS),
  /** calendar days after the due date (submitted late, or still missing) */
  daysLate: z.number().int().nullable(),
  itemCount: z.number().int(),
});
export type TRoundReport = z.infer<typeof ZRoundReport>;
export const ZRoundReportList = page(ZRoundReport);

export const ZListRoundReportsQuery = ZPageQuery.extend({
  status: queryList(REPORT_STATUSES).optional(),
  timeliness: queryList(TIMELINESS).optional(),
  q: z.string().max(LIMITS.searchLength).optional(),
}).strict();

/**
 * A unit's reporting record across rounds: each of its reports (newest round first) with the
 * round it belongs to and how it was sent, and the counts over all of them.
 */
export const ZReportHistoryQuery = z.strictObject({ orgUnitId: id });

export const ZReportHistoryItem = ZRoundReport.omit({ orgUnit: true, itemCount: true }).extend({
  round: z.object({
    id: z.string(),
    title: z.string(),
    period: z.string(),
    kind: z.enum(ROUND_KINDS),
    status: z.enum(ROUND_STATUSES),
  }),
});
export type TReportHistoryItem = z.infer<typeof ZReportHistoryItem>;

export const ZReportHistory = z.object({
  orgUnit: ZOrgUnitRef,
  /** over every round the unit had to report in */
  summary: ZCompleteness,
  items: z.array(ZReportHistoryItem),
});
export type TReportHistory = z.infer<typeof ZReportHistory>;

export const ZRoundSchedule = z.strictObject({
  planId: id,
  /** Decree 09 period type */
  periodType: z.enum(['month', 'quarter', 'half_year', 'nine_months', 'year']),
  /** due this many working days after the data cut-off */
  dueWorkingDays: z.number().int().min(0).max(60),
  graceDays: z.number().int().min(0).max(60),
  active: z.boolean(),
});
export type TRoundSchedule = z.infer<typeof ZRoundSchedule>;
export const ZRoundScheduleList = z.object({ items: z.array(ZRoundSchedule) });
export const ZRoundScheduleQuery = z.strictObject({ planId: id });
