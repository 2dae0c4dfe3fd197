/**
 * What the chain seals, pinned down: known-answer vectors for the canonical event and the chain
 * hash (computed outside this code base, with sha256sum), the same event read back from each
 * database, and one tamper case per sealed column. Dropping, renaming or reordering a field of
 * the canonical form, or adding a column to audit_events without sealing it, fails here.
 */
import { randomUUID } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Transaction } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { createTestContext, type TestContext } from '../../test/context';
import { canonicalEvent, chainHash, GENESIS_HASH, type SealedEvent, sealedEventColumns } from './hash';
import { chainPendingEvents } from './sequencer';
import { recordAuditEvent } from './service';
import { rolledBack } from './test-helpers';
import { verifyAuditChain } from './verify';

/** Every field set, non-ASCII text, jsonb whose keys PostgreSQL reorders. */
const EVENT_1: SealedEvent = {
  id: '42',
  occurredAt: '2026-03-15T01:02:03.456789Z',
  actorUserId: '3f1c2a9e-0b7d-4c5e-9a1f-2d3e4f5a6b7c',
  actorName: 'Nguyễn Thị Hoa',
  actorRoles: '["head","officer"]',
  ip: '10.0.0.7',
  requestId: 'req-42',
  action: 'plan_item.update',
  resourceType: 'plan_item',
  resourceId: '9b2e4c6d-8f10-4a3b-b5c7-d9e1f3a5b7c9',
  orgUnitId: 'a1b2c3d4-e5f6-4789-8abc-def012345678',
  before: '{"progress": 40}',
  after: '{"note": "Đã xong", "progress": 60}',
};
const CANONICAL_1 =
  '["audit-v1","42","2026-03-15T01:02:03.456789Z","3f1c2a9e-0b7d-4c5e-9a1f-2d3e4f5a6b7c","Nguyễn Thị Hoa",' +
  '"[\\"head\\",\\"officer\\"]","10.0.0.7","req-42","plan_item.update","plan_item",' +
  '"9b2e4c6d-8f10-4a3b-b5c7-d9e1f3a5b7c9","a1b2c3d4-e5f6-4789-8abc-def012345678",' +
  '"{\\"progress\\": 40}","{\\"note\\": \\"Đã xong\\", \\"progress\\": 60}"]';

/** Nulls where the columns allow them: an anonymous failed sign-in. */
const EVENT_2: SealedEvent = {
  id: '43',
  occurredAt: '2026-03-15T01:02:04.000001Z',
  actorUserId: null,
  actorName: 'anonymous',
  actorRoles: '[]',
  ip: '203.0.113.9',
  requestId: null,
  action: 'auth.login_failed',
  resourceType: 'user',
  resourceId: null,
  orgUnitId: null,
  before: null,
  after: null,
};
const EVENT_3: SealedEvent = {
  id: '44',
  occurredAt: '2026-03-15T01:02:05.500000Z',
  actorUserId: '3f1c2a9e-0b7d-4c5e-9a1f-2d3e4f5a6b7c',
  actorName: 'Nguyễn Thị Hoa',
  actorRoles: '["officer"]',
  ip: '10.0.0.7',
  requestId: 'req-44',
  action: 'report.submit',
  resourceType: 'report',
  resourceId: 'r-7',
  orgUnitId: null,
  before: '{"state": "draft"}',
  after: '{"state": "submitted"}',
};

/** sha256sum of (previous hash ‖ canonical text), computed outside this code. */
const HASH_1 = '70da7ba81469408a900343b8b28fef0bbdf04c2953f3827ccce25f168f15ad19';
const HASH_2 = 'cc1442a88dac88655b1a4b4f683c768dd978260fa79ffa141ec9adca6b7fc72d';
const HASH_3 = '355d962b7741d1b1b1efa098213dc4cfb9067b33de9b88698db4263c1b02490c';

const SEALED_FIELDS = Object.keys(EVENT_1) as (keyof SealedEvent)[];

describe('known-answer vectors', () => {
  it('renders the canonical event byte for byte', () => {
    expect(canonicalEvent(EVENT_1)).toBe(CANONICAL_1);
    expect(Buffer.from(canonicalEvent(EVENT_1), 'utf8').length).toBe(Buffer.byteLength(CANONICAL_1, 'utf8'));
    expect(canonicalEvent(EVENT_2)).toBe(
      '["audit-v1","43","2026-03-15T01:02:04.000001Z",null,"anonymous","[]","203.0.113.9",null,' +
        '"auth.login_failed","user",null,null,null,null]',
    );
  });

  it('hashes a fixed three-event chain to exact values', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    expect(chainHash(GENESIS_HASH, EVENT_1)).toBe(HASH_1);
    expect(chainHash(HASH_1, EVENT_2)).toBe(HASH_2);
    expect(chainHash(HASH_2, EVENT_3)).toBe(HASH_3);
  });

  it.each(SEALED_FIELDS)('changes the hash when %s changes or goes missing', (field) => {
    const altered = { ...EVENT_1, [field]: `${EVENT_1[field]}x` };
    expect(chainHash(GENESIS_HASH, altered)).not.toBe(HASH_1);
    const { [field]: _dropped, ...rest } = EVENT_1;
    expect(chainHash(GENESIS_HASH, rest as SealedEvent)).not.toBe(HASH_1);
  });

  it('tells null from the text "null" and from an empty string', () => {
    const hashes = new Set(
      [null, 'null', ''].map((ip) => chainHash(GENESIS_HASH, { ...EVENT_2, ip: ip as string | null })),
    );
    expect(hashes.size).toBe(3);
  });
});

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

afterAll(async () => {
  await ctx?.close();
});

