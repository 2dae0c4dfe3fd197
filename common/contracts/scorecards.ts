/**
 * Scorecards of agencies and communes (server/modules/scorecards): a score per unit and period
 * (a year or a quarter) from four components, weighted by a versioned formula; published periods
 * are snapshots, the others a live preview.
 */
import { z } from 'zod';
import { ORG_UNIT_KINDS, type OrgUnitKind, TIMELINESS } from '../enums';
import { requiredText } from './fields';

/** The components, in the order the card shows them. */
export const SCORECARD_COMPONENTS = [
  'tasksOnTime',
  'reportsOnTime',
  'indicators',
  'reportsNotReturned',
] as const;
export type ScorecardComponentKey = (typeof SCORECARD_COMPONENTS)[number];

/** Peers are ranked with their own kind: agencies with agencies, communes and wards together. */
export const SCORECARD_PEER_GROUPS = ['agency', 'commune'] as const;
export type ScorecardPeerGroup = (typeof SCORECARD_PEER_GROUPS)[number];
export const PEER_GROUP_KINDS = {
  agency: ['department', 'party_body'],
  commune: ['commune', 'ward', 'special_zone'],
} as const satisfies Record<ScorecardPeerGroup, readonly OrgUnitKind[]>;

/** A year (2026) or a quarter (2026Q3). */
export const SCORECARD_PERIOD_PATTERN = /^(20\d{2}|2100)(Q[1-4])?$/;
export const ZScorecardPeriod = z
  .string()
  .regex(SCORECARD_PERIOD_PATTERN, { message: 'Kỳ chấm điểm là một năm (2026) hoặc một quý (2026Q3).' });

const weight = z
  .number()
  .min(0, { message: 'Trọng số không được âm.' })
  .max(100, { message: 'Trọng số tối đa 100.' });
export const ZScorecardWeights = z
  .strictObject({
    tasksOnTime: weight,
    reportsOnTime: weight,
    indicators: weight,
    reportsNotReturned: weight,
  })
  .refine((w) => Object.values(w).reduce((a, b) => a + b, 0) > 0, {
    message: 'Tổng các trọng số phải lớn hơn 0.',
    path: ['tasksOnTime'],
  });
export type TScorecardWeights = z.infer<typeof ZScorecardWeights>;

export const ZScorecardFormula = z.object({
  version: z.number().int(),
  weights: ZScorecardWeights,
  note: z.string(),
  /** display name; null for the version shipped with the platform */
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type TScorecardFormula = z.infer<typeof ZScorecardFormula>;
export const ZScorecardFormulaList = z.object({ items: z.array(ZScorecardFormula) });
export type TScorecardFormulaList = z.infer<typeof ZScorecardFormulaList>;

/** A new version of the weights, based on the current one (409 if someone changed it first). */
export const ZCreateScorecardFormulaRequest = z.strictObject({
  basedOnVersion: z.number().int().min(1),
  weights: ZScorecardWeights,
  note: requiredText(500),
});
export type TCreateScorecardFormulaRequest = z.infer<typeof ZCreateScorecardFormulaRequest>;

export const ZPublishScorecardsRequest = z.strictObject({ period: ZScorecardPeriod });
export type TPublishScorecardsRequest = z.infer<typeof ZPublishScorecardsRequest>;

/** One component of a card: good / total → value 0–100; `share` is its weight after leaving out those without data. */
export const ZScorecardComponent = z.object({
  key: z.enum(SCORECARD_COMPONENTS),
  /** null: no data in the period, left out of the score */
  value: z.number().nullable(),
  good: z.number().int(),
  total: z.number().int(),
  weight: z.number(),
  share: z.number(),
});
export type TScorecardComponent = z.infer<typeof ZScorecardComponent>;

export const ZScorecardUnit = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(ORG_UNIT_KINDS),
});

/** published: a snapshot that later data and weights do not move; preview: computed now. */
export const SCORECARD_STATUSES = ['published', 'preview'] as const;
export const ZScorecardPublication = z.object({
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
  formulaVersion: z.number().int(),
});

