import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * One row per state change, written by the service that made the change, in its transaction.
 * Append-only: a trigger (migration audit_guards) refuses UPDATE, DELETE and TRUNCATE, and stamps
 * `occurred_at` and `tx_id` itself so no writer can back-date an event. No foreign keys: the log
 * must outlive anything it mentions.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    /** allocation order; a transaction that commits late leaves a lower id behind newer ones */
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** start of the writing transaction, like the changed row's own timestamps */
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    /** null for the anonymous actor and for failed sign-ins of unknown users */
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name').notNull(),
    actorRoles: text('actor_roles').array().notNull().default(sql`'{}'::text[]`),
    ip: text('ip'),
    requestId: text('request_id'),
    action: text('action').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id'),
    orgUnitId: uuid('org_unit_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    /**
     * Top-level transaction id of the writer. The sequencer only looks at events whose
     * transaction had not finished at its previous complete run, instead of every event.
     */
    txId: bigint('tx_id', { mode: 'number' }).notNull().default(sql`(pg_current_xact_id()::text)::bigint`),
  },
  (t) => [
    index('audit_events_occurred_idx').on(t.occurredAt, t.id),
    index('audit_events_actor_idx').on(t.actorUserId, t.occurredAt),
    index('audit_events_org_unit_idx').on(t.orgUnitId, t.occurredAt),
    index('audit_events_resource_idx').on(t.resourceType, t.resourceId, t.occurredAt),
    index('audit_events_tx_idx').on(t.txId),
  ],
);

/**
 * The hash chain over audit events, appended only by the sequencer (`chainPendingEvents`):
 * `hash = SHA-256(prev_hash || canonical event)`, one entry per event, in linking order.
 * Writers never touch it, so they never wait for each other. Append-only like the events.
 */
export const auditChain = pgTable(
  'audit_chain',
  {
    /** 1, 2, 3 … without gaps: a gap means an entry was removed */
    chainSeq: bigint('chain_seq', { mode: 'number' }).primaryKey(),
    /** no foreign key: an entry must survive its event's removal so that verification can name it */
    eventId: bigint('event_id', { mode: 'number' }).notNull().unique('audit_chain_event_unique'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('audit_chain_prev_hash_check', sql`${t.prevHash} ~ '^[0-9a-f]{64}$'`),
    check('audit_chain_hash_check', sql`${t.hash} ~ '^[0-9a-f]{64}$'`),
  ],
);

/**
 * Signed checkpoints of the chain head: `mac = HMAC-SHA256(AUDIT_HMAC_KEY, seq|head|time)`
 * (checkpoint.ts). The key lives outside the database, so whoever rewrites the events and
 * re-hashes the chain after them cannot sign the new head; the auditor also keeps exported copies
 * (GET /api/audit-checkpoints.json) outside the database, which catch a checkpoint removed here.
 * Append-only like the chain (migration audit_checkpoint_guards).
 */
export const auditCheckpoints = pgTable(
  'audit_checkpoints',
  {
    /** the chain entry the checkpoint seals up to, inclusive; one checkpoint per position */
    chainSeq: bigint('chain_seq', { mode: 'number' }).primaryKey(),
    headHash: text('head_hash').notNull(),
    /** milliseconds, as signed: the MAC covers its ISO text */
    signedAt: timestamp('signed_at', { withTimezone: true, precision: 3 }).notNull(),
    /** which key signed (a digest of it, not the key): tells a wrong key from a forged checkpoint */
    keyId: text('key_id').notNull(),
    mac: text('mac').notNull(),
  },
  (t) => [
    check('audit_checkpoints_head_hash_check', sql`${t.headHash} ~ '^[0-9a-f]{64}$'`),
    check('audit_checkpoints_mac_check', sql`${t.mac} ~ '^[0-9a-f]{64}$'`),
  ],
);

/**
 * Refusals (403, CSRF, locked or capped sign-ins) counted per actor, minute and kind. The audit
 * log is append-only, so a flood is collapsed here before it reaches the log: the first refusal
 * of a minute writes one `security.denied` event, the rest only add to `count` (security.ts).
 */
export const securityEventCounters = pgTable(
  'security_event_counters',
  {
    /** `user:<uuid>` when signed in, `ip:<address>` otherwise */
    actorKey: text('actor_key').notNull(),
    minute: timestamp('minute', { withTimezone: true }).notNull(),
    /** the problem code: forbidden, csrf_failed, account_locked, too_many_attempts */
    kind: text('kind').notNull(),
    count: integer('count').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.actorKey, t.minute, t.kind] }),
    index('security_event_counters_minute_idx').on(t.minute),
  ],
);
