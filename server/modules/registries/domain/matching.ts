/**
 * Technology needs ↔ offers: suggestions in both directions, each with the reasons a broker can
 * read out. Deterministic: same inputs, same order, same sentences (ties broken by id).
 *
 * Score out of 100: sector 25 (VSIC code prefix), tags 25 (Jaccard), readiness 15 (offer at or
 * above the need's minimum; below excludes the pair), deal types 10 (any in common), budget 10
 * (the offer's price band within the need's budget band), text 15 (cosine of the titles and
 * descriptions' syllables, diacritics and case ignored, with the synthesis engine's tokeniser).
 */
import { foldDiacritics, isStop, syllablesOf } from '../../synthesis/engine/tokens';
import { compareTrl, type Trl } from './trl';

export const DEAL_TYPES = ['licence', 'technical-cooperation', 'purchase', 'joint-venture', 'rnd'] as const;
export type DealType = (typeof DEAL_TYPES)[number];
export const DEAL_TYPE_LABELS: Readonly<Record<DealType, string>> = {
  licence: 'chuyển giao quyền sử dụng (li-xăng)',
  'technical-cooperation': 'hợp tác kỹ thuật',
  purchase: 'mua bán công nghệ',
  'joint-venture': 'liên doanh, góp vốn',
  rnd: 'hợp tác nghiên cứu, phát triển',
};

/** Ordered bands in VND: a need's budget, an offer's expected price. */
export const BUDGET_BANDS = ['under-500m', '500m-2b', '2b-10b', 'over-10b'] as const;
export type BudgetBand = (typeof BUDGET_BANDS)[number];
export const BUDGET_BAND_LABELS: Readonly<Record<BudgetBand, string>> = {
  'under-500m': 'dưới 500 triệu đồng',
  '500m-2b': 'từ 500 triệu đến 2 tỷ đồng',
  '2b-10b': 'từ 2 tỷ đến 10 tỷ đồng',
  'over-10b': 'trên 10 tỷ đồng',
};

interface TechProfile {
  id: string;
  title: string;
  description: string;
  /** VSIC 2018 code with its section letter: "C26", "C2610", "J6201". */
  vsic: string | null;
  tags: readonly string[];
  dealTypes: readonly DealType[];
  budgetBand: BudgetBand | null;
  /** Last day the listing stands (ISO date); expired listings are not suggested. */
  expiresOn: string | null;
}
export interface TechNeed extends TechProfile {
  minTrl: Trl;
}
export interface TechOffer extends TechProfile {
  trl: Trl;
}

export const MATCH_WEIGHTS = { sector: 25, tags: 25, trl: 15, dealTypes: 10, budget: 10, text: 15 } as const;

export interface PairScore {
  excluded: boolean;
  score: number;
  reasons: string[];
}

const decimal = (x: number) => x.toFixed(2).replace('.', ',');

/** Section letter + the digits the two codes share: "C2610" vs "C2620" → "C26"; other sections → null. */
export function sharedVsicPrefix(a: string | null, b: string | null): string | null {
  if (!a || !b) return null;
  const x = a.trim().toUpperCase();
  const y = b.trim().toUpperCase();
  if (x[0] !== y[0]) return null;
  let n = 1;
  while (n < Math.min(x.length, y.length) && x[n] === y[n]) n += 1;
  return x.slice(0, n);
}

/** Share of the sector weight by depth: section only 0.2, division (2 digits) 0.6, group 0.8, class 1. */
const SECTOR_DEPTH = [0.2, 0.2, 0.6, 0.8, 1] as const;

const foldTag = (tag: string) => foldDiacritics(tag.trim().toLowerCase()).replace(/\s+/g, ' ');

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let both = 0;
  for (const x of a) if (b.has(x)) both += 1;
  return both / (a.size + b.size - both);
}

/** Folded, non-stop syllables with their counts. */
function termCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of syllablesOf(text.normalize('NFC'))) {
    if (isStop(s)) continue;
    const folded = foldDiacritics(s);
    counts.set(folded, (counts.get(folded) ?? 0) + 1);
  }
  return counts;
}

export function textSimilarity(a: string, b: string): number {
  const x = termCounts(a);
  const y = termCounts(b);
  let dot = 0;
  for (const [t, n] of x) dot += n * (y.get(t) ?? 0);
  const norm = (m: Map<string, number>) => Math.sqrt([...m.values()].reduce((s, n) => s + n * n, 0));
  const denominator = norm(x) * norm(y);
  return denominator === 0 ? 0 : dot / denominator;
}

