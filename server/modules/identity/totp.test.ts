import { eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TMe, TTotpSetup } from '../../../common/contracts/auth';
import type { TProblem } from '../../../common/problem';
import type { Role } from '../../../common/roles';
import { createTestContext, type TestContext } from '../../test/context';
import { buildOrgUnit } from '../../test/factories';
import { auditEvents } from '../audit/tables';
import { hashPassword } from './passwords';
import { LOCK_AFTER_FAILURES } from './service';
import { SESSION_COOKIE } from './sessions';
import { roleAssignments, signInFailures, users } from './tables';
import { newTotpSecret } from './totp';

let ctx: TestContext;
const PASSWORD = 'Mật-khẩu-Thử-2026';
const STEP_MS = 30_000;

beforeAll(async () => {
  ctx = await createTestContext();
});

afterAll(async () => {
  await ctx?.close();
});

/** The code an authenticator app holding `secret` shows `steps` time steps from now. */
const codeFor = (secret: string, steps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + steps * STEP_MS });

/** Six digits that no step near now accepts. */
function wrongCode(secret: string): string {
  const near = new Set([-2, -1, 0, 1, 2].map((steps) => codeFor(secret, steps)));
  return ['000000', '111111', '222222', '333333', '444444', '555555'].find((c) => !near.has(c))!;
}

async function buildUser(
  username: string,
  options: { role?: Role; totpSecret?: string; enabled?: boolean } = {},
) {
  const { role = 'officer', totpSecret, enabled = totpSecret !== undefined } = options;
  const unitId =
    role === 'admin' ? ctx.rootOrgUnitId : (await buildOrgUnit(ctx.db, { parentId: ctx.rootOrgUnitId })).id;
  const [user] = await ctx.db
    .insert(users)
    .values({
      username,
      displayName: `Cán bộ ${username}`,
      passwordHash: await hashPassword(PASSWORD),
      totpSecret: totpSecret ?? null,
      totpEnabledAt: enabled ? new Date() : null,
    })
    .returning();
  await ctx.db.insert(roleAssignments).values({ userId: user!.id, role, orgUnitId: unitId });
  return user!;
}

const login = (username: string, otp?: string, password = PASSWORD, ip = '10.5.0.1') =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: otp === undefined ? { username, password } : { username, password, otp },
    remoteAddress: ip,
  });

/** Signs in (with a code when given) and returns an `inject` bound to the new session. */
async function signIn(username: string, otp?: string) {
  const res = await login(username, otp);
  expect(res.statusCode, res.body).toBe(200);
  const token = res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
  const me = res.json<TMe>();
  const inject = (method: 'GET' | 'POST', url: string, payload?: object) =>
    ctx.app.inject({
      method,
      url,
      cookies: { [SESSION_COOKIE]: token },
      headers: { 'x-csrf-token': me.csrfToken },
      ...(payload ? { payload } : {}),
    });
  return { me, token, inject };
}

/** Failures are counted by username (server/modules/identity/service.ts), account or not. */
const failedAttempts = async (userId: string) => {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, userId));
  const [row] = await ctx.db.select().from(signInFailures).where(eq(signInFailures.username, user!.username));
  return row?.failures ?? 0;
};

