/**
 * The analytics route's per-instance look-ups (lookups.ts): served from memory while the cache
 * epoch stands, loaded again on the next request once a change to indicators or units moved it.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAnalyticsResult } from '../../../common/contracts/analytics';
import { createTestContext, type TestContext } from '../../test/context';
import { buildIndicator, buildOrgUnit } from '../../test/factories';

let ctx: TestContext;
let unit: { id: string; code: string };
let indicator: { id: string; code: string };

beforeAll(async () => {
  ctx = await createTestContext();
  const district = await buildOrgUnit(ctx.db, { kind: 'other', parentId: ctx.rootOrgUnitId });
  unit = district;
  indicator = await buildIndicator(ctx.db, { valueType: 'count', reportedBy: ['commune'] });
  for (const value of [4, 9]) {
    const commune = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: district.id });
    const answer = await ctx.inject({
      method: 'POST',
      url: '/api/data-values',
      payload: {
        values: [{ indicatorCode: indicator.code, orgUnitCode: commune.code, period: '2026M02', value }],
      },
    });
    expect(answer.statusCode, answer.body).toBe(200);
  }
});

afterAll(async () => {
  await ctx?.close();
});

const answer = async () => {
  const response = await ctx.inject({
    method: 'GET',
    url: `/api/analytics?indicators=${indicator.code}&orgUnitId=${unit.id}&periodType=month&from=2026M02&to=2026M02`,
  });
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json<TAnalyticsResult>();
  return { indicator: body.indicators[0]!.name, unit: body.orgUnit.name, value: body.rows[0]?.value };
};

describe('analytics look-ups per cache epoch', () => {
  it('keeps the indicator and the unit while the epoch stands, and reads them again once it moved', async () => {
    const first = await answer();
    expect(first.value).toBe(13);
    // renamed without moving the epoch (as no app path can): the cached look-ups still answer
    await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update indicators set name = 'Tên mới' where id = ${indicator.id}`);
      await tx.execute(sql`update org_units set name = 'Đơn vị mới' where id = ${unit.id}`);
    });
    expect(await answer()).toEqual(first);
    // an ordinary change moves the epoch at commit: the next request reads them again
    await ctx.db.execute(sql`update indicators set unit = unit where id = ${indicator.id}`);
    expect(await answer()).toEqual({ indicator: 'Tên mới', unit: 'Đơn vị mới', value: 13 });
  });

  it('answers 404 for a unit that is gone, however it was cached', async () => {
    const answer = await ctx.inject({
      method: 'GET',
      url: `/api/analytics?indicators=${indicator.code}&orgUnitId=00000000-0000-4000-8000-000000000000&periodType=month&from=2026M02&to=2026M02`,
    });
    expect(answer.statusCode).toBe(404);
  });
});
