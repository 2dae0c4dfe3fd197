/**
 * The STT column of an annex: I, II… for groups, then `1.`, `1.1`, `a)` below them, or the plan's
 * outline codes written out (`3.1.2`). Reading turns each into an outline code; writing turns a
 * code back into what an annex shows, so that an exported annex reads back to the same codes.
 */

/** Vietnamese lists go a, b, c, d, đ, e, g…; f, j, w, z (English lists) come after. */
const LETTERS = [...'abcdđeghiklmnopqrstuvxyfjwz'];
/** Letters a Vietnamese list uses: the export writes no others. */
const VIETNAMESE_LETTERS = 23;

const ROMAN_VALUES: [string, number][] = [
  ['M', 1000],
  ['CM', 900],
  ['D', 500],
  ['CD', 400],
  ['C', 100],
  ['XC', 90],
  ['L', 50],
  ['XL', 40],
  ['X', 10],
  ['IX', 9],
  ['V', 5],
  ['IV', 4],
  ['I', 1],
];

export function toRoman(n: number): string {
  let rest = n;
  let out = '';
  for (const [symbol, value] of ROMAN_VALUES) {
    while (rest >= value) {
      out += symbol;
      rest -= value;
    }
  }
  return out;
}

/** The value of a well-formed Roman numeral (upper case), else null. */
export function fromRoman(text: string): number | null {
  if (!/^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/.test(text) || text === '') return null;
  let n = 0;
  let i = 0;
  for (const [symbol, value] of ROMAN_VALUES) {
    while (text.startsWith(symbol, i)) {
      n += value;
      i += symbol.length;
    }
  }
  return n;
}

export type Numbering =
  /** I, II, III (a top-level group) */
  | { kind: 'roman'; n: number }
  /** 1, 1., 1.1, 3.1.2a: numbers, dotted */
  | { kind: 'outline'; parts: number[]; suffix: string }
  /** a), b), đ): the n-th letter */
  | { kind: 'letter'; n: number };

const OUTLINE = /^(\d{1,4}(?:\.\d{1,4})*)([a-z]?)[.)]?$/;

/** The numbering written in an STT cell, or null when it is none ("x", "1,2", "-"). */
export function parseNumbering(raw: string): Numbering | null {
  const text = raw.trim().replace(/\s+/g, '');
  if (text === '') return null;
  const roman = /^([IVXLCDM]+)[.)]?$/.exec(text);
  if (roman) {
    const n = fromRoman(roman[1]!);
    if (n !== null) return { kind: 'roman', n };
  }
  const outline = OUTLINE.exec(text);
  if (outline) {
    const parts = outline[1]!.split('.').map(Number);
    if (parts.every((p) => p >= 1)) return { kind: 'outline', parts, suffix: outline[2]! };
    return null;
  }
  // a letter needs its bracket or dot: a lone "x" in the STT column is a mark, not a number
  const letter = /^([a-zđ])[.)]$/.exec(text);
  if (letter) return { kind: 'letter', n: LETTERS.indexOf(letter[1]!) + 1 };
  return null;
}

/**
 * "I. LÃNH ĐẠO…" or "1. Thành lập…" in one cell (a heading merged across the row): its numbering
 * and the rest, when the cell starts with one followed by a dot or bracket and a space.
 */
export function splitNumberedText(raw: string): { stt: string; title: string } | null {
  const match = /^\s*([IVXLCDM]+|\d{1,4}(?:\.\d{1,4})*|[a-zđ])[.)]\s+(\S[\s\S]*)$/.exec(raw);
  if (!match || parseNumbering(match[1]!) === null) return null;
  return { stt: match[1]!, title: match[2]!.trim() };
}

/** Codes whose every level is a number and whose parents are their prefixes: shown the Roman way. */
export function fitsRomanNumbering(codes: readonly { code: string; parentCode: string | null }[]): boolean {
  return codes.every(({ code, parentCode }) => {
    if (!/^\d+(\.\d+)*$/.test(code)) return false;
    const cut = code.lastIndexOf('.');
    const expectedParent = cut < 0 ? null : code.slice(0, cut);
    if (expectedParent !== parentCode) return false;
    return cut >= 0 || (Number(code) >= 1 && Number(code) < 4000);
  });
}

/** What the STT cell shows for an outline code, the Roman way: I → 1. → 1.1 → a) → 1.1.1.1. */
export function romanStt(code: string): string {
  const parts = code.split('.').map(Number);
  if (parts.length === 1) return toRoman(parts[0]!);
  if (parts.length === 2) return `${parts[1]}.`;
  if (parts.length === 4 && parts[3]! <= VIETNAMESE_LETTERS) return `${LETTERS[parts[3]! - 1]})`;
  return parts.slice(1).join('.');
}

/** Reads STT cells in order into outline codes, keeping the Roman group and last numbered item. */
export class CodeReader {
  /** the file numbers its groups I, II…: `1.` and `1.1` are then below the current one */
  private readonly romanMode: boolean;
  private group: string | null = null;
  private lastNumbered: string | null = null;

  constructor(romanMode: boolean) {
    this.romanMode = romanMode;
  }

  /** The code of a row numbered `numbering`, or the reason there is none. */
  read(numbering: Numbering): { code: string } | { error: 'letter_without_parent' } {
    if (numbering.kind === 'roman') {
      this.group = String(numbering.n);
      this.lastNumbered = this.group;
      return { code: this.group };
    }
    if (numbering.kind === 'letter') {
      if (!this.lastNumbered) return { error: 'letter_without_parent' };
      return { code: `${this.lastNumbered}.${numbering.n}` };
    }
    const own = `${numbering.parts.join('.')}${numbering.suffix}`;
    const code = this.romanMode && this.group ? `${this.group}.${own}` : own;
    this.lastNumbered = code;
    return { code };
  }
}

/** "3.1.2" → "3.1"; "1.1a" → "1"; a top-level code → null. */
export function parentCodeOf(code: string): string | null {
  const cut = code.lastIndexOf('.');
  return cut < 0 ? null : code.slice(0, cut);
}
