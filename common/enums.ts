/** Enumerations shared by the API and the web app. Labels live in the i18n files. */

export const ORG_UNIT_KINDS = [
  'province',
  'party_body',
  'department',
  'commune',
  'ward',
  'special_zone',
  'enterprise',
  'other',
] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

export const PLAN_STATUSES = ['draft', 'active', 'closed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const PLAN_ITEM_KINDS = ['group', 'task', 'milestone'] as const;
export type PlanItemKind = (typeof PLAN_ITEM_KINDS)[number];

export const RECURRENCES = ['none', 'yearly'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

/**
 * Derived, never typed in. The rule (server/modules/plan-items/status.ts, docs/ARCHITECTURE.md):
 * done / done_late when progress reaches 100 (by completion date vs deadline); overdue when the
 * deadline has passed; at_risk when the deadline is within AT_RISK_WINDOW_DAYS and progress is
 * below AT_RISK_PROGRESS_BELOW, or when progress trails elapsed time by more than
 * AT_RISK_LAG_POINTS; in_progress when progress > 0 or the start date has passed; else not_started.
 */
export const ITEM_STATUSES = [
  'not_started',
  'in_progress',
  'at_risk',
  'overdue',
  'done',
  'done_late',
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Most urgent first: the order of "sort by status" and of status summaries. */
export const ITEM_STATUSES_BY_URGENCY: readonly ItemStatus[] = [
  'overdue',
  'at_risk',
  'in_progress',
  'not_started',
  'done_late',
  'done',
];

export const AT_RISK_WINDOW_DAYS = 30;
export const AT_RISK_PROGRESS_BELOW = 80;
export const AT_RISK_LAG_POINTS = 25;

/** Sort keys of the task list. */
export const ITEM_SORTS = ['code', 'title', 'deadline', 'status', 'progress', 'lead'] as const;
export type ItemSort = (typeof ITEM_SORTS)[number];

/** Indicators (server/modules/indicators). */
export const VALUE_TYPES = ['number', 'percent', 'money', 'count', 'boolean'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

export const DIRECTIONS = ['higher_is_better', 'lower_is_better'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** How values of the units in a subtree combine into the subtree's figure. */
export const ORG_AGGREGATIONS = [
  'sum',
  'average',
  'weighted_average',
  'min',
  'max',
  'latest',
  'none',
] as const;
export type OrgAggregation = (typeof ORG_AGGREGATIONS)[number];

/** How the figures of the reporting periods inside a longer period combine (months → quarter, year). */
export const TIME_AGGREGATIONS = ['sum', 'average', 'latest', 'min', 'max'] as const;
export type TimeAggregation = (typeof TIME_AGGREGATIONS)[number];

/** The periods an indicator is reported for: a subset of the Decree 09 period types. */
export const REPORTING_FREQUENCIES = ['month', 'quarter', 'half_year', 'year'] as const;
export type ReportingFrequency = (typeof REPORTING_FREQUENCIES)[number];

/** The reporting frequency whose periods are of this type (nine months is no frequency). */
export const frequencyOfPeriodType = (type: string): ReportingFrequency | null =>
  (REPORTING_FREQUENCIES as readonly string[]).includes(type) ? (type as ReportingFrequency) : null;

export const DATA_VALUE_STATES = ['draft', 'submitted', 'approved'] as const;
export type DataValueState = (typeof DATA_VALUE_STATES)[number];

/** Attainment against this year's target (rule: server/modules/indicators/attainment.ts). */
export const ATTAINMENTS = ['on_track', 'at_risk', 'off_track', 'no_target', 'no_data'] as const;
export type Attainment = (typeof ATTAINMENTS)[number];

/** Period types analytics answers (Decree 09): every reporting frequency rolls up to the longer ones. */
export const PERIOD_TYPES_FOR_ANALYTICS = ['month', 'quarter', 'half_year', 'nine_months', 'year'] as const;

/** Reporting rounds (server/modules/rounds) and reports (server/modules/reports). */
export const ROUND_KINDS = ['periodic', 'ad_hoc'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];
export const ROUND_STATUSES = ['open', 'closed'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/**
 * draft → submitted (officer) → approved (head) → accepted (secretariat, then locked); a reviewer
 * may return a submitted or approved report (→ returned, editable again); reopening an accepted
 * report needs a reason and makes it returned.
 */
export const REPORT_STATUSES = ['draft', 'submitted', 'approved', 'accepted', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_ACTIONS = ['submit', 'approve', 'accept', 'return', 'reopen'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];
/** A unit reports on a task as its lead body or as a co-operating body. */
export const TASK_ROLES = ['lead', 'cooperator'] as const;
export type TaskRole = (typeof TASK_ROLES)[number];
/**
 * Timeliness of one report: pending (not submitted, not yet due), overdue (past due, still within
 * the grace period), missing (past the grace period, or its round closed before it was sent),
 * on_time, late (first submitted after the due date).
 */
export const TIMELINESS = ['pending', 'overdue', 'missing', 'on_time', 'late'] as const;
export type Timeliness = (typeof TIMELINESS)[number];

/**
 * Kinds of unit drawn on the map: those with an official 5-digit code and a boundary. Here, not in
 * contracts/geo (which re-exports it): the web imports it at run time, and a contract brings zod.
 */
export const MAP_UNIT_KINDS = ['commune', 'ward', 'special_zone'] as const;
