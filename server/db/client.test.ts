import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { createTestContext, type TestContext } from '../test/context';
import { openDatabase } from './client';
import { rowsOf } from './sql';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable, unavailableReason } from './unavailable';

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

describe.skipIf(!onPostgres)('the PostgreSQL connection pool', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ empty: true });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('outlives the server ending its idle connections, and connects again', async () => {
    const pid = async () =>
      rowsOf<{ pid: number }>(await ctx.db.execute(sql`select pg_backend_pid() as pid`))[0]!.pid;
    const before = await pid();
    const [{ name }] = rowsOf<{ name: string }>(
      await ctx.db.execute(sql`select current_database() as name`),
    ) as [{ name: string }];
    // as a PostgreSQL restart or an administrator would: end every connection of this database
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    try {
      const ended = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1',
        [name],
      );
      expect(ended.rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    // the idle connection hears of it; an unheard 'error' would have failed the whole run here
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await pid()).not.toBe(before);
  });

  it('runs its sessions in the Vietnam time zone and without JIT compilation', async () => {
    const [row] = rowsOf<{ zone: string; jit: string }>(
      await ctx.db.execute(sql`select current_setting('timezone') as zone, current_setting('jit') as jit`),
    );
    expect(row).toEqual({ zone: 'Asia/Ho_Chi_Minh', jit: 'off' });
  });
});

describe.skipIf(!onPostgres)('a connection the server ends inside a transaction', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ empty: true });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('fails that transaction as "database unavailable", keeps the process, and serves again', async () => {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    let failure: unknown;
    try {
      await ctx.db.transaction(async (tx) => {
        const [{ pid }] = rowsOf<{ pid: number }>(await tx.execute(sql`select pg_backend_pid() as pid`)) as [
          { pid: number },
        ];
        // as a restart does to a transaction in flight: the server ends its connection (57P01)
        await admin.query('select pg_terminate_backend($1)', [pid]);
        // the held connection hears of it with no query running: this was the unheard 'error'
        await new Promise((resolve) => setTimeout(resolve, 200));
        await tx.execute(sql`select 1`);
      });
    } catch (error) {
      failure = error;
    } finally {
      await admin.end();
    }
    expect(failure).toBeDefined();
    expect(isDatabaseUnavailable(failure)).toBe(true);
    // the pool opens a new connection; the app answers at once
    const health = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
  });
});

describe.skipIf(!onPostgres)('a dead connection its holder never gives back', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ empty: true });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('is taken back by the pool after a few seconds, and the late release is harmless', async () => {
    // drizzle's transaction releases nothing when its `begin` fails: the same as holding it here
    const pool = (ctx.db as unknown as { $client: pg.Pool }).$client;
    const held = await pool.connect();
    const { rows } = await held.query<{ pid: number }>('select pg_backend_pid() as pid');
    const before = pool.totalCount;
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
    } finally {
      await admin.end();
    }
    const deadline = Date.now() + 10_000;
    while (pool.totalCount >= before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(pool.totalCount).toBe(before - 1);
    expect(() => held.release()).not.toThrow();
    expect(rowsOf(await ctx.db.execute(sql`select 1 as one`))).toEqual([{ one: 1 }]);
  });
});

describe('an unreachable database', () => {
  it('answers /api/health and every request with 503, Retry-After and the reason in Vietnamese', async () => {
    // nobody listens on port 1: connections are refused, as while PostgreSQL is stopped
    const database = await openDatabase({ url: 'postgres://postgres@127.0.0.1:1/none' });
    const app = await buildApp({ database });
    try {
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(503);
      expect(health.headers['retry-after']).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
      expect(health.json()).toMatchObject({ status: 'unavailable', database: 'postgresql' });
      expect(health.json().detail).toContain('cơ sở dữ liệu');

      // a signed-in caller's session cannot even be read: 503, not a generic 500
      const read = await app.inject({
        method: 'GET',
        url: '/api/plans',
        cookies: { lt_session: 'x'.repeat(43) },
      });
      expect(read.statusCode, read.body).toBe(503);
      expect(read.headers['retry-after']).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
      expect(read.json()).toMatchObject({ code: 'database_unavailable', status: 503 });
      expect(read.json().detail).toContain('không kết nối được cơ sở dữ liệu');
      const signIn = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'someone', password: 'whatever-it-is' },
      });
      expect(signIn.statusCode, signIn.body).toBe(503);
      expect(signIn.json().code).toBe('database_unavailable');
    } finally {
      await app.close();
      await database.close();
    }
  });
});

describe('isDatabaseUnavailable', () => {
  it('recognises what a down or restarting database raises, and nothing else', () => {
    const withCode = (code: string) => Object.assign(new Error('x'), { code });
    for (const code of ['57P01', '57P02', '57P03', '08006', '08003', '08000', 'ECONNREFUSED', 'ECONNRESET'])
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    // drizzle's wrapper, and a refused dual-stack connect
    expect(isDatabaseUnavailable(new Error('Failed query: select 1', { cause: withCode('57P01') }))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(new AggregateError([withCode('ECONNREFUSED')]))).toBe(true);
    // logs carry the driver's words, not drizzle's wrapper with the query and its parameters
    expect(
      unavailableReason(
        new Error('Failed query: select $1\nparams: secret', { cause: new Error('Connection terminated') }),
      ),
    ).toBe('Connection terminated');
    for (const code of ['23505', '23503', '40001', '22003', '42P01'])
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(false);
    expect(isDatabaseUnavailable(new Error('value out of range'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
