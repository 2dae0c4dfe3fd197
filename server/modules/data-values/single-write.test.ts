/**
 * One value in one statement (single-write.ts, function data_value_write_one): the same value,
 * revision, roll-ups and audit event as the general path; what it cannot settle alone it leaves
 * untouched for the general path; no value without its indicator and unit, whichever path.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDataValueInput, TWriteDataValuesResult } from '../../../common/contracts/data-values';
import { rowsOf } from '../../db/sql';
import { createTestContext, TEST_TODAY, type TestContext } from '../../test/context';
import { buildIndicator, buildOrgUnit } from '../../test/factories';
import { signInAs } from '../../test/sessions';
import { chainPendingEvents } from '../audit/sequencer';
import { verifyAuditChain } from '../audit/verify';
import { rebuildRollups } from './rollups';
import { createCatalogueCache, writeOneValue } from './single-write';

let ctx: TestContext;
let district: { id: string; code: string };
const communes: { id: string; code: string }[] = [];
let count: { id: string; code: string };
let secretariat: Awaited<ReturnType<typeof signInAs>>;

beforeAll(async () => {
  ctx = await createTestContext();
  district = await buildOrgUnit(ctx.db, { kind: 'other', parentId: ctx.rootOrgUnitId });
  for (let i = 0; i < 4; i++)
    communes.push(await buildOrgUnit(ctx.db, { kind: 'commune', parentId: district.id }));
  count = await buildIndicator(ctx.db, { valueType: 'count', reportedBy: ['commune'] });
  secretariat = await signInAs(ctx.app, ctx.db, 'secretariat', ctx.rootOrgUnitId);
});

afterAll(async () => {
  await ctx?.close();
});

const one = (
  orgUnitCode: string,
  period: string,
  value: number | null,
  extra: Partial<TDataValueInput> = {},
) => ({
  values: [{ indicatorCode: count.code, orgUnitCode, period, value, ...extra }],
});

async function post(body: Record<string, unknown>) {
  const answer = await secretariat.inject({ method: 'POST', url: '/api/data-values', payload: body });
  expect(answer.statusCode, answer.body).toBe(200);
  return answer.json<TWriteDataValuesResult>();
}

/** The actor and epoch of the secretariat's next request, as the route hands them on. */
async function requestActor() {
  const found = await ctx.app.sessionCache.resolve(secretariat.token, ctx.app.sessionSettings, {
    ip: '127.0.0.1',
    requestId: 'test-request',
  });
  return { actor: found!.actor, epoch: ctx.app.sessionCache.epochOf(found!.actor) };
}

const rollupsOf = async (period: string) =>
  rowsOf<Record<string, string | number | null>>(
    await ctx.db.execute(sql`select indicator_id, org_unit_id, period, value_count, value_sum::text as s,
      value_min::text as lo, value_max::text as hi, latest_value::text as latest
      from data_rollups where period = ${period} order by org_unit_id`),
  );
const pending = async (period: string) =>
  rowsOf<{ n: number; s: string }>(
    await ctx.db.execute(sql`select count(*)::int as n, coalesce(sum(value_sum), 0)::text as s
      from data_rollup_deltas where period = ${period}`),
  )[0]!;

