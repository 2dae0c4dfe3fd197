/**
 * The sheet of an annex as rows of cells (what `server/files` reads) → where its table is and what
 * each row says. The header row is found by its Vietnamese column names anywhere in the first rows
 * (a title, the "Kèm theo Kế hoạch số …" line and blank rows usually come before it); a second header
 * row ("Bắt đầu | Hoàn thành" under a merged "Thời gian") and the column-number row "(1) (2) (3)"
 * are read or skipped. A heading merged across the row keeps its text in its first cell, so
 * "I. LÃNH ĐẠO…" in the STT cell alone is split into its numbering and title.
 */
import type {
  AnnexColumn,
  TAnnexCells,
  TAnnexLayout,
  TAnnexRow,
  TImportIssue,
  TPlanHints,
} from '../../../common/contracts/plan-import';
import { foldForSearch } from '../../../common/vietnamese';
import { AppError } from '../../errors/app-error';
import type { FileRecord } from '../../files/spreadsheet';
import { splitNumberedText } from './numbering';

/** Rows searched for the header. */
const HEADER_SEARCH_ROWS = 30;

export const COLUMN_LABELS: Record<AnnexColumn, string> = {
  stt: 'STT',
  title: 'Nhiệm vụ',
  lead: 'Cơ quan chủ trì',
  cooperators: 'Cơ quan phối hợp',
  deadline: 'Thời gian hoàn thành',
  product: 'Sản phẩm',
  start: 'Thời gian bắt đầu',
};

/** Folded words of a header: "Cơ quan, đơn vị chủ trì" → "co quan don vi chu tri". */
const words = (text: string) =>
  foldForSearch(text.normalize('NFC'))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** What a header says, by the words it contains (first rule that applies). */
const HEADER_RULES: [AnnexColumn | 'ignored', RegExp][] = [
  ['start', /\bbat dau\b/],
  ['lead', /\bchu tri\b/],
  ['cooperators', /\bphoi hop\b/],
  ['ignored', /\b(ghi chu|kinh phi|nguon von|du toan)\b/],
  ['product', /\b(san pham|ket qua)\b/],
  ['deadline', /\b(thoi gian|thoi han|hoan thanh|tien do|moc)\b/],
  ['title', /\b(nhiem vu|noi dung|de an|giai phap|cong viec)\b/],
  ['stt', /^(stt|tt|so tt|so thu tu|thu tu)$/],
];

function headerKey(text: string): AnnexColumn | 'ignored' | null {
  const w = words(text);
  if (w === '') return null;
  for (const [key, rule] of HEADER_RULES) if (rule.test(w)) return key;
  return null;
}

/** The column letter of a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A row of "(1) (2) (3)…" or "1 2 3…" under the header: column numbers, not data. */
const isColumnNumberRow = (cells: string[]) => {
  const filled = cells.map((c) => c.trim()).filter(Boolean);
  return filled.length >= 3 && filled.every((c) => /^\(?\d{1,2}\)?$/.test(c));
};

export interface ParsedAnnex {
  layout: TAnnexLayout;
  hints: TPlanHints;
  rows: TAnnexRow[];
  /** file-level findings (ignored columns, data under no header) */
  issues: TImportIssue[];
}

const layoutError = (vi: string, en: string, errors: { field: string; message: string }[] = []) =>
  new AppError('invalid_reference', {
    params: { reason: { vi, en } },
    errors: errors.map((e) => ({ ...e, code: 'annex_layout' })),
  });

interface Header {
  index: number;
  /** column index → what it holds */
  keys: Map<number, AnnexColumn>;
  ignored: Map<number, string>;
}

function findHeader(records: FileRecord[]): Header {
  for (let i = 0; i < Math.min(records.length, HEADER_SEARCH_ROWS); i++) {
    const keys = new Map<number, AnnexColumn>();
    const ignored = new Map<number, string>();
    records[i]!.cells.forEach((text, c) => {
      const key = headerKey(text);
      if (key === 'ignored') ignored.set(c, text.trim());
      else if (key) keys.set(c, key);
    });
    const found = new Set(keys.values());
    // the task column and two more of the usual ones: a title line mentioning "nhiệm vụ" is not a header
    if (found.has('title') && found.size >= 3) return { index: i, keys, ignored };
  }
  throw layoutError(
    `không tìm thấy dòng tiêu đề của bảng (các cột STT, Nhiệm vụ, Cơ quan chủ trì, Cơ quan phối hợp, Thời gian hoàn thành, Sản phẩm) trong ${HEADER_SEARCH_ROWS} dòng đầu của trang tính thứ nhất`,
    `no table header (STT, Nhiệm vụ, Cơ quan chủ trì, …) in the first ${HEADER_SEARCH_ROWS} rows of the first sheet`,
  );
}

