/**
 * Cell text → value, as officials type it in Excel: amounts with dots between thousands
 * (1.500.000.000), percents with a comma (12,5), dates dd/mm/yyyy (or the ISO date the reader gives
 * for a date cell), "Có"/"Không", a status or source by its Vietnamese label. Each returns the
 * value, `null` for an empty cell, or an Error whose message is the Vietnamese reason.
 */
import { foldForSearch } from '../../../../common/vietnamese';

export type Parsed<T> = T | null | Error;

const bad = (message: string) => new Error(message);
const fold = (s: string) => foldForSearch(s.normalize('NFC')).replace(/\s+/g, ' ').trim();

/** Whole đồng: "1.500.000", "1 500 000", "1500000", "1,5e+12" as Excel may write a big number. */
export function parseVnd(text: string): Parsed<number> {
  const s = text.replace(/\s|đồng|đ|vnđ|vnd/gi, '');
  if (s === '') return null;
  let n: number;
  if (/^\d+$/.test(s)) n = Number(s);
  else if (/^\d{1,3}([.,]\d{3})+$/.test(s)) n = Number(s.replace(/[.,]/g, ''));
  else if (/^\d+(\.\d+)?e\+?\d+$/i.test(s)) n = Number(s);
  else return bad('phải là số tiền bằng đồng, chỉ gồm chữ số (ví dụ 1.500.000.000).');
  if (!Number.isSafeInteger(n)) return bad('số tiền quá lớn hoặc không phải số nguyên đồng.');
  return n;
}

/** A percent 0–100: "12,5", "12.5", "12,5%". */
export function parsePercent(text: string): Parsed<number> {
  const s = text.replace(/\s|%/g, '').replace(',', '.');
  if (s === '') return null;
  if (!/^\d+(\.\d+)?$/.test(s)) return bad('phải là số phần trăm từ 0 đến 100 (ví dụ 30 hoặc 12,5).');
  const n = Number(s);
  return n > 100 ? bad('phải là số phần trăm từ 0 đến 100.') : n;
}

/** A year as four digits. */
export function parseYear(text: string): Parsed<number> {
  const s = text.trim();
  if (s === '') return null;
  return /^\d{4}$/.test(s) ? Number(s) : bad('phải là năm gồm 4 chữ số (ví dụ 2026).');
}

/** dd/mm/yyyy (or d/m/yyyy, with - or .) or yyyy-mm-dd → ISO date. */
export function parseDate(text: string): Parsed<string> {
  const s = text.trim();
  if (s === '') return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  let [y, mo, d] = m ? [m[1], m[2], m[3]] : [];
  if (!m) {
    m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
    if (m) [d, mo, y] = [m[1]!.padStart(2, '0'), m[2]!.padStart(2, '0'), m[3]];
  }
  if (!m) return bad('phải là ngày dạng dd/mm/yyyy (ví dụ 31/12/2026).');
  const iso = `${y}-${mo}-${d}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) {
    return bad(`ngày ${d}/${mo}/${y} không có trên lịch.`);
  }
  return iso;
}

/** "Có" / "Không" (also x, 1, 0, yes, no). */
export function parseYesNo(text: string): Parsed<boolean> {
  const s = fold(text);
  if (s === '') return null;
  if (['co', 'x', '1', 'yes', 'true', 'cong khai'].includes(s)) return true;
  if (['khong', '0', 'no', 'false'].includes(s)) return false;
  return bad('ghi "Có" hoặc "Không".');
}

/** One of the labels (or keys) of an enumeration, diacritics and case ignored. */
export function parseChoice<K extends string>(
  text: string,
  labels: Record<K, string>,
  aliases: Record<string, K> = {},
): Parsed<K> {
  const s = fold(text);
  if (s === '') return null;
  for (const [key, label] of Object.entries(labels) as [K, string][]) {
    if (fold(label) === s || key === s) return key;
  }
  const alias = aliases[s];
  if (alias) return alias;
  return bad(`ghi một trong: ${Object.values<string>(labels).join('; ')}.`);
}

/** Codes separated by ";" or "," or line breaks. */
export const splitCodes = (text: string) =>
  text
    .split(/[;,\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export const sameHeader = (a: string, b: string) => fold(a.replace(/\*\s*$/, '')) === fold(b);
