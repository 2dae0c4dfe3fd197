import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TMe } from '../../../common/contracts/auth';
import type { TProblem } from '../../../common/problem';
import { buildApp } from '../../app';
import { createTestContext, type TestContext } from '../../test/context';
import { buildOrgUnit } from '../../test/factories';
import { hashPassword, passwordProblem, refuseDemoPassword, verificationCount } from './passwords';
import { IP_FAILURE_LIMIT, LOCK_AFTER_FAILURES } from './service';
import { SESSION_COOKIE } from './sessions';
import { loginFailures, roleAssignments, sessions, signInFailures, users } from './tables';

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
    expect(me.assignments).toEqual([
      {
        role: 'officer',
        orgUnit: expect.objectContaining({ id: unit.id }),
        // an officer drafts his unit's report documents (the head issues them)
        abilities: ['data_values.enter', 'documents.create'],
      },
    ]);
    expect(me.abilities).toEqual(['data_values.enter', 'documents.create']);
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

  it('answers an unknown username exactly like a wrong password: one argon2 verification, same answer, same lock', async () => {
    await buildUser('canbo.that');
    /** Status and problem of one attempt, with the number of argon2 verifications it ran. */
    const attempt = async (username: string, ip: string) => {
      const before = verificationCount();
      const res = await login(username, 'doan-sai-mat-khau', ip);
      const { code, detail, status } = res.json<TProblem>();
      // The lock's end time in the message may differ by a minute between the two: not by name.
      return {
        statusCode: res.statusCode,
        code,
        status,
        detail,
        verifications: verificationCount() - before,
      };
    };
    const noTime = (detail: string | undefined) => detail?.replace(/\d{1,2}:\d{2}/g, 'HH:MM');
    for (let i = 1; i <= LOCK_AFTER_FAILURES + 1; i++) {
      const known = await attempt('canbo.that', `10.3.1.${i}`);
      const unknown = await attempt('  Khong.Co.Ai ', `10.3.2.${i}`);
      const expected =
        i < LOCK_AFTER_FAILURES
          ? { statusCode: 401, code: 'invalid_credentials', verifications: 1 }
          : // The attempt that locks verified the password; once locked, none is verified.
            { statusCode: 423, code: 'account_locked', verifications: i === LOCK_AFTER_FAILURES ? 1 : 0 };
      expect(known, `attempt ${i}`).toMatchObject(expected);
      expect({ ...unknown, detail: noTime(unknown.detail) }, `attempt ${i}`).toEqual({
        ...known,
        detail: noTime(known.detail),
      });
    }
    // Counted by the submitted name, trimmed and in lower case, whether or not it is an account.
    const counted = await ctx.db.select().from(signInFailures);
    expect(counted.filter((r) => r.username === 'canbo.that' || r.username === 'khong.co.ai')).toEqual([
      expect.objectContaining({ username: 'canbo.that', failures: LOCK_AFTER_FAILURES }),
      expect.objectContaining({ username: 'khong.co.ai', failures: LOCK_AFTER_FAILURES }),
    ]);
  }, 60_000);

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
      await ctx.db.insert(loginFailures).values({ ip, username: `doan${i}` });
    }
    const res = await login('canbo.d', PASSWORD, ip);
    expect(res.statusCode).toBe(429);
    expect(res.json<TProblem>().code).toBe('too_many_attempts');
    expect((await login('canbo.d', PASSWORD, '10.2.0.10')).statusCode).toBe(200);
  });
});

