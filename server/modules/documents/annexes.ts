/**
 * The report's annexes as one .xlsx: the task-status table and the indicator table, each with a
 * frozen header, filters on the header row, set widths, dates as dates (dd/mm/yyyy) and numbers as
 * numbers (#,##0.##: Excel shows them with the reader's separators, 1.234,5 in Vietnamese). Every
 * text cell goes through escapeSpreadsheetCell: nothing a unit typed can run as a formula.
 */
import type { stream } from 'exceljs';
import type { TaskOutcome, TDocumentContent } from '../../../common/contracts/documents';
import type { ItemStatus } from '../../../common/enums';
import { escapeSpreadsheetCell } from '../../../common/spreadsheet';
import { concurrencyLimit } from '../../concurrency';
import { writeXlsx } from '../../xlsx';
import { ATTAINMENT_LABELS } from './format';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DATE_FORMAT = 'dd/mm/yyyy';
const NUMBER_FORMAT = '#,##0.##';

const STATUS_LABELS: Record<ItemStatus, string> = {
  done: 'Hoàn thành',
  done_late: 'Hoàn thành (trễ hạn)',
  overdue: 'Quá hạn',
  at_risk: 'Có nguy cơ chậm',
  in_progress: 'Đang thực hiện',
  not_started: 'Chưa triển khai',
};
const OUTCOME_LABELS: Record<TaskOutcome, string> = {
  done: 'Đã hoàn thành',
  in_progress: 'Đang thực hiện',
  late: 'Chậm tiến độ',
};

/** One build at a time per CPU pair, like the round export: the work is CPU-bound. */
const annexSlot = concurrencyLimit(2);

const text = (value: string | null | undefined) => escapeSpreadsheetCell(value ?? '');
/** A calendar date as Excel's date serial, read back as the same day in any time zone. */
const day = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

export function annexWorkbook(content: TDocumentContent): Promise<Buffer> {
  return annexSlot(() =>
    writeXlsx((workbook) => {
      taskSheet(workbook, content);
      indicatorSheet(workbook, content);
    }),
  );
}

/** Title lines, then the header row (frozen, filtered), then the rows. */
function sheetWithHeader(
  workbook: stream.xlsx.WorkbookWriter,
  name: string,
  title: string,
  columns: { header: string; width: number; format?: string }[],
) {
  const headerRow = 3;
  const last = String.fromCharCode(64 + columns.length);
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.autoFilter = `A${headerRow}:${last}${headerRow}`;
  sheet.columns = columns.map((c) => ({ width: c.width, style: c.format ? { numFmt: c.format } : {} }));
  const titleRow = sheet.addRow([text(title)]);
  titleRow.font = { bold: true, size: 13, name: 'Times New Roman' };
  titleRow.commit();
  sheet.addRow([]).commit();
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true, name: 'Times New Roman' };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.commit();
  return sheet;
}

function taskSheet(workbook: stream.xlsx.WorkbookWriter, content: TDocumentContent) {
  const { data } = content;
  const sheet = sheetWithHeader(
    workbook,
    'Phụ lục 1 - Nhiệm vụ',
    `Phụ lục 1. Tình hình thực hiện nhiệm vụ — ${content.header.summary}`,
    [
      { header: 'STT', width: 6 },
      { header: 'Mã', width: 10 },
      { header: 'Nhiệm vụ', width: 50 },
      { header: 'Nhóm nhiệm vụ', width: 30 },
      { header: 'Cơ quan chủ trì', width: 28 },
      { header: 'Thời hạn', width: 12, format: DATE_FORMAT },
      { header: 'Tiến độ (%)', width: 11, format: NUMBER_FORMAT },
      { header: 'Tình trạng', width: 20 },
      { header: 'Phân loại', width: 16 },
      { header: 'Kết quả', width: 60 },
      { header: 'Khó khăn, vướng mắc', width: 40 },
      { header: 'Đề xuất, kiến nghị', width: 40 },
    ],
  );
  data.tasks.forEach((task, i) => {
    const row = sheet.addRow([
      i + 1,
      text(task.code),
      text(task.title),
      text(task.groupTitle ? `${task.groupCode} ${task.groupTitle}` : ''),
      text(task.lead),
      day(task.deadline),
      task.progress,
      STATUS_LABELS[task.status],
      OUTCOME_LABELS[task.outcome],
      text(task.results.join('\n')),
      text(task.obstacles.join('\n')),
      text(task.proposals.join('\n')),
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
    row.commit();
  });
  sheet.commit();
}

function indicatorSheet(workbook: stream.xlsx.WorkbookWriter, content: TDocumentContent) {
  const sheet = sheetWithHeader(
    workbook,
    'Phụ lục 2 - Chỉ tiêu',
    `Phụ lục 2. Kết quả thực hiện các chỉ tiêu — ${content.data.round.periodLabel}`,
    [
      { header: 'STT', width: 6 },
      { header: 'Mã chỉ tiêu', width: 14 },
      { header: 'Chỉ tiêu', width: 50 },
      { header: 'Đơn vị tính', width: 14 },
      { header: 'Kết quả trong kỳ', width: 16, format: NUMBER_FORMAT },
      { header: 'Chỉ tiêu năm', width: 14, format: NUMBER_FORMAT },
      { header: 'Thực hiện năm', width: 14, format: NUMBER_FORMAT },
      { header: 'Đánh giá', width: 22 },
    ],
  );
  content.data.indicators.forEach((indicator, i) => {
    sheet
      .addRow([
        i + 1,
        text(indicator.code),
        text(indicator.name),
        text(indicator.unit),
        indicator.periodValue,
        indicator.yearTarget,
        indicator.yearActual,
        ATTAINMENT_LABELS[indicator.attainment],
      ])
      .commit();
  });
  sheet.commit();
}
