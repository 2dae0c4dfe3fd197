/**
 * Reading programmes, support policies and budget lines for signed-in users, narrowed by the read
 * scope of the policy (server/policy): a record belongs to its owner unit (a budget line to its
 * programme's owner, else to its task's lead unit); one without an owner is the province's and
 * only province-wide roles see it.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type {
  FundingSource,
  TBudgetLine,
  TBudgetTotals,
  TListBudgetLinesQuery,
  TListPoliciesQuery,
  TListProgrammesQuery,
  TPolicy,
  TProgramme,
} from '../../../common/contracts/programmes';
import type { Executor } from '../../db/client';
import { searchConditions } from '../../db/search';
import { notFound } from '../../errors/app-error';
import type { ReadScope } from '../../policy';
import { orgUnits } from '../org-units/tables';
import { planItems } from '../plan-items/tables';
import { budgetLines, programmePlanItems, programmes, supportPolicies } from './tables';

export const NAMES = {
  programme: { vi: 'chương trình', en: 'programme' },
  policy: { vi: 'chính sách hỗ trợ', en: 'support policy' },
  budgetLine: { vi: 'dòng ngân sách', en: 'budget line' },
};

/** Rows whose owner column lies in the scope (null owners: only for a province-wide scope). */
export function inScope(owner: PgColumn | SQL, scope: ReadScope): SQL | undefined {
  if (scope.all) return undefined;
  if (scope.orgUnitIds.length === 0) return sql`false`;
  return sql`${owner} = any(${sql.param(scope.orgUnitIds)}::uuid[])`;
}

const unitRef = { id: orgUnits.id, code: orgUnits.code, name: orgUnits.name, shortName: orgUnits.shortName };
const iso = (d: Date) => d.toISOString();

// ---------------------------------------------------------------- programmes

/** Sums of a programme's budget lines, all years and sources. */
const programmeTotals = {
  allocated: sql<string>`coalesce((select sum(b.allocated) from budget_lines b where b.programme_id = ${programmes.id}), 0)`,
  disbursed: sql<string>`coalesce((select sum(b.disbursed) from budget_lines b where b.programme_id = ${programmes.id}), 0)`,
};

