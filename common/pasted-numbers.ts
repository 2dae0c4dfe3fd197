/**
 * Numbers as people type them or paste them from Excel, the Vietnamese way first ("1.234,5"),
 * and blocks of cells pasted from a spreadsheet. Pure functions; the entry grid uses them.
 *
 * The rule of `parseLocaleNumber`:
 * 1. Spaces (also non-breaking and thin ones) are thousand separators and dropped; a trailing
 *    "%" is dropped; "−" (U+2212) is a minus. Nothing left: no value (`null`).
 * 2. With both "." and ",", the one that comes last is the decimal separator and the other
 *    groups thousands: "1.234,5" and "1,234.5" are both 1234.5.
 * 3. Only ",": once, it is the decimal comma ("85,5" = 85.5, "1,234" = 1.234); more than once,
 *    it groups thousands ("1,234,567").
 * 4. Only ".": more than once, it groups thousands ("1.234.567"). Once, it groups thousands when
 *    exactly three digits follow it and one to three non-zero-led digits precede it, as in
 *    Vietnamese ("1.234" = 1234, "12.500" = 12500); otherwise it is a decimal point ("85.5",
 *    "0.125", "1234.5"). So "1.234" typed by someone used to English decimals reads as 1234:
 *    Vietnamese wins the one ambiguous case.
 * 5. Thousand groups must be well formed (1–3 digits, then groups of exactly 3), else the text is
 *    not a number; so is anything with letters or other signs.
 */

export type ParsedNumber = { ok: true; value: number | null } | { ok: false };

const SPACES = /[\s\u00a0\u202f\u2009]/g;
const NOT_A_NUMBER: ParsedNumber = { ok: false };

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n += 1;
  return n;
}

/** "1.234.567" with "." as the group separator → "1234567"; null when the groups are malformed. */
function ungroup(integer: string, group: string): string | null {
  if (!integer.includes(group)) return integer;
  const parts = integer.split(group);
  const [head, ...rest] = parts;
  if (!head || !/^\d{1,3}$/.test(head) || rest.some((p) => !/^\d{3}$/.test(p))) return null;
  return parts.join('');
}

export function parseLocaleNumber(input: string): ParsedNumber {
  let text = input.replace(SPACES, '').replace(/\u2212/g, '-');
  if (text.endsWith('%')) text = text.slice(0, -1);
  if (text === '') return { ok: true, value: null };
  const match = /^([+-]?)([\d.,]+)$/.exec(text);
  if (!match || !/\d/.test(match[2]!)) return NOT_A_NUMBER;
  const sign = match[1] === '-' ? '-' : '';
  const body = match[2]!;

  const dots = count(body, '.');
  const commas = count(body, ',');
  let decimal: '.' | ',' | null = null;
  if (dots > 0 && commas > 0) decimal = body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',';
  else if (commas === 1) decimal = ',';
  else if (dots === 1) decimal = /^[1-9]\d{0,2}\.\d{3}$/.test(body) ? null : '.';
  const group = decimal === '.' ? ',' : '.';
  // with only one kind of separator and no decimal, that kind groups
  const grouping = decimal === null ? (dots > 0 ? '.' : ',') : group;

  let integer = body;
  let fraction = '';
  if (decimal) {
    if (count(body, decimal) !== 1) return NOT_A_NUMBER;
    const at = body.indexOf(decimal);
    integer = body.slice(0, at);
    fraction = body.slice(at + 1);
    if (fraction.includes(group)) return NOT_A_NUMBER;
  }
  const digits = ungroup(integer, grouping);
  if (digits === null || !/^\d*$/.test(digits) || !/^\d*$/.test(fraction)) return NOT_A_NUMBER;
  const value = Number(`${sign}${digits || '0'}${fraction ? `.${fraction}` : ''}`);
  return Number.isFinite(value) ? { ok: true, value } : NOT_A_NUMBER;
}

/**
 * Cells of text copied from a spreadsheet: rows end with CR LF or LF, cells are separated by tabs,
 * and a cell holding a tab, a line break or a quote comes wrapped in quotes ("" for a quote).
 * The line break Excel puts after the last row does not make an empty row.
 */
export function parsePastedBlock(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && cell === '') {
      // a quoted cell: up to the lone closing quote
      let j = i + 1;
      let quoted = '';
      for (; j < text.length; j++) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            quoted += '"';
            j += 1;
          } else break;
        } else quoted += text[j];
      }
      const next = text[j + 1];
      if (j < text.length && (next === undefined || next === '\t' || next === '\n' || next === '\r')) {
        cell = quoted;
        i = j + 1;
        continue;
      }
      // not a well-formed quoted cell: take the quote literally
    }
    if (c === '\t') endCell();
    else if (c === '\n') endRow();
    else if (c === '\r') {
      endRow();
      if (text[i + 1] === '\n') i += 1;
    } else cell += c;
    i += 1;
  }
  if (cell !== '' || row.length > 0) endRow();
  return rows;
}

/** Whether pasted text came from spreadsheet cells (even one: Excel ends it with a line break). */
export function isBlockPaste(text: string): boolean {
  return /[\t\r\n]/.test(text);
}
