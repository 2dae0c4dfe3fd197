import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { TListPlansQuery, TPlan } from '../../../common/contracts/plans';
import { ITEM_STATUSES, type ItemStatus } from '../../../common/enums';
import type { Executor } from '../../db/client';
import { searchConditions } from '../../db/search';
import { notFound, RESOURCE_NAMES } from '../../errors/app-error';
import type { ReadScope } from '../../policy';
import { planItemScopeCondition } from '../plan-items/scope';
import { itemStatusSql } from '../plan-items/status';
import { planItems } from '../plan-items/tables';
import { plans } from './tables';

type PlanRow = typeof plans.$inferSelect;

export async function assertPlanExists(db: Executor, planId: string): Promise<void> {
  const [row] = await db.select({ id: plans.id }).from(plans).where(eq(plans.id, planId));
  if (!row) throw notFound(RESOURCE_NAMES.plan);
}

/** Tasks and milestones of each plan by derived status, in one grouped query. */
async function statusCountsOf(db: Executor, planIds: string[], scope: ReadScope, today: string) {
  const counts = new Map<string, Record<ItemStatus, number>>();
  for (const id of planIds)
    counts.set(id, Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as Record<ItemStatus, number>);
  if (planIds.length === 0) return counts;
  const status = itemStatusSql(today);
  const rows = await db
    .select({ planId: planItems.planId, status, n: sql<number>`count(*)` })
    .from(planItems)
    .where(
      and(
        inArray(planItems.planId, planIds),
        isNull(planItems.archivedAt),
        inArray(planItems.kind, ['task', 'milestone']),
        planItemScopeCondition(scope),
      ),
    )
    .groupBy(planItems.planId, sql`2`); // by position: the status expression carries its own parameters
  for (const r of rows) counts.get(r.planId)![r.status] = Number(r.n);
  return counts;
}

function presentPlan(row: PlanRow, statusCounts: Record<ItemStatus, number>): TPlan {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    issuingBody: row.issuingBody,
    issueDate: row.issueDate,
    parentDocument: row.parentDocument,
    ownerOrgUnitId: row.ownerOrgUnitId,
    horizonStartYear: row.horizonStartYear,
    horizonEndYear: row.horizonEndYear,
    status: row.status,
    valueEntryWindow: row.valueEntryWindow,
    resubmitSkipsHead: row.resubmitSkipsHead,
    archived: row.archivedAt !== null,
    statusCounts,
    taskCount: Object.values(statusCounts).reduce((a, b) => a + b, 0),
    version: row.version,
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

export async function getPlan(options: {
  db: Executor;
  planId: string;
  /** counts cover only the items the reader may see */
  scope: ReadScope;
  today: string;
}): Promise<TPlan> {
  const { db, planId, scope, today } = options;
  const [row] = await db.select().from(plans).where(eq(plans.id, planId));
  if (!row) throw notFound(RESOURCE_NAMES.plan);
  const counts = await statusCountsOf(db, [planId], scope, today);
  return presentPlan(row, counts.get(planId)!);
}

export async function listPlans(options: {
  db: Executor;
  query: TListPlansQuery;
  scope: ReadScope;
  today: string;
}): Promise<{ items: TPlan[]; total: number }> {
  const { db, query, scope, today } = options;
  const conditions: (SQL | undefined)[] = [
    query.includeArchived ? undefined : isNull(plans.archivedAt),
    query.status ? eq(plans.status, query.status) : undefined,
    // every word, and the search synonyms, as in every other search
    ...searchConditions(sql`f_search(${plans.number} || ' ' || ${plans.title})`, query.q),
  ];
  const sortColumn =
    query.sort === 'title'
      ? sql`${plans.titleSortKey} collate "C"`
      : query.sort === 'number'
        ? plans.number
        : plans.issueDate;
  const rows = await db
    .select({ plan: plans, total: sql<number>`count(*) over ()` })
    .from(plans)
    .where(and(...conditions))
    // a plan without an issue date sorts last either way: "the newest plan" is never an undated draft
    .orderBy(
      query.order === 'desc' ? sql`${sortColumn} desc nulls last` : sql`${sortColumn} asc nulls last`,
      asc(plans.number),
    )
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const counts = await statusCountsOf(
    db,
    rows.map((r) => r.plan.id),
    scope,
    today,
  );
  return {
    items: rows.map((r) => presentPlan(r.plan, counts.get(r.plan.id)!)),
    total: Number(rows[0]?.total ?? 0),
  };
}
