import { eq, sql, TransactionRollbackError } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { Database } from '../../db/client';
import * as schema from '../../db/schema';
import { rowsOf } from '../../db/sql';
import { createTestContext, type TestContext } from '../../test/context';
import { defineJob, defineScheduledJob } from './definitions';
import { enqueueJob, enqueueScheduledJobs } from './queue';
import { jobs } from './tables';
import { claimJobs, retryDelayMs, runClaimedJob, runDueJobs, startJobWorker } from './worker';

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
let ctx: TestContext;

/** ids of the jobs whose handler ran, one entry per run */
let calls: number[] = [];
/** runs of effectJob's handler, whether or not its effect committed */
let effectRuns = 0;

const echoJob = defineJob({
  kind: 'test.echo',
  payload: z.object({ n: z.number().int() }),
  async handler({ job }) {
    calls.push(job.id);
  },
});

const failingJob = defineJob({
  kind: 'test.fail',
  payload: z.object({}),
  maxAttempts: 3,
  async handler({ job }) {
    calls.push(job.id);
    throw new Error(`hỏng lần ${job.attempts}`);
  },
});

/** writes its effect in the transaction that completes the job: exactly once, however often it runs */
const effectJob = defineJob({
  kind: 'test.effect',
  payload: z.object({ label: z.string() }),
  async handler({ job, completeWith }, payload) {
    effectRuns++;
    await completeWith((tx) =>
      tx.execute(sql`insert into test_effects (job_id, label) values (${job.id}, ${payload.label})`),
    );
  },
});

const scheduledRuns: string[] = [];
const hourlyJob = defineScheduledJob({
  kind: 'test.hourly',
  everyMs: 60 * 60_000,
  async handler(_ctx, { scheduledFor }) {
    scheduledRuns.push(scheduledFor);
  },
});

const definitions = [echoJob, failingJob, effectJob, hourlyJob];

beforeAll(async () => {
  ctx = await createTestContext({ empty: true });
  await ctx.db.execute(sql`create table test_effects (job_id bigint not null, label text not null)`);
});

afterAll(async () => {
  await ctx?.close();
});

beforeEach(async () => {
  await ctx.db.execute(sql`delete from jobs`);
  await ctx.db.execute(sql`delete from test_effects`);
  calls = [];
  effectRuns = 0;
});

async function jobRow(id: number) {
  const [row] = await ctx.db.select().from(jobs).where(eq(jobs.id, id));
  return row!;
}

async function jobCount(): Promise<number> {
  return ctx.db.$count(jobs);
}

const later = (ms: number, from = new Date()) => new Date(from.getTime() + ms);
const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe('enqueueJob', () => {
  it('creates the job only when the caller’s transaction commits', async () => {
    await expect(
      ctx.db.transaction(async (tx) => {
        await enqueueJob(tx, echoJob, { n: 1 });
        tx.rollback();
      }),
    ).rejects.toBeInstanceOf(TransactionRollbackError);
    expect(await jobCount()).toBe(0);

    const id = await ctx.db.transaction((tx) => enqueueJob(tx, echoJob, { n: 2 }));
    expect(id).toEqual(expect.any(Number));
    const row = await jobRow(id!);
    expect(row).toMatchObject({ kind: 'test.echo', payload: { n: 2 }, status: 'queued', attempts: 0 });
    expect(row.maxAttempts).toBe(5);
  });

  it('refuses a payload that does not fit the definition, in the caller', async () => {
    await expect(
      ctx.db.transaction((tx) => enqueueJob(tx, echoJob, { n: 'một' } as unknown as { n: number })),
    ).rejects.toThrow(z.ZodError);
    expect(await jobCount()).toBe(0);
  });

  it('enqueues once per dedupe key, even after the first job has run', async () => {
    const key = 'remind:unit-1:round-7:due';
    const first = await enqueueJob(ctx.db, echoJob, { n: 1 }, { dedupeKey: key });
    expect(await enqueueJob(ctx.db, echoJob, { n: 2 }, { dedupeKey: key })).toBeNull();
    await runDueJobs(ctx.db, { definitions });
    expect(await enqueueJob(ctx.db, echoJob, { n: 3 }, { dedupeKey: key })).toBeNull();
    // no key: no deduplication
    await enqueueJob(ctx.db, echoJob, { n: 4 });
    await enqueueJob(ctx.db, echoJob, { n: 4 });
    expect(await jobCount()).toBe(3);
    expect(calls).toEqual([first]);
    expect((await jobRow(first!)).payload).toEqual({ n: 1 });
  });
});

