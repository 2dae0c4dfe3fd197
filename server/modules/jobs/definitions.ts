import { z } from 'zod';
import type { Database, Transaction } from '../../db/client';

/** The job a handler is running: one claim of one row of `jobs`. */
export interface JobInfo {
  id: number;
  kind: string;
  /** runs started so far, this one included (1 on the first run) */
  attempts: number;
  maxAttempts: number;
  /** the worker that claimed it */
  workerId: string;
}

export interface JobContext {
  db: Database;
  job: JobInfo;
  /**
   * Runs `fn` in a transaction that also marks the job done: its writes commit if and only if this
   * run completes the job. When the lease was lost meanwhile (the job was handed to another worker)
   * nothing is written and the run ends without effect. Handlers whose effects are all in the
   * database use it to have them exactly once; without it a handler runs at least once.
   */
  completeWith<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
}

/** A kind of job: its name, the zod schema of its payload, the handler, and an optional schedule. */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  /** "module.verb", unique in the app, stored in `jobs.kind` */
  kind: string;
  payload: S;
  /** method syntax on purpose: a list of definitions of different payloads is a JobDefinition[] */
  handler(ctx: JobContext, payload: z.output<S>): Promise<void>;
  /** runs before the job is marked failed (default 5) */
  maxAttempts?: number;
  /** repeat: one job per period of this length, enqueued by the workers (see enqueueScheduledJobs) */
  schedule?: { everyMs: number };
}

/** What the handler of a scheduled job is given. */
export const ZScheduledPayload = z.object({
  /** start of the period this run is for, ISO 8601 */
  scheduledFor: z.string(),
});

const KIND = /^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)+$/;

/** A typed job definition: the handler's payload type is the schema's output. */
export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  if (!KIND.test(definition.kind))
    throw new Error(`job kind must look like "module.verb": ${definition.kind}`);
  if (definition.maxAttempts !== undefined && !(definition.maxAttempts >= 1)) {
    throw new Error(`maxAttempts of ${definition.kind} must be at least 1`);
  }
  if (definition.schedule && !(definition.schedule.everyMs >= 1000)) {
    throw new Error(`the schedule of ${definition.kind} must be at least a second`);
  }
  return definition;
}

/**
 * A job that runs once per period of `everyMs` (aligned on the Unix epoch, so every instance
 * agrees): workers enqueue the current period's run with a dedupe key, so it runs once in all.
 */
export function defineScheduledJob(definition: {
  kind: string;
  everyMs: number;
  handler: (ctx: JobContext, payload: z.output<typeof ZScheduledPayload>) => Promise<void>;
  maxAttempts?: number;
}): JobDefinition<typeof ZScheduledPayload> {
  return defineJob({
    kind: definition.kind,
    payload: ZScheduledPayload,
    handler: definition.handler,
    maxAttempts: definition.maxAttempts,
    schedule: { everyMs: definition.everyMs },
  });
}

/** Thrown by `completeWith` when the job was reclaimed by another worker before this run finished. */
export class JobLeaseLostError extends Error {
  constructor(jobId: number, workerId: string) {
    super(`job ${jobId}: worker ${workerId} lost its lease; another worker has the job`);
    this.name = 'JobLeaseLostError';
  }
}
