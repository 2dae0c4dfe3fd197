/**
 * Live scorecards of one peer group for one period: the rows of the queries tallied per unit,
 * scored by score.ts, ranked among the peers. Publishing stores exactly this.
 */
import {
  PEER_GROUP_KINDS,
  type ScorecardPeerGroup,
  type TScorecardComponent,
  type TScorecardEvidence,
  type TScorecardWeights,
} from '../../../common/contracts/scorecards';
import type { Executor } from '../../db/client';
import { periodSpan, reportingPeriodsWithin } from './periods';
import { listFigureIndicators, listIndicatorFigures } from './queries/indicator-figures';
import { listLeadTasks } from './queries/lead-tasks';
import { listPeerUnits, type PeerUnitRow } from './queries/peer-units';
import { listUnitReports } from './queries/unit-reports';
import { EMPTY_TALLIES, judgeFigure, rankPeers, scoreCard, type Tallies } from './score';

export interface ComputedCard {
  unit: PeerUnitRow;
  score: number | null;
  rank: number | null;
  peers: number;
  components: TScorecardComponent[];
  evidence: TScorecardEvidence;
}

const isoOrNull = (timestamp: string | null) => (timestamp ? new Date(timestamp).toISOString() : null);

export async function computeCards(
  db: Executor,
  options: {
    period: string;
    kind: ScorecardPeerGroup;
    weights: TScorecardWeights;
    today: string;
    /** one unit only (its trend): its score, no rank among peers */
    orgUnitId?: string;
  },
): Promise<ComputedCard[]> {
  const { period, today, orgUnitId } = options;
  const kinds = PEER_GROUP_KINDS[options.kind];
  const periods = reportingPeriodsWithin(period);
  const [units, tasks, reports, figures] = [
    await listPeerUnits(db, kinds, orgUnitId),
    await listLeadTasks(db, { kinds, ...periodSpan(period), today, orgUnitId }),
    await listUnitReports(db, { kinds, periods, today, orgUnitId }),
    await listIndicatorFigures(db, { kinds, periods, orgUnitId }),
  ];
  const indicators = new Map(
    (await listFigureIndicators(db, [...new Set(figures.map((f) => f.indicator_id))])).map((i) => [i.id, i]),
  );
  // figures count with their report: only reports whose due date has come or that were sent
  const judgedReports = new Set(reports.map((r) => r.id));
  const byUnit = new Map(
    units.map((unit) => [
      unit.id,
      { tallies: EMPTY_TALLIES(), evidence: { tasks: [], reports: [], figures: [] } as TScorecardEvidence },
    ]),
  );
  const tally = (unitId: string, key: keyof Tallies, good: boolean) => {
    const t = byUnit.get(unitId)?.tallies[key];
    if (!t) return;
    t.total += 1;
    if (good) t.good += 1;
  };
  for (const t of tasks) {
    tally(t.org_unit_id, 'tasksOnTime', t.on_time);
    byUnit.get(t.org_unit_id)?.evidence.tasks.push({
      id: t.id,
      code: t.code,
      title: t.title,
      deadline: t.deadline,
      progress: t.progress,
      completedOn: t.completed_on,
      onTime: t.on_time,
    });
  }
  for (const r of reports) {
    // missing and overdue (past due, not sent) count as not on time
    tally(r.org_unit_id, 'reportsOnTime', r.timeliness === 'on_time');
    if (r.first_submitted_at) tally(r.org_unit_id, 'reportsNotReturned', r.returns === 0);
    byUnit.get(r.org_unit_id)?.evidence.reports.push({
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
    const judged = judgeFigure({
      value,
      period: f.period,
      year: Number(f.period.slice(0, 4)),
      orgAggregation: indicator.aggregation,
      timeAggregation: indicator.time_aggregation,
      direction: indicator.direction,
      baseline:
        indicator.baseline_year !== null && indicator.baseline_value !== null
          ? { year: indicator.baseline_year, value: Number(indicator.baseline_value) }
          : null,
      targets: indicator.targets,
    });
    tally(f.org_unit_id, 'indicators', judged.good);
    byUnit.get(f.org_unit_id)?.evidence.figures.push({
      indicatorId: f.indicator_id,
      code: indicator.code,
      name: indicator.name,
      period: f.period,
      reportId: f.report_id,
      value,
      expected: judged.expected,
      status: judged.status,
      good: judged.good,
    });
  }
  const scored = units.map((unit) => {
    const { tallies, evidence } = byUnit.get(unit.id)!;
    return { unit, evidence, ...scoreCard(tallies, options.weights) };
  });
  const ranks = rankPeers(scored.map((c) => c.score));
  const peers = scored.filter((c) => c.score !== null).length;
  return scored
    .map((card, i) => ({ ...card, rank: ranks[i]!, peers }))
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
}
