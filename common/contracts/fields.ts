import { z } from 'zod';

/** Trimmed, NFC-normalised text with a length limit (the limit appears in the error message). */
export const text = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.normalize('NFC').trim());

/** Required text: at least one character after trimming. */
export const requiredText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .transform((s) => s.normalize('NFC'));

/** Optional text that may be cleared with null or an empty string. */
export const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.normalize('NFC').trim() || null)
    .nullable()
    .optional();

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
