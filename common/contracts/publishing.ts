/**
 * Publishing (server/modules/publishing) and the public portal (server/modules/public-site): a
 * publication freezes, per dataset, the rows the public may see. The row shapes below are the
 * whitelist: a snapshot is parsed through them, so a field not named here (a note, a user id, a
 * person's name) never reaches a snapshot, whatever its source returns.
 */
import { z } from 'zod';
import { ITEM_STATUSES } from '../enums';
import { optionalText, plainString } from './fields';

export const PUBLICATION_STATUSES = ['current', 'superseded', 'withdrawn'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];

/** Dataset ids, as they appear in public URLs (/api/public/datasets/chi-tieu.csv). */
export const PUBLIC_DATASETS = [
  'nhiem-vu',
  'chi-tieu',
  'chuong-trinh',
  'chinh-sach',
  'ngan-sach',
  'bao-cao',
] as const;
export type PublicDataset = (typeof PUBLIC_DATASETS)[number];

export const DATASET_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

const cell = z.union([z.string(), z.number(), z.null()]);

/** A public plan task (only items the secretariat marked public), placed under its top-level group. */
export const ZPublicTaskRow = z.object({
  plan: z.string(),
  groupCode: z.string().nullable(),
  groupTitle: z.string().nullable(),
  code: z.string(),
  title: z.string(),
  leadUnit: z.string().nullable(),
  deadline: z.string().nullable(),
  progress: z.number(),
  status: z.enum(ITEM_STATUSES),
  completedOn: z.string().nullable(),
});

/** One year of a headline indicator's path: the target (or baseline, or a year between) and the province's figure. */
export const ZPublicIndicatorRow = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  direction: z.enum(['higher_is_better', 'lower_is_better']),
  year: z.number().int(),
  target: z.number().nullable(),
  targetKind: z.enum(['baseline', 'target', 'interpolated']).nullable(),
  actual: z.number().nullable(),
});

export const ZPublicProgrammeRow = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  legalBasisNumber: z.string().nullable(),
  legalBasisDate: z.string().nullable(),
  legalBasisIssuer: z.string().nullable(),
  ownerUnit: z.string().nullable(),
  fromYear: z.number().nullable(),
  toYear: z.number().nullable(),
  status: z.string(),
  description: z.string().nullable(),
  /** codes of the public plan tasks it funds, "1.2; 3.4" */
  taskCodes: z.string(),
});

export const ZPublicPolicyRow = z.object({
  id: z.string(),
  name: z.string(),
  legalBasisNumber: z.string().nullable(),
  legalBasisDate: z.string().nullable(),
  legalBasisIssuer: z.string().nullable(),
  eligibility: z.string(),
  supportLevel: z.string(),
  maxAmount: z.number().nullable(),
  maxPercent: z.number().nullable(),
  howToApply: z.string().nullable(),
  applyAt: z.string().nullable(),
  deadline: z.string().nullable(),
  contactOffice: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  status: z.string(),
  programmeId: z.string().nullable(),
  ownerUnit: z.string().nullable(),
});

export const ZPublicBudgetRow = z.object({
  id: z.string(),
  year: z.number().int(),
  source: z.string(),
  programmeId: z.string().nullable(),
  programmeCode: z.string().nullable(),
  programmeName: z.string().nullable(),
  /** a public plan task only; a line of an unpublished task keeps its amounts, not the task */
  taskCode: z.string().nullable(),
  taskTitle: z.string().nullable(),
  allocated: z.number(),
  disbursed: z.number(),
});

/** An issued report of the province (the signer's name stays in the PDF, not in the data). */
export const ZPublicReportRow = z.object({
  id: z.string(),
  title: z.string(),
  symbol: z.string(),
  number: z.string(),
  issuedOn: z.string(),
  period: z.string(),
  issuingBody: z.string(),
});

export const DATASET_ROWS = {
  'nhiem-vu': ZPublicTaskRow,
  'chi-tieu': ZPublicIndicatorRow,
  'chuong-trinh': ZPublicProgrammeRow,
  'chinh-sach': ZPublicPolicyRow,
  'ngan-sach': ZPublicBudgetRow,
  'bao-cao': ZPublicReportRow,
} as const satisfies Record<PublicDataset, z.ZodObject>;

export type TPublicTaskRow = z.infer<typeof ZPublicTaskRow>;
export type TPublicIndicatorRow = z.infer<typeof ZPublicIndicatorRow>;
export type TPublicProgrammeRow = z.infer<typeof ZPublicProgrammeRow>;
export type TPublicPolicyRow = z.infer<typeof ZPublicPolicyRow>;
export type TPublicBudgetRow = z.infer<typeof ZPublicBudgetRow>;
export type TPublicReportRow = z.infer<typeof ZPublicReportRow>;
export type DatasetRows = { [K in PublicDataset]: z.infer<(typeof DATASET_ROWS)[K]>[] };

