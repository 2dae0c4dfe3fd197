import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
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
import {
  DIRECTIONS,
  ORG_AGGREGATIONS,
  type OrgUnitKind,
  REPORTING_FREQUENCIES,
  TIME_AGGREGATIONS,
  VALUE_TYPES,
} from '../../../common/enums';
import { inList } from '../../db/sql';
import { orgUnits } from '../org-units/tables';
import { planItems } from '../plan-items/tables';

/** The indicator catalogue: what is measured, how it adds up, what it should reach. */
export const indicators = pgTable(
  'indicators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** stable, upper case, e.g. DVC.TOANTRINH; computed formulas refer to it */
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    definition: text('definition'),
    unit: text('unit').notNull(),
    valueType: text('value_type', { enum: VALUE_TYPES }).notNull(),
    direction: text('direction', { enum: DIRECTIONS }).notNull(),
    aggregation: text('aggregation', { enum: ORG_AGGREGATIONS }).notNull(),
    /** for weighted_average: the indicator whose value weighs each unit */
    weightIndicatorId: uuid('weight_indicator_id').references((): AnyPgColumn => indicators.id),
    timeAggregation: text('time_aggregation', { enum: TIME_AGGREGATIONS }).notNull(),
    /** computed indicators only: arithmetic over other codes (common/formula.ts); never stored values */
    formula: text('formula'),
    frequency: text('frequency', { enum: REPORTING_FREQUENCIES }).notNull(),
    /** kinds of org unit that enter it */
    reportedBy: jsonb('reported_by').$type<OrgUnitKind[]>().notNull().default([]),
    /**
     * the figure counts org units of these kinds (e.g. communes and wards that have done something):
     * it can never exceed their number in the subtree, so forecasts stop there; null: counts no units
     */
    countsUnits: jsonb('counts_units').$type<OrgUnitKind[]>(),
    responsibleOrgUnitId: uuid('responsible_org_unit_id').references(() => orgUnits.id),
    baselineYear: integer('baseline_year'),
    baselineValue: numeric('baseline_value'),
    /** year → target, e.g. {"2026": 60, "2030": 100, "2045": 100} */
    targets: jsonb('targets').$type<Record<string, number>>().notNull().default({}),
    ruleMin: numeric('rule_min'),
    ruleMax: numeric('rule_max'),
    ruleInteger: boolean('rule_integer').notNull().default(false),
    /** a value may not exceed this indicator's value for the same unit and period */
    ruleNotAboveId: uuid('rule_not_above_id').references((): AnyPgColumn => indicators.id),
    ruleCommentWhenOffTarget: boolean('rule_comment_when_off_target').notNull().default(false),
    nameSortKey: text('name_sort_key').generatedAlwaysAs(sql`vi_sort_key(name)`),
    searchText: text('search_text').generatedAlwaysAs(sql`f_search(code || ' ' || name)`),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('indicators_value_type_check', sql`${t.valueType} in ${inList(VALUE_TYPES)}`),
    check('indicators_direction_check', sql`${t.direction} in ${inList(DIRECTIONS)}`),
    check('indicators_aggregation_check', sql`${t.aggregation} in ${inList(ORG_AGGREGATIONS)}`),
    check('indicators_time_aggregation_check', sql`${t.timeAggregation} in ${inList(TIME_AGGREGATIONS)}`),
    check('indicators_frequency_check', sql`${t.frequency} in ${inList(REPORTING_FREQUENCIES)}`),
    check(
      'indicators_weight_check',
      sql`(${t.aggregation} = 'weighted_average') = (${t.weightIndicatorId} is not null)`,
    ),
  ],
);

/** Which plan items an indicator measures. */
export const indicatorPlanItems = pgTable(
  'indicator_plan_items',
  {
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id),
    planItemId: uuid('plan_item_id')
      .notNull()
      .references(() => planItems.id),
  },
  (t) => [
    primaryKey({ columns: [t.indicatorId, t.planItemId] }),
    index('indicator_plan_items_item_idx').on(t.planItemId),
  ],
);
