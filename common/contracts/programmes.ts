/**
 * Programmes (chương trình, đề án, dự án), support policies (chính sách hỗ trợ) and budget lines
 * (dòng ngân sách), managed by the secretariat (server/modules/programmes). The public portal reads
 * only what the secretariat marked public, through `listPublicCatalogue` (public-read.ts), in the
 * `TPublic…` shapes below: no note, no internal id of a user, no record not marked public.
 */
import { z } from 'zod';
import { LIMITS } from '../limits';
import {
  id,
  isoDate,
  optionalText,
  page,
  plainString,
  queryBoolean,
  requiredText,
  ZOrgUnitRef,
  ZPageQuery,
} from './fields';

export const PROGRAMME_STATUSES = ['ongoing', 'ended', 'planned'] as const;
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];

export const POLICY_STATUSES = ['active', 'expired', 'upcoming'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

/** central budget, provincial budget, ODA, private (xã hội hóa), public–private partnership */
export const FUNDING_SOURCES = ['central', 'provincial', 'oda', 'private', 'ppp'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

/** Vietnamese labels, shared by the server (Excel templates, exports, messages) and the web. */
export const PROGRAMME_STATUS_LABELS = {
  ongoing: 'Đang thực hiện',
  ended: 'Đã kết thúc',
  planned: 'Dự kiến',
} as const satisfies Record<ProgrammeStatus, string>;
export const POLICY_STATUS_LABELS = {
  active: 'Đang áp dụng',
  expired: 'Hết hiệu lực',
  upcoming: 'Sắp áp dụng',
} as const satisfies Record<PolicyStatus, string>;
export const FUNDING_SOURCE_LABELS = {
  central: 'Ngân sách trung ương',
  provincial: 'Ngân sách tỉnh',
  oda: 'Vốn ODA',
  private: 'Xã hội hóa (tư nhân)',
  ppp: 'Đối tác công tư (PPP)',
} as const satisfies Record<FundingSource, string>;

/** Years a programme or budget line may name. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
/** VND amounts: whole đồng, exact in a JavaScript number (9 triệu tỷ đồng). */
export const MAX_VND = Number.MAX_SAFE_INTEGER;

const year = z.number().int().min(MIN_YEAR).max(MAX_YEAR);
const vnd = z.number().int().min(0).max(MAX_VND);

/** The document a programme or policy rests on: number, date, issuing body (all optional). */
export const ZLegalBasis = z.object({
  number: z.string().nullable(),
  date: z.string().nullable(),
  issuer: z.string().nullable(),
});
export type TLegalBasis = z.infer<typeof ZLegalBasis>;

const ZLegalBasisInput = z.strictObject({
  number: optionalText(LIMITS.codeLength * 2),
  date: isoDate.nullable().optional(),
  issuer: optionalText(LIMITS.nameLength),
});

export const ZPlanItemRef = z.object({ id: z.string(), code: z.string(), title: z.string() });
export const ZProgrammeRef = z.object({ id: z.string(), code: z.string(), name: z.string() });

// ---------------------------------------------------------------- programmes

export const programmeCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9._/-]{0,39}$/, {
    message:
      'Mã chương trình gồm chữ in hoa không dấu, số, dấu chấm, gạch ngang, gạch chéo; tối đa 40 ký tự.',
  });

