import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TOrgUnit, TOrgUnitList, TOrgUnitTree } from '../../../common/contracts/org-units';
import type { TProblem } from '../../../common/problem';
import { createTestContext, type TestContext } from '../../test/context';
import { buildItem, buildOrgUnit, buildPlan } from '../../test/factories';

let ctx: TestContext;
let provinceId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  const province = await buildOrgUnit(ctx.db, { code: '40', name: 'Tỉnh Nghệ An', kind: 'province' });
  provinceId = province.id;
  for (const [code, name, kind] of [
    ['17245', 'Phường Thành Vinh', 'ward'],
    ['17266', 'Xã Đô Lương', 'commune'],
    ['17300', 'Xã Anh Sơn', 'commune'],
    ['17301', 'Xã Ân Lộc', 'commune'],
    ['17302', 'Xã Bích Hào', 'commune'],
  ] as const) {
    await buildOrgUnit(ctx.db, { code, name, kind, parentId: provinceId });
  }
});

afterAll(async () => {
  await ctx?.close();
});

const get = (url: string) => ctx.inject({ method: 'GET', url });

describe('GET /api/org-units', () => {
  it('finds units without diacritics and sorts names in Vietnamese order', async () => {
    const res = await get(`/api/org-units?parentId=${provinceId}&sort=name`);
    expect(res.statusCode).toBe(200);
    const names = res.json<TOrgUnitList>().items.map((u) => u.name);
    expect(names).toEqual(['Phường Thành Vinh', 'Xã Anh Sơn', 'Xã Ân Lộc', 'Xã Bích Hào', 'Xã Đô Lương']);
    const found = await get(`/api/org-units?q=${encodeURIComponent('do luong')}`);
    expect(found.json<TOrgUnitList>().items.map((u) => u.code)).toEqual(['17266']);
    const byKind = await get('/api/org-units?kind=ward');
    expect(byKind.json<TOrgUnitList>().items.map((u) => u.code)).toEqual(['17245']);
  });

  it('refuses an unknown kind naming the field (400)', async () => {
    const res = await get('/api/org-units?kind=district');
    expect(res.statusCode).toBe(400);
    expect(res.json<TProblem>().errors?.[0]?.field).toBe('kind.0');
  });

  it('returns the whole tree with children and counts', async () => {
    const res = await get('/api/org-units/tree');
    const tree = res.json<TOrgUnitTree>();
    const province = tree.roots.find((r) => r.code === '40');
    expect(province?.children).toHaveLength(5);
    expect(province?.childCount).toBe(5);
  });
});

