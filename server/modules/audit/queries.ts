import { and, count, desc, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { auditChain, auditEvents, securityEventCounters } from './tables';

export interface ListAuditEventsOptions {
  actorUserId?: string;
  orgUnitId?: string;
  resourceType?: string;
  resourceId?: string;
  action?: string;
  /** inclusive */
  from?: Date;
  /** exclusive */
  to?: Date;
  /** only events about these units (a reader's scope); absent = every event */
  orgUnitIds?: readonly string[];
  /** 1-based */
  page: number;
  pageSize: number;
}

export interface AuditEvent {
  id: number;
  occurredAt: string;
  actorUserId: string | null;
  actorName: string;
  actorRoles: string[];
  ip: string | null;
  requestId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  orgUnitId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** position in the hash chain; null until the sequencer has sealed the event */
  chainSeq: number | null;
  /** security.denied: refusals of that actor, kind and minute, this first one included */
  occurrences: number | null;
}

export interface AuditEventList {
  items: AuditEvent[];
  total: number;
}

/** Events matching every given filter, newest first. Authorization (whose events) is the caller's. */
export async function listAuditEvents(
  db: Executor,
  options: ListAuditEventsOptions,
): Promise<AuditEventList> {
  const e = auditEvents;
  const conditions: (SQL | undefined)[] = [
    options.actorUserId ? eq(e.actorUserId, options.actorUserId) : undefined,
    options.orgUnitId ? eq(e.orgUnitId, options.orgUnitId) : undefined,
    options.resourceType ? eq(e.resourceType, options.resourceType) : undefined,
    options.resourceId ? eq(e.resourceId, options.resourceId) : undefined,
    options.action ? eq(e.action, options.action) : undefined,
    options.from ? gte(e.occurredAt, options.from) : undefined,
    options.to ? lt(e.occurredAt, options.to) : undefined,
    options.orgUnitIds === undefined
      ? undefined
      : options.orgUnitIds.length
        ? inArray(e.orgUnitId, [...options.orgUnitIds])
        : sql`false`,
  ];
  const where = and(...conditions);
  const [rows, [totalRow]] = await Promise.all([
    db
      .select({
        id: e.id,
        occurredAt: e.occurredAt,
        actorUserId: e.actorUserId,
        actorName: e.actorName,
        actorRoles: e.actorRoles,
        ip: e.ip,
        requestId: e.requestId,
        action: e.action,
        resourceType: e.resourceType,
        resourceId: e.resourceId,
        orgUnitId: e.orgUnitId,
        before: e.before,
        after: e.after,
        chainSeq: auditChain.chainSeq,
        occurrences: securityEventCounters.count,
      })
      .from(e)
      .leftJoin(auditChain, eq(auditChain.eventId, e.id))
      .leftJoin(
        securityEventCounters,
        and(
          eq(e.action, 'security.denied'),
          eq(securityEventCounters.actorKey, sql`${e.after}->>'actorKey'`),
          eq(securityEventCounters.minute, sql`(${e.after}->>'minute')::timestamptz`),
          eq(securityEventCounters.kind, sql`${e.after}->>'kind'`),
        ),
      )
      .where(where)
      .orderBy(desc(e.occurredAt), desc(e.id))
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize),
    db.select({ total: count() }).from(e).where(where),
  ]);
  return {
    items: rows.map((row) => ({
      ...row,
      id: Number(row.id),
      occurredAt: new Date(row.occurredAt).toISOString(),
      before: row.before as Record<string, unknown> | null,
      after: row.after as Record<string, unknown> | null,
      chainSeq: row.chainSeq === null ? null : Number(row.chainSeq),
      occurrences: row.occurrences === null ? null : Number(row.occurrences),
    })),
    total: Number(totalRow?.total ?? 0),
  };
}
