/**
 * The operations dashboard (/dieu-hanh, issue 11): one response per panel, each served by one query
 * (server/modules/dashboard/queries/*.ts) and read-scoped by the policy — a leader sees the province,
 * an officer the tasks, reports and figures of his own subtree.
 */
import { z } from 'zod';
import { ATTAINMENTS, ITEM_STATUSES, ORG_UNIT_KINDS, ROUND_KINDS, ROUND_STATUSES } from '../enums';
import { ZPeriodId } from '../periods';
import { id, ZOrgUnitRef } from './fields';
import { ZCompleteness } from './rounds';

/** The filters every panel takes, kept in the page's URL. */
export const ZDashboardQuery = z.strictObject({
  planId: id,
  /** a round's period (2026M11, 2026Q4…): its round, and its year for the indicators; default the current round */
  period: ZPeriodId.optional(),
  /** only the tasks under this group (any depth) */
  group: id.optional(),
  /** only tasks led by, reports of, and indicators reported by units of this kind */
  unitKind: z.enum(ORG_UNIT_KINDS).optional(),
});
export type TDashboardQuery = z.infer<typeof ZDashboardQuery>;

export const TASK_LISTS = ['overdue', 'at_risk', 'due_soon'] as const;
export type TaskListKind = (typeof TASK_LISTS)[number];
/** "Due soon": a deadline from today to this many days ahead, not done yet. */
export const DUE_SOON_DAYS = 30;

export const ZTaskListQuery = ZDashboardQuery.extend({
  list: z.enum(TASK_LISTS),
  limit: z.coerce.number().int().min(1).max(100).default(10),
}).strict();
export type TTaskListQuery = z.infer<typeof ZTaskListQuery>;

const statusCounts = z.record(z.enum(ITEM_STATUSES), z.number().int());

/** Tasks by status per group of the plan: the groups directly under the chosen group (or the plan's top). */
export const ZTaskStatusByGroup = z.object({
  groups: z.array(
    z.object({
      /** null: tasks sitting directly at this level, outside any group */
      id: z.string().nullable(),
      code: z.string().nullable(),
      title: z.string().nullable(),
      total: z.number().int(),
      counts: statusCounts,
    }),
  ),
  total: z.number().int(),
  counts: statusCounts,
});
export type TTaskStatusByGroup = z.infer<typeof ZTaskStatusByGroup>;

export const ZDashboardTask = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  status: z.enum(ITEM_STATUSES),
  progress: z.number().int(),
  deadline: z.string().nullable(),
  /** days past the deadline (negative) or until it */
  daysToDeadline: z.number().int().nullable(),
  lead: ZOrgUnitRef.nullable(),
});
export type TDashboardTask = z.infer<typeof ZDashboardTask>;

export const ZTaskList = z.object({
  list: z.enum(TASK_LISTS),
  items: z.array(ZDashboardTask),
  total: z.number().int(),
  /** the window of "due soon": [today, today + DUE_SOON_DAYS] */
  from: z.string(),
  to: z.string(),
});
export type TTaskList = z.infer<typeof ZTaskList>;

export const ZIndicatorTile = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  status: z.enum(ATTAINMENTS),
  actual: z.number().nullable(),
  target: z.number().nullable(),
  /** the indicator's periods with figures, oldest first (the sparkline) */
  series: z.array(z.object({ period: z.string(), value: z.number().nullable() })),
  /** the target path by year over the same years as the series */
  targetPath: z.array(z.object({ year: z.number().int(), value: z.number() })),
});
export type TIndicatorTile = z.infer<typeof ZIndicatorTile>;

export const ZIndicatorAttainment = z.object({
  /** the unit the figures are for: the province for a leader, the officer's own unit otherwise */
  orgUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
  year: z.number().int(),
  counts: z.record(z.enum(ATTAINMENTS), z.number().int()),
  /** off track first, then at risk, on track, without data */
  tiles: z.array(ZIndicatorTile),
  /** the documented rule the statuses come from (analytics/attainment.ts) */
  rule: z.string(),
});
export type TIndicatorAttainment = z.infer<typeof ZIndicatorAttainment>;

export const ZCurrentRound = z.object({
  round: z
    .object({
      id: z.string(),
      title: z.string(),
      period: z.string(),
      kind: z.enum(ROUND_KINDS),
      status: z.enum(ROUND_STATUSES),
      dueDate: z.string(),
    })
    .nullable(),
  /** over the reports the reader may see (and of the chosen kind of unit) */
  completeness: ZCompleteness.nullable(),
});
export type TCurrentRound = z.infer<typeof ZCurrentRound>;

export const THEME_FIELDS = ['obstacles', 'proposals'] as const;
export type ThemeField = (typeof THEME_FIELDS)[number];

export const ZTheme = z.object({
  /** a key of the lexicon, or 'other' for what no word of it matched */
  key: z.string(),
  label: z.string(),
  /** passages (a task's or the report's general field) that mention it */
  mentions: z.number().int(),
  units: z.array(ZOrgUnitRef.extend({ reportId: z.string() })),
  /** one passage as written, shortened */
  example: z.string().nullable(),
});
export type TTheme = z.infer<typeof ZTheme>;

export const ZRoundThemes = z.object({
  round: z.object({ id: z.string(), title: z.string(), period: z.string() }).nullable(),
  obstacles: z.array(ZTheme),
  proposals: z.array(ZTheme),
  /** how passages are sorted into themes, as the page states it */
  method: z.string(),
  lexicon: z.array(z.object({ key: z.string(), label: z.string(), words: z.array(z.string()) })),
});
export type TRoundThemes = z.infer<typeof ZRoundThemes>;

export const DASHBOARD_TABLES = ['groups', 'overdue', 'at_risk', 'due_soon', 'indicators', 'themes'] as const;
export type DashboardTable = (typeof DASHBOARD_TABLES)[number];

export const ZDashboardExportQuery = ZDashboardQuery.extend({ table: z.enum(DASHBOARD_TABLES) }).strict();
