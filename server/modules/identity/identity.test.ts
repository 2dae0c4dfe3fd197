import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TMe } from '../../../common/contracts/auth';
import type { TProblem } from '../../../common/problem';
import { createTestContext, type TestContext } from '../../test/context';
import { buildOrgUnit } from '../../test/factories';
import { hashPassword, passwordProblem } from './passwords';
import { IP_FAILURE_LIMIT, LOCK_AFTER_FAILURES } from './service';
import { SESSION_COOKIE } from './sessions';
import { roleAssignments, sessions, signInFailures, users } from './tables';

let ctx: TestContext;
const PASSWORD = 'Mật-khẩu-Thử-2026';

beforeAll(async () => {
  ctx = await createTestContext();
});

afterAll(async () => {
  await ctx?.close();
});

async function buildUser(username: string, options: { disabled?: boolean } = {}) {
  const unit = await buildOrgUnit(ctx.db, { parentId: ctx.rootOrgUnitId });
  const [user] = await ctx.db
    .insert(users)
    .values({
      username,
      displayName: `Cán bộ ${username}`,
      passwordHash: await hashPassword(PASSWORD),
      ...options,
    })
    .returning();
  await ctx.db.insert(roleAssignments).values({ userId: user!.id, role: 'officer', orgUnitId: unit.id });
  return { user: user!, unit };
}

const login = (username: string, password: string, ip = '10.0.0.1') =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: ip,
  });

function sessionCookie(res: { cookies: { name: string; value: string }[] }) {
  return res.cookies.find((c) => c.name === SESSION_COOKIE);
}