describe('runDueJobs', () => {
  it('runs a due job once and leaves a future one until its time', async () => {
    const due = await enqueueJob(ctx.db, echoJob, { n: 1 });
    const future = await enqueueJob(ctx.db, echoJob, { n: 2 }, { runAt: later(60 * MINUTE) });

    expect(await runDueJobs(ctx.db, { definitions })).toMatchObject({ claimed: 1, done: 1 });
    expect(await runDueJobs(ctx.db, { definitions })).toMatchObject({ claimed: 0 });
    expect(calls).toEqual([due]);
    const done = await jobRow(due!);
    expect(done).toMatchObject({ status: 'done', attempts: 1, lockedBy: null, lockedUntil: null });
    expect(done.finishedAt).toBeInstanceOf(Date);
    expect(await jobRow(future!)).toMatchObject({ status: 'queued', attempts: 0 });

    expect(await runDueJobs(ctx.db, { definitions, now: later(2 * 60 * MINUTE) })).toMatchObject({ done: 1 });
    expect(calls).toEqual([due, future]);
  });

  it('runs what a handler enqueues for now in the same call', async () => {
    const chainJob = defineJob({
      kind: 'test.chain',
      payload: z.object({ left: z.number().int() }),
      async handler({ completeWith }, { left }) {
        await completeWith(async (tx) => {
          if (left > 0) await enqueueJob(tx, chainJob, { left: left - 1 });
        });
      },
    });
    await enqueueJob(ctx.db, chainJob, { left: 3 });
    expect(await runDueJobs(ctx.db, { definitions: [chainJob] })).toMatchObject({ claimed: 4, done: 4 });
  });

  it('retries a failing handler with back-off, then marks it failed with the error kept', async () => {
    const id = await enqueueJob(ctx.db, failingJob, {});
    const t1 = later(SECOND);
    expect(await runDueJobs(ctx.db, { definitions, now: t1 })).toMatchObject({ claimed: 1, retried: 1 });
    let row = await jobRow(id!);
    expect(row).toMatchObject({
      status: 'queued',
      attempts: 1,
      lastError: 'Error: hỏng lần 1',
      lockedBy: null,
    });
    const firstDelay = row.runAt.getTime() - t1.getTime();
    expect(firstDelay).toBeGreaterThanOrEqual(30 * SECOND);
    expect(firstDelay).toBeLessThanOrEqual(33 * SECOND);

    // not before the back-off has passed
    expect(await runDueJobs(ctx.db, { definitions, now: later(29 * SECOND, t1) })).toMatchObject({
      claimed: 0,
    });
    const t2 = later(34 * SECOND, t1);
    expect(await runDueJobs(ctx.db, { definitions, now: t2 })).toMatchObject({ retried: 1 });
    row = await jobRow(id!);
    expect(row).toMatchObject({ status: 'queued', attempts: 2, lastError: 'Error: hỏng lần 2' });
    const secondDelay = row.runAt.getTime() - t2.getTime();
    expect(secondDelay).toBeGreaterThanOrEqual(60 * SECOND);
    expect(secondDelay).toBeLessThanOrEqual(66 * SECOND);

    expect(await runDueJobs(ctx.db, { definitions, now: later(67 * SECOND, t2) })).toMatchObject({
      failed: 1,
    });
    row = await jobRow(id!);
    expect(row).toMatchObject({
      status: 'failed',
      attempts: 3,
      lastError: 'Error: hỏng lần 3',
      lockedBy: null,
    });
    expect(row.finishedAt).toBeInstanceOf(Date);

    expect(await runDueJobs(ctx.db, { definitions, now: later(24 * 60 * MINUTE) })).toMatchObject({
      claimed: 0,
    });
    expect(calls).toEqual([id, id, id]);
  });

  it('fails a job whose stored payload no longer fits at once, without retrying', async () => {
    const [row] = await ctx.db
      .insert(jobs)
      .values({ kind: 'test.echo', payload: { n: 'x' } })
      .returning({ id: jobs.id });
    const errors: unknown[] = [];
    expect(await runDueJobs(ctx.db, { definitions, onError: (error) => errors.push(error) })).toMatchObject({
      failed: 1,
    });
    expect(await jobRow(row!.id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await jobRow(row!.id)).lastError).toMatch(/^ZodError/);
    expect(errors).toHaveLength(1);
    expect(calls).toEqual([]);
  });

  it('claims only the kinds it has definitions for', async () => {
    const id = await enqueueJob(ctx.db, effectJob, { label: 'x' });
    expect(await runDueJobs(ctx.db, { definitions: [echoJob] })).toMatchObject({ claimed: 0 });
    expect(await jobRow(id!)).toMatchObject({ status: 'queued', attempts: 0 });
  });
});

