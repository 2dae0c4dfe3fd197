import { sql } from 'drizzle-orm';
import type { Executor, Transaction } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { chainHash, GENESIS_HASH, type SealedEvent, sealedEventColumns } from './hash';

export type AuditChainProblem = 'altered' | 'removed' | 'inserted';

/** What a verification failure can still say about the event it names (absent once removed). */
export interface AuditEventSummary {
  id: number;
  occurredAt: string;
  action: string;
  resourceType: string;
  resourceId: string | null;
}

export type AuditChainVerification =
  | {
      ok: true;
      /** chain entries checked */
      events: number;
      /** events committed but not linked yet: normal until the sequencer's next run */
      pending: number;
      lastChainSeq: number;
      /** record it elsewhere: a chain rewritten from start to end can only be caught against it */
      headHash: string;
    }
  | {
      ok: false;
      problem: AuditChainProblem;
      /** null when a chain entry vanished together with its event */
      eventId: number | null;
      chainSeq: number;
      /** Vietnamese, for people */
      message: string;
      event: AuditEventSummary | null;
    };

interface ChainRow extends Partial<SealedEvent> {
  seq: string;
  eventId: string;
  prevHash: string;
  hash: string;
  present: boolean;
}

interface Link {
  seq: number;
  eventId: number;
  hash: string;
  event: AuditEventSummary;
}

const PAGE = 2000;
/** how far back an entry whose link does not match looks for the entry it really follows */
const SPLICE_WINDOW = 256;

/**
 * Walks the chain in `chain_seq` order and recomputes every hash. Reports the first entry that
 * went wrong: `removed` (a gap in the numbering, or the entry's event is gone), `inserted` (an entry
 * that does not link to the one before it: spliced in or appended outside the sequencer; when the
 * next genuine entry links past it, the spliced one is named) or `altered` (the event no longer
 * matches its hash). Everything is append-only, so a keyset walk needs no snapshot.
 */
export function verifyAuditChain(db: Executor): Promise<AuditChainVerification> {
  return db.transaction(async (tx) => {
    // each page's cost estimate can exceed jit_above_cost: compiling would take longer than reading
    await tx.execute(sql`set local jit = off`);
    return walkChain(tx);
  });
}

async function walkChain(db: Transaction): Promise<AuditChainVerification> {
  const recent: Link[] = [];
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const rows = rowsOf<ChainRow>(
      await db.execute(sql`
        select c.chain_seq::text as "seq", c.event_id::text as "eventId", c.prev_hash as "prevHash",
          c.hash as "hash", e.id is not null as "present", ${sealedEventColumns}
        from audit_chain c left join audit_events e on e.id = c.event_id
        where c.chain_seq >= ${expectedSeq}
        order by c.chain_seq
        limit ${PAGE}`),
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      const eventId = Number(row.eventId);
      if (seq !== expectedSeq) {
        const orphan = await findUnlinkedEvent(db, prevHash, row.prevHash);
        return fail(
          'removed',
          orphan ? Number(orphan.id) : null,
          expectedSeq,
          orphan ? summary(orphan) : null,
        );
      }
      if (!row.present) return fail('removed', eventId, seq, null);
      const event = row as ChainRow & SealedEvent;
      if (row.prevHash !== prevHash) {
        const at = recent.findLastIndex((link) => link.hash === row.prevHash);
        const spliced = at >= 0 ? recent[at + 1] : undefined;
        if (spliced) return fail('inserted', spliced.eventId, spliced.seq, spliced.event);
        return fail('inserted', eventId, seq, summary(event));
      }
      if (chainHash(prevHash, event) !== row.hash) return fail('altered', eventId, seq, summary(event));
      recent.push({ seq, eventId, hash: row.hash, event: summary(event) });
      if (recent.length > SPLICE_WINDOW) recent.shift();
      prevHash = row.hash;
      expectedSeq++;
      count++;
    }
    if (rows.length < PAGE) break;
  }
  const [pending] = rowsOf<{ n: string }>(
    await db.execute(sql`
      select count(*)::text as "n" from audit_events e
      where not exists (select 1 from audit_chain c where c.event_id = e.id)`),
  );
  return { ok: true, events: count, pending: Number(pending!.n), lastChainSeq: count, headHash: prevHash };
}

/** An entry removed from the chain while its event stayed: the unlinked event whose hash the next entry names. */
async function findUnlinkedEvent(db: Executor, prevHash: string, missingHash: string) {
  const unlinked = rowsOf<SealedEvent>(
    await db.execute(sql`
      select ${sealedEventColumns} from audit_events e
      where not exists (select 1 from audit_chain c where c.event_id = e.id)
      order by e.id
      limit 10000`),
  );
  return unlinked.find((event) => chainHash(prevHash, event) === missingHash);
}

function summary(event: SealedEvent): AuditEventSummary {
  return {
    id: Number(event.id),
    occurredAt: event.occurredAt,
    action: event.action,
    resourceType: event.resourceType,
    resourceId: event.resourceId,
  };
}

function fail(
  problem: AuditChainProblem,
  eventId: number | null,
  chainSeq: number,
  event: AuditEventSummary | null,
): AuditChainVerification {
  const what = eventId === null ? `Mắt xích #${chainSeq}` : `Sự kiện #${eventId} (mắt xích #${chainSeq})`;
  const messages: Record<AuditChainProblem, string> = {
    altered: `${what} đã bị sửa sau khi được niêm phong: nội dung không còn khớp mã băm.`,
    removed:
      event || eventId === null
        ? `${what} đã bị gỡ khỏi chuỗi niêm phong.`
        : `${what} đã bị xoá khỏi nhật ký.`,
    inserted: `${what} đã bị chèn vào chuỗi niêm phong: nó không nối đúng với mắt xích trước hoặc sau.`,
  };
  return { ok: false, problem, eventId, chainSeq, message: messages[problem], event };
}
