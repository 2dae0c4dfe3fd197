/**
 * The scorecards' counts are made in the database, one statement grouped by unit
 * (queries/unit-totals.ts); the lists a card shows are read only for that card. This holds the two
 * equal: for every unit, peer group and period, the counts equal what its lists add up to, tallied one
 * by one as the cards were counted before (compute.ts talliesOfEvidence), and the scores and ranks
 * made from either are the same. The fixture has what the counting must get right: ties, units
 * without tasks, reports missing, late, returned by the secretariat (a return from approved, a
 * reopening) or only by the unit's head (not counted), a closed round, a round not yet due, an
 * inactive unit, tasks archived, in an archived plan, outside the period or not yet due, figures
 * missing, entered, judged on and off track, and one the forecast marks at risk.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TRound, TRoundReport } from '../../../common/contracts/rounds';
import {
  PEER_GROUP_KINDS,
  SCORECARD_PEER_GROUPS,
  type ScorecardPeerGroup,
  type TScorecardWeights,
} from '../../../common/contracts/scorecards';
import { rowsOf } from '../../db/sql';
import { adminActor, writeValuesAs } from '../../test/actors';
import { createTestContext, TEST_TODAY, type TestContext } from '../../test/context';
import { buildIndicator, buildItem, buildOrgUnit, buildPlan } from '../../test/factories';
import { indicatorPlanItems } from '../indicators/tables';
import { cardEvidence, computeCards, talliesOfEvidence, unitTallies } from './compute';
import { rankPeers, scoreCard } from './score';

let ctx: TestContext;
type Unit = { id: string; code: string };
const u: Record<string, Unit> = {};

const WEIGHTS: TScorecardWeights = {
  tasksOnTime: 40,
  reportsOnTime: 25,
  indicators: 25,
  reportsNotReturned: 10,
};
const PERIODS = ['2026Q3', '2026', '2026Q4', '2025', '2026Q1'];

async function openRound(planId: string, period: string, dueDate: string) {
  const res = await ctx.inject({ method: 'POST', url: '/api/rounds', payload: { planId, period, dueDate } });
  expect(res.statusCode, res.body).toBe(201);
  const round = res.json<TRound>();
  const reports = (await ctx.inject({ method: 'GET', url: `/api/rounds/${round.id}/reports` })).json<{
    items: TRoundReport[];
  }>().items;
  return { id: round.id, reportOf: (unit: Unit) => reports.find((r) => r.orgUnit.id === unit.id)!.reportId };
}

const sent = (reportId: string, at: string) =>
  ctx.db.execute(sql`update reports set status = 'submitted', first_submitted_at = ${at}::timestamptz,
    submitted_at = ${at}::timestamptz where id = ${reportId}`);

const snapshot = (reportId: string, action: 'return' | 'reopen', from: string, to: string) =>
  ctx.db.execute(sql`insert into report_snapshots (report_id, version, action, from_status, to_status, content)
    values (${reportId}, 1, ${action}, ${from}, ${to}, '{}'::jsonb)`);

beforeAll(async () => {
  ctx = await createTestContext(); // today: 2026-11-27
  const parentId = ctx.rootOrgUnitId;
  for (const [name, kind] of [
    ['A', 'commune'],
    ['B', 'commune'],
    ['C', 'ward'],
    ['D', 'commune'],
    ['E', 'commune'],
    ['F', 'commune'],
    ['Z', 'commune'],
    ['G', 'department'],
    ['H', 'department'],
    ['P', 'party_body'],
  ] as const)
    u[name] = await buildOrgUnit(ctx.db, { kind, parentId, name: `Đơn vị ${name}` });
  u.P1 = await buildOrgUnit(ctx.db, { kind: 'other', parentId: u.P!.id, name: 'Đơn vị P1' });

  const plan = await buildPlan(ctx.db, { horizonStartYear: 2024 });
  const archived = await buildPlan(ctx.db, { horizonStartYear: 2024, archivedAt: new Date() });
  const task = (code: string, lead: Unit, more: Record<string, unknown> = {}) =>
    buildItem(ctx.db, { planId: plan.id, code, leadOrgUnitId: lead.id, ...more });
  // A: on time, late, overdue, done early without a completion date, a milestone on time; one not
  // yet due and one archived do not count
  await task('1.1', u.A!, { deadline: '2026-08-10', progress: 100, completedOn: '2026-08-01' });
  await task('1.2', u.A!, { deadline: '2026-08-20', progress: 100, completedOn: '2026-09-02' });
  await task('1.3', u.A!, { deadline: '2026-09-15', progress: 30 });
  await task('1.4', u.A!, { deadline: '2026-12-01', progress: 100 });
  await task('1.5', u.A!, {
    kind: 'milestone',
    deadline: '2026-03-01',
    progress: 100,
    completedOn: '2026-02-27',
  });
  const open = await task('1.6', u.A!, { deadline: '2026-12-20', progress: 10 });
  await task('1.7', u.A!, { deadline: '2026-07-01', progress: 0, archivedAt: new Date() });
  // B: one on time; D: a task of an archived plan only; E: a task of 2025, late
  await task('2.1', u.B!, { deadline: '2026-08-15', progress: 100, completedOn: '2026-08-10' });
  await buildItem(ctx.db, {
    planId: archived.id,
    code: '9.1',
    leadOrgUnitId: u.D!.id,
    deadline: '2026-08-01',
  });
  await task('3.1', u.E!, { deadline: '2025-06-30', progress: 100, completedOn: '2025-07-15' });
  // G and H: the same record (a tie among agencies); P leads one, late
  await task('4.1', u.G!, { deadline: '2026-09-30', progress: 100, completedOn: '2026-09-30' });
  await task('4.2', u.H!, { deadline: '2026-09-30', progress: 100, completedOn: '2026-09-30' });
  await task('4.3', u.P!, { deadline: '2026-10-31', progress: 60 });
  // F and Z only co-operate (their rounds' reports come from the indicators)

  // a share with targets (judged), a count (entered or missing), an agencies' share
  const share = await buildIndicator(ctx.db, {
    reportedBy: ['commune', 'ward'],
    frequency: 'quarter',
    valueType: 'percent',
    aggregation: 'average',
    timeAggregation: 'latest',
    baselineYear: 2024,
    baselineValue: '90',
    targets: { '2026': 95, '2030': 99.5 },
  });
  const count = await buildIndicator(ctx.db, { reportedBy: ['commune', 'ward'], frequency: 'month' });
  const quarterCount = await buildIndicator(ctx.db, {
    reportedBy: ['commune', 'ward'],
    frequency: 'quarter',
  });
  const agencyShare = await buildIndicator(ctx.db, {
    reportedBy: ['department', 'party_body'],
    frequency: 'quarter',
    valueType: 'percent',
    aggregation: 'average',
    timeAggregation: 'latest',
    baselineYear: 2025,
    baselineValue: '50',
    targets: { '2026': 70 },
  });
  for (const indicator of [share, count, quarterCount, agencyShare])
    await ctx.db.insert(indicatorPlanItems).values({ indicatorId: indicator.id, planItemId: open.id });

  const values: { indicatorCode: string; orgUnitCode: string; period: string; value: number }[] = [];
  const put = (indicator: { code: string }, unit: Unit, period: string, value: number) =>
    values.push({ indicatorCode: indicator.code, orgUnitCode: unit.code, period, value });
  // the share: A on track, B off track, C missing, D flat at 93 (on pace, the forecast says at risk),
  // E and F the same figure (ties)
  put(share, u.A!, '2026Q3', 96);
  put(share, u.B!, '2026Q3', 80);
  for (const q of ['2024Q1', '2024Q2', '2024Q3', '2024Q4', '2025Q1', '2025Q2', '2025Q3', '2025Q4'])
    put(share, u.D!, q, 93);
  put(share, u.D!, '2026Q1', 93);
  put(share, u.D!, '2026Q2', 93);
  put(share, u.D!, '2026Q3', 93);
  put(share, u.E!, '2026Q3', 90);
  put(share, u.F!, '2026Q3', 90);
  put(share, u.A!, '2026Q1', 94);
  // counts: a zero is entered; B and C enter none
  put(count, u.A!, '2026M08', 5);
  put(count, u.D!, '2026M08', 0);
  put(count, u.E!, '2026M08', 2);
  put(count, u.F!, '2026M08', 2);
  put(quarterCount, u.A!, '2026Q3', 1);
  put(agencyShare, u.G!, '2026Q3', 68);
  put(agencyShare, u.H!, '2026Q3', 68);
  const written = await writeValuesAs(ctx.db, await adminActor(ctx.db, parentId), values);
  expect(written.errors).toEqual([]);

  // rounds: 2026Q1 (closed: whatever was not sent is missing), 2026M08, 2026Q3, 2026Q4 (not yet due)
  const q1 = await openRound(plan.id, '2026Q1', '2026-04-10');
  const m08 = await openRound(plan.id, '2026M08', '2026-09-21');
  const q3 = await openRound(plan.id, '2026Q3', '2026-10-10');
  await openRound(plan.id, '2026Q4', '2027-01-10');
  await ctx.db.execute(sql`update rounds set status = 'closed' where id = ${q1.id}`);
  await sent(q1.reportOf(u.A!), '2026-04-08T09:00:00+07:00');

  // M08: A on time; B never (missing); C late; D on time, reopened by the secretariat; E, F on time
  await sent(m08.reportOf(u.A!), '2026-09-18T10:00:00+07:00');
  await sent(m08.reportOf(u.C!), '2026-09-30T10:00:00+07:00');
  await sent(m08.reportOf(u.D!), '2026-09-20T10:00:00+07:00');
  await snapshot(m08.reportOf(u.D!), 'reopen', 'accepted', 'draft');
  await sent(m08.reportOf(u.E!), '2026-09-21T23:00:00+07:00');
  await sent(m08.reportOf(u.F!), '2026-09-21T23:00:00+07:00');
  // Q3: A on time, returned by the secretariat once and by its head once (only the first counts);
  // B late; C never; D on time; E and F the same; G and H on time; P late, returned
  await sent(q3.reportOf(u.A!), '2026-10-05T10:00:00+07:00');
  await snapshot(q3.reportOf(u.A!), 'return', 'approved', 'returned');
  await snapshot(q3.reportOf(u.A!), 'return', 'submitted', 'returned');
  await sent(q3.reportOf(u.B!), '2026-10-20T10:00:00+07:00');
  await sent(q3.reportOf(u.D!), '2026-10-09T10:00:00+07:00');
  await sent(q3.reportOf(u.E!), '2026-10-10T10:00:00+07:00');
  await sent(q3.reportOf(u.F!), '2026-10-10T10:00:00+07:00');
  await sent(q3.reportOf(u.G!), '2026-10-01T10:00:00+07:00');
  await sent(q3.reportOf(u.H!), '2026-10-01T10:00:00+07:00');
  await sent(q3.reportOf(u.P!), '2026-10-30T10:00:00+07:00');
  await snapshot(q3.reportOf(u.P!), 'return', 'approved', 'returned');
  // Z had reports, then was made inactive: no card at all
  await ctx.db.execute(sql`update org_units set active = false where id = ${u.Z!.id}`);
}, 180_000);

afterAll(() => ctx?.close());

const options = (kind: ScorecardPeerGroup, period: string) => ({
  kind,
  period,
  today: TEST_TODAY,
  area: null,
});

describe('the counts made in SQL equal the lists tallied one by one', () => {
  for (const kind of SCORECARD_PEER_GROUPS) {
    for (const period of PERIODS) {
      it(`${kind}, ${period}: every unit's counts, score and rank`, async () => {
        const counted = await unitTallies(ctx.db, options(kind, period));
        const lists = await cardEvidence(ctx.db, options(kind, period));
        const empty = { tasks: [], reports: [], figures: [] };
        const tallied = counted.map((c) => talliesOfEvidence(lists.get(c.unit.id) ?? empty));
        expect(counted.map((c) => [c.unit.code, c.tallies])).toEqual(
          counted.map((c, i) => [c.unit.code, tallied[i]]),
        );
        // the scores and ranks made from the lists' tallies, as the cards were made before
        const byLists = tallied.map((t) => scoreCard(t, WEIGHTS).score);
        const ranks = rankPeers(byLists);
        const cards = await computeCards(ctx.db, { ...options(kind, period), weights: WEIGHTS });
        const expected = counted.map((c, i) => [c.unit.code, byLists[i], ranks[i]]);
        expect(cards.map((c) => [c.unit.code, c.score, c.rank]).sort()).toEqual(expected.sort());
        // one card's own counts, read for that unit alone (its trend) are the same
        for (const c of counted.slice(0, 3)) {
          const [alone] = await unitTallies(ctx.db, { ...options(kind, period), orgUnitId: c.unit.id });
          expect(alone?.tallies).toEqual(c.tallies);
        }
      });
    }
  }

  it('the fixture covers what it should', async () => {
    const q3 = await unitTallies(ctx.db, options('commune', '2026Q3'));
    const of = (unit: Unit) => q3.find((c) => c.unit.id === unit.id)!.tallies;
    expect(q3.map((c) => c.unit.id)).not.toContain(u.Z!.id);
    // A: tasks 1.1, 1.2, 1.3, 1.4 (Q3: 1.1 on time, 1.2 late, 1.3 overdue); reports M08 and Q3 on time,
    // Q3 returned once by the secretariat; figures: count 5, share 96 on track, quarter count 1
    expect(of(u.A!)).toEqual({
      tasksOnTime: { good: 1, total: 3 },
      reportsOnTime: { good: 2, total: 2 },
      indicators: { good: 3, total: 3 },
      reportsNotReturned: { good: 1, total: 2 },
    });
    // C: no tasks; M08 late, Q3 missing; no figure entered
    expect(of(u.C!)).toEqual({
      tasksOnTime: { good: 0, total: 0 },
      reportsOnTime: { good: 0, total: 2 },
      indicators: { good: 0, total: 3 },
      reportsNotReturned: { good: 1, total: 1 },
    });
    // D: on pace at 93 but the forecast misses 2030: the share is not good; its zero count is entered;
    // its M08 report was reopened
    expect(of(u.D!)).toMatchObject({
      indicators: { good: 1, total: 3 },
      reportsNotReturned: { good: 1, total: 2 },
    });
    const evidence = (await cardEvidence(ctx.db, options('commune', '2026Q3'))).get(u.D!.id)!;
    expect(evidence.figures.find((f) => f.period === '2026Q3' && f.value === 93)).toMatchObject({
      status: 'at_risk',
      good: false,
    });
    // E and F: the same record, the same score and rank
    const cards = await computeCards(ctx.db, { ...options('commune', '2026Q3'), weights: WEIGHTS });
    const e = cards.find((c) => c.unit.id === u.E!.id)!;
    const f = cards.find((c) => c.unit.id === u.F!.id)!;
    expect([e.score, e.rank]).toEqual([f.score, f.rank]);
    // the closed Q1 round: A sent, the others missing
    const q1 = await unitTallies(ctx.db, options('commune', '2026Q1'));
    expect(q1.find((c) => c.unit.id === u.B!.id)!.tallies.reportsOnTime).toEqual({ good: 0, total: 1 });
    // no Q4 report is due yet
    const q4 = await unitTallies(ctx.db, options('commune', '2026Q4'));
    expect(q4.every((c) => c.tallies.reportsOnTime.total === 0)).toBe(true);
    // agencies: G and H tie; P late and returned
    const agencies = await computeCards(ctx.db, { ...options('agency', '2026Q3'), weights: WEIGHTS });
    const [g, h] = [u.G!, u.H!].map((x) => agencies.find((c) => c.unit.id === x.id)!);
    expect(g!.rank).toBe(h!.rank);
    expect(PEER_GROUP_KINDS.agency).toContain('party_body');
    expect(
      rowsOf<{ n: number }>(await ctx.db.execute(sql`select count(*)::int as n from report_snapshots`))[0]!.n,
    ).toBe(4);
  });
});
