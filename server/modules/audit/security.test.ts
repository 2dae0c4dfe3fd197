import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAuditEventList } from '../../../common/contracts/audit';
import { rowsOf } from '../../db/sql';
import { createTestContext, type TestContext } from '../../test/context';
import { buildItem, buildOrgUnit, buildPlan } from '../../test/factories';
import { signInAs } from '../../test/sessions';
import { hashPassword } from '../identity/passwords';
import { users } from '../identity/tables';
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

const PASSWORD = 'Một mật khẩu đủ dài 2026';

const signIn = (username: string, password: string, ip: string) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: ip,
  });

/** The refusals audited for an actor key (`user:<id>` or `ip:<address>`), as the auditor sees them. */
async function deniedEvents(actorKey: string) {
  const { items } = await listAuditEvents(ctx.db, { action: 'security.denied', page: 1, pageSize: 500 });
  return items.filter((e) => e.after?.actorKey === actorKey);
}

describe('refused requests are audited', () => {
  it('records a forbidden request with who, what and the route', async () => {
    const officer = await signInAs(ctx.app, ctx.db, 'officer', ctx.rootOrgUnitId);
    const res = await officer.inject({ method: 'GET', url: '/api/audit-events?page=1' });
    expect(res.statusCode).toBe(403);
    const events = await deniedEvents(`user:${officer.user.id}`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorUserId: officer.user.id,
      actorRoles: ['officer'],
      resourceType: 'request',
      resourceId: 'GET /api/audit-events',
      after: { kind: 'forbidden', status: 403, method: 'GET', url: '/api/audit-events?page=1' },
      occurrences: 1,
    });
    expect(events[0]?.requestId).toBeTruthy();
  });

  it("records the 404 that hides another unit's record, not an ordinary missing one", async () => {
    const own = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId });
    const other = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId });
    const plan = await buildPlan(ctx.db);
    const item = await buildItem(ctx.db, { planId: plan.id, code: '9.9.9', leadOrgUnitId: other.id });
    const officer = await signInAs(ctx.app, ctx.db, 'officer', own.id);
    const hidden = await officer.inject({ method: 'GET', url: `/api/items/${item.id}` });
    expect(hidden.statusCode).toBe(404);
    const missing = await officer.inject({ method: 'GET', url: `/api/items/${crypto.randomUUID()}` });
    expect(missing.statusCode).toBe(404);
    // the two answers are the same to the caller; only the one the policy gave is a refusal
    expect(hidden.json().detail).toBe(missing.json().detail);
    const events = await deniedEvents(`user:${officer.user.id}`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      resourceId: 'GET /api/items/:id',
      after: { kind: 'not_found', status: 404, url: `/api/items/${item.id}` },
    });
  });

  it('records a CSRF failure', async () => {
    const officer = await signInAs(ctx.app, ctx.db, 'officer', ctx.rootOrgUnitId);
    const res = await officer.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { 'x-csrf-token': 'forged' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'csrf_failed' });
    const events = await deniedEvents(`user:${officer.user.id}`);
    expect(events.map((e) => e.after)).toEqual([
      expect.objectContaining({ kind: 'csrf_failed', status: 403 }),
    ]);
  });

  it('records a locked sign-in, under the address and the submitted name', async () => {
    await ctx.db.insert(users).values({
      username: 'khoa.thu',
      displayName: 'Khóa Thử',
      passwordHash: await hashPassword(PASSWORD),
    });
    const ip = '198.51.100.23';
    let status = 0;
    for (let attempt = 0; attempt < 10 && status !== 423; attempt++) {
      status = (await signIn('khoa.thu', 'sai mật khẩu rồi', ip)).statusCode;
    }
    expect(status).toBe(423);
    expect((await signIn('khoa.thu', PASSWORD, ip)).statusCode).toBe(423);
    const events = await deniedEvents(`ip:${ip}`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorUserId: null,
      actorName: 'khoa.thu',
      ip,
      resourceId: 'POST /api/auth/login',
      after: { kind: 'account_locked', status: 423, username: 'khoa.thu' },
    });
    expect(events[0]?.occurrences).toBeGreaterThanOrEqual(2);
  }, 30_000);

  it('records sign-ins refused by the cap on one address', async () => {
    const ip = '198.51.100.77';
    let status = 0;
    for (let attempt = 0; attempt < 40 && status !== 429; attempt++) {
      status = (await signIn(`khong.co.${attempt}`, 'sai mật khẩu rồi', ip)).statusCode;
    }
    expect(status).toBe(429);
    const events = await deniedEvents(`ip:${ip}`);
    expect(events.map((e) => e.after)).toEqual([
      expect.objectContaining({ kind: 'too_many_attempts', status: 429 }),
    ]);
  }, 60_000);

  it('collapses 100 refusals in a minute into one event that carries the count', async () => {
    const officer = await signInAs(ctx.app, ctx.db, 'officer', ctx.rootOrgUnitId);
    for (let i = 0; i < 100; i++) {
      expect((await officer.inject({ method: 'GET', url: '/api/audit-events' })).statusCode).toBe(403);
    }
    const events = await deniedEvents(`user:${officer.user.id}`);
    // one event per minute: the run may straddle a minute boundary, never more
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events.length).toBeLessThanOrEqual(2);
    expect(events.reduce((sum, e) => sum + (e.occurrences ?? 0), 0)).toBe(100);
    const [counted] = rowsOf<{ n: string; total: string }>(
      await ctx.db.execute(sql`
        select count(*)::text as n, sum(count)::text as total from security_event_counters
        where actor_key = ${`user:${officer.user.id}`}`),
    );
    expect(counted).toEqual({ n: String(events.length), total: '100' });

    // the auditor reads the count beside the event
    const res = await ctx.inject({
      method: 'GET',
      url: `/api/audit-events?action=security.denied&actor=${officer.user.id}`,
    });
    const body = res.json<TAuditEventList>();
    expect(body.items.reduce((sum, e) => sum + (e.occurrences ?? 0), 0)).toBe(100);
    expect(body.items[0]).toMatchObject({ actionLabel: 'Yêu cầu bị từ chối' });
    const xlsx = await ctx.inject({
      method: 'GET',
      url: `/api/audit-events.xlsx?action=security.denied&actor=${officer.user.id}`,
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = (workbook.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][]).slice(1);
    expect(rows.reduce((sum, row) => sum + Number(row[12] ?? 0), 0)).toBe(100);

    await chainPendingEvents(ctx.db);
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true });
  });

  it('still answers 403 when the refusal cannot be recorded', async () => {
    const officer = await signInAs(ctx.app, ctx.db, 'officer', ctx.rootOrgUnitId);
    await ctx.db.execute(sql`alter table security_event_counters rename to security_event_counters_away`);
    try {
      const res = await officer.inject({ method: 'GET', url: '/api/audit-events' });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'forbidden' });
    } finally {
      await ctx.db.execute(sql`alter table security_event_counters_away rename to security_event_counters`);
    }
  });
});
