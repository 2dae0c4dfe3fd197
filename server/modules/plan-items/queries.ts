import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TOrgUnitRef } from '../../../common/contracts/fields';
import type {
  TChangeSource,
  TListPlanItemsQuery,
  TPlanItem,
  TPlanItemDetail,
  TPlanItemHistory,
  TPlanTree,
  TPlanTreeNode,
} from '../../../common/contracts/plan-items';
import { ITEM_STATUSES_BY_URGENCY, type ItemStatus } from '../../../common/enums';
import { periodInSentence } from '../../../common/periods';
import type { Executor } from '../../db/client';
import { searchConditions } from '../../db/search';
import { rowsOf } from '../../db/sql';
import { notFound, RESOURCE_NAMES } from '../../errors/app-error';
import type { ReadScope } from '../../policy';
import { orgUnits } from '../org-units/tables';
import { planItemScopeCondition } from './scope';
import { daysToDeadlineSql, itemStatusSql } from './status';
import { planItemChanges, planItemCooperators, planItems } from './tables';

const lead = alias(orgUnits, 'lead');

function itemColumns(today: string) {
  return {
    id: planItems.id,
    planId: planItems.planId,
    parentId: planItems.parentId,
    kind: planItems.kind,
    code: planItems.code,
    title: planItems.title,
    description: planItems.description,
    startDate: planItems.startDate,
    deadline: planItems.deadline,
    recurrence: planItems.recurrence,
    expectedProduct: planItems.expectedProduct,
    weight: planItems.weight,
    progress: planItems.progress,
    completedOn: planItems.completedOn,
    archivedAt: planItems.archivedAt,
    version: planItems.version,
    updatedAt: planItems.updatedAt,
    status: itemStatusSql(today),
    daysToDeadline: daysToDeadlineSql(today),
    leadId: lead.id,
    leadCode: lead.code,
    leadName: lead.name,
    leadShortName: lead.shortName,
  };
}

function selectItems(db: Executor, today: string) {
  return db
    .select(itemColumns(today))
    .from(planItems)
    .leftJoin(lead, eq(lead.id, planItems.leadOrgUnitId))
    .$dynamic();
}

type ItemRow = Awaited<ReturnType<typeof selectItems>>[number];

