import type { stream } from 'exceljs';
import type { ScorecardComponentKey, TScorecardList } from '../../../common/contracts/scorecards';
import { SCORECARD_COMPONENTS } from '../../../common/contracts/scorecards';
import { periodLabel } from '../../../common/periods';
import { escapeSpreadsheetCell } from '../../../common/spreadsheet';
import { concurrencyLimit, cpuCount } from '../../concurrency';
import { writeXlsx } from '../../xlsx';

export const COMPONENT_LABELS: Record<ScorecardComponentKey, string> = {
  tasksOnTime: 'Nhiệm vụ hoàn thành đúng hạn',
  reportsOnTime: 'Báo cáo nộp đúng hạn',
  indicators: 'Chỉ tiêu đạt tiến độ hoặc có số liệu',
  reportsNotReturned: 'Báo cáo không bị trả lại',
};

/** As the round export: one workbook built per CPU at a time, at most 2. */
const exportSlot = concurrencyLimit(Math.min(cpuCount(), 2));

/** The ranked table as the page shows it: one line per unit, each component with its counts. */
export function scorecardWorkbook(list: TScorecardList): Promise<Buffer> {
  return exportSlot(() => writeXlsx((workbook) => fill(workbook, list)));
}

function fill(workbook: stream.xlsx.WorkbookWriter, list: TScorecardList) {
  const sheet = workbook.addWorksheet('Bảng điểm', { views: [{ state: 'frozen', ySplit: 4 }] });
  sheet.columns = [8, 12, 40, 10, ...SCORECARD_COMPONENTS.flatMap(() => [12, 12])].map((width) => ({
    width,
  }));
  const kind = list.kind === 'agency' ? 'sở, ban, ngành' : 'xã, phường';
  const title = sheet.addRow([`Bảng điểm ${kind} — ${periodLabel(list.period)}`]);
  title.font = { bold: true, size: 13 };
  title.commit();
  const w = list.formula.weights;
  sheet
    .addRow([
      escapeSpreadsheetCell(
        `${list.status === 'published' ? 'Đã công bố' : 'Xem trước, chưa công bố'} · công thức phiên bản ${list.formula.version}: ` +
          SCORECARD_COMPONENTS.map((k) => `${COMPONENT_LABELS[k].toLowerCase()} ${w[k]}`).join(', '),
      ),
    ])
    .commit();
  sheet.addRow([]).commit();
  const header = sheet.addRow([
    'Thứ hạng',
    'Mã đơn vị',
    'Đơn vị',
    'Điểm',
    ...SCORECARD_COMPONENTS.flatMap((k) => [`${COMPONENT_LABELS[k]} (%)`, 'Số đạt / tổng']),
  ]);
  header.font = { bold: true };
  header.commit();
  for (const row of list.items) {
    sheet
      .addRow([
        row.rank ?? '',
        escapeSpreadsheetCell(row.unit.code),
        escapeSpreadsheetCell(row.unit.name),
        row.score ?? '',
        ...row.components.flatMap((c) => [c.value ?? '', c.total > 0 ? `${c.good}/${c.total}` : '']),
      ])
      .commit();
  }
  sheet.commit();
}
