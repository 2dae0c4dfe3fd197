/**
 * Reading data-value files (CSV, XLSX) into rows. The content decides the format, not the name or
 * the declared type: an XLSX is a ZIP (PK\x03\x04), a CSV is UTF-8 text without NUL bytes.
 */
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import type { TDataValueInput, TRowError } from '../../../common/contracts/data-values';
import { AppError } from '../../errors/app-error';
import { HEAD_BYTES } from '../../spool';

export type FileFormat = 'csv' | 'xlsx';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** A file to read: its first bytes tell the format; `open` streams it from the start. */
export interface FileSource {
  head: Buffer;
  open(): Readable;
}

/** A file already in memory (a test's, a small upload's) as a source. */
export function bufferSource(body: Buffer): FileSource {
  return { head: body.subarray(0, HEAD_BYTES), open: () => Readable.from(slices(body)) };
}

/** `head`: the file's first bytes (64 KiB are enough). */
export function detectFormat(head: Buffer): FileFormat {
  if (ZIP_MAGIC.every((byte, i) => head[i] === byte)) return 'xlsx';
  const text = head.subarray(0, HEAD_BYTES);
  if (!text.includes(0) && isUtf8(text)) return 'csv';
  throw new AppError('unsupported_file', {
    params: { expected: { vi: 'CSV (UTF-8) hoặc Excel (.xlsx)', en: 'CSV (UTF-8) or Excel (.xlsx)' } },
  });
}

function isUtf8(bytes: Buffer): boolean {
  try {
    // A cut in the middle of a multi-byte character at the 64 KiB edge is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, Math.max(0, bytes.length - 4)));
    return true;
  } catch {
    return false;
  }
}

/** Column names people write, in English or Vietnamese, with or without diacritics. */
const HEADER_ALIASES: Record<keyof Omit<TDataValueInput, 'version'>, string[]> = {
  indicatorCode: ['indicator_code', 'indicator', 'ma_chi_tieu', 'chi_tieu', 'mã chỉ tiêu'],
  orgUnitCode: ['org_unit_code', 'org_unit', 'ma_don_vi', 'don_vi', 'mã đơn vị'],
  period: ['period', 'ky', 'ky_bao_cao', 'kỳ', 'kỳ báo cáo'],
  value: ['value', 'gia_tri', 'giá trị'],
  comment: ['comment', 'ghi_chu', 'ghi chú'],
};

const normaliseHeader = (h: string) => h.trim().toLowerCase().replace(/\s+/g, ' ');

function columnIndexes(header: string[]): Record<keyof typeof HEADER_ALIASES, number> {
  const names = header.map(normaliseHeader);
  const index = (field: keyof typeof HEADER_ALIASES) =>
    names.findIndex(
      (n) => HEADER_ALIASES[field].includes(n) || HEADER_ALIASES[field].includes(n.replace(/ /g, '_')),
    );
  const found = {
    indicatorCode: index('indicatorCode'),
    orgUnitCode: index('orgUnitCode'),
    period: index('period'),
    value: index('value'),
    comment: index('comment'),
  };
  const missing = (['indicatorCode', 'orgUnitCode', 'period', 'value'] as const).filter((f) => found[f] < 0);
  if (missing.length) {
    throw new AppError('bad_request', {
      params: {
        reason: {
          vi: `dòng tiêu đề thiếu cột ${missing.map((f) => HEADER_ALIASES[f][0]).join(', ')} (cần: indicator_code, org_unit_code, period, value, comment)`,
          en: `the header lacks ${missing.map((f) => HEADER_ALIASES[f][0]).join(', ')}`,
        },
      },
    });
  }
  return found;
}

/** "1234.5" or "1234,5" (a lone comma is a decimal comma); spaces and non-breaking spaces ignored. */
export function parseNumber(text: string): number | null {
  const t = text.replace(/[\s\u00a0]/g, '');
  const normal = t.includes(',') && !t.includes('.') ? t.replace(',', '.') : t;
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(normal)) return null;
  return Number(normal);
}

export interface ParsedRows {
  inputs: TDataValueInput[];
  /** the file line (CSV) or sheet row (XLSX) of each input */
  rowNumbers: number[];
  /** rows that could not become an input (an unreadable number) */
  errors: TRowError[];
  /** rows with an empty value cell: left as they are */
  skipped: number;
}

/** One line of a file: its cells as text and its line (CSV) or row (XLSX) number. */
export interface FileRecord {
  cells: string[];
  row: number;
}

/** Records → inputs, by the header's columns (refused when a required column is missing). */
export function inputReader(header: string[]): (records: FileRecord[]) => ParsedRows {
  const col = columnIndexes(header);
  return (records) => {
    const parsed: ParsedRows = { inputs: [], rowNumbers: [], errors: [], skipped: 0 };
    for (const { cells, row } of records) {
      if (cells.every((c) => c.trim() === '')) continue;
      const raw = cells[col.value]?.trim() ?? '';
      if (raw === '') {
        parsed.skipped++;
        continue;
      }
      const value = parseNumber(raw);
      if (value === null) {
        parsed.errors.push({
          row,
          field: 'value',
          code: 'not_a_number',
          message: `"${raw}" không phải là số.`,
        });
        continue;
      }
      const comment = col.comment >= 0 ? cells[col.comment]?.trim() || null : null;
      parsed.inputs.push({
        indicatorCode: cells[col.indicatorCode]?.trim() ?? '',
        orgUnitCode: cells[col.orgUnitCode]?.trim() ?? '',
        period: cells[col.period]?.trim() ?? '',
        value,
        comment: comment?.slice(0, 2000) ?? null,
      });
      parsed.rowNumbers.push(row);
    }
    return parsed;
  };
}

/**
 * The body in 64 KiB slices: a stream transform parses each chunk it is given in one go, so a
 * single 24 MB chunk would become a million records in memory before the first was read.
 */
function* slices(body: Buffer, size = 64 * 1024): Generator<Buffer> {
  for (let i = 0; i < body.length; i += size) yield body.subarray(i, i + size);
}

/** The records of a CSV file, one at a time (a file of a million lines is never parsed whole). */
export async function* csvRecords(input: Readable): AsyncGenerator<FileRecord> {
  const parser = input.pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      // line numbers as a spreadsheet shows them: the header is line 1
      yield { cells: record, row: info.lines };
    }
  } catch (error) {
    throw new AppError('bad_request', {
      params: { reason: { vi: `tệp CSV lỗi: ${(error as Error).message}`, en: (error as Error).message } },
    });
  }
}

/** The rows of an XLSX file's first sheet, streamed (styles and everything else skipped). */
export async function* xlsxRecords(input: Readable): AsyncGenerator<FileRecord> {
  const text = (v: ExcelJS.CellValue): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'object' && 'result' in v) return text(v.result as ExcelJS.CellValue);
    if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
    if (typeof v === 'object' && 'text' in v) return String(v.text);
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    return String(v);
  };
  // loaded on the first Excel file, not at start
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelJS.CellValue[];
        const cells: string[] = [];
        for (let c = 1; c < values.length; c++) cells.push(text(values[c]));
        if (cells.some((c) => c !== '')) yield { cells, row: row.number };
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
