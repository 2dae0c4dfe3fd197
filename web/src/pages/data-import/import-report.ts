import type { TWriteDataValuesResult } from '../../../../common/contracts/data-values';
import { escapeSpreadsheetCell } from '../../../../common/spreadsheet';
import type { Messages } from '../../i18n/vi';

const COUNT_KEYS = ['total', 'created', 'updated', 'cleared', 'unchanged', 'rejected'] as const;

/** A CSV cell: formula-safe, quoted when it holds a separator, a quote or a line break. */
function cell(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : escapeSpreadsheetCell(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The row report of an import as a CSV file Excel opens with its Vietnamese intact (UTF-8 with a
 * BOM): the counts, then one line per row error. Built here rather than as an XLSX, so the web app
 * carries no spreadsheet library.
 */
export function importReportCsv(
  result: TWriteDataValuesResult,
  fileName: string,
  m: Messages['dataImport'],
): Blob {
  const lines: (string | number)[][] = [
    [m.file(fileName)],
    [result.applied ? m.committedTitle : m.previewTitle],
    ...COUNT_KEYS.map((key) => [m.counts[key], result[key]]),
    [],
    m.reportHeader,
    ...result.errors.map((e) => [e.row, m.fields[e.field] ?? e.field, e.code, e.message]),
  ];
  const text = lines.map((line) => line.map(cell).join(',')).join('\r\n');
  return new Blob([`\ufeff${text}\r\n`], { type: 'text/csv;charset=utf-8' });
}

/** The report's file name beside the uploaded one: "so-lieu.xlsx" → "so-lieu-kiem-tra.csv". */
export function reportFileName(fileName: string): string {
  return `${fileName.replace(/\.[^.]*$/, '') || 'tep'}-kiem-tra.csv`;
}

/** Lines a CSV file holds (for "checking n rows…"), counted without decoding it; not for XLSX. */
export async function countCsvRows(file: Blob): Promise<number> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let lines = 0;
  for (const byte of bytes) if (byte === 0x0a) lines++;
  if (bytes.length && bytes[bytes.length - 1] !== 0x0a) lines++;
  // the header is not a row of values
  return Math.max(0, lines - 1);
}