describe('leases', () => {
  it('gives a crashed worker’s job to another once its lease has expired, and completes it once', async () => {
    const id = await enqueueJob(ctx.db, effectJob, { label: 'nhắc hạn' });
    // a worker claims it and "crashes" before running it
    const [stale] = await claimJobs(ctx.db, {
      workerId: 'crashed',
      limit: 5,
      leaseMs: MINUTE,
      kinds: ['test.effect'],
    });
    expect(stale).toMatchObject({ id, attempts: 1, workerId: 'crashed' });
    expect(await jobRow(id!)).toMatchObject({ status: 'running', lockedBy: 'crashed' });

    // still leased: nobody else takes it
    expect(await runDueJobs(ctx.db, { definitions })).toMatchObject({ claimed: 0 });
    // after the lease: reclaimed and run
    expect(await runDueJobs(ctx.db, { definitions, now: later(2 * MINUTE) })).toMatchObject({ done: 1 });
    const row = await jobRow(id!);
    expect(row).toMatchObject({ status: 'done', attempts: 2, lockedBy: null });
    expect(row.lastError).toBe('lease expired: worker crashed did not finish attempt 1');

    // the stale worker wakes up and runs its claim: its completion and its effect are refused
    expect(await runClaimedJob(ctx.db, stale!, { definitions })).toBe('lease_lost');
    expect(effectRuns).toBe(2);
    const effects = rowsOf<{ job_id: string; label: string }>(
      await ctx.db.execute(sql`select job_id::text, label from test_effects`),
    );
    expect(effects).toEqual([{ job_id: String(id), label: 'nhắc hạn' }]);
    expect(await jobRow(id!)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('a stale run of a handler without completeWith cannot complete or fail the job either', async () => {
    const id = await enqueueJob(ctx.db, failingJob, {});
    const [stale] = await claimJobs(ctx.db, { workerId: 'slow', leaseMs: MINUTE, kinds: ['test.fail'] });
    await runDueJobs(ctx.db, { definitions, now: later(2 * MINUTE) });
    const after = await jobRow(id!);
    expect(after).toMatchObject({ status: 'queued', attempts: 2, lastError: 'Error: hỏng lần 2' });
    expect(await runClaimedJob(ctx.db, stale!, { definitions })).toBe('lease_lost');
    expect(await jobRow(id!)).toEqual(after);
  });

  it('fails a job whose last attempt’s lease expired', async () => {
    const id = await enqueueJob(ctx.db, echoJob, { n: 1 }, { maxAttempts: 1 });
    await claimJobs(ctx.db, { workerId: 'crashed', leaseMs: MINUTE, kinds: ['test.echo'] });
    expect(await runDueJobs(ctx.db, { definitions, now: later(2 * MINUTE) })).toMatchObject({ claimed: 0 });
    const row = await jobRow(id!);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, lockedBy: null });
    expect(row.lastError).toMatch(/lease expired: worker crashed/);
    expect(calls).toEqual([]);
  });
});

describe('back-off', () => {
  it('doubles from 30 s up to 1 h, with at most 10 % jitter', () => {
    const none = () => 0;
    expect([1, 2, 3, 4, 7, 8, 20].map((a) => retryDelayMs(a, none))).toEqual([
      30_000, 60_000, 120_000, 240_000, 1_920_000, 3_600_000, 3_600_000,
    ]);
    expect(retryDelayMs(1, () => 0.999)).toBe(32_997);
    expect(retryDelayMs(20, () => 0.999)).toBeLessThanOrEqual(3_960_000);
  });
});

describe('scheduled jobs', () => {
  it('enqueues one run per period, whoever asks and however often', async () => {
    const at = new Date('2026-11-27T03:25:00Z');
    expect(await enqueueScheduledJobs(ctx.db, definitions, { now: at })).toBe(1);
    expect(await enqueueScheduledJobs(ctx.db, definitions, { now: later(30 * MINUTE, at) })).toBe(0);
    expect(await enqueueScheduledJobs(ctx.db, definitions, { now: later(40 * MINUTE, at) })).toBe(1);
    expect(await jobCount()).toBe(2);

    scheduledRuns.length = 0;
    expect(await runDueJobs(ctx.db, { definitions, now: later(60 * MINUTE, at) })).toMatchObject({ done: 2 });
    expect(scheduledRuns).toEqual(['2026-11-27T03:00:00.000Z', '2026-11-27T04:00:00.000Z']);
  });
});

describe('startJobWorker', () => {
  it('runs queued jobs in the background until stopped', async () => {
    const stop = startJobWorker(ctx.db, { intervalMs: 20, definitions, workerId: 'background' });
    try {
      const ids = [
        await enqueueJob(ctx.db, echoJob, { n: 1 }),
        await ctx.db.transaction((tx) => enqueueJob(tx, effectJob, { label: 'nền' })),
      ];
      await vi.waitFor(
        async () => {
          for (const id of ids) expect((await jobRow(id!)).status).toBe('done');
        },
        { timeout: 10_000, interval: 25 },
      );
    } finally {
      await stop();
    }
    const id = await enqueueJob(ctx.db, echoJob, { n: 2 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await jobRow(id!)).toMatchObject({ status: 'queued' });
  });
});

// PGlite is one connection in one process: there is no second claimer to race with.
describe.skipIf(!onPostgres)('several instances (PostgreSQL only: PGlite has a single connection)', () => {
  /** one pool per "instance", like openDatabase's: its own connections to the test database */
  const pools: pg.Pool[] = [];
  const instances: Database[] = [];

  beforeAll(async () => {
    const [row] = rowsOf<{ name: string }>(await ctx.db.execute(sql`select current_database() as name`));
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${row!.name}`;
    for (let i = 0; i < 3; i++) {
      const pool = new pg.Pool({ connectionString: url.toString(), max: 6 });
      pools.push(pool);
      instances.push(drizzle(pool, { schema }) as unknown as Database);
    }
    await ctx.db.execute(sql`create table test_job_calls (job_id bigint not null, worker text not null)`);
  });

  afterAll(async () => {
    // pool.end() resolves before its sockets have closed: wait for them, or dropping the test
    // database would kill connections that are still closing
    await Promise.all(
      pools.map((pool) => {
        const open = pool.totalCount;
        let removed = 0;
        const closed = new Promise<void>((resolve) => {
          if (open === 0) resolve();
          pool.on('remove', () => {
            if (++removed === open) resolve();
          });
        });
        return Promise.all([pool.end(), closed]);
      }),
    );
  });

  it('3 workers with their own pools complete each of 200 jobs exactly once', async () => {
    const countedJob = defineJob({
      kind: 'test.counted',
      payload: z.object({ n: z.number().int() }),
      async handler({ db, job }) {
        await db.execute(
          sql`insert into test_job_calls (job_id, worker) values (${job.id}, ${job.workerId})`,
        );
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
      },
    });
    await ctx.db.transaction(async (tx) => {
      for (let n = 0; n < 200; n++) await enqueueJob(tx, countedJob, { n });
    });

    const summaries = await Promise.all(
      instances.map((db, i) =>
        runDueJobs(db, { definitions: [countedJob], workerId: `instance-${i}`, limit: 5 }),
      ),
    );

    expect(summaries.reduce((sum, s) => sum + s.done, 0)).toBe(200);
    expect(summaries.reduce((sum, s) => sum + s.leaseLost + s.retried + s.failed, 0)).toBe(0);
    const [stats] = rowsOf<{
      done: number;
      calls: number;
      distinct_jobs: number;
      twice: number;
      workers: number;
    }>(
      await ctx.db.execute(sql`
        select (select count(*)::int from jobs where kind = 'test.counted' and status = 'done') as done,
          (select count(*)::int from test_job_calls) as calls,
          (select count(distinct job_id)::int from test_job_calls) as distinct_jobs,
          (select count(*)::int from (select job_id from test_job_calls group by job_id having count(*) > 1) t) as twice,
          (select count(distinct worker)::int from test_job_calls) as workers`),
    );
    expect(stats).toEqual({
      done: 200,
      calls: 200,
      distinct_jobs: 200,
      twice: 0,
      workers: expect.any(Number),
    });
    // they really competed: more than one instance took jobs
    expect(stats!.workers).toBeGreaterThan(1);
  });

  it('concurrent enqueues with one dedupe key create one job', async () => {
    const ids = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        instances[i % 3]!.transaction((tx) =>
          enqueueJob(tx, echoJob, { n: i }, { dedupeKey: 'remind:unit-9:round-2:overdue' }),
        ),
      ),
    );
    expect(ids.filter((id) => id !== null)).toHaveLength(1);
    expect(await jobCount()).toBe(1);
  });
});
