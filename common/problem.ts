import { z } from 'zod';

/** Stable error codes. Messages (vi, en) live in server/errors/catalogue.ts. */
export const ERROR_CODES = [
  'unauthenticated',
  'forbidden',
  'csrf_failed',
  'invalid_credentials',
  'account_locked',
  'account_disabled',
  'password_change_required',
  'too_many_attempts',
  'rate_limited',
  'otp_required',
  'otp_invalid',
  'totp_enrollment_required',
  'totp_already_enabled',
  'validation_failed',
  'not_found',
  'route_not_found',
  'version_conflict',
  'duplicate',
  'tree_cycle',
  'org_unit_in_use',
  'item_has_children',
  'unknown_reference',
  'invalid_reference',
  'report_not_editable',
  'value_locked',
  'round_closed',
  'invalid_transition',
  'round_open',
  'payload_too_large',
  'unsupported_media_type',
  'unsupported_file',
  'file_limit_exceeded',
  'bad_request',
  'database_unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ZFieldError = z.object({
  /** dotted path of the failing field, e.g. "title" or "cooperatorIds.2" */
  field: z.string(),
  message: z.string(),
  code: z.string(),
});
export type TFieldError = z.infer<typeof ZFieldError>;

/** RFC 9457 problem details, as every error response of the API. */
export const ZProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.enum(ERROR_CODES),
  detail: z.string(),
  instance: z.string().optional(),
  errors: z.array(ZFieldError).optional(),
  /** resources that block the request, e.g. tasks still led by an org unit */
  conflicts: z.array(z.object({ id: z.string(), code: z.string().optional(), title: z.string() })).optional(),
  /** the current state when a write was based on an old version */
  current: z.unknown().optional(),
});
export type TProblem = z.infer<typeof ZProblem>;
