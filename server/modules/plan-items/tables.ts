import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { PLAN_ITEM_KINDS, RECURRENCES } from '../../../common/enums';
import { inList } from '../../db/sql';
import { orgUnits } from '../org-units/tables';
import { plans } from '../plans/tables';

export const planItems = pgTable(
  'plan_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    parentId: uuid('parent_id').references((): AnyPgColumn => planItems.id),
    kind: text('kind', { enum: PLAN_ITEM_KINDS }).notNull(),
    /** outline number, unique in its plan: 3.1.2 */
    code: text('code').notNull(),
    /** code with each number zero-padded, so 3.10 sorts after 3.9 */
    codeSortKey: text('code_sort_key').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    leadOrgUnitId: uuid('lead_org_unit_id').references(() => orgUnits.id),
    startDate: date('start_date'),
    deadline: date('deadline'),
    recurrence: text('recurrence', { enum: RECURRENCES }).notNull().default('none'),
    expectedProduct: text('expected_product'),
    weight: numeric('weight', { precision: 6, scale: 2, mode: 'number' }).notNull().default(1),
    /** 0–100, fed by accepted reports (reporting rounds) */
    progress: integer('progress').notNull().default(0),
    completedOn: date('completed_on'),
    /**
     * shown on the public portal at the next publication (server/modules/publishing); off until the
     * secretariat turns it on, so a new or imported item is never published by default
     */
    isPublic: boolean('is_public').notNull().default(false),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    titleSortKey: text('title_sort_key').generatedAlwaysAs(sql`vi_sort_key(title)`),
    searchText: text('search_text').generatedAlwaysAs(
      sql`f_search(code || ' ' || title || ' ' || coalesce(expected_product, ''))`,
    ),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('plan_items_plan_code_unique').on(t.planId, t.code),
    index('plan_items_plan_idx').on(t.planId, t.codeSortKey),
    index('plan_items_parent_idx').on(t.parentId),
    index('plan_items_lead_idx').on(t.leadOrgUnitId),
    index('plan_items_search_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    check('plan_items_kind_check', sql`${t.kind} in ${inList(PLAN_ITEM_KINDS)}`),
    check('plan_items_recurrence_check', sql`${t.recurrence} in ${inList(RECURRENCES)}`),
    check('plan_items_progress_check', sql`${t.progress} between 0 and 100`),
    check('plan_items_weight_check', sql`${t.weight} >= 0`),
    check(
      'plan_items_dates_check',
      sql`${t.startDate} is null or ${t.deadline} is null or ${t.startDate} <= ${t.deadline}`,
    ),
    check('plan_items_not_own_parent', sql`${t.parentId} is null or ${t.parentId} <> ${t.id}`),
  ],
);

export const planItemCooperators = pgTable(
  'plan_item_cooperators',
  {
    itemId: uuid('item_id')
      .notNull()
      .references(() => planItems.id),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.orgUnitId] }),
    index('plan_item_cooperators_org_idx').on(t.orgUnitId),
  ],
);

/** Every change to a plan item: who, when, what it was, what it became. Written in the same transaction. */
export const planItemChanges = pgTable(
  'plan_item_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => planItems.id),
    action: text('action', { enum: ['create', 'update', 'archive', 'restore'] }).notNull(),
    actor: text('actor').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [index('plan_item_changes_item_idx').on(t.itemId, t.changedAt)],
);
