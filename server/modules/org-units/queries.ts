import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type {
  TListOrgUnitsQuery,
  TOrgUnit,
  TOrgUnitNode,
  TOrgUnitTree,
} from '../../../common/contracts/org-units';
import type { Executor } from '../../db/client';
import { searchConditions } from '../../db/search';
import { notFound, RESOURCE_NAMES } from '../../errors/app-error';
import { planItems } from '../plan-items/tables';
import { orgUnits } from './tables';

/**
 * Active tasks led by the unit, and its active sub-units: what blocks archiving it. The outer
 * row is named explicitly: drizzle renders a lone column unqualified, which the subquery would
 * resolve to its own table.
 */
const outerId = sql.raw('"org_units"."id"');
const leadCount = sql<number>`(select count(*) from ${planItems} where ${planItems.leadOrgUnitId} = ${outerId} and ${planItems.archivedAt} is null)`;
const childCount = sql<number>`(select count(*) from ${orgUnits} child where child.parent_id = ${outerId} and child.active)`;

const columns = {
  id: orgUnits.id,
  code: orgUnits.code,
  name: orgUnits.name,
  shortName: orgUnits.shortName,
  kind: orgUnits.kind,
  parentId: orgUnits.parentId,
  active: orgUnits.active,
  version: orgUnits.version,
  updatedAt: orgUnits.updatedAt,
  leadCount,
  childCount,
};

type OrgUnitRow = {
  [K in keyof typeof columns]: K extends 'leadCount' | 'childCount'
    ? number
    : (typeof orgUnits.$inferSelect)[K & keyof typeof orgUnits.$inferSelect];
};

function presentOrgUnit(row: OrgUnitRow): TOrgUnit {
  return {
    ...row,
    leadCount: Number(row.leadCount),
    childCount: Number(row.childCount),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

export async function getOrgUnit(options: { db: Executor; orgUnitId: string }): Promise<TOrgUnit> {
  const [row] = await options.db.select(columns).from(orgUnits).where(eq(orgUnits.id, options.orgUnitId));
  if (!row) throw notFound(RESOURCE_NAMES.orgUnit);
  return presentOrgUnit(row);
}

export async function listOrgUnits(options: {
  db: Executor;
  query: TListOrgUnitsQuery;
}): Promise<{ items: TOrgUnit[]; total: number }> {
  const { db, query } = options;
  const dir = query.order === 'desc' ? desc : asc;
  const conditions: (SQL | undefined)[] = [
    query.includeArchived ? undefined : eq(orgUnits.active, true),
    query.kind?.length ? inArray(orgUnits.kind, query.kind) : undefined,
    query.parentId ? eq(orgUnits.parentId, query.parentId) : undefined,
    ...searchConditions(orgUnits.searchText, query.q),
  ];
  const byName = sql`${orgUnits.nameSortKey} collate "C"`;
  const order =
    query.sort === 'code'
      ? [dir(orgUnits.code)]
      : query.sort === 'kind'
        ? [dir(orgUnits.kind), asc(byName)]
        : [dir(byName)];
  const rows = await db
    .select({ ...columns, total: sql<number>`count(*) over ()` })
    .from(orgUnits)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { items: rows.map(presentOrgUnit), total: Number(rows[0]?.total ?? 0) };
}

/** Every active unit as a tree, children in Vietnamese alphabetical order. */
export async function getOrgUnitTree(options: { db: Executor }): Promise<TOrgUnitTree> {
  const rows = await options.db
    .select(columns)
    .from(orgUnits)
    .where(eq(orgUnits.active, true))
    .orderBy(sql`${orgUnits.nameSortKey} collate "C"`);
  const nodes = new Map<string, TOrgUnitNode>(
    rows.map((r) => [r.id, { ...presentOrgUnit(r), children: [] }]),
  );
  const roots: TOrgUnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return { roots };
}

/** Active tasks and sub-units that depend on a unit. */
export async function dependentsOf(db: Executor, orgUnitId: string) {
  const tasks = await db
    .select({ id: planItems.id, code: planItems.code, title: planItems.title })
    .from(planItems)
    .where(and(eq(planItems.leadOrgUnitId, orgUnitId), isNull(planItems.archivedAt)))
    .orderBy(planItems.codeSortKey);
  const children = await db
    .select({ id: orgUnits.id, code: orgUnits.code, title: orgUnits.name })
    .from(orgUnits)
    .where(and(eq(orgUnits.parentId, orgUnitId), eq(orgUnits.active, true)));
  return [...tasks, ...children];
}
