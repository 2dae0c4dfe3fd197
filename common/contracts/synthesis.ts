import { z } from 'zod';
import { id, requiredText } from './fields';

/**
 * A round's synthesis (issue 13): the provincial narrative drafted from the units' report texts,
 * every sentence carrying the report sentences it came from; the obstacle and proposal clusters it
 * was drafted from; the secretariat's edits, versioned. And the decision-support risk flags of a
 * round, each with the rule that raised it and its evidence.
 */

export const SYNTHESIS_LIMITS = {
  sentence: 2000,
  sentencesPerSection: 200,
  sections: 80,
  sectionTitle: 300,
  concepts: 60,
  terms: 80,
  term: 80,
  label: 120,
} as const;

export const SENTENCE_KINDS = ['obstacle', 'proposal', 'result'] as const;
export type SynthesisSentenceKind = (typeof SENTENCE_KINDS)[number];

/** Where a report sentence was written: the general part, or what it says of one task. */
export const SOURCE_FIELDS = ['summary', 'obstacles', 'proposals', 'results'] as const;

/** One sentence of one unit's report, as the synthesis read it. Its id is "<reportId>:<field>:<n>". */
export const ZSourceSentence = z.object({
  id: z.string(),
  reportId: z.string(),
  unit: z.object({ id: z.string(), name: z.string() }),
  kind: z.enum(SENTENCE_KINDS),
  /** the task the sentence speaks of (its code and title), null for the report's general part */
  task: z.object({ id: z.string(), code: z.string(), title: z.string() }).nullable(),
  text: z.string(),
});
export type TSourceSentence = z.infer<typeof ZSourceSentence>;

export const ZDraftSentence = z.object({
  text: z.string(),
  /** the report sentences it summarises; empty only for a sentence the secretariat added itself */
  sourceSentenceIds: z.array(z.string()),
  /** their reports, for the links */
  sourceReportIds: z.array(z.string()),
});
export type TDraftSentence = z.infer<typeof ZDraftSentence>;

export const SECTION_KINDS = ['overview', 'theme', 'group'] as const;

export const ZSynthesisSection = z.object({
  key: z.string(),
  kind: z.enum(SECTION_KINDS),
  title: z.string(),
  sentences: z.array(ZDraftSentence),
});
export type TSynthesisSection = z.infer<typeof ZSynthesisSection>;

export const ZSynthesisCluster = z.object({
  label: z.string(),
  conceptKey: z.string().nullable(),
  kind: z.enum(SENTENCE_KINDS),
  /** source sentence ids, every one in exactly one cluster of its kind */
  ids: z.array(z.string()),
  representativeIds: z.array(z.string()),
  reportIds: z.array(z.string()),
  unitIds: z.array(z.string()),
});
export type TSynthesisCluster = z.infer<typeof ZSynthesisCluster>;

/**
 * How the current text came to be: drafted from templates, reworded by the configured model
 * (every sentence with the same sources), or edited by the secretariat.
 */
export const DRAFT_ORIGINS = ['template', 'model', 'edited'] as const;
export type DraftOrigin = (typeof DRAFT_ORIGINS)[number];

/** What happened with the optional model at the last generation. */
export const ZModelOutcome = z.object({
  /** a model endpoint is configured (SYNTHESIS_MODEL_URL); nothing leaves the server otherwise */
  configured: z.boolean(),
  /** the model was asked at the last generation */
  asked: z.boolean(),
  /** sentences taken from the model's answer */
  accepted: z.number().int(),
  /** sentences whose answer was refused (sources changed, unreadable, no answer): the template text kept */
  rejected: z.number().int(),
  /** why the model's answer was not used, in Vietnamese; null when it was */
  note: z.string().nullable(),
});
export type TModelOutcome = z.infer<typeof ZModelOutcome>;

export const ZSynthesisDraft = z.object({
  version: z.number().int(),
  origin: z.enum(DRAFT_ORIGINS),
  sections: z.array(ZSynthesisSection),
  generatedAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
  model: ZModelOutcome,
});
export type TSynthesisDraft = z.infer<typeof ZSynthesisDraft>;

export const ZRoundSynthesis = z.object({
  round: z.object({ id: z.string(), title: z.string(), period: z.string(), planId: z.string() }),
  /** the units expected to report (the M of "N/M đơn vị") */
  unitCount: z.number().int(),
  /** the units whose sent reports the synthesis read */
  reportingUnitCount: z.number().int(),
  /** null until the secretariat first drafts it */
  draft: ZSynthesisDraft.nullable(),
  clusters: z.array(ZSynthesisCluster),
  /** every report sentence the draft and the clusters refer to */
  sentences: z.array(ZSourceSentence),
  /** reports sent, changed or withdrawn since the draft was made: drafting again would read them */
  stale: z.boolean(),
  modelConfigured: z.boolean(),
});
export type TRoundSynthesis = z.infer<typeof ZRoundSynthesis>;

/** Draft (or draft again) from the round's sent reports. `version`: the draft's, when there is one. */
export const ZGenerateSynthesisRequest = z.strictObject({
  version: z.number().int().min(1).nullable(),
  /** ask the configured model to reword the draft (ignored when none is configured) */
  reword: z.boolean().default(false),
});
export type TGenerateSynthesisRequest = z.infer<typeof ZGenerateSynthesisRequest>;

const ZDraftSentenceInput = z.strictObject({
  text: requiredText(SYNTHESIS_LIMITS.sentence),
  /** only ids of the round's report sentences; the reports are looked up from them */
  sourceSentenceIds: z.array(z.string().min(1).max(120)).max(500),
});

