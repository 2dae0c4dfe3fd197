/**
 * The Excel files of the three lists: the empty template (header, drop-down lists for the
 * enumerations, a guidance sheet) and the export (the same columns, filled), so an exported file
 * edited and imported again updates the same records.
 */
import type ExcelJS from 'exceljs';
import type { stream } from 'exceljs';
import {
  type CatalogueSheet,
  FUNDING_SOURCE_LABELS,
  POLICY_STATUS_LABELS,
  PROGRAMME_STATUS_LABELS,
  type TBudgetLine,
  type TPolicy,
  type TProgramme,
} from '../../../../common/contracts/programmes';
import { escapeSpreadsheetCell } from '../../../../common/spreadsheet';
import { concurrencyLimit } from '../../../concurrency';
import { writeXlsx } from '../../../xlsx';
import { type Column, NO, ONGOING, SHEET_COLUMNS, SHEET_HELP, SHEET_NAMES, YES } from './columns';

/** Rows of the template that offer the drop-down lists. */
const TEMPLATE_ROWS = 1000;
const slot = concurrencyLimit(2);

type Cell = string | number | null;

const columnLetter = (index: number) => {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};

const vnDate = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : '');

function writeSheet(workbook: stream.xlsx.WorkbookWriter, sheet: CatalogueSheet, rows: Cell[][]) {
  const columns: readonly Column[] = SHEET_COLUMNS[sheet];
  const ws = workbook.addWorksheet(SHEET_NAMES[sheet], { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ width: c.width }));
  const header = ws.addRow(columns.map((c) => (c.required ? `${c.header} *` : c.header)));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  header.commit();
  for (const cells of rows) {
    ws.addRow(cells.map((v) => (typeof v === 'string' ? escapeSpreadsheetCell(v) : v))).commit();
  }
  const last = Math.max(TEMPLATE_ROWS, rows.length + 1);
  // the stream writer keeps them like the plain worksheet does, but its typings omit them
  const validations = (
    ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }
  ).dataValidations;
  columns.forEach((column, i) => {
    const letter = columnLetter(i);
    for (let r = 2; r <= last; r++) {
      if (column.list) {
        validations.add(`${letter}${r}`, {
          type: 'list',
          allowBlank: true,
          showErrorMessage: true,
          errorTitle: column.header,
          error: `Chọn một giá trị trong danh sách: ${column.list.join('; ')}.`,
          formulae: [`"${column.list.join(',')}"`],
        });
      } else if (column.whole) {
        validations.add(`${letter}${r}`, {
          type: 'whole',
          operator: 'greaterThanOrEqual',
          allowBlank: true,
          showErrorMessage: true,
          errorTitle: column.header,
          error: 'Nhập số nguyên không âm.',
          formulae: [0],
        });
      }
    }
  });
  ws.commit();
}

function writeHelp(workbook: stream.xlsx.WorkbookWriter, sheet: CatalogueSheet) {
  const notes = workbook.addWorksheet('Hướng dẫn');
  notes.columns = [{ width: 110 }];
  for (const line of SHEET_HELP[sheet]) notes.addRow([line]).commit();
  notes.commit();
}

/** The empty template of one list. */
export function catalogueTemplate(sheet: CatalogueSheet): Promise<Buffer> {
  return slot(() =>
    writeXlsx((workbook) => {
      writeSheet(workbook, sheet, []);
      writeHelp(workbook, sheet);
    }),
  );
}

const yesNo = (b: boolean) => (b ? YES : NO);

export const programmeCells = (p: TProgramme): Cell[] => [
  p.code,
  p.name,
  p.legalBasis.number,
  vnDate(p.legalBasis.date),
  p.legalBasis.issuer,
  p.ownerOrgUnit?.code ?? '',
  p.planItems.map((i) => i.code).join('; '),
  p.fromYear,
  p.toYear,
  PROGRAMME_STATUS_LABELS[p.status],
  yesNo(p.isPublic),
  p.description,
];

export const policyCells = (p: TPolicy): Cell[] => [
  p.name,
  p.legalBasis.number,
  vnDate(p.legalBasis.date),
  p.legalBasis.issuer,
  p.eligibility,
  p.supportLevel,
  p.maxAmount,
  p.maxPercent,
  p.howToApply,
  p.applyAt,
  p.deadline ? vnDate(p.deadline) : ONGOING,
  p.contact.office,
  p.contact.phone,
  p.contact.email,
  POLICY_STATUS_LABELS[p.status],
  p.programme?.code ?? '',
  p.ownerOrgUnit?.code ?? '',
  yesNo(p.isPublic),
];

export const budgetLineCells = (l: TBudgetLine): Cell[] => [
  l.programme?.code ?? '',
  l.planItem?.code ?? '',
  l.year,
  FUNDING_SOURCE_LABELS[l.source],
  l.allocated,
  l.disbursed,
  l.note,
  yesNo(l.isPublic),
];

/** A list as Excel, in the template's columns. */
export function catalogueExport(sheet: CatalogueSheet, rows: Cell[][]): Promise<Buffer> {
  return slot(() =>
    writeXlsx((workbook) => {
      writeSheet(workbook, sheet, rows);
    }),
  );
}