/**
 * Reads the header (and a second header row under it), checks that the needed columns are there and
 * that no column is unknown. Returns the column of each key and the index of the first data record.
 */
function readLayout(records: FileRecord[]): {
  layout: TAnnexLayout;
  columns: Map<AnnexColumn, number>;
  ignored: Set<number>;
  first: number;
  issues: TImportIssue[];
} {
  const header = findHeader(records);
  const headerRecord = records[header.index]!;
  const headerTexts = new Map<number, string>(headerRecord.cells.map((t, c) => [c, t.trim()]));
  let first = header.index + 1;
  const next = records[first];
  // a second header row: its named cells refine the columns ("Thời gian" over "Bắt đầu | Hoàn thành")
  if (next && !isColumnNumberRow(next.cells)) {
    const sub = next.cells.map((t, c) => [c, t.trim(), headerKey(t)] as const).filter(([, t]) => t !== '');
    const refines = sub.some(([c, , key]) =>
      key === 'ignored' ? !header.ignored.has(c) : header.keys.get(c) !== key,
    );
    if (sub.length > 0 && refines && sub.every(([, , key]) => key !== null && key !== 'stt')) {
      for (const [c, text, key] of sub) {
        if (key === 'ignored') {
          header.keys.delete(c);
          header.ignored.set(c, text);
        } else if (key) {
          header.keys.set(c, key);
          header.ignored.delete(c);
        }
        headerTexts.set(c, text);
      }
      first++;
    }
  }
  if (records[first] && isColumnNumberRow(records[first]!.cells)) first++;

  const headerRow = headerRecord.row;
  const columns = new Map<AnnexColumn, number>();
  const errors: { field: string; message: string }[] = [];
  for (const [c, key] of [...header.keys].sort((a, b) => a[0] - b[0])) {
    const taken = columns.get(key);
    if (taken !== undefined) {
      errors.push({
        field: `${columnLetter(c)}${headerRow}`,
        message: `Cột ${columnLetter(c)} (“${headerTexts.get(c)}”) và cột ${columnLetter(taken)} (“${headerTexts.get(taken)}”) cùng là cột “${COLUMN_LABELS[key]}”: hãy giữ một cột.`,
      });
    } else columns.set(key, c);
  }
  const missing = (['stt', 'title', 'lead'] as const).filter((k) => !columns.has(k));
  for (const key of missing) {
    errors.push({
      field: `dòng ${headerRow}`,
      message: `Dòng tiêu đề (dòng ${headerRow}) thiếu cột “${COLUMN_LABELS[key]}”.`,
    });
  }
  // a named column the annex does not have: its data would be lost without a word
  headerRecord.cells.forEach((text, c) => {
    if (text.trim() === '' || header.keys.has(c) || header.ignored.has(c)) return;
    errors.push({
      field: `${columnLetter(c)}${headerRow}`,
      message: `Cột ${columnLetter(c)} (“${text.trim()}”, dòng ${headerRow}) không thuộc mẫu phụ lục: hãy xoá cột hoặc đặt tên là một trong ${Object.values(COLUMN_LABELS).join(', ')}, Ghi chú.`,
    });
  });
  if (errors.length) {
    const first = errors[0]!.message;
    throw layoutError(
      `bảng trong tệp không đúng mẫu phụ lục kế hoạch — ${first}${errors.length > 1 ? ` (và ${errors.length - 1} lỗi khác)` : ''}`,
      `the table does not follow the plan annex layout: ${errors.map((e) => e.field).join(', ')}`,
      errors,
    );
  }

  const issues: TImportIssue[] = [];
  for (const [c, text] of header.ignored) {
    issues.push({
      severity: 'warning',
      code: 'ignored_column',
      row: headerRow,
      column: null,
      cell: `${columnLetter(c)}${headerRow}`,
      message: `Cột ${columnLetter(c)} (“${text}”) không được nhập vào kế hoạch.`,
    });
  }
  const layout: TAnnexLayout = {
    headerRow,
    columns: [...columns].map(([key, c]) => ({
      key,
      letter: columnLetter(c),
      header: (headerTexts.get(c) ?? '').slice(0, 300),
    })),
  };
  return { layout, columns, ignored: new Set(header.ignored.keys()), first, issues };
}

const EMPTY_CELLS: TAnnexCells = {
  stt: '',
  title: '',
  lead: '',
  cooperators: '',
  deadline: '',
  product: '',
  start: '',
};

