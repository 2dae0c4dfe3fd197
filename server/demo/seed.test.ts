import { readFileSync } from 'node:fs';
import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemStatus } from '../../common/enums';
import { dataValues } from '../modules/data-values/tables';
import { orgUnits } from '../modules/org-units/tables';
import { codeSortKey } from '../modules/plan-items/code-sort-key';
import { itemStatusSql } from '../modules/plan-items/status';
import { planItemChanges, planItemCooperators, planItems } from '../modules/plan-items/tables';
import { plans } from '../modules/plans/tables';
import { createTestContext, type TestContext } from '../test/context';
import { parseCsv } from './csv';
import { COMMUNES_CSV_PATH } from './org-units';
import { PLAN_328_ITEMS } from './plan-328';
import { DEMO_ACTOR, isDatabaseEmpty, type SeedCounts, seedDemo } from './seed';

const TODAY = '2026-11-27';
const BODY_KINDS = ['party_body', 'department', 'enterprise', 'other'] as const;

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes and CRLF, keeping leading zeros', () => {
    expect(parseCsv('code,name\r\n01,"Hà Nội, ""thủ đô"""\r\n02,Cao Bằng\n')).toEqual([
      ['code', 'name'],
      ['01', 'Hà Nội, "thủ đô"'],
      ['02', 'Cao Bằng'],
    ]);
  });
});

