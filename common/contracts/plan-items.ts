import { z } from 'zod';
import { ITEM_SORTS, ITEM_STATUSES, PLAN_ITEM_KINDS, RECURRENCES } from '../enums';
import { LIMITS } from '../limits';
import {
  id,
  isoDate,
  optionalText,
  page,
  queryBoolean,
  queryList,
  requiredText,
  ZOrgUnitRef,
  ZPageQuery,
} from './fields';

export const ZPlanItem = z.object({
  id: z.string(),
  planId: z.string(),
  parentId: z.string().nullable(),
  kind: z.enum(PLAN_ITEM_KINDS),
  code: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  lead: ZOrgUnitRef.nullable(),
  cooperators: z.array(ZOrgUnitRef),
  startDate: z.string().nullable(),
  deadline: z.string().nullable(),
  recurrence: z.enum(RECURRENCES),
  expectedProduct: z.string().nullable(),
  weight: z.number(),
  progress: z.number().int(),
  completedOn: z.string().nullable(),
  /** derived from dates and progress, never stored */
  status: z.enum(ITEM_STATUSES),
  /** days past the deadline (overdue) or until it (otherwise); null without a deadline */
  daysToDeadline: z.number().int().nullable(),
  archived: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type TPlanItem = z.infer<typeof ZPlanItem>;

export const ZPlanItemList = page(ZPlanItem);
export type TPlanItemList = z.infer<typeof ZPlanItemList>;

export const ZListPlanItemsQuery = ZPageQuery.extend({
  /** free text, ignoring diacritics and case */
  q: z.string().max(LIMITS.searchLength).optional(),
  /** only items under this group (any depth) */
  group: id.optional(),
  /** lead org unit */
  lead: id.optional(),
  /** co-operating org unit */
  cooperator: id.optional(),
  /** comma-separated */
  status: queryList(ITEM_STATUSES).optional(),
  /** comma-separated; default task,milestone */
  kind: queryList(PLAN_ITEM_KINDS).optional(),
  overdue: queryBoolean.optional(),
  deadlineFrom: isoDate.optional(),
  deadlineTo: isoDate.optional(),
  includeArchived: queryBoolean.optional(),
  sort: z.enum(ITEM_SORTS).default('code'),
}).strict();
export type TListPlanItemsQuery = z.infer<typeof ZListPlanItemsQuery>;

const itemFields = {
  parentId: id.nullable().optional(),
  code: requiredText(LIMITS.codeLength).pipe(
    z.string().regex(/^\d+(\.\d+)*[a-z]?$/, { message: 'Mã mục có dạng số phân cấp, ví dụ 3.1.2.' }),
  ),
  title: requiredText(LIMITS.titleLength),
  description: optionalText(LIMITS.textLength),
  leadOrgUnitId: id.nullable().optional(),
  // "UBND các xã, phường" in an imported annex is every commune and ward as a co-operator (130 here,
  // thousands nationally): the bound guards the request, not the plan
  cooperatorIds: z.array(id).max(5000).optional(),
  startDate: isoDate.nullable().optional(),
  deadline: isoDate.nullable().optional(),
  recurrence: z.enum(RECURRENCES).optional(),
  expectedProduct: optionalText(LIMITS.nameLength),
  weight: z.number().min(0).max(100).optional(),
  /** until reporting rounds feed it */
  progress: z.number().int().min(0).max(100).optional(),
  completedOn: isoDate.nullable().optional(),
};

export const ZCreatePlanItemRequest = z.strictObject({
  kind: z.enum(PLAN_ITEM_KINDS),
  ...itemFields,
});
export type TCreatePlanItemRequest = z.infer<typeof ZCreatePlanItemRequest>;

export const ZUpdatePlanItemRequest = z.strictObject({
  version: z.number().int().min(1),
  kind: z.enum(PLAN_ITEM_KINDS).optional(),
  ...itemFields,
  code: itemFields.code.optional(),
  title: itemFields.title.optional(),
});
export type TUpdatePlanItemRequest = z.infer<typeof ZUpdatePlanItemRequest>;

export const ZPlanItemDetail = ZPlanItem.extend({
  /** ancestors from the top group down, for breadcrumbs */
  path: z.array(z.object({ id: z.string(), code: z.string(), title: z.string() })),
  childCount: z.number().int(),
});
export type TPlanItemDetail = z.infer<typeof ZPlanItemDetail>;

/** The accepted report a change came from: "theo báo cáo tháng 11/2026 của Phường Trường Vinh". */
export const ZChangeSource = z.object({
  reportId: z.string(),
  period: z.string(),
  /** the period as a sentence says it, lower case: "tháng 11/2026", "quý IV/2026" */
  periodLabel: z.string(),
  orgUnitName: z.string(),
});
export type TChangeSource = z.infer<typeof ZChangeSource>;

export const ZPlanItemChange = z.object({
  id: z.number().int(),
  action: z.enum(['create', 'update', 'archive', 'restore']),
  actor: z.string(),
  changedAt: z.string(),
  /** the changed fields only: where a change came from is in `source`, not among them */
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  source: ZChangeSource.nullable().optional(),
});
export const ZPlanItemHistory = z.object({
  items: z.array(ZPlanItemChange),
  /** the name of every org unit and plan item whose id appears in the changes, so none shows as an id */
  names: z.record(z.string(), z.string()).optional(),
});
export type TPlanItemChange = z.infer<typeof ZPlanItemChange>;
export type TPlanItemHistory = z.infer<typeof ZPlanItemHistory>;

/** A node of the plan tree: groups hold children and the status counts of the tasks below them. */
export type TPlanTreeNode = {
  id: string;
  parentId: string | null;
  kind: (typeof PLAN_ITEM_KINDS)[number];
  code: string;
  title: string;
  status: (typeof ITEM_STATUSES)[number];
  progress: number;
  deadline: string | null;
  lead: z.infer<typeof ZOrgUnitRef> | null;
  statusCounts: Partial<Record<(typeof ITEM_STATUSES)[number], number>>;
  taskCount: number;
  children: TPlanTreeNode[];
};
export const ZPlanTreeNode: z.ZodType<TPlanTreeNode> = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: z.enum(PLAN_ITEM_KINDS),
  code: z.string(),
  title: z.string(),
  status: z.enum(ITEM_STATUSES),
  progress: z.number().int(),
  deadline: z.string().nullable(),
  lead: ZOrgUnitRef.nullable(),
  statusCounts: z.partialRecord(z.enum(ITEM_STATUSES), z.number().int()),
  taskCount: z.number().int(),
  get children() {
    return z.array(ZPlanTreeNode);
  },
});
export const ZPlanTree = z.object({ planId: z.string(), asOf: z.string(), roots: z.array(ZPlanTreeNode) });
export type TPlanTree = z.infer<typeof ZPlanTree>;