/** The plan's number, date, issuing body, title and years from the lines above the table. */
export function readHints(lines: string[]): TPlanHints {
  const hints: TPlanHints = {
    number: null,
    title: null,
    issuingBody: null,
    issueDate: null,
    horizonStartYear: null,
    horizonEndYear: null,
  };
  const titles: string[] = [];
  for (const raw of lines) {
    const line = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
    const folded = foldForSearch(line);
    if (/kem theo/.test(folded)) {
      const number = /số\s*:?\s*(\d+[\p{L}\p{N}/.\-–]*)/iu.exec(line);
      if (number) hints.number = number[1]!.replace(/[.–-]+$/, '');
      const date =
        /ngày\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/iu.exec(line) ??
        /ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})/iu.exec(line);
      if (date) {
        const [d, m, y] = [Number(date[1]), Number(date[2]), Number(date[3])];
        if (m >= 1 && m <= 12 && d >= 1 && d <= 31) {
          hints.issueDate = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        }
      }
      const body = /\bcủa\s+(.+?)\)?\s*$/iu.exec(line);
      if (body) hints.issuingBody = body[1]!.trim();
      continue;
    }
    const span = /giai đoạn\s*(\d{4})\s*[-–—]\s*(\d{4})/iu.exec(line);
    if (span && /^giai doan/.test(folded)) {
      hints.horizonStartYear = Number(span[1]);
      hints.horizonEndYear = Number(span[2]);
      continue;
    }
    if (!/^(phu luc|danh muc|bieu|mau)\b/.test(folded) && line.length >= 10) titles.push(line);
  }
  // the plan's own title: the line that says what it is, else the longest line
  const named = titles.find((t) => /^(ke hoach|chuong trinh|de an|nghi quyet)\b/.test(foldForSearch(t)));
  const longest = [...titles].sort((a, b) => b.length - a.length)[0];
  hints.title = (named ?? longest)?.slice(0, 500) ?? null;
  return hints;
}

/**
 * A date cell reads as Excel's day number (the sheet is read without its styles): shown and sent
 * back as the date it is, 31/12/2026, not 46387. 36526–73051: the years 2000–2099.
 */
function dateCell(text: string): string {
  if (!/^\d{5}(\.\d+)?$/.test(text)) return text;
  const serial = Math.floor(Number(text));
  if (serial < 36526 || serial > 73051) return text;
  const [y, m, d] = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000)
    .toISOString()
    .slice(0, 10)
    .split('-');
  return `${d}/${m}/${y}`;
}

/** The apostrophe an export puts before "=", "+", "-", "@" (escapeSpreadsheetCell), taken off again. */
const unescapeCell = (text: string) => text.replace(/^'(?=[=+\-@])/, '');

/** Records (non-empty rows of the first sheet) → the annex's layout, hints and data rows. */
export function parseAnnex(records: FileRecord[]): ParsedAnnex {
  const { layout, columns, ignored, first, issues } = readLayout(records);
  const hints = readHints(
    records.slice(0, first).flatMap((r) => (r.row < layout.headerRow ? r.cells.filter((c) => c.trim()) : [])),
  );
  const known = new Set(columns.values());
  const strayColumns = new Map<number, number>();
  const rows: TAnnexRow[] = [];
  for (const record of records.slice(first)) {
    const cells = { ...EMPTY_CELLS };
    for (const [key, c] of columns) cells[key] = unescapeCell((record.cells[c] ?? '').trim());
    cells.deadline = dateCell(cells.deadline);
    cells.start = dateCell(cells.start);
    record.cells.forEach((text, c) => {
      if (text.trim() !== '' && !known.has(c) && !ignored.has(c) && !strayColumns.has(c)) {
        strayColumns.set(c, record.row);
      }
    });
    // a heading merged across the row: "I. LÃNH ĐẠO…" in its first cell only
    if (cells.title === '' && cells.stt !== '') {
      const split = splitNumberedText(cells.stt);
      if (split) Object.assign(cells, split);
    }
    if (cells.stt === '' && cells.title !== '') {
      const split = splitNumberedText(cells.title);
      if (split) Object.assign(cells, split);
    }
    if (Object.values(cells).every((v) => v === '')) continue;
    rows.push({ row: record.row, cells });
  }
  for (const [c, row] of strayColumns) {
    issues.push({
      severity: 'warning',
      code: 'column_without_header',
      row,
      column: null,
      cell: `${columnLetter(c)}${row}`,
      message: `Cột ${columnLetter(c)} có dữ liệu (từ dòng ${row}) nhưng không có tiêu đề: không được nhập.`,
    });
  }
  return { layout, hints, rows, issues };
}
