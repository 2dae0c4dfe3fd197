import { and, eq, inArray } from 'drizzle-orm';
import type { TAddAssignmentRequest, TCreateUserRequest } from '../../../common/contracts/users';
import type { Transaction } from '../../db/client';
import { AppError, assertVersion, notFound, RESOURCE_NAMES } from '../../errors/app-error';
import { type Actor, can } from '../../policy';
import { auditChange } from '../audit/service';
import { hashPassword, passwordProblem, verifyPassword } from '../identity/passwords';
import { revokeAllSessions } from '../identity/sessions';
import { roleAssignments, signInFailures, users } from '../identity/tables';
import { orgUnits } from '../org-units/tables';

function assertPasswordAcceptable(password: string, username: string, field: string) {
  const problem = passwordProblem(password, username);
  if (problem)
    throw new AppError('validation_failed', { errors: [{ field, code: 'weak_password', message: problem }] });
}

/** An administrator's reset or re-enabling also lifts a lockout on the name. */
const clearSignInFailures = (tx: Transaction, username: string) =>
  tx.delete(signInFailures).where(eq(signInFailures.username, username));

export async function createUser(options: {
  tx: Transaction;
  input: TCreateUserRequest;
  actor: Actor;
}): Promise<string> {
  const { tx, input, actor } = options;
  const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username));
  if (taken) {
    throw new AppError('duplicate', {
      params: { field: { vi: 'Tên đăng nhập', en: 'Username' }, value: input.username },
      errors: [
        { field: 'username', code: 'duplicate', message: `Tên đăng nhập "${input.username}" đã được dùng.` },
      ],
    });
  }
  assertPasswordAcceptable(input.password, input.username, 'password');
  const unitIds = [...new Set(input.assignments.map((a) => a.orgUnitId))];
  const found = await tx
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(inArray(orgUnits.id, unitIds), eq(orgUnits.active, true)));
  const missing = input.assignments.findIndex((a) => !found.some((f) => f.id === a.orgUnitId));
  if (missing >= 0) {
    const field = `assignments.${missing}.orgUnitId`;
    throw new AppError('unknown_reference', {
      params: { field },
      errors: [{ field, code: 'unknown_reference', message: 'Đơn vị không tồn tại hoặc đã lưu trữ.' }],
    });
  }
  const [user] = await tx
    .insert(users)
    .values({
      username: input.username,
      displayName: input.displayName,
      email: input.email ?? null,
      passwordHash: await hashPassword(input.password),
      mustChangePassword: true,
    })
    .returning({ id: users.id });
  await tx.insert(roleAssignments).values(input.assignments.map((a) => ({ userId: user!.id, ...a })));
  await auditChange(
    tx,
    actor,
    'user.create',
    { type: 'user', id: user!.id },
    {
      after: { username: input.username, displayName: input.displayName, assignments: input.assignments },
    },
  );
  return user!.id;
}

async function lockUser(tx: Transaction, userId: string, version?: number) {
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
  if (!user) throw notFound(RESOURCE_NAMES.resource);
  if (version !== undefined) assertVersion(user, version);
  return user;
}

/** Disabling ends every session at once; enabling also clears a lockout. */
export async function setUserDisabled(options: {
  tx: Transaction;
  userId: string;
  disabled: boolean;
  actor: Actor;
}) {
  const { tx, userId, disabled, actor } = options;
  const user = await lockUser(tx, userId);
  if (user.disabled === disabled) return;
  if (disabled && userId === actor.userId) {
    throw new AppError('invalid_reference', {
      params: {
        reason: {
          vi: 'Không thể tự vô hiệu hóa tài khoản của mình.',
          en: 'You cannot disable your own account.',
        },
      },
    });
  }
  await tx
    .update(users)
    .set({ disabled, version: user.version + 1, updatedAt: new Date() })
    .where(eq(users.id, userId));
  await clearSignInFailures(tx, user.username);
  if (disabled) await revokeAllSessions(tx, userId);
  await auditChange(
    tx,
    actor,
    disabled ? 'user.disable' : 'user.enable',
    { type: 'user', id: userId },
    {
      before: { disabled: user.disabled },
      after: { disabled },
    },
  );
}

/** An administrator sets a temporary password: sessions end, the user must change it at next sign-in. */
export async function resetPassword(options: {
  tx: Transaction;
  userId: string;
  version: number;
  password: string;
  actor: Actor;
}) {
  const { tx, userId, version, password, actor } = options;
  const user = await lockUser(tx, userId, version);
  assertPasswordAcceptable(password, user.username, 'password');
  await tx
    .update(users)
    .set({
      passwordHash: await hashPassword(password),
      mustChangePassword: true,
      version: user.version + 1,
      updatedAt: new Date(),
    })
    .where(eq(users.id, userId));
  await clearSignInFailures(tx, user.username);
  await revokeAllSessions(tx, userId);
  await auditChange(
    tx,
    actor,
    'user.reset_password',
    { type: 'user', id: userId },
    { after: { mustChangePassword: true } },
  );
}