describe('sign-in', () => {
  it('opens a session with an HttpOnly, SameSite=Lax cookie and returns the user, roles and abilities', async () => {
    const { unit } = await buildUser('canbo.a');
    const res = await login('Canbo.A', PASSWORD);
    expect(res.statusCode, res.body).toBe(200);
    const cookie = res.headers['set-cookie'] as string;
    expect(cookie).toMatch(/lt_session=[\w-]{40,}/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    const me = res.json<TMe>();
    expect(me.user.username).toBe('canbo.a');
    expect(me.assignments).toEqual([{ role: 'officer', orgUnit: expect.objectContaining({ id: unit.id }) }]);
    expect(me.abilities).toEqual(['data_values.enter']);
    // The stored key is a hash: the cookie value is nowhere in the table.
    const stored = await ctx.db.select({ tokenHash: sessions.tokenHash }).from(sessions);
    expect(stored.map((s) => s.tokenHash)).not.toContain(sessionCookie(res)!.value);

    const again = await ctx.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      cookies: { [SESSION_COOKIE]: sessionCookie(res)!.value },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json<TMe>().csrfToken).toBe(me.csrfToken);
  });

  it('answers the same 401 for a wrong password and an unknown user', async () => {
    await buildUser('canbo.b');
    const wrong = await login('canbo.b', 'sai-mat-khau');
    const unknown = await login('khong.ton.tai', 'sai-mat-khau');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json<TProblem>().detail).toBe(unknown.json<TProblem>().detail);
    expect(wrong.json<TProblem>().code).toBe('invalid_credentials');
  });

  it('refuses a disabled account (403)', async () => {
    await buildUser('canbo.c', { disabled: true });
    const res = await login('canbo.c', PASSWORD);
    expect(res.statusCode).toBe(403);
    expect(res.json<TProblem>().code).toBe('account_disabled');
  });

  it('locks an account after repeated failures, even for the right password, and unlocks after', async () => {
    const { user } = await buildUser('canbo.brute');
    for (let i = 1; i < LOCK_AFTER_FAILURES; i++) {
      expect((await login('canbo.brute', `doan-sai-${i}`, `10.1.0.${i}`)).statusCode).toBe(401);
    }
    // The attempt that locks says so.
    expect((await login('canbo.brute', 'doan-sai-cuoi', '10.1.0.9')).statusCode).toBe(423);
    const locked = await login('canbo.brute', PASSWORD, '10.1.1.1');
    expect(locked.statusCode).toBe(423);
    expect(locked.json<TProblem>().code).toBe('account_locked');
    // When the lock has passed, the right password works and the count starts again.
    await ctx.db
      .update(signInFailures)
      .set({ lockedUntil: new Date(Date.now() - 1000) })
      .where(eq(signInFailures.username, user.username));
    expect((await login('canbo.brute', PASSWORD, '10.1.1.2')).statusCode).toBe(200);
    const after = await ctx.db
      .select()
      .from(signInFailures)
      .where(eq(signInFailures.username, user.username));
    expect(after).toEqual([]);
  }, 60_000);

  it('throttles one address guessing across many accounts (429)', async () => {
    await buildUser('canbo.d');
    const ip = '10.2.0.9';
    for (let i = 0; i < IP_FAILURE_LIMIT; i++) {
      await ctx.db.insert((await import('./tables')).loginFailures).values({ ip, username: `doan${i}` });
    }
    const res = await login('canbo.d', PASSWORD, ip);
    expect(res.statusCode).toBe(429);
    expect(res.json<TProblem>().code).toBe('too_many_attempts');
    expect((await login('canbo.d', PASSWORD, '10.2.0.10')).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('answers 401 without a session, and after sign-out', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/plans' })).statusCode).toBe(401);
    await buildUser('canbo.e');
    const res = await login('canbo.e', PASSWORD);
    const token = sessionCookie(res)!.value;
    const me = res.json<TMe>();
    const cookies = { [SESSION_COOKIE]: token };
    expect((await ctx.app.inject({ method: 'GET', url: '/api/plans', cookies })).statusCode).toBe(200);
    const out = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      cookies,
      headers: { 'x-csrf-token': me.csrfToken },
    });
    expect(out.statusCode).toBe(204);
    const after = await ctx.app.inject({ method: 'GET', url: '/api/plans', cookies });
    expect(after.statusCode).toBe(401);
    expect(after.json<TProblem>().code).toBe('unauthenticated');
  });

  it('ends every session of the user with logout-all', async () => {
    await buildUser('canbo.f');
    const first = sessionCookie(await login('canbo.f', PASSWORD))!.value;
    const secondRes = await login('canbo.f', PASSWORD);
    const second = sessionCookie(secondRes)!.value;
    const out = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/logout-all',
      cookies: { [SESSION_COOKIE]: second },
      headers: { 'x-csrf-token': secondRes.json<TMe>().csrfToken },
    });
    expect(out.statusCode).toBe(204);
    for (const token of [first, second]) {
      expect(
        (await ctx.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { [SESSION_COOKIE]: token } }))
          .statusCode,
      ).toBe(401);
    }
  });

  it('ends a session left idle too long', async () => {
    await buildUser('canbo.g');
    const token = sessionCookie(await login('canbo.g', PASSWORD))!.value;
    const idleMs = ctx.app.sessionSettings.idleMinutes * 60_000;
    await ctx.db.update(sessions).set({ lastSeenAt: new Date(Date.now() - idleMs - 1000) });
    expect(
      (await ctx.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { [SESSION_COOKIE]: token } }))
        .statusCode,
    ).toBe(401);
  });

  it('refuses a cookie-authenticated write without the CSRF token (403)', async () => {
    await buildUser('canbo.h');
    const res = await login('canbo.h', PASSWORD);
    const cookies = { [SESSION_COOKIE]: sessionCookie(res)!.value };
    const noToken = await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', cookies });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json<TProblem>().code).toBe('csrf_failed');
    const wrong = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      cookies,
      headers: { 'x-csrf-token': 'x' },
    });
    expect(wrong.statusCode).toBe(403);
  });
});

describe('password policy', () => {
  it('asks for length, variety and no username', () => {
    expect(passwordProblem('ngan', 'user')).toContain('10');
    expect(passwordProblem('chithuongthoi', 'user')).toContain('3 trong 4');
    expect(passwordProblem('Nguyenvan@2026', 'nguyenvan')).toContain('tên đăng nhập');
    expect(passwordProblem('LoTrinh@2026', 'admin')).toBeNull();
  });
});
