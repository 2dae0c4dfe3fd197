import { sql } from 'drizzle-orm';
import { startBackgroundLoop } from '../../background-loop';
import { loadAuditConfig } from '../../config';
import type { Database, Transaction } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { writeCheckpoint } from './checkpoint';
import { chainHash, GENESIS_HASH, type SealedEvent, sealedEventColumns } from './hash';
import { auditChain } from './tables';

/** Advisory lock key of the sequencer ("LTAU"): one linker at a time across all app instances. */
export const AUDIT_SEQUENCER_LOCK = 0x4c54_4155;

export interface ChainPendingOptions {
  /** events linked per transaction */
  batchSize?: number;
  /** stop after this many (the rest waits for the next call) */
  maxEvents?: number;
  /**
   * `nextSinceTxId` of the previous complete call: only events of transactions at or after it can
   * still be unlinked. Absent: found with one scan of all unlinked events.
   */
  sinceTxId?: number;
}

export interface ChainPendingResult {
  chained: number;
  /** another sequencer held the lock: nothing was done */
  skipped: boolean;
  /** every event committed before the call is now linked */
  complete: boolean;
  /** pass back as `sinceTxId` to skip the scan next time */
  nextSinceTxId: number;
}

/**
 * The sequencer step: links committed, unlinked events into `audit_chain` in event-id order,
 * one batch per transaction, under `pg_try_advisory_xact_lock` so that of several instances only
 * one links at a time and the others skip. An event committed late with a lower id is linked
 * by a later call: chain order is linking order, and the hash covers the event id.
 *
 * Why `sinceTxId` is safe: every transaction below a snapshot's xmin has finished, so an event
 * that a complete call could not yet see belongs to a transaction at or above that xmin.
 */
export async function chainPendingEvents(
  db: Database,
  options: ChainPendingOptions = {},
): Promise<ChainPendingResult> {
  const batchSize = options.batchSize ?? 1000;
  const maxEvents = options.maxEvents ?? Number.POSITIVE_INFINITY;
  const since = options.sinceTxId ?? (await lowestPendingTxId(db));
  let chained = 0;
  // Batches continue after the last id linked, so a backlog is read once rather than once per
  // batch; a final pass from the start catches events committed late with lower ids.
  let afterId = 0;
  while (chained < maxEvents) {
    const limit = Math.min(batchSize, maxEvents - chained);
    const batch = await db.transaction((tx) => chainBatch(tx, since, afterId, limit));
    if (batch === 'locked') return { chained, skipped: true, complete: false, nextSinceTxId: since };
    chained += batch.chained;
    if (batch.chained === limit) {
      afterId = batch.lastEventId;
    } else if (afterId > 0) {
      afterId = 0;
    } else {
      return { chained, skipped: false, complete: true, nextSinceTxId: batch.snapshotXmin };
    }
  }
  return { chained, skipped: false, complete: false, nextSinceTxId: since };
}

/** Lowest transaction id an unlinked event may have, now or once in-flight writers commit. */
async function lowestPendingTxId(db: Database): Promise<number> {
  // one statement, one snapshot: unlinked visible events and the in-flight horizon agree
  const [row] = rowsOf<{ xmin: string; pending: string | null }>(
    await db.execute(sql`
      select (pg_snapshot_xmin(pg_current_snapshot())::text) as xmin,
        (select min(e.tx_id)::text from audit_events e
          where not exists (select 1 from audit_chain c where c.event_id = e.id)) as pending`),
  );
  const xmin = Number(row!.xmin);
  return row!.pending === null ? xmin : Math.min(xmin, Number(row!.pending));
}

async function chainBatch(
  tx: Transaction,
  sinceTxId: number,
  afterId: number,
  limit: number,
): Promise<'locked' | { chained: number; lastEventId: number; snapshotXmin: number }> {
  const [lock] = rowsOf<{ locked: boolean; xmin: string }>(
    await tx.execute(sql`
      select pg_try_advisory_xact_lock(${sql.raw(String(AUDIT_SEQUENCER_LOCK))}) as locked,
        (pg_snapshot_xmin(pg_current_snapshot())::text) as xmin`),
  );
  if (!lock!.locked) return 'locked';
  // the cost estimate of a backlog batch can exceed jit_above_cost: compiling would take longer than running
  await tx.execute(sql`set local jit = off`);
  // Read committed: these statements see everything committed before we got the lock. The lateral
  // probe (not NOT EXISTS, which the planner turns into a hash anti-join over the whole chain) costs
  // one index lookup per candidate, so a batch reads only the candidates.
  const [tail] = rowsOf<{ seq: string; hash: string }>(
    await tx.execute(
      sql`select chain_seq::text as seq, hash from audit_chain order by chain_seq desc limit 1`,
    ),
  );
  const pending = rowsOf<SealedEvent>(
    await tx.execute(sql`
      select ${sealedEventColumns} from audit_events e
        left join lateral (select 1 as linked from audit_chain c where c.event_id = e.id limit 1) l on true
      where e.tx_id >= ${sinceTxId} and e.id > ${afterId} and l.linked is null
      order by e.id
      limit ${limit}`),
  );
  let seq = tail ? Number(tail.seq) : 0;
  let prevHash = tail?.hash ?? GENESIS_HASH;
  const entries = pending.map((event) => {
    const hash = chainHash(prevHash, event);
    const entry = { chainSeq: ++seq, eventId: Number(event.id), prevHash, hash };
    prevHash = hash;
    return entry;
  });
  if (entries.length) await tx.insert(auditChain).values(entries);
  return {
    chained: entries.length,
    lastEventId: entries.at(-1)?.eventId ?? afterId,
    snapshotXmin: Number(lock!.xmin),
  };
}

export interface AuditSequencerOptions {
  /** pause between runs once caught up */
  intervalMs?: number;
  batchSize?: number;
  /** a failed run is reported here and retried after the interval */
  onError?: (error: unknown) => void;
  /** key of the signed checkpoints (default: AUDIT_HMAC_KEY) */
  hmacKey?: string;
  /** a checkpoint after this many newly linked entries (default 1000)… */
  checkpointEveryEvents?: number;
  /** …or once the head moved and the last checkpoint is this old (default one minute) */
  checkpointEveryMs?: number;
}

/**
 * Runs the sequencer in the background until the returned function is called; that function
 * resolves once the run in progress, if any, has finished. Runs back to back while behind. After
 * each run it signs a checkpoint of the head when enough entries or time have passed.
 */
export function startAuditSequencer(db: Database, options: AuditSequencerOptions = {}): () => Promise<void> {
  const intervalMs = options.intervalMs ?? 1000;
  const onError =
    options.onError ??
    ((error: unknown) => console.error('Bộ niêm phong nhật ký kiểm toán gặp lỗi (audit sequencer):', error));
  const hmacKey = options.hmacKey ?? loadAuditConfig().hmacKey;
  let sinceTxId: number | undefined;
  return startBackgroundLoop({
    name: 'Niêm phong nhật ký (audit sequencer)',
    intervalMs,
    firstDelayMs: 0,
    onError,
    run: async () => {
      const result = await chainPendingEvents(db, {
        sinceTxId,
        batchSize: options.batchSize,
        maxEvents: 20 * (options.batchSize ?? 1000),
      });
      sinceTxId = result.nextSinceTxId;
      if (!result.skipped) {
        await writeCheckpoint(db, hmacKey, {
          everyEvents: options.checkpointEveryEvents,
          everyMs: options.checkpointEveryMs,
        });
      }
      return result.complete || result.skipped ? intervalMs : 0;
    },
  });
}
