/**
 * A dataset's rows as CSV or XLSX. CSV keeps the JSON field names as its header (what a program
 * reads), in UTF-8 with a BOM so that Excel shows Vietnamese right; XLSX, for people, heads its
 * columns in Vietnamese. Both come from the frozen rows, so each is the same bytes every time
 * (the XLSX's zip entries and properties carry the publication's date, not the clock's): their
 * ETag is a strong one.
 */
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { DATASET_INFO, DATASET_ROWS, type PublicDataset } from '../../../common/contracts/publishing';

export const COLUMN_LABELS: Record<string, string> = {
  plan: 'Kế hoạch',
  groupCode: 'Mã nhóm',
  groupTitle: 'Nhóm nhiệm vụ',
  code: 'Mã',
  title: 'Tên',
  leadUnit: 'Đơn vị chủ trì',
  deadline: 'Thời hạn',
  progress: 'Tiến độ (%)',
  status: 'Tình trạng',
  completedOn: 'Ngày hoàn thành',
  name: 'Tên',
  unit: 'Đơn vị tính',
  direction: 'Chiều tốt',
  year: 'Năm',
  target: 'Chỉ tiêu',
  targetKind: 'Loại mốc',
  actual: 'Kết quả',
  id: 'Mã định danh',
  legalBasisNumber: 'Số văn bản căn cứ',
  legalBasisDate: 'Ngày văn bản',
  legalBasisIssuer: 'Cơ quan ban hành',
  ownerUnit: 'Cơ quan phụ trách',
  fromYear: 'Từ năm',
  toYear: 'Đến năm',
  description: 'Mô tả',
  taskCodes: 'Nhiệm vụ liên quan',
  eligibility: 'Đối tượng',
  supportLevel: 'Mức hỗ trợ',
  maxAmount: 'Mức tối đa (đồng)',
  maxPercent: 'Tỷ lệ tối đa (%)',
  howToApply: 'Cách thức nộp hồ sơ',
  applyAt: 'Nơi nộp hồ sơ',
  contactOffice: 'Cơ quan đầu mối',
  contactPhone: 'Điện thoại cơ quan',
  contactEmail: 'Thư điện tử cơ quan',
  programmeId: 'Mã định danh chương trình',
  programmeCode: 'Mã chương trình',
  programmeName: 'Chương trình',
  taskCode: 'Mã nhiệm vụ',
  taskTitle: 'Nhiệm vụ',
  source: 'Nguồn vốn',
  allocated: 'Vốn giao (đồng)',
  disbursed: 'Đã giải ngân (đồng)',
  symbol: 'Ký hiệu',
  number: 'Số',
  issuedOn: 'Ngày ban hành',
  period: 'Kỳ báo cáo',
  issuingBody: 'Cơ quan ban hành',
};

export const columnsOf = (dataset: PublicDataset) => Object.keys(DATASET_ROWS[dataset].shape);

const csvCell = (value: unknown) => {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // a leading = + - @ would start a formula in a spreadsheet: quoted with a ' (OWASP CSV injection)
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function datasetCsv(dataset: PublicDataset, rows: readonly Record<string, unknown>[]): string {
  const columns = columnsOf(dataset);
  const lines = [columns.join(','), ...rows.map((row) => columns.map((c) => csvCell(row[c])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The workbook, streamed as it is written: rows are committed one by one, never held twice. */
export function datasetXlsx(
  dataset: PublicDataset,
  rows: readonly Record<string, unknown>[],
  publishedAt: Date,
): Readable {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: false,
  });
  // the zip entries' dates, like the properties, are the publication's: the same bytes each time
  const zip = (workbook as unknown as { zip: { append: (source: unknown, data: object) => void } }).zip;
  const append = zip.append.bind(zip);
  zip.append = (source, data) => append(source, { ...data, date: publishedAt });
  workbook.created = publishedAt;
  workbook.modified = publishedAt;
  workbook.creator = 'Lộ Trình';
  const sheet = workbook.addWorksheet(DATASET_INFO[dataset].title.slice(0, 31));
  const columns = columnsOf(dataset);
  sheet.columns = columns.map((key) => ({ header: COLUMN_LABELS[key] ?? key, key, width: 18 }));
  sheet.getRow(1).font = { bold: true };
  void (async () => {
    for (const row of rows) sheet.addRow(columns.map((c) => row[c] ?? null)).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => stream.destroy(error as Error));
  return stream;
}
