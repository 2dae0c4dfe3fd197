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

/** An in-app notification: a reminder, an escalation, a report returned or reopened. */
export const ZNotification = z.object({
  id: z.string(),
  /** e.g. report.due_soon, report.overdue, report.escalated, report.returned, report.reopened */
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** the page it is about, e.g. /bao-cao/<id> */
  link: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
});
export type TNotification = z.infer<typeof ZNotification>;

/** The latest notifications and how many of all of them are unread (the bell's count). */
export const ZNotificationList = z.object({ items: z.array(ZNotification), unread: z.number().int() });
export type TNotificationList = z.infer<typeof ZNotificationList>;
