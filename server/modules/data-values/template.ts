/**
 * The Excel template of a unit's values for one period: the entry grid's indicators, prefilled with
 * the current values, in the columns the importer reads (files.ts, HEADER_ALIASES). Sent back
 * untouched it changes nothing; the name and unit columns are there to read and are ignored on import.
 */
import type { TEntrySheet } from '../../../common/contracts/data-values';
import { periodLabel } from '../../../common/periods';
import { escapeSpreadsheetCell } from '../../../common/spreadsheet';
import { valueRange } from '../../../common/value-bounds';
import { concurrencyLimit, cpuCount } from '../../concurrency';
import { writeXlsx } from '../../xlsx';

/** The template's columns, in order; the importer finds its own by name, the others it ignores. */
export const TEMPLATE_HEADERS = [
  'Mã chỉ tiêu',
  'Tên chỉ tiêu',
  'Đơn vị tính',
  'Mã đơn vị',
  'Kỳ báo cáo',
  'Giá trị',
  'Ghi chú',
] as const;
const WIDTHS = [14, 60, 14, 14, 12, 16, 40];
const VALUE_COLUMN = 'F';

const FORMULA_START = /^[=+\-@\t\r]/;
/**
 * A cell the importer reads back (codes, comments): a leading space instead of the apostrophe of
 * escapeSpreadsheetCell, so it is never run as a formula and the importer, which trims every cell,
 * reads back exactly the stored text — the untouched template changes nothing.
 */
const importableText = (text: string | null) =>
  text === null ? '' : FORMULA_START.test(text) ? ` ${text}` : text;

/** Like the round export: at most one workbook per CPU (2 at most) is built at a time. */
const templateSlot = concurrencyLimit(Math.min(cpuCount(), 2));

/** The template file of one entry sheet (its unit, its period, its indicators and their values). */
export function entryTemplateWorkbook(sheet: TEntrySheet): Promise<Buffer> {
  return templateSlot(() => writeTemplate(sheet));
}

function writeTemplate(entry: TEntrySheet): Promise<Buffer> {
  return writeXlsx((workbook) => {
    // the importer reads the first sheet, its first row the header: the notes go in a second one
    const sheet = workbook.addWorksheet('Số liệu', { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
    sheet.columns = WIDTHS.map((width) => ({ width }));
    const header = sheet.addRow([...TEMPLATE_HEADERS]);
    header.font = { bold: true };
    header.commit();
    entry.rows.forEach((r, i) => {
      const row = sheet.addRow([
        importableText(r.indicator.code),
        escapeSpreadsheetCell(r.indicator.name),
        escapeSpreadsheetCell(r.indicator.unit),
        importableText(entry.orgUnit.code),
        entry.period,
        r.value,
        importableText(r.comment),
      ]);
      const range = valueRange(r.indicator.valueType, r.indicator.rules);
      const whole = r.indicator.rules.integer || ['count', 'boolean'].includes(r.indicator.valueType);
      sheet.getCell(`${VALUE_COLUMN}${i + 2}`).dataValidation = {
        type: whole ? 'whole' : 'decimal',
        operator: 'between',
        allowBlank: true,
        showErrorMessage: true,
        errorTitle: 'Giá trị không hợp lệ',
        error: `Nhập ${whole ? 'số nguyên' : 'số'} từ ${range.min} đến ${range.max}.`,
        formulae: [range.min, range.max],
      };
      row.commit();
    });
    sheet.commit();
    const notes = workbook.addWorksheet('Hướng dẫn');
    notes.columns = [{ width: 100 }];
    for (const line of [
      escapeSpreadsheetCell(`Mẫu nhập số liệu: ${entry.orgUnit.name}, ${periodLabel(entry.period)}`),
      'Điền hoặc sửa cột "Giá trị" (và "Ghi chú" nếu cần) ở trang "Số liệu"; giữ nguyên dòng tiêu đề và các cột mã.',
      'Ô giá trị để trống: giữ nguyên giá trị đã có. Cột "Tên chỉ tiêu" và "Đơn vị tính" chỉ để đọc, không được nhập.',
      'Số thập phân viết với dấu phẩy hoặc dấu chấm đều được (85,5 hoặc 85.5).',
    ]) {
      notes.addRow([line]).commit();
    }
    notes.commit();
  });
}

/** An ASCII file name for the unit and period (the code may hold anything a unit code may). */
export function templateFileName(sheet: TEntrySheet): string {
  const code = sheet.orgUnit.code.replace(/[^A-Za-z0-9._-]+/g, '_');
  return `mau-nhap-so-lieu-${code}-${sheet.period}.xlsx`;
}
