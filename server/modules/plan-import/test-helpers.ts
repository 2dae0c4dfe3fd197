/**
 * For the annex tests: annex files built the way people build them in Excel (the demo province and
 * Plan 328-KH/TU come from server/demo/seed.ts seedDemoUnitsAndPlan).
 */
import ExcelJS from 'exceljs';

/** An annex as a person types it: title lines, a header, rows; `merge` ranges like "A6:F6". */
export async function annexXlsx(options: {
  above?: string[];
  header?: string[];
  rows: (string | number | Date | null)[][];
  merge?: string[];
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Phụ lục');
  for (const line of options.above ?? []) sheet.addRow([line]);
  sheet.addRow(
    options.header ?? [
      'STT',
      'Nhiệm vụ',
      'Cơ quan chủ trì',
      'Cơ quan phối hợp',
      'Thời gian hoàn thành',
      'Sản phẩm',
    ],
  );
  for (const row of options.rows) sheet.addRow(row);
  for (const range of options.merge ?? []) sheet.mergeCells(range);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
