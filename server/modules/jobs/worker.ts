import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { inArray, sql } from 'drizzle-orm';
import { startBackgroundLoop } from '../../background-loop';
import type { Database, Executor, Transaction } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { type JobDefinition, type JobInfo, JobLeaseLostError } from './definitions';
import { enqueueScheduledJobs } from './queue';
import { jobDefinitions } from './registry';
import { jobs } from './tables';

/** How long a claim lasts: a running job whose worker has not finished by then is run again. */
export const DEFAULT_LEASE_MS = 5 * 60_000;
const RETRY_BASE_MS = 30_000;
const RETRY_CAP_MS = 60 * 60_000;
const MAX_ERROR_LENGTH = 2000;

/** A job claimed by a worker: it is `running`, leased to `workerId` until the lease ends. */
export interface ClaimedJob extends JobInfo {
  payload: unknown;
}

/** What became of one run. `lease_lost`: the job had been handed to another worker meanwhile. */
export type JobOutcome = 'done' | 'retry' | 'failed' | 'lease_lost';

export interface JobRunSummary {
  claimed: number;
  done: number;
  retried: number;
  failed: number;
  leaseLost: number;
}

/**
 * Pause before the next run after `attempts` runs have failed: 30 s, 1 min, 2 min … doubling,
 * at most 1 h, plus up to 10 % jitter so that jobs failing together do not retry together.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1), RETRY_CAP_MS);
  return Math.round(base * (1 + 0.1 * random()));
}

/** `hostname:pid:random`, unique per worker across instances. */
export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** `now` of the options, or the database's own clock; tests move time forward with it. */
const clock = (now: Date | undefined) => sql`coalesce(${now?.toISOString() ?? null}::timestamptz, now())`;

export interface ClaimOptions {
  workerId: string;
  /** most jobs claimed at once (default 10) */
  limit?: number;
  leaseMs?: number;
  /** kinds this worker can run (default: every registered kind) */
  kinds?: readonly string[];
  /** stands in for the database clock (tests) */
  now?: Date;
}

/**
 * Claims up to `limit` due jobs for `workerId`, oldest first: marks them running, counts the
 * attempt and sets the lease. `FOR UPDATE SKIP LOCKED` makes concurrent claimers, of this
 * instance or another, pass over each other's rows instead of waiting or taking them twice: a
 * row being claimed is skipped, and one claimed meanwhile no longer matches `status = 'queued'`
 * when re-checked under its lock. One statement, no explicit transaction (PGlite-friendly).
 */
export async function claimJobs(db: Executor, options: ClaimOptions): Promise<ClaimedJob[]> {
  const kinds = options.kinds ?? jobDefinitions.map((d) => d.kind);
  if (kinds.length === 0) return [];
  const now = clock(options.now);
  const rows = rowsOf<{ id: string; kind: string; payload: unknown; attempts: number; max_attempts: number }>(
    await db.execute(sql`
      with next as materialized (
        select id from jobs
        where status = 'queued' and run_at <= ${now} and ${inArray(jobs.kind, [...kinds])}
        order by run_at, id
        limit ${options.limit ?? 10}::int
        for update skip locked
      )
      update jobs j set status = 'running', attempts = j.attempts + 1, locked_by = ${options.workerId},
        locked_until = ${now} + ${options.leaseMs ?? DEFAULT_LEASE_MS}::int * interval '1 millisecond'
      from next where j.id = next.id
      returning j.id::text as id, j.kind, j.payload, j.attempts, j.max_attempts`),
  );
  return rows
    .map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      payload: r.payload,
      attempts: Number(r.attempts),
      maxAttempts: Number(r.max_attempts),
      workerId: options.workerId,
    }))
    .sort((a, b) => a.id - b.id);
}

/**
 * Running jobs whose lease has ended (their worker crashed, was stopped, or is stuck) go back to
 * the queue, due at once; those that had used their last attempt are marked failed instead.
 * Returns how many were reclaimed.
 */
