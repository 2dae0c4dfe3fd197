import { sql } from 'drizzle-orm';
import { boolean, check, date, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { VALUE_ENTRY_WINDOWS } from '../../../common/contracts/plans';
import { PLAN_STATUSES } from '../../../common/enums';
import { inList } from '../../db/sql';
import { orgUnits } from '../org-units/tables';

export const plans = pgTable(
  'plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** document number, e.g. 328-KH/TU */
    number: text('number').notNull().unique(),
    title: text('title').notNull(),
    issuingBody: text('issuing_body').notNull(),
    issueDate: date('issue_date'),
    /** the document it implements, e.g. 57-NQ/TW */
    parentDocument: text('parent_document'),
    ownerOrgUnitId: uuid('owner_org_unit_id').references(() => orgUnits.id),
    horizonStartYear: integer('horizon_start_year').notNull(),
    horizonEndYear: integer('horizon_end_year').notNull(),
    status: text('status', { enum: PLAN_STATUSES }).notNull().default('draft'),
    /** which past periods a unit's officers and heads may write values for (data-values/window.ts) */
    valueEntryWindow: text('value_entry_window', { enum: VALUE_ENTRY_WINDOWS })
      .notNull()
      .default('open_rounds'),
    /**
     * a report the secretariat returned goes, once corrected, straight back to the secretariat
     * instead of to the head of unit for signing again (reports/workflow.ts)
     */
    resubmitSkipsHead: boolean('resubmit_skips_head').notNull().default(false),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    titleSortKey: text('title_sort_key').generatedAlwaysAs(sql`vi_sort_key(title)`),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('plans_status_check', sql`${t.status} in ${inList(PLAN_STATUSES)}`),
    check('plans_horizon_check', sql`${t.horizonStartYear} <= ${t.horizonEndYear}`),
    check('plans_value_entry_window_check', sql`${t.valueEntryWindow} in ${inList(VALUE_ENTRY_WINDOWS)}`),
  ],
);
