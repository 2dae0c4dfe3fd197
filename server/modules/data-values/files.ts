/**
 * Reading data-value files (CSV, XLSX) into rows. The content decides the format, not the name or
 * the declared type: an XLSX is a ZIP (PK\x03\x04), a CSV is UTF-8 text without NUL bytes.
 */
import type { TDataValueInput, TRowError } from '../../../common/contracts/data-values';
import { AppError } from '../../errors/app-error';
import { parseFile } from '../../files/parse-file';
import { type FileSource, HEAD_BYTES } from '../../files/source';
import type { FileRecord } from '../../files/spreadsheet';

export { bufferSource, type FileSource } from '../../files/source';
export type { FileRecord } from '../../files/spreadsheet';

export type FileFormat = 'csv' | 'xlsx';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

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
    // A cut in the middle of a multi-byte character at the 64 KiB edge is not an error: streaming
    // keeps an unfinished sequence at the end for later instead of refusing it (and a whole small
    // file's last character, e.g. "Đạt", is checked like any other).
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
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
          message: `"${raw.length > 40 ? `${raw.slice(0, 40)}…` : raw}" không phải là số.`,
        });
        continue;
      }
      const comment = col.comment >= 0 ? cells[col.comment]?.trim() || null : null;
      parsed.inputs.push({
        indicatorCode: cells[col.indicatorCode]?.trim() ?? '',
        orgUnitCode: cells[col.orgUnitCode]?.trim() ?? '',
        period: cells[col.period]?.trim() ?? '',
        value,
        // passed whole (a cell holds at most FILE_LIMITS.cellChars): the writer's validation
        // refuses an over-long comment as it does from JSON, rather than cutting it in silence
        comment,
      });
      parsed.rowNumbers.push(row);
    }
    return parsed;
  };
}

/** The records of a data-value file, parsed in a worker thread under `FILE_LIMITS` (`server/files`). */
export function fileRecords(format: FileFormat, file: FileSource): AsyncGenerator<FileRecord> {
  return parseFile(format, file);
}
