/**
 * `npm run audit:verify` as the auditor runs it: a separate process on an embedded database
 * folder, with the checkpoint file exported earlier. Tail truncation and a re-hashed chain exit 1
 * and say what is wrong; an intact log exits 0.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAuditConfig } from '../../config';
import { type Database, openDatabase } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { CHECKPOINT_FILE_FORMAT, type CheckpointFile, listCheckpoints, writeCheckpoint } from './checkpoint';
import { chainHash, type SealedEvent, sealedEventColumns } from './hash';
import { chainPendingEvents } from './sequencer';
import { recordAuditEvent } from './service';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const dirs: string[] = [];
let prepared: { dataDir: string; file: string };

beforeAll(async () => {
  prepared = await prepare();
}, 120_000);

/** A copy of the prepared folder (closed), so each attack starts from the same intact log. */
function copyOfPrepared(): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotrinh-audit-cli-'));
  dirs.push(dataDir);
  fs.cpSync(prepared.dataDir, dataDir, { recursive: true });
  return dataDir;
}

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A database folder with 5 sealed events and a checkpoint, and the file the auditor exported. */
async function prepare(): Promise<{ dataDir: string; file: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotrinh-audit-cli-'));
  dirs.push(dataDir);
  const h = await openDatabase({ dataDir });
  try {
    await h.migrate();
    for (let i = 0; i < 5; i++) {
      await h.db.transaction((tx) =>
        recordAuditEvent(tx, {
          action: 'data_value.write',
          actor: { userId: randomUUID(), name: 'Lê Văn Cán Bộ', roles: ['officer'] },
          resource: { type: 'data_value', id: `CB.KYNANGSO/16690/2026M0${i + 1}` },
          after: { value: i },
        }),
      );
    }
    await chainPendingEvents(h.db);
    await writeCheckpoint(h.db, loadAuditConfig().hmacKey, { everyMs: 0 });
    const exported: CheckpointFile = {
      format: CHECKPOINT_FILE_FORMAT,
      exportedAt: new Date().toISOString(),
      checkpoints: await listCheckpoints(h.db),
    };
    const file = path.join(dataDir, 'diem-kiem.json');
    fs.writeFileSync(file, JSON.stringify(exported));
    return { dataDir, file };
  } finally {
    await h.close();
  }
}

/** As an attacker with the owner's rights, committed: triggers off, change made, triggers on. */
async function attack(dataDir: string, change: (db: Database) => Promise<void>) {
  const h = await openDatabase({ dataDir });
  try {
    await h.db.transaction(async (tx) => {
      for (const table of ['audit_events', 'audit_chain', 'audit_checkpoints']) {
        await tx.execute(sql.raw(`alter table ${table} disable trigger ${table}_append_only`));
      }
      await change(tx as unknown as Database);
      for (const table of ['audit_events', 'audit_chain', 'audit_checkpoints']) {
        await tx.execute(sql.raw(`alter table ${table} enable trigger ${table}_append_only`));
      }
    });
  } finally {
    await h.close();
  }
}

function runVerify(dataDir: string, args: string[]): Promise<{ code: number; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'development' };
  delete env.DATABASE_URL;
  delete env.AUDIT_HMAC_KEY;
  return new Promise((resolve) => {
    execFile(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      ['server/modules/audit/verify-cli.ts', ...args],
      { cwd: ROOT, env },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 2) : 0, output: stdout + stderr });
      },
    );
  });
}

describe('npm run audit:verify -- --checkpoints=<file>', () => {
  it('passes an intact log, and fails a log whose last events were deleted', async () => {
    const { file } = prepared;
    const dataDir = copyOfPrepared();
    const intact = await runVerify(dataDir, [`--checkpoints=${file}`]);
    expect(intact.output).toContain('toàn vẹn');
    expect(intact.code).toBe(0);

    await attack(dataDir, async (db) => {
      await db.execute(
        sql`delete from audit_events where id in (select event_id from audit_chain where chain_seq > 3)`,
      );
      await db.execute(sql`delete from audit_chain where chain_seq > 3`);
      await db.execute(sql`delete from audit_checkpoints`);
    });
    const cut = await runVerify(dataDir, ['--checkpoints', file]);
    expect(cut.code).toBe(1);
    expect(cut.output).toContain('bị cắt mất phần cuối');
    expect(cut.output).toContain('#4…#5');
    expect(cut.output).toContain('trong tệp đối chiếu');
  }, 120_000);

  it('fails a log whose event was rewritten and whose chain was re-hashed after it', async () => {
    const { file } = prepared;
    const dataDir = copyOfPrepared();
    await attack(dataDir, async (db) => {
      await db.execute(sql`
        update audit_events set after = '{"value": 1000}'
        where id = (select event_id from audit_chain where chain_seq = 2)`);
      const entries = rowsOf<SealedEvent & { seq: string; prevHash: string }>(
        await db.execute(sql`
          select c.chain_seq::text as seq, c.prev_hash as "prevHash", ${sealedEventColumns}
          from audit_chain c join audit_events e on e.id = c.event_id where c.chain_seq >= 2 order by c.chain_seq`),
      );
      await db.execute(sql`delete from audit_chain where chain_seq >= 2`);
      await db.execute(sql`delete from audit_checkpoints`);
      let prev = entries[0]!.prevHash;
      for (const entry of entries) {
        const hash = chainHash(prev, entry);
        await db.execute(sql`
          insert into audit_chain (chain_seq, event_id, prev_hash, hash)
          values (${Number(entry.seq)}, ${Number(entry.id)}, ${prev}, ${hash})`);
        prev = hash;
      }
    });
    const rehashed = await runVerify(dataDir, [`--checkpoints=${file}`]);
    expect(rehashed.code).toBe(1);
    expect(rehashed.output).toContain('bị sửa rồi băm lại');
    expect(rehashed.output).toContain('#1…#5');
  }, 120_000);

  it('refuses a file that is not a checkpoint file', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotrinh-audit-cli-'));
    dirs.push(dataDir);
    const bogus = path.join(dataDir, 'bogus.json');
    fs.writeFileSync(bogus, JSON.stringify({ format: 'something-else', checkpoints: [] }));
    const res = await runVerify(dataDir, [`--checkpoints=${bogus}`]);
    expect(res.code).toBe(2);
    expect(res.output).toContain('không phải tệp điểm kiểm');
  }, 120_000);
});
