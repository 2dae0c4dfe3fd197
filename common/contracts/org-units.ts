import { z } from 'zod';
import { ORG_UNIT_KINDS } from '../enums';
import { LIMITS } from '../limits';
import { id, optionalText, page, queryBoolean, queryList, requiredText, ZPageQuery } from './fields';

export const ZOrgUnit = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.enum(ORG_UNIT_KINDS),
  parentId: z.string().nullable(),
  active: z.boolean(),
  /** active plan items (groups, tasks, milestones) this unit leads: they block archiving it */
  leadCount: z.number().int(),
  childCount: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type TOrgUnit = z.infer<typeof ZOrgUnit>;

export const ZOrgUnitList = page(ZOrgUnit);
export type TOrgUnitList = z.infer<typeof ZOrgUnitList>;

export const ZListOrgUnitsQuery = ZPageQuery.extend({
  q: z.string().max(LIMITS.searchLength).optional(),
  kind: queryList(ORG_UNIT_KINDS).optional(),
  parentId: id.optional(),
  /** default: only active units */
  includeArchived: queryBoolean.optional(),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.treePageSizeMax).default(50),
  sort: z.enum(['name', 'code', 'kind']).default('name'),
}).strict();
export type TListOrgUnitsQuery = z.infer<typeof ZListOrgUnitsQuery>;

export const ZCreateOrgUnitRequest = z.strictObject({
  code: requiredText(LIMITS.codeLength),
  name: requiredText(LIMITS.nameLength),
  shortName: optionalText(LIMITS.shortNameLength),
  kind: z.enum(ORG_UNIT_KINDS),
  parentId: id.nullable().optional(),
});
export type TCreateOrgUnitRequest = z.infer<typeof ZCreateOrgUnitRequest>;

export const ZUpdateOrgUnitRequest = z.strictObject({
  version: z.number().int().min(1),
  code: requiredText(LIMITS.codeLength).optional(),
  name: requiredText(LIMITS.nameLength).optional(),
  shortName: optionalText(LIMITS.shortNameLength),
  kind: z.enum(ORG_UNIT_KINDS).optional(),
  parentId: id.nullable().optional(),
});
export type TUpdateOrgUnitRequest = z.infer<typeof ZUpdateOrgUnitRequest>;

/** The whole org tree in one response, for the tree browser and pickers. */
export type TOrgUnitNode = TOrgUnit & { children: TOrgUnitNode[] };
export const ZOrgUnitNode: z.ZodType<TOrgUnitNode> = ZOrgUnit.extend({
  get children() {
    return z.array(ZOrgUnitNode);
  },
});
export const ZOrgUnitTree = z.object({ roots: z.array(ZOrgUnitNode) });
export type TOrgUnitTree = z.infer<typeof ZOrgUnitTree>;
