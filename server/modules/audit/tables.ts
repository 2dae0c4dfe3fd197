import { sql } from 'drizzle-orm';
import { bigint, check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
