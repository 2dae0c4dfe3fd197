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
export { clusterSentences, DEFAULT_CLUSTER_OPTIONS } from './clusters';
export { draftSynthesis } from './draft';
export { checkLexicon, DEFAULT_LEXICON, matchConcepts } from './lexicon';
export { detectLegacyEncoding, normalizeText } from './normalize';
export { splitReportText } from './split';
export type * from './types';