/** Vietnamese titles and descriptions (the open-data page, the DCAT catalogue, the secretariat's screen). */
export const DATASET_INFO = {
  'nhiem-vu': {
    title: 'Tiến độ nhiệm vụ của kế hoạch',
    description:
      'Các nhiệm vụ đã được công khai của kế hoạch hành động, theo nhóm: đơn vị chủ trì, thời hạn, tiến độ (%) và tình trạng.',
  },
  'chi-tieu': {
    title: 'Chỉ tiêu chủ yếu và lộ trình mục tiêu',
    description:
      'Chỉ tiêu chủ yếu của tỉnh: số gốc, chỉ tiêu từng năm (lộ trình, gồm các năm nội suy) và kết quả của toàn tỉnh theo năm.',
  },
  'chuong-trinh': {
    title: 'Chương trình, đề án, dự án',
    description:
      'Các chương trình, đề án, dự án thực hiện kế hoạch: căn cứ pháp lý, đơn vị phụ trách, thời gian, tình trạng, nhiệm vụ liên quan.',
  },
  'chinh-sach': {
    title: 'Chính sách hỗ trợ',
    description:
      'Chính sách hỗ trợ người dân và doanh nghiệp: căn cứ pháp lý, đối tượng, mức hỗ trợ, cách thức và nơi nộp hồ sơ, thời hạn, đầu mối liên hệ của cơ quan.',
  },
  'ngan-sach': {
    title: 'Ngân sách theo chương trình và nhiệm vụ',
    description:
      'Vốn được giao và đã giải ngân theo năm và theo nguồn (ngân sách trung ương, ngân sách tỉnh, ODA, xã hội hóa, PPP), theo chương trình và nhiệm vụ.',
  },
  'bao-cao': {
    title: 'Báo cáo định kỳ đã ban hành',
    description: 'Danh sách báo cáo định kỳ của tỉnh đã ban hành, kèm tệp PDF.',
  },
} as const satisfies Record<PublicDataset, { title: string; description: string }>;

/** The licence of every public dataset. */
export const OPEN_LICENCE = {
  name: 'Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)',
  url: 'https://creativecommons.org/licenses/by/4.0/',
} as const;

// ---------------------------------------------------------------- the secretariat's side

export const ZPublication = z.object({
  id: z.string(),
  number: z.number().int(),
  status: z.enum(PUBLICATION_STATUSES),
  note: z.string().nullable(),
  publishedAt: z.string(),
  endedAt: z.string().nullable(),
  datasets: z.array(z.object({ dataset: z.enum(PUBLIC_DATASETS), rowCount: z.number().int() })),
});
export type TPublication = z.infer<typeof ZPublication>;
export const ZPublicationList = z.object({ items: z.array(ZPublication) });
export type TPublicationList = z.infer<typeof ZPublicationList>;

/** What a new publication would hold, against the current one: counts per dataset. */
export const ZPublicationPreview = z.object({
  current: z.object({ id: z.string(), number: z.number().int() }).nullable(),
  datasets: z.array(
    z.object({
      dataset: z.enum(PUBLIC_DATASETS),
      rowCount: z.number().int(),
      currentCount: z.number().int(),
      added: z.number().int(),
      removed: z.number().int(),
      changed: z.number().int(),
    }),
  ),
});
export type TPublicationPreview = z.infer<typeof ZPublicationPreview>;

export const ZCreatePublicationRequest = z.strictObject({ note: optionalText(500) });
export type TCreatePublicationRequest = z.infer<typeof ZCreatePublicationRequest>;
export const ZWithdrawPublicationRequest = z.strictObject({ note: optionalText(500) });
export type TWithdrawPublicationRequest = z.infer<typeof ZWithdrawPublicationRequest>;

/** A plan item with its public flag, for the secretariat's choice of what the public sees. */
export const ZPublicFlagItem = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: z.string(),
  code: z.string(),
  title: z.string(),
  isPublic: z.boolean(),
});
export const ZPublicFlagList = z.object({ items: z.array(ZPublicFlagItem) });
export type TPublicFlagItem = z.infer<typeof ZPublicFlagItem>;
export type TPublicFlagList = z.infer<typeof ZPublicFlagList>;
export const ZPublicFlagQuery = z.strictObject({ planId: z.uuid() });
export const ZSetPublicFlagsRequest = z.strictObject({
  planId: z.uuid(),
  itemIds: z.array(z.uuid()).min(1).max(5000),
  isPublic: z.boolean(),
});
export type TSetPublicFlagsRequest = z.infer<typeof ZSetPublicFlagsRequest>;
export const ZSetPublicFlagsResponse = z.object({ changed: z.number().int() });

// ---------------------------------------------------------------- the public API

export const ZPublicationStamp = z.object({ number: z.number().int(), publishedAt: z.string() });

export const ZPublicDatasetInfo = z.object({
  id: z.enum(PUBLIC_DATASETS),
  title: z.string(),
  description: z.string(),
  rowCount: z.number().int(),
  distributions: z.array(
    z.object({ format: z.enum(DATASET_FORMATS), mediaType: z.string(), downloadURL: z.string() }),
  ),
});
export const ZPublicDatasetList = z.object({
  publication: ZPublicationStamp.nullable(),
  licence: z.object({ name: z.string(), url: z.string() }),
  datasets: z.array(ZPublicDatasetInfo),
});
export type TPublicDatasetList = z.infer<typeof ZPublicDatasetList>;

export const ZPublicDatasetParams = z.strictObject({ dataset: z.enum(PUBLIC_DATASETS) });
export const ZPublicDataset = z.object({
  id: z.enum(PUBLIC_DATASETS),
  title: z.string(),
  publication: ZPublicationStamp,
  licence: z.string(),
  rows: z.array(z.record(z.string(), cell)),
});

export const ZPublicCatalogueQuery = z.strictObject({
  q: plainString().max(200).optional(),
  loai: z.enum(['chuong-trinh', 'chinh-sach']).optional(),
  'trang-thai': plainString().max(40).optional(),
});
export const ZPublicProgrammeDetail = z.object({
  programme: ZPublicProgrammeRow,
  tasks: z.array(ZPublicTaskRow),
  policies: z.array(ZPublicPolicyRow),
  budget: z.array(ZPublicBudgetRow),
});
export const ZPublicPolicyDetail = z.object({
  policy: ZPublicPolicyRow,
  programme: ZPublicProgrammeRow.nullable(),
});
export const ZPublicBudget = z.object({
  publication: ZPublicationStamp,
  lines: z.array(ZPublicBudgetRow),
});
export const ZPublicIdParams = z.strictObject({ id: z.uuid() });