describe('behind a reverse proxy', () => {
  it('believes X-Forwarded-For only from the configured proxies: a forged one does not escape the per-address cap', async () => {
    // The test's socket address is 127.0.0.1, which is not the proxy.
    const behindProxy = await buildApp({ database: ctx.database, trustProxy: '10.0.0.1' });
    try {
      const attempt = (i: number) =>
        behindProxy.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-for': `198.51.100.${i}` },
          payload: { username: `doan.ten.${i}`, password: 'doan-sai-mat-khau' },
        });
      for (let i = 0; i < IP_FAILURE_LIMIT; i++) expect((await attempt(i)).statusCode).toBe(401);
      const capped = await attempt(IP_FAILURE_LIMIT);
      expect(capped.statusCode).toBe(429);
      expect(capped.json<TProblem>().code).toBe('too_many_attempts');
      const recorded = await ctx.db.select().from(loginFailures).where(eq(loginFailures.ip, '127.0.0.1'));
      expect(recorded).toHaveLength(IP_FAILURE_LIMIT);
    } finally {
      await behindProxy.close();
    }
  }, 60_000);

  it('takes the client address a hop count of proxies away from the socket', async () => {
    const behindOneProxy = await buildApp({ database: ctx.database, trustProxy: 1 });
    const asSeen = behindOneProxy.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.9.9.9',
      // A client's own (forged) entry first, then the one the proxy appended: only the latter counts.
      headers: { 'x-forwarded-for': '203.0.113.1, 198.51.100.77' },
      payload: { username: 'doan.ten.hop', password: 'doan-sai-mat-khau' },
    });
    try {
      expect((await asSeen).statusCode).toBe(401);
      const [row] = await ctx.db
        .select()
        .from(loginFailures)
        .where(eq(loginFailures.username, 'doan.ten.hop'));
      expect(row?.ip).toBe('198.51.100.77');
    } finally {
      await behindOneProxy.close();
    }
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
  it('asks for length, not composition: 12 to 128 characters counted as characters, Vietnamese ones too', () => {
    expect(passwordProblem('Ngắn-2026', 'user')).toContain('12');
    expect(passwordProblem('a'.repeat(60) + 'b'.repeat(69), 'user')).toContain('128');
    // Twelve characters however they are encoded: "ắ" written as a + two combining marks is one.
    expect(passwordProblem('trăng sáng quê', 'user')).toBeNull();
    expect(passwordProblem('dòng sông bă\u0306\u0301', 'user')).toBeNull();
    // No "three of four kinds": lower-case Vietnamese words alone make a good passphrase.
    expect(passwordProblem('đồng lúa chín vàng ươm', 'user')).toBeNull();
    expect(passwordProblem('chithuongthoi', 'user')).toBeNull();
  });

  it('refuses the demo password, the configured one too, and any spelling of it', () => {
    expect(passwordProblem('LoTrinh@2026', 'admin')).toContain('tài khoản mẫu');
    expect(passwordProblem('lotrinh@2026', 'admin')).toContain('tài khoản mẫu');
    expect(passwordProblem('Demo-Rieng-Tinh-77', 'admin')).toBeNull();
    refuseDemoPassword('Demo-Rieng-Tinh-77');
    expect(passwordProblem('Demo-Rieng-Tinh-77', 'admin')).toContain('tài khoản mẫu');
  });

  it('refuses common passwords and the common ones with digits and symbols around them', () => {
    for (const common of [
      'Password1!',
      'Password2026!',
      'P@ssw0rd2026!',
      'Matkhau@2026',
      'Mật khẩu@2026',
      'Admin@123456',
      'Abc@12345678',
      'qwertyuiop[]',
      '1q2w3e4r5t6y',
      'Sunshine12345678',
      'LoTrinh@20262027',
    ]) {
      expect(passwordProblem(common, 'user'), common).toMatch(/phổ biến|12 ký tự/);
    }
    expect(passwordProblem('aaaaaaaaaaaaaa', 'user')).toContain('quá ít ký tự khác nhau');
    // A common word inside a password that does not lean on it is not refused.
    expect(passwordProblem('8472!95#0361abc', 'user')).toBeNull();
    expect(passwordProblem('Tam-Thoi-2026', 'user')).toBeNull();
  });

  it('refuses a password holding the username or a part of it', () => {
    expect(passwordProblem('Nguyenvan@2026', 'nguyenvan')).toContain('tên đăng nhập');
    expect(passwordProblem('Trường-Vinh-2026!', 'truongvinh.canbo')).toContain('tên đăng nhập');
    expect(passwordProblem('Mây trắng bay xa', 'truongvinh.canbo')).toBeNull();
  });

  it('ships the 10,000 most common passwords', () => {
    const lines = readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8').split('\n');
    expect(lines.filter((l) => l && !l.startsWith('#'))).toHaveLength(10_000);
  });
});