/** Tampering stays inside a rolled-back transaction, so later tests see an intact log. */
const tamper = <T>(fn: (tx: Transaction) => Promise<T>) => rolledBack(ctx.db, fn);

/** Inserts a fixed event as is, past the trigger that stamps the time (so only inside `tamper`). */
async function insertFixed(tx: Transaction, e: SealedEvent) {
  await tx.execute(sql`alter table audit_events disable trigger audit_events_stamp`);
  await tx.execute(sql`
    insert into audit_events (id, occurred_at, actor_user_id, actor_name, actor_roles, ip, request_id,
      action, resource_type, resource_id, org_unit_id, before, after)
    overriding system value
    values (${Number(e.id)}, ${e.occurredAt}::timestamptz, ${e.actorUserId}::uuid, ${e.actorName},
      array(select json_array_elements_text(${e.actorRoles}::json)), ${e.ip}, ${e.requestId}, ${e.action},
      ${e.resourceType}, ${e.resourceId}, ${e.orgUnitId}::uuid, ${e.before}::jsonb, ${e.after}::jsonb)`);
}

describe('the sealed form read from the database', () => {
  it('reads a stored event back as the known-answer event, jsonb keys in canonical order', async () => {
    const read = await tamper(async (tx) => {
      // keys given in the other order: jsonb's text puts "note" first, as in the vector
      await insertFixed(tx, { ...EVENT_1, after: '{"progress": 60, "note": "Đã xong"}' });
      await insertFixed(tx, EVENT_2);
      await insertFixed(tx, EVENT_3);
      return rowsOf<SealedEvent>(
        await tx.execute(
          sql`select ${sealedEventColumns} from audit_events e where e.id in (42, 43, 44) order by e.id`,
        ),
      );
    });
    expect(read).toEqual([EVENT_1, EVENT_2, EVENT_3]);
    expect(chainHash(GENESIS_HASH, read[0]!)).toBe(HASH_1);
    expect(chainHash(HASH_2, read[2]!)).toBe(HASH_3);
  });

  it('seals every column of audit_events except the bookkeeping tx_id', async () => {
    const columns = rowsOf<{ name: string }>(
      await ctx.db.execute(sql`
        select column_name as name from information_schema.columns
        where table_schema = current_schema() and table_name = 'audit_events' order by column_name`),
    ).map((c) => c.name);
    const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    expect(columns.filter((c) => c !== 'tx_id').sort()).toEqual(SEALED_FIELDS.map(snake).sort());
    expect(Object.keys(TAMPERS).sort()).toEqual(columns.filter((c) => c !== 'tx_id').sort());
  });
});

/** How an attacker with the table owner's rights changes each sealed column of one event. */
const TAMPERS: Record<string, (id: number) => SQL[]> = {
  id: (id) => [
    sql`alter table audit_events alter column id set generated by default`,
    sql`update audit_events set id = id + 1000000 where id = ${id}`,
  ],
  occurred_at: (id) => [
    sql`update audit_events set occurred_at = occurred_at - interval '1 second' where id = ${id}`,
  ],
  actor_user_id: (id) => [sql`update audit_events set actor_user_id = ${randomUUID()} where id = ${id}`],
  actor_name: (id) => [sql`update audit_events set actor_name = 'Người khác' where id = ${id}`],
  actor_roles: (id) => [sql`update audit_events set actor_roles = '{admin}' where id = ${id}`],
  ip: (id) => [sql`update audit_events set ip = '10.9.9.9' where id = ${id}`],
  request_id: (id) => [sql`update audit_events set request_id = 'req-forged' where id = ${id}`],
  action: (id) => [sql`update audit_events set action = 'plan_item.create' where id = ${id}`],
  resource_type: (id) => [sql`update audit_events set resource_type = 'plan' where id = ${id}`],
  resource_id: (id) => [sql`update audit_events set resource_id = 'other' where id = ${id}`],
  org_unit_id: (id) => [sql`update audit_events set org_unit_id = ${randomUUID()} where id = ${id}`],
  before: (id) => [sql`update audit_events set before = '{"progress": 41}' where id = ${id}`],
  after: (id) => [sql`update audit_events set after = '{"progress": 99}' where id = ${id}`],
};

describe('a sealed column altered behind the triggers', () => {
  it.each(Object.keys(TAMPERS))('is caught when %s is changed, naming the event', async (column) => {
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      await ctx.db.transaction((tx) =>
        recordAuditEvent(tx, {
          action: 'plan_item.update',
          actor: {
            userId: randomUUID(),
            name: 'Nguyễn Thị Hoa',
            roles: ['officer'],
            ip: '10.0.0.7',
            requestId: `r${i}`,
          },
          resource: { type: 'plan_item', id: randomUUID(), orgUnitId: randomUUID() },
          before: { progress: 40 },
          after: { progress: 60 },
        }),
      );
      const [row] = rowsOf<{ id: string }>(
        await ctx.db.execute(sql`select max(id)::text as id from audit_events`),
      );
      ids.push(Number(row!.id));
    }
    await chainPendingEvents(ctx.db);
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
    const victim = ids[1]!;
    const verification = await tamper(async (tx) => {
      await tx.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
      for (const statement of TAMPERS[column]!(victim)) await tx.execute(statement);
      return verifyAuditChain(tx);
    });
    // a changed id leaves the entry pointing at an event that is gone
    expect(verification).toMatchObject({
      ok: false,
      problem: column === 'id' ? 'removed' : 'altered',
      eventId: victim,
    });
    if (verification.ok) throw new Error('unreachable');
    expect(verification.message).toContain(`#${victim}`);
  });
});