describe('one value in one statement', () => {
  it('writes value, revision, roll-ups and root delta as a rebuild would find them', async () => {
    const period = '2026M03';
    // creates, then changes that move the district's extremes both ways and back
    const steps: [number, number][] = [
      [0, 10],
      [1, 4],
      [2, 25],
      [2, 3],
      [0, 2],
      [1, 40],
      [3, 7],
      [1, 6],
    ];
    for (const [c, value] of steps) await post(one(communes[c]!.code, period, value));
    const again = await post(one(communes[3]!.code, period, 7));
    expect(again).toMatchObject({ applied: true, unchanged: 1, created: 0, updated: 0 });

    const live = await rollupsOf(period);
    expect(live).toHaveLength(1); // the district; the root's share waits in data_rollup_deltas
    expect(live[0]).toMatchObject({ value_count: 4, s: '18', lo: '2', hi: '7', latest: '6' });
    expect(await pending(period)).toEqual({ n: 8, s: '18' });
    const revisions = rowsOf<{ n: number }>(
      await ctx.db.execute(sql`select count(*)::int as n from data_value_revisions where period = ${period}`),
    )[0]!;
    expect(revisions.n).toBe(steps.length);

    await ctx.db.transaction((tx) => rebuildRollups(tx, [count.id]));
    const rebuilt = (await rollupsOf(period)).filter((r) => r.org_unit_id === district.id);
    expect(rebuilt.map(({ latest: _, ...r }) => r)).toEqual(live.map(({ latest: _, ...r }) => r));
  });

  it('records the audit event the general path records, and the chain verifies', async () => {
    const period = '2026M04';
    await post(one(communes[0]!.code, period, 12));
    await post(one(communes[0]!.code, period, 13));
    const events = rowsOf<{
      action: string;
      resource_id: string;
      org_unit_id: string;
      before: unknown;
      after: unknown;
      roles: string[];
    }>(
      await ctx.db.execute(sql`select action, resource_id, org_unit_id, before, after, actor_roles as roles
        from audit_events where resource_id like ${`%|${period}`} order by id`),
    );
    const key = `${count.id}|${communes[0]!.id}|${period}`;
    expect(events).toEqual([
      {
        action: 'data_value.write',
        resource_id: key,
        org_unit_id: communes[0]!.id,
        before: { value: null },
        after: { value: '12' },
        roles: ['secretariat'],
      },
      {
        action: 'data_value.write',
        resource_id: key,
        org_unit_id: communes[0]!.id,
        before: { value: '12' },
        after: { value: '13' },
        roles: ['secretariat'],
      },
    ]);
    await chainPendingEvents(ctx.db);
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true });
  });

  it('takes the one statement for a plain value, and leaves untouched what it cannot settle', async () => {
    const cache = createCatalogueCache(ctx.db);
    const { actor, epoch } = await requestActor();
    const base = { database: ctx.database, cache, actor, today: TEST_TODAY };
    const input = { indicatorCode: count.code, orgUnitCode: communes[1]!.code, period: '2026M05', value: 3 };
    expect(await writeOneValue({ ...base, epoch, input })).toMatchObject({ applied: true, created: 1 });
    const stored = async () =>
      rowsOf<{ value: string; version: number }>(
        await ctx.db.execute(sql`select value::text, version from data_values
          where org_unit_id = ${communes[1]!.id} and period = '2026M05'`),
      );
    // an old version, a cleared value, an unknown unit, a row error: the general path's (nothing written)
    expect(await writeOneValue({ ...base, epoch, input: { ...input, value: 4, version: 7 } })).toBeNull();
    expect(await writeOneValue({ ...base, epoch, input: { ...input, value: null } })).toBeNull();
    expect(await writeOneValue({ ...base, epoch, input: { ...input, orgUnitCode: 'NO-SUCH' } })).toBeNull();
    expect(await writeOneValue({ ...base, epoch, input: { ...input, period: '2026Q2' } })).toBeNull();
    expect(await stored()).toEqual([{ value: '3', version: 1 }]);
    // the catalogue changed since the request's epoch: refused in the same statement
    await ctx.db.execute(sql`update cache_epoch set epoch = epoch + 1`);
    expect(await writeOneValue({ ...base, epoch, input: { ...input, value: 5 } })).toBeNull();
    expect(await stored()).toEqual([{ value: '3', version: 1 }]);
    // the next request sees the new epoch, loads again and writes it
    expect(await post(one(communes[1]!.code, '2026M05', 5))).toMatchObject({ applied: true, updated: 1 });
    expect(await stored()).toEqual([{ value: '5', version: 2 }]);
  });

  it('leaves a version conflict to the general path, which names it', async () => {
    const answer = await secretariat.inject({
      method: 'POST',
      url: '/api/data-values',
      payload: one(communes[2]!.code, '2026M06', 1, { version: 3 }),
    });
    expect(answer.statusCode).toBe(422);
    expect(answer.json<TWriteDataValuesResult>().errors[0]).toMatchObject({ code: 'version_conflict' });
  });

  it('writes no value without its indicator and unit, whichever path', async () => {
    const { actor } = await requestActor();
    const [epoch] = rowsOf<{ e: string }>(
      await ctx.db.execute(sql`select epoch::text as e from cache_epoch`),
    );
    const call = (indicator: string, unit: string) =>
      ctx.db.execute(sql`select data_value_write_one(${epoch!.e}::bigint, ${indicator}::uuid, ${unit}::uuid, '2026M07',
        1, '1', null, null, null, ${actor.userId}::uuid, 'x', '{}'::text[], null, null)`);
    const nowhere = '00000000-0000-4000-8000-000000000000';
    await expect(call(count.id, nowhere)).rejects.toThrow();
    await expect(call(nowhere, communes[0]!.id)).rejects.toThrow();
    await expect(
      ctx.db.execute(sql`insert into data_values (indicator_id, org_unit_id, period, value)
        values (${count.id}, ${nowhere}, '2026M07', 1)`),
    ).rejects.toThrow();
    const orphans = rowsOf<{ n: number }>(
      await ctx.db.execute(sql`select count(*)::int as n from data_values v
        where not exists (select 1 from org_units o where o.id = v.org_unit_id)
           or not exists (select 1 from indicators i where i.id = v.indicator_id)`),
    )[0]!;
    expect(orphans.n).toBe(0);
  });
});
