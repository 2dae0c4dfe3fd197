/**
 * The "Thời gian hoàn thành" of an annex, as officials write it: a date (typed, or an Excel date
 * read as its serial number), a month, a quarter ("Quý II/2026"), a half-year, a year ("2027",
 * "Năm 2027"), a span ("2026 – 2030"), "Hằng năm" (yearly, until the plan's last year or the year
 * given) or "Thường xuyên" (ongoing: until the plan's last year). A period ends on its last day.
 */
import type { Recurrence } from '../../../common/enums';
import { foldForSearch } from '../../../common/vietnamese';
import { fromRoman } from './numbering';

export type When =
  | { ok: true; date: string | null; recurrence: Recurrence; ongoing?: boolean }
  | { ok: false; reason: string };

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function validDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > lastDay(y, m)) return null;
  return iso(y, m, d);
}

/** Excel's day numbers: 1 = 1900-01-01 (with its 1900 leap-year bug, hence the 30 December start). */
function fromSerial(serial: number): string {
  const day = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

/** A period's first or last day. */
const edge = (side: 'start' | 'end', y: number, firstMonth: number, lastMonth: number) =>
  side === 'start' ? iso(y, firstMonth, 1) : iso(y, lastMonth, lastDay(y, lastMonth));

const year = (text: string) => {
  const y = Number(text);
  return y >= 1900 && y <= 2100 ? y : null;
};

const QUARTER = /^(?:quy|q)\s*([ivx]+|[1-4])\s*(?:\/|-|nam|\.)?\s*(\d{4})$/;
const MONTH = /^(?:thang\s*)?(\d{1,2})\s*(?:\/|-|\.|nam)\s*(\d{4})$/;
const DAY = /^(?:ngay\s*)?(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/;
const DAY_WORDS = /^(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})$/;
const SPAN = /^(?:giai doan\s*)?(?:tu\s*)?(?:nam\s*)?(\d{4})\s*(?:-|den|–|—)\s*(?:nam\s*)?(\d{4})$/;
const HALF = /^6 thang (dau|cuoi) nam\s*(\d{4})$/;
/** Words before the time that do not change it. */
const LEAD_WORDS = /^(?:hoan thanh\s*)?(?:truoc|trong|den|cham nhat|vao|tu)?\s*(?:ngay\s*)?/;

/** A single point or period in folded text, as its first or last day. */
function parsePeriod(folded: string, side: 'start' | 'end'): string | null {
  const text = folded.replace(LEAD_WORDS, '').trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    const n = Number(text);
    if (year(text) !== null && Number.isInteger(n)) return side === 'start' ? iso(n, 1, 1) : iso(n, 12, 31);
    // an Excel date read without its format: 36526 = 1 January 2000, 73051 = 31 December 2099
    if (n >= 36526 && n <= 73051) return fromSerial(n);
    return null;
  }
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = DAY.exec(text) ?? DAY_WORDS.exec(text);
  if (m) return validDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^nam\s*(\d{4})$/.exec(text);
  if (m) {
    const y = year(m[1]!);
    return y === null ? null : edge(side, y, 1, 12);
  }
  m = QUARTER.exec(text);
  if (m) {
    const q = /^\d$/.test(m[1]!) ? Number(m[1]) : fromRoman(m[1]!.toUpperCase());
    const y = year(m[2]!);
    if (q === null || q < 1 || q > 4 || y === null) return null;
    return edge(side, y, q * 3 - 2, q * 3);
  }
  m = MONTH.exec(text);
  if (m) {
    const month = Number(m[1]);
    const y = year(m[2]!);
    if (month < 1 || month > 12 || y === null) return null;
    return edge(side, y, month, month);
  }
  m = HALF.exec(text);
  if (m) {
    const y = year(m[2]!);
    if (y === null) return null;
    return m[1] === 'dau' ? edge(side, y, 1, 6) : edge(side, y, 7, 12);
  }
  m = SPAN.exec(text);
  if (m) {
    const from = year(m[1]!);
    const to = year(m[2]!);
    if (from === null || to === null || from > to) return null;
    return side === 'start' ? iso(from, 1, 1) : iso(to, 12, 31);
  }
  return null;
}

const EXAMPLES = '31/12/2026, 2027, Quý II/2026, Tháng 6/2026, Hằng năm, Thường xuyên';

/**
 * The deadline (or start, `side`) a cell gives. `horizonEnd` is the plan's last year: "Hằng năm"
 * and "Thường xuyên" run until its end unless the cell names a year.
 */
export function parseWhen(raw: string, side: 'start' | 'end', horizonEnd: number): When {
  const folded = foldForSearch(raw.normalize('NFC'))
    .replace(/[()]/g, ' ')
    .replace(/\s*[,;:]\s*/g, ' ')
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
  if (folded === '') return { ok: true, date: null, recurrence: 'none' };
  const repeated = /^(hang nam|hng nam|moi nam)\b\s*(.*)$/.exec(folded);
  const ongoing = /^(thuong xuyen|lien tuc)\b\s*(.*)$/.exec(folded);
  const special = repeated ?? ongoing;
  if (special) {
    const rest = special[2]!;
    const until = rest === '' ? null : parsePeriod(rest, 'end');
    if (rest !== '' && until === null) {
      return {
        ok: false,
        reason: `không hiểu phần “${raw.trim()}” sau “${repeated ? 'Hằng năm' : 'Thường xuyên'}”`,
      };
    }
    const date = side === 'start' ? null : (until ?? iso(horizonEnd, 12, 31));
    return { ok: true, date, recurrence: repeated ? 'yearly' : 'none', ongoing: Boolean(ongoing) };
  }
  const date = parsePeriod(folded, side);
  if (date === null) {
    return { ok: false, reason: `không hiểu thời gian “${raw.trim()}” (ví dụ: ${EXAMPLES})` };
  }
  return { ok: true, date, recurrence: 'none' };
}

/** dd/mm/yyyy, as the annex and the preview show a date. */
export function formatDay(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}
