/**
 * Sentences as sparse TF-IDF vectors: syllable unigrams, syllable bigrams and lexicon concepts.
 * Vectors are L2-normalised, so a dot product is the cosine similarity.
 */
import { compiledLexicon, conceptHits, type LexiconMatcher } from './lexicon';
import { isStop, syllablesOf } from './tokens';
import type { Lexicon } from './types';

/** Feature ids sorted ascending, their weights alongside. */
export interface SparseVector {
  ids: Int32Array;
  weights: Float64Array;
}

export interface FeatureOptions {
  lexicon: Lexicon;
  conceptWeight: number;
  bigramWeight: number;
}

export interface FeatureSpace {
  /** feature name ("u:kinh", "b:kinh phí", "c:FUNDING") by id */
  names: string[];
  vectors: SparseVector[];
  /** per sentence: the concept indices it mentions (sorted, unique) */
  concepts: number[][];
  matcher: LexiconMatcher;
}

/** Raw term counts of one sentence, keyed by feature name. */
function rawFeatures(
  text: string,
  matcher: LexiconMatcher,
  options: FeatureOptions,
): [Map<string, number>, number[]] {
  const syllables = syllablesOf(text);
  const counts = new Map<string, number>();
  const add = (name: string, w: number) => {
    if (w > 0) counts.set(name, (counts.get(name) ?? 0) + w);
  };
  for (let i = 0; i < syllables.length; i++) {
    const s = syllables[i]!;
    const stop = isStop(s);
    if (!stop) add(`u:${s}`, 1);
    const next = syllables[i + 1];
    // a bigram counts when at least one of its syllables says something ("công chức", "an toàn")
    if (next !== undefined && (!stop || !isStop(next))) add(`b:${s} ${next}`, options.bigramWeight);
  }
  const hits = conceptHits(matcher, syllables);
  for (const h of hits) add(`c:${matcher.concepts[h]!.key}`, options.conceptWeight);
  return [counts, [...new Set(hits)].sort((a, b) => a - b)];
}

/**
 * TF-IDF over the given sentences, already normalised (normalizeText): tf is 1 + ln(count) (a word
 * said twice is not twice the theme), idf is ln((N + 1) / (df + 1)) + 1. Deterministic: feature ids
 * follow the sorted feature names.
 */
export function buildFeatureSpace(texts: string[], options: FeatureOptions): FeatureSpace {
  const matcher = compiledLexicon(options.lexicon);
  const raw = texts.map((t) => rawFeatures(t, matcher, options));
  const df = new Map<string, number>();
  for (const [counts] of raw) for (const name of counts.keys()) df.set(name, (df.get(name) ?? 0) + 1);
  const names = [...df.keys()].sort();
  const idOf = new Map(names.map((n, i) => [n, i]));
  const n = texts.length;
  const idf = names.map((name) => Math.log((n + 1) / (df.get(name)! + 1)) + 1);
  const vectors = raw.map(([counts]) => {
    const entries = [...counts].map(([name, c]) => {
      const id = idOf.get(name)!;
      // concept and bigram weights scale the count itself; tf dampens repetition
      const base = name.startsWith('u:')
        ? 1
        : name.startsWith('b:')
          ? options.bigramWeight
          : options.conceptWeight;
      const times = c / base;
      return [id, base * (1 + Math.log(times)) * idf[id]!] as const;
    });
    entries.sort((a, b) => a[0] - b[0]);
    let norm = 0;
    for (const [, w] of entries) norm += w * w;
    norm = Math.sqrt(norm) || 1;
    return {
      ids: Int32Array.from(entries.map((e) => e[0])),
      weights: Float64Array.from(entries.map((e) => e[1] / norm)),
    };
  });
  return { names, vectors, concepts: raw.map(([, c]) => c), matcher };
}

export function cosine(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) {
      dot += a.weights[i++]! * b.weights[j++]!;
    } else if (x < y) i++;
    else j++;
  }
  return dot;
}

/** The mean of the given vectors, L2-normalised (the direction a cluster points to). */
export function centroid(vectors: SparseVector[]): SparseVector {
  const sum = new Map<number, number>();
  for (const v of vectors) {
    for (let k = 0; k < v.ids.length; k++) sum.set(v.ids[k]!, (sum.get(v.ids[k]!) ?? 0) + v.weights[k]!);
  }
  const entries = [...sum].sort((a, b) => a[0] - b[0]);
  const norm = Math.sqrt(entries.reduce((s, [, w]) => s + w * w, 0)) || 1;
  return {
    ids: Int32Array.from(entries.map((e) => e[0])),
    weights: Float64Array.from(entries.map((e) => e[1] / norm)),
  };
}
