/**
 * What the scorecard pages read: a published period from its snapshot (with the formula version it
 * was made with), any other period computed now with the latest weights and marked as a preview.
 */
import type {
  ScorecardPeerGroup,
  TScorecardDetail,
  TScorecardFormula,
  TScorecardList,
  TScorecardRow,
} from '../../../common/contracts/scorecards';
import { PEER_GROUP_KINDS, SCORECARD_PEER_GROUPS } from '../../../common/contracts/scorecards';
import type { Executor } from '../../db/client';
import { notFound, RESOURCE_NAMES } from '../../errors/app-error';
import type { ReadScope } from '../../policy';
import { provinceOf } from '../org-units/provinces';
import { type ComputedCard, cardEvidence, computeCards } from './compute';
import { getJudgedFigures, readJudgementVersion } from './judged-figures';
import { trendPeriods } from './periods';
import { getFormula } from './queries/formulas';
import type { PeerArea } from './queries/peer-area';
import { findUnitKind } from './queries/peer-units';
import {
  findPublications,
  listSnapshots,
  type PublicationRow,
  type SnapshotRow,
} from './queries/publications';

const presentPublication = (p: PublicationRow) => ({
  publishedAt: new Date(p.published_at).toISOString(),
  publishedBy: p.published_by,
  formulaVersion: p.formula_version,
});

const rowOfSnapshot = (s: SnapshotRow): TScorecardRow => ({
  unit: { id: s.org_unit_id, code: s.code, name: s.name, kind: s.kind },
  score: s.score === null ? null : Number(s.score),
  rank: s.rank,
  peers: s.peers,
  components: s.components,
});

const rowOfCard = (c: ComputedCard): TScorecardRow => ({
  unit: c.unit,
  score: c.score,
  rank: c.rank,
  peers: c.peers,
  components: c.components,
});

interface PeriodCards {
  status: 'published' | 'preview';
  publication: PublicationRow | null;
  formula: TScorecardFormula;
  rows: TScorecardRow[];
}

async function cardsOf(
  db: Executor,
  options: { period: string; kind: ScorecardPeerGroup; today: string; area: PeerArea; orgUnitId?: string },
): Promise<PeriodCards> {
  const [publication] = await findPublications(db, [options.period]);
  if (publication) {
    const snapshots = await listSnapshots(db, {
      periods: [options.period],
      kinds: PEER_GROUP_KINDS[options.kind],
      area: options.area,
      orgUnitId: options.orgUnitId,
      evidence: false,
    });
    return {
      status: 'published',
      publication,
      formula: await getFormula(db, publication.formula_version),
      rows: snapshots.map(rowOfSnapshot),
    };
  }
  const formula = await getFormula(db);
  const live = await computeCards(db, { ...options, weights: formula.weights });
  return { status: 'preview', publication: null, formula, rows: live.map(rowOfCard) };
}

export async function readScorecardList(
  db: Executor,
  options: { period: string; kind: ScorecardPeerGroup; today: string; scope: ReadScope; area: PeerArea },
): Promise<TScorecardList> {
  const { scope } = options;
  const cards = await cardsOf(db, options);
  const visible = scope.all ? cards.rows : cards.rows.filter((r) => scope.orgUnitIds.includes(r.unit.id));
  return {
    period: options.period,
    kind: options.kind,
    status: cards.status,
    publication: cards.publication && presentPublication(cards.publication),
    formula: cards.formula,
    complete: scope.all,
    items: visible,
  };
}

/** The peer group of a unit; 404 when it is no agency or commune (or does not exist). */
async function peerGroupOf(db: Executor, orgUnitId: string): Promise<ScorecardPeerGroup> {
  const kind = await findUnitKind(db, orgUnitId);
  const group = SCORECARD_PEER_GROUPS.find((g) =>
    (PEER_GROUP_KINDS[g] as readonly string[]).includes(kind ?? ''),
  );
  if (!group) throw notFound(RESOURCE_NAMES.orgUnit);
  return group;
}

export async function readScorecard(
  db: Executor,
  options: { orgUnitId: string; period: string; today: string },
): Promise<TScorecardDetail> {
  const { orgUnitId, period, today } = options;
  const kind = await peerGroupOf(db, orgUnitId);
  const kinds = PEER_GROUP_KINDS[kind];
  const area = await provinceOf(db, orgUnitId);
  const periods = trendPeriods(period);
  // the publications of this period and the earlier ones of the trend, read at once
  const publications = new Map((await findPublications(db, periods)).map((p) => [p.period, p]));
  const publication = publications.get(period);
  // what previews need: the latest weights, the figures' judgements of the version read once
  let latest: TScorecardFormula | undefined;
  const latestFormula = async () => {
    latest ??= await getFormula(db);
    return latest;
  };
  let version: string | undefined;
  const judgedOf = async (p: string, unitOnly?: string) => {
    version ??= await readJudgementVersion(db);
    return getJudgedFigures(db, { kinds, period: p, area, orgUnitId: unitOnly, version });
  };
  let head: Omit<TScorecardDetail, 'trend'>;
  if (publication) {
    const [snapshot] = await listSnapshots(db, { periods: [period], kinds, area, orgUnitId, evidence: true });
    if (!snapshot) throw notFound(RESOURCE_NAMES.orgUnit);
    head = {
      ...rowOfSnapshot(snapshot),
      period,
      kind,
      status: 'published',
      publication: presentPublication(publication),
      formula: await getFormula(db, publication.formula_version),
      evidence: snapshot.evidence ?? { tasks: [], reports: [], figures: [] },
    };
  } else {
    const formula = await latestFormula();
    // every peer's counts (its rank), the lists of this card only, the figures judged once
    const judged = await judgedOf(period);
    const card = (
      await computeCards(db, { period, kind, weights: formula.weights, today, area, judged })
    ).find((c) => c.unit.id === orgUnitId);
    if (!card) throw notFound(RESOURCE_NAMES.orgUnit);
    const evidence = await cardEvidence(db, { period, kind, today, area, orgUnitId, judged });
    head = {
      ...rowOfCard(card),
      period,
      kind,
      status: 'preview',
      publication: null,
      formula,
      evidence: evidence.get(orgUnitId) ?? { tasks: [], reports: [], figures: [] },
    };
  }
  // the earlier periods: the published score, or this unit's alone (a score needs no ranking)
  const earlier = periods.filter((p) => p !== period);
  const publishedEarlier = earlier.filter((p) => publications.has(p));
  const snapshots = publishedEarlier.length
    ? await listSnapshots(db, { periods: publishedEarlier, kinds, area, orgUnitId, evidence: false })
    : [];
  const trend: TScorecardDetail['trend'] = [];
  for (const p of periods) {
    if (p === period) {
      trend.push({ period, score: head.score, status: head.status });
    } else if (publications.has(p)) {
      const snapshot = snapshots.find((s) => s.period === p);
      trend.push({ period: p, score: snapshot ? rowOfSnapshot(snapshot).score : null, status: 'published' });
    } else {
      const [card] = await computeCards(db, {
        period: p,
        kind,
        today,
        area,
        orgUnitId,
        weights: (await latestFormula()).weights,
        judged: await judgedOf(p, orgUnitId),
      });
      trend.push({ period: p, score: card?.score ?? null, status: 'preview' });
    }
  }
  return { ...head, trend };
}
