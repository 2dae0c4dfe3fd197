/**
 * The words of a report document, the same for every rendering (.docx and .pdf): which lines go in
 * the header, the paragraphs of a section, the indicator table's cells, "Nơi nhận" and the
 * signature. Each builder only decides how they look.
 */
import type {
  TDocumentContent,
  TDocumentIndicator,
  TDocumentSection,
} from '../../../common/contracts/documents';
import { ATTAINMENT_LABELS, documentDate, formatNumber } from './format';

/** "Số: 05/BC-SKHCN" (state) or "Số 05-BC/BCĐ" (Party); a draft leaves the number open. */
export function numberLine(content: TDocumentContent): string {
  const number = content.issue?.number ?? '     ';
  return content.header.style === 'party'
    ? `Số ${number}-${content.header.symbol}`
    : `Số: ${number}/${content.header.symbol}`;
}

/** "Nghệ An, ngày 05 tháng 01 năm 2026"; a draft leaves day and month open. */
export function placeDateLine(content: TDocumentContent): string {
  const { place } = content.header;
  if (content.issue) return `${place}, ${documentDate(content.issue.issuedOn)}`;
  return `${place}, ngày      tháng      năm ${content.data.asOf.slice(0, 4)}`;
}

/** A section's text, one paragraph per non-empty line. */
export const sectionParagraphs = (section: TDocumentSection): string[] =>
  section.body
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** Whether the indicator table follows this section. */
export const hasIndicatorTable = (content: TDocumentContent, section: TDocumentSection) =>
  section.kind === 'indicators' && content.data.indicators.length > 0;

export const INDICATOR_HEADINGS = [
  'STT',
  'Chỉ tiêu',
  'Đơn vị tính',
  'Kết quả trong kỳ',
  'Chỉ tiêu năm',
  'Thực hiện năm',
  'Đánh giá',
];

export type CellAlign = 'left' | 'center' | 'right';
/** How each column of the indicator table is aligned: names left, figures right, the rest centred. */
export const INDICATOR_ALIGN: CellAlign[] = ['center', 'left', 'center', 'right', 'right', 'right', 'center'];

export const indicatorCells = (indicator: TDocumentIndicator, index: number): string[] => [
  String(index + 1),
  indicator.name,
  indicator.unit,
  formatNumber(indicator.periodValue),
  formatNumber(indicator.yearTarget),
  formatNumber(indicator.yearActual),
  ATTAINMENT_LABELS[indicator.attainment],
];

/** "- Như trên;" …: the recipients, each a dash line. */
export const recipientLines = (content: TDocumentContent) => content.header.recipients.map((r) => `- ${r}`);

export interface SignatureLine {
  text: string;
  bold?: boolean;
  italics?: boolean;
  /** the room for the signature and the seal follows this line */
  room?: boolean;
}

/** The signer's authority (if any), title, the room to sign, and the name; a draft shows placeholders. */
export function signatureLines(content: TDocumentContent): SignatureLine[] {
  const signer = content.issue?.signer;
  return [
    ...(signer?.authority ? [{ text: signer.authority.toUpperCase(), bold: true }] : []),
    { text: (signer?.title ?? '(Chức vụ người ký)').toUpperCase(), bold: true },
    { text: signer ? '' : '(Ký, đóng dấu)', italics: true, room: true },
    { text: signer?.name ?? '(Họ và tên)', bold: true },
  ];
}
