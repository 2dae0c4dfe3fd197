/**
 * Who is asking, without asking the database again (issue 15): each app instance keeps the
 * sessions it served and their users' role assignments (with the org units each covers), and
 * checks one number per request — `cache_epoch`, moved at commit by any change to sessions,
 * users, role assignments, org units, indicators or plans (migration cache_epoch). When it moved,
 * the instance forgets everything and loads again, so a session or role revoked through any
 * instance takes effect on the next request everywhere. PGlite runs one instance, and the same
 * check costs it nothing but a call into the embedded database.
 *
 * A cached session is used for at most a minute after it was last seen: past that it is loaded
 * again (which also touches `last_seen_at`, as findActiveSession does at most once a minute), so
 * idle and absolute expiry stay as exact as they were.
 */
import type { DatabaseHandle } from '../../db/client';
import type { Actor, Assignment } from '../../policy';
import { type ActiveSession, findActiveSession, loadAssignments, type SessionSettings } from './sessions';

/** Sessions kept per instance; past this, the oldest are dropped (they load again when used). */
const MAX_SESSIONS = 20_000;
/** A cached session is trusted this long after it was last seen (the touch interval). */
const FRESH_MS = 60_000;

interface Entry {
  epoch: string;
  session: ActiveSession;
  assignments: Assignment[];
  /** when the database last saw it (ms) */
  seenAt: number;
  expiresAt: number;
}

/** A raw, prepared query on whichever driver: one round trip, no query builder. */
export function rawQuery(handle: DatabaseHandle) {
  const client = (handle.db as unknown as { $client: unknown }).$client;
  if (handle.kind === 'postgresql') {
    const pool = client as PgPool;
    return async <T>(name: string, text: string, values: unknown[] = []) =>
      (await pool.query({ name, text, values })).rows as T[];
  }
  const pglite = client as Pglite;
  return async <T>(_name: string, text: string, values: unknown[] = []) =>
    (await pglite.query(text, values)).rows as T[];
}
type PgPool = {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
};
type Pglite = { query(text: string, values: unknown[]): Promise<{ rows: unknown[] }> };

export interface SessionCache {
  /** the epoch read by the last call of `epoch()` (null before the first) */
  readonly lastEpoch: string | null;
  /** the current epoch, one round trip; drops the caches when it moved */
  epoch(): Promise<string>;
  /** the live session behind a cookie token and its actor, or null */
  resolve(
    token: string,
    settings: SessionSettings,
    request: { ip: string | null; requestId: string | null },
  ): Promise<{ session: ActiveSession; actor: Actor } | null>;
  /**
   * The epoch an actor's session and roles were checked against (null: not from this cache): a
   * write that relies on cached state passes it to the database, which refuses it if it moved.
   */
  epochOf(actor: Actor): string | null;
  /** forget one token at once (this instance's own sign-out) */
  forget(token: string): void;
  /** entries held, for tests */
  size(): number;
}

export function createSessionCache(handle: DatabaseHandle): SessionCache {
  const query = rawQuery(handle);
  const entries = new Map<string, Entry>();
  const epochs = new WeakMap<Actor, string>();
  let current: string | null = null;

  async function epoch(): Promise<string> {
    const [row] = await query<{ epoch: string }>(
      'cache_epoch',
      'select epoch::text as epoch from cache_epoch where id',
    );
    const now = row?.epoch ?? '0';
    if (now !== current) {
      entries.clear();
      current = now;
    }
    return now;
  }

  return {
    get lastEpoch() {
      return current;
    },
    epoch,
    async resolve(token, settings, request) {
      const seen = await epoch();
      const now = Date.now();
      let entry = entries.get(token);
      if (
        !entry ||
        entry.epoch !== seen ||
        now - entry.seenAt >= FRESH_MS ||
        now >= entry.expiresAt ||
        now >= entry.session.idleExpiresAt.getTime()
      ) {
        entries.delete(token);
        const session = await findActiveSession(handle.db, token, settings);
        if (!session) return null;
        entry = {
          epoch: seen,
          session,
          assignments: await loadAssignments(handle.db, session.user.id),
          seenAt: session.idleExpiresAt.getTime() - settings.idleMinutes * 60_000,
          expiresAt: session.expiresAt.getTime(),
        };
        // kept only if nothing moved the epoch meanwhile (another request saw a newer one)
        if (current === seen) {
          if (entries.size >= MAX_SESSIONS) entries.delete(entries.keys().next().value!);
          entries.set(token, entry);
        }
      }
      const actor: Actor = {
        userId: entry.session.user.id,
        name: entry.session.user.displayName,
        assignments: entry.assignments,
        ip: request.ip,
        requestId: request.requestId,
      };
      epochs.set(actor, entry.epoch);
      return { session: entry.session, actor };
    },
    epochOf: (actor) => epochs.get(actor) ?? null,
    forget(token) {
      entries.delete(token);
    },
    size: () => entries.size,
  };
}