const selectProgrammes = (db: Executor) =>
  db
    .select({
      programme: programmes,
      owner: unitRef,
      ...programmeTotals,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(programmes)
    .leftJoin(orgUnits, eq(orgUnits.id, programmes.ownerOrgUnitId));

type ProgrammeRow = Awaited<ReturnType<typeof selectProgrammes>>[number];

async function linkedItems(db: Executor, programmeIds: string[]) {
  if (programmeIds.length === 0) return new Map<string, TProgramme['planItems']>();
  const rows = await db
    .select({
      programmeId: programmePlanItems.programmeId,
      id: planItems.id,
      code: planItems.code,
      title: planItems.title,
    })
    .from(programmePlanItems)
    .innerJoin(planItems, eq(planItems.id, programmePlanItems.planItemId))
    .where(inArray(programmePlanItems.programmeId, programmeIds))
    .orderBy(asc(planItems.codeSortKey));
  const byProgramme = new Map<string, TProgramme['planItems']>();
  for (const { programmeId, ...item } of rows) {
    byProgramme.set(programmeId, [...(byProgramme.get(programmeId) ?? []), item]);
  }
  return byProgramme;
}

function presentProgramme(row: ProgrammeRow, items: TProgramme['planItems']): TProgramme {
  const p = row.programme;
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    legalBasis: { number: p.legalBasisNumber, date: p.legalBasisDate, issuer: p.legalBasisIssuer },
    ownerOrgUnit: row.owner,
    planItems: items,
    fromYear: p.fromYear,
    toYear: p.toYear,
    description: p.description,
    status: p.status,
    isPublic: p.isPublic,
    archived: p.archivedAt !== null,
    allocated: Number(row.allocated),
    disbursed: Number(row.disbursed),
    version: p.version,
    updatedAt: iso(p.updatedAt),
  };
}

export async function listProgrammes(
  db: Executor,
  query: TListProgrammesQuery,
  scope: ReadScope,
): Promise<{ items: TProgramme[]; total: number }> {
  const where = and(
    inScope(programmes.ownerOrgUnitId, scope),
    query.archived ? isNotNull(programmes.archivedAt) : isNull(programmes.archivedAt),
    query.status ? eq(programmes.status, query.status) : undefined,
    query.isPublic === undefined ? undefined : eq(programmes.isPublic, query.isPublic),
    ...searchConditions(programmes.searchText, query.q),
  );
  const rows = await selectProgrammes(db)
    .where(where)
    .orderBy(query.order === 'desc' ? desc(programmes.code) : asc(programmes.code))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const items = await linkedItems(
    db,
    rows.map((r) => r.programme.id),
  );
  return {
    items: rows.map((r) => presentProgramme(r, items.get(r.programme.id) ?? [])),
    total: rows[0]?.total ?? 0,
  };
}

/** One programme the scope reaches, else 404 (another unit's record is not revealed). */
export async function getProgramme(db: Executor, programmeId: string, scope: ReadScope): Promise<TProgramme> {
  const [row] = await selectProgrammes(db).where(
    and(eq(programmes.id, programmeId), inScope(programmes.ownerOrgUnitId, scope)),
  );
  if (!row) throw notFound(NAMES.programme);
  const items = await linkedItems(db, [programmeId]);
  return presentProgramme(row, items.get(programmeId) ?? []);
}

/** The unit owning a record, for the policy: `[]` for none found (the policy answers 404). */
const owners = (row: { owner: string | null } | undefined) =>
  row === undefined ? [] : row.owner === null ? ('province' as const) : [row.owner];

export type Owners = string[] | 'province';

export async function programmeOwners(db: Executor, programmeId: string): Promise<Owners | null> {
  const [row] = await db
    .select({ owner: programmes.ownerOrgUnitId })
    .from(programmes)
    .where(eq(programmes.id, programmeId));
  return row ? owners(row) : null;
}

// ---------------------------------------------------------------- support policies

const selectPolicies = (db: Executor) =>
  db
    .select({
      policy: supportPolicies,
      owner: unitRef,
      programme: { id: programmes.id, code: programmes.code, name: programmes.name },
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(supportPolicies)
    .leftJoin(orgUnits, eq(orgUnits.id, supportPolicies.ownerOrgUnitId))
    .leftJoin(programmes, eq(programmes.id, supportPolicies.programmeId));

type PolicyRow = Awaited<ReturnType<typeof selectPolicies>>[number];

function presentPolicy(row: PolicyRow): TPolicy {
  const p = row.policy;
  return {
    id: p.id,
    name: p.name,
    legalBasis: { number: p.legalBasisNumber, date: p.legalBasisDate, issuer: p.legalBasisIssuer },
    eligibility: p.eligibility,
    supportLevel: p.supportLevel,
    maxAmount: p.maxAmount,
    maxPercent: p.maxPercent,
    howToApply: p.howToApply,
    applyAt: p.applyAt,
    deadline: p.deadline,
    contact: { office: p.contactOffice, phone: p.contactPhone, email: p.contactEmail },
    status: p.status,
    programme: row.programme,
    ownerOrgUnit: row.owner,
    isPublic: p.isPublic,
    archived: p.archivedAt !== null,
    version: p.version,
    updatedAt: iso(p.updatedAt),
  };
}

export async function listPolicies(
  db: Executor,
  query: TListPoliciesQuery,
  scope: ReadScope,
): Promise<{ items: TPolicy[]; total: number }> {
  const where = and(
    inScope(supportPolicies.ownerOrgUnitId, scope),
    query.archived ? isNotNull(supportPolicies.archivedAt) : isNull(supportPolicies.archivedAt),
    query.status ? eq(supportPolicies.status, query.status) : undefined,
    query.programmeId ? eq(supportPolicies.programmeId, query.programmeId) : undefined,
    query.isPublic === undefined ? undefined : eq(supportPolicies.isPublic, query.isPublic),
    ...searchConditions(supportPolicies.searchText, query.q),
  );
  const order = sql`${supportPolicies.nameSortKey} collate "C"`;
  const rows = await selectPolicies(db)
    .where(where)
    .orderBy(query.order === 'desc' ? desc(order) : asc(order))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { items: rows.map(presentPolicy), total: rows[0]?.total ?? 0 };
}

export async function getPolicy(db: Executor, policyId: string, scope: ReadScope): Promise<TPolicy> {
  const [row] = await selectPolicies(db).where(
    and(eq(supportPolicies.id, policyId), inScope(supportPolicies.ownerOrgUnitId, scope)),
  );
  if (!row) throw notFound(NAMES.policy);
  return presentPolicy(row);
}

export async function policyOwners(db: Executor, policyId: string): Promise<Owners | null> {
  const [row] = await db
    .select({ owner: supportPolicies.ownerOrgUnitId })
    .from(supportPolicies)
    .where(eq(supportPolicies.id, policyId));
  return row ? owners(row) : null;
}

// ---------------------------------------------------------------- budget lines

/** A line belongs to its programme's owner, else to its task's lead unit. */
export const budgetLineOwner = sql<
  string | null
>`coalesce(${programmes.ownerOrgUnitId}, case when ${budgetLines.programmeId} is null then ${planItems.leadOrgUnitId} end)`;

const selectLines = (db: Executor) =>
  db
    .select({
      line: budgetLines,
      programme: { id: programmes.id, code: programmes.code, name: programmes.name },
      planItem: { id: planItems.id, code: planItems.code, title: planItems.title },
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(budgetLines)
    .leftJoin(programmes, eq(programmes.id, budgetLines.programmeId))
    .leftJoin(planItems, eq(planItems.id, budgetLines.planItemId));

type LineRow = Awaited<ReturnType<typeof selectLines>>[number];

function presentLine(row: LineRow): TBudgetLine {
  const l = row.line;
  return {
    id: l.id,
    programme: row.programme,
    planItem: row.planItem,
    year: l.year,
    source: l.source,
    allocated: l.allocated,
    disbursed: l.disbursed,
    overDisbursed: l.disbursed > l.allocated,
    note: l.note,
    isPublic: l.isPublic,
    version: l.version,
  };
}

function lineFilters(query: TListBudgetLinesQuery, scope: ReadScope) {
  return and(
    inScope(budgetLineOwner, scope),
    query.programmeId ? eq(budgetLines.programmeId, query.programmeId) : undefined,
    query.planItemId ? eq(budgetLines.planItemId, query.planItemId) : undefined,
    query.year ? eq(budgetLines.year, query.year) : undefined,
    query.source ? eq(budgetLines.source, query.source) : undefined,
  );
}

async function lineTotals(db: Executor, where: SQL | undefined): Promise<TBudgetTotals> {
  const grouped = await db
    .select({
      year: budgetLines.year,
      source: budgetLines.source,
      allocated: sql<string>`sum(${budgetLines.allocated})`,
      disbursed: sql<string>`sum(${budgetLines.disbursed})`,
    })
    .from(budgetLines)
    .leftJoin(programmes, eq(programmes.id, budgetLines.programmeId))
    .leftJoin(planItems, eq(planItems.id, budgetLines.planItemId))
    .where(where)
    .groupBy(budgetLines.year, budgetLines.source);
  const byYear = new Map<number, { allocated: number; disbursed: number }>();
  const bySource = new Map<FundingSource, { allocated: number; disbursed: number }>();
  let allocated = 0;
  let disbursed = 0;
  for (const g of grouped) {
    const a = Number(g.allocated);
    const d = Number(g.disbursed);
    allocated += a;
    disbursed += d;
    const y = byYear.get(g.year) ?? { allocated: 0, disbursed: 0 };
    byYear.set(g.year, { allocated: y.allocated + a, disbursed: y.disbursed + d });
    const s = bySource.get(g.source) ?? { allocated: 0, disbursed: 0 };
    bySource.set(g.source, { allocated: s.allocated + a, disbursed: s.disbursed + d });
  }
  return {
    allocated,
    disbursed,
    byYear: [...byYear].sort(([a], [b]) => a - b).map(([year, v]) => ({ year, ...v })),
    bySource: [...bySource].map(([source, v]) => ({ source, ...v })),
  };
}

export async function listBudgetLines(db: Executor, query: TListBudgetLinesQuery, scope: ReadScope) {
  const where = lineFilters(query, scope);
  const rows = await selectLines(db)
    .where(where)
    .orderBy(
      asc(programmes.code),
      asc(planItems.codeSortKey),
      query.order === 'desc' ? desc(budgetLines.year) : asc(budgetLines.year),
      asc(budgetLines.source),
    )
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return {
    items: rows.map(presentLine),
    total: rows[0]?.total ?? 0,
    totals: await lineTotals(db, where),
  };
}

export async function getBudgetLine(db: Executor, lineId: string, scope: ReadScope): Promise<TBudgetLine> {
  const [row] = await selectLines(db).where(and(eq(budgetLines.id, lineId), inScope(budgetLineOwner, scope)));
  if (!row) throw notFound(NAMES.budgetLine);
  return presentLine(row);
}

export async function budgetLineOwners(db: Executor, lineId: string): Promise<Owners | null> {
  const [row] = await db
    .select({ owner: budgetLineOwner })
    .from(budgetLines)
    .leftJoin(programmes, eq(programmes.id, budgetLines.programmeId))
    .leftJoin(planItems, eq(planItems.id, budgetLines.planItemId))
    .where(eq(budgetLines.id, lineId));
  return row ? owners(row) : null;
}

/** The owner a new line would have: its programme's, else its task's lead unit. */
export async function targetOwners(
  db: Executor,
  target: { programmeId?: string | null; planItemId?: string | null },
): Promise<Owners | null> {
  if (target.programmeId) return programmeOwners(db, target.programmeId);
  if (target.planItemId) {
    const [row] = await db
      .select({ owner: planItems.leadOrgUnitId })
      .from(planItems)
      .where(eq(planItems.id, target.planItemId));
    return row ? owners(row) : null;
  }
  return null;
}