export const ZProgramme = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  legalBasis: ZLegalBasis,
  ownerOrgUnit: ZOrgUnitRef.nullable(),
  planItems: z.array(ZPlanItemRef),
  fromYear: z.number().int().nullable(),
  toYear: z.number().int().nullable(),
  description: z.string().nullable(),
  status: z.enum(PROGRAMME_STATUSES),
  isPublic: z.boolean(),
  archived: z.boolean(),
  /** sums of its budget lines */
  allocated: z.number(),
  disbursed: z.number(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type TProgramme = z.infer<typeof ZProgramme>;

const programmeFields = {
  name: requiredText(LIMITS.titleLength),
  legalBasis: ZLegalBasisInput.optional(),
  ownerOrgUnitId: id.nullable().optional(),
  planItemIds: z.array(id).max(500).optional(),
  fromYear: year.nullable().optional(),
  toYear: year.nullable().optional(),
  description: optionalText(LIMITS.textLength),
  status: z.enum(PROGRAMME_STATUSES).optional(),
  isPublic: z.boolean().optional(),
};

export const ZCreateProgrammeRequest = z.strictObject({ code: programmeCode, ...programmeFields });
export type TCreateProgrammeRequest = z.infer<typeof ZCreateProgrammeRequest>;
export const ZUpdateProgrammeRequest = z.strictObject({
  version: z.number().int().min(1),
  ...programmeFields,
  name: programmeFields.name.optional(),
});
export type TUpdateProgrammeRequest = z.infer<typeof ZUpdateProgrammeRequest>;

export const ZListProgrammesQuery = ZPageQuery.extend({
  q: z.string().max(LIMITS.searchLength).optional(),
  status: z.enum(PROGRAMME_STATUSES).optional(),
  isPublic: queryBoolean.optional(),
  archived: queryBoolean.optional(),
});
export type TListProgrammesQuery = z.infer<typeof ZListProgrammesQuery>;
export const ZProgrammeList = page(ZProgramme);

// ---------------------------------------------------------------- support policies

export const ZPolicy = z.object({
  id: z.string(),
  name: z.string(),
  legalBasis: ZLegalBasis,
  eligibility: z.string(),
  supportLevel: z.string(),
  maxAmount: z.number().nullable(),
  maxPercent: z.number().nullable(),
  howToApply: z.string().nullable(),
  applyAt: z.string().nullable(),
  /** null: applications accepted at any time ("thường xuyên") */
  deadline: z.string().nullable(),
  contact: z.object({
    office: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  }),
  status: z.enum(POLICY_STATUSES),
  programme: ZProgrammeRef.nullable(),
  ownerOrgUnit: ZOrgUnitRef.nullable(),
  isPublic: z.boolean(),
  archived: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type TPolicy = z.infer<typeof ZPolicy>;

/** An office's phone: digits, spaces, dots, dashes, parentheses and a leading +. */
const phone = plainString()
  .trim()
  .max(40)
  .regex(/^(\+?[0-9 .()-]{6,40})?$/, {
    message: 'Số điện thoại chỉ gồm chữ số, dấu cách, dấu chấm, gạch ngang.',
  })
  .transform((s) => s || null)
  .nullable()
  .optional();
const email = z
  .union([z.literal(''), z.email({ error: 'Địa chỉ thư điện tử không hợp lệ.' }).max(LIMITS.nameLength)])
  .transform((s) => s || null)
  .nullable()
  .optional();

const policyFields = {
  legalBasis: ZLegalBasisInput.optional(),
  supportLevel: requiredText(LIMITS.textLength),
  maxAmount: vnd.nullable().optional(),
  maxPercent: z.number().min(0).max(100).nullable().optional(),
  howToApply: optionalText(LIMITS.textLength),
  applyAt: optionalText(LIMITS.titleLength),
  deadline: isoDate.nullable().optional(),
  /** an office's contact, never a person's: see the form's help */
  contact: z.strictObject({ office: optionalText(LIMITS.nameLength), phone, email }).optional(),
  status: z.enum(POLICY_STATUSES).optional(),
  programmeId: id.nullable().optional(),
  ownerOrgUnitId: id.nullable().optional(),
  isPublic: z.boolean().optional(),
};

export const ZCreatePolicyRequest = z.strictObject({
  name: requiredText(LIMITS.titleLength),
  eligibility: requiredText(LIMITS.textLength),
  ...policyFields,
});
export type TCreatePolicyRequest = z.infer<typeof ZCreatePolicyRequest>;
export const ZUpdatePolicyRequest = z.strictObject({
  version: z.number().int().min(1),
  name: requiredText(LIMITS.titleLength).optional(),
  eligibility: requiredText(LIMITS.textLength).optional(),
  ...policyFields,
  supportLevel: policyFields.supportLevel.optional(),
});
export type TUpdatePolicyRequest = z.infer<typeof ZUpdatePolicyRequest>;

export const ZListPoliciesQuery = ZPageQuery.extend({
  q: z.string().max(LIMITS.searchLength).optional(),
  status: z.enum(POLICY_STATUSES).optional(),
  programmeId: id.optional(),
  isPublic: queryBoolean.optional(),
  archived: queryBoolean.optional(),
});
export type TListPoliciesQuery = z.infer<typeof ZListPoliciesQuery>;
export const ZPolicyList = page(ZPolicy);

// ---------------------------------------------------------------- budget lines

export const ZBudgetLine = z.object({
  id: z.string(),
  programme: ZProgrammeRef.nullable(),
  planItem: ZPlanItemRef.nullable(),
  year: z.number().int(),
  source: z.enum(FUNDING_SOURCES),
  allocated: z.number(),
  disbursed: z.number(),
  /**
   * disbursed above allocated: allowed (money carried over from an earlier year's allocation is
   * disbursed this year), shown as a warning
   */
  overDisbursed: z.boolean(),
  note: z.string().nullable(),
  isPublic: z.boolean(),
  version: z.number().int(),
});
export type TBudgetLine = z.infer<typeof ZBudgetLine>;

export const ZCreateBudgetLineRequest = z.strictObject({
  programmeId: id.nullable().optional(),
  planItemId: id.nullable().optional(),
  year,
  source: z.enum(FUNDING_SOURCES),
  allocated: vnd,
  disbursed: vnd.optional(),
  note: optionalText(LIMITS.textLength),
  isPublic: z.boolean().optional(),
});
export type TCreateBudgetLineRequest = z.infer<typeof ZCreateBudgetLineRequest>;
export const ZUpdateBudgetLineRequest = z.strictObject({
  version: z.number().int().min(1),
  year: year.optional(),
  source: z.enum(FUNDING_SOURCES).optional(),
  allocated: vnd.optional(),
  disbursed: vnd.optional(),
  note: optionalText(LIMITS.textLength),
  isPublic: z.boolean().optional(),
});
export type TUpdateBudgetLineRequest = z.infer<typeof ZUpdateBudgetLineRequest>;

export const ZListBudgetLinesQuery = ZPageQuery.extend({
  programmeId: id.optional(),
  planItemId: id.optional(),
  year: z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR).optional(),
  source: z.enum(FUNDING_SOURCES).optional(),
});
export type TListBudgetLinesQuery = z.infer<typeof ZListBudgetLinesQuery>;

/** Sums by year and by source of the lines listed (all pages). */
export const ZBudgetTotals = z.object({
  allocated: z.number(),
  disbursed: z.number(),
  byYear: z.array(z.object({ year: z.number().int(), allocated: z.number(), disbursed: z.number() })),
  bySource: z.array(
    z.object({ source: z.enum(FUNDING_SOURCES), allocated: z.number(), disbursed: z.number() }),
  ),
});
export type TBudgetTotals = z.infer<typeof ZBudgetTotals>;
export const ZBudgetLineList = page(ZBudgetLine).extend({ totals: ZBudgetTotals });

// ---------------------------------------------------------------- Excel import

export const CATALOGUE_SHEETS = ['programmes', 'policies', 'budgetLines'] as const;
export type CatalogueSheet = (typeof CATALOGUE_SHEETS)[number];

export const ZCatalogueImportIssue = z.object({
  severity: z.enum(['error', 'warning']),
  sheet: z.enum(CATALOGUE_SHEETS),
  /** the row in the sheet (1-based), null for the sheet as a whole */
  row: z.number().int().nullable(),
  /** the column's Vietnamese header */
  column: z.string().nullable(),
  /** Vietnamese, naming the sheet, row and column */
  message: z.string(),
});
export type TCatalogueImportIssue = z.infer<typeof ZCatalogueImportIssue>;

export const ZCatalogueImportPreview = z.object({
  counts: z.object({
    programmes: z.object({ create: z.number().int(), update: z.number().int() }),
    policies: z.object({ create: z.number().int(), update: z.number().int() }),
    budgetLines: z.object({ create: z.number().int(), update: z.number().int() }),
  }),
  issues: z.array(ZCatalogueImportIssue),
  /** true when no issue is an error: the same file may be imported */
  ok: z.boolean(),
});
export type TCatalogueImportPreview = z.infer<typeof ZCatalogueImportPreview>;

// ---------------------------------------------------------------- public reading

/** What the public portal may show of a programme: no note, no flags, no user. */
export const ZPublicProgramme = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  legalBasis: ZLegalBasis,
  ownerUnit: z.object({ code: z.string(), name: z.string() }).nullable(),
  planItems: z.array(z.object({ id: z.string(), planId: z.string(), code: z.string(), title: z.string() })),
  fromYear: z.number().int().nullable(),
  toYear: z.number().int().nullable(),
  description: z.string().nullable(),
  status: z.enum(PROGRAMME_STATUSES),
  updatedAt: z.string(),
});
export type PublicProgramme = z.infer<typeof ZPublicProgramme>;

