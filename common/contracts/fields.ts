import { z } from 'zod';

/**
 * C0 control characters other than tab, line feed and carriage return, and DEL. PostgreSQL refuses
 * NUL in text outright (a 500 if it reached the database), and none of them belongs in what people
 * type; the server refuses them in every request string too (server/app.ts), these give the form
 * the same message first.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
export const CONTROL_CHARACTER_ISSUE = 'control_character';
export const CONTROL_CHARACTER_MESSAGE = 'Không được chứa ký tự điều khiển.';

/** A string without control characters (tab and line breaks allowed). */
export const plainString = () =>
  z.string().refine((s) => !CONTROL_CHARACTERS.test(s), {
    message: CONTROL_CHARACTER_MESSAGE,
    params: { code: CONTROL_CHARACTER_ISSUE },
  });

/** Trimmed, NFC-normalised text with a length limit (the limit appears in the error message). */
export const text = (max: number) =>
  plainString()
    .max(max)
    .transform((s) => s.normalize('NFC').trim());

/** Required text: at least one character after trimming. */
export const requiredText = (max: number) =>
  plainString()
    .trim()
    .min(1)
    .max(max)
    .transform((s) => s.normalize('NFC'));

/** Optional text that may be cleared with null or an empty string. */
export const optionalText = (max: number) =>
  plainString()
    .max(max)
    .transform((s) => s.normalize('NFC').trim() || null)
    .nullable()
    .optional();

/**
 * A link a person will click: http or https only (no javascript:, data:, file:…), with a host;
 * intranet addresses (http://10.0.0.5/…) are links too.
 * The web app renders links harmless anyway; this keeps such addresses out of the records.
 */
export const webLink = (max: number) =>
  z
    .url({ protocol: /^https?$/, error: 'Chỉ chấp nhận liên kết bắt đầu bằng http:// hoặc https://.' })
    .max(max)
    .refine((s) => !CONTROL_CHARACTERS.test(s), {
      message: CONTROL_CHARACTER_MESSAGE,
      params: { code: CONTROL_CHARACTER_ISSUE },
    });

export const isoDate = z.iso.date();
export const id = z.uuid();

/** Query-string boolean: "true" / "false". */
export const queryBoolean = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Query-string list: "a,b,c" → ["a","b","c"], each checked against the given enum. */
export const queryList = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)));

export const ZPageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  order: z.enum(['asc', 'desc']).default('asc'),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

/** Optimistic concurrency: every change names the version it was based on. */
export const ZVersioned = z.strictObject({ version: z.number().int().min(1) });

/** A reference to an org unit, as embedded in other resources. */
export const ZOrgUnitRef = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
});
export type TOrgUnitRef = z.infer<typeof ZOrgUnitRef>;
