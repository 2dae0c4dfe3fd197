import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TIndicator, TIndicatorList } from '../../../common/contracts/indicators';
import type { TProblem } from '../../../common/problem';
import { createTestContext, type TestContext } from '../../test/context';
import { buildItem, buildOrgUnit, buildPlan } from '../../test/factories';
import { signInAs } from '../../test/sessions';
import { auditEvents } from '../audit/tables';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

afterAll(async () => {
  await ctx?.close();
});

/** A valid request; each test uses its own codes, so tests share the database without clashing. */
const valid = (code: string, overrides: Record<string, unknown> = {}) => ({
  code,
  name: `Chỉ tiêu ${code}`,
  unit: 'cái',
  valueType: 'count',
  direction: 'higher_is_better',
  aggregation: 'sum',
  timeAggregation: 'sum',
  frequency: 'year',
  reportedBy: ['commune', 'ward'],
  ...overrides,
});

const create = (payload: Record<string, unknown>) =>
  ctx.inject({ method: 'POST', url: '/api/indicators', payload });

async function created(payload: Record<string, unknown>): Promise<TIndicator> {
  const res = await create(payload);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<TIndicator>();
}

const patch = (indicator: { id: string }, payload: Record<string, unknown>) =>
  ctx.inject({ method: 'PATCH', url: `/api/indicators/${indicator.id}`, payload });

