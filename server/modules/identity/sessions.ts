import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Role } from '../../../common/roles';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';
import type { Actor, Assignment } from '../../policy';
import { orgUnits } from '../org-units/tables';
import { roleAssignments, sessions, users } from './tables';

export const SESSION_COOKIE = 'lt_session';

export interface SessionSettings {
  idleMinutes: number;
  absoluteHours: number;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** A new session row; returns the cookie token (only its hash is stored) and the CSRF token. */
export async function createSession(options: {
  db: Executor;
  userId: string;
  settings: SessionSettings;
  ip: string | null;
  userAgent: string | null;
}): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + options.settings.absoluteHours * 3600_000);
  await options.db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId: options.userId,
    csrfToken,
    expiresAt,
    ip: options.ip,
    userAgent: options.userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken, expiresAt };
}

export interface ActiveSession {
  tokenHash: string;
  csrfToken: string;
  idleExpiresAt: Date;
  /** absolute expiry */
  expiresAt: Date;
  user: {
    id: string;
    username: string;
    displayName: string;
    mustChangePassword: boolean;
    /** two-step verification is on */
    totpEnabled: boolean;
  };
}

/** The live session behind a cookie token, or null when unknown, revoked, expired or idle too long. */
export async function findActiveSession(
  db: Executor,
  token: string,
  settings: SessionSettings,
): Promise<ActiveSession | null> {
  const idleSince = new Date(Date.now() - settings.idleMinutes * 60_000);
  const [row] = await db
    .select({
      tokenHash: sessions.tokenHash,
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      mustChangePassword: users.mustChangePassword,
      totpEnabledAt: users.totpEnabledAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, hashToken(token)),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, new Date()),
        gt(sessions.lastSeenAt, idleSince),
        eq(users.disabled, false),
      ),
    );
  if (!row) return null;
  let lastSeen = new Date(row.lastSeenAt);
  // Touch at most once a minute: a write per request would cost more than the idle precision is worth.
  if (Date.now() - lastSeen.getTime() > 60_000) {
    lastSeen = new Date();
    await db.update(sessions).set({ lastSeenAt: lastSeen }).where(eq(sessions.tokenHash, row.tokenHash));
  }
  return {
    tokenHash: row.tokenHash,
    csrfToken: row.csrfToken,
    idleExpiresAt: new Date(lastSeen.getTime() + settings.idleMinutes * 60_000),
    expiresAt: new Date(row.expiresAt),
    user: {
      id: row.userId,
      username: row.username,
      displayName: row.displayName,
      mustChangePassword: row.mustChangePassword,
      totpEnabled: row.totpEnabledAt !== null,
    },
  };
}

/** The user's role assignments, each with the set of org units it covers. */
export async function loadAssignments(db: Executor, userId: string): Promise<Assignment[]> {
  const rows = await db
    .select({
      id: roleAssignments.id,
      role: roleAssignments.role,
      orgUnitId: roleAssignments.orgUnitId,
      parentId: orgUnits.parentId,
    })
    .from(roleAssignments)
    .innerJoin(orgUnits, eq(orgUnits.id, roleAssignments.orgUnitId))
    .where(eq(roleAssignments.userId, userId));
  const scoped = rows.filter((r) => r.parentId !== null);
  const subtrees = new Map<string, Set<string>>(scoped.map((r) => [r.id, new Set<string>()]));
  if (scoped.length) {
    const units = rowsOf<{ assignment_id: string; unit_id: string }>(
      await db.execute(sql`
        with recursive sub(assignment_id, unit_id) as (
          select ra.id, ra.org_unit_id from ${roleAssignments} ra where ra.user_id = ${userId}
          union all
          select sub.assignment_id, o.id from ${orgUnits} o join sub on o.parent_id = sub.unit_id
        ) select assignment_id, unit_id from sub`),
    );
    for (const u of units) subtrees.get(u.assignment_id)?.add(u.unit_id);
  }
  return rows.map((r) => ({
    role: r.role as Role,
    orgUnitId: r.orgUnitId,
    subtree: subtrees.get(r.id) ?? new Set([r.orgUnitId]),
    coversAll: r.parentId === null,
  }));
}

export async function actorForSession(
  db: Executor,
  session: ActiveSession,
  request: { ip: string | null; requestId: string | null },
): Promise<Actor> {
  return {
    userId: session.user.id,
    name: session.user.displayName,
    assignments: await loadAssignments(db, session.user.id),
    ip: request.ip,
    requestId: request.requestId,
  };
}

export async function revokeSession(db: Executor, tokenHash: string) {
  await db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.tokenHash, tokenHash));
}

/** Ends every session of the user, except the one given (the caller's own, when they keep it). */
export async function revokeAllSessions(db: Executor, userId: string, exceptTokenHash?: string) {
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        exceptTokenHash ? ne(sessions.tokenHash, exceptTokenHash) : undefined,
      ),
    );
}
