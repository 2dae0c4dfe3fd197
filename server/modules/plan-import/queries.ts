/** Reads of the annex import and export, with typed results. */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TOrgUnitRef } from '../../../common/contracts/fields';
import type { OrgUnitKind, PlanItemKind, Recurrence } from '../../../common/enums';
import type { Executor } from '../../db/client';
import { notFound, RESOURCE_NAMES } from '../../errors/app-error';
import type { ReadScope } from '../../policy';
import { orgUnits } from '../org-units/tables';
import { planItemScopeCondition } from '../plan-items/scope';
import { planItemCooperators, planItems } from '../plan-items/tables';
import { plans } from '../plans/tables';
import { searchSynonyms } from '../search-synonyms/tables';
import { AgencyMatcher, type MatchUnit } from './matcher';

/** Every active org unit and the search synonyms, as the matcher compares names. */
export async function loadMatcher(db: Executor): Promise<AgencyMatcher> {
  const units: MatchUnit[] = await db
    .select({
      id: orgUnits.id,
      code: orgUnits.code,
      name: orgUnits.name,
      shortName: orgUnits.shortName,
      kind: orgUnits.kind,
    })
    .from(orgUnits)
    .where(eq(orgUnits.active, true));
  const groups = await db.select({ forms: searchSynonyms.forms }).from(searchSynonyms);
  return new AgencyMatcher(
    units,
    groups.map((g) => g.forms),
  );
}

export interface TargetPlan {
  id: string;
  status: string;
  archived: boolean;
  horizonStartYear: number;
  horizonEndYear: number;
  /** every item's code (archived ones too: their codes stay taken) */
  items: Map<string, { id: string; kind: PlanItemKind; archived: boolean }>;
}

/** A plan the rows would be added to, with its items by code; `lock` holds it for the write. */
export async function loadTargetPlan(db: Executor, planId: string, lock = false): Promise<TargetPlan> {
  const query = db
    .select({
      id: plans.id,
      status: plans.status,
      archivedAt: plans.archivedAt,
      horizonStartYear: plans.horizonStartYear,
      horizonEndYear: plans.horizonEndYear,
    })
    .from(plans)
    .where(eq(plans.id, planId));
  const [plan] = lock ? await query.for('update') : await query;
  if (!plan) throw notFound(RESOURCE_NAMES.plan);
  const items = await db
    .select({
      id: planItems.id,
      code: planItems.code,
      kind: planItems.kind,
      archivedAt: planItems.archivedAt,
    })
    .from(planItems)
    .where(eq(planItems.planId, planId));
  return {
    id: plan.id,
    status: plan.status,
    archived: plan.archivedAt !== null,
    horizonStartYear: plan.horizonStartYear,
    horizonEndYear: plan.horizonEndYear,
    items: new Map(items.map((i) => [i.code, { id: i.id, kind: i.kind, archived: i.archivedAt !== null }])),
  };
}

export interface AnnexPlan {
  number: string;
  title: string;
  issuingBody: string;
  issueDate: string | null;
  horizonStartYear: number;
  horizonEndYear: number;
  items: AnnexItem[];
}

export interface AnnexItem {
  id: string;
  parentId: string | null;
  code: string;
  kind: PlanItemKind;
  title: string;
  lead: TOrgUnitRef | null;
  cooperators: TOrgUnitRef[];
  deadline: string | null;
  recurrence: Recurrence;
  expectedProduct: string | null;
}

const lead = alias(orgUnits, 'lead');

/**
 * A plan and the items the reader may see, in outline order: what its annex shows. A reader limited
 * to some units gets their tasks and the headings above them, as the plan tree shows them.
 */
export async function loadAnnexPlan(db: Executor, planId: string, scope: ReadScope): Promise<AnnexPlan> {
  const [plan] = await db.select().from(plans).where(eq(plans.id, planId));
  if (!plan) throw notFound(RESOURCE_NAMES.plan);
  const rows = await db
    .select({
      id: planItems.id,
      parentId: planItems.parentId,
      code: planItems.code,
      kind: planItems.kind,
      title: planItems.title,
      deadline: planItems.deadline,
      recurrence: planItems.recurrence,
      expectedProduct: planItems.expectedProduct,
      leadId: lead.id,
      leadCode: lead.code,
      leadName: lead.name,
      leadShortName: lead.shortName,
    })
    .from(planItems)
    .leftJoin(lead, eq(lead.id, planItems.leadOrgUnitId))
    .where(and(eq(planItems.planId, planId), isNull(planItems.archivedAt), planItemScopeCondition(scope)))
    .orderBy(asc(planItems.codeSortKey));
  const cooperators = new Map<string, TOrgUnitRef[]>();
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = await db
      .select({
        itemId: planItemCooperators.itemId,
        id: orgUnits.id,
        code: orgUnits.code,
        name: orgUnits.name,
        shortName: orgUnits.shortName,
      })
      .from(planItemCooperators)
      .innerJoin(orgUnits, eq(orgUnits.id, planItemCooperators.orgUnitId))
      .where(inArray(planItemCooperators.itemId, ids.slice(i, i + 1000)))
      .orderBy(sql`${orgUnits.nameSortKey} collate "C"`);
    for (const { itemId, ...unit } of chunk)
      cooperators.set(itemId, [...(cooperators.get(itemId) ?? []), unit]);
  }
  let items: AnnexItem[] = rows.map((r) => ({
    id: r.id,
    parentId: r.parentId,
    code: r.code,
    kind: r.kind,
    title: r.title,
    lead: r.leadId
      ? { id: r.leadId, code: r.leadCode!, name: r.leadName!, shortName: r.leadShortName }
      : null,
    cooperators: cooperators.get(r.id) ?? [],
    deadline: r.deadline,
    recurrence: r.recurrence,
    expectedProduct: r.expectedProduct,
  }));
  if (!scope.all) {
    // only the headings above what the reader sees
    const keep = new Set<string>();
    const byId = new Map(items.map((i) => [i.id, i]));
    for (const item of items) {
      if (item.kind === 'group') continue;
      for (
        let at: AnnexItem | undefined = item;
        at && !keep.has(at.id);
        at = at.parentId ? byId.get(at.parentId) : undefined
      ) {
        keep.add(at.id);
      }
    }
    items = items.filter((i) => keep.has(i.id));
  }
  return {
    number: plan.number,
    title: plan.title,
    issuingBody: plan.issuingBody,
    issueDate: plan.issueDate,
    horizonStartYear: plan.horizonStartYear,
    horizonEndYear: plan.horizonEndYear,
    items,
  };
}

/**
 * Active units of the commune level by kind: a co-operator list holding every commune and ward is
 * written "UBND các xã, phường".
 */
export async function communeLevelUnits(db: Executor): Promise<Map<OrgUnitKind, Set<string>>> {
  const rows = await db
    .select({ id: orgUnits.id, kind: orgUnits.kind })
    .from(orgUnits)
    .where(and(eq(orgUnits.active, true), inArray(orgUnits.kind, ['commune', 'ward', 'special_zone'])));
  const byKind = new Map<OrgUnitKind, Set<string>>();
  for (const r of rows) byKind.set(r.kind, (byKind.get(r.kind) ?? new Set()).add(r.id));
  return byKind;
}

/** Names shared by more than one active unit: the export adds the code to them. */
export async function sharedUnitNames(db: Executor): Promise<Set<string>> {
  const rows = await db
    .select({ name: orgUnits.name })
    .from(orgUnits)
    .where(eq(orgUnits.active, true))
    .groupBy(orgUnits.name)
    .having(sql`count(*) > 1`);
  return new Set(rows.map((r) => r.name));
}
