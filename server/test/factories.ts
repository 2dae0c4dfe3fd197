import { randomBytes } from 'node:crypto';
import type { Database } from '../db/client';
import { indicators } from '../modules/indicators/tables';
import { orgUnits } from '../modules/org-units/tables';
import { codeSortKey } from '../modules/plan-items/code-sort-key';
import { planItemCooperators, planItems } from '../modules/plan-items/tables';
import { plans } from '../modules/plans/tables';

const unique = () => randomBytes(4).toString('hex');

export async function buildOrgUnit(db: Database, overrides: Partial<typeof orgUnits.$inferInsert> = {}) {
  const [row] = await db
    .insert(orgUnits)
    .values({ code: `T${unique()}`, name: `Đơn vị thử ${unique()}`, kind: 'department', ...overrides })
    .returning();
  return row!;
}

export async function buildPlan(db: Database, overrides: Partial<typeof plans.$inferInsert> = {}) {
  const [row] = await db
    .insert(plans)
    .values({
      number: `${unique()}-KH/TU`,
      title: 'Kế hoạch thử nghiệm',
      issuingBody: 'Ban Chấp hành Đảng bộ tỉnh',
      horizonStartYear: 2025,
      horizonEndYear: 2030,
      status: 'active',
      ...overrides,
    })
    .returning();
  return row!;
}

export async function buildItem(
  db: Database,
  overrides: Partial<typeof planItems.$inferInsert> & { planId: string; code: string },
  cooperatorIds: string[] = [],
) {
  const [row] = await db
    .insert(planItems)
    .values({
      kind: 'task',
      title: `Nhiệm vụ ${overrides.code}`,
      codeSortKey: codeSortKey(overrides.code),
      ...overrides,
    })
    .returning();
  if (cooperatorIds.length) {
    await db
      .insert(planItemCooperators)
      .values(cooperatorIds.map((orgUnitId) => ({ itemId: row!.id, orgUnitId })));
  }
  return row!;
}

export async function buildIndicator(db: Database, overrides: Partial<typeof indicators.$inferInsert> = {}) {
  const [row] = await db
    .insert(indicators)
    .values({
      code: `CT.${unique().toUpperCase()}`,
      name: `Chỉ tiêu thử ${unique()}`,
      unit: 'đơn vị',
      valueType: 'number',
      direction: 'higher_is_better',
      aggregation: 'sum',
      timeAggregation: 'sum',
      frequency: 'month',
      ...overrides,
    })
    .returning();
  return row!;
}
