import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  FUNDING_SOURCES,
  MAX_YEAR,
  MIN_YEAR,
  POLICY_STATUSES,
  PROGRAMME_STATUSES,
} from '../../../common/contracts/programmes';
import { inList } from '../../db/sql';
import { orgUnits } from '../org-units/tables';
import { planItems } from '../plan-items/tables';

/** A programme, scheme or project (chương trình, đề án, dự án) that funds tasks of the plan. */
export const programmes = pgTable(
  'programmes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    legalBasisNumber: text('legal_basis_number'),
    legalBasisDate: date('legal_basis_date'),
    legalBasisIssuer: text('legal_basis_issuer'),
    /** the unit in charge; null: the province's (only province-wide roles see it) */
    ownerOrgUnitId: uuid('owner_org_unit_id').references(() => orgUnits.id),
    fromYear: integer('from_year'),
    toYear: integer('to_year'),
    description: text('description'),
    status: text('status', { enum: PROGRAMME_STATUSES }).notNull().default('ongoing'),
    /** shown on the public portal (only what is public and not archived) */
    isPublic: boolean('is_public').notNull().default(false),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    nameSortKey: text('name_sort_key').generatedAlwaysAs(sql`vi_sort_key(name)`),
    searchText: text('search_text').generatedAlwaysAs(
      sql`f_search(code || ' ' || name || ' ' || coalesce(legal_basis_number, '') || ' ' || coalesce(description, ''))`,
    ),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('programmes_owner_idx').on(t.ownerOrgUnitId),
    index('programmes_search_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    check('programmes_status_check', sql`${t.status} in ${inList(PROGRAMME_STATUSES)}`),
    check(
      'programmes_years_check',
      sql`(${t.fromYear} is null or ${t.fromYear} between ${sql.raw(String(MIN_YEAR))} and ${sql.raw(String(MAX_YEAR))})
        and (${t.toYear} is null or ${t.toYear} between ${sql.raw(String(MIN_YEAR))} and ${sql.raw(String(MAX_YEAR))})
        and (${t.fromYear} is null or ${t.toYear} is null or ${t.fromYear} <= ${t.toYear})`,
    ),
  ],
);

/** The plan tasks a programme funds. */
export const programmePlanItems = pgTable(
  'programme_plan_items',
  {
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    planItemId: uuid('plan_item_id')
      .notNull()
      .references(() => planItems.id),
  },
  (t) => [
    primaryKey({ columns: [t.programmeId, t.planItemId] }),
    index('programme_plan_items_item_idx').on(t.planItemId),
  ],
);

/** A support policy (chính sách hỗ trợ) people and firms may apply for. */
export const supportPolicies = pgTable(
  'support_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    legalBasisNumber: text('legal_basis_number'),
    legalBasisDate: date('legal_basis_date'),
    legalBasisIssuer: text('legal_basis_issuer'),
    eligibility: text('eligibility').notNull(),
    supportLevel: text('support_level').notNull(),
    maxAmount: bigint('max_amount', { mode: 'number' }),
    maxPercent: numeric('max_percent', { precision: 5, scale: 2, mode: 'number' }),
    howToApply: text('how_to_apply'),
    applyAt: text('apply_at'),
    /** null: applications accepted at any time ("thường xuyên") */
    deadline: date('deadline'),
    /** an office's contact, never a person's */
    contactOffice: text('contact_office'),
    contactPhone: text('contact_phone'),
    contactEmail: text('contact_email'),
    status: text('status', { enum: POLICY_STATUSES }).notNull().default('active'),
    programmeId: uuid('programme_id').references(() => programmes.id),
    /** the unit that administers it; null: the province's */
    ownerOrgUnitId: uuid('owner_org_unit_id').references(() => orgUnits.id),
    isPublic: boolean('is_public').notNull().default(false),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    nameSortKey: text('name_sort_key').generatedAlwaysAs(sql`vi_sort_key(name)`),
    searchText: text('search_text').generatedAlwaysAs(
      sql`f_search(name || ' ' || eligibility || ' ' || support_level || ' ' || coalesce(legal_basis_number, '') || ' ' || coalesce(apply_at, ''))`,
    ),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('support_policies_name_unique').on(t.name),
    index('support_policies_programme_idx').on(t.programmeId),
    index('support_policies_owner_idx').on(t.ownerOrgUnitId),
    index('support_policies_search_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    check('support_policies_status_check', sql`${t.status} in ${inList(POLICY_STATUSES)}`),
    check('support_policies_amount_check', sql`${t.maxAmount} is null or ${t.maxAmount} >= 0`),
    check(
      'support_policies_percent_check',
      sql`${t.maxPercent} is null or ${t.maxPercent} between 0 and 100`,
    ),
  ],
);

/**
 * Money for a programme and/or a plan task in a year from one source. Disbursed may exceed
 * allocated (money carried over from an earlier year is disbursed this year): a warning, not a
 * constraint.
 */
export const budgetLines = pgTable(
  'budget_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id').references(() => programmes.id),
    planItemId: uuid('plan_item_id').references(() => planItems.id),
    year: integer('year').notNull(),
    source: text('source', { enum: FUNDING_SOURCES }).notNull(),
    allocated: bigint('allocated', { mode: 'number' }).notNull(),
    disbursed: bigint('disbursed', { mode: 'number' }).notNull().default(0),
    note: text('note'),
    /** public only when its programme (if any) is public too */
    isPublic: boolean('is_public').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('budget_lines_target_year_source_unique')
      .on(t.programmeId, t.planItemId, t.year, t.source)
      .nullsNotDistinct(),
    index('budget_lines_item_idx').on(t.planItemId),
    check('budget_lines_target_check', sql`${t.programmeId} is not null or ${t.planItemId} is not null`),
    check('budget_lines_source_check', sql`${t.source} in ${inList(FUNDING_SOURCES)}`),
    check(
      'budget_lines_year_check',
      sql`${t.year} between ${sql.raw(String(MIN_YEAR))} and ${sql.raw(String(MAX_YEAR))}`,
    ),
    check('budget_lines_amounts_check', sql`${t.allocated} >= 0 and ${t.disbursed} >= 0`),
  ],
);
