/**
 * Conditional GETs for the dashboard: every answer carries a weak ETag made of the data version
 * (queries/data-version.ts: two index lookups), the day, the reader and the address. A poll that
 * sends it back in If-None-Match while nothing changed gets 304 before any panel query runs; a
 * change committed a moment ago changes the version, so the next poll gets the new figures.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Executor } from '../../db/client';
import { getDataVersion, type TDataVersion } from './queries/data-version';

export type Freshness = { unchanged: true } | { unchanged: false; version: TDataVersion };

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  // weak comparison (RFC 9110 §8.8.3.2): W/ is ignored on both sides
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare);
}

/** Sets ETag and Cache-Control; `unchanged` when the caller's copy is still current (answer 304). */
export async function checkFreshness(
  db: Executor,
  request: FastifyRequest,
  reply: FastifyReply,
  today: string,
): Promise<Freshness> {
  const version = await getDataVersion(db);
  const tag = createHash('sha256')
    .update([version.audit, version.values, today, request.actor.userId ?? '', request.url].join('\n'))
    .digest('base64url')
    .slice(0, 27);
  const etag = `W/"${tag}"`;
  // the browser keeps the answer but asks again every time (with If-None-Match)
  reply.header('etag', etag).header('cache-control', 'private, no-cache');
  if (matches(request.headers['if-none-match'], etag)) return { unchanged: true };
  return { unchanged: false, version };
}
