import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TPlanItemDetail, TPlanItemList, TPlanTree } from '../../../common/contracts/plan-items';
import type { TProblem } from '../../../common/problem';
import { createTestContext, type TestContext } from '../../test/context';
import { buildItem, buildOrgUnit, buildPlan } from '../../test/factories';

let ctx: TestContext;
let planId: string;
let leadId: string;
let otherLeadId: string;
let groupId: string;
let subGroupId: string;

beforeAll(async () => {
  ctx = await createTestContext({ today: '2026-11-27' });
  const lead = await buildOrgUnit(ctx.db, { name: 'Sở Khoa học và Công nghệ', shortName: 'Sở KH&CN' });
  const other = await buildOrgUnit(ctx.db, { name: 'Sở Tài chính', shortName: 'Sở TC' });
  leadId = lead.id;
  otherLeadId = other.id;
  const plan = await buildPlan(ctx.db);
  planId = plan.id;
  const group = await buildItem(ctx.db, { planId, code: '3', kind: 'group', title: 'Chuyển đổi số' });
  groupId = group.id;
  const sub = await buildItem(ctx.db, {
    planId,
    code: '3.1',
    kind: 'group',
    title: 'Hạ tầng số',
    parentId: groupId,
  });
  subGroupId = sub.id;
  // One task per derived status, relative to 2026-11-27.
  await buildItem(ctx.db, {
    planId,
    parentId: subGroupId,
    code: '3.1.1',
    title: 'Phủ sóng 5G đến các xã vùng sâu',
    leadOrgUnitId: leadId,
    deadline: '2026-06-30',
    progress: 40,
  });
  await buildItem(ctx.db, {
    planId,
    parentId: subGroupId,
    code: '3.1.2',
    title: 'Xây dựng Trung tâm điều hành thông minh',
    leadOrgUnitId: leadId,
    deadline: '2026-12-15',
    progress: 50,
  });
  await buildItem(ctx.db, {
    planId,
    parentId: subGroupId,
    code: '3.1.10',
    title: 'Ban hành quy chế chia sẻ hạ tầng',
    leadOrgUnitId: otherLeadId,
    deadline: '2026-03-31',
    progress: 100,
    completedOn: '2026-03-01',
  });
  await buildItem(ctx.db, {
    planId,
    parentId: groupId,
    code: '3.2',
    title: 'Ứng dụng AI trong tổng hợp báo cáo',
    leadOrgUnitId: otherLeadId,
    deadline: '2026-05-31',
    progress: 100,
    completedOn: '2026-08-01',
  });
  await buildItem(ctx.db, {
    planId,
    parentId: groupId,
    code: '3.3',
    title: 'Đào tạo kỹ năng số cho cán bộ',
    leadOrgUnitId: leadId,
    startDate: '2026-01-01',
    deadline: '2028-12-31',
    progress: 10,
  });
  await buildItem(ctx.db, {
    planId,
    parentId: groupId,
    code: '3.4',
    title: 'Ăn khớp dữ liệu dân cư',
    leadOrgUnitId: leadId,
    startDate: '2027-01-01',
    deadline: '2029-12-31',
  });
});

afterAll(async () => {
  await ctx?.close();
});

