import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/** Unset and empty are the same: `S3_BUCKET=` in an env file means "not given". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** Environment configuration, validated once at start. Each variable is listed in the README. */
const ZEnv = z.object({
  /** HTTP port of the app (API and web). */
  PORT: z.coerce.number().int().min(1).max(65535).default(8057),
  /** Interface to listen on. */
  HOST: z.string().default('0.0.0.0'),
  /** Folder of the embedded PGlite database (ignored when DATABASE_URL is set). */
  DATA_DIR: z.string().default('./data'),
  /** Where evidence files are kept: "disk" (EVIDENCE_DIR) or "s3" (an S3-compatible bucket, S3_* below). */
  EVIDENCE_STORE: z.enum(['disk', 's3']).default('disk'),
  /** Folder of evidence files, stored by SHA-256 (default: DATA_DIR/evidence). */
  EVIDENCE_DIR: z.string().optional(),
  /** Largest evidence file accepted, in MB. */
  EVIDENCE_MAX_MB: z.coerce.number().int().min(1).max(500).default(20),
  /** Address of the S3-compatible server, e.g. https://s3.ap-southeast-1.amazonaws.com or http://minio:9000. */
  S3_ENDPOINT: optional(z.url({ protocol: /^https?$/ })),
  /** Region the requests are signed for; servers that have none (MinIO) accept the default. */
  S3_REGION: z.string().min(1).default('us-east-1'),
  /** Bucket of the evidence files (created beforehand; the app does not create it). */
  S3_BUCKET: optional(z.string().min(3).max(63)),
  /** Access key with s3:GetObject and s3:PutObject on the bucket. */
  S3_ACCESS_KEY_ID: optional(z.string()),
  /** Its secret; never logged. */
  S3_SECRET_ACCESS_KEY: optional(z.string()),
  /** "true" (default): endpoint/bucket/key, as MinIO and most servers on premises want; "false": bucket.endpoint/key. */
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
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
   * address and protocol (X-Forwarded-For / -Proto). "false" (default): none; the proxies'
   * addresses/CIDRs separated by commas, e.g. "127.0.0.1,10.0.0.0/8"; or the number of proxies in
   * front of the app (a hop count, e.g. "1"). Not "true": believing anyone lets a client forge its
   * address and escape the per-address cap on failed sign-ins. The session cookie is Secure when
   * the request came over HTTPS, so a proxy that ends TLS must be trusted here.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .default('false')
    .transform((v, ctx): false | number | string => {
      if (v === 'false') return false;
      if (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 10) return Number(v);
      if (v !== '' && v.split(',').every((entry) => isAddressOrCidr(entry.trim()))) return v;
      ctx.addIssue({
        code: 'custom',
        message:
          v === 'true'
            ? '"true" tin mọi nguồn, cho phép giả mạo địa chỉ qua X-Forwarded-For; hãy ghi địa chỉ/CIDR của proxy (vd "10.0.0.5,10.1.0.0/16") hoặc số proxy đứng trước (vd "1") ' +
              '("true" trusts anyone and lets X-Forwarded-For be forged; give the proxies\' addresses/CIDRs or a hop count)'
            : '"false", địa chỉ/CIDR của proxy cách nhau bởi dấu phẩy, hoặc số proxy từ 1 đến 10 ' +
              '("false", the proxies\' addresses/CIDRs separated by commas, or a hop count from 1 to 10)',
      });
      return z.NEVER;
    }),
  /**
   * Requests a minute one client address may make to the public portal (/cong-khai and
   * /api/public); more get 429 with Retry-After until the minute is over.
   */
  PUBLIC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(300),
  /**
   * Secret key (32+ characters, e.g. `openssl rand -hex 32`) that signs checkpoints of the audit
   * chain head; kept outside the database. Required in production; elsewhere a fixed development key.
   */
  AUDIT_HMAC_KEY: optional(z.string().min(32, 'ít nhất 32 ký tự (at least 32 characters)')),
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
  /**
   * Optional model that rewords a round's synthesis: the base URL of an OpenAI-compatible server
   * (Ollama http://localhost:11434, vLLM, llama.cpp server, a remote service), e.g.
   * http://localhost:11434 — /v1/chat/completions is appended. Unset: no text leaves the server.
   */
  SYNTHESIS_MODEL_URL: optional(z.url({ protocol: /^https?$/ })),
  /** The model's name on that server, e.g. "qwen2.5:7b-instruct". */
  SYNTHESIS_MODEL_NAME: z.string().min(1).default('qwen2.5:7b-instruct'),
  /** Bearer key of the model server, if it wants one; never logged. */
  SYNTHESIS_MODEL_API_KEY: optional(z.string()),
  /** Milliseconds one request to the model may take (each of the two tries). */
  SYNTHESIS_MODEL_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
  /** Folder of the built web app served at / (built by `npm run build`). */
  WEB_DIST_DIR: z.string().default(path.resolve(import.meta.dirname, '../web/dist')),
});