describe('sign-in with two-step verification', () => {
  it('asks for the code (401 otp_required) without opening a session or counting a failure', async () => {
    const secret = newTotpSecret();
    const user = await buildUser('hai.buoc.a', { totpSecret: secret });
    const res = await login('hai.buoc.a');
    expect(res.statusCode).toBe(401);
    expect(res.json<TProblem>().code).toBe('otp_required');
    expect(res.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    expect(await failedAttempts(user.id)).toBe(0);

    const ok = await login('hai.buoc.a', codeFor(secret));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<TMe>().user).toMatchObject({ totpEnabled: true, mustEnrollTotp: false });
  });

  it('does not ask for a code when the password is wrong: that stays invalid_credentials', async () => {
    await buildUser('hai.buoc.b', { totpSecret: newTotpSecret() });
    const res = await login('hai.buoc.b', undefined, 'sai-mat-khau');
    expect(res.statusCode).toBe(401);
    expect(res.json<TProblem>().code).toBe('invalid_credentials');
  });

  it('refuses a wrong code (401 otp_invalid) and counts it toward the lockout like a wrong password', async () => {
    const secret = newTotpSecret();
    const user = await buildUser('hai.buoc.c', { totpSecret: secret });
    const wrong = wrongCode(secret);
    for (let i = 1; i < LOCK_AFTER_FAILURES; i++) {
      const res = await login('hai.buoc.c', wrong, PASSWORD, `10.5.1.${i}`);
      expect(res.statusCode).toBe(401);
      expect(res.json<TProblem>().code).toBe('otp_invalid');
      expect(await failedAttempts(user.id)).toBe(i);
      // The password alone (asking for the code) neither counts nor clears the count.
      expect((await login('hai.buoc.c', undefined, PASSWORD, `10.5.1.${i}`)).json<TProblem>().code).toBe(
        'otp_required',
      );
      expect(await failedAttempts(user.id)).toBe(i);
    }
    const locking = await login('hai.buoc.c', wrong, PASSWORD, '10.5.1.9');
    expect(locking.statusCode).toBe(423);
    // Locked: even the right code does not open a session.
    const locked = await login('hai.buoc.c', codeFor(secret), PASSWORD, '10.5.1.10');
    expect(locked.statusCode).toBe(423);
    expect(locked.json<TProblem>().code).toBe('account_locked');

    const failures = await ctx.db.select().from(auditEvents).where(eq(auditEvents.resourceId, user.id));
    expect(failures.filter((e) => e.action === 'auth.login_failed')).toHaveLength(LOCK_AFTER_FAILURES);
  }, 60_000);

  it('accepts a code once: the same code again is refused (otp_invalid), the next one works', async () => {
    const secret = newTotpSecret();
    const user = await buildUser('hai.buoc.d', { totpSecret: secret });
    const code = codeFor(secret);
    expect((await login('hai.buoc.d', code)).statusCode).toBe(200);
    const replay = await login('hai.buoc.d', code);
    expect(replay.statusCode).toBe(401);
    expect(replay.json<TProblem>().code).toBe('otp_invalid');
    expect(await failedAttempts(user.id)).toBe(1);
    // An older code than the last one used is refused as well.
    expect((await login('hai.buoc.d', codeFor(secret, -1))).json<TProblem>().code).toBe('otp_invalid');
    expect((await login('hai.buoc.d', codeFor(secret, 1))).statusCode).toBe(200);
    expect(await failedAttempts(user.id)).toBe(0);
  });

  it('refuses a code that is not six digits (400)', async () => {
    await buildUser('hai.buoc.e', { totpSecret: newTotpSecret() });
    const res = await login('hai.buoc.e', '12ab56');
    expect(res.statusCode).toBe(400);
    expect(res.json<TProblem>().errors?.[0]?.field).toBe('otp');
  });
});

describe('setting up two-step verification', () => {
  it('sets up, confirms, and from then on asks for the code; the secret never reaches the audit log', async () => {
    const user = await buildUser('hai.buoc.f');
    const other = await signIn('hai.buoc.f');
    const { me, inject } = await signIn('hai.buoc.f');
    expect(me.user).toMatchObject({ totpEnabled: false, mustEnrollTotp: false, totpRequired: false });

    const setupRes = await inject('POST', '/api/auth/totp/setup');
    expect(setupRes.statusCode, setupRes.body).toBe(200);
    expect(setupRes.headers['cache-control']).toBe('no-store');
    const setup = setupRes.json<TTotpSetup>();
    expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.otpauthUri).toBe(
      `otpauth://totp/L%E1%BB%99%20Tr%C3%ACnh:hai.buoc.f?issuer=L%E1%BB%99%20Tr%C3%ACnh&secret=${setup.secret}&algorithm=SHA1&digits=6&period=30`,
    );
    expect(setup.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(setup.qrDataUrl.split(',')[1]!, 'base64').toString()).toContain('<svg');

    // Pending, not yet in use: the password alone still signs in.
    expect((await login('hai.buoc.f')).statusCode).toBe(200);

    const wrong = await inject('POST', '/api/auth/totp/confirm', { code: wrongCode(setup.secret) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<TProblem>().errors?.[0]).toMatchObject({ field: 'code' });

    const code = codeFor(setup.secret);
    const confirmed = await inject('POST', '/api/auth/totp/confirm', { code });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json<TMe>().user).toMatchObject({ totpEnabled: true, mustEnrollTotp: false });
    // This session goes on; the ones opened with the password alone end.
    expect((await inject('GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await other.inject('GET', '/api/auth/me')).statusCode).toBe(401);

    expect((await login('hai.buoc.f')).json<TProblem>().code).toBe('otp_required');
    // The code used to confirm is spent; the next step's code signs in.
    expect((await login('hai.buoc.f', code)).json<TProblem>().code).toBe('otp_invalid');
    expect((await login('hai.buoc.f', codeFor(setup.secret, 1))).statusCode).toBe(200);

    // Setting up again while it is on would lock the owner out of their own app: refused.
    const again = await inject('POST', '/api/auth/totp/setup');
    expect(again.statusCode).toBe(409);
    expect(again.json<TProblem>().code).toBe('totp_already_enabled');

    const events = await ctx.db.select().from(auditEvents).where(eq(auditEvents.resourceId, user.id));
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['auth.totp_setup', 'auth.totp_enable']),
    );
    expect(JSON.stringify(events)).not.toContain(setup.secret);
  });

  it('refuses to confirm when nothing is pending (400)', async () => {
    await buildUser('hai.buoc.g');
    const { inject } = await signIn('hai.buoc.g');
    const res = await inject('POST', '/api/auth/totp/confirm', { code: '123456' });
    expect(res.statusCode).toBe(400);
    expect(res.json<TProblem>().code).toBe('bad_request');
  });

  it('lets a user who is not an administrator turn it off with their password', async () => {
    const secret = newTotpSecret();
    const user = await buildUser('hai.buoc.h', { totpSecret: secret });
    const { inject } = await signIn('hai.buoc.h', codeFor(secret));
    const wrong = await inject('POST', '/api/auth/totp/disable', { password: 'sai-mat-khau' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<TProblem>().errors?.[0]).toMatchObject({ field: 'password', code: 'wrong_password' });

    const off = await inject('POST', '/api/auth/totp/disable', { password: PASSWORD });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json<TMe>().user.totpEnabled).toBe(false);
    const [row] = await ctx.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ totpSecret: null, totpEnabledAt: null, totpLastStep: null });
    expect((await login('hai.buoc.h')).statusCode).toBe(200);
    const events = await ctx.db.select().from(auditEvents).where(eq(auditEvents.resourceId, user.id));
    const disabled = events.find((e) => e.action === 'auth.totp_disable');
    expect(disabled).toMatchObject({ before: { totpEnabled: true }, after: { totpEnabled: false } });
  });
});

