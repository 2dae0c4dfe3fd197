import { z } from 'zod';
import { ROLES } from '../roles';
import { ZRoleAssignment } from './auth';
import { id, page, ZPageQuery } from './fields';

export const ZUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  locked: z.boolean(),
  assignments: z.array(ZRoleAssignment.extend({ id: z.string() })),
  version: z.number().int(),
});
export type TUser = z.infer<typeof ZUser>;

export const ZUserList = page(ZUser);
export type TUserList = z.infer<typeof ZUserList>;

export const ZListUsersQuery = ZPageQuery.extend({
  q: z.string().max(100).optional(),
}).strict();

const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,50}$/, {
    message: 'Tên đăng nhập gồm 3–50 ký tự: chữ không dấu, số, dấu chấm, gạch.',
  });

export const ZCreateUserRequest = z.strictObject({
  username,
  displayName: z.string().trim().min(1).max(200),
  /** where reminders are e-mailed */
  email: z.email().max(254).nullable().optional(),
  /** temporary: the user must change it at first sign-in */
  password: z.string().min(1).max(200),
  assignments: z
    .array(z.strictObject({ role: z.enum(ROLES), orgUnitId: id }))
    .min(1)
    .max(20),
});
export type TCreateUserRequest = z.infer<typeof ZCreateUserRequest>;

export const ZResetPasswordRequest = z.strictObject({
  version: z.number().int().min(1),
  /** temporary: the user must change it at next sign-in */
  password: z.string().min(1).max(200),
});

export const ZChangePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});

export const ZAddAssignmentRequest = z.strictObject({
  /** the user's version the change is based on */
  version: z.number().int().min(1),
  role: z.enum(ROLES),
  orgUnitId: id,
});
export type TAddAssignmentRequest = z.infer<typeof ZAddAssignmentRequest>;

export const ZAssignmentParams = z.strictObject({ id: z.uuid(), assignmentId: z.uuid() });

export const ZRemoveAssignmentQuery = z.strictObject({
  version: z.coerce.number().int().min(1),
});