describe('seedDemo', () => {
  let h: TestContext;
  let counts: SeedCounts;
  let emptyBefore: boolean;

  beforeAll(async () => {
    h = await createTestContext({ today: TODAY, empty: true });
    emptyBefore = await isDatabaseEmpty(h.db);
    counts = await seedDemo(h.db, { today: TODAY });
  }, 300_000);

  afterAll(async () => {
    await h?.close();
  });

  async function itemsWithStatus() {
    return h.db
      .select({
        id: planItems.id,
        parentId: planItems.parentId,
        kind: planItems.kind,
        code: planItems.code,
        codeSortKey: planItems.codeSortKey,
        title: planItems.title,
        leadOrgUnitId: planItems.leadOrgUnitId,
        startDate: planItems.startDate,
        deadline: planItems.deadline,
        status: itemStatusSql(TODAY),
      })
      .from(planItems)
      .orderBy(asc(planItems.codeSortKey));
  }

  it('seeds an empty database and then reports it as not empty', async () => {
    expect(emptyBefore).toBe(true);
    expect(await isDatabaseEmpty(h.db)).toBe(false);
    const [units, plan, items, values] = await Promise.all([
      h.db.select({ id: orgUnits.id }).from(orgUnits),
      h.db.select({ id: plans.id }).from(plans),
      h.db.select({ id: planItems.id }).from(planItems),
      h.db.select({ state: dataValues.state }).from(dataValues),
    ]);
    expect(counts).toEqual({
      orgUnits: units.length,
      plans: plan.length,
      items: items.length,
      users: 12,
      dataValues: values.length,
      rounds: 4,
      reports: counts.reports,
    });
    expect(counts.reports).toBeGreaterThan(400);
    expect(counts.dataValues).toBeGreaterThan(50_000);
    expect(values.some((v) => v.state === 'draft')).toBe(true);
    expect(counts.plans).toBe(1);
  });

  it('creates the province with all communes and wards of the CSV under it', async () => {
    const csvRows = readFileSync(COMMUNES_CSV_PATH, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '');
    const csvCodes = csvRows.slice(1).map((line) => line.split(',')[0]);
    expect(csvCodes).toHaveLength(130);

    const [province] = await h.db.select().from(orgUnits).where(eq(orgUnits.code, '40'));
    expect(province).toMatchObject({ name: 'Tỉnh Nghệ An', kind: 'province', parentId: null });

    const communes = await h.db
      .select({ code: orgUnits.code, kind: orgUnits.kind, parentId: orgUnits.parentId })
      .from(orgUnits)
      .where(inArray(orgUnits.kind, ['commune', 'ward']));
    expect(communes).toHaveLength(csvCodes.length);
    expect(communes.filter((c) => c.kind === 'commune')).toHaveLength(119);
    expect(communes.filter((c) => c.kind === 'ward')).toHaveLength(11);
    for (const c of communes) {
      expect(c.code).toMatch(/^\d{5}$/);
      expect(c.parentId).toBe(province?.id);
    }
    expect(new Set(communes.map((c) => c.code))).toEqual(new Set(csvCodes));
  });

  it('creates the provincial bodies, party bodies under the Party Committee', async () => {
    const bodies = await h.db
      .select({ id: orgUnits.id, code: orgUnits.code, kind: orgUnits.kind, parentId: orgUnits.parentId })
      .from(orgUnits)
      .where(inArray(orgUnits.kind, [...BODY_KINDS]));
    expect(bodies.length).toBeGreaterThanOrEqual(18);
    const committee = bodies.find((b) => b.code === '40.TU');
    expect(committee?.kind).toBe('party_body');
    expect(bodies.find((b) => b.code === '40.SKHCN')?.kind).toBe('department');
    const underCommittee = bodies.filter((b) => b.parentId === committee?.id);
    expect(underCommittee.map((b) => b.code)).toContain('40.VPTU');
    expect(underCommittee.every((b) => b.kind === 'party_body')).toBe(true);
  });

  it('builds the outline: 7 groups, 3.1–3.3 under 3, every task under a group', async () => {
    const items = await itemsWithStatus();
    const top = items.filter((i) => i.parentId === null);
    expect(top.map((i) => i.code)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(top.every((i) => i.kind === 'group')).toBe(true);

    const group3 = top.find((i) => i.code === '3');
    const subGroups = items.filter((i) => i.parentId === group3?.id);
    expect(subGroups.map((i) => i.code)).toEqual(['3.1', '3.2', '3.3']);
    expect(subGroups.every((i) => i.kind === 'group')).toBe(true);

    const byId = new Map(items.map((i) => [i.id, i]));
    for (const i of items) {
      expect(i.codeSortKey).toBe(codeSortKey(i.code));
      if (i.parentId !== null) {
        const parent = byId.get(i.parentId);
        expect(parent?.kind).toBe('group');
        expect(i.code.startsWith(`${parent?.code}.`)).toBe(true);
      }
    }
  });

  it('gives every task a lead and a deadline within 2025–2030, with unique codes', async () => {
    const items = await itemsWithStatus();
    const tasks = items.filter((i) => i.kind !== 'group');
    expect(tasks.length).toBeGreaterThanOrEqual(60);
    expect(new Set(items.map((i) => i.code)).size).toBe(items.length);
    for (const t of tasks) {
      expect(t.leadOrgUnitId, t.code).not.toBeNull();
      expect(t.deadline, t.code).not.toBeNull();
      expect(t.deadline! >= '2025-01-01' && t.deadline! <= '2030-12-31', t.code).toBe(true);
      expect(t.title.length, t.code).toBeLessThanOrEqual(120);
      expect(t.title, t.code).toBe(t.title.normalize('NFC'));
    }
    const groups = items.filter((i) => i.kind === 'group');
    expect(groups.every((g) => g.deadline === null)).toBe(true);
  });

  it(`shows a plan in motion on ${TODAY}`, async () => {
    const tasks = (await itemsWithStatus()).filter((i) => i.kind !== 'group');
    const tally = new Map<ItemStatus, number>();
    for (const t of tasks) tally.set(t.status, (tally.get(t.status) ?? 0) + 1);
    const n = (s: ItemStatus) => tally.get(s) ?? 0;
    expect(n('overdue')).toBeGreaterThanOrEqual(5);
    expect(n('done') + n('done_late')).toBeGreaterThanOrEqual(3);
    expect(n('done_late')).toBeGreaterThanOrEqual(1);
    expect(n('at_risk')).toBeGreaterThanOrEqual(3);
    expect(n('in_progress')).toBeGreaterThanOrEqual(20);
    expect(n('not_started')).toBeGreaterThanOrEqual(1);
  });

  it('records co-operators, some of them communes, and one creation entry per item', async () => {
    const coops = await h.db
      .select({ kind: orgUnits.kind })
      .from(planItemCooperators)
      .innerJoin(orgUnits, eq(orgUnits.id, planItemCooperators.orgUnitId));
    const expected = PLAN_328_ITEMS.reduce((sum, i) => sum + i.cooperatorCodes.length, 0);
    expect(coops).toHaveLength(expected);
    expect(coops.filter((c) => c.kind === 'commune' || c.kind === 'ward').length).toBeGreaterThanOrEqual(3);
    expect(coops.some((c) => c.kind === 'enterprise')).toBe(true);

    // besides the creations: the progress accepted reports of the demo rounds brought
    const all = await h.db.select().from(planItemChanges);
    const changes = all.filter((c) => c.action === 'create');
    expect(all.filter((c) => c.action !== 'create').every((c) => c.action === 'update')).toBe(true);
    expect(changes).toHaveLength(counts.items);
    for (const c of changes) {
      expect(c.action).toBe('create');
      expect(c.actor).toBe(DEMO_ACTOR);
      expect(c.before).toBeNull();
      expect(c.after).toEqual({ code: expect.any(String), title: expect.any(String) });
    }
    const [plan] = await h.db.select().from(plans);
    expect(plan).toMatchObject({ number: '328-KH/TU', issueDate: '2025-04-24', status: 'active' });
    const planItemsOfPlan = await h.db
      .select({ id: planItems.id })
      .from(planItems)
      .where(eq(planItems.planId, plan!.id));
    expect(planItemsOfPlan).toHaveLength(counts.items);
  });
});
