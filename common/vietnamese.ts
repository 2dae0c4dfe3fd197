/**
 * Vietnamese text helpers shared by server, web and the SQL migrations.
 *
 * PGlite ships without ICU, so `COLLATE "vi-VN-x-icu"` is not available on the embedded
 * database. Instead both databases sort on a key built by the SQL function `vi_sort_key`
 * (see the migration that creates it) from the tables below, compared with `COLLATE "C"`.
 * The key orders letters as the Vietnamese alphabet does (a ă â b c d đ e ê …) and breaks
 * ties by tone (ngang, huyền, hỏi, ngã, sắc, nặng), as Vietnamese dictionaries do.
 */

/** Vietnamese alphabet order, with f j w z placed where Latin puts them. */
export const VIETNAMESE_ALPHABET = 'aăâbcdđeêfghijklmnoôơpqrstuưvwxyz';

/** Base vowels and their toned forms in order: huyền, hỏi, ngã, sắc, nặng. */
const TONED_VOWELS: Record<string, string> = {
  a: 'àảãáạ',
  ă: 'ằẳẵắặ',
  â: 'ầẩẫấậ',
  e: 'èẻẽéẹ',
  ê: 'ềểễếệ',
  i: 'ìỉĩíị',
  o: 'òỏõóọ',
  ô: 'ồổỗốộ',
  ơ: 'ờởỡớợ',
  u: 'ùủũúụ',
  ư: 'ừửữứự',
  y: 'ỳỷỹýỵ',
};

function buildTables() {
  let tonedFrom = '';
  let tonedToBase = '';
  let tonedToDigit = '';
  for (const [base, toned] of Object.entries(TONED_VOWELS)) {
    [...toned].forEach((ch, i) => {
      tonedFrom += ch + ch.toUpperCase();
      tonedToBase += base + base;
      tonedToDigit += String(i + 1).repeat(2);
    });
  }
  const upper = VIETNAMESE_ALPHABET.toUpperCase();
  // Letters map to code points from U+0100 on, so that byte order ("C" collation on UTF-8)
  // follows the Vietnamese alphabet and every letter sorts after digits and punctuation.
  const letterKeys = [...VIETNAMESE_ALPHABET].map((_, i) => String.fromCodePoint(0x100 + i)).join('');
  return {
    /** upper- and lower-case toned vowels */
    tonedFrom,
    /** the same vowels without their tone, lower case */
    tonedToBase,
    /** the tone digit (1–5) of each */
    tonedToDigit,
    /** both cases of the alphabet */
    lettersFrom: VIETNAMESE_ALPHABET + upper,
    /** the sortable key character of each */
    lettersTo: letterKeys + letterKeys,
  };
}

export const VIETNAMESE_SORT_TABLES = buildTables();

function translate(text: string, from: string, to: string): string {
  const fromChars = [...from];
  const toChars = [...to];
  const map = new Map<string, string>();
  fromChars.forEach((ch, i) => {
    if (!map.has(ch)) map.set(ch, toChars[i] ?? '');
  });
  return [...text].map((ch) => map.get(ch) ?? ch).join('');
}

/** The same key as SQL `vi_sort_key(text)`, for sorting in the browser. */
export function vietnameseSortKey(text: string): string {
  const t = VIETNAMESE_SORT_TABLES;
  const nfc = text.normalize('NFC');
  const base = translate(nfc, t.tonedFrom, t.tonedToBase);
  const primary = translate(base, t.lettersFrom, t.lettersTo);
  const tones = translate(nfc, t.tonedFrom, t.tonedToDigit).replace(/[^1-5]/gu, '0');
  return `${primary}\u0001${tones}`;
}

export function compareVietnamese(a: string, b: string): number {
  const ka = vietnameseSortKey(a);
  const kb = vietnameseSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Lower case without diacritics, as the SQL `f_search` does: "Chuyển đổi số" → "chuyen doi so". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}