/** The signed-in user changes their own password; their other sessions end. */
export async function changeOwnPassword(options: {
  tx: Transaction;
  actor: Actor;
  currentSessionHash: string;
  currentPassword: string;
  newPassword: string;
}) {
  const { tx, actor, currentPassword, newPassword } = options;
  const user = await lockUser(tx, actor.userId!);
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new AppError('validation_failed', {
      errors: [
        { field: 'currentPassword', code: 'wrong_password', message: 'Mật khẩu hiện tại không đúng.' },
      ],
    });
  }
  if (currentPassword === newPassword) {
    throw new AppError('validation_failed', {
      errors: [
        { field: 'newPassword', code: 'unchanged', message: 'Mật khẩu mới phải khác mật khẩu hiện tại.' },
      ],
    });
  }
  assertPasswordAcceptable(newPassword, user.username, 'newPassword');
  await tx
    .update(users)
    .set({
      passwordHash: await hashPassword(newPassword),
      mustChangePassword: false,
      version: user.version + 1,
      updatedAt: new Date(),
    })
    .where(eq(users.id, user.id));
  await revokeAllSessions(tx, user.id, options.currentSessionHash);
  await auditChange(tx, actor, 'auth.password_change', { type: 'user', id: user.id });
}

/** Gives a user one more role over an org unit; takes effect on their next request. */
export async function addAssignment(options: {
  tx: Transaction;
  userId: string;
  input: TAddAssignmentRequest;
  actor: Actor;
}) {
  const { tx, userId, input, actor } = options;
  const user = await lockUser(tx, userId, input.version);
  const [unit] = await tx
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(eq(orgUnits.id, input.orgUnitId), eq(orgUnits.active, true)));
  if (!unit) {
    throw new AppError('unknown_reference', {
      params: { field: 'orgUnitId' },
      errors: [
        { field: 'orgUnitId', code: 'unknown_reference', message: 'Đơn vị không tồn tại hoặc đã lưu trữ.' },
      ],
    });
  }
  const [held] = await tx
    .select({ id: roleAssignments.id })
    .from(roleAssignments)
    .where(
      and(
        eq(roleAssignments.userId, userId),
        eq(roleAssignments.role, input.role),
        eq(roleAssignments.orgUnitId, input.orgUnitId),
      ),
    );
  if (held) {
    throw new AppError('duplicate', {
      params: { field: { vi: 'Vai trò', en: 'Role' }, value: input.role },
      errors: [{ field: 'role', code: 'duplicate', message: 'Người dùng đã có vai trò này tại đơn vị này.' }],
    });
  }
  const [created] = await tx
    .insert(roleAssignments)
    .values({ userId, role: input.role, orgUnitId: input.orgUnitId })
    .returning({ id: roleAssignments.id });
  await tx
    .update(users)
    .set({ version: user.version + 1, updatedAt: new Date() })
    .where(eq(users.id, userId));
  await auditChange(
    tx,
    actor,
    'role.assign',
    { type: 'user', id: userId },
    { after: { assignmentId: created!.id, role: input.role, orgUnitId: input.orgUnitId } },
  );
}

/**
 * Takes one role away. A user keeps at least one role (disable the account instead), and an
 * administrator cannot remove their own admin role, so nobody locks the province out by accident.
 */
export async function removeAssignment(options: {
  tx: Transaction;
  userId: string;
  assignmentId: string;
  version: number;
  actor: Actor;
}) {
  const { tx, userId, assignmentId, version, actor } = options;
  const user = await lockUser(tx, userId, version);
  const held = await tx.select().from(roleAssignments).where(eq(roleAssignments.userId, userId));
  const target = held.find((a) => a.id === assignmentId);
  if (!target) throw notFound(RESOURCE_NAMES.resource);
  const refuse = (vi: string, en: string) => {
    throw new AppError('invalid_reference', { params: { reason: { vi, en } } });
  };
  if (held.length === 1) {
    refuse(
      'Người dùng phải có ít nhất một vai trò; hãy vô hiệu hóa tài khoản nếu không dùng nữa.',
      'A user keeps at least one role; disable the account instead.',
    );
  }
  // Nobody removes their own right to manage users (which roles give it is the policy's business).
  const remaining = {
    ...actor,
    assignments: actor.assignments.filter((a) => a.role !== target.role || a.orgUnitId !== target.orgUnitId),
  };
  if (userId === actor.userId && !can(remaining, 'create', { type: 'user' })) {
    refuse('Không thể tự gỡ vai trò quản trị của mình.', 'You cannot remove your own admin role.');
  }
  await tx.delete(roleAssignments).where(eq(roleAssignments.id, assignmentId));
  await tx
    .update(users)
    .set({ version: user.version + 1, updatedAt: new Date() })
    .where(eq(users.id, userId));
  await auditChange(
    tx,
    actor,
    'role.revoke',
    { type: 'user', id: userId },
    { before: { assignmentId, role: target.role, orgUnitId: target.orgUnitId } },
  );
}
