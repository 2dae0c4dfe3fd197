/**
 * The dashboard's filters turned into SQL and scopes, shared by its queries. The reader's scope
 * always comes from the policy (readScope); a filter only narrows it further.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { OrgUnitKind } from '../../../common/enums';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';
import type { ReadScope } from '../../policy';
import { planItemScopeCondition } from '../plan-items/scope';

/** An id no row has: `= any('{}')` is fine too, but a one-element list keeps the plan the same. */
const NO_UNIT = '00000000-0000-0000-0000-000000000000';

/** `column` is one of the scope's units (true when the scope is everything). */
export function unitInScope(column: SQL, scope: ReadScope): SQL {
  if (scope.all) return sql`true`;
  const ids = scope.orgUnitIds.length ? scope.orgUnitIds : [NO_UNIT];
  return sql`${column} = any(${sql.param(ids)}::uuid[])`;
}

/** The unit (by `column`) is of the given kind, when one is given. */
export function unitOfKind(column: SQL, kind: OrgUnitKind | undefined): SQL {
  if (!kind) return sql`true`;
  return sql`exists (select 1 from org_units k where k.id = ${column} and k.kind = ${kind})`;
}

/** The scope narrowed to units of one kind (the round's completeness counts over a ReadScope). */
export async function scopeOfKind(
  db: Executor,
  scope: ReadScope,
  kind: OrgUnitKind | undefined,
): Promise<ReadScope> {
  if (!kind) return scope;
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`select id from org_units where kind = ${kind} and ${unitInScope(sql`id`, scope)}`),
  );
  return { all: false, orgUnitIds: rows.map((r) => r.id) };
}

/** Ids of a plan item and everything under it. */
export function itemSubtree(rootId: string): SQL {
  return sql`(with recursive subtree(id) as (
      select id from plan_items where id = ${rootId}
      union all
      select child.id from plan_items child join subtree on child.parent_id = subtree.id
    ) select id from subtree)`;
}

/** The plan items (table `plan_items`, unaliased) the reader may see: the task list's own rule. */
export function taskScopeSql(scope: ReadScope): SQL {
  return planItemScopeCondition(scope) ?? sql`true`;
}