export const ZScorecardRow = z.object({
  unit: ZScorecardUnit,
  /** 0–100, one decimal; null when no component has data */
  score: z.number().nullable(),
  /** 1 = best among peers of the same kind; ties share a rank; null without a score */
  rank: z.number().int().nullable(),
  peers: z.number().int(),
  components: z.array(ZScorecardComponent),
});
export type TScorecardRow = z.infer<typeof ZScorecardRow>;

export const ZScorecardListQuery = z.strictObject({
  period: ZScorecardPeriod.optional(),
  kind: z.enum(SCORECARD_PEER_GROUPS).default('agency'),
  /** the province whose units are ranked together; by default the reader's (or the only one) */
  provinceId: z.uuid().optional(),
});

export const ZScorecardList = z.object({
  period: z.string(),
  kind: z.enum(SCORECARD_PEER_GROUPS),
  status: z.enum(SCORECARD_STATUSES),
  publication: ZScorecardPublication.nullable(),
  formula: ZScorecardFormula,
  /** false: the reader sees only the cards of their own units (ranks are still among all peers) */
  complete: z.boolean(),
  items: z.array(ZScorecardRow),
});
export type TScorecardList = z.infer<typeof ZScorecardList>;

export const ZScorecardTask = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  deadline: z.string(),
  progress: z.number().int(),
  completedOn: z.string().nullable(),
  onTime: z.boolean(),
});
export type TScorecardTask = z.infer<typeof ZScorecardTask>;

export const ZScorecardReport = z.object({
  id: z.string(),
  roundTitle: z.string(),
  period: z.string(),
  dueDate: z.string(),
  firstSubmittedAt: z.string().nullable(),
  timeliness: z.enum(TIMELINESS),
  /** times the secretariat sent it back (a return at its stage or a reopening) */
  returns: z.number().int(),
});
export type TScorecardReport = z.infer<typeof ZScorecardReport>;

/** on_track / at_risk / off_track where a target applies; entered / missing where none does. */
export const FIGURE_STATUSES = ['on_track', 'at_risk', 'off_track', 'entered', 'missing'] as const;
export const ZScorecardFigure = z.object({
  indicatorId: z.string(),
  code: z.string(),
  name: z.string(),
  period: z.string(),
  reportId: z.string(),
  value: z.number().nullable(),
  /** the level expected by now, where a target applies */
  expected: z.number().nullable(),
  status: z.enum(FIGURE_STATUSES),
  good: z.boolean(),
});
export type TScorecardFigure = z.infer<typeof ZScorecardFigure>;

export const ZScorecardEvidence = z.object({
  tasks: z.array(ZScorecardTask),
  reports: z.array(ZScorecardReport),
  figures: z.array(ZScorecardFigure),
});
export type TScorecardEvidence = z.infer<typeof ZScorecardEvidence>;

export const ZScorecardQuery = z.strictObject({ period: ZScorecardPeriod.optional() });
export const ZScorecardParams = z.strictObject({ orgUnitId: z.uuid() });

export const ZScorecardDetail = ZScorecardRow.extend({
  period: z.string(),
  kind: z.enum(SCORECARD_PEER_GROUPS),
  status: z.enum(SCORECARD_STATUSES),
  publication: ZScorecardPublication.nullable(),
  formula: ZScorecardFormula,
  evidence: ZScorecardEvidence,
  /** the score of this and the previous periods of the same type, oldest first */
  trend: z.array(
    z.object({ period: z.string(), score: z.number().nullable(), status: z.enum(SCORECARD_STATUSES) }),
  ),
});
export type TScorecardDetail = z.infer<typeof ZScorecardDetail>;

export const ZPublishScorecardsResponse = z.object({
  period: z.string(),
  formulaVersion: z.number().int(),
  publishedAt: z.string(),
  units: z.number().int(),
});
