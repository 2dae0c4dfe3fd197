/**
 * clusterSentences: sentences in, labelled clusters out, with the defaults the rounds use (the CLI
 * `npm run synthesis:cluster` and draftSynthesis call the same code).
 */
import { clusterVectors, mmrSelect } from './cluster';
import { buildFeatureSpace, type FeatureSpace } from './features';
import { DEFAULT_LEXICON } from './lexicon';
import { normalizeText } from './normalize';
import type { Cluster, ClusterOptions } from './types';

export type ResolvedOptions = Required<ClusterOptions>;

/**
 * Two representatives this similar say the same thing in other words (often one officer's sentence
 * copied by another with a phrase added): the second is not quoted.
 */
export const QUOTE_REPEAT = 0.7;

/**
 * The defaults, tuned on our labelled set (server/modules/synthesis/eval, `npm run eval:synthesis`):
 * see docs/PERFORMANCE.md for the figures and what was tried.
 */
export const DEFAULT_CLUSTER_OPTIONS: Readonly<Required<Omit<ClusterOptions, 'lexicon'>>> = {
  threshold: 0.25,
  duplicateThreshold: 0.9,
  conceptWeight: 5,
  bigramWeight: 0.5,
  maxRepresentatives: 2,
  mmrLambda: 0.7,
};

export function resolveOptions(
  options: ClusterOptions | undefined,
  lexicon?: ClusterOptions['lexicon'],
): ResolvedOptions {
  const o = { ...DEFAULT_CLUSTER_OPTIONS, lexicon: lexicon ?? DEFAULT_LEXICON };
  for (const [k, v] of Object.entries(options ?? {})) {
    if (v !== undefined) (o as Record<string, unknown>)[k] = v;
  }
  const check = (name: string, v: number, min: number, max: number) => {
    if (!Number.isFinite(v) || v < min || v > max) {
      throw new RangeError(`synthesis option ${name} must be within [${min}, ${max}], got ${v}`);
    }
  };
  check('threshold', o.threshold, 0, 1);
  check('duplicateThreshold', o.duplicateThreshold, 0, 1);
  check('conceptWeight', o.conceptWeight, 0, 100);
  check('bigramWeight', o.bigramWeight, 0, 100);
  check('maxRepresentatives', o.maxRepresentatives, 1, 20);
  check('mmrLambda', o.mmrLambda, 0, 1);
  return o;
}

/** A cluster over indices of a feature space, labelled, with its representatives. */
export interface IndexedCluster {
  members: number[];
  representatives: number[];
  label: string;
  conceptIndex: number | null;
}

/** The concept most members mention, if at least half of them do (ties: lexicon order). */
function dominantConcept(space: FeatureSpace, members: number[]): number | null {
  const counts = new Map<number, number>();
  for (const i of members) for (const c of space.concepts[i]!) counts.set(c, (counts.get(c) ?? 0) + 1);
  let best: number | null = null;
  let bestCount = 0;
  for (const [c, n] of [...counts].sort((a, b) => a[0] - b[0])) {
    if (n > bestCount) {
      best = c;
      bestCount = n;
    }
  }
  return best !== null && bestCount * 2 >= members.length ? best : null;
}

/**
 * A cluster no concept dominates is labelled by its most representative sentence, cut at a word
 * boundary after ~10 syllables: words officials wrote, not a list of features.
 */
export function sentenceLabel(text: string): string {
  const words = text.replace(/[.;,:]+$/u, '').split(/\s+/);
  if (words.length <= 10) return words.join(' ');
  return `${words
    .slice(0, 10)
    .join(' ')
    .replace(/[.;,:]+$/u, '')}…`;
}

export function clusterSpace(
  space: FeatureSpace,
  texts: readonly string[],
  indices: number[],
  options: ResolvedOptions,
): IndexedCluster[] {
  const groups = clusterVectors(
    indices.map((i) => space.vectors[i]!),
    options,
  ).map((g) => g.map((p) => indices[p]!));
  const clusters = groups.map((members) => {
    const conceptIndex = dominantConcept(space, members);
    const representatives = mmrSelect(
      space.vectors,
      members,
      options.maxRepresentatives,
      options.mmrLambda,
      QUOTE_REPEAT,
    );
    return {
      members,
      representatives,
      label:
        conceptIndex === null
          ? sentenceLabel(texts[representatives[0]!]!)
          : space.matcher.concepts[conceptIndex]!.label,
      conceptIndex,
    };
  });
  // largest first, then by first member (which follows the id order)
  return clusters.sort((a, b) => b.members.length - a.members.length || a.members[0]! - b.members[0]!);
}

/**
 * Clusters of the given sentences; every id in exactly one cluster, ids sorted in each, clusters
 * largest first. Ids must be unique. Same input (in any order) → same output.
 */
export function clusterSentences(
  sentences: { id: string; text: string }[],
  options?: ClusterOptions,
): Cluster[] {
  const sorted = [...sentences].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.id === sorted[i - 1]!.id) throw new Error(`duplicate sentence id: ${sorted[i]!.id}`);
  }
  const o = resolveOptions(options, options?.lexicon);
  const texts = sorted.map((s) => normalizeText(s.text).text);
  const space = buildFeatureSpace(texts, o);
  return clusterSpace(
    space,
    texts,
    sorted.map((_, i) => i),
    o,
  ).map((c) => ({
    label: c.label,
    conceptKey: c.conceptIndex === null ? null : space.matcher.concepts[c.conceptIndex]!.key,
    ids: c.members.map((i) => sorted[i]!.id),
    representativeIds: c.representatives.map((i) => sorted[i]!.id),
  }));
}
