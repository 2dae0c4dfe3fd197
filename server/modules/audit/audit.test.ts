import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Transaction } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { sqlState } from '../../errors/handler';
import { createTestContext, type TestContext } from '../../test/context';
import { signal } from '../../test/signal';
import type { AuditEventInput } from './events';
import { chainHash, type SealedEvent, sealedEventColumns } from './hash';
import { listAuditEvents } from './queries';
import { AUDIT_SEQUENCER_LOCK, chainPendingEvents, startAuditSequencer } from './sequencer';
import { recordAuditEvent } from './service';
import { rolledBack } from './test-helpers';
import { verifyAuditChain } from './verify';

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

afterAll(async () => {
  await ctx?.close();
});

const officer = {
  userId: randomUUID(),
  name: 'Nguyễn Thị Hoa',
  roles: ['officer'],
  ip: '10.0.0.7',
  requestId: 'req-1',
};

function itemUpdate(overrides: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    action: 'plan_item.update',
    actor: officer,
    resource: { type: 'plan_item', id: randomUUID(), orgUnitId: null },
    before: { progress: 40 },
    after: { progress: 60 },
    ...overrides,
  };
}

/** Each event in its own committed transaction; returns the new ids, oldest first. */
async function writeEvents(count: number, overrides: Partial<AuditEventInput> = {}): Promise<number[]> {
  for (let i = 0; i < count; i++) {
    await ctx.db.transaction((tx) => recordAuditEvent(tx, itemUpdate(overrides)));
  }
  const rows = rowsOf<{ id: string }>(
    await ctx.db.execute(sql`select e.id::text as id from audit_events e order by e.id desc limit ${count}`),
  );
  return rows.map((r) => Number(r.id)).reverse();
}

async function chainSeqOf(executor: Transaction | TestContext['db'], eventId: number): Promise<number> {
  const [row] = rowsOf<{ seq: string }>(
    await executor.execute(sql`select chain_seq::text as seq from audit_chain where event_id = ${eventId}`),
  );
  return Number(row!.seq);
}

/** Tampering stays inside a rolled-back transaction, so later tests see an intact log. */
const tamper = <T>(fn: (tx: Transaction) => Promise<T>) => rolledBack(ctx.db, fn);

async function refusal(query: Promise<unknown>): Promise<string | undefined> {
  try {
    await query;
  } catch (error) {
    return sqlState(error) ?? 'error';
  }
  return undefined;
}