const list = async (query: string) => {
  const res = await ctx.inject({ method: 'GET', url: `/api/plans/${planId}/items?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TPlanItemList>();
};

describe('GET /api/plans/:planId/items', () => {
  it('derives each status from dates and progress', async () => {
    const { items, total } = await list('pageSize=100');
    expect(total).toBe(6);
    const statusOf = Object.fromEntries(items.map((i) => [i.code, i.status]));
    expect(statusOf).toEqual({
      '3.1.1': 'overdue',
      '3.1.2': 'at_risk',
      '3.1.10': 'done',
      '3.2': 'done_late',
      '3.3': 'in_progress', // 30% of its time gone, 10% done: behind by less than 25 points
      '3.4': 'not_started',
    });
  });

  it('marks a task at risk when progress trails elapsed time by more than 25 points', async () => {
    const plan = await buildPlan(ctx.db);
    const item = await buildItem(ctx.db, {
      planId: plan.id,
      code: '1',
      startDate: '2026-01-01',
      deadline: '2027-01-31',
      progress: 50,
    });
    // 330 of 395 days gone (84%): 50% done is 34 points behind.
    expect((await ctx.inject({ method: 'GET', url: `/api/items/${item.id}` })).json().status).toBe('at_risk');
    const caughtUp = await ctx.inject({
      method: 'PATCH',
      url: `/api/items/${item.id}`,
      payload: { version: 1, progress: 70 },
    });
    expect(caughtUp.json().status).toBe('in_progress');
  });

  it('orders codes as numbers (3.1.10 after 3.1.2)', async () => {
    const { items } = await list('sort=code');
    expect(items.map((i) => i.code)).toEqual(['3.1.1', '3.1.2', '3.1.10', '3.2', '3.3', '3.4']);
  });

  it('finds text without diacritics or case', async () => {
    const { items } = await list(`q=${encodeURIComponent('TRUNG TAM dieu hanh')}`);
    expect(items.map((i) => i.code)).toEqual(['3.1.2']);
    const none = await list('q=khongcogi');
    expect(none.total).toBe(0);
  });

  it('treats LIKE wildcards in the search as plain text', async () => {
    expect((await list('q=%25')).total).toBe(0);
  });

  it('filters by group subtree, lead, status, overdue and deadline range', async () => {
    expect((await list(`group=${subGroupId}`)).items.map((i) => i.code)).toEqual([
      '3.1.1',
      '3.1.2',
      '3.1.10',
    ]);
    expect((await list(`lead=${otherLeadId}`)).items.map((i) => i.code)).toEqual(['3.1.10', '3.2']);
    expect((await list('status=done,done_late')).total).toBe(2);
    expect((await list('overdue=true')).items.map((i) => i.code)).toEqual(['3.1.1']);
    expect((await list('deadlineFrom=2026-06-01&deadlineTo=2026-12-31')).items.map((i) => i.code)).toEqual([
      '3.1.1',
      '3.1.2',
    ]);
  });

  it('sorts titles in Vietnamese alphabetical order', async () => {
    const { items } = await list('sort=title');
    // Ă after A, Đ after D, Ư after U and before V and X.
    expect(items.map((i) => i.title)).toEqual([
      'Ăn khớp dữ liệu dân cư',
      'Ban hành quy chế chia sẻ hạ tầng',
      'Đào tạo kỹ năng số cho cán bộ',
      'Phủ sóng 5G đến các xã vùng sâu',
      'Ứng dụng AI trong tổng hợp báo cáo',
      'Xây dựng Trung tâm điều hành thông minh',
    ]);
  });

  it('pages', async () => {
    const first = await list('pageSize=4&page=1');
    const second = await list('pageSize=4&page=2');
    expect(first.items).toHaveLength(4);
    expect(second.items).toHaveLength(2);
    expect(second.total).toBe(6);
    expect(new Set([...first.items, ...second.items].map((i) => i.id)).size).toBe(6);
  });

  it('refuses bad filters with the field named (400) and an unknown plan (404)', async () => {
    const bad = await ctx.inject({
      method: 'GET',
      url: `/api/plans/${planId}/items?status=late&pageSize=9999`,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const problem = bad.json<TProblem>();
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors?.map((e) => e.field).sort()).toEqual(['pageSize', 'status.0']);
    expect(problem.errors?.find((e) => e.field === 'pageSize')?.message).toContain('500');
    const missing = await ctx.inject({
      method: 'GET',
      url: '/api/plans/00000000-0000-4000-8000-000000000000/items',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json<TProblem>().detail).toBe('Không tìm thấy kế hoạch.');
  });
});

describe('GET /api/plans/:planId/tree', () => {
  it('nests groups and counts task statuses under each', async () => {
    const res = await ctx.inject({ method: 'GET', url: `/api/plans/${planId}/tree` });
    expect(res.statusCode).toBe(200);
    const tree = res.json<TPlanTree>();
    expect(tree.roots.map((r) => r.code)).toEqual(['3']);
    const root = tree.roots[0]!;
    expect(root.taskCount).toBe(6);
    expect(root.children.map((c) => c.code)).toEqual(['3.1', '3.2', '3.3', '3.4']);
    const sub = root.children[0]!;
    expect(sub.taskCount).toBe(3);
    expect(sub.statusCounts).toEqual({ overdue: 1, at_risk: 1, done: 1 });
    expect(root.statusCounts.overdue).toBe(1);
    // Groups roll up: weighted mean progress of the tasks below, the most urgent status.
    expect(sub).toMatchObject({ status: 'overdue', progress: Math.round((40 + 50 + 100) / 3) });
    expect(root.children.find((c) => c.code === '3.4')).toMatchObject({
      status: 'not_started',
      taskCount: 0,
    });
  });
});

describe('POST /api/plans/:planId/items', () => {
  const post = (body: unknown, lang?: string) =>
    ctx.inject({
      method: 'POST',
      url: `/api/plans/${planId}/items`,
      payload: body as object,
      headers: lang ? { 'accept-language': lang } : {},
    });

  it('creates a task with co-operators and records its history', async () => {
    const res = await post({
      kind: 'task',
      parentId: groupId,
      code: '3.9',
      title: '  Số hóa hồ sơ lưu trữ  ',
      leadOrgUnitId: leadId,
      cooperatorIds: [otherLeadId],
      startDate: '2026-01-01',
      deadline: '2027-06-30',
      expectedProduct: 'Kho hồ sơ số',
    });
    expect(res.statusCode, res.body).toBe(201);
    const item = res.json<TPlanItemDetail>();
    expect(item.title).toBe('Số hóa hồ sơ lưu trữ');
    expect(item.lead?.id).toBe(leadId);
    expect(item.cooperators.map((c) => c.id)).toEqual([otherLeadId]);
    expect(item.path.map((p) => p.code)).toEqual(['3']);
    expect(item.version).toBe(1);
    const history = await ctx.inject({ method: 'GET', url: `/api/items/${item.id}/history` });
    expect(history.json().items).toHaveLength(1);
    expect(history.json().items[0]).toMatchObject({ action: 'create', before: null, after: { code: '3.9' } });
  });

  it('refuses unknown fields and over-long text with the limit, changing nothing (400)', async () => {
    const res = await post({ kind: 'task', code: '3.10', title: 'x'.repeat(501), colour: 'red' });
    expect(res.statusCode).toBe(400);
    const problem = res.json<TProblem>();
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'colour', code: 'unknown_field' }),
        expect.objectContaining({ field: 'title', code: 'too_long', message: 'Tối đa 500 ký tự.' }),
      ]),
    );
    const english = await post({ kind: 'task', code: '3.10', title: 'x'.repeat(501) }, 'en');
    expect(english.json<TProblem>().errors?.[0]?.message).toBe('At most 500 characters.');
    expect((await list('q=3.10')).total).toBe(0);
  });

  it('refuses a start date after the deadline, naming the field', async () => {
    const res = await post({
      kind: 'task',
      code: '3.11',
      title: 'Sai ngày',
      startDate: '2027-01-01',
      deadline: '2026-01-01',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<TProblem>().errors?.[0]?.field).toBe('deadline');
  });

  it('refuses a duplicate code (409) and an unknown lead (422)', async () => {
    const dup = await post({ kind: 'task', code: '3.1.1', title: 'Trùng mã' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json<TProblem>()).toMatchObject({ code: 'duplicate', errors: [{ field: 'code' }] });
    const unknown = await post({
      kind: 'task',
      code: '3.12',
      title: 'Không có đơn vị',
      cooperatorIds: [leadId, '00000000-0000-4000-8000-000000000000'],
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json<TProblem>().errors?.[0]?.field).toBe('cooperatorIds.1');
    expect((await list('q=3.12')).total).toBe(0);
  });

  it('answers 404 for an unknown plan', async () => {
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/plans/00000000-0000-4000-8000-000000000000/items',
      payload: { kind: 'task', code: '1', title: 'x' },
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('PATCH /api/items/:id', () => {
  it('updates with the current version, bumps it, and keeps before/after history', async () => {
    const item = await buildItem(ctx.db, { planId, parentId: groupId, code: '3.20', leadOrgUnitId: leadId });
    const res = await ctx.inject({
      method: 'PATCH',
      url: `/api/items/${item.id}`,
      payload: { version: 1, title: 'Tên mới', progress: 30, cooperatorIds: [otherLeadId] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<TPlanItemDetail>()).toMatchObject({ title: 'Tên mới', progress: 30, version: 2 });
    const history = (await ctx.inject({ method: 'GET', url: `/api/items/${item.id}/history` })).json();
    expect(history.items[0]).toMatchObject({
      action: 'update',
      before: { title: 'Nhiệm vụ 3.20', progress: 0, cooperatorIds: [] },
      after: { title: 'Tên mới', progress: 30, cooperatorIds: [otherLeadId] },
    });
  });

  it('answers 409 with the current version when based on an old one, changing nothing', async () => {
    const item = await buildItem(ctx.db, { planId, code: '3.21' });
    const first = await ctx.inject({
      method: 'PATCH',
      url: `/api/items/${item.id}`,
      payload: { version: 1, title: 'A' },
    });
    expect(first.statusCode).toBe(200);
    const stale = await ctx.inject({
      method: 'PATCH',
      url: `/api/items/${item.id}`,
      payload: { version: 1, title: 'B' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<TProblem>()).toMatchObject({ code: 'version_conflict', current: { version: 2 } });
    const now = (await ctx.inject({ method: 'GET', url: `/api/items/${item.id}` })).json<TPlanItemDetail>();
    expect(now.title).toBe('A');
  });

  it('refuses to move an item under itself or its descendant (409)', async () => {
    const self = await ctx.inject({
      method: 'PATCH',
      url: `/api/items/${groupId}`,
      payload: { version: 1, parentId: groupId },
    });
    expect(self.statusCode).toBe(409);
    const below = await ctx.inject({
      method: 'PATCH',
      url: `/api/items/${groupId}`,
      payload: { version: 1, parentId: subGroupId },
    });
    expect(below.statusCode).toBe(409);
    expect(below.json<TProblem>()).toMatchObject({ code: 'tree_cycle', errors: [{ field: 'parentId' }] });
  });

  it('ladders 400 → 404 → 200', async () => {
    const item = await buildItem(ctx.db, { planId, code: '3.22' });
    const noVersion = await ctx.inject({
      method: 'PATCH',
      url: `/api/items/${item.id}`,
      payload: { title: 'x' },
    });
    expect(noVersion.statusCode).toBe(400);
    expect(noVersion.json<TProblem>().errors?.[0]).toMatchObject({ field: 'version', code: 'required' });
    const badId = await ctx.inject({
      method: 'PATCH',
      url: '/api/items/not-a-uuid',
      payload: { version: 1 },
    });
    expect(badId.statusCode).toBe(404);
    const missing = await ctx.inject({
      method: 'PATCH',
      url: '/api/items/00000000-0000-4000-8000-000000000000',
      payload: { version: 1 },
    });
    expect(missing.statusCode).toBe(404);
    const ok = await ctx.inject({
      method: 'PATCH',
      url: `/api/items/${item.id}`,
      payload: { version: 1, weight: 2 },
    });
    expect(ok.statusCode).toBe(200);
  });
});

describe('archive and restore', () => {
  it('refuses to archive a group with active children, listing them', async () => {
    const res = await ctx.inject({
      method: 'POST',
      url: `/api/items/${subGroupId}/archive`,
      payload: { version: 1 },
    });
    expect(res.statusCode).toBe(409);
    const problem = res.json<TProblem>();
    expect(problem.code).toBe('item_has_children');
    expect(problem.conflicts?.map((c) => c.code)).toEqual(['3.1.1', '3.1.2', '3.1.10']);
  });

  it('archives a task out of lists and restores it', async () => {
    const item = await buildItem(ctx.db, { planId, code: '3.30', title: 'Nhiệm vụ sẽ lưu trữ' });
    const archived = await ctx.inject({
      method: 'POST',
      url: `/api/items/${item.id}/archive`,
      payload: { version: 1 },
    });
    expect(archived.statusCode).toBe(200);
    expect(archived.json<TPlanItemDetail>()).toMatchObject({ archived: true, version: 2 });
    expect((await list('q=se luu tru')).total).toBe(0);
    expect((await list('q=se luu tru&includeArchived=true')).total).toBe(1);
    const restored = await ctx.inject({
      method: 'POST',
      url: `/api/items/${item.id}/restore`,
      payload: { version: 2 },
    });
    expect(restored.json<TPlanItemDetail>()).toMatchObject({ archived: false, version: 3 });
  });
});

describe('malformed ids', () => {
  it('answer 404 like any unknown id, not 400', async () => {
    const res = await ctx.inject({ method: 'GET', url: '/api/items/not-a-uuid' });
    expect(res.statusCode).toBe(404);
    expect(res.json<TProblem>().code).toBe('not_found');
  });

  it('keeps a schema’s own message for a bad outline code', async () => {
    const res = await ctx.inject({
      method: 'POST',
      url: `/api/plans/${planId}/items`,
      payload: { kind: 'task', code: 'ba.hai', title: 'Sai mã' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<TProblem>().errors?.[0]).toMatchObject({
      field: 'code',
      message: 'Mã mục có dạng số phân cấp, ví dụ 3.1.2.',
    });
  });
});