const list = async (query: string) => {
  const res = await ctx.inject({ method: 'GET', url: `/api/indicators?pageSize=500&${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TIndicatorList>();
};

const fieldErrors = (body: string) => (JSON.parse(body) as TProblem).errors ?? [];

describe('indicators', () => {
  it('creates (201), reads, updates, archives and restores an indicator, auditing each change', async () => {
    const unit = await buildOrgUnit(ctx.db, {
      parentId: ctx.rootOrgUnitId,
      name: 'Sở Khoa học và Công nghệ',
    });
    const plan = await buildPlan(ctx.db);
    const [task1, task2] = [
      await buildItem(ctx.db, { planId: plan.id, code: '1' }),
      await buildItem(ctx.db, { planId: plan.id, code: '2' }),
    ];
    const total = await created(valid('CR.TONG', { valueType: 'count' }));
    const indicator = await created(
      valid('cr.con', {
        name: 'Số doanh nghiệp khoa học và công nghệ',
        definition: 'Đếm theo giấy chứng nhận còn hiệu lực.',
        responsibleOrgUnitId: unit.id,
        baseline: { year: 2024, value: 12.5 },
        targets: { '2026': 20, '2030': 40 },
        rules: { min: 0, max: 1000, integer: true, notAboveCode: 'CR.TONG' },
        planItemIds: [task2!.id, task1!.id],
      }),
    );
    expect(indicator).toMatchObject({
      code: 'CR.CON',
      nameEn: null,
      responsibleOrgUnit: { id: unit.id, name: 'Sở Khoa học và Công nghệ' },
      baseline: { year: 2024, value: 12.5 },
      targets: { '2026': 20, '2030': 40 },
      rules: {
        min: 0,
        max: 1000,
        integer: true,
        notAbove: { id: total.id, code: 'CR.TONG', name: total.name },
        commentWhenOffTarget: false,
      },
      planItemIds: [task1!.id, task2!.id],
      weightIndicator: null,
      formula: null,
      archived: false,
      version: 1,
    });

    const read = await ctx.inject({ method: 'GET', url: `/api/indicators/${indicator.id}` });
    expect(read.json<TIndicator>()).toEqual(indicator);

    const updated = await patch(indicator, {
      version: 1,
      name: 'Số doanh nghiệp KH&CN',
      baseline: null,
      rules: { max: 500 },
      planItemIds: [task2!.id],
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json<TIndicator>()).toMatchObject({
      name: 'Số doanh nghiệp KH&CN',
      baseline: null,
      rules: { min: 0, max: 500, integer: true, notAbove: { code: 'CR.TONG' } },
      planItemIds: [task2!.id],
      version: 2,
    });

    const url = `/api/indicators/${indicator.id}`;
    const archived = await ctx.inject({ method: 'POST', url: `${url}/archive`, payload: { version: 2 } });
    expect(archived.json<TIndicator>()).toMatchObject({ archived: true, version: 3 });
    expect((await list('q=CR.CON')).items).toHaveLength(0);
    expect((await list('q=CR.CON&includeArchived=true')).items).toHaveLength(1);
    expect((await patch(indicator, { version: 3, name: 'x' })).statusCode).toBe(422);
    const restored = await ctx.inject({ method: 'POST', url: `${url}/restore`, payload: { version: 3 } });
    expect(restored.json<TIndicator>()).toMatchObject({ archived: false, version: 4 });

    const events = await ctx.db
      .select({ action: auditEvents.action, orgUnitId: auditEvents.orgUnitId, after: auditEvents.after })
      .from(auditEvents)
      .where(eq(auditEvents.resourceId, indicator.id))
      .orderBy(asc(auditEvents.id));
    expect(events.map((e) => e.action)).toEqual([
      'indicator.create',
      'indicator.update',
      'indicator.archive',
      'indicator.restore',
    ]);
    expect(events.every((e) => e.orgUnitId === unit.id)).toBe(true);
    expect(Object.keys(events[1]!.after!).sort()).toEqual(['baseline', 'name', 'planItemIds', 'rules']);
  });

  it('ladders 400 → 404 → 409 → 200 on update', async () => {
    const indicator = await created(valid('LD.A'));
    expect((await patch(indicator, { version: 1, code: 'LD.B' })).statusCode).toBe(400);
    expect((await patch(indicator, { version: 1, valueType: 'ratio' })).statusCode).toBe(400);
    expect(
      (await patch({ id: '00000000-0000-4000-8000-000000000000' }, { version: 1, name: 'x' })).statusCode,
    ).toBe(404);
    const stale = await patch(indicator, { version: 2, name: 'x' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<TProblem>()).toMatchObject({ code: 'version_conflict', current: { version: 1 } });
    const ok = await patch(indicator, { version: 1, frequency: 'quarter' });
    expect(ok.json<TIndicator>()).toMatchObject({ code: 'LD.A', frequency: 'quarter', version: 2 });
  });

  it('refuses a code twice (409), whatever its case', async () => {
    await created(valid('DUP.X'));
    const dup = await create(valid('dup.x'));
    expect(dup.statusCode).toBe(409);
    expect(dup.json<TProblem>()).toMatchObject({ code: 'duplicate', errors: [{ field: 'code' }] });
  });

  it('refuses a formula with a syntax error, naming the position', async () => {
    await created(valid('SX.A'));
    const res = await create(valid('SX.B', { formula: '100 * SX.A +', aggregation: 'none' }));
    expect(res.statusCode).toBe(400);
    const [error] = fieldErrors(res.body);
    expect(error).toMatchObject({ field: 'formula', code: 'formula_unexpected_end' });
    expect(error!.message).toMatch(/vị trí 13/);
  });

  it('refuses a formula that uses an unknown code or itself', async () => {
    await created(valid('UK.A'));
    const unknown = await create(valid('UK.B', { formula: 'UK.A / UK.KHONGCO', aggregation: 'none' }));
    expect(unknown.statusCode).toBe(400);
    expect(fieldErrors(unknown.body)[0]).toMatchObject({ field: 'formula', code: 'formula_unknown_code' });
    expect(fieldErrors(unknown.body)[0]!.message).toContain('UK.KHONGCO');

    const self = await create(valid('UK.C', { formula: 'UK.C + UK.A', aggregation: 'none' }));
    expect(self.statusCode).toBe(400);
    expect(fieldErrors(self.body)[0]).toMatchObject({ field: 'formula', code: 'formula_self_reference' });
  });

  it('refuses an update that closes a cycle of formulas A → B → A', async () => {
    await created(valid('CY.X'));
    const a = await created(valid('CY.A', { formula: 'CY.X * 2', aggregation: 'none' }));
    await created(valid('CY.B', { formula: 'CY.A + 1', aggregation: 'none' }));
    const res = await patch(a, { version: 1, formula: 'CY.B - 1' });
    expect(res.statusCode).toBe(400);
    const [error] = fieldErrors(res.body);
    expect(error).toMatchObject({ field: 'formula', code: 'formula_cycle' });
    expect(error!.message).toMatch(/CY\.A → CY\.B → CY\.A|CY\.B → CY\.A → CY\.B/);
    const unchanged = await ctx.inject({ method: 'GET', url: `/api/indicators/${a.id}` });
    expect(unchanged.json<TIndicator>()).toMatchObject({ formula: 'CY.X * 2', version: 1 });
  });

  it('requires an entered, active weight for a weighted average, and refuses one otherwise', async () => {
    const noWeight = await create(valid('WA.A', { aggregation: 'weighted_average', valueType: 'percent' }));
    expect(noWeight.statusCode).toBe(400);
    expect(fieldErrors(noWeight.body)[0]).toMatchObject({ field: 'weightCode', code: 'required' });

    const unknown = await create(
      valid('WA.A', { aggregation: 'weighted_average', weightCode: 'WA.KHONGCO' }),
    );
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json<TProblem>()).toMatchObject({
      code: 'unknown_reference',
      errors: [{ field: 'weightCode' }],
    });

    await created(valid('WA.DANSO'));
    await created(valid('WA.TINH', { formula: 'WA.DANSO * 2', aggregation: 'none' }));
    const computed = await create(valid('WA.A', { aggregation: 'weighted_average', weightCode: 'WA.TINH' }));
    expect(fieldErrors(computed.body)[0]).toMatchObject({ field: 'weightCode', code: 'computed' });

    const notWeighted = await create(valid('WA.A', { aggregation: 'sum', weightCode: 'WA.DANSO' }));
    expect(fieldErrors(notWeighted.body)[0]).toMatchObject({ field: 'weightCode', code: 'not_allowed' });

    const ok = await created(valid('WA.A', { aggregation: 'weighted_average', weightCode: 'WA.DANSO' }));
    expect(ok.weightIndicator).toMatchObject({ code: 'WA.DANSO' });
    // Leaving the weighted average drops the weight.
    const summed = await patch(ok, { version: 1, aggregation: 'average' });
    expect(summed.json<TIndicator>()).toMatchObject({ aggregation: 'average', weightIndicator: null });
  });

  it('checks rules and references: min ≤ max, percent within 0–100, units and tasks that exist', async () => {
    const minMax = await create(valid('RU.A', { rules: { min: 10, max: 5 } }));
    expect(minMax.statusCode).toBe(400);
    expect(fieldErrors(minMax.body)[0]).toMatchObject({ field: 'rules.max' });

    const percent = await create(valid('RU.A', { valueType: 'percent', rules: { min: 0, max: 120 } }));
    expect(fieldErrors(percent.body)[0]).toMatchObject({ field: 'rules.max', code: 'out_of_range' });

    const archivedUnit = await buildOrgUnit(ctx.db, { parentId: ctx.rootOrgUnitId, active: false });
    const refs = await create(
      valid('RU.A', {
        responsibleOrgUnitId: archivedUnit.id,
        rules: { notAboveCode: 'RU.KHONGCO' },
        planItemIds: ['00000000-0000-4000-8000-000000000000'],
      }),
    );
    expect(refs.statusCode).toBe(422);
    expect(fieldErrors(refs.body).map((e) => e.field)).toEqual([
      'rules.notAboveCode',
      'responsibleOrgUnitId',
      'planItemIds.0',
    ]);

    const ok = await created(valid('RU.A', { valueType: 'percent', rules: { min: 0, max: 100 } }));
    const widened = await patch(ok, { version: 1, rules: { min: -1 } });
    expect(fieldErrors(widened.body)[0]).toMatchObject({ field: 'rules.min', code: 'out_of_range' });
  });

  it('refuses to archive an indicator that others use, listing them', async () => {
    const base = await created(valid('AR.BASE'));
    await created(valid('AR.RATE', { formula: '100 * AR.BASE', aggregation: 'none' }));
    const res = await ctx.inject({
      method: 'POST',
      url: `/api/indicators/${base.id}/archive`,
      payload: { version: 1 },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json<TProblem>().conflicts?.map((c) => c.code)).toEqual(['AR.RATE']);
  });

  it('lets an officer read the catalogue but not change it (403)', async () => {
    const indicator = await created(valid('OF.A'));
    const officer = await signInAs(ctx.app, ctx.db, 'officer', ctx.rootOrgUnitId);
    const read = await officer.inject({ method: 'GET', url: '/api/indicators?q=OF.A' });
    expect(read.json<TIndicatorList>().items.map((i) => i.id)).toEqual([indicator.id]);
    const post = await officer.inject({ method: 'POST', url: '/api/indicators', payload: valid('OF.B') });
    expect(post.statusCode).toBe(403);
    const edit = await officer.inject({
      method: 'PATCH',
      url: `/api/indicators/${indicator.id}`,
      payload: { version: 1, name: 'x' },
    });
    expect(edit.statusCode).toBe(403);
  });

  it('searches without diacritics and filters by frequency, reporting level and computed', async () => {
    await created(
      valid('LS.TONG', { name: 'Tổng số hồ sơ', frequency: 'month', reportedBy: ['department'] }),
    );
    await created(
      valid('LS.TYLE', {
        name: 'Tỷ lệ hồ sơ trực tuyến',
        valueType: 'percent',
        aggregation: 'none',
        formula: '100 * LS.TONG / LS.TONG',
        frequency: 'quarter',
        reportedBy: ['province'],
      }),
    );
    const codes = async (query: string) => (await list(query)).items.map((i) => i.code);
    expect(await codes(`q=${encodeURIComponent('ty le ho so')}`)).toEqual(['LS.TYLE']);
    expect(await codes(`q=${encodeURIComponent('hồ sơ LS')}`)).toEqual(['LS.TONG', 'LS.TYLE']);
    expect(await codes('q=LS.&order=desc')).toEqual(['LS.TYLE', 'LS.TONG']);
    expect(await codes('q=LS.&frequency=month,year')).toEqual(['LS.TONG']);
    expect(await codes('q=LS.&reportedBy=province')).toEqual(['LS.TYLE']);
    expect(await codes('q=LS.&computed=true')).toEqual(['LS.TYLE']);
    expect(await codes('q=LS.&computed=false')).toEqual(['LS.TONG']);
    const paged = await ctx.inject({ method: 'GET', url: '/api/indicators?q=LS.&pageSize=1&page=2' });
    expect(paged.json<TIndicatorList>()).toMatchObject({ total: 2, page: 2, items: [{ code: 'LS.TYLE' }] });
  });
});
