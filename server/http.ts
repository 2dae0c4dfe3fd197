import { z } from 'zod';
import { ZProblem } from '../common/problem';

/**
 * Problem responses documented on every route (the error handler produces them). The OpenAPI
 * document adds what the app's own hooks answer on any route (server/openapi.ts): 401 and 403
 * before a route that needs a session, 404 for a malformed id in the path, 413 and 415 for a
 * body, 500 and 503.
 */
export const problemResponses = {
  400: ZProblem,
  404: ZProblem,
  409: ZProblem,
  422: ZProblem,
} as const;

/** Signing in: wrong credentials or code (401), a disabled account (403), locked (423), too many attempts from one address (429). */
export const signInProblemResponses = {
  ...problemResponses,
  401: ZProblem,
  403: ZProblem,
  423: ZProblem,
  429: ZProblem,
} as const;

/** A file sent as the raw body: over the route's limit (413), not a type it reads (415). */
export const uploadProblemResponses = {
  ...problemResponses,
  413: ZProblem,
  415: ZProblem,
} as const;

export const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  csv: 'text/csv',
  octetStream: 'application/octet-stream',
} as const;

/** Bytes, as OpenAPI 3.0 writes a file. */
const ZFileContent = z.any().meta({ type: 'string', format: 'binary' });

/**
 * A file answer, documented as binary of its content type(s) rather than JSON. Routes send it as
 * a buffer or a stream, which Fastify passes through without the serializer.
 */
export const fileResponse = (description: string, ...contentTypes: [string, ...string[]]) => ({
  description,
  content: Object.fromEntries(contentTypes.map((type) => [type, { schema: ZFileContent }])),
});

export const ZIdParams = z.strictObject({ id: z.uuid() });
export const ZPlanIdParams = z.strictObject({ planId: z.uuid() });
