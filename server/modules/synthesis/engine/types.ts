/**
 * Public types of the offline synthesis engine (issue 13). Pure data: no database, no I/O, everything
 * JSON-serialisable so the workflow can store a lexicon or a draft as it is.
 */

/** What a sentence of a unit report says: a difficulty, a proposal to the province, or a result. */
export type SentenceKind = 'obstacle' | 'proposal' | 'result';

/** One sentence of one unit's report, as the workflow extracts it (after splitReportText). */
export interface SourceSentence {
  /** stable and unique within a round; ties are broken by it, so the same ids give the same draft */
  id: string;
  reportId: string;
  unitId: string;
  /** the unit's name as officials write it, e.g. "UBND huyện Mỹ Hào" */
  unitName: string;
  /** the group of tasks the sentence belongs to (e.g. a plan item group id); none → "other tasks" */
  groupKey?: string;
  /** the group's title in Vietnamese, used as the section heading */
  groupLabel?: string;
  kind: SentenceKind;
  text: string;
}

/** One theme of the lexicon: its key (stable, ASCII), its Vietnamese label and its terms. */
export interface LexiconConcept {
  /** e.g. "FUNDING"; upper-case ASCII letters, digits and underscores */
  key: string;
  /** the heading officials read, e.g. "Kinh phí, nguồn vốn" */
  label: string;
  /** words or phrases (any case, any tone-mark placement); a phrase matches whole syllables */
  terms: string[];
}

/** The concept lexicon the secretariat edits. Plain JSON. */
export interface Lexicon {
  concepts: LexiconConcept[];
}

export interface ClusterOptions {
  /**
   * Average-linkage merge threshold on cosine similarity (0–1): two clusters merge while the mean
   * similarity between their members is at least this. Higher → more, tighter clusters.
   */
  threshold?: number;
  /** cosine at or above which two sentences count as near-duplicates and are clustered as one */
  duplicateThreshold?: number;
  /** weight of one lexicon concept feature relative to a syllable feature (before TF-IDF) */
  conceptWeight?: number;
  /** weight of a syllable bigram relative to a unigram */
  bigramWeight?: number;
  /** the lexicon whose concepts become features and label clusters; DEFAULT_LEXICON when absent */
  lexicon?: Lexicon;
  /** how many representative sentences each cluster gets (maximal marginal relevance) */
  maxRepresentatives?: number;
  /** MMR trade-off: 1 = pure relevance to the cluster, 0 = pure diversity */
  mmrLambda?: number;
}

export interface Cluster {
  /** a short Vietnamese label: the concept label when one dominates, else the cluster's top terms */
  label: string;
  /** the concept key that dominates the cluster, if any */
  conceptKey: string | null;
  /** member ids, sorted (code-unit order); every input id is in exactly one cluster */
  ids: string[];
  /** the chosen representative ids, most representative first (subset of ids) */
  representativeIds: string[];
}

/** One sentence of the draft. Its sources are set when it is built, never inferred afterwards. */
export interface DraftSentence {
  text: string;
  /** the source sentences this sentence summarises or quotes (non-empty, sorted) */
  sourceSentenceIds: string[];
  /** their reports (non-empty, sorted, unique) */
  sourceReportIds: string[];
}

export interface SynthesisSection {
  /** "theme:FUNDING", "theme:OTHER", "group:<groupKey>", "group:" (no group), "overview" */
  key: string;
  kind: 'overview' | 'theme' | 'group';
  title: string;
  sentences: DraftSentence[];
}

/** A cluster of the round, for browsing: which sentences, which reports, which units. */
export interface SynthesisCluster extends Cluster {
  kind: SentenceKind;
  reportIds: string[];
  unitIds: string[];
}

export interface Synthesis {
  /** the number of units expected to report (the M of "N/M đơn vị") */
  unitCount: number;
  /** the number of distinct units among the sentences */
  reportingUnitCount: number;
  sections: SynthesisSection[];
  /** obstacle and proposal clusters (results are not clustered), largest first */
  clusters: SynthesisCluster[];
}

export interface DraftInput {
  sentences: SourceSentence[];
  unitCount: number;
  lexicon?: Lexicon;
  options?: ClusterOptions;
}

export type LegacyEncoding = 'tcvn3' | 'vni';

export interface NormalizedText {
  text: string;
  /** the legacy 8-bit encoding detected (and converted) in the input, if any */
  legacyEncoding: LegacyEncoding | null;
}
