import { and, asc, desc, eq, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TIndicator, TListIndicatorsQuery } from '../../../common/contracts/indicators';
import type { Executor } from '../../db/client';
import { searchConditions } from '../../db/search';
import { notFound, RESOURCE_NAMES } from '../../errors/app-error';
import { orgUnits } from '../org-units/tables';
import { planItems } from '../plan-items/tables';
import { indicatorPlanItems, indicators } from './tables';

const weight = alias(indicators, 'weight_indicator');
const notAbove = alias(indicators, 'not_above_indicator');

const columns = {
  indicator: indicators,
  weight: { id: weight.id, code: weight.code, name: weight.name },
  notAbove: { id: notAbove.id, code: notAbove.code, name: notAbove.name },
  responsible: { id: orgUnits.id, code: orgUnits.code, name: orgUnits.name, shortName: orgUnits.shortName },
  /** rows matching the filters, before paging */
  total: sql<number>`count(*) over ()`,
};

/** Indicators with the indicators they refer to and their responsible unit. */
const selectIndicators = (db: Executor) =>
  db
    .select(columns)
    .from(indicators)
    .leftJoin(weight, eq(weight.id, indicators.weightIndicatorId))
    .leftJoin(notAbove, eq(notAbove.id, indicators.ruleNotAboveId))
    .leftJoin(orgUnits, eq(orgUnits.id, indicators.responsibleOrgUnitId));

type Row = Awaited<ReturnType<typeof selectIndicators>>[number];

const toNumber = (value: string | null): number | null => (value === null ? null : Number(value));

function presentIndicator(row: Row, planItemIds: string[]): TIndicator {
  const i = row.indicator;
  return {
    id: i.id,
    code: i.code,
    name: i.name,
    nameEn: i.nameEn,
    definition: i.definition,
    unit: i.unit,
    valueType: i.valueType,
    direction: i.direction,
    aggregation: i.aggregation,
    weightIndicator: row.weight,
    timeAggregation: i.timeAggregation,
    formula: i.formula,
    frequency: i.frequency,
    reportedBy: i.reportedBy,
    responsibleOrgUnit: row.responsible,
    baseline:
      i.baselineYear !== null && i.baselineValue !== null
        ? { year: i.baselineYear, value: Number(i.baselineValue) }
        : null,
    targets: i.targets,
    rules: {
      min: toNumber(i.ruleMin),
      max: toNumber(i.ruleMax),
      integer: i.ruleInteger,
      notAbove: row.notAbove,
      commentWhenOffTarget: i.ruleCommentWhenOffTarget,
    },
    planItemIds,
    archived: i.archivedAt !== null,
    version: i.version,
  };
}

/** Linked plan items per indicator, in outline order, in one query. */
async function planItemIdsOf(db: Executor, indicatorIds: string[]): Promise<Map<string, string[]>> {
  const links = new Map<string, string[]>(indicatorIds.map((id) => [id, []]));
  if (indicatorIds.length === 0) return links;
  const rows = await db
    .select({ indicatorId: indicatorPlanItems.indicatorId, planItemId: indicatorPlanItems.planItemId })
    .from(indicatorPlanItems)
    .innerJoin(planItems, eq(planItems.id, indicatorPlanItems.planItemId))
    .where(inArray(indicatorPlanItems.indicatorId, indicatorIds))
    .orderBy(asc(planItems.codeSortKey), asc(planItems.id));
  for (const r of rows) links.get(r.indicatorId)!.push(r.planItemId);
  return links;
}

export async function getIndicator(options: { db: Executor; indicatorId: string }): Promise<TIndicator> {
  const { db, indicatorId } = options;
  const [row] = await selectIndicators(db).where(eq(indicators.id, indicatorId));
  if (!row) throw notFound(RESOURCE_NAMES.indicator);
  const links = await planItemIdsOf(db, [indicatorId]);
  return presentIndicator(row, links.get(indicatorId)!);
}

export async function listIndicators(options: {
  db: Executor;
  query: TListIndicatorsQuery;
}): Promise<{ items: TIndicator[]; total: number }> {
  const { db, query } = options;
  const dir = query.order === 'desc' ? desc : asc;
  const conditions: (SQL | undefined)[] = [
    query.includeArchived ? undefined : isNull(indicators.archivedAt),
    query.frequency?.length ? inArray(indicators.frequency, query.frequency) : undefined,
    query.reportedBy
      ? sql`${indicators.reportedBy} @> ${JSON.stringify([query.reportedBy])}::jsonb`
      : undefined,
    query.computed === undefined
      ? undefined
      : query.computed
        ? isNotNull(indicators.formula)
        : isNull(indicators.formula),
    ...searchConditions(indicators.searchText, query.q),
  ];
  const rows = await selectIndicators(db)
    .where(and(...conditions))
    // byte order, the same on PGlite and PostgreSQL whatever the server's collation
    .orderBy(dir(sql`${indicators.code} collate "C"`))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const links = await planItemIdsOf(
    db,
    rows.map((r) => r.indicator.id),
  );
  return {
    items: rows.map((r) => presentIndicator(r, links.get(r.indicator.id)!)),
    total: Number(rows[0]?.total ?? 0),
  };
}

/**
 * The unit an indicator belongs to, for the policy: its responsible unit; an indicator without
 * one belongs to the whole province, so only province-wide roles manage it ([]).
 */
export async function indicatorOwners(db: Executor, indicatorId: string): Promise<readonly string[]> {
  const [row] = await db
    .select({ responsible: indicators.responsibleOrgUnitId })
    .from(indicators)
    .where(eq(indicators.id, indicatorId));
  if (!row) throw notFound(RESOURCE_NAMES.indicator);
  return row.responsible ? [row.responsible] : [];
}
