import ExcelJS from 'exceljs';
import type { Timeliness, TRound, TRoundReport } from '../../../common/contracts/rounds';
import type { ReportStatus } from '../../../common/enums';
import { periodLabel } from '../../../common/periods';
import { escapeSpreadsheetCell } from '../../../common/spreadsheet';
import { vietnamDateOf } from '../../clock';

const STATUS_LABELS: Record<ReportStatus, string> = {
  draft: 'Đang soạn',
  submitted: 'Đã gửi, chờ lãnh đạo đơn vị duyệt',
  approved: 'Đã duyệt, chờ tiếp nhận',
  accepted: 'Đã tiếp nhận',
  returned: 'Bị trả lại',
};
const TIMELINESS_LABELS: Record<Timeliness, string> = {
  pending: 'Chưa đến hạn',
  overdue: 'Quá hạn (trong thời gian gia hạn)',
  missing: 'Chưa nộp',
  on_time: 'Đúng hạn',
  late: 'Nộp trễ',
};

/** dd/mm/yyyy in Vietnam of a timestamp, or empty. */
const vietnamDate = (iso: string | null) => (iso ? dmy(vietnamDateOf(iso)) : '');
const dmy = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

/** The completeness table of a round as the secretariat files it: one line per unit. */
export async function roundWorkbook(round: TRound, reports: TRoundReport[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Tình hình nộp báo cáo', { views: [{ state: 'frozen', ySplit: 4 }] });
  const c = round.completeness;
  sheet.addRow([escapeSpreadsheetCell(round.title)]).font = { bold: true, size: 13 };
  sheet.addRow([
    escapeSpreadsheetCell(
      `${periodLabel(round.period)} · hạn nộp ${dmy(round.dueDate)} · phải nộp ${c.expected}, đã nộp ${c.submitted}, ` +
        `đã tiếp nhận ${c.accepted}, đúng hạn ${c.onTime}, trễ ${c.late}, chưa nộp ${c.missing + c.overdue}`,
    ),
  ]);
  sheet.addRow([]);
  const header = sheet.addRow([
    'STT',
    'Mã đơn vị',
    'Đơn vị',
    'Trạng thái',
    'Đúng hạn',
    'Số ngày trễ',
    'Ngày nộp',
    'Ngày tiếp nhận',
    'Số nhiệm vụ',
  ]);
  header.font = { bold: true };
  sheet.columns = [6, 12, 40, 34, 30, 12, 14, 16, 12].map((width) => ({ width }));
  reports.forEach((r, i) => {
    sheet.addRow(
      [
        i + 1,
        r.orgUnit.code,
        r.orgUnit.name,
        STATUS_LABELS[r.status],
        TIMELINESS_LABELS[r.timeliness],
        r.daysLate ?? '',
        vietnamDate(r.firstSubmittedAt),
        vietnamDate(r.acceptedAt),
        r.itemCount,
      ].map((v) => (typeof v === 'string' ? escapeSpreadsheetCell(v) : v)),
    );
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
