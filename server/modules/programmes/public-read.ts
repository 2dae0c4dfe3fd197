/**
 * What the public portal may read of programmes, support policies and budget lines: only records
 * the secretariat marked public and did not archive, and only their non-personal fields (no notes,
 * no users, no internal flags). The portal's publishing step (server/modules/publishing) snapshots
 * this; nothing else outside the module reads these tables for the public.
 *
 * Rules: a programme is public when `is_public` and not archived. A policy is public when
 * `is_public` and not archived; it names its programme only when that programme is public too. A
 * budget line is public when `is_public` and, if it belongs to a programme, that programme is
 * public; a line's plan task is named whether or not the task is published elsewhere (the plan
 * itself is a public document).
 */
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type {
  FundingSource,
  PolicyStatus,
  ProgrammeStatus,
  PublicBudgetLine,
  PublicCatalogue,
  PublicPolicy,
  PublicProgramme,
} from '../../../common/contracts/programmes';
import type { Executor } from '../../db/client';
import { orgUnits } from '../org-units/tables';
import { planItems } from '../plan-items/tables';
import { budgetLines, programmePlanItems, programmes, supportPolicies } from './tables';

export type { PublicBudgetLine, PublicCatalogue, PublicPolicy, PublicProgramme };

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

const publicProgramme = and(eq(programmes.isPublic, true), isNull(programmes.archivedAt));

async function readProgrammes(db: Executor): Promise<PublicProgramme[]> {
  const rows = await db
    .select({
      id: programmes.id,
      code: programmes.code,
      name: programmes.name,
      legalBasisNumber: programmes.legalBasisNumber,
      legalBasisDate: programmes.legalBasisDate,
      legalBasisIssuer: programmes.legalBasisIssuer,
      ownerCode: orgUnits.code,
      ownerName: orgUnits.name,
      fromYear: programmes.fromYear,
      toYear: programmes.toYear,
      description: programmes.description,
      status: programmes.status,
      updatedAt: programmes.updatedAt,
    })
    .from(programmes)
    .leftJoin(orgUnits, eq(orgUnits.id, programmes.ownerOrgUnitId))
    .where(publicProgramme)
    .orderBy(asc(programmes.code));
  const ids = rows.map((r) => r.id);
  const links = ids.length
    ? await db
        .select({
          programmeId: programmePlanItems.programmeId,
          id: planItems.id,
          planId: planItems.planId,
          code: planItems.code,
          title: planItems.title,
        })
        .from(programmePlanItems)
        .innerJoin(planItems, eq(planItems.id, programmePlanItems.planItemId))
        .where(and(inArray(programmePlanItems.programmeId, ids), isNull(planItems.archivedAt)))
        .orderBy(asc(planItems.codeSortKey))
    : [];
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    legalBasis: { number: r.legalBasisNumber, date: r.legalBasisDate, issuer: r.legalBasisIssuer },
    ownerUnit: r.ownerCode && r.ownerName ? { code: r.ownerCode, name: r.ownerName } : null,
    planItems: links
      .filter((l) => l.programmeId === r.id)
      .map(({ id, planId, code, title }) => ({ id, planId, code, title })),
    fromYear: r.fromYear,
    toYear: r.toYear,
    description: r.description,
    status: r.status as ProgrammeStatus,
    updatedAt: iso(r.updatedAt),
  }));
}

async function readPolicies(db: Executor): Promise<PublicPolicy[]> {
  const rows = await db
    .select({
      id: supportPolicies.id,
      name: supportPolicies.name,
      legalBasisNumber: supportPolicies.legalBasisNumber,
      legalBasisDate: supportPolicies.legalBasisDate,
      legalBasisIssuer: supportPolicies.legalBasisIssuer,
      eligibility: supportPolicies.eligibility,
      supportLevel: supportPolicies.supportLevel,
      maxAmount: supportPolicies.maxAmount,
      maxPercent: supportPolicies.maxPercent,
      howToApply: supportPolicies.howToApply,
      applyAt: supportPolicies.applyAt,
      deadline: supportPolicies.deadline,
      contactOffice: supportPolicies.contactOffice,
      contactPhone: supportPolicies.contactPhone,
      contactEmail: supportPolicies.contactEmail,
      status: supportPolicies.status,
      programmeId: sql<string | null>`case when ${publicProgramme} then ${programmes.id} end`,
      ownerCode: orgUnits.code,
      ownerName: orgUnits.name,
      searchText: supportPolicies.searchText,
      updatedAt: supportPolicies.updatedAt,
    })
    .from(supportPolicies)
    .leftJoin(programmes, eq(programmes.id, supportPolicies.programmeId))
    .leftJoin(orgUnits, eq(orgUnits.id, supportPolicies.ownerOrgUnitId))
    .where(and(eq(supportPolicies.isPublic, true), isNull(supportPolicies.archivedAt)))
    .orderBy(sql`${supportPolicies.nameSortKey} collate "C"`);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    legalBasis: { number: r.legalBasisNumber, date: r.legalBasisDate, issuer: r.legalBasisIssuer },
    eligibility: r.eligibility,
    supportLevel: r.supportLevel,
    maxAmount: r.maxAmount,
    maxPercent: r.maxPercent,
    howToApply: r.howToApply,
    applyAt: r.applyAt,
    deadline: r.deadline,
    contact: { office: r.contactOffice, phone: r.contactPhone, email: r.contactEmail },
    status: r.status as PolicyStatus,
    programmeId: r.programmeId ?? null,
    ownerUnit: r.ownerCode && r.ownerName ? { code: r.ownerCode, name: r.ownerName } : null,
    searchText: r.searchText ?? '',
    updatedAt: iso(r.updatedAt),
  }));
}

async function readBudgetLines(db: Executor): Promise<PublicBudgetLine[]> {
  const rows = await db
    .select({
      id: budgetLines.id,
      programmeId: budgetLines.programmeId,
      itemId: planItems.id,
      itemPlanId: planItems.planId,
      itemCode: planItems.code,
      itemTitle: planItems.title,
      year: budgetLines.year,
      source: budgetLines.source,
      allocated: budgetLines.allocated,
      disbursed: budgetLines.disbursed,
    })
    .from(budgetLines)
    .leftJoin(programmes, eq(programmes.id, budgetLines.programmeId))
    .leftJoin(planItems, eq(planItems.id, budgetLines.planItemId))
    .where(and(eq(budgetLines.isPublic, true), or(isNull(budgetLines.programmeId), publicProgramme)))
    .orderBy(
      asc(programmes.code),
      asc(planItems.codeSortKey),
      asc(budgetLines.year),
      asc(budgetLines.source),
    );
  return rows.map((r) => ({
    id: r.id,
    programmeId: r.programmeId,
    planItem:
      r.itemId && r.itemPlanId && r.itemCode && r.itemTitle
        ? { id: r.itemId, planId: r.itemPlanId, code: r.itemCode, title: r.itemTitle }
        : null,
    year: r.year,
    source: r.source as FundingSource,
    allocated: Number(r.allocated),
    disbursed: Number(r.disbursed),
  }));
}

/**
 * Everything the public may see of the catalogue, in a stable order (programmes by code, policies
 * alphabetically, budget lines by programme, task, year, source). Pass a transaction to read it as
 * one snapshot.
 */
export async function listPublicCatalogue(db: Executor): Promise<PublicCatalogue> {
  const programmeRows = await readProgrammes(db);
  const policies = await readPolicies(db);
  const lines = await readBudgetLines(db);
  return { programmes: programmeRows, policies, budgetLines: lines };
}
