import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ROUND_KINDS, ROUND_STATUSES } from '../../../common/enums';
import { inList } from '../../db/sql';
import { users } from '../identity/tables';
import { plans } from '../plans/tables';

/** Days off besides weekends; seeded from common/working-days.ts, kept by the secretariat. */
export const holidays = pgTable('holidays', {
  date: date('date').primaryKey(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** When a plan's periodic rounds open by themselves, and how long units have to report. */
export const roundSchedules = pgTable(
  'round_schedules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    /** a Decree 09 period type: month, quarter, half_year, nine_months, year */
    periodType: text('period_type').notNull(),
    /** the due date: this many working days after the period's data cut-off */
    dueWorkingDays: integer('due_working_days').notNull().default(5),
    /** late reports are still taken this many days after the due date, marked late */
    graceDays: integer('grace_days').notNull().default(3),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('round_schedules_plan_period_type').on(t.planId, t.periodType)],
);

/** A reporting round: one plan, one period; opening it creates one report per responsible unit. */
export const rounds = pgTable(
  'rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    period: text('period').notNull(),
    kind: text('kind', { enum: ROUND_KINDS }).notNull(),
    title: text('title').notNull(),
    /** the last day of the period's data cut-off window */
    cutoffEnd: date('cutoff_end').notNull(),
    dueDate: date('due_date').notNull(),
    graceDays: integer('grace_days').notNull(),
    status: text('status', { enum: ROUND_STATUSES }).notNull().default('open'),
    openedBy: uuid('opened_by').references(() => users.id),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    // one periodic round per plan and period, however many instances run the schedule
    uniqueIndex('rounds_periodic_unique').on(t.planId, t.period).where(sql`${t.kind} = 'periodic'`),
    index('rounds_plan_idx').on(t.planId, t.openedAt),
    check('rounds_kind_check', sql`${t.kind} in ${inList(ROUND_KINDS)}`),
    check('rounds_status_check', sql`${t.status} in ${inList(ROUND_STATUSES)}`),
  ],
);
