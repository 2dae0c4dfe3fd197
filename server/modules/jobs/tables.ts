import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { inList } from '../../db/sql';

/** queued → running → done; running → queued again after a failure (back-off) or a lost lease; → failed. */
export const JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * The job queue, in the app's own database (no Redis in embedded mode). A job is inserted in the
 * transaction of the change that asks for it, so it exists if and only if that change committed;
 * workers of every app instance claim due jobs with `FOR UPDATE SKIP LOCKED` (worker.ts).
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** the definition's kind, e.g. "mail.send" */
    kind: text('kind').notNull(),
    /** checked against the definition's zod schema when enqueued and again when run */
    payload: jsonb('payload').notNull(),
    /** not before this time; moved forward by the back-off after a failure */
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    /** runs started so far (counted when a worker claims the job) */
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    status: text('status', { enum: JOB_STATUSES }).notNull().default('queued'),
    /** worker running it; with `attempts`, identifies the claim that may complete it */
    lockedBy: text('locked_by'),
    /** the lease: a running job whose worker has not finished by then is given to another */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    /** "enqueue once": a second job with the same key is not created, even after the first has run */
    dedupeKey: text('dedupe_key').unique('jobs_dedupe_key_unique'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** when it became done or failed */
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('jobs_status_run_at_idx').on(t.status, t.runAt),
    check('jobs_status_check', sql`${t.status} in ${inList(JOB_STATUSES)}`),
    check('jobs_max_attempts_check', sql`${t.maxAttempts} >= 1`),
  ],
);
