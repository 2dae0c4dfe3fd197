/**
 * The per-instance session cache (session-cache.ts) with two app instances on one database, each
 * with its own cache: what one instance revokes, the other refuses on the next request — and a
 * change that bypasses the epoch is not seen, which shows that the cache is really used.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TMe } from '../../../common/contracts/auth';
import { type App, buildApp } from '../../app';
import { fixedClock } from '../../clock';
import { rowsOf } from '../../db/sql';
import { createTestContext, TEST_TODAY, type TestContext } from '../../test/context';
import { signInAs } from '../../test/sessions';
import { orgUnits } from '../org-units/tables';
import { SESSION_COOKIE } from './sessions';
import { roleAssignments } from './tables';

let ctx: TestContext;
let other: App;

beforeAll(async () => {
  ctx = await createTestContext();
  // a second instance on the same database, with its own cache
  other = await buildApp({ database: ctx.database, clock: fixedClock(TEST_TODAY) });
  await other.ready();
});

afterAll(async () => {
  await other?.close();
  await ctx?.close();
});

const me = (app: App, user: { token: string }) =>
  app.inject({ method: 'GET', url: '/api/auth/me', cookies: { [SESSION_COOKIE]: user.token } });

async function commune() {
  const [unit] = await ctx.db
    .insert(orgUnits)
    .values({
      code: `X${Math.random().toString(36).slice(2, 8)}`,
      name: 'Xã thử',
      kind: 'commune',
      parentId: ctx.rootOrgUnitId,
    })
    .returning({ id: orgUnits.id });
  return unit!.id;
}

/** Deletes a role as a careless script would: no trigger, so no epoch bump. */
async function deleteQuietly(userId: string) {
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`delete from role_assignments where user_id = ${userId}`);
  });
}

describe('session cache across two instances', () => {
  it('serves a signed-in request from the cache until the epoch moves', async () => {
    const officer = await signInAs(ctx.app, ctx.db, 'officer', await commune());
    expect((await me(ctx.app, officer)).json<TMe>().assignments).toHaveLength(1);
    expect((await me(other, officer)).json<TMe>().assignments).toHaveLength(1);
    expect(other.sessionCache.size()).toBeGreaterThan(0);

    await deleteQuietly(officer.user.id);
    // both instances still serve the role they cached: nothing told them
    expect((await me(ctx.app, officer)).json<TMe>().assignments).toHaveLength(1);
    expect((await me(other, officer)).json<TMe>().assignments).toHaveLength(1);

    await ctx.db.execute(sql`update cache_epoch set epoch = epoch + 1`);
    expect((await me(ctx.app, officer)).json<TMe>().assignments).toHaveLength(0);
    expect((await me(other, officer)).json<TMe>().assignments).toHaveLength(0);
  });

  it('a role removed through one instance is gone on the next request to the other', async () => {
    const unit = await commune();
    const officer = await signInAs(ctx.app, ctx.db, 'officer', unit);
    const [assignment] = rowsOf<{ id: string }>(
      await ctx.db.execute(sql`select id from role_assignments where user_id = ${officer.user.id}`),
    );
    // a user keeps at least one role: a second one stays
    await ctx.db.insert(roleAssignments).values({ userId: officer.user.id, role: 'head', orgUnitId: unit });
    expect((await me(other, officer)).json<TMe>().assignments).toHaveLength(2);
    const user = await ctx.inject({ method: 'GET', url: `/api/users/${officer.user.id}` });
    const removed = await ctx.inject({
      method: 'DELETE',
      url: `/api/users/${officer.user.id}/assignments/${assignment!.id}?version=${user.json<{ version: number }>().version}`,
    });
    expect(removed.statusCode).toBe(200);
    expect((await me(other, officer)).json<TMe>().assignments.map((a) => a.role)).toEqual(['head']);
  });

  it('a session ended or a user disabled through one instance is refused by the other at once', async () => {
    const unit = await commune();
    const first = await signInAs(ctx.app, ctx.db, 'officer', unit);
    expect((await me(other, first)).statusCode).toBe(200);
    const out = await first.inject({ method: 'POST', url: '/api/auth/logout' });
    expect(out.statusCode).toBe(204);
    expect((await me(other, first)).statusCode).toBe(401);

    const second = await signInAs(ctx.app, ctx.db, 'officer', unit);
    expect((await me(other, second)).statusCode).toBe(200);
    const user = await ctx.inject({ method: 'GET', url: `/api/users/${second.user.id}` });
    const disabled = await ctx.inject({
      method: 'POST',
      url: `/api/users/${second.user.id}/disable`,
      payload: { version: user.json<{ version: number }>().version },
    });
    expect(disabled.statusCode).toBe(200);
    expect((await me(other, second)).statusCode).toBe(401);
  });

  it('a unit moved below the unit of a role is covered on the next request', async () => {
    const unit = await commune();
    const elsewhere = await commune();
    const officer = await signInAs(ctx.app, ctx.db, 'officer', unit);
    const sheet = (app: App) =>
      app.inject({
        method: 'GET',
        url: `/api/data-values?orgUnitId=${elsewhere}&period=2026M10`,
        cookies: { [SESSION_COOKIE]: officer.token },
      });
    expect((await sheet(other)).statusCode).toBe(404);
    await ctx.db.update(orgUnits).set({ parentId: unit }).where(sql`${orgUnits.id} = ${elsewhere}`);
    // the cached subtree of the officer's unit must not hide it
    expect((await sheet(other)).statusCode).toBe(200);
  });
});
