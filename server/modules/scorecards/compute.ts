/**
 * Live scorecards of one peer group for one period. The counts of every unit come from one
 * statement grouped by unit (queries/unit-totals.ts); the indicator figures a target applies to are
 * judged by the analytics module's judgement (judged-figures.ts); score.ts scores and ranks them.
 * The lists behind a card's numbers (cardEvidence) are read only for the cards that show them: a
 * unit's card, and publishing, which stores them. Their tallies equal the counts (totals.test.ts).
 */
import {
  PEER_GROUP_KINDS,
  type ScorecardPeerGroup,
  type TScorecardComponent,
  type TScorecardEvidence,
  type TScorecardWeights,
} from '../../../common/contracts/scorecards';
import type { Executor } from '../../db/client';
import { figureKey, getJudgedFigures, type JudgedFigures } from './judged-figures';
import { periodSpan, reportingPeriodsWithin } from './periods';
import { listFigureIndicators, listIndicatorFigures } from './queries/indicator-figures';
import { listLeadTasks } from './queries/lead-tasks';
import type { PeerArea } from './queries/peer-area';
import type { PeerUnitRow } from './queries/peer-units';
import { listUnitReports } from './queries/unit-reports';
import { listUnitTotals, type UnitTotalsRow } from './queries/unit-totals';
import { EMPTY_TALLIES, figureStatus, rankPeers, scoreCard, type Tallies } from './score';

export interface ComputedCard {
  unit: PeerUnitRow;
  score: number | null;
  rank: number | null;
  peers: number;
  components: TScorecardComponent[];
}

export interface CardOptions {
  period: string;
  kind: ScorecardPeerGroup;
  today: string;
  /** the province whose units of the group are peers (queries/peer-area.ts) */
  area: PeerArea;
  /** one unit only (its trend): its score, no rank among peers */
  orgUnitId?: string;
  /** the figures' judgements, when already read (getJudgedFigures of the group, or of the one unit) */
  judged?: JudgedFigures;
}

const judgedOf = (db: Executor, options: CardOptions) =>
  options.judged ??
  getJudgedFigures(db, {
    kinds: PEER_GROUP_KINDS[options.kind],
    period: options.period,
    area: options.area,
    orgUnitId: options.orgUnitId,
  });

/** A unit's counts: its figures are those of its reports that count. */
export function talliesOfTotals(row: UnitTotalsRow, judged: JudgedFigures): Tallies {
  const indicators = { good: 0, total: 0 };
  for (const id of row.report_ids) {
    const figures = judged.byReport.get(id);
    if (!figures) continue;
    indicators.total += figures.total;
    indicators.good += figures.good;
  }
  return {
    tasksOnTime: { good: row.tasks_good, total: row.tasks_total },
    reportsOnTime: { good: row.reports_on_time, total: row.reports_total },
    indicators,
    reportsNotReturned: { good: row.reports_not_returned, total: row.reports_sent },
  };
}

/** The counts of every active unit of the group (or one unit), in Vietnamese name order. */
export async function unitTallies(
  db: Executor,
  options: CardOptions,
): Promise<{ unit: PeerUnitRow; tallies: Tallies }[]> {
  const kinds = PEER_GROUP_KINDS[options.kind];
  const judged = await judgedOf(db, options);
  const rows = await listUnitTotals(db, {
    kinds,
    ...periodSpan(options.period),
    periods: reportingPeriodsWithin(options.period),
    today: options.today,
    area: options.area,
    orgUnitId: options.orgUnitId,
  });
  return rows.map((row) => ({
    unit: { id: row.id, code: row.code, name: row.name, kind: row.kind },
    tallies: talliesOfTotals(row, judged),
  }));
}

