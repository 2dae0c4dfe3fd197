import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/context';
import { buildItem, buildPlan } from '../../test/factories';
import { listAuditEvents } from './queries';
import { chainPendingEvents } from './sequencer';
import { verifyAuditChain } from './verify';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

afterAll(async () => {
  await ctx?.close();
});

describe('changes through the API are audited', () => {
  it('records who changed what, from which request, with the difference, and the chain verifies', async () => {
    const plan = await buildPlan(ctx.db);
    const item = await buildItem(ctx.db, { planId: plan.id, code: '1.1', title: 'Trước' });
    const res = await ctx.inject({
      method: 'PATCH',
      url: `/api/items/${item.id}`,
      payload: { version: 1, title: 'Sau' },
      headers: { 'x-request-id': 'ignored' },
    });
    expect(res.statusCode).toBe(200);
    const { items } = await listAuditEvents(ctx.db, { resourceId: item.id, page: 1, pageSize: 10 });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      action: 'plan_item.update',
      actorRoles: ['admin'],
      before: { title: 'Trước' },
      after: { title: 'Sau' },
    });
    expect(items[0]?.requestId).toBeTruthy();

    const refused = await ctx.inject({
      method: 'PATCH',
      url: `/api/items/${item.id}`,
      payload: { version: 1, title: 'X' },
    });
    expect(refused.statusCode).toBe(409);
    // A refused change leaves no event: the event is part of the change's transaction.
    expect((await listAuditEvents(ctx.db, { resourceId: item.id, page: 1, pageSize: 10 })).total).toBe(1);

    await chainPendingEvents(ctx.db);
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true });
  });

  it('records sign-in and failed sign-in', async () => {
    const bad = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'khong.co.ai', password: 'sai' },
    });
    expect(bad.statusCode).toBe(401);
    const { items } = await listAuditEvents(ctx.db, { action: 'auth.login_failed', page: 1, pageSize: 10 });
    expect(items.map((e) => e.actorName)).toContain('khong.co.ai');
  });
});