describe('recordAuditEvent', () => {
  it('writes the event with every field, in the caller transaction', async () => {
    const orgUnitId = randomUUID();
    const resourceId = randomUUID();
    await ctx.db.transaction((tx) =>
      recordAuditEvent(tx, {
        action: 'org_unit.update',
        actor: { ...officer, roles: ['head', 'officer'] },
        resource: { type: 'org_unit', id: resourceId, orgUnitId },
        before: { name: 'Sở Tài chính' },
        after: { name: 'Sở Tài chính tỉnh Nghệ An' },
      }),
    );
    const { items, total } = await listAuditEvents(ctx.db, { resourceId, page: 1, pageSize: 10 });
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({
      action: 'org_unit.update',
      actorUserId: officer.userId,
      actorName: 'Nguyễn Thị Hoa',
      actorRoles: ['head', 'officer'],
      ip: '10.0.0.7',
      requestId: 'req-1',
      resourceType: 'org_unit',
      resourceId,
      orgUnitId,
      before: { name: 'Sở Tài chính' },
      after: { name: 'Sở Tài chính tỉnh Nghệ An' },
      chainSeq: null,
    });
    expect(Date.now() - Date.parse(items[0]!.occurredAt)).toBeLessThan(60_000);
  });

  it('is rolled back with the change it records', async () => {
    const resourceId = randomUUID();
    await expect(
      ctx.db.transaction(async (tx) => {
        await recordAuditEvent(tx, itemUpdate({ resource: { type: 'plan_item', id: resourceId } }));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await listAuditEvents(ctx.db, { resourceId, page: 1, pageSize: 10 })).total).toBe(0);
  });

  it('refuses an unknown action or a malformed actor', async () => {
    await expect(
      recordAuditEvent(ctx.db, itemUpdate({ action: 'plan_item.delete' as never })),
    ).rejects.toThrow(/Invalid audit event/);
    await expect(
      recordAuditEvent(ctx.db, itemUpdate({ actor: { ...officer, userId: 'not-a-uuid' } })),
    ).rejects.toThrow(/actor.userId/);
  });

  it('lets the database, not the writer, set the time and the id', async () => {
    await ctx.db.execute(sql`
      insert into audit_events (occurred_at, tx_id, actor_name, action, resource_type)
      values ('2001-01-01T00:00:00Z', 1, 'Kẻ giả mạo', 'auth.login', 'session')`);
    const { items } = await listAuditEvents(ctx.db, { resourceType: 'session', page: 1, pageSize: 1 });
    expect(items[0]?.actorName).toBe('Kẻ giả mạo');
    expect(new Date(items[0]!.occurredAt).getUTCFullYear()).toBeGreaterThan(2001);
    const [row] = rowsOf<{ tx: string }>(
      await ctx.db.execute(sql`select tx_id::text as tx from audit_events where id = ${items[0]!.id}`),
    );
    expect(Number(row!.tx)).toBeGreaterThan(1);
    expect(
      await refusal(
        ctx.db.execute(sql`
          insert into audit_events (id, actor_name, action, resource_type)
          values (999999, 'Kẻ giả mạo', 'auth.login', 'session')`),
      ),
    ).toBe('428C9'); // generated_always
  });
});

describe('append-only guards', () => {
  it.each([
    ['update audit_events', sql`update audit_events set actor_name = 'x'`],
    ['delete from audit_events', sql`delete from audit_events`],
    ['truncate audit_events', sql`truncate audit_events`],
    ['update audit_chain', sql`update audit_chain set hash = repeat('0', 64)`],
    ['delete from audit_chain', sql`delete from audit_chain`],
    ['truncate audit_chain', sql`truncate audit_chain`],
  ])('refuses %s', async (_name, statement) => {
    await writeEvents(1);
    await chainPendingEvents(ctx.db);
    expect(await refusal(ctx.db.execute(statement))).toBe('42501');
  });
});

describe('hash chain', () => {
  it('links committed events in id order and verifies', async () => {
    const ids = await writeEvents(5);
    const result = await chainPendingEvents(ctx.db);
    expect(result).toMatchObject({ skipped: false, complete: true });
    expect(result.chained).toBeGreaterThanOrEqual(5);
    const seqs = await Promise.all(ids.map((id) => chainSeqOf(ctx.db, id)));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(seqs[4]! - seqs[0]!).toBe(4);
    expect((await chainPendingEvents(ctx.db)).chained).toBe(0);

    const verification = await verifyAuditChain(ctx.db);
    expect(verification).toMatchObject({ ok: true, pending: 0 });
    if (!verification.ok) throw new Error(verification.message);
    const [chain] = rowsOf<{ n: string }>(
      await ctx.db.execute(sql`select count(*)::text as n from audit_chain`),
    );
    expect(verification.events).toBe(Number(chain!.n));
    expect(verification.headHash).toMatch(/^[0-9a-f]{64}$/);
    const { items } = await listAuditEvents(ctx.db, { resourceType: 'plan_item', page: 1, pageSize: 1 });
    expect(items[0]?.chainSeq).toBe(seqs[4]);
  });

  it('reports an altered event, naming it', async () => {
    const ids = await writeEvents(3);
    await chainPendingEvents(ctx.db);
    const victim = ids[1]!;
    const result = await tamper(async (tx) => {
      await tx.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
      await tx.execute(sql`update audit_events set after = '{"progress": 100}' where id = ${victim}`);
      return { verification: await verifyAuditChain(tx), seq: await chainSeqOf(tx, victim) };
    });
    expect(result.verification).toMatchObject({
      ok: false,
      problem: 'altered',
      eventId: victim,
      chainSeq: result.seq,
      event: { id: victim, action: 'plan_item.update', resourceType: 'plan_item' },
    });
    if (result.verification.ok) throw new Error('unreachable');
    expect(result.verification.message).toContain(`#${victim}`);
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
  });

  it('reports a removed event, and a chain entry removed on its own', async () => {
    const ids = await writeEvents(3);
    await chainPendingEvents(ctx.db);
    const victim = ids[1]!;
    const seq = await chainSeqOf(ctx.db, victim);
    const eventGone = await tamper(async (tx) => {
      await tx.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
      await tx.execute(sql`delete from audit_events where id = ${victim}`);
      return verifyAuditChain(tx);
    });
    expect(eventGone).toMatchObject({ ok: false, problem: 'removed', eventId: victim, chainSeq: seq });

    const entryGone = await tamper(async (tx) => {
      await tx.execute(sql`alter table audit_chain disable trigger audit_chain_append_only`);
      await tx.execute(sql`delete from audit_chain where event_id = ${victim}`);
      return verifyAuditChain(tx);
    });
    expect(entryGone).toMatchObject({
      ok: false,
      problem: 'removed',
      eventId: victim,
      chainSeq: seq,
      event: { id: victim },
    });
  });

  it('reports a chain entry inserted by hand', async () => {
    const ids = await writeEvents(3);
    await chainPendingEvents(ctx.db);
    const forgedIds = await writeEvents(1, { action: 'user.reset_password' });
    const forged = forgedIds[0]!;

    // appended without knowing the last hash
    const appended = await tamper(async (tx) => {
      await tx.execute(sql`
        insert into audit_chain (chain_seq, event_id, prev_hash, hash)
        select max(chain_seq) + 1, ${forged}, repeat('a', 64), repeat('b', 64) from audit_chain`);
      return { verification: await verifyAuditChain(tx), seq: await chainSeqOf(tx, forged) };
    });
    expect(appended.verification).toMatchObject({
      ok: false,
      problem: 'inserted',
      eventId: forged,
      chainSeq: appended.seq,
    });

    // spliced into the middle with a correct hash, later entries renumbered
    const at = await chainSeqOf(ctx.db, ids[1]!);
    const spliced = await tamper(async (tx) => {
      await tx.execute(sql`alter table audit_chain disable trigger audit_chain_append_only`);
      await tx.execute(sql`update audit_chain set chain_seq = chain_seq + 1000000 where chain_seq >= ${at}`);
      await tx.execute(sql`update audit_chain set chain_seq = chain_seq - 999999 where chain_seq >= 1000000`);
      const [before] = rowsOf<{ hash: string }>(
        await tx.execute(sql`select hash from audit_chain where chain_seq = ${at - 1}`),
      );
      const [event] = rowsOf<SealedEvent>(
        await tx.execute(sql`select ${sealedEventColumns} from audit_events e where e.id = ${forged}`),
      );
      await tx.execute(sql`
        insert into audit_chain (chain_seq, event_id, prev_hash, hash)
        values (${at}, ${forged}, ${before!.hash}, ${chainHash(before!.hash, event!)})`);
      return verifyAuditChain(tx);
    });
    expect(spliced).toMatchObject({
      ok: false,
      problem: 'inserted',
      eventId: forged,
      chainSeq: at,
      event: { action: 'user.reset_password' },
    });
  });

  it('stays intact with 8 concurrent writers and a sequencer running alongside', async () => {
    const [start] = rowsOf<{ n: string }>(
      await ctx.db.execute(sql`select count(*)::text as n from audit_chain`),
    );
    await chainPendingEvents(ctx.db);
    const [before] = rowsOf<{ n: string }>(
      await ctx.db.execute(sql`select count(*)::text as n from audit_chain`),
    );
    let writing = true;
    let sinceTxId: number | undefined;
    const sequencer = (async () => {
      while (writing) {
        sinceTxId = (await chainPendingEvents(ctx.db, { sinceTxId, batchSize: 37 })).nextSinceTxId;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const resourceId = randomUUID();
    await Promise.all(
      Array.from({ length: 8 }, async (_, writer) => {
        for (let i = 0; i < 50; i++) {
          await ctx.db.transaction((tx) =>
            recordAuditEvent(
              tx,
              itemUpdate({
                resource: { type: 'plan_item', id: resourceId },
                after: { writer, i },
                actor: { ...officer, requestId: `w${writer}-${i}` },
              }),
            ),
          );
        }
      }),
    );
    writing = false;
    await sequencer;
    await chainPendingEvents(ctx.db, { sinceTxId });
    const verification = await verifyAuditChain(ctx.db);
    expect(verification).toMatchObject({ ok: true, pending: 0 });
    if (!verification.ok) throw new Error('unreachable');
    expect(verification.events - Number(before!.n)).toBe(400);
    expect(Number(before!.n)).toBeGreaterThanOrEqual(Number(start!.n));
    expect((await listAuditEvents(ctx.db, { resourceId, page: 1, pageSize: 1 })).total).toBe(400);
  });

  it.runIf(onPostgres)('links an event committed late, after newer ones', async () => {
    await chainPendingEvents(ctx.db);
    const { done: held, fire: release } = signal();
    const { done: lateWritten, fire: written } = signal();
    const late = ctx.db.transaction(async (tx) => {
      await recordAuditEvent(tx, itemUpdate({ after: { late: true } }));
      written();
      await held;
    });
    await lateWritten;
    const [early] = await writeEvents(1);
    const first = await chainPendingEvents(ctx.db);
    expect(first).toMatchObject({ chained: 1, complete: true });
    release();
    await late;
    const second = await chainPendingEvents(ctx.db, { sinceTxId: first.nextSinceTxId });
    expect(second.chained).toBe(1);
    const [lateRow] = rowsOf<{ id: string }>(
      await ctx.db.execute(sql`select id::text as id from audit_events where after = '{"late": true}'`),
    );
    const lateId = Number(lateRow!.id);
    expect(lateId).toBeLessThan(early!);
    expect(await chainSeqOf(ctx.db, lateId)).toBe((await chainSeqOf(ctx.db, early!)) + 1);
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
  });

  it.runIf(onPostgres)('skips while another sequencer holds the lock', async () => {
    await writeEvents(2);
    const { done: held, fire: release } = signal();
    const { done: lockTaken, fire: locked } = signal();
    const other = ctx.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(AUDIT_SEQUENCER_LOCK))})`);
      locked();
      await held;
    });
    await lockTaken;
    expect(await chainPendingEvents(ctx.db)).toMatchObject({ chained: 0, skipped: true });
    release();
    await other;
    expect((await chainPendingEvents(ctx.db)).chained).toBe(2);
  });

  it('runs in the background until stopped', async () => {
    const resourceId = randomUUID();
    await writeEvents(3, { resource: { type: 'plan_item', id: resourceId } });
    const errors: unknown[] = [];
    const stop = startAuditSequencer(ctx.db, { intervalMs: 10, onError: (e) => errors.push(e) });
    try {
      for (let attempt = 0; attempt < 200; attempt++) {
        const { items } = await listAuditEvents(ctx.db, { resourceId, page: 1, pageSize: 10 });
        if (items.every((item) => item.chainSeq !== null)) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } finally {
      await stop();
    }
    const { items } = await listAuditEvents(ctx.db, { resourceId, page: 1, pageSize: 10 });
    expect(items.map((item) => item.chainSeq === null)).toEqual([false, false, false]);
    expect(errors).toEqual([]);
  });
});

describe('listAuditEvents', () => {
  it('filters by actor, org unit, resource and time, newest first, with a total', async () => {
    const actorUserId = randomUUID();
    const orgUnitId = randomUUID();
    const other = randomUUID();
    const from = new Date(Date.now() - 60_000);
    for (const [action, resourceId] of [
      ['plan_item.create', 'a'],
      ['plan_item.update', 'a'],
      ['plan_item.archive', 'b'],
    ] as const) {
      await ctx.db.transaction((tx) =>
        recordAuditEvent(tx, {
          action,
          actor: { userId: actorUserId, name: 'Trần Văn Bình', roles: ['head'] },
          resource: { type: 'plan_item', id: resourceId, orgUnitId },
        }),
      );
    }
    await recordAuditEvent(ctx.db, {
      action: 'auth.login',
      actor: { userId: other, name: 'Lê Thị Cúc', roles: [] },
      resource: { type: 'session', id: null, orgUnitId },
    });

    const byActor = await listAuditEvents(ctx.db, { actorUserId, page: 1, pageSize: 2 });
    expect(byActor.total).toBe(3);
    expect(byActor.items.map((e) => e.action)).toEqual(['plan_item.archive', 'plan_item.update']);
    const page2 = await listAuditEvents(ctx.db, { actorUserId, page: 2, pageSize: 2 });
    expect(page2.items.map((e) => e.action)).toEqual(['plan_item.create']);

    expect((await listAuditEvents(ctx.db, { orgUnitId, page: 1, pageSize: 10 })).total).toBe(4);
    const resource = await listAuditEvents(ctx.db, {
      orgUnitId,
      resourceType: 'plan_item',
      resourceId: 'a',
      page: 1,
      pageSize: 10,
    });
    expect(resource.items.map((e) => e.action)).toEqual(['plan_item.update', 'plan_item.create']);
    expect((await listAuditEvents(ctx.db, { orgUnitId, from, page: 1, pageSize: 10 })).total).toBe(4);
    expect((await listAuditEvents(ctx.db, { orgUnitId, to: from, page: 1, pageSize: 10 })).total).toBe(0);
    expect(
      (await listAuditEvents(ctx.db, { orgUnitId, action: 'auth.login', page: 1, pageSize: 10 })).total,
    ).toBe(1);
  });
});
