import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TPlan, TPlanList } from '../../../common/contracts/plans';
import type { TProblem } from '../../../common/problem';
import { createTestContext, type TestContext } from '../../test/context';
import { buildItem, buildPlan } from '../../test/factories';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

afterAll(async () => {
  await ctx?.close();
});

const valid = {
  number: '328-KH/TU',
  title: 'Kế hoạch hành động thực hiện Nghị quyết 57-NQ/TW',
  issuingBody: 'Ban Chấp hành Đảng bộ tỉnh Nghệ An',
  issueDate: '2025-04-24',
  parentDocument: '57-NQ/TW',
  horizonStartYear: 2025,
  horizonEndYear: 2030,
  status: 'active',
};

describe('plans', () => {
  it('keeps which past periods units may write values for: open rounds by default, validated, editable', async () => {
    const created = await ctx.inject({
      method: 'POST',
      url: '/api/plans',
      payload: { ...valid, number: '1-KH/CUASO' },
    });
    const plan = created.json<TPlan>();
    expect(plan.valueEntryWindow).toBe('open_rounds');
    const bad = await ctx.inject({
      method: 'POST',
      url: '/api/plans',
      payload: { ...valid, number: '2-KH/CUASO', valueEntryWindow: 'forever' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<TProblem>().errors?.[0]?.field).toBe('valueEntryWindow');
    const changed = await ctx.inject({
      method: 'PATCH',
      url: `/api/plans/${plan.id}`,
      payload: { version: plan.version, valueEntryWindow: 'any_past' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<TPlan>()).toMatchObject({ valueEntryWindow: 'any_past', version: plan.version + 1 });
  });

  it('creates a plan (201), refuses its number twice (409), and lists it with status counts', async () => {
    const created = await ctx.inject({ method: 'POST', url: '/api/plans', payload: valid });
    expect(created.statusCode, created.body).toBe(201);
    const plan = created.json<TPlan>();
    expect(plan).toMatchObject({ number: '328-KH/TU', taskCount: 0, version: 1 });
    await buildItem(ctx.db, { planId: plan.id, code: '1', deadline: '2026-01-01' });
    await buildItem(ctx.db, { planId: plan.id, code: '2', progress: 100 });
    await buildItem(ctx.db, { planId: plan.id, code: '3', kind: 'group' });

    const dup = await ctx.inject({ method: 'POST', url: '/api/plans', payload: valid });
    expect(dup.statusCode).toBe(409);
    expect(dup.json<TProblem>().errors?.[0]?.field).toBe('number');

    const list = await ctx.inject({
      method: 'GET',
      url: `/api/plans?q=${encodeURIComponent('nghi quyet 57')}`,
    });
    const found = list.json<TPlanList>().items.find((p) => p.id === plan.id);
    expect(found?.taskCount).toBe(2);
    expect(found?.statusCounts).toMatchObject({ overdue: 1, done: 1, at_risk: 0 });
  });

  it('lists the newest issued plan first: a plan without an issue date sorts last either way', async () => {
    const { issueDate: _none, ...undated } = valid;
    for (const [number, extra] of [
      ['10-KH/SAPXEP', { issueDate: '2025-01-10' }],
      ['11-KH/SAPXEP', { issueDate: '2026-02-20' }],
      ['12-KH/SAPXEP', {}],
    ] as const) {
      const created = await ctx.inject({
        method: 'POST',
        url: '/api/plans',
        payload: { ...undated, ...extra, number },
      });
      expect(created.statusCode, created.body).toBe(201);
    }
    const numbers = async (order: string) =>
      (await ctx.inject({ method: 'GET', url: `/api/plans?q=SAPXEP&sort=issueDate&order=${order}` }))
        .json<TPlanList>()
        .items.map((p) => p.number);
    expect(await numbers('desc')).toEqual(['11-KH/SAPXEP', '10-KH/SAPXEP', '12-KH/SAPXEP']);
    expect(await numbers('asc')).toEqual(['10-KH/SAPXEP', '11-KH/SAPXEP', '12-KH/SAPXEP']);
  });

  it('refuses a horizon that ends before it starts, naming the field', async () => {
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/plans',
      payload: { ...valid, number: '1-KH', horizonStartYear: 2030, horizonEndYear: 2025 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<TProblem>().errors?.[0]?.field).toBe('horizonEndYear');
  });

  it('ladders 400 → 404 → 409 → 200 on update, then archives', async () => {
    const plan = await buildPlan(ctx.db);
    const url = `/api/plans/${plan.id}`;
    expect(
      (await ctx.inject({ method: 'PATCH', url, payload: { version: 1, status: 'open' } })).statusCode,
    ).toBe(400);
    expect(
      (
        await ctx.inject({
          method: 'PATCH',
          url: '/api/plans/00000000-0000-4000-8000-000000000000',
          payload: { version: 1 },
        })
      ).statusCode,
    ).toBe(404);
    expect((await ctx.inject({ method: 'PATCH', url, payload: { version: 2, title: 'x' } })).statusCode).toBe(
      409,
    );
    const ok = await ctx.inject({ method: 'PATCH', url, payload: { version: 1, status: 'closed' } });
    expect(ok.json<TPlan>()).toMatchObject({ status: 'closed', version: 2 });
    const archived = await ctx.inject({ method: 'POST', url: `${url}/archive`, payload: { version: 2 } });
    expect(archived.json<TPlan>().archived).toBe(true);
    const list = await ctx.inject({ method: 'GET', url: '/api/plans' });
    expect(list.json<TPlanList>().items.some((p) => p.id === plan.id)).toBe(false);
  });
});
