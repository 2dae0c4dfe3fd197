import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { TScorecardComponent, TScorecardWeights } from '../../../common/contracts/scorecards';
import { users } from '../identity/tables';
import { orgUnits } from '../org-units/tables';

/**
 * The weights of the scorecard, one row per version. Never updated nor deleted (a trigger in the
 * migration refuses it): a change of weights inserts the next version, so every published score
 * can name the weights that made it. Version 1 ships with the migration.
 */
export const scorecardFormulas = pgTable(
  'scorecard_formulas',
  {
    version: integer('version').primaryKey(),
    weights: jsonb('weights').$type<TScorecardWeights>().notNull(),
    note: text('note').notNull(),
    /** null for the version shipped with the migration */
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('scorecard_formulas_version_check', sql`${t.version} >= 1`)],
);

/** A period's scores made final by the secretariat, with the formula version that made them. */
export const scorecardPublications = pgTable('scorecard_publications', {
  /** a year (2026) or a quarter (2026Q3): published once */
  period: text('period').primaryKey(),
  formulaVersion: integer('formula_version')
    .notNull()
    .references(() => scorecardFormulas.version),
  publishedBy: uuid('published_by').references(() => users.id),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One unit's published card: the score, its rank among peers and every component with its counts
 * and the tasks and reports that made it, as they were when published (later data or weights do
 * not move it).
 */
export const scorecardSnapshots = pgTable(
  'scorecard_snapshots',
  {
    period: text('period')
      .notNull()
      .references(() => scorecardPublications.period),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    score: numeric('score', { precision: 5, scale: 1, mode: 'number' }),
    rank: integer('rank'),
    peers: integer('peers').notNull(),
    components: jsonb('components').$type<TScorecardComponent[]>().notNull(),
    /** the lists behind the counts (tasks, reports, indicator figures) */
    evidence: jsonb('evidence').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.period, t.orgUnitId] }),
    index('scorecard_snapshots_unit_idx').on(t.orgUnitId),
  ],
);