function presentItem(row: ItemRow, cooperators: TOrgUnitRef[]): TPlanItem {
  return {
    id: row.id,
    planId: row.planId,
    parentId: row.parentId,
    kind: row.kind,
    code: row.code,
    title: row.title,
    description: row.description,
    lead: row.leadId
      ? { id: row.leadId, code: row.leadCode!, name: row.leadName!, shortName: row.leadShortName }
      : null,
    cooperators,
    startDate: row.startDate,
    deadline: row.deadline,
    recurrence: row.recurrence,
    expectedProduct: row.expectedProduct,
    weight: Number(row.weight),
    progress: row.progress,
    completedOn: row.completedOn,
    status: row.status,
    daysToDeadline: row.daysToDeadline === null ? null : Number(row.daysToDeadline),
    archived: row.archivedAt !== null,
    version: row.version,
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

async function loadCooperators(db: Executor, itemIds: string[]): Promise<Map<string, TOrgUnitRef[]>> {
  const byItem = new Map<string, TOrgUnitRef[]>();
  if (itemIds.length === 0) return byItem;
  const rows = await db
    .select({
      itemId: planItemCooperators.itemId,
      id: orgUnits.id,
      code: orgUnits.code,
      name: orgUnits.name,
      shortName: orgUnits.shortName,
    })
    .from(planItemCooperators)
    .innerJoin(orgUnits, eq(orgUnits.id, planItemCooperators.orgUnitId))
    .where(inArray(planItemCooperators.itemId, itemIds))
    .orderBy(sql`${orgUnits.nameSortKey} collate "C"`);
  for (const { itemId, ...ref } of rows) {
    const list = byItem.get(itemId) ?? [];
    list.push(ref);
    byItem.set(itemId, list);
  }
  return byItem;
}

/** Ids of a group and everything under it. */
function subtreeIds(rootId: string): SQL {
  return sql`(with recursive subtree(id) as (
      select ${planItems.id} from ${planItems} where ${planItems.id} = ${rootId}
      union all
      select child.id from ${planItems} child join subtree on child.parent_id = subtree.id
    ) select id from subtree)`;
}

function orderBy(query: TListPlanItemsQuery, status: SQL): SQL[] {
  const dir = query.order === 'desc' ? desc : asc;
  const byCode = asc(planItems.codeSortKey);
  switch (query.sort) {
    case 'title':
      return [dir(sql`${planItems.titleSortKey} collate "C"`), byCode];
    case 'deadline':
      return [sql`${planItems.deadline} ${sql.raw(query.order)} nulls last`, byCode];
    case 'progress':
      return [dir(planItems.progress), byCode];
    case 'status':
      return [
        dir(
          sql`array_position(array[${sql.join(
            ITEM_STATUSES_BY_URGENCY.map((s) => sql`${s}`),
            sql`, `,
          )}]::text[], ${status})`,
        ),
        byCode,
      ];
    case 'lead':
      return [
        sql`vi_sort_key(coalesce(${lead.shortName}, ${lead.name})) collate "C" ${sql.raw(query.order)} nulls last`,
        byCode,
      ];
    default:
      return [dir(planItems.codeSortKey)];
  }
}

export async function listPlanItems(options: {
  db: Executor;
  planId: string;
  query: TListPlanItemsQuery;
  /** rows the reader may see (policy readScope) */
  scope: ReadScope;
  today: string;
}): Promise<{ items: TPlanItem[]; total: number }> {
  const { db, planId, query, scope, today } = options;
  const status = itemStatusSql(today);
  const conditions: (SQL | undefined)[] = [
    eq(planItems.planId, planId),
    planItemScopeCondition(scope),
    query.includeArchived ? undefined : isNull(planItems.archivedAt),
    inArray(planItems.kind, query.kind?.length ? query.kind : ['task', 'milestone']),
    query.group ? sql`${planItems.id} in ${subtreeIds(query.group)}` : undefined,
    query.group ? sql`${planItems.id} <> ${query.group}` : undefined,
    query.lead ? eq(planItems.leadOrgUnitId, query.lead) : undefined,
    query.cooperator
      ? sql`exists (select 1 from ${planItemCooperators} c where c.item_id = ${planItems.id} and c.org_unit_id = ${query.cooperator})`
      : undefined,
    query.status?.length ? inArray(status, query.status) : undefined,
    query.overdue ? sql`${status} = 'overdue'` : undefined,
    query.deadlineFrom ? sql`${planItems.deadline} >= ${query.deadlineFrom}` : undefined,
    query.deadlineTo ? sql`${planItems.deadline} <= ${query.deadlineTo}` : undefined,
    ...searchConditions(planItems.searchText, query.q),
  ];
  const rows = await db
    .select({ ...itemColumns(today), total: sql<number>`count(*) over ()` })
    .from(planItems)
    .leftJoin(lead, eq(lead.id, planItems.leadOrgUnitId))
    .where(and(...conditions))
    .orderBy(...orderBy(query, status))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const cooperators = await loadCooperators(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => presentItem(r, cooperators.get(r.id) ?? [])),
    total: rows.length ? Number(rows[0]!.total) : await countPlanItems(db, conditions),
  };
}

async function countPlanItems(db: Executor, conditions: (SQL | undefined)[]): Promise<number> {
  // Reached only for a page past the end: the window count above is then unavailable.
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(planItems)
    .leftJoin(lead, eq(lead.id, planItems.leadOrgUnitId))
    .where(and(...conditions));
  return Number(row?.n ?? 0);
}

export async function getPlanItem(options: {
  db: Executor;
  itemId: string;
  today: string;
}): Promise<TPlanItem> {
  const { db, itemId, today } = options;
  const [row] = await selectItems(db, today).where(eq(planItems.id, itemId));
  if (!row) throw notFound(RESOURCE_NAMES.planItem);
  const cooperators = await loadCooperators(db, [itemId]);
  return presentItem(row, cooperators.get(itemId) ?? []);
}

export async function getPlanItemDetail(options: {
  db: Executor;
  itemId: string;
  today: string;
}): Promise<TPlanItemDetail> {
  const item = await getPlanItem(options);
  const { db, itemId } = options;
  const path = rowsOf<{ id: string; code: string; title: string }>(
    await db.execute(sql`
    with recursive ancestors(id, parent_id, code, title, depth) as (
      select p.id, p.parent_id, p.code, p.title, 1 from ${planItems} p
        where p.id = (select parent_id from ${planItems} where id = ${itemId})
      union all
      select p.id, p.parent_id, p.code, p.title, a.depth + 1 from ${planItems} p join ancestors a on p.id = a.parent_id
    ) select id, code, title from ancestors order by depth desc`),
  );
  const [children] = await db
    .select({ n: sql<number>`count(*)` })
    .from(planItems)
    .where(and(eq(planItems.parentId, itemId), isNull(planItems.archivedAt)));
  return {
    ...item,
    path: path.map(({ id, code, title }) => ({ id, code, title })),
    childCount: Number(children?.n ?? 0),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every uuid among a change's values (parentId, leadOrgUnitId, cooperatorIds…). */
function idsIn(value: unknown, into: Set<string>) {
  if (typeof value === 'string' && UUID.test(value)) into.add(value);
  else if (Array.isArray(value)) for (const v of value) idsIn(v, into);
}

/**
 * A task's history as people read it: progress carried by an accepted report names the report
 * (its period and unit, for a link) instead of carrying its id among the changed fields, and every
 * org unit or plan item id among the values comes with its name.
 */
export async function getPlanItemHistory(options: {
  db: Executor;
  itemId: string;
}): Promise<TPlanItemHistory> {
  const { db } = options;
  const rows = await db
    .select()
    .from(planItemChanges)
    .where(eq(planItemChanges.itemId, options.itemId))
    .orderBy(desc(planItemChanges.changedAt), desc(planItemChanges.id));
  const changes = rows.map((r) => {
    const after = (r.after as Record<string, unknown> | null) ?? null;
    // reports/service.ts writes { progress, fromReport: reportId } for progress from an accepted report
    const { fromReport, ...fields } = after ?? {};
    return {
      id: r.id,
      action: r.action,
      actor: r.actor,
      changedAt: new Date(r.changedAt).toISOString(),
      before: (r.before as Record<string, unknown> | null) ?? null,
      after: after && fields,
      fromReport: typeof fromReport === 'string' && UUID.test(fromReport) ? fromReport : null,
    };
  });
  const reportIds = [...new Set(changes.flatMap((c) => (c.fromReport ? [c.fromReport] : [])))];
  const sources = new Map<string, TChangeSource>();
  if (reportIds.length) {
    const found = rowsOf<{ id: string; period: string; unit_name: string }>(
      await db.execute(sql`select r.id, rd.period, o.name as unit_name
        from reports r join rounds rd on rd.id = r.round_id join org_units o on o.id = r.org_unit_id
        where r.id = any(${sql.param(reportIds)}::uuid[])`),
    );
    for (const r of found) {
      sources.set(r.id, {
        reportId: r.id,
        period: r.period,
        periodLabel: periodInSentence(r.period),
        orgUnitName: r.unit_name,
      });
    }
  }
  const ids = new Set<string>();
  for (const c of changes)
    for (const v of [...Object.values(c.before ?? {}), ...Object.values(c.after ?? {})]) idsIn(v, ids);
  const names: Record<string, string> = {};
  if (ids.size) {
    const found = rowsOf<{ id: string; name: string }>(
      await db.execute(sql`select id::text, coalesce(short_name, name) as name from org_units
          where id = any(${sql.param([...ids])}::uuid[])
        union all
        select id::text, code || ' ' || title from plan_items where id = any(${sql.param([...ids])}::uuid[])`),
    );
    for (const r of found) names[r.id] = r.name;
  }
  return {
    items: changes.map(({ fromReport, ...c }) => ({
      ...c,
      source: fromReport ? (sources.get(fromReport) ?? null) : null,
    })),
    names,
  };
}

/**
 * A group's status from the tasks below it: done (or done late) when all are; otherwise the most
 * urgent of overdue, at risk; in progress once anything has moved; else not started.
 */
export function groupStatus(counts: Partial<Record<ItemStatus, number>>, taskCount: number): ItemStatus {
  const n = (s: ItemStatus) => counts[s] ?? 0;
  if (n('done') + n('done_late') === taskCount) return n('done_late') > 0 ? 'done_late' : 'done';
  if (n('overdue') > 0) return 'overdue';
  if (n('at_risk') > 0) return 'at_risk';
  if (n('in_progress') + n('done') + n('done_late') > 0) return 'in_progress';
  return 'not_started';
}

/** The whole plan as a tree, with status counts of the tasks under each group, from one query. */
export async function getPlanTree(options: {
  db: Executor;
  planId: string;
  scope: ReadScope;
  today: string;
}): Promise<TPlanTree> {
  const { db, planId, scope, today } = options;
  const rows = await selectItems(db, today)
    .where(and(eq(planItems.planId, planId), isNull(planItems.archivedAt), planItemScopeCondition(scope)))
    .orderBy(asc(planItems.codeSortKey));
  const nodes = new Map<string, TPlanTreeNode>();
  for (const r of rows) {
    nodes.set(r.id, {
      id: r.id,
      parentId: r.parentId,
      kind: r.kind,
      code: r.code,
      title: r.title,
      status: r.status,
      progress: r.progress,
      deadline: r.deadline,
      lead: r.leadId
        ? { id: r.leadId, code: r.leadCode!, name: r.leadName!, shortName: r.leadShortName }
        : null,
      statusCounts: {},
      taskCount: 0,
      children: [],
    });
  }
  const roots: TPlanTreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const weights = new Map(rows.map((r) => [r.id, Number(r.weight)]));
  /** Counts the tasks below a node; returns their summed weight and weight × progress. */
  const rollUp = (node: TPlanTreeNode): { weight: number; weighted: number } => {
    let weight = 0;
    let weighted = 0;
    for (const child of node.children) {
      const below = rollUp(child);
      weight += below.weight;
      weighted += below.weighted;
      if (child.kind !== 'group') {
        const w = weights.get(child.id) ?? 1;
        weight += w;
        weighted += w * child.progress;
        node.taskCount += 1;
        node.statusCounts[child.status] = (node.statusCounts[child.status] ?? 0) + 1;
      }
      node.taskCount += child.taskCount;
      for (const [s, n] of Object.entries(child.statusCounts) as [ItemStatus, number][]) {
        node.statusCounts[s] = (node.statusCounts[s] ?? 0) + n;
      }
    }
    if (node.kind === 'group' && node.taskCount > 0) {
      node.progress = weight > 0 ? Math.round(weighted / weight) : 0;
      node.status = groupStatus(node.statusCounts, node.taskCount);
    }
    return { weight, weighted };
  };
  roots.forEach(rollUp);
  // A reader limited to some units sees only the headings above their own tasks.
  const prune = (list: TPlanTreeNode[]): TPlanTreeNode[] =>
    list
      .filter((n) => n.kind !== 'group' || n.taskCount > 0)
      .map((n) => ({ ...n, children: prune(n.children) }));
  return { planId, asOf: today, roots: scope.all ? roots : prune(roots) };
}
