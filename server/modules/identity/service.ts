import { and, count, eq, gt, sql } from 'drizzle-orm';
import type { TMe } from '../../../common/contracts/auth';
import type { Database, Executor } from '../../db/client';
import { AppError } from '../../errors/app-error';
import { type Actor, abilitiesOf } from '../../policy';
import { auditChange } from '../audit/service';
import { orgUnits } from '../org-units/tables';
import { dummyPasswordHash, verifyPassword } from './passwords';
import { type ActiveSession, createSession, loadAssignments, type SessionSettings } from './sessions';
import { loginFailures, users } from './tables';

/** Consecutive failures before an account locks; each further failure doubles the lock. */
export const LOCK_AFTER_FAILURES = 5;
const FIRST_LOCK_MINUTES = 1;
const MAX_LOCK_MINUTES = 60;
/** Failed sign-ins from one address, over all accounts, within the window. */
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

export type LoginResult =
  | { ok: true; userId: string; token: string; csrfToken: string }
  | { ok: false; error: AppError; userId: string | null };

/**
 * Checks a username and password and opens a session. Failures are counted per account (lockout
 * with doubling duration) and per client address (a cap across accounts), in their own writes so
 * they stick even though the request fails.
 */
export async function login(options: {
  db: Database;
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  settings: SessionSettings;
  delays?: boolean;
}): Promise<LoginResult> {
  const { db, password, ip, settings } = options;
  const username = options.username.trim().toLowerCase();
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
  const [user] = await db.select().from(users).where(eq(users.username, username));
  if (user?.lockedUntil && user.lockedUntil > now) {
    return {
      ok: false,
      userId: user.id,
      error: new AppError('account_locked', { params: { until: formatTime(user.lockedUntil) } }),
    };
  }
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !valid) {
    const failed = await db.transaction(async (tx) => {
      await tx.insert(loginFailures).values({ ip: ip ?? 'unknown', username });
      const actor = { userId: null, name: username, assignments: [], ip, requestId: options.requestId };
      await auditChange(tx, actor, 'auth.login_failed', { type: 'user', id: user?.id ?? null });
      if (!user) return { failures: 0, lockedUntil: null };
      const [updated] = await tx
        .update(users)
        .set({ failedAttempts: sql`${users.failedAttempts} + 1` })
        .where(eq(users.id, user.id))
        .returning({ failures: users.failedAttempts });
      const failures = updated?.failures ?? 0;
      if (failures < LOCK_AFTER_FAILURES) return { failures, lockedUntil: null };
      const lockedUntil = new Date(now.getTime() + lockMinutes(failures) * 60_000);
      await tx.update(users).set({ lockedUntil }).where(eq(users.id, user.id));
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
    return { ok: false, userId: user?.id ?? null, error: new AppError('invalid_credentials') };
  }
  if (user.disabled) return { ok: false, userId: user.id, error: new AppError('account_disabled') };
  const session = await db.transaction(async (tx) => {
    await tx.update(users).set({ failedAttempts: 0, lockedUntil: null }).where(eq(users.id, user.id));
    const actor = {
      userId: user.id,
      name: user.displayName,
      assignments: await loadAssignments(tx, user.id),
      ip,
      requestId: options.requestId,
    };
    await auditChange(tx, actor, 'auth.login', { type: 'session', id: null });
    return createSession({ db: tx, userId: user.id, settings, ip, userAgent: options.userAgent });
  });
  return { ok: true, userId: user.id, token: session.token, csrfToken: session.csrfToken };
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
  return {
    user: session.user,
    assignments: actor.assignments.map((a) => ({ role: a.role, orgUnit: byId.get(a.orgUnitId)! })),
    abilities: abilitiesOf(actor),
    csrfToken: session.csrfToken,
    idleExpiresAt: session.idleExpiresAt.toISOString(),
  };
}
