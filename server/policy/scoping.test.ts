import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TPlanItemList, TPlanTree } from '../../common/contracts/plan-items';
import type { TPlan } from '../../common/contracts/plans';
import { createTestContext, type TestContext } from '../test/context';
import { buildItem, buildOrgUnit, buildPlan } from '../test/factories';
import { signInAs } from '../test/sessions';

let ctx: TestContext;
let planId: string;
let communeA: string;
let communeB: string;

beforeAll(async () => {
  ctx = await createTestContext();
  communeA = (await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId })).id;
  communeB = (await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId })).id;
  const department = (await buildOrgUnit(ctx.db, { kind: 'department', parentId: ctx.rootOrgUnitId })).id;
  planId = (await buildPlan(ctx.db)).id;
  const g1 = await buildItem(ctx.db, { planId, code: '1', kind: 'group', title: 'Nhóm một' });
  const g2 = await buildItem(ctx.db, { planId, code: '2', kind: 'group', title: 'Nhóm hai' });
  await buildItem(ctx.db, {
    planId,
    parentId: g1.id,
    code: '1.1',
    leadOrgUnitId: communeA,
    deadline: '2026-01-01',
  });
  await buildItem(ctx.db, { planId, parentId: g1.id, code: '1.2', leadOrgUnitId: department }, [communeA]);
  await buildItem(ctx.db, {
    planId,
    parentId: g2.id,
    code: '2.1',
    leadOrgUnitId: communeB,
    deadline: '2026-01-01',
  });
  await buildItem(ctx.db, { planId, parentId: g2.id, code: '2.2', leadOrgUnitId: department });
});

afterAll(async () => {
  await ctx?.close();
});

describe('an officer of one commune', () => {
  it('lists, counts and sees in the tree only what the commune leads or co-operates on', async () => {
    const { inject } = await signInAs(ctx.app, ctx.db, 'officer', communeA);
    const list = (await inject({ method: 'GET', url: `/api/plans/${planId}/items` })).json<TPlanItemList>();
    expect(list.items.map((i) => i.code)).toEqual(['1.1', '1.2']);
    expect(list.total).toBe(2);
    const searched = (
      await inject({ method: 'GET', url: `/api/plans/${planId}/items?q=2.1` })
    ).json<TPlanItemList>();
    expect(searched.total).toBe(0);
    const tree = (await inject({ method: 'GET', url: `/api/plans/${planId}/tree` })).json<TPlanTree>();
    expect(tree.roots.map((r) => r.code)).toEqual(['1']);
    expect(tree.roots[0]?.children.map((c) => c.code)).toEqual(['1.1', '1.2']);
    const plan = (await inject({ method: 'GET', url: `/api/plans/${planId}` })).json<TPlan>();
    expect(plan.taskCount).toBe(2);
    expect(plan.statusCounts.overdue).toBe(1);
  });

  it('cannot open another commune’s task: 404, as if it did not exist', async () => {
    const { inject } = await signInAs(ctx.app, ctx.db, 'officer', communeA);
    const list = (
      await ctx.inject({ method: 'GET', url: `/api/plans/${planId}/items?q=2.1` })
    ).json<TPlanItemList>();
    const foreign = list.items[0]!;
    const res = await inject({ method: 'GET', url: `/api/items/${foreign.id}` });
    expect(res.statusCode).toBe(404);
    const missing = await inject({ method: 'GET', url: '/api/items/00000000-0000-4000-8000-000000000000' });
    expect(res.json().detail).toBe(missing.json().detail);
  });

  it('while a province-wide leader sees everything', async () => {
    const { inject } = await signInAs(ctx.app, ctx.db, 'steering', ctx.rootOrgUnitId);
    const list = (await inject({ method: 'GET', url: `/api/plans/${planId}/items` })).json<TPlanItemList>();
    expect(list.total).toBe(4);
  });
});