export async function computeCards(
  db: Executor,
  options: CardOptions & { weights: TScorecardWeights },
): Promise<ComputedCard[]> {
  const scored = (await unitTallies(db, options)).map(({ unit, tallies }) => ({
    unit,
    ...scoreCard(tallies, options.weights),
  }));
  const ranks = rankPeers(scored.map((c) => c.score));
  const peers = scored.filter((c) => c.score !== null).length;
  return scored
    .map((card, i) => ({ ...card, rank: ranks[i]!, peers }))
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
}

const isoOrNull = (timestamp: string | null) => (timestamp ? new Date(timestamp).toISOString() : null);

/**
 * What made each number of the cards of the group (or of one unit): the tasks, reports and figures
 * counted, by unit, the figures judged as the counts judge them.
 */
export async function cardEvidence(
  db: Executor,
  options: CardOptions,
): Promise<Map<string, TScorecardEvidence>> {
  const { period, today, orgUnitId, area } = options;
  const kinds = PEER_GROUP_KINDS[options.kind];
  const periods = reportingPeriodsWithin(period);
  const judged = await judgedOf(db, options);
  const [tasks, reports, figures] = [
    await listLeadTasks(db, { kinds, ...periodSpan(period), today, area, orgUnitId }),
    await listUnitReports(db, { kinds, periods, today, area, orgUnitId }),
    await listIndicatorFigures(db, { kinds, periods, area, orgUnitId }),
  ];
  const indicators = new Map(
    (await listFigureIndicators(db, [...new Set(figures.map((f) => f.indicator_id))])).map((i) => [i.id, i]),
  );
  const byUnit = new Map<string, TScorecardEvidence>();
  const of = (unitId: string) => {
    let evidence = byUnit.get(unitId);
    if (!evidence) {
      evidence = { tasks: [], reports: [], figures: [] };
      byUnit.set(unitId, evidence);
    }
    return evidence;
  };
  for (const t of tasks) {
    of(t.org_unit_id).tasks.push({
      id: t.id,
      code: t.code,
      title: t.title,
      deadline: t.deadline,
      progress: t.progress,
      completedOn: t.completed_on,
      onTime: t.on_time,
    });
  }
  // figures count with their report: only reports whose due date has come or that were sent
  const judgedReports = new Set(reports.map((r) => r.id));
  for (const r of reports) {
    of(r.org_unit_id).reports.push({
      id: r.id,
      roundTitle: r.round_title,
      period: r.period,
      dueDate: r.due_date,
      firstSubmittedAt: isoOrNull(r.first_submitted_at),
      timeliness: r.timeliness,
      returns: r.returns,
    });
  }
  for (const f of figures) {
    if (!judgedReports.has(f.report_id)) continue;
    const indicator = indicators.get(f.indicator_id)!;
    const value = f.value === null ? null : Number(f.value);
    const status = figureStatus(
      value,
      judged.byKey.get(figureKey(f.org_unit_id, f.indicator_id, f.period)) ?? null,
    );
    of(f.org_unit_id).figures.push({
      indicatorId: f.indicator_id,
      code: indicator.code,
      name: indicator.name,
      period: f.period,
      reportId: f.report_id,
      value,
      ...status,
    });
  }
  return byUnit;
}

/**
 * A card's counts tallied from its lists, one by one (how cards were counted before the counts
 * moved into SQL): what the lists show must add up to the card's numbers.
 */
export function talliesOfEvidence(evidence: TScorecardEvidence): Tallies {
  const tallies = EMPTY_TALLIES();
  const tally = (key: keyof Tallies, good: boolean) => {
    tallies[key].total += 1;
    if (good) tallies[key].good += 1;
  };
  for (const t of evidence.tasks) tally('tasksOnTime', t.onTime);
  for (const r of evidence.reports) {
    // missing and overdue (past due, not sent) count as not on time
    tally('reportsOnTime', r.timeliness === 'on_time');
    if (r.firstSubmittedAt) tally('reportsNotReturned', r.returns === 0);
  }
  for (const f of evidence.figures) tally('indicators', f.good);
  return tallies;
}
