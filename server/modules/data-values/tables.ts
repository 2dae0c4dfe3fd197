import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { DATA_VALUE_STATES } from '../../../common/enums';
import { inList } from '../../db/sql';
import { users } from '../identity/tables';
import { indicators } from '../indicators/tables';
import { orgUnits } from '../org-units/tables';

/**
 * One value per indicator, org unit and period (a Decree 09 period id of the indicator's
 * frequency: 2026M03, 2026Q1, 2026S1, 2026). numeric, so sums are exact.
 */
export const dataValues = pgTable(
  'data_values',
  {
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    period: text('period').notNull(),
    value: numeric('value').notNull(),
    comment: text('comment'),
    state: text('state', { enum: DATA_VALUE_STATES }).notNull().default('draft'),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.indicatorId, t.orgUnitId, t.period] }),
    check('data_values_state_check', sql`${t.state} in ${inList(DATA_VALUE_STATES)}`),
  ],
);

/** Every change of a data value, appended in the writing transaction: the full revision history. */
export const dataValueRevisions = pgTable(
  'data_value_revisions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    indicatorId: uuid('indicator_id').notNull(),
    orgUnitId: uuid('org_unit_id').notNull(),
    period: text('period').notNull(),
    /** null: the value was cleared */
    value: numeric('value'),
    comment: text('comment'),
    state: text('state', { enum: DATA_VALUE_STATES }),
    changedBy: uuid('changed_by'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
    requestId: text('request_id'),
    /** why the secretariat corrected a value a sent report carries (null: an ordinary write) */
    reason: text('reason'),
  },
  (t) => [index('data_value_revisions_key_idx').on(t.indicatorId, t.orgUnitId, t.period, t.id)],
);

/**
 * The figure of everything strictly below an org unit, per indicator and reporting period,
 * maintained in the transaction that writes data values (rollups.ts).
 * Kept for every unit that has a parent; a root's figure is combined at read time from its
 * children, so no single row serialises every writer in the country.
 */
export const dataRollups = pgTable(
  'data_rollups',
  {
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    period: text('period').notNull(),
    valueCount: integer('value_count').notNull().default(0),
    valueSum: numeric('value_sum').notNull().default('0'),
    valueMin: numeric('value_min'),
    valueMax: numeric('value_max'),
    /** the most recently written value below the unit (aggregation "latest") */
    latestValue: numeric('latest_value'),
    latestAt: timestamp('latest_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.indicatorId, t.orgUnitId, t.period] }),
    // "every indicator of this unit over these periods" (a national or provincial overview)
    index('data_rollups_unit_period_idx').on(t.orgUnitId, t.period),
  ],
);

/**
 * Changes to a root's roll-up not yet folded into its data_rollups row: writers append here, so no
 * row is shared by every writer in the country; a reader adds the pending rows to the root's row
 * (exact at once), and a compactor folds them in the background (rollups.ts).
 */
export const dataRollupDeltas = pgTable(
  'data_rollup_deltas',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    indicatorId: uuid('indicator_id').notNull(),
    orgUnitId: uuid('org_unit_id').notNull(),
    period: text('period').notNull(),
    valueCount: integer('value_count').notNull(),
    valueSum: numeric('value_sum').notNull(),
    /** the extremes of the values written; a value removed or replaced may leave min/max stale */
    valueMin: numeric('value_min'),
    valueMax: numeric('value_max'),
    latestValue: numeric('latest_value'),
    latestAt: timestamp('latest_at', { withTimezone: true }),
    /** an existing value changed or was cleared: min, max and latest must be recomputed */
    stale: boolean('stale').notNull().default(false),
  },
  (t) => [index('data_rollup_deltas_key_idx').on(t.indicatorId, t.orgUnitId, t.period)],
);
