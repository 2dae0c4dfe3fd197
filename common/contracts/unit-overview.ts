import { z } from 'zod';
import {
  ATTAINMENTS,
  DIRECTIONS,
  ITEM_STATUSES,
  ORG_UNIT_KINDS,
  PLAN_ITEM_KINDS,
  TASK_ROLES,
  VALUE_TYPES,
} from '../enums';
import { id, ZOrgUnitRef } from './fields';
import { ZCompleteness, ZReportHistoryItem } from './rounds';

export const ZUnitOverviewParams = z.strictObject({ orgUnitId: id });

/** How many of the unit's newest reporting rounds to list (its record page lists them all). */
export const UNIT_RECENT_ROUNDS = { default: 6, max: 24 } as const;
export const ZUnitOverviewQuery = z.strictObject({
  rounds: z.coerce.number().int().min(1).max(UNIT_RECENT_ROUNDS.max).default(UNIT_RECENT_ROUNDS.default),
});
export type TUnitOverviewQuery = z.infer<typeof ZUnitOverviewQuery>;

/** The unit itself: what kind it is and where it sits. */
export const ZUnitHeader = ZOrgUnitRef.extend({
  kind: z.enum(ORG_UNIT_KINDS),
  active: z.boolean(),
  parent: ZOrgUnitRef.extend({ kind: z.enum(ORG_UNIT_KINDS) }).nullable(),
  childCount: z.number().int(),
});
export type TUnitHeader = z.infer<typeof ZUnitHeader>;

/** A task the unit leads or co-operates on, with its derived status. */
export const ZUnitTask = z.object({
  id: z.string(),
  planId: z.string(),
  kind: z.enum(PLAN_ITEM_KINDS),
  code: z.string(),
  title: z.string(),
  role: z.enum(TASK_ROLES),
  status: z.enum(ITEM_STATUSES),
  progress: z.number().int(),
  deadline: z.string().nullable(),
  daysToDeadline: z.number().int().nullable(),
});
export type TUnitTask = z.infer<typeof ZUnitTask>;

/** The unit's reporting record: counts over every round, and its latest rounds (the full list is /report-history). */
export const ZUnitReports = z.object({
  summary: ZCompleteness,
  /** how many rounds the unit has reported in; `recent` holds the newest of them */
  roundCount: z.number().int(),
  recent: z.array(ZReportHistoryItem),
});
export type TUnitReports = z.infer<typeof ZUnitReports>;

/** An indicator the unit enters or answers for, with the unit's own latest value. */
export const ZUnitIndicator = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  valueType: z.enum(VALUE_TYPES),
  direction: z.enum(DIRECTIONS),
  latest: z.object({ period: z.string(), value: z.number() }).nullable(),
  /**
   * against the province's target path at the latest value's period; null when the figure is not
   * comparable with a provincial target (a count or sum of one unit, a flow part way through a year)
   */
  attainment: z
    .object({
      status: z.enum(ATTAINMENTS),
      target: z.number().nullable(),
      expected: z.number().nullable(),
      year: z.number().int(),
    })
    .nullable(),
});
export type TUnitIndicator = z.infer<typeof ZUnitIndicator>;

/** GET /api/dashboard/units/:orgUnitId: an agency or a commune at a glance, every part linking further. */
export const ZUnitOverview = z.object({
  unit: ZUnitHeader,
  tasks: z.array(ZUnitTask),
  reports: ZUnitReports,
  indicators: z.array(ZUnitIndicator),
});
export type TUnitOverview = z.infer<typeof ZUnitOverview>;
