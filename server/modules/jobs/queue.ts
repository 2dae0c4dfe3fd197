import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';
import type { JobDefinition } from './definitions';
import { jobs } from './tables';

export interface EnqueueOptions {
  /** not before this time (default: now) */
  runAt?: Date;
  /** a job with this key is created once, ever: later enqueues with the same key do nothing */
  dedupeKey?: string;
  /** overrides the definition's maxAttempts */
  maxAttempts?: number;
}

/**
 * Queues a job in the caller's transaction: it exists if and only if the caller's change
 * commits. The payload is checked against the definition's schema here, so a bad payload fails
 * the caller rather than the worker. Returns the new job's id, or null when `dedupeKey` was taken.
 */
export async function enqueueJob<S extends z.ZodType>(
  tx: Executor,
  job: JobDefinition<S>,
  payload: z.input<S>,
  options: EnqueueOptions = {},
): Promise<number | null> {
  const parsed = job.payload.parse(payload);
  const maxAttempts = options.maxAttempts ?? job.maxAttempts;
  const [row] = await tx
    .insert(jobs)
    .values({
      kind: job.kind,
      payload: parsed,
      ...(options.runAt && { runAt: options.runAt }),
      ...(maxAttempts !== undefined && { maxAttempts }),
      ...(options.dedupeKey !== undefined && { dedupeKey: options.dedupeKey }),
    })
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning({ id: jobs.id });
  return row?.id ?? null;
}

/**
 * Queues the current period's run of every scheduled definition, once across all instances (the
 * dedupe key names the kind and the period). Periods missed while no worker ran are not made up.
 * `now` stands in for the database clock (tests). Returns how many runs were queued.
 */
export async function enqueueScheduledJobs(
  db: Executor,
  definitions: readonly JobDefinition[],
  options: { now?: Date } = {},
): Promise<number> {
  let queued = 0;
  for (const definition of definitions) {
    if (!definition.schedule) continue;
    const everyMs = definition.schedule.everyMs;
    const now = options.now?.toISOString() ?? null;
    // the NOT EXISTS spares the identity sequence a value per call once the period's job exists
    const result = await db.execute(sql`
      with slot as (
        select to_timestamp(floor(extract(epoch from coalesce(${now}::timestamptz, now())) * 1000 / ${everyMs}::bigint)
          * ${everyMs}::bigint / 1000.0) as at
      ), keyed as (
        select at, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as iso from slot
      )
      insert into jobs (kind, payload, run_at, max_attempts, dedupe_key)
      select ${definition.kind}, jsonb_build_object('scheduledFor', iso), at, ${definition.maxAttempts ?? 5}::int,
        ${`schedule:${definition.kind}:`} || iso
      from keyed
      where not exists (select 1 from jobs j where j.dedupe_key = ${`schedule:${definition.kind}:`} || keyed.iso)
      on conflict (dedupe_key) do nothing
      returning id`);
    queued += rowsOf(result).length;
  }
  return queued;
}
