/**
 * The offline, deterministic synthesis engine of issue 13: normalise, split, cluster and draft a
 * round's narrative from its unit reports with no model at all. Same input → same output.
 *
 * Public API (kept stable; see /work/coord/synthesis.md):
 * - normalizeText(text) → { text, legacyEncoding }: NFC, one tone-mark placement, TCVN3/VNI → Unicode
 * - splitReportText(text) → sentences (lines, bullets, numbering, abbreviations, decimals)
 * - clusterSentences([{id, text}], options) → Cluster[] (every id in exactly one cluster)
 * - draftSynthesis({ sentences, unitCount, lexicon, options }) → Synthesis (sections + clusters)
 * - DEFAULT_LEXICON, DEFAULT_CLUSTER_OPTIONS, matchConcepts(text, lexicon), checkLexicon(lexicon)
 */
import type { Cluster, ClusterOptions, DraftInput, Lexicon, NormalizedText, Synthesis } from './types';

export type * from './types';

const notYet = (): never => {
  throw new Error('synthesis engine: not yet implemented');
};

export const DEFAULT_LEXICON: Lexicon = { concepts: [] };

export const DEFAULT_CLUSTER_OPTIONS: Required<Omit<ClusterOptions, 'lexicon'>> = {
  threshold: 0.2,
  duplicateThreshold: 0.9,
  conceptWeight: 2,
  bigramWeight: 1,
  maxRepresentatives: 2,
  mmrLambda: 0.7,
};

export function normalizeText(_text: string): NormalizedText {
  return notYet();
}

export function splitReportText(_text: string): string[] {
  return notYet();
}

/** The keys of the lexicon concepts whose terms occur in the text (for the lexicon preview). */
export function matchConcepts(_text: string, _lexicon?: Lexicon): string[] {
  return notYet();
}

/** Problems of an edited lexicon, in Vietnamese (empty → usable). */
export function checkLexicon(_lexicon: Lexicon): string[] {
  return notYet();
}

export function clusterSentences(
  _sentences: { id: string; text: string }[],
  _options?: ClusterOptions,
): Cluster[] {
  return notYet();
}

export function draftSynthesis(_input: DraftInput): Synthesis {
  return notYet();
}
