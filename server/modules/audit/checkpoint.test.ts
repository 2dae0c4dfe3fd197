import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVELOPMENT_AUDIT_HMAC_KEY, loadAuditConfig, loadConfig } from '../../config';
import type { Transaction } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { sqlState } from '../../errors/handler';
import { createTestContext, type TestContext } from '../../test/context';
import { signInAs } from '../../test/sessions';
import {
  type AuditCheckpoint,
  CHECKPOINT_FILE_FORMAT,
  checkpointMacValid,
  signCheckpoint,
  writeCheckpoint,
  ZCheckpointFile,
} from './checkpoint';
import { chainHash, type SealedEvent, sealedEventColumns } from './hash';
import { chainPendingEvents, startAuditSequencer } from './sequencer';
import { recordAuditEvent } from './service';
import { rolledBack } from './test-helpers';
import { verifyAuditChain } from './verify';

let ctx: TestContext;
const KEY = loadAuditConfig().hmacKey;

beforeAll(async () => {
  ctx = await createTestContext();
});

afterAll(async () => {
  await ctx?.close();
});

async function writeEvents(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await ctx.db.transaction((tx) =>
      recordAuditEvent(tx, {
        action: 'plan_item.update',
        actor: { userId: randomUUID(), name: 'Trần Văn Bình', roles: ['officer'] },
        resource: { type: 'plan_item', id: randomUUID() },
        before: { progress: i },
        after: { progress: i + 1 },
      }),
    );
  }
  await chainPendingEvents(ctx.db);
}

async function tail(executor: Transaction | TestContext['db'] = ctx.db) {
  const [row] = rowsOf<{ seq: string; hash: string }>(
    await executor.execute(
      sql`select chain_seq::text as seq, hash from audit_chain order by chain_seq desc limit 1`,
    ),
  );
  return { seq: Number(row!.seq), hash: row!.hash };
}

/** Tampering stays inside a rolled-back transaction, so later tests see an intact log. */
const tamper = <T>(fn: (tx: Transaction) => Promise<T>) => rolledBack(ctx.db, fn);

/** As an attacker with the owner's rights: the last `n` events and their chain entries deleted. */
async function cutTail(tx: Transaction, n: number, alsoCheckpoints: boolean) {
  await tx.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
  await tx.execute(sql`alter table audit_chain disable trigger audit_chain_append_only`);
  const { seq } = await tail(tx);
  await tx.execute(sql`
    delete from audit_events where id in (select event_id from audit_chain where chain_seq > ${seq - n})`);
  await tx.execute(sql`delete from audit_chain where chain_seq > ${seq - n}`);
  if (alsoCheckpoints) {
    await tx.execute(sql`alter table audit_checkpoints disable trigger audit_checkpoints_append_only`);
    await tx.execute(sql`delete from audit_checkpoints where chain_seq > ${seq - n}`);
  }
  return seq - n;
}

/**
 * As an attacker with the owner's rights but not the key: one event rewritten, and every chain
 * entry from it on recomputed, so that the chain adds up again.
 */
async function rewriteAndRehash(tx: Transaction, atSeq: number, alsoCheckpoints: boolean) {
  await tx.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
  await tx.execute(sql`alter table audit_chain disable trigger audit_chain_append_only`);
  await tx.execute(sql`
    update audit_events set after = '{"progress": 100}'
    where id = (select event_id from audit_chain where chain_seq = ${atSeq})`);
  const entries = rowsOf<SealedEvent & { seq: string; prevHash: string }>(
    await tx.execute(sql`
      select c.chain_seq::text as seq, c.prev_hash as "prevHash", ${sealedEventColumns}
      from audit_chain c join audit_events e on e.id = c.event_id
      where c.chain_seq >= ${atSeq} order by c.chain_seq`),
  );
  await tx.execute(sql`delete from audit_chain where chain_seq >= ${atSeq}`);
  let prev = entries[0]!.prevHash;
  for (const entry of entries) {
    const hash = chainHash(prev, entry);
    await tx.execute(sql`
      insert into audit_chain (chain_seq, event_id, prev_hash, hash)
      values (${Number(entry.seq)}, ${Number(entry.id)}, ${prev}, ${hash})`);
    prev = hash;
  }
  if (alsoCheckpoints) {
    await tx.execute(sql`alter table audit_checkpoints disable trigger audit_checkpoints_append_only`);
    await tx.execute(sql`delete from audit_checkpoints where chain_seq >= ${atSeq}`);
  }
}

