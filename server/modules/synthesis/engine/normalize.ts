/**
 * Text normalisation before anything is compared: legacy 8-bit encodings pasted from old Word files
 * (TCVN3/ABC, VNI) converted to Unicode, NFC, one tone-mark placement, tidy white space.
 */
import type { LegacyEncoding, NormalizedText } from './types';

/**
 * TCVN3 (ABC, TCVN 5712:1993 VN3) as it arrives when a .VnTime document is pasted: each byte becomes
 * the Latin-1 character of the same code. Bytes A1–AF and B5–FF, in order, decode to these letters
 * (from glibc's TCVN5712-1 table; VN3 is VN1 without the upper-case positions the ABC fonts never
 * used, so the lower-case letters officials type sit at the same codes). B0–B4 are combining marks in
 * VN1 and unused in ABC: left alone.
 */
const TCVN3_LETTERS =
  'ĂÂÊÔƠƯĐăâêôơưđẰàảãáạẲằẳẵắẴẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịòỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ';
const TCVN3_MAP = new Map<string, string>();
{
  const codes = [...range(0xa1, 0xaf), ...range(0xb5, 0xff)];
  const letters = [...TCVN3_LETTERS];
  codes.forEach((code, i) => {
    TCVN3_MAP.set(String.fromCharCode(code), letters[i]!);
  });
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/**
 * Latin-1 characters Vietnamese never uses in Unicode text but TCVN3 uses for its letters: a text
 * full of them (and with no ă, đ, ơ, ư, ạ… of its own) was typed in TCVN3.
 */
const TCVN3_FOREIGN = /[¡¢£¤¥¦§¨©ª«¬­®¯µ¶·¸¹º»¼½¾¿ÄÅÆÇËÎÏÐÑÖ×ØÜÞßäåæçëîïñö÷øûüþÿ]/;

/**
 * TCVN3's lower-case letters at C0–DE look like Latin-1 capitals: "TiÕng", "nhËn". A capital right
 * after a small letter inside a word does not happen in Unicode Vietnamese.
 */
const TCVN3_MIXED_CASE = /\p{Ll}[À-Þ]/u;

/**
 * VNI Windows: a base letter followed by a Latin-1 character standing for its marks ("Vieät" →
 * "Việt"), a few letters on their own ("ñ" → "đ", "ö" → "ư", "ô" → "ơ"). Built from the rows
 * below: base letter, then the sequence of each form.
 */
const VNI_ROWS: [string, string][] = [
  // lower case: tone-only forms (sắc huyền hỏi ngã nặng) and the vowels with their own mark
  ['áàảãạ', 'aù aø aû aõ aï'],
  ['âấầẩẫậ', 'aâ aá aà aå aã aä'],
  ['ăắằẳẵặ', 'aê aé aè aú aü aë'],
  ['éèẻẽẹ', 'eù eø eû eõ eï'],
  ['êếềểễệ', 'eâ eá eà eå eã eä'],
  ['íìỉĩị', 'í ì æ ó ò'],
  ['óòỏõọ', 'où oø oû oõ oï'],
  ['ôốồổỗộ', 'oâ oá oà oå oã oä'],
  ['ơớờởỡợ', 'ô ôù ôø ôû ôõ ôï'],
  ['úùủũụ', 'uù uø uû uõ uï'],
  ['ưứừửữự', 'ö öù öø öû öõ öï'],
  ['ýỳỷỹỵ', 'yù yø yû yõ î'],
  ['đ', 'ñ'],
  // upper case
  ['ÁÀẢÃẠ', 'AÙ AØ AÛ AÕ AÏ'],
  ['ÂẤẦẨẪẬ', 'AÂ AÁ AÀ AÅ AÃ AÄ'],
  ['ĂẮẰẲẴẶ', 'AÊ AÉ AÈ AÚ AÜ AË'],
  ['ÉÈẺẼẸ', 'EÙ EØ EÛ EÕ EÏ'],
  ['ÊẾỀỂỄỆ', 'EÂ EÁ EÀ EÅ EÃ EÄ'],
  ['ÍÌỈĨỊ', 'Í Ì Æ Ó Ò'],
  ['ÓÒỎÕỌ', 'OÙ OØ OÛ OÕ OÏ'],
  ['ÔỐỒỔỖỘ', 'OÂ OÁ OÀ OÅ OÃ OÄ'],
  ['ƠỚỜỞỠỢ', 'Ô ÔÙ ÔØ ÔÛ ÔÕ ÔÏ'],
  ['ÚÙỦŨỤ', 'UÙ UØ UÛ UÕ UÏ'],
  ['ƯỨỪỬỮỰ', 'Ö ÖÙ ÖØ ÖÛ ÖÕ ÖÏ'],
  ['ÝỲỶỸỴ', 'YÙ YØ YÛ YÕ Î'],
  ['Đ', 'Ñ'],
];
const VNI_MAP = new Map<string, string>();
for (const [letters, sequences] of VNI_ROWS) {
  const seqs = sequences.split(' ');
  [...letters].forEach((letter, i) => {
    VNI_MAP.set(seqs[i]!, letter);
  });
}
const VNI_PATTERN = new RegExp(
  [...VNI_MAP.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).join('|'),
  'g',
);
/**
 * VNI sequences that cannot occur in Unicode Vietnamese. "oà", "oá", "oã" are left out: Unicode
 * "hoà", "toán", "hoãn" contain them.
 */
const VNI_SIGNATURE =
  /[aA][ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜË]|[eE][ùøûõïâáàåãäÙØÛÕÏÂÁÀÅÃÄ]|[oO][ùøûõïâåäÙØÛÕÏÂÅÄ]|[ôöÔÖuUyY][ùøûõïÙØÛÕÏ]|(?:^|[^\p{L}])[ñÑ][aeiouyAEIOUY]/u;

/** Letters only Unicode Vietnamese has (ă, đ, ơ, ư and the tone-marked block): not legacy text. */
const UNICODE_VIETNAMESE = /[ĂăĐđƠơƯưĨĩŨũ\u1EA0-\u1EF9]/;

/** Which legacy encoding a text is in, if any: at least 2 words and a tenth of its words look it. */
export function detectLegacyEncoding(text: string): LegacyEncoding | null {
  if (UNICODE_VIETNAMESE.test(text)) return null;
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0) return null;
  let tcvn = 0;
  let vni = 0;
  for (const w of words) {
    if (TCVN3_FOREIGN.test(w) || TCVN3_MIXED_CASE.test(w)) tcvn++;
    if (VNI_SIGNATURE.test(w)) vni++;
  }
  const enough = (n: number) => n >= 2 && n >= words.length / 10;
  if (enough(vni) && vni >= tcvn) return 'vni';
  if (enough(tcvn)) return 'tcvn3';
  return null;
}