export const ZPublicPolicy = z.object({
  id: z.string(),
  name: z.string(),
  legalBasis: ZLegalBasis,
  eligibility: z.string(),
  supportLevel: z.string(),
  maxAmount: z.number().nullable(),
  maxPercent: z.number().nullable(),
  howToApply: z.string().nullable(),
  applyAt: z.string().nullable(),
  /** null: "thường xuyên" (applications at any time) */
  deadline: z.string().nullable(),
  /** an office's contact (the form refuses a person's private data) */
  contact: z.object({
    office: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  }),
  status: z.enum(POLICY_STATUSES),
  /** the programme, when it is public too */
  programmeId: z.string().nullable(),
  ownerUnit: z.object({ code: z.string(), name: z.string() }).nullable(),
  /** f_search-folded name, eligibility and level, for a diacritics-insensitive search */
  searchText: z.string(),
  updatedAt: z.string(),
});
export type PublicPolicy = z.infer<typeof ZPublicPolicy>;

export const ZPublicBudgetLine = z.object({
  id: z.string(),
  /** a public programme, or null (a line of a plan task only) */
  programmeId: z.string().nullable(),
  planItem: z.object({ id: z.string(), planId: z.string(), code: z.string(), title: z.string() }).nullable(),
  year: z.number().int(),
  source: z.enum(FUNDING_SOURCES),
  allocated: z.number(),
  disbursed: z.number(),
});
export type PublicBudgetLine = z.infer<typeof ZPublicBudgetLine>;

export const ZPublicCatalogue = z.object({
  programmes: z.array(ZPublicProgramme),
  policies: z.array(ZPublicPolicy),
  budgetLines: z.array(ZPublicBudgetLine),
});
export type PublicCatalogue = z.infer<typeof ZPublicCatalogue>;

/** Which list an Excel template, export or import is about (one sheet each). */
export const ZCatalogueKindQuery = z.strictObject({ kind: z.enum(CATALOGUE_SHEETS) });
export type TCatalogueKindQuery = z.infer<typeof ZCatalogueKindQuery>;
