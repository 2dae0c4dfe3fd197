import { inArray } from 'drizzle-orm';
import { systemClock } from '../clock';
import type { Database, Transaction } from '../db/client';
import type { EvidenceStore } from '../modules/evidence/store';
import { orgUnits } from '../modules/org-units/tables';
import { codeSortKey } from '../modules/plan-items/code-sort-key';
import { planItemChanges, planItemCooperators, planItems } from '../modules/plan-items/tables';
import { plans } from '../modules/plans/tables';
import { seedIndicatorHistory } from './indicator-history';
import { type DemoOrgUnit, demoOrgUnits } from './org-units';
import { type DemoPlan, type DemoPlanItem, PLAN_328, PLAN_328_ITEMS, parentCodeOf } from './plan-328';
import { seedProgrammes } from './programmes';
import { seedDemoPublication } from './publication';
import { type RoundHistoryOptions, seedRoundHistory } from './round-history';
import { seedIndicators } from './seed-indicators';
import { DEFAULT_DEMO_PASSWORD, insertDemoUsers } from './users';

export const DEMO_ACTOR = 'demo-seed';

export interface SeedCounts {
  orgUnits: number;
  plans: number;
  items: number;
  users: number;
  /** demo history of the indicators' data values */
  dataValues: number;
  /** demo reporting rounds of the plan and their reports */
  rounds: number;
  reports: number;
}

/** True when the database holds no org units yet, so the demo can be loaded. */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const rows = await db.select({ id: orgUnits.id }).from(orgUnits).limit(1);
  return rows.length === 0;
}

/**
 * Loads the demo province (bodies, communes, wards), Plan 328-KH/TU, the indicator catalogue and
 * its history up to `today` (the date in Vietnam by default) in one transaction.
 */
export async function seedDemo(
  db: Database,
  options: {
    password?: string;
    today?: string;
    /** where the rounds' evidence files go (none attached without one) */
    evidenceStore?: EvidenceStore;
    /** false: no demo rounds (to measure what they cost) */
    rounds?: boolean;
    /** for round-history.test.ts */
    viaServices?: RoundHistoryOptions['viaServices'];
    /**
     * Units whose code is already there are used as they are (the dashboard bench lays the demo
     * plan over the national dataset, which holds the province's real units); off: a clash fails.
     */
    reuseExistingUnits?: boolean;
  } = {},
): Promise<SeedCounts> {
  const today = options.today ?? systemClock.today();
  const units = demoOrgUnits();
  checkDemoData(units, PLAN_328, PLAN_328_ITEMS);
  return db.transaction(async (tx) => {
    const orgIds = await insertOrgUnits(tx, units, options.reuseExistingUnits);
    const planId = await insertPlan(tx, PLAN_328, orgIds);
    const itemIds = await insertPlanItems(tx, planId, PLAN_328_ITEMS, orgIds);
    const indicatorIds = await seedIndicators(tx, { orgUnitIdByCode: orgIds, planItemIdByCode: itemIds });
    await seedProgrammes(tx, { orgUnitIdByCode: orgIds, planItemIdByCode: itemIds });
    const dataValues = await seedIndicatorHistory(tx, {
      indicatorIdByCode: indicatorIds,
      orgUnitIdByCode: orgIds,
      today,
    });
    const userCount = await insertDemoUsers(tx, orgIds, options.password ?? DEFAULT_DEMO_PASSWORD);
    const history =
      options.rounds === false
        ? { rounds: 0, reports: 0 }
        : await seedRoundHistory(tx, {
            planId,
            today,
            evidenceStore: options.evidenceStore,
            viaServices: options.viaServices,
          });
    // last: the public portal's first snapshot shows the programmes, values and rounds above
    await seedDemoPublication(tx, { planId, today, actorName: DEMO_ACTOR });
    return {
      orgUnits: orgIds.size,
      plans: 1,
      items: itemIds.size,
      users: userCount,
      dataValues,
      rounds: history.rounds,
      reports: history.reports,
    };
  });
}

