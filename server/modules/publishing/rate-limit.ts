/**
 * Requests per client address on the public site and API, in fixed windows, in memory: the public
 * pages are the only ones anyone can hammer without an account, and one process serves them (a
 * deployment with several instances divides nothing — each keeps its own count, which only makes
 * the limit looser). Sign-in keeps its own, database-backed count (identity/service.ts).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors/app-error';

export interface RateLimitSettings {
  /** requests allowed per window and address */
  max: number;
  windowSeconds: number;
}

/** 300 a minute: a person reading, or a script downloading every dataset, stays far below it. */
export const DEFAULT_PUBLIC_RATE_LIMIT: RateLimitSettings = { max: 300, windowSeconds: 60 };
/** addresses remembered at most; the oldest windows are dropped first */
const MAX_ADDRESSES = 50_000;

export function createRateLimiter(settings: RateLimitSettings = DEFAULT_PUBLIC_RATE_LIMIT) {
  const windows = new Map<string, { start: number; count: number }>();
  const windowMs = settings.windowSeconds * 1000;
  return async function limit(request: FastifyRequest, reply: FastifyReply) {
    const now = Date.now();
    const ip = request.ip ?? 'unknown';
    let entry = windows.get(ip);
    if (!entry || now - entry.start >= windowMs) {
      windows.delete(ip);
      if (windows.size >= MAX_ADDRESSES) windows.delete(windows.keys().next().value!);
      entry = { start: now, count: 0 };
      windows.set(ip, entry);
    }
    entry.count++;
    reply.header('ratelimit-limit', String(settings.max));
    reply.header('ratelimit-remaining', String(Math.max(0, settings.max - entry.count)));
    if (entry.count > settings.max) {
      const seconds = Math.max(1, Math.ceil((entry.start + windowMs - now) / 1000));
      reply.header('retry-after', String(seconds));
      throw new AppError('rate_limited', { params: { seconds } });
    }
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
