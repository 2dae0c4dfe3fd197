import { eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { notFound, RESOURCE_NAMES } from '../../errors/app-error';
import type { ReadScope } from '../../policy';
import { plans } from '../plans/tables';
import { planItemCooperators, planItems } from './tables';

/**
 * Rows of plan_items the scope may read: everything, or groups (outline headings) and the items
 * whose lead or a co-operator is one of the scope's units.
 */
export function planItemScopeCondition(scope: ReadScope): SQL | undefined {
  if (scope.all) return undefined;
  if (scope.orgUnitIds.length === 0) return eq(planItems.kind, 'group');
  return or(
    eq(planItems.kind, 'group'),
    inArray(planItems.leadOrgUnitId, scope.orgUnitIds),
    sql`exists (select 1 from ${planItemCooperators} c where c.item_id = ${planItems.id} and c.org_unit_id in ${scope.orgUnitIds})`,
  );
}

/**
 * The units that own an item, for the policy: its lead and co-operators. Groups are outline
 * headings that anyone who may read the plan sees (undefined); an item with neither lead nor
 * co-operators belongs to the whole plan, so only province-wide roles reach it ([]).
 */
export async function planItemOwners(db: Executor, itemId: string): Promise<readonly string[] | undefined> {
  const [item] = await db
    .select({ kind: planItems.kind, lead: planItems.leadOrgUnitId, planOwner: plans.ownerOrgUnitId })
    .from(planItems)
    .innerJoin(plans, eq(plans.id, planItems.planId))
    .where(eq(planItems.id, itemId));
  if (!item) throw notFound(RESOURCE_NAMES.planItem);
  if (item.kind === 'group') return undefined;
  const cooperators = await db
    .select({ id: planItemCooperators.orgUnitId })
    .from(planItemCooperators)
    .where(eq(planItemCooperators.itemId, itemId));
  return [...(item.lead ? [item.lead] : []), ...cooperators.map((c) => c.id)];
}
