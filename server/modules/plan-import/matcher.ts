/**
 * Agency names as annexes write them → org units. Names are compared as their search words
 * (no diacritics, no case, punctuation ignored, "và" dropped: `searchTokens`), with every form of a
 * search-synonym group (KH&CN = KHCN = khoa học và công nghệ, UBND = ủy ban nhân dân, …) replaced by
 * one token for its group, so "Sở KH&CN", "Sở KHCN" and "Sở Khoa học và Công nghệ" are one key.
 * Each unit is found by its name, short name and code, and by the forms people drop words from
 * ("Công an tỉnh" for "Công an tỉnh Nghệ An", "UBND phường Trường Vinh" for "Phường Trường Vinh").
 *
 * A cell of co-operators is a list whose separators (",", "và") also occur inside names ("Sở Văn hóa,
 * Thể thao và Du lịch"): it is split at `;` and line breaks, then each part is cut at commas and "và"
 * into the fewest names that are all known. "UBND các xã, phường" (and "UBND cấp xã", "các phường")
 * stands for every active commune and ward; "các cơ quan, đơn vị liên quan" names nobody and is left
 * out with a warning.
 */
import type { TOrgUnitRef } from '../../../common/contracts/fields';
import type { OrgUnitKind } from '../../../common/enums';
import { searchTokens } from '../../db/search';

export interface MatchUnit extends TOrgUnitRef {
  kind: OrgUnitKind;
}

/** One phrase of a cell and what it named. */
export type Match =
  | { kind: 'unit'; text: string; unit: MatchUnit }
  | { kind: 'collective'; text: string; units: MatchUnit[] }
  | { kind: 'vague'; text: string }
  | { kind: 'ambiguous'; text: string; units: MatchUnit[] }
  | { kind: 'unknown'; text: string; suggestion: MatchUnit | null };

/** Words that join a name and are dropped in its short forms: KH&CN = khoa học và công nghệ. */
const CONNECTORS = new Set(['va']);
/** Commune-level kinds, by the words that name them. */
const COMMUNE_WORDS: [string[], OrgUnitKind[]][] = [
  [
    ['cap', 'xa'],
    ['commune', 'ward', 'special_zone'],
  ],
  [['dac', 'khu'], ['special_zone']],
  [['thi', 'tran'], ['commune']],
  [['xa'], ['commune']],
  [['phuong'], ['ward']],
];
/** Words that may surround the commune kinds in a collective phrase. */
const COLLECTIVE_FILLERS = new Set(['cac', 'tat', 'ca', 'toan', 'tren', 'dia', 'ban', 'tinh', 'thuoc']);
/** Phrases that name nobody in particular. */
const VAGUE = [
  /^cac .*lien quan$/,
  /^(cac )?(co quan|don vi|so|ban|nganh|dia phuong|to chuc|ca nhan|doanh nghiep)( (co quan|don vi|so|ban|nganh|dia phuong|to chuc|ca nhan|doanh nghiep))*( lien quan)?$/,
];

export class AgencyMatcher {
  /** synonym form (tokens joined by spaces) → its group's token */
  private readonly forms = new Map<string, string>();
  private readonly longestForm: number;
  private readonly ubnd: string;
  /** canonical key → units; names, short names and codes first, looser forms second */
  private readonly exact = new Map<string, Set<MatchUnit>>();
  private readonly loose = new Map<string, Set<MatchUnit>>();
  private readonly byCode = new Map<string, MatchUnit>();
  private readonly units: MatchUnit[];
  private readonly provinceWords: string[][];
  private readonly cache = new Map<string, Match>();
  /** for suggestions: every key with its character bigrams */
  private bigrams: { key: string; unit: MatchUnit; grams: Set<string> }[] | null = null;

