import { z } from 'zod';
import { ITEM_STATUSES, PLAN_STATUSES } from '../enums';
import { LIMITS } from '../limits';
import { id, isoDate, optionalText, page, queryBoolean, requiredText, ZPageQuery } from './fields';

/**
 * Which past periods a unit's officers and heads may write indicator values for: only the periods
 * of the unit's rounds that are open (default), or any period from the plan's start to now. The
 * secretariat and administrators are not bound by it; nobody writes before the plan's start.
 */
export const VALUE_ENTRY_WINDOWS = ['open_rounds', 'any_past'] as const;
export type ValueEntryWindow = (typeof VALUE_ENTRY_WINDOWS)[number];

const ZStatusCounts = z.record(z.enum(ITEM_STATUSES), z.number().int());

export const ZPlan = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  issuingBody: z.string(),
  issueDate: z.string().nullable(),
  parentDocument: z.string().nullable(),
  ownerOrgUnitId: z.string().nullable(),
  horizonStartYear: z.number().int(),
  horizonEndYear: z.number().int(),
  status: z.enum(PLAN_STATUSES),
  valueEntryWindow: z.enum(VALUE_ENTRY_WINDOWS),
  /**
   * a report the secretariat returned goes, once corrected, straight back to the secretariat;
   * off (default): the head of unit signs the corrected report again
   */
  resubmitSkipsHead: z.boolean(),
  archived: z.boolean(),
  /** tasks and milestones by derived status */
  statusCounts: ZStatusCounts,
  taskCount: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type TPlan = z.infer<typeof ZPlan>;

export const ZPlanList = page(ZPlan);
export type TPlanList = z.infer<typeof ZPlanList>;

export const ZListPlansQuery = ZPageQuery.extend({
  q: z.string().max(LIMITS.searchLength).optional(),
  status: z.enum(PLAN_STATUSES).optional(),
  includeArchived: queryBoolean.optional(),
  sort: z.enum(['title', 'number', 'issueDate']).default('issueDate'),
}).strict();
export type TListPlansQuery = z.infer<typeof ZListPlansQuery>;

const year = z.number().int().min(2000).max(2100);

export const ZCreatePlanRequest = z
  .strictObject({
    number: requiredText(LIMITS.codeLength),
    title: requiredText(LIMITS.titleLength),
    issuingBody: requiredText(LIMITS.nameLength),
    issueDate: isoDate.nullable().optional(),
    parentDocument: optionalText(LIMITS.codeLength),
    ownerOrgUnitId: id.nullable().optional(),
    horizonStartYear: year,
    horizonEndYear: year,
    status: z.enum(PLAN_STATUSES).default('draft'),
    valueEntryWindow: z.enum(VALUE_ENTRY_WINDOWS).default('open_rounds'),
    resubmitSkipsHead: z.boolean().default(false),
  })
  .refine((p) => p.horizonStartYear <= p.horizonEndYear, {
    path: ['horizonEndYear'],
    message: 'Năm kết thúc phải không sớm hơn năm bắt đầu.',
  });
export type TCreatePlanRequest = z.infer<typeof ZCreatePlanRequest>;

export const ZUpdatePlanRequest = z.strictObject({
  version: z.number().int().min(1),
  number: requiredText(LIMITS.codeLength).optional(),
  title: requiredText(LIMITS.titleLength).optional(),
  issuingBody: requiredText(LIMITS.nameLength).optional(),
  issueDate: isoDate.nullable().optional(),
  parentDocument: optionalText(LIMITS.codeLength),
  ownerOrgUnitId: id.nullable().optional(),
  horizonStartYear: year.optional(),
  horizonEndYear: year.optional(),
  status: z.enum(PLAN_STATUSES).optional(),
  valueEntryWindow: z.enum(VALUE_ENTRY_WINDOWS).optional(),
  resubmitSkipsHead: z.boolean().optional(),
});
export type TUpdatePlanRequest = z.infer<typeof ZUpdatePlanRequest>;
