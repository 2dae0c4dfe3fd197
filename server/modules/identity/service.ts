import { and, count, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { TMe, TTotpSetup } from '../../../common/contracts/auth';
import type { Database, Executor, Transaction } from '../../db/client';
import { AppError, invalidField } from '../../errors/app-error';
import { type Actor, abilitiesOf, assignmentAbilities, mustUseSecondFactor } from '../../policy';
import { auditChange } from '../audit/service';
import { orgUnits } from '../org-units/tables';
import { dummyPasswordHash, verifyPassword } from './passwords';
import {
  type ActiveSession,
  createSession,
  loadAssignments,
  revokeAllSessions,
  type SessionSettings,
} from './sessions';
import { loginFailures, signInFailures, users } from './tables';
import { mustEnrollTotp, newTotpSecret, otpauthUri, qrDataUrl, totpStep } from './totp';

/** Consecutive failures before a username locks; each further failure doubles the lock. */
export const LOCK_AFTER_FAILURES = 5;
const FIRST_LOCK_MINUTES = 1;
const MAX_LOCK_MINUTES = 60;
/** A username's count starts again after a day without failures. */
const FAILURES_FORGOTTEN_AFTER_MS = 24 * 3600_000;
/** Failed sign-ins from one address, over all usernames, within the window. */
export const IP_FAILURE_LIMIT = 20;
const IP_WINDOW_MINUTES = 15;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Slows each failure a little more, up to 2 s: guessing gets expensive, a typo does not. */
const failureDelayMs = (failures: number) => Math.min(2000, 200 * failures);

function lockMinutes(failures: number): number {
  return Math.min(MAX_LOCK_MINUTES, FIRST_LOCK_MINUTES * 2 ** (failures - LOCK_AFTER_FAILURES));
}

const formatTime = (d: Date) =>
  d.toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Ho_Chi_Minh' });

/** The name failures are counted under: as accounts are stored (trimmed, lower case, NFC). */
export const normaliseUsername = (username: string) => username.normalize('NFC').trim().toLowerCase();

export type LoginResult =
  | { ok: true; userId: string; token: string; csrfToken: string }
  | { ok: false; error: AppError; userId: string | null };

/**
 * Checks a username and password — and the TOTP code when the account has two-step verification
 * on — and opens a session. Failures are counted per submitted username, whether or not it is an
 * account (lockout with doubling duration, a growing delay), and per client address (a cap across
 * usernames), in their own writes so they stick even though the request fails. An unknown name
 * costs one argon2 verification (against a dummy hash) like a wrong password, and gets the same
 * answers, the same delay and the same lock: nothing tells which names are accounts.
 * A wrong or replayed code counts like a wrong password; a missing one does not count, and does
 * not clear the count either (else the password alone would reset the lockout between guesses at
 * the code).
 */
export async function login(options: {
  db: Database;
  username: string;
  password: string;
  otp?: string | undefined;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  settings: SessionSettings;
  delays?: boolean;
}): Promise<LoginResult> {
  const { db, password, ip, settings } = options;
  const username = normaliseUsername(options.username);
  const now = new Date();
  if (ip) {
    const since = new Date(now.getTime() - IP_WINDOW_MINUTES * 60_000);
    const [recent] = await db
      .select({ n: count() })
      .from(loginFailures)
      .where(and(eq(loginFailures.ip, ip), gt(loginFailures.attemptedAt, since)));
    if ((recent?.n ?? 0) >= IP_FAILURE_LIMIT) {
      return {
        ok: false,
        userId: null,
        error: new AppError('too_many_attempts', { params: { minutes: IP_WINDOW_MINUTES } }),
      };
    }
  }
  const [record] = await db.select().from(signInFailures).where(eq(signInFailures.username, username));
  const [user] = await db.select().from(users).where(eq(users.username, username));
  if (record?.lockedUntil && record.lockedUntil > now) {
    return {
      ok: false,
      userId: user?.id ?? null,
      error: new AppError('account_locked', { params: { until: formatTime(record.lockedUntil) } }),
    };
  }

  /** Counts a failed attempt (wrong password, or wrong code) and answers with `code`, or with the lock. */
  const fail = async (code: 'invalid_credentials' | 'otp_invalid'): Promise<LoginResult> => {
    const forgetBefore = new Date(now.getTime() - FAILURES_FORGOTTEN_AFTER_MS).toISOString();
    const failed = await db.transaction(async (tx) => {
      await tx.insert(loginFailures).values({ ip: ip ?? 'unknown', username });
      const actor = { userId: null, name: username, assignments: [], ip, requestId: options.requestId };
      await auditChange(
        tx,
        actor,
        'auth.login_failed',
        { type: 'user', id: user?.id ?? null },
        code === 'otp_invalid' ? { after: { reason: 'otp_invalid' } } : {},
      );
      // Names nobody tried for a day: kept no longer (an attacker's made-up names would pile up).
      await tx
        .delete(signInFailures)
        .where(
          and(
            lt(signInFailures.lastFailedAt, sql`${forgetBefore}::timestamptz`),
            or(isNull(signInFailures.lockedUntil), lt(signInFailures.lockedUntil, now)),
          ),
        );
      const [counted] = await tx
        .insert(signInFailures)
        .values({ username, failures: 1, lastFailedAt: now })
        .onConflictDoUpdate({
          target: signInFailures.username,
          set: {
            failures: sql`case when ${signInFailures.lastFailedAt} < ${forgetBefore}::timestamptz then 1
              else ${signInFailures.failures} + 1 end`,
            lastFailedAt: now,
          },
        })
        .returning({ failures: signInFailures.failures });
      const failures = counted?.failures ?? 1;
      if (failures < LOCK_AFTER_FAILURES) return { failures, lockedUntil: null };
      const lockedUntil = new Date(now.getTime() + lockMinutes(failures) * 60_000);
      await tx.update(signInFailures).set({ lockedUntil }).where(eq(signInFailures.username, username));
      return { failures, lockedUntil };
    });
    if (failed.lockedUntil) {
      // Say so on the attempt that locks, not only on the next one.
      return {
        ok: false,
        userId: user?.id ?? null,
        error: new AppError('account_locked', { params: { until: formatTime(failed.lockedUntil) } }),
      };
    }
    if (options.delays !== false) await sleep(failureDelayMs(failed.failures));
    return { ok: false, userId: user?.id ?? null, error: new AppError(code) };
  };

  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !valid) return fail('invalid_credentials');
  if (user.disabled) return { ok: false, userId: user.id, error: new AppError('account_disabled') };

  let step: number | null = null;
  if (user.totpEnabledAt && user.totpSecret) {
    if (!options.otp) return { ok: false, userId: user.id, error: new AppError('otp_required') };
    step = totpStep(user.totpSecret, options.otp, now.getTime());
    if (step === null || (user.totpLastStep !== null && step <= user.totpLastStep))
      return fail('otp_invalid');
  }
  const session = await db.transaction(async (tx) => {
    if (step !== null) {
      const [accepted] = await tx
        .update(users)
        .set({ totpLastStep: step })
        // Two sign-ins racing with one code: only the first moves the step on.
        .where(and(eq(users.id, user.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
        .returning({ id: users.id });
      if (!accepted) return null;
    }
    await tx.delete(signInFailures).where(eq(signInFailures.username, username));
    const actor = {
      userId: user.id,
      name: user.displayName,
      assignments: await loadAssignments(tx, user.id),
      ip,
      requestId: options.requestId,
    };
    await auditChange(
      tx,
      actor,
      'auth.login',
      { type: 'session', id: null },
      step === null ? {} : { after: { secondFactor: 'totp' } },
    );
    return createSession({ db: tx, userId: user.id, settings, ip, userAgent: options.userAgent });
  });
  if (!session) return fail('otp_invalid');
  return { ok: true, userId: user.id, token: session.token, csrfToken: session.csrfToken };
}

/** Locks the signed-in user's row for a change to their second factor. */
async function lockOwnUser(tx: Transaction, userId: string) {
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
  if (!user) throw new AppError('unauthenticated');
  return user;
}

/**
 * A new secret for the signed-in user, stored but not yet in use: it takes effect when a code
 * from it is confirmed. Starting again replaces a pending secret; an enabled one is kept (409).
 */
export async function setupTotp(options: { tx: Transaction; actor: Actor }): Promise<TTotpSetup> {
  const { tx, actor } = options;
  const user = await lockOwnUser(tx, actor.userId!);
  if (user.totpEnabledAt) throw new AppError('totp_already_enabled');
  const secret = newTotpSecret();
  await tx
    .update(users)
    .set({ totpSecret: secret, totpLastStep: null, updatedAt: new Date() })
    .where(eq(users.id, user.id));
  // The secret itself never goes into the audit log.
  await auditChange(tx, actor, 'auth.totp_setup', { type: 'user', id: user.id });
  const uri = otpauthUri(secret, user.username);
  return { secret, otpauthUri: uri, qrDataUrl: await qrDataUrl(uri) };
}

/**
 * Turns the pending secret on once the user proves their app holds it with a current code. The
 * user's other sessions, opened with the password alone, end.
 */
export async function confirmTotp(options: {
  tx: Transaction;
  actor: Actor;
  code: string;
  currentSessionHash: string;
}) {
  const { tx, actor, code } = options;
  const user = await lockOwnUser(tx, actor.userId!);
  if (user.totpEnabledAt) throw new AppError('totp_already_enabled');
  if (!user.totpSecret) {
    throw new AppError('bad_request', {
      params: {
        reason: {
          vi: 'chưa có mã bí mật đang chờ xác nhận. Hãy bắt đầu thiết lập lại.',
          en: 'there is no pending secret to confirm. Start the setup again.',
        },
      },
    });
  }
  const step = totpStep(user.totpSecret, code);
  if (step === null) {
    throw invalidField('code', {
      vi: 'Mã xác thực không đúng. Kiểm tra đồng hồ điện thoại rồi nhập mã mới nhất.',
      en: 'The code is wrong. Check the phone clock and enter the latest code.',
    });
  }
  await tx
    .update(users)
    .set({ totpEnabledAt: new Date(), totpLastStep: step, version: user.version + 1, updatedAt: new Date() })
    .where(eq(users.id, user.id));
  await revokeAllSessions(tx, user.id, options.currentSessionHash);
  await auditChange(
    tx,
    actor,
    'auth.totp_enable',
    { type: 'user', id: user.id },
    { before: { totpEnabled: false }, after: { totpEnabled: true } },
  );
}

/** Turns two-step verification off, after the password; administrators must keep it (403). */
export async function disableTotp(options: { tx: Transaction; actor: Actor; password: string }) {
  const { tx, actor } = options;
  if (mustUseSecondFactor(actor)) throw new AppError('forbidden');
  const user = await lockOwnUser(tx, actor.userId!);
  if (!(await verifyPassword(user.passwordHash, options.password))) {
    throw new AppError('validation_failed', {
      errors: [{ field: 'password', code: 'wrong_password', message: 'Mật khẩu không đúng.' }],
    });
  }
  if (!user.totpSecret && !user.totpEnabledAt) return;
  await tx
    .update(users)
    .set({
      totpSecret: null,
      totpEnabledAt: null,
      totpLastStep: null,
      version: user.totpEnabledAt ? user.version + 1 : user.version,
      updatedAt: new Date(),
    })
    .where(eq(users.id, user.id));
  await auditChange(
    tx,
    actor,
    'auth.totp_disable',
    { type: 'user', id: user.id },
    { before: { totpEnabled: user.totpEnabledAt !== null }, after: { totpEnabled: false } },
  );
}

/** What /api/auth/me answers: the user, their roles with the units they cover, their abilities. */
export async function presentMe(db: Executor, session: ActiveSession, actor: Actor): Promise<TMe> {
  const unitIds = actor.assignments.map((a) => a.orgUnitId);
  const units = unitIds.length
    ? await db
        .select({ id: orgUnits.id, code: orgUnits.code, name: orgUnits.name, shortName: orgUnits.shortName })
        .from(orgUnits)
        .where(sql`${orgUnits.id} in ${unitIds}`)
    : [];
  const byId = new Map(units.map((u) => [u.id, u]));
  const { totpEnabled } = session.user;
  return {
    user: {
      ...session.user,
      mustEnrollTotp: mustEnrollTotp({ totpEnabled }, actor),
      totpRequired: mustUseSecondFactor(actor),
    },
    assignments: actor.assignments.map((a) => ({
      role: a.role,
      orgUnit: byId.get(a.orgUnitId)!,
      abilities: assignmentAbilities(a),
    })),
    abilities: abilitiesOf(actor),
    csrfToken: session.csrfToken,
    idleExpiresAt: session.idleExpiresAt.toISOString(),
  };
}
