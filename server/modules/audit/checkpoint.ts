import { createHmac, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { auditCheckpoints } from './tables';

/**
 * A signed statement "the chain had `headHash` at entry `chainSeq` at `signedAt`". The key comes
 * from the environment (AUDIT_HMAC_KEY), never from the database: an attacker who rewrites events
 * and re-hashes the chain after them, or deletes its last entries, cannot sign a checkpoint that
 * agrees, and the auditor's exported copies survive the deletion of the stored ones.
 */
export interface AuditCheckpoint {
  chainSeq: number;
  headHash: string;
  /** ISO 8601 UTC with milliseconds, exactly as signed */
  signedAt: string;
  keyId: string;
  mac: string;
}

/** The file the auditor downloads and later hands to `npm run audit:verify -- --checkpoints=…`. */
export const CHECKPOINT_FILE_FORMAT = 'lotrinh-audit-checkpoints-v1';

const HEX64 = /^[0-9a-f]{64}$/;

export const ZAuditCheckpoint = z.object({
  chainSeq: z.number().int().min(1),
  headHash: z.string().regex(HEX64),
  signedAt: z.iso.datetime(),
  keyId: z.string().min(1).max(64),
  mac: z.string().regex(HEX64),
});

export const ZCheckpointFile = z.object({
  format: z.literal(CHECKPOINT_FILE_FORMAT),
  exportedAt: z.string(),
  checkpoints: z.array(ZAuditCheckpoint),
});
export type CheckpointFile = z.infer<typeof ZCheckpointFile>;

/** The signed text: versioned, fields separated by a character none of them can contain. */
export function checkpointMessage(c: Pick<AuditCheckpoint, 'chainSeq' | 'headHash' | 'signedAt'>): string {
  return `audit-checkpoint-v1|${c.chainSeq}|${c.headHash}|${c.signedAt}`;
}

/** A digest naming the key without revealing it: tells "signed with another key" from "forged". */
export function checkpointKeyId(key: string): string {
  return createHmac('sha256', key).update('audit-checkpoint-key-id').digest('hex').slice(0, 16);
}

export function signCheckpoint(
  key: string,
  c: Pick<AuditCheckpoint, 'chainSeq' | 'headHash' | 'signedAt'>,
): AuditCheckpoint {
  const mac = createHmac('sha256', key).update(checkpointMessage(c), 'utf8').digest('hex');
  return {
    chainSeq: c.chainSeq,
    headHash: c.headHash,
    signedAt: c.signedAt,
    keyId: checkpointKeyId(key),
    mac,
  };
}

export function checkpointMacValid(key: string, c: AuditCheckpoint): boolean {
  const expected = Buffer.from(signCheckpoint(key, c).mac, 'hex');
  const given = Buffer.from(c.mac, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const checkpointColumns = sql.raw(`k.chain_seq::text as "chainSeq", k.head_hash as "headHash",
  to_char(k.signed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "signedAt",
  k.key_id as "keyId", k.mac as "mac"`);

const parseRow = (row: AuditCheckpoint & { chainSeq: number | string }): AuditCheckpoint => ({
  ...row,
  chainSeq: Number(row.chainSeq),
});

/** Stored checkpoints, oldest first; `newest` keeps only that many of the latest. */
export async function listCheckpoints(db: Executor, newest?: number): Promise<AuditCheckpoint[]> {
  const rows = rowsOf<AuditCheckpoint>(
    newest === undefined
      ? await db.execute(sql`select ${checkpointColumns} from audit_checkpoints k order by k.chain_seq`)
      : await db.execute(sql`
          select * from (select ${checkpointColumns} from audit_checkpoints k
            order by k.chain_seq desc limit ${newest}) x order by x."chainSeq"::bigint`),
  );
  return rows.map(parseRow);
}

export interface CheckpointOptions {
  /** sign when at least this many entries were linked since the last checkpoint… */
  everyEvents?: number;
  /** …or when the last one is this old and the head has moved (0: whenever it moved) */
  everyMs?: number;
  now?: Date;
}

/**
 * Signs the current chain head when it moved enough since the last checkpoint (the sequencer calls
 * this after each run; an export calls it with `everyMs: 0`). Two instances signing the same head
 * is harmless: one checkpoint per chain position. Refuses (throws) when the last checkpoint no
 * longer matches the chain, so the app never signs a head an attacker has rewritten or cut.
 */
export async function writeCheckpoint(
  db: Executor,
  key: string,
  options: CheckpointOptions = {},
): Promise<AuditCheckpoint | null> {
  const everyEvents = options.everyEvents ?? 1000;
  const everyMs = options.everyMs ?? 60_000;
  const now = options.now ?? new Date();
  const [state] = rowsOf<{
    tailSeq: string | null;
    tailHash: string | null;
    lastSeq: string | null;
    lastSignedAt: string | null;
    lastHash: string | null;
    chainHashAtLast: string | null;
  }>(
    await db.execute(sql`
      with tail as (select chain_seq, hash from audit_chain order by chain_seq desc limit 1),
        last as (select chain_seq, head_hash, signed_at from audit_checkpoints order by chain_seq desc limit 1)
      select (select chain_seq::text from tail) as "tailSeq", (select hash from tail) as "tailHash",
        (select chain_seq::text from last) as "lastSeq",
        (select to_char(signed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') from last) as "lastSignedAt",
        (select head_hash from last) as "lastHash",
        (select c.hash from audit_chain c where c.chain_seq = (select chain_seq from last)) as "chainHashAtLast"`),
  );
  if (!state?.tailSeq || !state.tailHash) return null;
  const tailSeq = Number(state.tailSeq);
  if (state.lastSeq !== null) {
    if (state.chainHashAtLast !== state.lastHash) {
      throw new Error(
        `Audit chain no longer matches checkpoint #${state.lastSeq}: not signing a new head (run npm run audit:verify)`,
      );
    }
    const lastSeq = Number(state.lastSeq);
    if (tailSeq <= lastSeq) return null;
    const age = now.getTime() - Date.parse(state.lastSignedAt!);
    // a last checkpoint from the future (another instance's clock ahead) does not hold signing back
    if (tailSeq - lastSeq < everyEvents && age >= 0 && age < everyMs) return null;
  }
  const checkpoint = signCheckpoint(key, {
    chainSeq: tailSeq,
    headHash: state.tailHash,
    signedAt: now.toISOString(),
  });
  await db
    .insert(auditCheckpoints)
    .values({ ...checkpoint, signedAt: new Date(checkpoint.signedAt) })
    .onConflictDoNothing();
  return checkpoint;
}