/** The secretariat's edit of the whole text, from the version they opened. */
export const ZSaveSynthesisRequest = z.strictObject({
  version: z.number().int().min(1),
  sections: z
    .array(
      z.strictObject({
        key: z.string().min(1).max(200),
        kind: z.enum(SECTION_KINDS),
        title: requiredText(SYNTHESIS_LIMITS.sectionTitle),
        sentences: z.array(ZDraftSentenceInput).max(SYNTHESIS_LIMITS.sentencesPerSection),
      }),
    )
    .max(SYNTHESIS_LIMITS.sections),
});
export type TSaveSynthesisRequest = z.infer<typeof ZSaveSynthesisRequest>;

export const ZSynthesisVersion = z.object({
  version: z.number().int(),
  origin: z.enum(DRAFT_ORIGINS),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  sentenceCount: z.number().int(),
});
export const ZSynthesisVersionList = z.object({ items: z.array(ZSynthesisVersion) });
export type TSynthesisVersionList = z.infer<typeof ZSynthesisVersionList>;

export const ZSynthesisVersionDetail = ZSynthesisVersion.extend({ sections: z.array(ZSynthesisSection) });
export type TSynthesisVersionDetail = z.infer<typeof ZSynthesisVersionDetail>;

export const ZRoundVersionParams = z.strictObject({ id, version: z.coerce.number().int().min(1).max(1e6) });

// ── The lexicon ───────────────────────────────────────────────────────────────────────────────

export const ZLexiconConcept = z.strictObject({
  key: z
    .string()
    .trim()
    .regex(
      /^[A-Z][A-Z0-9_]{0,39}$/,
      'Mã chủ đề gồm chữ in hoa không dấu, số và dấu gạch dưới, tối đa 40 ký tự.',
    ),
  label: requiredText(SYNTHESIS_LIMITS.label),
  terms: z
    .array(requiredText(SYNTHESIS_LIMITS.term))
    .min(1, { message: 'Mỗi chủ đề cần ít nhất một từ khóa.' })
    .max(SYNTHESIS_LIMITS.terms),
});
export type TLexiconConcept = z.infer<typeof ZLexiconConcept>;

const concepts = z.array(ZLexiconConcept).max(SYNTHESIS_LIMITS.concepts);

export const ZLexicon = z.object({
  concepts: z.array(z.object({ key: z.string(), label: z.string(), terms: z.array(z.string()) })),
  /** 0 while the shipped lexicon is in use (never saved) */
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type TLexicon = z.infer<typeof ZLexicon>;

/** Saving the lexicon, from the version read (0: the shipped one). */
export const ZSaveLexiconRequest = z.strictObject({
  version: z.number().int().min(0),
  concepts,
});
export type TSaveLexiconRequest = z.infer<typeof ZSaveLexiconRequest>;

/** What an edited lexicon would change in a round's clusters, before it is saved. */
export const ZPreviewLexiconRequest = z.strictObject({ roundId: id, concepts });
export type TPreviewLexiconRequest = z.infer<typeof ZPreviewLexiconRequest>;

const ZClusterSummary = z.object({
  label: z.string(),
  conceptKey: z.string().nullable(),
  kind: z.enum(SENTENCE_KINDS),
  size: z.number().int(),
  unitCount: z.number().int(),
  examples: z.array(z.string()),
});
export type TClusterSummary = z.infer<typeof ZClusterSummary>;

export const ZLexiconPreview = z.object({
  /** the round's clusters with the saved lexicon, and with the edited one */
  before: z.array(ZClusterSummary),
  after: z.array(ZClusterSummary),
  /** report sentences whose themes change (each distinct text once, most written first; at most 50), with the themes before and after */
  changed: z.array(
    z.object({
      text: z.string(),
      /** how many of the round's sentences read so */
      count: z.number().int(),
      before: z.array(z.string()),
      after: z.array(z.string()),
    }),
  ),
  changedCount: z.number().int(),
  sentenceCount: z.number().int(),
});
export type TLexiconPreview = z.infer<typeof ZLexiconPreview>;

// ── Risk flags ────────────────────────────────────────────────────────────────────────────────

export const RISK_RULES = [
  'task_overdue',
  'task_behind',
  'indicator_projection',
  'indicator_declines',
  'report_missing',
  'report_late',
] as const;
export type RiskRule = (typeof RISK_RULES)[number];

export const RISK_LEVELS = ['high', 'medium', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const ZRiskLink = z.object({
  kind: z.enum(['task', 'indicator', 'report', 'unit']),
  id: z.string(),
  label: z.string(),
});
export type TRiskLink = z.infer<typeof ZRiskLink>;

export const ZRiskFlag = z.object({
  rule: z.enum(RISK_RULES),
  level: z.enum(RISK_LEVELS),
  /** the ranking key, 0–1: higher first */
  score: z.number(),
  /** what is at risk, in Vietnamese */
  title: z.string(),
  /** the figures that raised it, in Vietnamese, one per line */
  evidence: z.array(z.string()),
  links: z.array(ZRiskLink),
});
export type TRiskFlag = z.infer<typeof ZRiskFlag>;

export const ZRiskList = z.object({
  asOf: z.string(),
  /** each rule as stated to the reader, in Vietnamese */
  rules: z.array(z.object({ rule: z.enum(RISK_RULES), text: z.string() })),
  items: z.array(ZRiskFlag),
});
export type TRiskList = z.infer<typeof ZRiskList>;
