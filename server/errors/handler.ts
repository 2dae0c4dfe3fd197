import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { TFieldError, TProblem } from '../../common/problem';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable, unavailableReason } from '../db/unavailable';
import { recordSecurityDenial, securityDenialKind } from '../modules/audit/security';
import { EvidenceStoreError } from '../modules/evidence/store';
import { AppError, type MessageParam, RESOURCE_NAMES } from './app-error';
import { ERROR_CATALOGUE, formatMessage, type Language } from './catalogue';
import { describeIssue } from './validation';

export function requestLanguage(request: FastifyRequest): Language {
  return /^en\b/i.test(request.headers['accept-language'] ?? '') ? 'en' : 'vi';
}

/** PostgreSQL SQLSTATE of an error, looking through driver wrappers (drizzle keeps it in `cause`). */
export function sqlState(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  switch (sqlState(error)) {
    case '23505':
      return new AppError('duplicate', { params: { field: { vi: 'Mã', en: 'Code' }, value: '' } });
    case '23503':
      return new AppError('unknown_reference', { params: { field: '' } });
    case '40001':
    case '40P01':
      return new AppError('version_conflict', { params: { version: '?' } });
    // Characters PostgreSQL cannot store (NUL in text, \u0000 in JSON): the input's fault, whatever
    // path let it through the request checks.
    case '22021':
    case '22P05':
      return new AppError('bad_request', {
        params: {
          reason: {
            vi: 'dữ liệu chứa ký tự không được phép (ký tự điều khiển).',
            en: 'the data contains characters that are not allowed (control characters).',
          },
        },
      });
    default:
      return undefined;
  }
}

/** A size limit as people read it: "20 MB", "64 KB", else bytes ("1.000 byte" / "1,000 bytes"). */
export function sizeLimit(bytes: number): MessageParam {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / 1024 / 1024} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return {
    vi: `${bytes.toLocaleString('vi-VN')} byte`,
    en: `${bytes.toLocaleString('en-US')} bytes`,
  };
}

function send(reply: FastifyReply, problem: TProblem) {
  return reply.status(problem.status).type('application/problem+json').send(problem);
}

function problemOf(error: AppError, request: FastifyRequest): TProblem {
  const lang = requestLanguage(request);
  const entry = ERROR_CATALOGUE[error.code];
  const params = error.options.params ?? {};
  const detail = formatMessage(entry[lang], params, lang);
  const firstField = error.options.errors?.[0];
  return {
    type: `https://lotrinh.vn/problems/${error.code}`,
    title: detail,
    status: entry.status,
    code: error.code,
    // With one field error the detail names it, so a client that shows only `detail` is still precise.
    detail:
      firstField && error.code === 'validation_failed'
        ? `${firstField.field}: ${firstField.message}`
        : detail,
    instance: request.url,
    ...(error.options.errors && { errors: error.options.errors }),
    ...(error.options.conflicts && { conflicts: error.options.conflicts }),
    ...(error.options.current !== undefined && { current: error.options.current }),
  };
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const lang = requestLanguage(request);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const scope = error.validationContext ?? 'body';
      // A malformed id in the path names no resource that could exist: not found, like any unknown id.
      if (scope === 'params') {
        return send(
          reply,
          problemOf(new AppError('not_found', { params: { resource: RESOURCE_NAMES.resource } }), request),
        );
      }
      const errors: TFieldError[] = error.validation.flatMap((issue) =>
        describeIssue(
          {
            keyword: issue.keyword,
            instancePath: issue.instancePath,
            message: issue.message,
            params: issue.params,
          },
          scope,
          lang,
        ),
      );
      return send(reply, problemOf(new AppError('validation_failed', { errors }), request));
    }
    // (an evidence store that cannot be reached may carry the same socket codes: not the database)
    if (isDatabaseUnavailable(error) && !(error instanceof EvidenceStoreError)) {
      // down or restarting: nothing was done, and the same request will work in a few seconds
      request.log.warn(`database unavailable: ${unavailableReason(error)}`);
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
      return send(reply, problemOf(new AppError('database_unavailable'), request));
    }
    const appError = toAppError(error);
    if (appError) {
      // Refusals (403, the policy's 404 for another unit's record, CSRF, locked or capped sign-in)
      // are audited, collapsed per actor and minute; best-effort.
      const denial = securityDenialKind(appError);
      if (denial) await recordSecurityDenial(app.database.db, request, denial);
      return send(reply, problemOf(appError, request));
    }
    if (error.statusCode === 413 || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return send(
        reply,
        problemOf(
          // the route's own limit (evidence files: EVIDENCE_MAX_MB), else the app's
          new AppError('payload_too_large', {
            params: { limit: sizeLimit(request.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 0) },
          }),
          request,
        ),
      );
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return send(reply, problemOf(new AppError('unsupported_media_type'), request));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own client errors (malformed JSON, empty body…): keep the status, hide internals.
      const problem = problemOf(new AppError('bad_request', { params: { reason: error.message } }), request);
      return send(reply, { ...problem, status: error.statusCode });
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, problemOf(new AppError('internal'), request));
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, problemOf(new AppError('route_not_found', { params: { route: request.url } }), request)),
  );
}