describe('POST /api/org-units', () => {
  it('creates a unit (201) and refuses a duplicate code (409)', async () => {
    const body = {
      code: '40.SKHCN',
      name: 'Sở Khoa học và Công nghệ',
      shortName: 'Sở KH&CN',
      kind: 'department',
      parentId: provinceId,
    };
    const created = await ctx.inject({ method: 'POST', url: '/api/org-units', payload: body });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json<TOrgUnit>()).toMatchObject({ code: '40.SKHCN', active: true, version: 1 });
    const dup = await ctx.inject({ method: 'POST', url: '/api/org-units', payload: body });
    expect(dup.statusCode).toBe(409);
    expect(dup.json<TProblem>().errors?.[0]?.field).toBe('code');
  });

  it('refuses unknown fields, blanks and over-long names (400) and an unknown parent (422)', async () => {
    const bad = await ctx.inject({
      method: 'POST',
      url: '/api/org-units',
      payload: { code: ' ', name: 'n'.repeat(301), kind: 'department', level: 3 },
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json<TProblem>().errors?.map((e) => `${e.field}:${e.code}`);
    expect(fields).toEqual(expect.arrayContaining(['code:required', 'name:too_long', 'level:unknown_field']));
    expect(bad.json<TProblem>().errors?.find((e) => e.field === 'name')?.message).toBe('Tối đa 300 ký tự.');
    const orphan = await ctx.inject({
      method: 'POST',
      url: '/api/org-units',
      payload: {
        code: 'X1',
        name: 'Mồ côi',
        kind: 'other',
        parentId: '00000000-0000-4000-8000-000000000000',
      },
    });
    expect(orphan.statusCode).toBe(422);
  });
});

describe('PATCH /api/org-units/:id', () => {
  it('refuses a cycle in the org tree (409)', async () => {
    const parent = await buildOrgUnit(ctx.db, { kind: 'department' });
    const child = await buildOrgUnit(ctx.db, { kind: 'other', parentId: parent.id });
    const grandchild = await buildOrgUnit(ctx.db, { kind: 'other', parentId: child.id });
    const res = await ctx.inject({
      method: 'PATCH',
      url: `/api/org-units/${parent.id}`,
      payload: { version: 1, parentId: grandchild.id },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json<TProblem>().code).toBe('tree_cycle');
    const self = await ctx.inject({
      method: 'PATCH',
      url: `/api/org-units/${parent.id}`,
      payload: { version: 1, parentId: parent.id },
    });
    expect(self.statusCode).toBe(409);
  });

  it('ladders 400 → 404 → 409 → 200', async () => {
    const unit = await buildOrgUnit(ctx.db);
    const url = `/api/org-units/${unit.id}`;
    expect(
      (await ctx.inject({ method: 'PATCH', url, payload: { version: 1, kind: 'district' } })).statusCode,
    ).toBe(400);
    expect(
      (
        await ctx.inject({
          method: 'PATCH',
          url: '/api/org-units/00000000-0000-4000-8000-000000000000',
          payload: { version: 1 },
        })
      ).statusCode,
    ).toBe(404);
    expect((await ctx.inject({ method: 'PATCH', url, payload: { version: 7, name: 'X' } })).statusCode).toBe(
      409,
    );
    const ok = await ctx.inject({ method: 'PATCH', url, payload: { version: 1, name: 'Sở Nội vụ' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<TOrgUnit>()).toMatchObject({ name: 'Sở Nội vụ', version: 2 });
  });
});

describe('POST /api/org-units/:id/archive', () => {
  it('refuses while the unit still leads tasks, listing them, then archives once they move', async () => {
    const unit = await buildOrgUnit(ctx.db, { name: 'Sở Tài chính' });
    const other = await buildOrgUnit(ctx.db);
    const plan = await buildPlan(ctx.db);
    const task = await buildItem(ctx.db, {
      planId: plan.id,
      code: '2.1',
      title: 'Lập quỹ đổi mới sáng tạo',
      leadOrgUnitId: unit.id,
    });
    const before = await ctx.inject({ method: 'GET', url: `/api/org-units/${unit.id}` });
    expect(before.json<TOrgUnit>()).toMatchObject({ leadCount: 1, childCount: 0 });
    const refused = await ctx.inject({
      method: 'POST',
      url: `/api/org-units/${unit.id}/archive`,
      payload: { version: 1 },
    });
    expect(refused.statusCode).toBe(409);
    const problem = refused.json<TProblem>();
    expect(problem.code).toBe('org_unit_in_use');
    expect(problem.conflicts).toEqual([{ id: task.id, code: '2.1', title: 'Lập quỹ đổi mới sáng tạo' }]);

    const moved = await ctx.inject({
      method: 'PATCH',
      url: `/api/items/${task.id}`,
      payload: { version: 1, leadOrgUnitId: other.id },
    });
    expect(moved.statusCode).toBe(200);
    const archived = await ctx.inject({
      method: 'POST',
      url: `/api/org-units/${unit.id}/archive`,
      payload: { version: 1 },
    });
    expect(archived.statusCode).toBe(200);
    expect(archived.json<TOrgUnit>().active).toBe(false);
    // An archived unit can no longer lead a task.
    const reuse = await ctx.inject({
      method: 'PATCH',
      url: `/api/items/${task.id}`,
      payload: { version: 2, leadOrgUnitId: unit.id },
    });
    expect(reuse.statusCode).toBe(422);
    expect(reuse.json<TProblem>().errors?.[0]?.field).toBe('leadOrgUnitId');
  });
});