  constructor(units: readonly MatchUnit[], synonymGroups: readonly (readonly string[])[]) {
    this.units = [...units];
    let longest = 1;
    synonymGroups.forEach((forms, g) => {
      for (const form of forms) {
        const tokens = searchTokens(form).filter((t) => !CONNECTORS.has(t));
        if (tokens.length === 0) continue;
        longest = Math.max(longest, tokens.length);
        this.forms.set(tokens.join(' '), `~${g}`);
        this.forms.set(tokens.join(''), `~${g}`);
      }
    });
    this.longestForm = longest;
    this.ubnd = this.forms.get('ubnd') ?? 'ubnd';
    this.provinceWords = units
      .filter((u) => u.kind === 'province')
      .map((u) => searchTokens(u.shortName ?? u.name.replace(/^tỉnh\s+/i, '')))
      .filter((t) => t.length > 0);
    for (const unit of units) {
      this.byCode.set(unit.code.toLowerCase(), unit);
      for (const name of [unit.name, unit.shortName, unit.code]) {
        if (name) this.add(this.exact, this.key(name), unit);
      }
      for (const name of [unit.name, unit.shortName]) {
        if (!name) continue;
        for (const variant of this.variants(this.canonical(name), unit.kind))
          this.add(this.loose, variant, unit);
      }
    }
  }

  private add(index: Map<string, Set<MatchUnit>>, key: string, unit: MatchUnit) {
    if (!key) return;
    const set = index.get(key) ?? new Set();
    set.add(unit);
    index.set(key, set);
  }

  /** Search words with every synonym form replaced by its group's token. */
  canonical(text: string): string[] {
    const tokens = searchTokens(text).filter((t) => !CONNECTORS.has(t));
    const out: string[] = [];
    for (let i = 0; i < tokens.length; ) {
      let matched = 0;
      for (let n = Math.min(this.longestForm, tokens.length - i); n >= 1; n--) {
        const group = this.forms.get(tokens.slice(i, i + n).join(' '));
        if (group) {
          out.push(group);
          matched = n;
          break;
        }
      }
      if (matched === 0) {
        out.push(tokens[i]!);
        matched = 1;
      }
      i += matched;
    }
    return out;
  }

  private key(text: string): string {
    return this.canonical(text).join(' ');
  }

  /**
   * Looser forms of a canonical name: without the province's name at its end ("Công an tỉnh"),
   * a commune's or the province's name after "UBND".
   */
  private variants(tokens: string[], kind: OrgUnitKind): string[] {
    const out = new Set<string>();
    for (const province of this.provinceWords) {
      const n = province.length;
      if (tokens.length > n && tokens.slice(-n).join(' ') === province.join(' ')) {
        out.add(tokens.slice(0, -n).join(' '));
      }
    }
    if (kind === 'commune' || kind === 'ward' || kind === 'special_zone')
      out.add([this.ubnd, ...tokens].join(' '));
    if (kind === 'province') {
      out.add([this.ubnd, ...tokens].join(' '));
      out.add([this.ubnd, 'tinh'].join(' '));
    }
    return [...out];
  }

  /** What one phrase names. */
  matchPhrase(raw: string): Match {
    const text = raw
      .trim()
      .replace(/^[-+•*–]\s*/, '')
      .replace(/[.;:,]+$/, '')
      .trim();
    const cached = this.cache.get(text);
    if (cached) return cached;
    const match = this.resolve(text);
    this.cache.set(text, match);
    return match;
  }

  private resolve(text: string): Match {
    // "Xã Diễn Châu (17464)": a name the export wrote with its code, as it is not unique
    const coded = /\(([^()]+)\)\s*$/.exec(text);
    if (coded) {
      const unit = this.byCode.get(coded[1]!.trim().toLowerCase());
      if (unit) return { kind: 'unit', text, unit };
    }
    const tokens = this.canonical(text);
    if (tokens.length === 0) return { kind: 'unknown', text, suggestion: null };
    const key = tokens.join(' ');
    for (const index of [this.exact, this.loose]) {
      const found = index.get(key);
      if (found?.size === 1) return { kind: 'unit', text, unit: [...found][0]! };
      if (found && found.size > 1) return { kind: 'ambiguous', text, units: [...found] };
    }
    const collective = this.collective(tokens);
    if (collective) return { kind: 'collective', text, units: collective };
    const plain = tokens.map((t) => (t === this.ubnd ? 'ubnd' : t)).join(' ');
    if (VAGUE.some((rule) => rule.test(plain))) return { kind: 'vague', text };
    // "Sở Nội vụ (chủ trì)": without a remark in brackets
    if (coded) {
      const bare = this.resolve(text.slice(0, coded.index).trim());
      if (bare.kind !== 'unknown') return { ...bare, text };
    }
    return { kind: 'unknown', text, suggestion: this.suggest(key) };
  }