/** What the auditor downloads from the audit page and keeps outside the database. */
async function exportCheckpoints(): Promise<AuditCheckpoint[]> {
  const res = await ctx.inject({ method: 'GET', url: '/api/audit-checkpoints.json' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-disposition']).toMatch(/attachment; filename="diem-kiem-nhat-ky-.*\.json"/);
  return ZCheckpointFile.parse(res.json()).checkpoints;
}

describe('a signed checkpoint', () => {
  // computed outside this code: printf '%s' 'audit-checkpoint-v1|3|<head>|<time>' | openssl dgst -sha256 -hmac <key>
  const key = 'kat-key-0123456789abcdef0123456789abcdef';
  const fields = {
    chainSeq: 3,
    headHash: '355d962b7741d1b1b1efa098213dc4cfb9067b33de9b88698db4263c1b02490c',
    signedAt: '2026-03-15T01:03:00.000Z',
  };

  it('matches its known-answer MAC and key id', () => {
    const checkpoint = signCheckpoint(key, fields);
    expect(checkpoint).toEqual({
      ...fields,
      keyId: 'd39124c3127f7cf3',
      mac: 'd117273ef9a4126cee79e7d4be6e44821e5f5b5a5df67c840b6d98b9dbd68c0a',
    });
    expect(checkpointMacValid(key, checkpoint)).toBe(true);
  });

  it.each([
    ['chainSeq', { chainSeq: 4 }],
    ['headHash', { headHash: '0'.repeat(64) }],
    ['signedAt', { signedAt: '2026-03-15T01:03:00.001Z' }],
    ['mac', { mac: 'f'.repeat(64) }],
  ])('is refused when its %s changes', (_field, change) => {
    expect(checkpointMacValid(key, { ...signCheckpoint(key, fields), ...change })).toBe(false);
  });

  it('is refused under another key', () => {
    expect(checkpointMacValid(`${key}x`, signCheckpoint(key, fields))).toBe(false);
  });
});

describe('AUDIT_HMAC_KEY', () => {
  it('is required in production, and the development key is refused there', () => {
    expect(() => loadAuditConfig({ NODE_ENV: 'production' })).toThrow(/AUDIT_HMAC_KEY/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUDIT_HMAC_KEY/);
    expect(() =>
      loadAuditConfig({ NODE_ENV: 'production', AUDIT_HMAC_KEY: DEVELOPMENT_AUDIT_HMAC_KEY }),
    ).toThrow(/AUDIT_HMAC_KEY/);
    expect(() => loadAuditConfig({ NODE_ENV: 'production', AUDIT_HMAC_KEY: 'short' })).toThrow(/32/);
    const own = 'a'.repeat(64);
    expect(loadAuditConfig({ NODE_ENV: 'production', AUDIT_HMAC_KEY: own }).hmacKey).toBe(own);
    expect(loadConfig({ NODE_ENV: 'production', AUDIT_HMAC_KEY: own }).AUDIT_HMAC_KEY).toBe(own);
  });

  it('defaults to the development key elsewhere', () => {
    expect(loadAuditConfig({}).hmacKey).toBe(DEVELOPMENT_AUDIT_HMAC_KEY);
    expect(loadAuditConfig({ NODE_ENV: 'test' }).hmacKey).toBe(DEVELOPMENT_AUDIT_HMAC_KEY);
  });
});

describe('writeCheckpoint', () => {
  it('signs the head when it moved enough, once per head', async () => {
    await writeEvents(3);
    const head = await tail();
    const now = new Date();
    const first = await writeCheckpoint(ctx.db, KEY, { now, everyMs: 0 });
    expect(first).toMatchObject({ chainSeq: head.seq, headHash: head.hash, signedAt: now.toISOString() });
    expect(checkpointMacValid(KEY, first!)).toBe(true);
    expect(await writeCheckpoint(ctx.db, KEY, { now, everyMs: 0 })).toBeNull();

    await writeEvents(2);
    expect(await writeCheckpoint(ctx.db, KEY, { now, everyEvents: 1000, everyMs: 60_000 })).toBeNull();
    expect(await writeCheckpoint(ctx.db, KEY, { now, everyEvents: 2, everyMs: 60_000 })).toMatchObject({
      chainSeq: head.seq + 2,
    });
    await writeEvents(1);
    const later = new Date(now.getTime() + 61_000);
    expect(
      await writeCheckpoint(ctx.db, KEY, { now: later, everyEvents: 1000, everyMs: 60_000 }),
    ).toMatchObject({
      chainSeq: head.seq + 3,
      signedAt: later.toISOString(),
    });
    expect(await verifyAuditChain(ctx.db, { hmacKey: KEY })).toMatchObject({ ok: true });
  });

  it('refuses to sign a head after the chain was cut or rewritten', async () => {
    await writeEvents(3);
    const head = await tail();
    await writeCheckpoint(ctx.db, KEY, { everyMs: 0 });
    const cut = await tamper(async (tx) => {
      await cutTail(tx, 1, false);
      return writeCheckpoint(tx, KEY, { everyMs: 0 }).catch((e: Error) => e.message);
    });
    expect(cut).toMatch(new RegExp(`checkpoint #${head.seq}`));
    const rewritten = await tamper(async (tx) => {
      await rewriteAndRehash(tx, head.seq - 1, false);
      return writeCheckpoint(tx, KEY, { everyMs: 0 }).catch((e: Error) => e.message);
    });
    expect(rewritten).toMatch(/no longer matches/);
  });

  it('is signed by the background sequencer after it links new events', async () => {
    await writeEvents(0);
    for (let i = 0; i < 2; i++) {
      await ctx.db.transaction((tx) =>
        recordAuditEvent(tx, {
          action: 'auth.login',
          actor: { userId: randomUUID(), name: 'Phạm Thị Dung', roles: [] },
          resource: { type: 'session', id: null },
        }),
      );
    }
    const errors: unknown[] = [];
    const stop = startAuditSequencer(ctx.db, {
      intervalMs: 10,
      hmacKey: KEY,
      checkpointEveryMs: 0,
      onError: (e) => errors.push(e),
    });
    let signed: { seq: string } | undefined;
    try {
      for (let attempt = 0; attempt < 300 && !signed; attempt++) {
        [signed] = rowsOf<{ seq: string }>(
          await ctx.db.execute(sql`
            select k.chain_seq::text as seq from audit_checkpoints k
            where k.chain_seq = (select max(chain_seq) from audit_chain)
              and not exists (select 1 from audit_events e
                where not exists (select 1 from audit_chain c where c.event_id = e.id))`),
        );
        if (!signed) await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } finally {
      await stop();
    }
    expect(errors).toEqual([]);
    expect(signed).toBeDefined();
  });

  it('keeps checkpoints append-only', async () => {
    await writeEvents(1);
    await writeCheckpoint(ctx.db, KEY, { everyMs: 0 });
    for (const statement of [
      sql`update audit_checkpoints set head_hash = repeat('0', 64)`,
      sql`delete from audit_checkpoints`,
      sql`truncate audit_checkpoints`,
    ]) {
      const refused = await ctx.db.execute(statement).then(
        () => undefined,
        (error: unknown) => sqlState(error),
      );
      expect(refused).toBe('42501');
    }
  });
});

describe('verifyAuditChain against checkpoints', () => {
  it('fails on tail truncation, against the stored checkpoints and against an exported file', async () => {
    await writeEvents(4);
    const file = await exportCheckpoints();
    const head = await tail();
    expect(file.at(-1)).toMatchObject({ chainSeq: head.seq, headHash: head.hash });
    expect(await verifyAuditChain(ctx.db, { hmacKey: KEY, externalCheckpoints: file })).toMatchObject({
      ok: true,
      checkpoints: { file: file.length },
    });

    const stored = await tamper(async (tx) => {
      const left = await cutTail(tx, 2, false);
      return { left, verification: await verifyAuditChain(tx, { hmacKey: KEY }) };
    });
    expect(stored.verification).toMatchObject({
      ok: false,
      problem: 'truncated',
      chainSeq: stored.left + 1,
      checkpoint: { chainSeq: head.seq, source: 'database' },
    });
    if (stored.verification.ok) throw new Error('unreachable');
    expect(stored.verification.message).toContain(`#${stored.left + 1}…#${head.seq}`);

    // the stored checkpoints deleted too: only the auditor's copy still knows how long the chain was
    const both = await tamper(async (tx) => {
      await cutTail(tx, 2, true);
      return {
        withoutFile: await verifyAuditChain(tx, { hmacKey: KEY }),
        withFile: await verifyAuditChain(tx, { hmacKey: KEY, externalCheckpoints: file }),
      };
    });
    expect(both.withoutFile.ok).toBe(true);
    expect(both.withFile).toMatchObject({
      ok: false,
      problem: 'truncated',
      checkpoint: { chainSeq: head.seq, source: 'file' },
    });
  });

  it('fails on a rewritten event whose chain was re-hashed, naming the range', async () => {
    await writeEvents(3);
    const before = await exportCheckpoints();
    await writeEvents(3);
    const file = await exportCheckpoints();
    const head = await tail();
    const previous = before.at(-1)!.chainSeq;
    const victimSeq = head.seq - 1;

    const stored = await tamper(async (tx) => {
      await rewriteAndRehash(tx, victimSeq, false);
      return verifyAuditChain(tx, { hmacKey: KEY });
    });
    expect(stored).toMatchObject({
      ok: false,
      problem: 'rehashed',
      chainSeq: head.seq,
      checkpoint: { chainSeq: head.seq, source: 'database' },
    });
    if (stored.ok) throw new Error('unreachable');
    expect(stored.message).toContain(`#${previous + 1}…#${head.seq}`);

    const forged = await tamper(async (tx) => {
      await rewriteAndRehash(tx, victimSeq, true);
      const newHead = await tail(tx);
      const withoutFile = await verifyAuditChain(tx, { hmacKey: KEY });
      const withFile = await verifyAuditChain(tx, { hmacKey: KEY, externalCheckpoints: file });
      // without the key, a checkpoint for the new head can only be signed with some other key
      const fake = signCheckpoint('a guess at the key, 32 characters or more', {
        chainSeq: newHead.seq,
        headHash: newHead.hash,
        signedAt: new Date().toISOString(),
      });
      await tx.execute(sql`
        insert into audit_checkpoints (chain_seq, head_hash, signed_at, key_id, mac)
        values (${fake.chainSeq}, ${fake.headHash}, ${fake.signedAt}, ${fake.keyId}, ${fake.mac})`);
      const withFake = await verifyAuditChain(tx, { hmacKey: KEY });
      return { withoutFile, withFile, withFake };
    });
    expect(forged.withoutFile.ok).toBe(true);
    expect(forged.withFile).toMatchObject({
      ok: false,
      problem: 'rehashed',
      checkpoint: { chainSeq: head.seq, source: 'file' },
    });
    expect(forged.withFake).toMatchObject({
      ok: false,
      problem: 'checkpoint_forged',
      chainSeq: head.seq,
      checkpoint: { source: 'database' },
    });
    expect(await verifyAuditChain(ctx.db, { hmacKey: KEY, externalCheckpoints: file })).toMatchObject({
      ok: true,
    });
  });

  it('fails on a checkpoint file edited to match a rewritten chain', async () => {
    await writeEvents(2);
    const file = await exportCheckpoints();
    const edited = file.map((c, i) => (i === file.length - 1 ? { ...c, headHash: 'e'.repeat(64) } : c));
    expect(await verifyAuditChain(ctx.db, { hmacKey: KEY, externalCheckpoints: edited })).toMatchObject({
      ok: false,
      problem: 'checkpoint_forged',
      checkpoint: { source: 'file' },
    });
  });

  it('exports checkpoints only to those who may read the audit log', async () => {
    const officer = await signInAs(ctx.app, ctx.db, 'officer', ctx.rootOrgUnitId);
    const res = await officer.inject({ method: 'GET', url: '/api/audit-checkpoints.json' });
    expect(res.statusCode).toBe(403);
    const ok = await ctx.inject({ method: 'GET', url: '/api/audit-checkpoints.json' });
    expect(ok.json()).toMatchObject({ format: CHECKPOINT_FILE_FORMAT });
  });
});
