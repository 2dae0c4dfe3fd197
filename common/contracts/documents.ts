import { z } from 'zod';
import { ATTAINMENTS, ITEM_STATUSES } from '../enums';
import { LIMITS } from '../limits';
import { id, isoDate, requiredText, text, ZVersioned } from './fields';

/**
 * Administrative documents built from a round's accepted reports: the periodic report in the
 * layout of Decree 30/2020/NĐ-CP Appendix I (state bodies) or of guide 36-HD/VPTW (Party bodies).
 * A document is a draft the secretariat edits; issuing it keeps an immutable version with its file.
 */
export const DOCUMENT_HEADER_STYLES = ['state', 'party'] as const;
export type DocumentHeaderStyle = (typeof DOCUMENT_HEADER_STYLES)[number];

/**
 * The sections of the report, in order. `group` repeats: the results of one group of tasks.
 * `indicators` is followed by the indicator table, drawn from the document's data.
 */
export const DOCUMENT_SECTION_KINDS = [
  'overall',
  'results',
  'group',
  'indicators',
  'obstacles',
  'proposals',
  'next_tasks',
] as const;
export type DocumentSectionKind = (typeof DOCUMENT_SECTION_KINDS)[number];

export const DOCUMENT_LIMITS = {
  sectionBody: 20_000,
  sections: 60,
  recipients: 30,
  line: 300,
} as const;

/** Task progress grouped as the report says it: done (also late), in progress, behind schedule. */
export const TASK_OUTCOMES = ['done', 'in_progress', 'late'] as const;
export type TaskOutcome = (typeof TASK_OUTCOMES)[number];

const line = (max: number = DOCUMENT_LIMITS.line) => requiredText(max);

/** A section as stored and answered. */
export const ZDocumentSection = z.object({
  kind: z.enum(DOCUMENT_SECTION_KINDS),
  heading: z.string(),
  /** paragraphs separated by line breaks; a line starting with "- " is a list line */
  body: z.string(),
});
export type TDocumentSection = z.infer<typeof ZDocumentSection>;

/** A section as an edit sends it (trimmed, NFC, limits). */
export const ZDocumentSectionInput = z.strictObject({
  kind: z.enum(DOCUMENT_SECTION_KINDS),
  heading: line(LIMITS.titleLength),
  body: text(DOCUMENT_LIMITS.sectionBody),
});

/** The header and closing fields a draft keeps (number, date and signer are given at issue), as an edit sends them. */
export const ZDocumentHeaderInput = z.strictObject({
  style: z.enum(DOCUMENT_HEADER_STYLES),
  /** the body above the issuer, e.g. "UBND TỈNH NGHỆ AN" or "TỈNH ỦY NGHỆ AN" */
  parentBody: text(DOCUMENT_LIMITS.line),
  /** e.g. "SỞ KHOA HỌC VÀ CÔNG NGHỆ" */
  issuingBody: line(),
  /** the part of the number after the slash: "BC-SKHCN" (state) or "BC/BCĐ" (Party: "Số 05-BC/BCĐ") */
  symbol: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .regex(/^[\p{L}\d./&-]+$/u, 'Chỉ gồm chữ, số và các dấu . / - &.')
    .transform((s) => s.normalize('NFC')),
  place: line(100),
  /** the summary line under "BÁO CÁO" */
  summary: line(LIMITS.titleLength),
  recipients: z.array(line()).max(DOCUMENT_LIMITS.recipients),
});

/** The header as stored and answered. */
export const ZDocumentHeader = z.object({
  style: z.enum(DOCUMENT_HEADER_STYLES),
  parentBody: z.string(),
  issuingBody: z.string(),
  symbol: z.string(),
  place: z.string(),
  summary: z.string(),
  recipients: z.array(z.string()),
});
export type TDocumentHeader = z.infer<typeof ZDocumentHeader>;

export const ZDocumentSignerInput = z.strictObject({
  /** e.g. "KT. GIÁM ĐỐC", "TM. BAN CHỈ ĐẠO", empty when the head signs in their own name */
  authority: text(100),
  /** e.g. "PHÓ GIÁM ĐỐC" */
  title: line(100),
  name: line(100),
});
export const ZDocumentSigner = z.object({ authority: z.string(), title: z.string(), name: z.string() });
export type TDocumentSigner = z.infer<typeof ZDocumentSigner>;

/** One task as the accepted reports leave it. */
export const ZDocumentTask = z.object({
  code: z.string(),
  title: z.string(),
  /** the top-level group it belongs to */
  groupCode: z.string().nullable(),
  groupTitle: z.string().nullable(),
  lead: z.string().nullable(),
  deadline: z.string().nullable(),
  progress: z.number(),
  status: z.enum(ITEM_STATUSES),
  outcome: z.enum(TASK_OUTCOMES),
  /** results, obstacles and proposals the accepted reports give, each prefixed with its unit */
  results: z.array(z.string()),
  obstacles: z.array(z.string()),
  proposals: z.array(z.string()),
});
export type TDocumentTask = z.infer<typeof ZDocumentTask>;

