import { z } from 'zod';
import { id, isoDate, page } from './fields';

/** One audit event as the viewer shows it. */
export const ZAuditEvent = z.object({
  id: z.number().int(),
  occurredAt: z.string(),
  action: z.string(),
  /** Vietnamese label of the action */
  actionLabel: z.string(),
  actor: z.object({
    userId: z.string().nullable(),
    name: z.string(),
    roles: z.array(z.string()),
  }),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  resource: z.object({
    type: z.string(),
    id: z.string().nullable(),
  }),
  orgUnitId: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  /** position in the hash chain; null until sealed */
  chainSeq: z.number().int().nullable(),
  /** a refused request (security.denied): how many times that actor was refused so in that minute */
  occurrences: z.number().int().nullable(),
});
export type TAuditEvent = z.infer<typeof ZAuditEvent>;

export const ZAuditEventList = page(ZAuditEvent);
export type TAuditEventList = z.infer<typeof ZAuditEventList>;

/** Filters shared by the list and the XLSX export; dates are days in Vietnam, both inclusive. */
export const ZAuditEventFilters = z.strictObject({
  actor: id.optional(),
  orgUnit: id.optional(),
  resourceType: z.string().min(1).max(50).optional(),
  resourceId: z.string().min(1).max(200).optional(),
  action: z.string().min(1).max(100).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type TAuditEventFilters = z.infer<typeof ZAuditEventFilters>;

export const ZListAuditEventsQuery = ZAuditEventFilters.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
}).strict();
