/**
 * The rows of a CSV file or of an XLSX file's first sheet as text cells, streamed, with the caps of
 * `FILE_LIMITS` checked as they come (rows, columns, characters of a cell and of a row, shared
 * strings). They run inside the parse worker (`parse-worker.ts`), never on the server's thread.
 */
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import { FILE_LIMITS } from '../../common/limits';
import { AppError } from '../errors/app-error';
import { patchExcelJsUtf8 } from './exceljs-utf8';
import { tooLarge } from './zip-guard';

/** One line of a file: its cells as text and its line (CSV) or row (XLSX) number. */
export interface FileRecord {
  cells: string[];
  row: number;
}

export type SheetLimits = Record<
  'rows' | 'columns' | 'cellChars' | 'rowChars' | 'sharedStrings' | 'sharedStringChars',
  number
>;

const number = (n: number) => n.toLocaleString('vi-VN');

/** The cells up to the last non-empty one, refused when a cap is passed. */
function checkedRecord(cells: string[], row: number, count: number, limits: SheetLimits): FileRecord {
  let last = cells.length;
  while (last > 0 && cells[last - 1] === '') last--;
  if (last > limits.columns) {
    throw tooLarge(
      `tối đa ${limits.columns} cột (dòng ${row} có ${last})`,
      `at most ${limits.columns} columns (row ${row} has ${last})`,
    );
  }
  let chars = 0;
  for (let c = 0; c < last; c++) {
    const length = cells[c]!.length;
    chars += length;
    if (length > limits.cellChars) {
      throw tooLarge(
        `tối đa ${number(limits.cellChars)} ký tự trong một ô (dòng ${row}, cột ${c + 1} có ${number(length)})`,
        `at most ${limits.cellChars} characters in a cell (row ${row}, column ${c + 1} has ${length})`,
      );
    }
  }
  if (chars > limits.rowChars) {
    throw tooLarge(
      `tối đa ${number(limits.rowChars)} ký tự trên một dòng (dòng ${row})`,
      `at most ${limits.rowChars} characters in a row (row ${row})`,
    );
  }
  // the first line is a header: a million values take a million and one lines
  if (count > limits.rows + 1) {
    throw tooLarge(`tối đa ${number(limits.rows)} dòng`, `at most ${limits.rows} rows`);
  }
  return { cells: last === cells.length ? cells : cells.slice(0, last), row };
}

/** The records of a CSV file, one at a time (a file of a million lines is never parsed whole). */
export async function* csvRecords(
  input: Readable,
  limits: SheetLimits = FILE_LIMITS,
): AsyncGenerator<FileRecord> {
  const parser = input.pipe(
    parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      // a line without its closing quote would otherwise grow until the end of the file
      max_record_size: limits.rowChars,
    }),
  );
  let count = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      // line numbers as a spreadsheet shows them: the header is line 1
      yield checkedRecord(record, info.lines, ++count, limits);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    if ((error as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') {
      throw tooLarge(
        `tối đa ${number(limits.rowChars)} ký tự trên một dòng (hoặc một dấu ngoặc kép chưa đóng)`,
        `at most ${limits.rowChars} characters in a line (or an unclosed quote)`,
      );
    }
    throw new AppError('bad_request', {
      params: { reason: { vi: `tệp CSV lỗi: ${(error as Error).message}`, en: (error as Error).message } },
    });
  } finally {
    parser.destroy();
  }
}

/**
 * ExcelJS keeps an XLSX's shared strings in `reader.sharedStrings` (assigned, then pushed one by
 * one as they are parsed): a list that counts them refuses a table of millions while it is read.
 */
function cappedSharedStrings(limits: SheetLimits) {
  let chars = 0;
  const tooMany = () =>
    tooLarge(
      `tối đa ${number(limits.sharedStrings)} chuỗi dùng chung, ${number(limits.sharedStringChars)} ký tự`,
      `at most ${limits.sharedStrings} shared strings, ${limits.sharedStringChars} characters`,
    );
  return class CappedStrings extends Array<unknown> {
    override push(...items: unknown[]): number {
      for (const item of items) {
        chars +=
          typeof item === 'string'
            ? item.length
            : ((item as { richText?: { text?: string }[] })?.richText ?? []).reduce(
                (n, r) => n + (r.text?.length ?? 0),
                0,
              );
      }
      if (this.length + items.length > limits.sharedStrings || chars > limits.sharedStringChars)
        throw tooMany();
      return super.push(...items);
    }
  };
}

/** The rows of an XLSX file's first sheet, streamed (styles and everything else skipped). */
export async function* xlsxRecords(
  input: Readable,
  limits: SheetLimits = FILE_LIMITS,
): AsyncGenerator<FileRecord> {
  const text = (v: ExcelJS.CellValue): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'object' && 'result' in v) return text(v.result as ExcelJS.CellValue);
    if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
    if (typeof v === 'object' && 'text' in v) return String(v.text);
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    return String(v);
  };
  // loaded on the first Excel file, not at start; its reader first gets a UTF-8-safe XML parser
  patchExcelJsUtf8();
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  const Strings = cappedSharedStrings(limits);
  let strings: unknown[] | undefined;
  Object.defineProperty(reader, 'sharedStrings', {
    get: () => strings,
    set: (value: unknown[] | undefined) => {
      strings = value ? new Strings() : value;
    },
  });
  let count = 0;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelJS.CellValue[];
        if (
          values.length - 1 > limits.columns &&
          values.slice(limits.columns + 1).some((v) => text(v) !== '')
        ) {
          checkedRecord(values.slice(1).map(text), row.number, count, limits);
        }
        const cells: string[] = [];
        for (let c = 1; c < values.length && c <= limits.columns; c++) cells.push(text(values[c]));
        if (cells.some((c) => c !== '')) yield checkedRecord(cells, row.number, ++count, limits);
      }
      break; // the first sheet only
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('bad_request', {
      params: { reason: { vi: 'không đọc được tệp Excel (.xlsx)', en: 'unreadable XLSX file' } },
    });
  }
}
