import { z } from 'zod';
import { REPORT_STATUSES } from '../enums';
import { ZOrgUnitRef } from './fields';
import { TIMELINESS } from './rounds';

export const ZInboxItem = z.object({
  reportId: z.string(),
  round: z.object({ id: z.string(), title: z.string(), period: z.string() }),
  orgUnit: ZOrgUnitRef,
  status: z.enum(REPORT_STATUSES),
  dueDate: z.string(),
  timeliness: z.enum(TIMELINESS),
  daysLate: z.number().int().nullable(),
  updatedAt: z.string(),
});
export type TInboxItem = z.infer<typeof ZInboxItem>;

/** "My work": what waits for the signed-in user, by what they must do, most urgent first. */
export const ZInbox = z.object({
  /** drafts of the units the user reports for */
  toFill: z.array(ZInboxItem),
  /** returned for correction */
  returned: z.array(ZInboxItem),
  /** submitted, waiting for the head of unit */
  toApprove: z.array(ZInboxItem),
  /** approved, waiting for the secretariat */
  toReview: z.array(ZInboxItem),
});
export type TInbox = z.infer<typeof ZInbox>;
