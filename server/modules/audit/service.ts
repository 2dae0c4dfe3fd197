import type { Executor } from '../../db/client';
import type { Actor } from '../../policy';
import { type AuditAction, type AuditEventInput, ZAuditEventInput } from './events';
import { auditEvents } from './tables';

export type { AuditEventInput } from './events';

/** What is written for one event: the validated input, as the table's row. */
function auditRow(event: AuditEventInput) {
  const parsed = ZAuditEventInput.safeParse(event);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid audit event ${JSON.stringify(event.action)}: ${issues}`);
  }
  const { action, actor, resource, before, after } = parsed.data;
  return {
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
  };
}

/** Rows per INSERT when many events are written at once (well under the bind-parameter limit). */
const BATCH = 500;

/**
 * Appends events in the caller's transaction, so the events and the change they record are
 * committed or rolled back together. Only INSERTs: no lock, no read of the chain, so writers
 * never wait for each other; the sequencer seals the events after commit. The database stamps
 * the time. A malformed event is a programming error and fails the whole transaction.
 */
export async function recordAuditEvents(tx: Executor, events: AuditEventInput[]): Promise<void> {
  const rows = events.map(auditRow);
  for (let i = 0; i < rows.length; i += BATCH) await tx.insert(auditEvents).values(rows.slice(i, i + BATCH));
}

/** Appends one event in the caller's transaction (see recordAuditEvents). */
export function recordAuditEvent(tx: Executor, event: AuditEventInput): Promise<void> {
  return recordAuditEvents(tx, [event]);
}

type AuditResource = { type: string; id: string | null; orgUnitId?: string | null };
type AuditChange = { before?: Record<string, unknown> | null; after?: Record<string, unknown> | null };

/**
 * Records changes made by a request's actor (server/policy `Actor`), one event each, in batches:
 * a thousand single-row inserts cost seconds of a large import.
 */
export function auditChanges(
  tx: Executor,
  actor: Actor,
  action: AuditAction,
  changes: (AuditChange & { resource: AuditResource })[],
): Promise<void> {
  const who = {
    userId: actor.userId,
    name: actor.name,
    roles: [...new Set(actor.assignments.map((a) => a.role))],
    ip: actor.ip,
    requestId: actor.requestId,
  };
  return recordAuditEvents(
    tx,
    changes.map((change) => ({
      action,
      actor: who,
      resource: change.resource,
      before: change.before ?? null,
      after: change.after ?? null,
    })),
  );
}

/** Records a change made by a request's actor (server/policy `Actor`). */
export function auditChange(
  tx: Executor,
  actor: Actor,
  action: AuditAction,
  resource: AuditResource,
  change: AuditChange = {},
): Promise<void> {
  return auditChanges(tx, actor, action, [{ resource, ...change }]);
}

export const ARCHIVED = { before: { archived: false }, after: { archived: true } } as const;
export const RESTORED = { before: { archived: true }, after: { archived: false } } as const;
