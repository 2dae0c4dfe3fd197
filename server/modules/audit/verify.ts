import { sql } from 'drizzle-orm';
import type { Executor, Transaction } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { type AuditCheckpoint, checkpointKeyId, checkpointMacValid, listCheckpoints } from './checkpoint';
import { chainHash, GENESIS_HASH, type SealedEvent, sealedEventColumns } from './hash';

/**
 * altered / removed / inserted: the chain itself does not add up. The chain can add up and still be
 * wrong, which only signed checkpoints reveal: truncated (entries after a checkpoint are gone),
 * rehashed (the chain differs from a checkpoint's head: an event rewritten and the hashes after it
 * recomputed), checkpoint_forged (a checkpoint whose MAC the key does not confirm).
 */
export type AuditChainProblem =
  | 'altered'
  | 'removed'
  | 'inserted'
  | 'truncated'
  | 'rehashed'
  | 'checkpoint_forged';

/** Where a checkpoint came from: the database, or the file the auditor exported earlier. */
export type CheckpointSource = 'database' | 'file';

export interface VerifyOptions {
  /** AUDIT_HMAC_KEY: without it the checkpoints' MACs are not checked, only their heads */
  hmacKey?: string;
  /** checkpoints the auditor kept outside the database (`--checkpoints=file.json`) */
  externalCheckpoints?: AuditCheckpoint[];
}

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
      /** checkpoints checked, by source */
      checkpoints: Record<CheckpointSource, number>;
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
      /** the checkpoint that revealed a truncated, rehashed or forged chain */
      checkpoint?: AuditCheckpoint & { source: CheckpointSource };
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
export function verifyAuditChain(db: Executor, options: VerifyOptions = {}): Promise<AuditChainVerification> {
  return db.transaction(async (tx) => {
    // each page's cost estimate can exceed jit_above_cost: compiling would take longer than reading
    await tx.execute(sql`set local jit = off`);
    const checkpoints: SourcedCheckpoint[] = [
      ...(await listCheckpoints(tx)).map((c) => ({ ...c, source: 'database' as const })),
      ...(options.externalCheckpoints ?? []).map((c) => ({ ...c, source: 'file' as const })),
    ].sort((a, b) => a.chainSeq - b.chainSeq);
    const heads = new Map<number, string>();
    const walked = await walkChain(tx, new Set(checkpoints.map((c) => c.chainSeq)), heads);
    if (!walked.ok) return walked;
    return checkAgainstCheckpoints(walked, checkpoints, heads, options.hmacKey);
  });
}

type SourcedCheckpoint = AuditCheckpoint & { source: CheckpointSource };

/**
 * Forged checkpoints first (nothing else they say can be trusted), then in chain order: the first
 * checkpoint past the end of the chain or disagreeing with it. A rewrite lies between the last
 * checkpoint that still agrees and the first that does not.
 */
function checkAgainstCheckpoints(
  walked: Extract<AuditChainVerification, { ok: true }>,
  checkpoints: SourcedCheckpoint[],
  heads: Map<number, string>,
  hmacKey: string | undefined,
): AuditChainVerification {
  const where = (c: SourcedCheckpoint) =>
    `điểm kiểm #${c.chainSeq} ký lúc ${c.signedAt} (${c.source === 'file' ? 'trong tệp đối chiếu' : 'trong cơ sở dữ liệu'})`;
  if (hmacKey !== undefined) {
    const keyId = checkpointKeyId(hmacKey);
    const forged = checkpoints.find((c) => !checkpointMacValid(hmacKey, c));
    if (forged) {
      const why =
        forged.keyId === keyId
          ? 'chữ ký không khớp: điểm kiểm đã bị sửa hoặc giả mạo'
          : `chữ ký được tạo bằng một khoá khác (mã khoá ${forged.keyId}, khoá hiện tại ${keyId})`;
      return {
        ok: false,
        problem: 'checkpoint_forged',
        eventId: null,
        chainSeq: forged.chainSeq,
        message: `Không xác thực được ${where(forged)}: ${why}.`,
        event: null,
        checkpoint: forged,
      };
    }
  }
  let agreedUpTo = 0;
  for (const c of checkpoints) {
    if (c.chainSeq > walked.lastChainSeq) {
      return {
        ok: false,
        problem: 'truncated',
        eventId: null,
        chainSeq: walked.lastChainSeq + 1,
        message:
          `Chuỗi niêm phong chỉ còn đến mắt xích #${walked.lastChainSeq} nhưng ${where(c)} xác nhận đến mắt xích ` +
          `#${c.chainSeq}: các mắt xích #${walked.lastChainSeq + 1}…#${c.chainSeq} và sự kiện của chúng đã bị xoá.`,
        event: null,
        checkpoint: c,
      };
    }
    if (heads.get(c.chainSeq) !== c.headHash) {
      return {
        ok: false,
        problem: 'rehashed',
        eventId: null,
        chainSeq: c.chainSeq,
        message:
          `Mã băm của mắt xích #${c.chainSeq} không khớp ${where(c)}: nhật ký đã bị sửa rồi băm lại chuỗi; ` +
          `sự kiện bị sửa nằm trong các mắt xích #${agreedUpTo + 1}…#${c.chainSeq}.`,
        event: null,
        checkpoint: c,
      };
    }
    agreedUpTo = c.chainSeq;
  }
  return {
    ...walked,
    checkpoints: {
      database: checkpoints.filter((c) => c.source === 'database').length,
      file: checkpoints.filter((c) => c.source === 'file').length,
    },
  };
}

async function walkChain(
  db: Transaction,
  wanted: Set<number>,
  heads: Map<number, string>,
): Promise<AuditChainVerification> {
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
      if (wanted.has(seq)) heads.set(seq, row.hash);
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
  return {
    ok: true,
    events: count,
    pending: Number(pending!.n),
    lastChainSeq: count,
    headHash: prevHash,
    checkpoints: { database: 0, file: 0 },
  };
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
  problem: 'altered' | 'removed' | 'inserted',
  eventId: number | null,
  chainSeq: number,
  event: AuditEventSummary | null,
): AuditChainVerification {
  const what = eventId === null ? `Mắt xích #${chainSeq}` : `Sự kiện #${eventId} (mắt xích #${chainSeq})`;
  const messages: Record<'altered' | 'removed' | 'inserted', string> = {
    altered: `${what} đã bị sửa sau khi được niêm phong: nội dung không còn khớp mã băm.`,
    removed:
      event || eventId === null
        ? `${what} đã bị gỡ khỏi chuỗi niêm phong.`
        : `${what} đã bị xoá khỏi nhật ký.`,
    inserted: `${what} đã bị chèn vào chuỗi niêm phong: nó không nối đúng với mắt xích trước hoặc sau.`,
  };
  return { ok: false, problem, eventId, chainSeq, message: messages[problem], event };
}