export function convertLegacy(text: string, encoding: LegacyEncoding): string {
  if (encoding === 'tcvn3') return [...text].map((c) => TCVN3_MAP.get(c) ?? c).join('');
  return text.replace(VNI_PATTERN, (seq) => VNI_MAP.get(seq) ?? seq);
}

/*
 * Tone marks on oa, oe, uy. Both "hòa" and "hoà", "thủy" and "thuỷ" are in use; we write the
 * traditional placement — on the first vowel when the syllable ends there (hòa, khỏe, thủy, Ủy ban),
 * on the second when a consonant follows (hoàn, toán, huỳnh) — because it is what provincial
 * administrative documents use (the templates of Decree 30/2020/NĐ-CP write "Ủy ban nhân dân") and so
 * what the secretariat will sign. Only these three nuclei are ambiguous; "qu" + y (quý) keeps the mark
 * on y, since its u belongs to the consonant.
 */
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/;
const SYLLABLE = /\p{L}+/gu;
const O_OR_U = /[oòóỏõọuùúủũụOÒÓỎÕỌUÙÚỦŨỤ]/;

function placeToneMark(word: string): string {
  const decomposed = word.normalize('NFD');
  const tone = decomposed.match(TONE_MARKS)?.[0];
  if (!tone) return word;
  const bare = decomposed.replace(TONE_MARKS, '');
  // the syllable's base letters without any mark, to find the nucleus
  const base = bare.replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const m = base.match(/^([^aeiouy]*)(oa|oe|uy)([^aeiouy]*)$/);
  if (!m) return word;
  const [, onset, , coda] = m as unknown as [string, string, string, string];
  if (onset.endsWith('q')) return word;
  // the nucleus letters must be plain (no breve, circumflex or horn: "oă" in "hoặc" is not ambiguous)
  const nucleusBare = [...bare.normalize('NFC')].slice(onset.length, onset.length + 2).join('');
  if (nucleusBare.toLowerCase() !== base.slice(onset.length, onset.length + 2)) return word;
  const target = onset.length + (coda.length === 0 ? 0 : 1);
  const letters = [...bare.normalize('NFC')];
  letters[target] = (letters[target]! + tone).normalize('NFC');
  return letters.join('');
}

/** Tone marks of oa/oe/uy placed as described above; everything else untouched. Input in NFC. */
export function normalizeToneMarks(text: string): string {
  // only syllables with an o or a u (with or without its tone mark) can have these nuclei
  return text.replace(SYLLABLE, (w) => (O_OR_U.test(w) ? placeToneMark(w) : w));
}

/**
 * The text as the engine compares and quotes it: legacy encodings converted, NFC, one tone-mark
 * placement, no control characters, runs of spaces collapsed (line breaks kept: they separate items).
 */
export function normalizeText(text: string): NormalizedText {
  const legacyEncoding = detectLegacyEncoding(text);
  let out = legacyEncoding ? convertLegacy(text, legacyEncoding) : text;
  out = out.normalize('NFC');
  out = normalizeToneMarks(out);
  out = out
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000\t]/g, ' ')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u00ad\ufeff]/g, '')
    .replace(/ {2,}/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
  return { text: out, legacyEncoding };
}
