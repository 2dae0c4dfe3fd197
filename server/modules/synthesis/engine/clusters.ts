/**
 * clusterSentences: sentences in, labelled clusters out, with the defaults the rounds use (the CLI
 * `npm run synthesis:cluster` and draftSynthesis call the same code).
 */
import { clusterVectors, mmrSelect } from './cluster';
import { buildFeatureSpace, type FeatureSpace } from './features';
import { DEFAULT_LEXICON } from './lexicon';
import type { Cluster, ClusterOptions } from './types';

export type ResolvedOptions = Required<ClusterOptions>;

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

/** The cluster's two heaviest bigrams (else unigrams), as its words: "máy tính, đường truyền". */
function termsLabel(space: FeatureSpace, members: number[]): string {
  const weight = new Map<number, number>();
  for (const i of members) {
    const v = space.vectors[i]!;
    for (let k = 0; k < v.ids.length; k++)
      weight.set(v.ids[k]!, (weight.get(v.ids[k]!) ?? 0) + v.weights[k]!);
  }
  const ranked = [...weight].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([id]) => space.names[id]!);
  const bigrams = ranked.filter((n) => n.startsWith('b:')).map((n) => n.slice(2));
  const unigrams = ranked.filter((n) => n.startsWith('u:')).map((n) => n.slice(2));
  const picked: string[] = [];
  for (const b of bigrams) {
    if (picked.length === 2) break;
    // "kinh phí" then "phí thực" says the same thing twice: skip bigrams overlapping a chosen one
    if (picked.some((p) => p.split(' ').some((s) => b.split(' ').includes(s)))) continue;
    picked.push(b);
  }
  if (picked.length === 0) picked.push(...unigrams.slice(0, 2));
  return picked.join(', ') || 'khác';
}

export function clusterSpace(
  space: FeatureSpace,
  indices: number[],
  options: ResolvedOptions,
): IndexedCluster[] {
  const groups = clusterVectors(
    indices.map((i) => space.vectors[i]!),
    options,
  ).map((g) => g.map((p) => indices[p]!));
  const clusters = groups.map((members) => {
    const conceptIndex = dominantConcept(space, members);
    return {
      members,
      representatives: mmrSelect(space.vectors, members, options.maxRepresentatives, options.mmrLambda),
      label: conceptIndex === null ? termsLabel(space, members) : space.matcher.concepts[conceptIndex]!.label,
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
  const space = buildFeatureSpace(
    sorted.map((s) => s.text),
    o,
  );
  return clusterSpace(
    space,
    sorted.map((_, i) => i),
    o,
  ).map((c) => ({
    label: c.label,
    conceptKey: c.conceptIndex === null ? null : space.matcher.concepts[c.conceptIndex]!.key,
    ids: c.members.map((i) => sorted[i]!.id),
    representativeIds: c.representatives.map((i) => sorted[i]!.id),
  }));
}