/** One need against one offer: the score and the reasons, or why the pair is left out. */
export function scorePair(need: TechNeed, offer: TechOffer): PairScore {
  const trl = compareTrl(need.minTrl, offer.trl);
  if (!trl.meets) return { excluded: true, score: 0, reasons: [trl.reason] };

  const reasons: string[] = [];
  let score = MATCH_WEIGHTS.trl;
  const prefix = sharedVsicPrefix(need.vsic, offer.vsic);
  if (prefix) {
    score += MATCH_WEIGHTS.sector * (SECTOR_DEPTH[Math.min(prefix.length, 5) - 1] ?? 1);
    reasons.push(prefix.length === 1 ? `Cùng khu vực kinh tế ${prefix}` : `Cùng ngành ${prefix}`);
  }
  const offerTags = new Set(offer.tags.map(foldTag));
  // Named as the need wrote them (usually with diacritics), in the need's order.
  const common = need.tags.filter((t) => offerTags.has(foldTag(t)));
  if (common.length > 0) {
    const j = jaccard(new Set(need.tags.map(foldTag)), offerTags);
    score += MATCH_WEIGHTS.tags * j;
    reasons.push(`Trùng từ khóa: ${common.join(', ')} (hệ số ${decimal(j)})`);
  }
  reasons.push(trl.reason);
  const deals = need.dealTypes.filter((d) => offer.dealTypes.includes(d));
  if (deals.length > 0) {
    score += MATCH_WEIGHTS.dealTypes;
    reasons.push(`Cùng hình thức: ${deals.map((d) => DEAL_TYPE_LABELS[d]).join(', ')}`);
  }
  if (need.budgetBand && offer.budgetBand) {
    const fits = BUDGET_BANDS.indexOf(offer.budgetBand) <= BUDGET_BANDS.indexOf(need.budgetBand);
    if (fits) score += MATCH_WEIGHTS.budget;
    reasons.push(
      fits
        ? `Giá dự kiến (${BUDGET_BAND_LABELS[offer.budgetBand]}) trong mức kinh phí (${BUDGET_BAND_LABELS[need.budgetBand]})`
        : `Giá dự kiến (${BUDGET_BAND_LABELS[offer.budgetBand]}) vượt mức kinh phí (${BUDGET_BAND_LABELS[need.budgetBand]})`,
    );
  }
  const similarity = textSimilarity(
    `${need.title} ${need.description}`,
    `${offer.title} ${offer.description}`,
  );
  if (similarity >= 0.1) {
    score += MATCH_WEIGHTS.text * similarity;
    reasons.push(`Nội dung mô tả tương đồng ${Math.round(similarity * 100)}%`);
  }
  return { excluded: false, score: Math.round(score * 10) / 10, reasons };
}

export interface Suggestion {
  id: string;
  score: number;
  reasons: string[];
}

export interface MatchOptions {
  /** ISO date: listings that expired before it are left out. */
  asOf: string;
  /** Suggestions below this score are not shown. */
  minScore?: number;
  limit?: number;
}

export interface MatchResult {
  suggestions: Suggestion[];
  /** Pairs left out and why (readiness too low, listing expired). */
  excluded: Suggestion[];
}

export const EXPIRED_REASON = 'Hồ sơ đã hết hạn đăng tải';

function rank(
  candidates: readonly { id: string; expiresOn: string | null; pair: () => PairScore }[],
  options: MatchOptions,
): MatchResult {
  const suggestions: Suggestion[] = [];
  const excluded: Suggestion[] = [];
  for (const c of candidates) {
    if (c.expiresOn !== null && c.expiresOn < options.asOf) {
      excluded.push({ id: c.id, score: 0, reasons: [EXPIRED_REASON] });
      continue;
    }
    const { excluded: out, score, reasons } = c.pair();
    if (out) excluded.push({ id: c.id, score, reasons });
    else if (score >= (options.minScore ?? 30)) suggestions.push({ id: c.id, score, reasons });
  }
  suggestions.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  excluded.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { suggestions: suggestions.slice(0, options.limit ?? 20), excluded };
}

export function offersForNeed(
  need: TechNeed,
  offers: readonly TechOffer[],
  options: MatchOptions,
): MatchResult {
  return rank(
    offers.map((offer) => ({ id: offer.id, expiresOn: offer.expiresOn, pair: () => scorePair(need, offer) })),
    options,
  );
}

export function needsForOffer(
  offer: TechOffer,
  needs: readonly TechNeed[],
  options: MatchOptions,
): MatchResult {
  return rank(
    needs.map((need) => ({ id: need.id, expiresOn: need.expiresOn, pair: () => scorePair(need, offer) })),
    options,
  );
}