describe('administrators', () => {
  it('must set it up first: 403 totp_enrollment_required everywhere but /auth/me and the setup', async () => {
    await buildUser('quantri.moi', { role: 'admin' });
    const { me, inject } = await signIn('quantri.moi');
    expect(me.user).toMatchObject({ totpEnabled: false, mustEnrollTotp: true });

    const users = await inject('GET', '/api/users');
    expect(users.statusCode).toBe(403);
    expect(users.json<TProblem>().code).toBe('totp_enrollment_required');
    // Refused before the input is even read.
    expect((await inject('POST', '/api/org-units', { bad: true })).json<TProblem>().code).toBe(
      'totp_enrollment_required',
    );
    const meRes = await inject('GET', '/api/auth/me');
    expect(meRes.statusCode).toBe(200);
    expect(meRes.json<TMe>().user.mustEnrollTotp).toBe(true);
    // Turning off what is not on is not a way around it.
    expect((await inject('POST', '/api/auth/totp/disable', { password: PASSWORD })).statusCode).toBe(403);

    const setup = (await inject('POST', '/api/auth/totp/setup')).json<TTotpSetup>();
    // A pending secret is not enough.
    expect((await inject('GET', '/api/users')).statusCode).toBe(403);
    const confirmed = await inject('POST', '/api/auth/totp/confirm', { code: codeFor(setup.secret) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json<TMe>().user).toMatchObject({ totpEnabled: true, mustEnrollTotp: false });
    expect((await inject('GET', '/api/users')).statusCode).toBe(200);
    expect((await login('quantri.moi')).json<TProblem>().code).toBe('otp_required');
  });

  it('may still sign out while enrolment is pending', async () => {
    await buildUser('quantri.ra', { role: 'admin' });
    const { inject } = await signIn('quantri.ra');
    expect((await inject('POST', '/api/auth/logout')).statusCode).toBe(204);
    expect((await inject('GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('cannot turn two-step verification off (403 forbidden)', async () => {
    const secret = newTotpSecret();
    const admin = await buildUser('quantri.cu', { role: 'admin', totpSecret: secret });
    const { me, inject } = await signIn('quantri.cu', codeFor(secret));
    expect(me.user).toMatchObject({ totpEnabled: true, mustEnrollTotp: false, totpRequired: true });
    const res = await inject('POST', '/api/auth/totp/disable', { password: PASSWORD });
    expect(res.statusCode).toBe(403);
    expect(res.json<TProblem>().code).toBe('forbidden');
    const [row] = await ctx.db.select().from(users).where(eq(users.id, admin.id));
    expect(row?.totpEnabledAt).not.toBeNull();
  });
});
