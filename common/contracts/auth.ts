import { z } from 'zod';
import { ABILITIES, ROLES } from '../roles';
import { ZOrgUnitRef } from './fields';

/** A TOTP code as an authenticator app shows it: 6 digits (spaces around are ignored). */
export const ZOtpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, { message: 'Mã xác thực gồm 6 chữ số.' });

export const ZLoginRequest = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
  /** the authenticator app's current code; needed when the account has two-step verification on */
  otp: ZOtpCode.optional(),
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
    /** two-step verification (TOTP) is on: sign-in asks for a code */
    totpEnabled: z.boolean(),
    /** an administrator without two-step verification: nothing but setting it up until it is on */
    mustEnrollTotp: z.boolean(),
    /** two-step verification may not be turned off (the policy's mustUseSecondFactor: administrators) */
    totpRequired: z.boolean(),
  }),
  /** each with the abilities it gives (abilities below: what all of them give together) */
  assignments: z.array(ZRoleAssignment.extend({ abilities: z.array(z.enum(ABILITIES)) })),
  abilities: z.array(z.enum(ABILITIES)),
  /** send back as the `x-csrf-token` header on every POST/PATCH/PUT/DELETE */
  csrfToken: z.string(),
  /** when the session ends if left idle (ISO time) */
  idleExpiresAt: z.string(),
});
export type TMe = z.infer<typeof ZMe>;

/** A new, not yet enabled TOTP secret: scan the QR image or type the secret into an authenticator app. */
export const ZTotpSetup = z.object({
  /** base32, for typing in by hand */
  secret: z.string(),
  /** `otpauth://totp/Lộ Trình:<username>?secret=…` */
  otpauthUri: z.string(),
  /** the URI as a QR code: a `data:image/svg+xml;base64,…` URL for an <img> */
  qrDataUrl: z.string(),
});
export type TTotpSetup = z.infer<typeof ZTotpSetup>;

/** Turns the pending secret on: the code it currently gives proves the app holds it. */
export const ZTotpConfirmRequest = z.strictObject({ code: ZOtpCode });
export type TTotpConfirmRequest = z.infer<typeof ZTotpConfirmRequest>;

/** Turns two-step verification off (not allowed to administrators); the password confirms it is the owner. */
export const ZTotpDisableRequest = z.strictObject({ password: z.string().min(1).max(200) });
export type TTotpDisableRequest = z.infer<typeof ZTotpDisableRequest>;
