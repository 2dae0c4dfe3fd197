import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../../db/client';
import { rowsOf } from '../../db/sql';
import type { AppError } from '../../errors/app-error';
import { ERROR_CATALOGUE } from '../../errors/catalogue';
import { auditChange } from './service';

/**
 * Refusals worth an auditor's eye: the problem codes of denied permission, CSRF, locked or capped
 * sign-in, and the 404 with which the policy hides another unit's record (an ordinary "not found"
 * of a missing record is not one).
 */
export const SECURITY_DENIAL_KINDS = [
  'forbidden',
  'not_found',
  'csrf_failed',
  'account_locked',
  'too_many_attempts',
] as const;
export type SecurityDenialKind = (typeof SECURITY_DENIAL_KINDS)[number];

/** The kind of refusal an error is, or null when it is none. */
export function securityDenialKind(error: AppError): SecurityDenialKind | null {
  if (error.code === 'not_found') return error.options.deniedByPolicy ? 'not_found' : null;
  return (SECURITY_DENIAL_KINDS as readonly string[]).includes(error.code)
    ? (error.code as SecurityDenialKind)
    : null;
}

/** Who is refused: the user when signed in, else the client address (anonymous, failed sign-ins). */
export function securityActorKey(actor: { userId: string | null; ip: string | null }): string {
  return actor.userId ? `user:${actor.userId}` : `ip:${actor.ip ?? 'unknown'}`;
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/**
 * Audits a refused request, collapsed per actor, minute and kind so that a flood cannot bury the
 * log: every refusal adds one to its `security_event_counters` row, and only the first of a minute
 * writes a `security.denied` event (the viewer shows the row's count beside it). Best-effort: a
 * failure to record is logged and the refusal is answered as it was, never turned into a 500.
 */
export async function recordSecurityDenial(
  db: Database,
  request: FastifyRequest,
  kind: SecurityDenialKind,
): Promise<void> {
  const status = ERROR_CATALOGUE[kind].status;
  try {
    const actor = request.actor;
    const actorKey = securityActorKey(actor);
    const body = request.body as { username?: unknown } | undefined;
    const username =
      (kind === 'account_locked' || kind === 'too_many_attempts') && typeof body?.username === 'string'
        ? clip(body.username.trim().toLowerCase(), 200)
        : undefined;
    const route = request.routeOptions?.url ?? request.url;
    await db.transaction(async (tx) => {
      const [counter] = rowsOf<{ count: number; minute: string }>(
        await tx.execute(sql`
          insert into security_event_counters (actor_key, minute, kind)
          values (${actorKey}, date_trunc('minute', now()), ${kind})
          on conflict (actor_key, minute, kind)
            do update set count = security_event_counters.count + 1
          returning count,
            to_char(minute at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as minute`),
      );
      if (Number(counter?.count) !== 1) return;
      await auditChange(
        tx,
        // a refused sign-in is named by the submitted name, like auth.login_failed
        username && actor.userId === null && username.length ? { ...actor, name: username } : actor,
        'security.denied',
        { type: 'request', id: clip(`${request.method} ${route}`, 200) },
        {
          after: {
            kind,
            status,
            method: request.method,
            url: clip(request.url, 500),
            minute: counter!.minute,
            actorKey,
            ...(username !== undefined && { username }),
          },
        },
      );
    });
  } catch (err) {
    request.log.error({ err }, 'could not audit a refused request');
  }
}
