import { and, asc, desc, eq, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type {
  TCatalogueAttainment,
  TIndicator,
  TIndicatorListItem,
  TListIndicatorsQuery,
} from '../../../common/contracts/indicators';
import type { Executor } from '../../db/client';
import { searchConditions } from '../../db/search';
import { notFound, RESOURCE_NAMES } from '../../errors/app-error';
import { type Actor, can } from '../../policy';
import { getAssessments } from '../analytics/performance';
import { getDataVersion } from '../dashboard/queries/data-version';
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
    countsUnits: i.countsUnits,
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

/** Whose figures the catalogue's statuses are: a unit (the province) in a year, as of a day. */
export interface AttainmentBasis {
  orgUnitId: string;
  year: number;
  today: string;
}

export async function listIndicators(options: {
  db: Executor;
  query: TListIndicatorsQuery;
  /** null or absent: the caller may not read the figures, so no statuses (a status filter finds nothing) */
  attainment?: AttainmentBasis | null;
}): Promise<{ items: TIndicatorListItem[]; total: number }> {
  const { db, query, attainment = null } = options;
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
  const offset = (query.page - 1) * query.pageSize;
  // The status is computed, not stored: filtering by it judges every matching indicator (in a few
  // batched reads, analytics/performance.ts getAssessments), then pages here.
  const byStatus = query.attainment !== undefined && query.attainment.length > 0;
  if (byStatus && !attainment) return { items: [], total: 0 };
  const ordered = selectIndicators(db)
    .where(and(...conditions))
    // byte order, the same on PGlite and PostgreSQL whatever the server's collation
    .orderBy(dir(sql`${indicators.code} collate "C"`));
  let rows = byStatus ? await ordered : await ordered.limit(query.pageSize).offset(offset);
  let total = Number(rows[0]?.total ?? 0);
  const statuses =
    attainment && (byStatus || query.withAttainment)
      ? await catalogueAttainments(
          db,
          rows.map((r) => r.indicator.code),
          attainment,
        )
      : new Map<string, TCatalogueAttainment>();
  if (byStatus) {
    const wanted = new Set<string>(query.attainment);
    rows = rows.filter((r) => wanted.has(statuses.get(r.indicator.code)?.status ?? ''));
    total = rows.length;
    rows = rows.slice(offset, offset + query.pageSize);
  }
  const links = await planItemIdsOf(
    db,
    rows.map((r) => r.indicator.id),
  );
  return {
    items: rows.map((r) => ({
      ...presentIndicator(r, links.get(r.indicator.id)!),
      attainment: statuses.get(r.indicator.code) ?? null,
    })),
    total,
  };
}

/**
 * The catalogue's statuses are the province's this year (its targets are the province's): given to
 * those who may read the province's figures, to no one else.
 */
export async function attainmentBasis(
  db: Executor,
  actor: Actor,
  today: string,
): Promise<AttainmentBasis | null> {
  const [root] = await db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(isNull(orgUnits.parentId))
    .orderBy(asc(orgUnits.createdAt))
    .limit(1);
  if (!root || !can(actor, 'read', { type: 'data_value', orgUnitIds: [root.id] })) return null;
  return { orgUnitId: root.id, year: Number(today.slice(0, 4)), today };
}

/** The catalogue's statuses per data version: a few entries, the oldest dropped first. */
const memo = new Map<string, Promise<Map<string, TCatalogueAttainment>>>();
const MEMO_ENTRIES = 8;

/**
 * Every indicator's status, computed once per version of the figures (dashboard getDataVersion:
 * value revisions, catalogue and unit edits) and day, then shared: a value written a moment ago
 * changes the version, so the next read recomputes — no cache to invalidate.
 */
async function catalogueAttainments(
  db: Executor,
  codes: string[],
  basis: AttainmentBasis,
): Promise<Map<string, TCatalogueAttainment>> {
  const { values: version } = await getDataVersion(db);
  const key = [version, basis.today, basis.orgUnitId, basis.year].join('|');
  let all = memo.get(key);
  if (!all) {
    all = assessAll(db, basis);
    memo.set(key, all);
    all.catch(() => memo.delete(key));
    while (memo.size > MEMO_ENTRIES) memo.delete(memo.keys().next().value!);
  }
  const statuses = await all;
  return new Map(codes.flatMap((code) => (statuses.has(code) ? [[code, statuses.get(code)!]] : [])));
}

async function assessAll(db: Executor, basis: AttainmentBasis): Promise<Map<string, TCatalogueAttainment>> {
  const codes = (await db.select({ code: indicators.code }).from(indicators)).map((r) => r.code);
  const assessed = await getAssessments(db, { codes, ...basis });
  return new Map(
    [...assessed].map(([code, a]) => [
      code,
      { status: a.attainment.status, year: basis.year, yearEnd: a.forecast.yearEnd?.value ?? null },
    ]),
  );
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
