import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { TUser } from '../../../common/contracts/users';
import type { Executor } from '../../db/client';
import { searchConditions } from '../../db/search';
import { notFound, RESOURCE_NAMES } from '../../errors/app-error';
import type { ReadScope } from '../../policy';
import { roleAssignments, signInFailures, users } from '../identity/tables';
import { orgUnits } from '../org-units/tables';

/** The units a user's roles sit on: the policy scopes user records by them. */
export async function userOrgUnitIds(db: Executor, userId: string): Promise<string[]> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!user) throw notFound(RESOURCE_NAMES.resource);
  const rows = await db
    .select({ orgUnitId: roleAssignments.orgUnitId })
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, userId));
  return rows.map((r) => r.orgUnitId);
}

async function present(db: Executor, rows: (typeof users.$inferSelect)[]): Promise<TUser[]> {
  const ids = rows.map((r) => r.id);
  const assignments = ids.length
    ? await db
        .select({
          userId: roleAssignments.userId,
          assignmentId: roleAssignments.id,
          role: roleAssignments.role,
          id: orgUnits.id,
          code: orgUnits.code,
          name: orgUnits.name,
          shortName: orgUnits.shortName,
        })
        .from(roleAssignments)
        .innerJoin(orgUnits, eq(orgUnits.id, roleAssignments.orgUnitId))
        .where(inArray(roleAssignments.userId, ids))
        .orderBy(asc(roleAssignments.createdAt), asc(roleAssignments.id))
    : [];
  const now = new Date();
  const lockedNames = rows.length
    ? await db
        .select({ username: signInFailures.username })
        .from(signInFailures)
        .where(
          and(
            inArray(
              signInFailures.username,
              rows.map((r) => r.username),
            ),
            gt(signInFailures.lockedUntil, now),
          ),
        )
    : [];
  const locked = new Set(lockedNames.map((r) => r.username));
  return rows.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    disabled: u.disabled,
    mustChangePassword: u.mustChangePassword,
    locked: locked.has(u.username),
    assignments: assignments
      .filter((a) => a.userId === u.id)
      .map(({ assignmentId, role, id, code, name, shortName }) => ({
        id: assignmentId,
        role,
        orgUnit: { id, code, name, shortName },
      })),
    version: u.version,
  }));
}

export async function getUser(db: Executor, userId: string): Promise<TUser> {
  const rows = await db.select().from(users).where(eq(users.id, userId));
  if (!rows.length) throw notFound(RESOURCE_NAMES.resource);
  return (await present(db, rows))[0]!;
}

/** Users whose roles sit in the reader's scope (or all), by username. */
export async function listUsers(options: {
  db: Executor;
  scope: ReadScope;
  q?: string;
  page: number;
  pageSize: number;
}): Promise<{ items: TUser[]; total: number }> {
  const { db, scope } = options;
  const inScope = scope.all
    ? undefined
    : sql`exists (select 1 from ${roleAssignments} ra where ra.user_id = ${users.id} and ra.org_unit_id in ${
        scope.orgUnitIds.length ? scope.orgUnitIds : ['00000000-0000-0000-0000-000000000000']
      })`;
  const search = searchConditions(sql`f_search(${users.username} || ' ' || ${users.displayName})`, options.q);
  const rows = await db
    .select({ user: users, total: sql<number>`count(*) over ()` })
    .from(users)
    .where(sql.join([sql`true`, ...(inScope ? [inScope] : []), ...search], sql` and `))
    .orderBy(asc(users.username))
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize);
  return {
    items: await present(
      db,
      rows.map((r) => r.user),
    ),
    total: Number(rows[0]?.total ?? 0),
  };
}
