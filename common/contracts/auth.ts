import { z } from 'zod';
import { ABILITIES, ROLES } from '../roles';
import { ZOrgUnitRef } from './fields';

export const ZLoginRequest = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

export const ZRoleAssignment = z.object({
  role: z.enum(ROLES),
  /** the subtree this role applies to */
  orgUnit: ZOrgUnitRef,
});
export type TRoleAssignment = z.infer<typeof ZRoleAssignment>;

export const ZMe = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    mustChangePassword: z.boolean(),
  }),
  assignments: z.array(ZRoleAssignment),
  abilities: z.array(z.enum(ABILITIES)),
  /** send back as the `x-csrf-token` header on every POST/PATCH/PUT/DELETE */
  csrfToken: z.string(),
  /** when the session ends if left idle (ISO time) */
  idleExpiresAt: z.string(),
});
export type TMe = z.infer<typeof ZMe>;
