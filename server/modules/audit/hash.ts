import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';

/** `prev_hash` of the first chain entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an event the chain seals, each as text that PostgreSQL renders the same way everywhere. */
export interface SealedEvent {
  id: string;
  occurredAt: string;
  actorUserId: string | null;
  actorName: string;
  /** JSON array text */
  actorRoles: string;
  ip: string | null;
  requestId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  orgUnitId: string | null;
  /** jsonb text: keys sorted and spacing fixed by PostgreSQL, numbers exactly as stored */
  before: string | null;
  after: string | null;
}

/**
 * Columns of `audit_events e` as a SealedEvent. The time is UTC with microseconds whatever the
 * session's zone; JSON goes through jsonb's canonical text so the driver never re-parses numbers.
 */
export const sealedEventColumns = sql.raw(`e.id::text as "id",
  to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "occurredAt",
  e.actor_user_id::text as "actorUserId",
  e.actor_name as "actorName",
  to_json(e.actor_roles)::text as "actorRoles",
  e.ip as "ip",
  e.request_id as "requestId",
  e.action as "action",
  e.resource_type as "resourceType",
  e.resource_id as "resourceId",
  e.org_unit_id::text as "orgUnitId",
  e.before::text as "before",
  e.after::text as "after"`);

/** One line of JSON over strings and nulls only, in a fixed order: deterministic by construction. */
export function canonicalEvent(e: SealedEvent): string {
  return JSON.stringify([
    'audit-v1',
    e.id,
    e.occurredAt,
    e.actorUserId,
    e.actorName,
    e.actorRoles,
    e.ip,
    e.requestId,
    e.action,
    e.resourceType,
    e.resourceId,
    e.orgUnitId,
    e.before,
    e.after,
  ]);
}

export function chainHash(prevHash: string, event: SealedEvent): string {
  return createHash('sha256')
    .update(prevHash + canonicalEvent(event), 'utf8')
    .digest('hex');
}