export async function reclaimExpiredJobs(db: Executor, options: { now?: Date } = {}): Promise<number> {
  const now = clock(options.now);
  const result = await db.execute(sql`
    update jobs set
      status = case when attempts >= max_attempts then 'failed' else 'queued' end,
      run_at = case when attempts >= max_attempts then run_at else ${now} end,
      finished_at = case when attempts >= max_attempts then now() end,
      last_error = 'lease expired: worker ' || coalesce(locked_by, '?') || ' did not finish attempt ' || attempts,
      locked_by = null, locked_until = null
    where id in (
      -- rows another worker is completing or reclaiming right now are left to it: no waits, no deadlocks
      select id from jobs where status = 'running' and locked_until < ${now} for update skip locked
    ) and status = 'running'
    returning id`);
  return rowsOf(result).length;
}

/** Matches the row only while it is still this claim's: same worker, same attempt, still running. */
const stillOurs = (job: ClaimedJob) =>
  sql`id = ${job.id} and status = 'running' and locked_by = ${job.workerId} and attempts = ${job.attempts}::int`;

async function markDone(db: Executor, job: ClaimedJob): Promise<boolean> {
  const result = await db.execute(sql`
    update jobs set status = 'done', finished_at = now(), locked_by = null, locked_until = null
    where ${stillOurs(job)} returning id`);
  return rowsOf(result).length === 1;
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

/** After a failed run: back to the queue after the back-off, or failed if no attempt is left. */
async function markFailure(
  db: Executor,
  job: ClaimedJob,
  error: unknown,
  options: { now?: Date; permanent?: boolean },
): Promise<JobOutcome> {
  const last = options.permanent || job.attempts >= job.maxAttempts;
  const result = last
    ? await db.execute(sql`
        update jobs set status = 'failed', finished_at = now(), last_error = ${errorText(error)},
          locked_by = null, locked_until = null
        where ${stillOurs(job)} returning id`)
    : await db.execute(sql`
        update jobs set status = 'queued', last_error = ${errorText(error)}, locked_by = null, locked_until = null,
          run_at = ${clock(options.now)} + ${retryDelayMs(job.attempts)}::int * interval '1 millisecond'
        where ${stillOurs(job)} returning id`);
  if (rowsOf(result).length === 0) return 'lease_lost';
  return last ? 'failed' : 'retry';
}

export interface RunJobOptions {
  /** default: every registered definition */
  definitions?: readonly JobDefinition[];
  /** stands in for the database clock when scheduling a retry (tests) */
  now?: Date;
  /** told of each failed run (the error is also kept in `jobs.last_error`) */
  onError?: (error: unknown, job: JobInfo) => void;
}

/**
 * Runs one claimed job's handler and records the outcome, only if the claim is still ours: a run
 * whose lease was lost changes nothing, so each job is completed (or failed) exactly once.
 */
export async function runClaimedJob(
  db: Database,
  job: ClaimedJob,
  options: RunJobOptions = {},
): Promise<JobOutcome> {
  const definition = (options.definitions ?? jobDefinitions).find((d) => d.kind === job.kind);
  const info: JobInfo = {
    id: job.id,
    kind: job.kind,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    workerId: job.workerId,
  };
  if (!definition) {
    const error = new Error(`no definition for job kind ${job.kind}`);
    options.onError?.(error, info);
    return markFailure(db, job, error, { now: options.now });
  }
  const parsed = definition.payload.safeParse(job.payload);
  if (!parsed.success) {
    // a payload that does not fit will never fit: no retry
    options.onError?.(parsed.error, info);
    return markFailure(db, job, parsed.error, { now: options.now, permanent: true });
  }
  let completed = false;
  const completeWith = async <T>(fn: (tx: Transaction) => Promise<T>): Promise<T> => {
    if (completed) throw new Error(`job ${job.id}: completeWith may be called once`);
    const result = await db.transaction(async (tx) => {
      // the job row first: a reclaim passes over it while locked, and a lost lease writes nothing
      if (!(await markDone(tx, job))) throw new JobLeaseLostError(job.id, job.workerId);
      return fn(tx);
    });
    completed = true;
    return result;
  };
  try {
    await definition.handler({ db, job: info, completeWith }, parsed.data);
  } catch (error) {
    if (completed) {
      // its work committed with the completion: what failed after that is only reported
      options.onError?.(error, info);
      return 'done';
    }
    if (error instanceof JobLeaseLostError) return 'lease_lost';
    options.onError?.(error, info);
    return markFailure(db, job, error, { now: options.now });
  }
  if (completed) return 'done';
  return (await markDone(db, job)) ? 'done' : 'lease_lost';
}

export interface RunBatchOptions extends RunJobOptions {
  workerId?: string;
  /** jobs claimed and run together (default 10) */
  limit?: number;
  leaseMs?: number;
}

/** One round of a worker: reclaim expired leases, claim a batch, run its jobs side by side. */
export async function runJobBatch(db: Database, options: RunBatchOptions = {}): Promise<JobRunSummary> {
  const definitions = options.definitions ?? jobDefinitions;
  await reclaimExpiredJobs(db, { now: options.now });
  const claimed = await claimJobs(db, {
    workerId: options.workerId ?? newWorkerId(),
    limit: options.limit,
    leaseMs: options.leaseMs,
    kinds: definitions.map((d) => d.kind),
    now: options.now,
  });
  const settled = await Promise.allSettled(
    claimed.map((job) => runClaimedJob(db, job, { ...options, definitions })),
  );
  const summary: JobRunSummary = { claimed: claimed.length, done: 0, retried: 0, failed: 0, leaseLost: 0 };
  for (const result of settled) {
    // recording an outcome failed (database unreachable): the lease will bring the job back
    if (result.status === 'rejected') throw result.reason;
    if (result.value === 'done') summary.done++;
    else if (result.value === 'retry') summary.retried++;
    else if (result.value === 'failed') summary.failed++;
    else summary.leaseLost++;
  }
  return summary;
}

/**
 * Runs every job that is due, batch after batch, until none is left; what a handler enqueues
 * for now runs too. Tests call it to run jobs inline; `now` moves the clock forward (to reach
 * a retry's back-off or a lease's end). Scheduled definitions are not enqueued here: call
 * `enqueueScheduledJobs` first to test them.
 */
export async function runDueJobs(db: Database, options: RunBatchOptions = {}): Promise<JobRunSummary> {
  const total: JobRunSummary = { claimed: 0, done: 0, retried: 0, failed: 0, leaseLost: 0 };
  const workerId = options.workerId ?? newWorkerId();
  for (;;) {
    const batch = await runJobBatch(db, { ...options, workerId });
    if (batch.claimed === 0) return total;
    total.claimed += batch.claimed;
    total.done += batch.done;
    total.retried += batch.retried;
    total.failed += batch.failed;
    total.leaseLost += batch.leaseLost;
  }
}

export interface JobWorkerOptions {
  /** pause between polls when the queue is empty (default 1 s) */
  intervalMs?: number;
  workerId?: string;
  limit?: number;
  leaseMs?: number;
  definitions?: readonly JobDefinition[];
  /** a failed poll (job undefined) or a failed run of a job; polling goes on */
  onError?: (error: unknown, job?: JobInfo) => void;
}

/**
 * Polls the queue in the background until the returned function is called; that function
 * resolves once the batch in progress, if any, has finished. Polls again at once while batches
 * come back full. Also enqueues the current period of each scheduled definition.
 */
export function startJobWorker(db: Database, options: JobWorkerOptions = {}): () => Promise<void> {
  const intervalMs = options.intervalMs ?? 1000;
  const limit = options.limit ?? 10;
  const definitions = options.definitions ?? jobDefinitions;
  const workerId = options.workerId ?? newWorkerId();
  const onError =
    options.onError ??
    ((error: unknown, job?: JobInfo) =>
      console.error(
        `Hàng đợi công việc gặp lỗi (job worker)${job ? ` — ${job.kind} #${job.id}` : ''}:`,
        error,
      ));
  return startBackgroundLoop({
    name: 'Hàng đợi công việc (job worker)',
    intervalMs,
    firstDelayMs: 0,
    onError,
    run: async () => {
      await enqueueScheduledJobs(db, definitions);
      const batch = await runJobBatch(db, {
        workerId,
        limit,
        leaseMs: options.leaseMs,
        definitions,
        onError,
      });
      return batch.claimed === limit ? 0 : intervalMs;
    },
  });
}