export const ZDocumentIndicator = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  /** the figure of the round's period */
  periodValue: z.number().nullable(),
  yearTarget: z.number().nullable(),
  yearActual: z.number().nullable(),
  attainment: z.enum(ATTAINMENTS),
});
export type TDocumentIndicator = z.infer<typeof ZDocumentIndicator>;

/** What the document was built from, frozen at generation (issued versions keep their own copy). */
export const ZDocumentData = z.object({
  round: z.object({ id: z.string(), title: z.string(), period: z.string(), periodLabel: z.string() }),
  plan: z.object({ number: z.string(), title: z.string() }),
  /** null: the province's report; else the unit whose own report this is */
  orgUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** units whose reports were accepted, of those that had to report */
  acceptedReports: z.number().int(),
  expectedReports: z.number().int(),
  tasks: z.array(ZDocumentTask),
  indicators: z.array(ZDocumentIndicator),
  /** the day the figures were read (Vietnam) */
  asOf: z.string(),
});
export type TDocumentData = z.infer<typeof ZDocumentData>;

/** Everything a .docx is drawn from: a draft's, or an issued version's frozen copy. */
export const ZDocumentContent = z.object({
  header: ZDocumentHeader,
  sections: z.array(ZDocumentSection),
  data: ZDocumentData,
  /** absent on a draft (shown as "Số: …/BC-…" and dotted place holders) */
  issue: z.object({ number: z.string(), issuedOn: z.string(), signer: ZDocumentSigner }).nullable(),
});
export type TDocumentContent = z.infer<typeof ZDocumentContent>;

export const ZDocumentVersion = z.object({
  no: z.number().int(),
  number: z.string(),
  symbol: z.string(),
  issuedOn: z.string(),
  signer: ZDocumentSigner,
  issuedBy: z.string().nullable(),
  issuedAt: z.string(),
  /** SHA-256 of the stored .docx */
  sha256: z.string(),
  size: z.number().int(),
});
export type TDocumentVersion = z.infer<typeof ZDocumentVersion>;

export const DOCUMENT_ACTIONS = ['edit', 'issue'] as const;
export type DocumentAction = (typeof DOCUMENT_ACTIONS)[number];

export const ZDocument = z.object({
  id: z.string(),
  roundId: z.string(),
  orgUnitId: z.string().nullable(),
  header: ZDocumentHeader,
  sections: z.array(ZDocumentSection),
  data: ZDocumentData,
  version: z.number().int(),
  updatedAt: z.string(),
  versions: z.array(ZDocumentVersion),
  actions: z.array(z.enum(DOCUMENT_ACTIONS)),
});
export type TDocument = z.infer<typeof ZDocument>;

export const ZDocumentSummary = z.object({
  id: z.string(),
  roundId: z.string(),
  orgUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
  summary: z.string(),
  style: z.enum(DOCUMENT_HEADER_STYLES),
  updatedAt: z.string(),
  issuedVersions: z.number().int(),
  lastIssued: z.object({ number: z.string(), symbol: z.string(), issuedOn: z.string() }).nullable(),
});
export type TDocumentSummary = z.infer<typeof ZDocumentSummary>;
export const ZDocumentList = z.object({ items: z.array(ZDocumentSummary) });
export type TDocumentList = z.infer<typeof ZDocumentList>;

export const ZListDocumentsQuery = z.strictObject({ roundId: id });

export const ZCreateDocumentRequest = z.strictObject({
  roundId: id,
  /** absent or null: the province's report; else that unit's own report */
  orgUnitId: id.nullish(),
  style: z.enum(DOCUMENT_HEADER_STYLES).default('state'),
});
export type TCreateDocumentRequest = z.input<typeof ZCreateDocumentRequest>;

export const ZUpdateDocumentRequest = ZVersioned.extend({
  header: ZDocumentHeaderInput.optional(),
  sections: z.array(ZDocumentSectionInput).min(1).max(DOCUMENT_LIMITS.sections).optional(),
}).strict();
export type TUpdateDocumentRequest = z.input<typeof ZUpdateDocumentRequest>;

export const ZIssueDocumentRequest = ZVersioned.extend({
  /** the register's number, e.g. "05" */
  number: z
    .string()
    .trim()
    .regex(/^\d{1,6}[a-zA-Z]?$/, 'Số văn bản chỉ gồm chữ số (ví dụ 05).'),
  issuedOn: isoDate,
  signer: ZDocumentSignerInput,
}).strict();
export type TIssueDocumentRequest = z.input<typeof ZIssueDocumentRequest>;

export const ZDocumentVersionParams = z.strictObject({ id, no: z.coerce.number().int().min(1).max(100_000) });