  /** "UBND các xã, phường", "UBND cấp xã", "các phường": every active unit of those kinds. */
  private collective(tokens: string[]): MatchUnit[] | null {
    const rest = tokens.filter((t) => t !== this.ubnd);
    const kinds = new Set<OrgUnitKind>();
    for (let i = 0; i < rest.length; ) {
      const hit = COMMUNE_WORDS.find(([w]) => w.every((word, k) => rest[i + k] === word));
      if (hit) {
        for (const k of hit[1]) kinds.add(k);
        i += hit[0].length;
      } else if (COLLECTIVE_FILLERS.has(rest[i]!)) i++;
      else return null;
    }
    // "Xã" alone is no list; a list says "các", "cấp" or UBND before it
    const listed = rest.length < tokens.length || rest.some((t) => t === 'cac' || t === 'cap');
    if (kinds.size === 0 || !listed) return null;
    const units = this.units.filter((u) => kinds.has(u.kind));
    return units.length > 0 ? units : null;
  }

  /** The unit whose name is closest in characters (Dice coefficient on bigrams ≥ 0.75), if any. */
  private suggest(key: string): MatchUnit | null {
    if (!this.bigrams) {
      this.bigrams = [];
      for (const [k, units] of this.exact) {
        if (units.size === 1) this.bigrams.push({ key: k, unit: [...units][0]!, grams: grams(k) });
      }
    }
    const mine = grams(key);
    let best: { score: number; unit: MatchUnit } | null = null;
    for (const entry of this.bigrams) {
      let common = 0;
      for (const g of mine) if (entry.grams.has(g)) common++;
      const score = (2 * common) / (mine.size + entry.grams.size || 1);
      if (!best || score > best.score) best = { score, unit: entry.unit };
    }
    return best && best.score >= 0.75 ? best.unit : null;
  }

  /**
   * A cell that lists agencies → the phrases it names. Split at `;` and line breaks, then
   * each part into the fewest phrases, cut at commas and "và", that are all known; a part that
   * cannot be covered keeps its unknown pieces as they are.
   */
  matchList(cell: string): Match[] {
    const out: Match[] = [];
    for (const part of cell.split(/[;\n\r]+/)) {
      if (part.trim() === '') continue;
      out.push(...this.cover(part));
    }
    return out;
  }

  private cover(part: string): Match[] {
    // pieces and the separators between them, so that a phrase keeps its own commas
    const pieces = part.split(/(,|\s+và\s+|\s+&\s+)/iu);
    const texts: string[] = [];
    const seps: string[] = [];
    for (let i = 0; i < pieces.length; i += 2) {
      texts.push(pieces[i]!);
      if (i + 1 < pieces.length) seps.push(pieces[i + 1]!);
    }
    const n = Math.min(texts.length, 60);
    if (texts.length > n) {
      return texts.filter((t) => t.trim()).map((t) => this.matchPhrase(t));
    }
    const phrase = (from: number, to: number) => {
      let s = texts[from]!;
      for (let k = from + 1; k < to; k++) s += seps[k - 1]! + texts[k]!;
      return s;
    };
    // best[i]: the cover of the first i pieces with the fewest unknown pieces, then the fewest phrases
    const best: ({ unknown: number; count: number; matches: Match[] } | null)[] = [
      { unknown: 0, count: 0, matches: [] },
    ];
    for (let i = 1; i <= n; i++) {
      best[i] = null;
      for (let j = 0; j < i; j++) {
        const before = best[j];
        if (!before) continue;
        const text = phrase(j, i);
        if (text.trim() === '') {
          if (i - j === 1) consider(i, before, null, 0);
          continue;
        }
        const match = this.matchPhrase(text);
        const known = match.kind !== 'unknown';
        if (!known && i - j > 1) continue;
        consider(i, before, match, known ? 0 : 1);
      }
    }
    return best[n]?.matches ?? [];

    function consider(
      i: number,
      before: { unknown: number; count: number; matches: Match[] },
      match: Match | null,
      unknown: number,
    ) {
      const candidate = {
        unknown: before.unknown + unknown,
        count: before.count + (match ? 1 : 0),
        matches: match ? [...before.matches, match] : before.matches,
      };
      const current = best[i];
      if (
        !current ||
        candidate.unknown < current.unknown ||
        (candidate.unknown === current.unknown && candidate.count < current.count)
      ) {
        best[i] = candidate;
      }
    }
  }
}

function grams(text: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < text.length - 1; i++) out.add(text.slice(i, i + 2));
  return out;
}