/**
 * The demo province's org units and Plan 328-KH/TU alone, in one transaction, as `seedDemo` writes
 * them (without indicators, values, users and rounds): for tests of the plan alone.
 */
export async function seedDemoUnitsAndPlan(
  db: Database,
): Promise<{ planId: string; unitIds: Map<string, string> }> {
  const units = demoOrgUnits();
  checkDemoData(units, PLAN_328, PLAN_328_ITEMS);
  return db.transaction(async (tx) => {
    const unitIds = await insertOrgUnits(tx, units);
    const planId = await insertPlan(tx, PLAN_328, unitIds);
    await insertPlanItems(tx, planId, PLAN_328_ITEMS, unitIds);
    return { planId, unitIds };
  });
}

/**
 * What `npm start` (with SEED_DEMO=true) and `npm run seed` do: the demo into an empty database,
 * its accounts opening with DEMO_PASSWORD. Null when the database already holds data.
 */
export async function seedDemoIfEmpty(
  db: Database,
  config: { DEMO_PASSWORD: string },
  evidenceStore?: EvidenceStore,
): Promise<SeedCounts | null> {
  if (!(await isDatabaseEmpty(db))) return null;
  return seedDemo(db, { password: config.DEMO_PASSWORD, evidenceStore });
}

/** Splits items into levels so that every parent is inserted before its children. */
function byLevel<T>(items: readonly T[], codeOf: (t: T) => string, parentOf: (t: T) => string | null): T[][] {
  const levels: T[][] = [];
  const placed = new Set<string>();
  let pending = [...items];
  while (pending.length > 0) {
    const ready = pending.filter((t) => {
      const parent = parentOf(t);
      return parent === null || placed.has(parent);
    });
    if (ready.length === 0) {
      throw new Error(`Demo data: unresolved parents for ${pending.map(codeOf).join(', ')}`);
    }
    for (const t of ready) placed.add(codeOf(t));
    pending = pending.filter((t) => !placed.has(codeOf(t)));
    levels.push(ready);
  }
  return levels;
}

function idOf(ids: Map<string, string>, code: string): string {
  const id = ids.get(code);
  if (!id) throw new Error(`Demo data: unknown code "${code}"`);
  return id;
}

async function insertOrgUnits(
  tx: Transaction,
  units: readonly DemoOrgUnit[],
  reuseExisting = false,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (reuseExisting) {
    const existing = await tx
      .select({ id: orgUnits.id, code: orgUnits.code })
      .from(orgUnits)
      .where(
        inArray(
          orgUnits.code,
          units.map((u) => u.code),
        ),
      );
    for (const row of existing) ids.set(row.code, row.id);
  }
  for (const level of byLevel(
    units.filter((u) => !ids.has(u.code)),
    (u) => u.code,
    // a parent already there counts as placed
    (u) => (u.parentCode === null || ids.has(u.parentCode) ? null : u.parentCode),
  )) {
    const rows = await tx
      .insert(orgUnits)
      .values(
        level.map((u) => ({
          code: u.code,
          name: u.name,
          shortName: u.shortName,
          kind: u.kind,
          parentId: u.parentCode === null ? null : idOf(ids, u.parentCode),
        })),
      )
      .returning({ id: orgUnits.id, code: orgUnits.code });
    for (const row of rows) ids.set(row.code, row.id);
  }
  return ids;
}

async function insertPlan(tx: Transaction, plan: DemoPlan, orgIds: Map<string, string>): Promise<string> {
  const [row] = await tx
    .insert(plans)
    .values({
      number: plan.number,
      title: plan.title,
      issuingBody: plan.issuingBody,
      issueDate: plan.issueDate,
      parentDocument: plan.parentDocument,
      ownerOrgUnitId: idOf(orgIds, plan.ownerCode),
      horizonStartYear: plan.horizonStartYear,
      horizonEndYear: plan.horizonEndYear,
      status: plan.status,
    })
    .returning({ id: plans.id });
  if (!row) throw new Error('Demo data: plan insert returned no row');
  return row.id;
}

