import type { Executor } from '../../db/client';
import type { Actor } from '../../policy';
import { type AuditAction, type AuditEventInput, ZAuditEventInput } from './events';
import { auditEvents } from './tables';

export type { AuditEventInput } from './events';

/**
 * Appends one event in the caller's transaction, so the event and the change it records are
 * committed or rolled back together. Only an INSERT: no lock, no read of the chain, so writers
 * never wait for each other; the sequencer seals the event after commit. The database stamps
 * the time. A malformed event is a programming error and fails the whole transaction.
 */
export async function recordAuditEvent(tx: Executor, event: AuditEventInput): Promise<void> {
  const parsed = ZAuditEventInput.safeParse(event);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid audit event ${JSON.stringify(event.action)}: ${issues}`);
  }
  const { action, actor, resource, before, after } = parsed.data;
  await tx.insert(auditEvents).values({
    action,
    actorUserId: actor.userId,
    actorName: actor.name,
    actorRoles: actor.roles,
    ip: actor.ip ?? null,
    requestId: actor.requestId ?? null,
    resourceType: resource.type,
    resourceId: resource.id,
    orgUnitId: resource.orgUnitId ?? null,
    before: before ?? null,
    after: after ?? null,
  });
}

/** Records a change made by a request's actor (server/policy `Actor`). */
export function auditChange(
  tx: Executor,
  actor: Actor,
  action: AuditAction,
  resource: { type: string; id: string | null; orgUnitId?: string | null },
  change: { before?: Record<string, unknown> | null; after?: Record<string, unknown> | null } = {},
): Promise<void> {
  return recordAuditEvent(tx, {
    action,
    actor: {
      userId: actor.userId,
      name: actor.name,
      roles: [...new Set(actor.assignments.map((a) => a.role))],
      ip: actor.ip,
      requestId: actor.requestId,
    },
    resource,
    before: change.before ?? null,
    after: change.after ?? null,
  });
}

export const ARCHIVED = { before: { archived: false }, after: { archived: true } } as const;
export const RESTORED = { before: { archived: true }, after: { archived: false } } as const;
