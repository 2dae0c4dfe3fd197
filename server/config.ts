import path from 'node:path';
import { z } from 'zod';

/** Environment configuration, validated once at start. Each variable is listed in the README. */
const ZEnv = z.object({
  /** HTTP port of the app (API and web). */
  PORT: z.coerce.number().int().min(1).max(65535).default(8057),
  /** Interface to listen on. */
  HOST: z.string().default('0.0.0.0'),
  /** Folder of the embedded PGlite database (ignored when DATABASE_URL is set). */
  DATA_DIR: z.string().default('./data'),
  /** Folder of evidence files, stored by SHA-256 (default: DATA_DIR/evidence). */
  EVIDENCE_DIR: z.string().optional(),
  /** Largest evidence file accepted, in MB. */
  EVIDENCE_MAX_MB: z.coerce.number().int().min(1).max(500).default(20),
  /** postgres://… of a PostgreSQL 15+ server; when unset the embedded PGlite database is used. */
  DATABASE_URL: z.string().url().optional(),
  /** Maximum connections in the PostgreSQL pool. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Load the demo province and plan into an empty database at start ("false" to start empty). */
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  /** Log level: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Password of the demo users (README lists them). Change it, or the app refuses to start in production. */
  DEMO_PASSWORD: z.string().min(1).default('LoTrinh@2026'),
  /** Minutes a session may stay idle before it ends. */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(120),
  /** Hours after sign-in when a session ends however active it is. */
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /**
   * Behind a reverse proxy (nginx, a load balancer): which proxies to believe for the client's
   * address and protocol (X-Forwarded-For / -Proto). "false" (default), "true" (any), or
   * addresses/CIDRs separated by commas, e.g. "127.0.0.1,10.0.0.0/8". The session cookie is Secure when the
   * request came over HTTPS, so a proxy that ends TLS must be trusted here.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v): boolean | string => (v === 'true' ? true : v === 'false' ? false : v)),
  /** "production" turns on the checks that refuse unsafe settings (demo passwords). */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /**
   * Mail server for reminders: smtp://user:pass@host:587 (STARTTLS when the server offers it) or
   * smtps://user:pass@host:465 (TLS from the start); URL-encode special characters of the password.
   * Unset or empty: e-mail is off and messages are skipped.
   */
  SMTP_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .url()
      .refine((v) => /^smtps?:\/\//.test(v), 'must start with smtp:// or smtps://')
      .optional(),
  ),
  /** Sender of the app's e-mail: an address, or "Name <address>". */
  MAIL_FROM: z.string().min(3).default('Lộ Trình <no-reply@localhost>'),
  /** Folder of the built web app served at / (built by `npm run build`). */
  WEB_DIST_DIR: z.string().default(path.resolve(import.meta.dirname, '../web/dist')),
});

export type AppConfig = z.infer<typeof ZEnv>;

export type MailConfig = Pick<AppConfig, 'SMTP_URL' | 'MAIL_FROM'>;

/** Only the mail settings, read when a message is sent (tests point SMTP_URL at their own server). */
export function loadMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
  return parseEnv(ZEnv.pick({ SMTP_URL: true, MAIL_FROM: true }), env);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return parseEnv(ZEnv, env);
}

function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Cấu hình không hợp lệ (invalid configuration):\n${lines.join('\n')}`);
  }
  return parsed.data;
}
