/**
 * Sentence splitting for unit reports as officials type them: one item a line, bullets and
 * numbering, several sentences or ";"-separated clauses a line, abbreviations with a full stop
 * (TP., ThS., v.v.) and numbers with dots or commas (1.250, 3,5) that end nothing.
 */
import { normalizeText } from './normalize';

/** Bullets and numbering at the start of an item: "-", "•", "+", "*", "1.", "1.2.", "a)", "I.", "(3)". */
const LEADING_MARKER =
  /^(?:[-–—•●▪◦·+*>]+\s*|\(?\d{1,3}(?:\.\d{1,3})*[.)]\s+|\(\d{1,3}\)\s*|\(?[a-zđ][.)]\s+|\(?[IVXLC]{1,6}[.)]\s+)/u;

/**
 * Words written with a full stop that does not end the sentence: titles and administrative prefixes.
 * Compared without case. "v.v." is not here: a sentence often ends on it.
 */
const ABBREVIATIONS = new Set([
  'tp',
  'ths',
  'th.s',
  'ts',
  'pgs',
  'gs',
  'bs',
  'ks',
  'cn',
  'tt',
  'tx',
  'q',
  'p',
  'x',
  'h',
  'no',
  'st',
  'đ/c',
  'đc',
  'sđt',
  'đt',
  'stt',
  'tr',
  'nxb',
  'vd',
  'ubnd',
  'hđnd',
]);

/** A candidate end of sentence: punctuation, space, then what may start a sentence. */
const BOUNDARY = /([.!?…]+)(\s+)(?=["“'(]?[\p{Lu}\d])/gu;

function endsWithAbbreviation(before: string): boolean {
  const token = before.match(/(\S+)$/)?.[1] ?? '';
  const bare = token.replace(/^["“'(]+/, '').toLowerCase();
  if (ABBREVIATIONS.has(bare)) return true;
  // an initial ("Nguyễn V. An") or a dotted abbreviation such as "Th.S"
  if (/^\p{Lu}$/u.test(token)) return true;
  return false;
}

function splitLine(line: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (const m of line.matchAll(BOUNDARY)) {
    const punctuationAt = m.index;
    const before = line.slice(start, punctuationAt);
    if (m[1] === '.' && endsWithAbbreviation(before)) continue;
    pieces.push(line.slice(start, punctuationAt + m[1]!.length));
    start = punctuationAt + m[0].length;
  }
  pieces.push(line.slice(start));
  // ";" separates items of one list written on one line: each is a sentence of its own
  return pieces.flatMap((p) => p.split(/;\s+/));
}

function stripMarkers(piece: string): string {
  let out = piece.trim();
  for (let i = 0; i < 3; i++) {
    const next = out.replace(LEADING_MARKER, '').trim();
    if (next === out) break;
    out = next;
  }
  return out;
}

/** Trailing ";", ",", ":" and a single full stop go; "v.v.", "…", "?" and "!" stay. */
function trimEnd(piece: string): string {
  let out = piece.replace(/[\s;,:]+$/u, '');
  if (/[^.]\.$/.test(out) && !/(?:^|\s)v\.v\.$/i.test(out) && !/(?:^|\s)\p{Lu}\.$/u.test(out)) {
    out = out.slice(0, -1).trimEnd();
  }
  return out;
}

/**
 * The sentences of a report text, normalised (normalizeText) and in order; short headings ending
 * in ":" and pieces with no letter are dropped. Same text → same sentences.
 */
export function splitReportText(text: string): string[] {
  const { text: normalized } = normalizeText(text);
  const out: string[] = [];
  for (const line of normalized.split('\n')) {
    for (const raw of splitLine(stripMarkers(line))) {
      // a heading such as "II. Khó khăn, vướng mắc:" announces the items below, says nothing itself
      if (/:\s*$/.test(raw) && raw.split(/\s+/).length <= 8) continue;
      const sentence = trimEnd(stripMarkers(raw));
      if (!/\p{L}/u.test(sentence)) continue;
      out.push(sentence);
    }
  }
  return out;
}