/** Settings that only matter together: the S3 ones once EVIDENCE_STORE=s3. */
const ZConfig = ZEnv.superRefine((env, ctx) => {
  refuseMissingAuditKey(env, ctx);
  if (env.EVIDENCE_STORE !== 's3') return;
  for (const key of ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
    if (env[key] === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: 'bắt buộc khi EVIDENCE_STORE=s3 (required when EVIDENCE_STORE=s3)',
      });
    }
  }
});

/** An IPv4/IPv6 address, optionally with a /prefix (what proxy-addr accepts for trustProxy). */
function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (!version || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d+$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

export type AppConfig = z.infer<typeof ZConfig>;

export type MailConfig = Pick<AppConfig, 'SMTP_URL' | 'MAIL_FROM'>;

/** Only the mail settings, read when a message is sent (tests point SMTP_URL at their own server). */
export function loadMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
  return parseEnv(ZEnv.pick({ SMTP_URL: true, MAIL_FROM: true }), env);
}

export type ModelConfig = Pick<
  AppConfig,
  'SYNTHESIS_MODEL_URL' | 'SYNTHESIS_MODEL_NAME' | 'SYNTHESIS_MODEL_API_KEY' | 'SYNTHESIS_MODEL_TIMEOUT_MS'
>;

/** Only the synthesis model's settings, read when a synthesis is drafted (tests point them at their own server). */
export function loadModelConfig(env: NodeJS.ProcessEnv = process.env): ModelConfig {
  return parseEnv(
    ZEnv.pick({
      SYNTHESIS_MODEL_URL: true,
      SYNTHESIS_MODEL_NAME: true,
      SYNTHESIS_MODEL_API_KEY: true,
      SYNTHESIS_MODEL_TIMEOUT_MS: true,
    }),
    env,
  );
}

/** Key of the audit checkpoints when AUDIT_HMAC_KEY is unset outside production: public, so never for production. */
export const DEVELOPMENT_AUDIT_HMAC_KEY = 'lotrinh-development-audit-hmac-key-not-for-production';

/** Production must sign audit checkpoints with its own key: a known key lets anyone forge them. */
function refuseMissingAuditKey(
  env: { NODE_ENV: string; AUDIT_HMAC_KEY?: string | undefined },
  ctx: z.RefinementCtx,
) {
  if (
    env.NODE_ENV === 'production' &&
    (!env.AUDIT_HMAC_KEY || env.AUDIT_HMAC_KEY === DEVELOPMENT_AUDIT_HMAC_KEY)
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['AUDIT_HMAC_KEY'],
      message: 'bắt buộc khi NODE_ENV=production (required when NODE_ENV=production)',
    });
  }
}

/** The key that signs audit checkpoints, read where it is used (sequencer, export, audit:verify). */
export function loadAuditConfig(env: NodeJS.ProcessEnv = process.env): { hmacKey: string } {
  const parsed = parseEnv(
    ZEnv.pick({ AUDIT_HMAC_KEY: true, NODE_ENV: true }).superRefine(refuseMissingAuditKey),
    env,
  );
  return { hmacKey: parsed.AUDIT_HMAC_KEY ?? DEVELOPMENT_AUDIT_HMAC_KEY };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return parseEnv(ZConfig, env);
}

function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Cấu hình không hợp lệ (invalid configuration):\n${lines.join('\n')}`);
  }
  return parsed.data;
}
