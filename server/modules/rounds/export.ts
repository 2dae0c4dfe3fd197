import type { stream } from 'exceljs';
import type { Timeliness, TRound, TRoundReport } from '../../../common/contracts/rounds';
import type { ReportStatus } from '../../../common/enums';
import { periodLabel } from '../../../common/periods';
import { escapeSpreadsheetCell } from '../../../common/spreadsheet';
import { vietnamDateOf } from '../../clock';
import { concurrencyLimit, cpuCount } from '../../concurrency';
import { writeXlsx } from '../../xlsx';

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

/**
 * Exports being built: at most one per CPU and never more than 2; the others wait in line. Each
 * holds its rows, styles and zip buffers until it is done, and the work is CPU-bound, so more at
 * once only adds memory (8 clients at once raised the server's peak by ~85 MB before this limit).
 */
const exportSlot = concurrencyLimit(Math.min(cpuCount(), 2));

/** The completeness table of a round as the secretariat files it: one line per unit. */
export function roundWorkbook(round: TRound, reports: TRoundReport[]): Promise<Buffer> {
  return exportSlot(() => writeXlsx((workbook) => fillWorkbook(workbook, round, reports)));
}

function fillWorkbook(workbook: stream.xlsx.WorkbookWriter, round: TRound, reports: TRoundReport[]) {
  const sheet = workbook.addWorksheet('Tình hình nộp báo cáo', { views: [{ state: 'frozen', ySplit: 4 }] });
  // before the first row is committed: the writer puts the column widths ahead of the rows
  sheet.columns = [6, 12, 40, 34, 30, 12, 14, 16, 12].map((width) => ({ width }));
  const c = round.completeness;
  const title = sheet.addRow([escapeSpreadsheetCell(round.title)]);
  title.font = { bold: true, size: 13 };
  title.commit();
  sheet
    .addRow([
      escapeSpreadsheetCell(
        `${periodLabel(round.period)} · hạn nộp ${dmy(round.dueDate)} · phải nộp ${c.expected}, đã nộp ${c.submitted}, ` +
          `đã tiếp nhận ${c.accepted}, đúng hạn ${c.onTime}, trễ ${c.late}, quá hạn ${c.overdue}`,
      ),
    ])
    .commit();
  sheet.addRow([]).commit();
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
  header.commit();
  reports.forEach((r, i) => {
    sheet
      .addRow(
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
      )
      .commit();
  });
  sheet.commit();
}
