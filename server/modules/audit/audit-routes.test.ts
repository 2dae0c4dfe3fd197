import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAuditEventList } from '../../../common/contracts/audit';
import { createTestContext, TEST_TODAY, type TestContext } from '../../test/context';
import { buildItem, buildOrgUnit, buildPlan } from '../../test/factories';
import { signInAs } from '../../test/sessions';
import { users } from '../identity/tables';

let ctx: TestContext;
let planId: string;
let unitA: string;
let unitB: string;
let itemA: { id: string };
let itemB: { id: string };
const MALICIOUS = '=HYPERLINK("http://x")';

beforeAll(async () => {
  ctx = await createTestContext();
  planId = (await buildPlan(ctx.db)).id;
  unitA = (await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId })).id;
  unitB = (await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId })).id;
  itemA = await buildItem(ctx.db, { planId, code: '1.1', title: 'Trước', leadOrgUnitId: unitA });
  itemB = await buildItem(ctx.db, { planId, code: '1.2', title: 'Việc B', leadOrgUnitId: unitB });
  for (const [item, title] of [
    [itemA, MALICIOUS],
    [itemB, 'Việc B đã sửa'],
  ] as const) {
    const res = await ctx.inject({
      method: 'PATCH',
      url: `/api/items/${item.id}`,
      payload: { version: 1, title },
    });
    expect(res.statusCode).toBe(200);
  }
  // Org-unit changes carry the unit on the event, which scopes what auditors below the province see.
  for (const unit of [unitA, unitB]) {
    const res = await ctx.inject({
      method: 'PATCH',
      url: `/api/org-units/${unit}`,
      payload: { version: 1, name: `Xã đổi tên ${unit.slice(0, 4)}` },
    });
    expect(res.statusCode).toBe(200);
  }
});

afterAll(async () => {
  await ctx?.close();
});

describe('GET /api/audit-events', () => {
  it('shows an admin the events of changes made through the API, newest first', async () => {
    const res = await ctx.inject({ method: 'GET', url: '/api/audit-events' });
    expect(res.statusCode).toBe(200);
    const body = res.json<TAuditEventList>();
    expect(body.page).toBe(1);
    const updates = body.items.filter((e) => e.action === 'plan_item.update');
    expect(updates.map((e) => e.resource.id)).toEqual([itemB.id, itemA.id]);
    expect(updates[1]).toMatchObject({
      actionLabel: 'Sửa mục kế hoạch',
      actor: { roles: ['admin'] },
      resource: { type: 'plan_item', id: itemA.id },
      before: { title: 'Trước' },
      after: { title: MALICIOUS },
    });
    expect(updates[1]?.requestId).toBeTruthy();
  });

  it('filters by action, resource and dates', async () => {
    const byResource = await ctx.inject({ method: 'GET', url: `/api/audit-events?resourceId=${itemA.id}` });
    expect(byResource.json<TAuditEventList>().items.map((e) => e.resource.id)).toEqual([itemA.id]);

    const byAction = await ctx.inject({ method: 'GET', url: '/api/audit-events?action=plan_item.update' });
    const list = byAction.json<TAuditEventList>();
    expect(list.total).toBe(2);
    expect(list.items.every((e) => e.action === 'plan_item.update')).toBe(true);

    const none = await ctx.inject({ method: 'GET', url: '/api/audit-events?action=plan.archive' });
    expect(none.json<TAuditEventList>().total).toBe(0);

    const past = await ctx.inject({ method: 'GET', url: '/api/audit-events?from=2000-01-01&to=2000-01-02' });
    expect(past.json<TAuditEventList>().total).toBe(0);

    const bad = await ctx.inject({ method: 'GET', url: '/api/audit-events?from=hôm-qua' });
    expect(bad.statusCode).toBe(400);
  });

  it('shows an auditor below the province only the events of its units', async () => {
    const auditor = await signInAs(ctx.app, ctx.db, 'auditor', unitA);
    const res = await auditor.inject({ method: 'GET', url: '/api/audit-events' });
    expect(res.statusCode).toBe(200);
    const body = res.json<TAuditEventList>();
    // Its unit's own change and the change to the item it leads; nothing of unit B, nothing unit-less.
    expect(body.items.every((e) => e.orgUnitId === unitA)).toBe(true);
    expect(body.items.map((e) => e.action).sort()).toEqual(['org_unit.update', 'plan_item.update']);

    const admin = await ctx.inject({ method: 'GET', url: `/api/audit-events?orgUnit=${unitB}` });
    const forB = admin.json<TAuditEventList>().items;
    expect(forB.length).toBeGreaterThan(0);
    expect(forB.every((e) => e.orgUnitId === unitB)).toBe(true);
  });

  it('refuses an officer (403) and anyone not signed in (401)', async () => {
    const officer = await signInAs(ctx.app, ctx.db, 'officer', ctx.rootOrgUnitId);
    expect((await officer.inject({ method: 'GET', url: '/api/audit-events' })).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/audit-events' })).statusCode).toBe(401);
    expect((await officer.inject({ method: 'GET', url: '/api/audit-events.xlsx' })).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/audit-events.xlsx' })).statusCode).toBe(401);
  });
});

describe('GET /api/audit-events.xlsx', () => {
  it('downloads the filtered events with a Vietnamese header and formula text escaped', async () => {
    const res = await ctx.inject({ method: 'GET', url: '/api/audit-events.xlsx?action=plan_item.update' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="nhat-ky-kiem-toan-${TEST_TODAY}.xlsx"`,
    );

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0]!.slice(1)).toEqual([
      'Thời gian',
      'Người thực hiện',
      'Vai trò',
      'Hành động',
      'Loại bản ghi',
      'Mã bản ghi',
      'Đơn vị',
      'IP',
      'Mã yêu cầu',
      'Trước',
      'Sau',
      'Số lần',
    ]);
    expect(rows).toHaveLength(3);
    const rowA = rows.find((r) => r[6] === itemA.id)!;
    expect(rowA[1]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
    expect(rowA[4]).toBe('Sửa mục kế hoạch');
    // `after` is the changed fields as JSON, so the malicious title sits inside it, starting with "{"
    expect(JSON.parse(String(rowA[11]))).toEqual({ title: MALICIOUS });
    // no text cell anywhere starts like a formula
    for (const row of rows) {
      for (const cell of row.slice(1)) {
        if (typeof cell === 'string') expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
  });

  it('escapes a cell that starts like a formula', async () => {
    // The actor's name is a text cell of its own: a user named like a formula lands in it as is.
    const evil = await signInAs(ctx.app, ctx.db, 'admin', ctx.rootOrgUnitId);
    await ctx.db.update(users).set({ displayName: MALICIOUS }).where(eq(users.id, evil.user.id));
    const item = await buildItem(ctx.db, { planId, code: '1.3', leadOrgUnitId: unitA });
    const patch = await evil.inject({
      method: 'PATCH',
      url: `/api/items/${item.id}`,
      payload: { version: 1, title: '-5' },
    });
    expect(patch.statusCode).toBe(200);

    const res = await ctx.inject({ method: 'GET', url: `/api/audit-events.xlsx?resourceId=${item.id}` });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const row = workbook.worksheets[0]!.getRow(2);
    expect(row.getCell(2).value).toBe(`'${MALICIOUS}`);
    expect(row.getCell(6).value).toBe(item.id);
    expect(row.getCell(11).value).toBe('{"title":"-5"}');
  });
});
