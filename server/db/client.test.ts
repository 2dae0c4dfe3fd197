import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/context';
import { rowsOf } from './sql';

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
});