async function insertPlanItems(
  tx: Transaction,
  planId: string,
  items: readonly DemoPlanItem[],
  orgIds: Map<string, string>,
): Promise<Map<string, string>> {
  const itemIds = new Map<string, string>();
  for (const level of byLevel(
    items,
    (i) => i.code,
    (i) => parentCodeOf(i.code),
  )) {
    const rows = await tx
      .insert(planItems)
      .values(
        level.map((i) => {
          const parentCode = parentCodeOf(i.code);
          return {
            planId,
            parentId: parentCode === null ? null : idOf(itemIds, parentCode),
            kind: i.kind,
            code: i.code,
            codeSortKey: codeSortKey(i.code),
            title: i.title,
            leadOrgUnitId: i.leadCode === null ? null : idOf(orgIds, i.leadCode),
            startDate: i.startDate,
            deadline: i.deadline,
            recurrence: i.recurrence,
            expectedProduct: i.expectedProduct,
            weight: i.weight,
            progress: i.progress,
            completedOn: i.completedOn,
          };
        }),
      )
      .returning({ id: planItems.id, code: planItems.code, title: planItems.title });
    for (const row of rows) itemIds.set(row.code, row.id);
    await tx.insert(planItemChanges).values(
      rows.map((row) => ({
        itemId: row.id,
        action: 'create' as const,
        actor: DEMO_ACTOR,
        before: null,
        after: { code: row.code, title: row.title },
      })),
    );
  }

  const cooperators = items.flatMap((i) =>
    i.cooperatorCodes.map((code) => ({ itemId: idOf(itemIds, i.code), orgUnitId: idOf(orgIds, code) })),
  );
  if (cooperators.length > 0) await tx.insert(planItemCooperators).values(cooperators);
  return itemIds;
}

/** Catches mistakes in the hand-written data before anything is written. */
export function checkDemoData(
  units: readonly DemoOrgUnit[],
  plan: DemoPlan,
  items: readonly DemoPlanItem[],
): void {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };

  const unitCodes = new Set<string>();
  for (const u of units) {
    check(!unitCodes.has(u.code), `duplicate org unit code ${u.code}`);
    unitCodes.add(u.code);
  }
  for (const u of units) {
    check(u.parentCode === null || unitCodes.has(u.parentCode), `org unit ${u.code}: unknown parent`);
  }
  check(unitCodes.has(plan.ownerCode), `plan owner ${plan.ownerCode} is not an org unit`);

  const itemCodes = new Set<string>();
  for (const i of items) {
    check(!itemCodes.has(i.code), `duplicate item code ${i.code}`);
    itemCodes.add(i.code);
  }
  for (const i of items) {
    const at = `item ${i.code}:`;
    const parent = parentCodeOf(i.code);
    check(/^\d+(\.\d+)*$/.test(i.code), `${at} malformed code`);
    check(parent === null || itemCodes.has(parent), `${at} unknown parent ${parent}`);
    check(i.title.length <= 120, `${at} title longer than 120 characters`);
    check(i.title === i.title.normalize('NFC'), `${at} title not in NFC`);
    check(i.leadCode === null || unitCodes.has(i.leadCode), `${at} unknown lead ${i.leadCode}`);
    check(i.kind === 'group' || i.leadCode !== null, `${at} task without a lead`);
    check(i.cooperatorCodes.length <= 3, `${at} more than 3 co-operators`);
    check(new Set(i.cooperatorCodes).size === i.cooperatorCodes.length, `${at} repeated co-operator`);
    for (const c of i.cooperatorCodes) {
      check(unitCodes.has(c), `${at} unknown co-operator ${c}`);
      check(c !== i.leadCode, `${at} lead listed as co-operator`);
    }
    check(!(i.startDate && i.deadline && i.startDate > i.deadline), `${at} starts after its deadline`);
    check(i.progress >= 0 && i.progress <= 100, `${at} progress out of range`);
    check(
      (i.progress === 100) === (i.completedOn !== null),
      `${at} progress 100 goes with a completion date`,
    );
  }
  if (problems.length > 0) throw new Error(`Demo data is inconsistent:\n  ${problems.join('\n  ')}`);
}
