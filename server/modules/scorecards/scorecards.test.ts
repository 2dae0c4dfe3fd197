/**
 * Scorecards through the API, on data made through the services (a round opened, reports sent,
 * approved, returned and accepted; values entered): the known-answer score of a commune, ranks
 * among peers, the ladder, a commune officer kept to his own card, new weights that leave a
 * published period as it was, audit events written with each change.
 */
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TReport } from '../../../common/contracts/reports';
import type { TRound, TRoundReport } from '../../../common/contracts/rounds';
import type {
  TScorecardDetail,
  TScorecardFormula,
  TScorecardFormulaList,
  TScorecardList,
} from '../../../common/contracts/scorecards';
import type { TProblem } from '../../../common/problem';
import { rowsOf } from '../../db/sql';
import { createTestContext, type TestContext } from '../../test/context';
import { buildIndicator, buildItem, buildOrgUnit, buildPlan } from '../../test/factories';
import { type Injector, signInAs } from '../../test/sessions';
import { indicatorPlanItems } from '../indicators/tables';

let ctx: TestContext;
let unitA: { id: string; code: string };
let unitB: { id: string; code: string };
let unitC: { id: string; code: string };
let secretariat: Injector;
let officerA: Injector;
let officerB: Injector;
let reportA: string;
let reportB: string;
const tasksA: string[] = [];

const act = async (inject: Injector, reportId: string, action: string, reason?: string) => {
  const report = (await inject({ method: 'GET', url: `/api/reports/${reportId}` })).json<TReport>();
  const res = await inject({
    method: 'POST',
    url: `/api/reports/${reportId}/${action}`,
    payload: { version: report.version, ...(reason ? { reason } : {}) },
  });
  expect(res.statusCode, res.body).toBe(200);
};

/** The first submission, pinned to a day: timeliness is judged by it, and the test's clock is fixed. */
const submittedOn = (reportId: string, at: string) =>
  ctx.db.execute(sql`update reports set first_submitted_at = ${at}::timestamptz where id = ${reportId}`);

beforeAll(async () => {
  ctx = await createTestContext(); // today: 2026-11-27
  const parentId = ctx.rootOrgUnitId;
  unitA = await buildOrgUnit(ctx.db, { kind: 'commune', parentId, name: 'Xã An' });
  unitB = await buildOrgUnit(ctx.db, { kind: 'commune', parentId, name: 'Xã Bình' });
  unitC = await buildOrgUnit(ctx.db, { kind: 'ward', parentId, name: 'Phường Cầu' });
  await buildOrgUnit(ctx.db, { kind: 'department', parentId, name: 'Sở Dữ liệu' });
  const planId = (await buildPlan(ctx.db)).id;
  const task = (code: string, leadOrgUnitId: string, more: Record<string, unknown>) =>
    buildItem(ctx.db, { planId, code, leadOrgUnitId, ...more });
  // A: on time, late, overdue; one not yet due and one archived do not count
  for (const t of [
    await task('1.1', unitA.id, { deadline: '2026-08-10', progress: 100, completedOn: '2026-08-01' }),
    await task('1.2', unitA.id, { deadline: '2026-08-20', progress: 100, completedOn: '2026-09-02' }),
    await task('1.3', unitA.id, { deadline: '2026-09-15', progress: 30 }),
  ])
    tasksA.push(t.id);
  const open = await task('1.4', unitA.id, { deadline: '2026-12-20', progress: 10 });
  await task('1.5', unitA.id, { deadline: '2026-07-01', progress: 0, archivedAt: new Date() });
  await task('2.1', unitB.id, { deadline: '2026-08-15', progress: 100, completedOn: '2026-08-10' });
  await task('2.2', unitB.id, { deadline: '2027-03-01' });
  await task('3.1', unitC.id, { deadline: '2027-03-01' });
  // a share with a target: 60 in 2025 → 80 in 2026, so by August (8/12 of the way) 73.3 is expected
  const share = await buildIndicator(ctx.db, {
    reportedBy: ['commune', 'ward'],
    frequency: 'month',
    valueType: 'percent',
    aggregation: 'average',
    timeAggregation: 'latest',
    baselineYear: 2025,
    baselineValue: '60',
    targets: { '2026': 80 },
  });
  await ctx.db.insert(indicatorPlanItems).values({ indicatorId: share.id, planItemId: open.id });

  secretariat = (await signInAs(ctx.app, ctx.db, 'secretariat', parentId)).inject;
  officerA = (await signInAs(ctx.app, ctx.db, 'officer', unitA.id)).inject;
  const headA = (await signInAs(ctx.app, ctx.db, 'head', unitA.id)).inject;
  officerB = (await signInAs(ctx.app, ctx.db, 'officer', unitB.id)).inject;
  const headB = (await signInAs(ctx.app, ctx.db, 'head', unitB.id)).inject;

  const round = await secretariat({
    method: 'POST',
    url: '/api/rounds',
    payload: { planId, period: '2026M08', dueDate: '2026-09-21' },
  });
  expect(round.statusCode, round.body).toBe(201);
  const reports = (
    await secretariat({ method: 'GET', url: `/api/rounds/${round.json<TRound>().id}/reports` })
  ).json<{ items: TRoundReport[] }>().items;
  const reportOf = (unitId: string) => reports.find((r) => r.orgUnit.id === unitId)!.reportId;
  reportA = reportOf(unitA.id);
  reportB = reportOf(unitB.id);
  expect(reports).toHaveLength(3);

  const write = (inject: Injector, orgUnitCode: string, value: number) =>
    inject({
      method: 'POST',
      url: '/api/data-values',
      payload: { values: [{ indicatorCode: share.code, orgUnitCode, period: '2026M08', value }] },
    });
  expect((await write(officerA, unitA.code, 75)).statusCode).toBe(200);
  expect((await write(officerB, unitB.code, 60)).statusCode).toBe(200);
  // A: sent on time, returned once by the secretariat, corrected, accepted
  await act(officerA, reportA, 'submit');
  await submittedOn(reportA, '2026-09-18T10:00:00+07:00');
  await act(headA, reportA, 'approve');
  await act(secretariat, reportA, 'return', 'Bổ sung kết quả cụ thể.');
  await act(officerA, reportA, 'submit');
  await act(headA, reportA, 'approve');
  await act(secretariat, reportA, 'accept');
  // B: sent late, accepted at once; C (the ward) never sent its report
  await act(officerB, reportB, 'submit');
  await submittedOn(reportB, '2026-09-25T10:00:00+07:00');
  await act(headB, reportB, 'approve');
  await act(secretariat, reportB, 'accept');
}, 120_000);

afterAll(() => ctx?.close());

const list = async (inject: Injector, query: string) => {
  const res = await inject({ method: 'GET', url: `/api/scorecards?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TScorecardList>();
};

const card = async (inject: Injector, orgUnitId: string, period: string) => {
  const res = await inject({ method: 'GET', url: `/api/scorecards/${orgUnitId}?period=${period}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TScorecardDetail>();
};

describe('the score, worked out by hand', () => {
  it('ranks the communes and wards of 2026Q3 with the shipped weights 40/25/25/10', async () => {
    const result = await list(secretariat, 'period=2026Q3&kind=commune');
    expect(result).toMatchObject({ status: 'preview', publication: null, complete: true });
    expect(result.formula).toMatchObject({ version: 1, createdBy: null });
    expect(result.items.map((r) => [r.unit.name, r.score, r.rank, r.components.map((c) => c.value)])).toEqual(
      [
        // tasks 1/3, reports 1/1 on time, figure 75 ≥ 95 % of 73.3, returned once: (40·33.3 + 25·100 + 25·100 + 10·0) / 100
        ['Xã An', 63.3, 1, [33.3, 100, 100, 0]],
        // tasks 1/1, sent late, figure 60 < 85 % of 73.3, not returned: (40·100 + 10·100) / 100
        ['Xã Bình', 50, 2, [100, 0, 0, 100]],
        // no task due; report missing, so is its figure; never sent, so nothing to return: weights 25 + 25 renormalised
        ['Phường Cầu', 0, 3, [null, 0, 0, null]],
      ],
    );
    expect(result.items.every((r) => r.peers === 3)).toBe(true);
  });

  it('the department is ranked with the agencies, without a score: it had nothing to do', async () => {
    const result = await list(secretariat, 'period=2026Q3&kind=agency');
    expect(result.items.map((r) => [r.unit.name, r.score, r.rank])).toEqual([['Sở Dữ liệu', null, null]]);
  });

  it("a unit's card lists what made each number, and its trend", async () => {
    const detail = await card(secretariat, unitA.id, '2026Q3');
    expect(detail).toMatchObject({ score: 63.3, rank: 1, peers: 3, kind: 'commune', status: 'preview' });
    expect(detail.evidence.tasks.map((t) => [t.id, t.onTime])).toEqual([
      [tasksA[0], true],
      [tasksA[1], false],
      [tasksA[2], false],
    ]);
    expect(detail.evidence.reports).toEqual([
      expect.objectContaining({ id: reportA, timeliness: 'on_time', returns: 1, period: '2026M08' }),
    ]);
    expect(detail.evidence.figures).toEqual([
      expect.objectContaining({ reportId: reportA, value: 75, status: 'on_track', good: true }),
    ]);
    expect(detail.evidence.figures[0]!.expected).toBeCloseTo(73.33, 2);
    expect(detail.trend.map((t) => [t.period, t.score])).toEqual([
      ['2025Q4', null],
      ['2026Q1', null],
      ['2026Q2', null],
      ['2026Q3', 63.3],
    ]);
  });
});

describe('the ladder on a unit’s card and on the weights', () => {
  it('401 when not signed in', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: `/api/scorecards/${unitA.id}?period=2026Q3` });
    expect(res.statusCode).toBe(401);
  });

  it('400 naming the field for a period that is no year or quarter, and for bad weights', async () => {
    const res = await secretariat({ method: 'GET', url: `/api/scorecards/${unitA.id}?period=2026M08` });
    expect(res.statusCode).toBe(400);
    expect(res.json<TProblem>().errors?.[0]?.field).toContain('period');
    const negative = await secretariat({
      method: 'POST',
      url: '/api/scorecards/formulas',
      payload: {
        basedOnVersion: 1,
        note: 'Thử',
        weights: { tasksOnTime: -1, reportsOnTime: 1, indicators: 1, reportsNotReturned: 1 },
      },
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.json<TProblem>().errors?.[0]?.field).toContain('weights.tasksOnTime');
    const zero = await secretariat({
      method: 'POST',
      url: '/api/scorecards/formulas',
      payload: {
        basedOnVersion: 1,
        note: 'Thử',
        weights: { tasksOnTime: 0, reportsOnTime: 0, indicators: 0, reportsNotReturned: 0 },
      },
    });
    expect(zero.statusCode).toBe(400);
  });

  it('403 for an officer changing the weights or publishing; 404 for another commune’s card', async () => {
    const weights = { tasksOnTime: 1, reportsOnTime: 1, indicators: 1, reportsNotReturned: 1 };
    const change = await officerA({
      method: 'POST',
      url: '/api/scorecards/formulas',
      payload: { basedOnVersion: 1, note: 'Thử', weights },
    });
    expect(change.statusCode).toBe(403);
    const publish = await officerA({
      method: 'POST',
      url: '/api/scorecards/publications',
      payload: { period: '2026Q3' },
    });
    expect(publish.statusCode).toBe(403);
    // the secretariat's role over one commune does not reach the province's weights
    const local = (await signInAs(ctx.app, ctx.db, 'secretariat', unitA.id)).inject;
    const localChange = await local({
      method: 'POST',
      url: '/api/scorecards/formulas',
      payload: { basedOnVersion: 1, note: 'Thử', weights },
    });
    expect(localChange.statusCode).toBe(403);
    const other = await officerB({ method: 'GET', url: `/api/scorecards/${unitA.id}?period=2026Q3` });
    expect(other.statusCode).toBe(404);
    expect(JSON.stringify(other.json())).not.toContain('Xã An');
  });

  it('200 for the officer’s own card; his list holds his own row with its rank among all peers', async () => {
    expect((await card(officerB, unitB.id, '2026Q3')).score).toBe(50);
    const own = await list(officerB, 'period=2026Q3&kind=commune');
    expect(own.complete).toBe(false);
    expect(own.items.map((r) => [r.unit.name, r.rank, r.peers])).toEqual([['Xã Bình', 2, 3]]);
  });
});

describe('the table as XLSX', () => {
  it('holds the rows the reader sees: all for the secretariat, his own for an officer', async () => {
    const rowsOfFile = async (inject: Injector) => {
      const res = await inject({ method: 'GET', url: '/api/scorecards.xlsx?period=2026Q3&kind=commune' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      return sheet
        .getSheetValues()
        .slice(5)
        .map((r) => (r as unknown[]).slice(1, 5));
    };
    expect(await rowsOfFile(secretariat)).toEqual([
      [1, unitA.code, 'Xã An', 63.3],
      [2, unitB.code, 'Xã Bình', 50],
      [3, unitC.code, 'Phường Cầu', 0],
    ]);
    expect(await rowsOfFile(officerB)).toEqual([[2, unitB.code, 'Xã Bình', 50]]);
  });
});

describe('weights in versions, published periods kept', () => {
  it('publishes 2026Q3; new weights then leave it as published and change only the preview', async () => {
    const published = await secretariat({
      method: 'POST',
      url: '/api/scorecards/publications',
      payload: { period: '2026Q3' },
    });
    expect(published.statusCode, published.body).toBe(201);
    expect(published.json()).toMatchObject({ period: '2026Q3', formulaVersion: 1, units: 4 });
    const again = await secretariat({
      method: 'POST',
      url: '/api/scorecards/publications',
      payload: { period: '2026Q3' },
    });
    expect(again.statusCode).toBe(409);

    const res = await secretariat({
      method: 'POST',
      url: '/api/scorecards/formulas',
      payload: {
        basedOnVersion: 1,
        note: 'Chỉ tính báo cáo và chỉ tiêu',
        weights: { tasksOnTime: 0, reportsOnTime: 50, indicators: 50, reportsNotReturned: 0 },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<TScorecardFormula>()).toMatchObject({ version: 2, note: 'Chỉ tính báo cáo và chỉ tiêu' });
    // based on a version no longer the latest: 409 with the current one
    const stale = await secretariat({
      method: 'POST',
      url: '/api/scorecards/formulas',
      payload: {
        basedOnVersion: 1,
        note: 'Cũ',
        weights: { tasksOnTime: 1, reportsOnTime: 1, indicators: 1, reportsNotReturned: 1 },
      },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version_conflict', current: { version: 2 } });
    const versions = (
      await officerA({ method: 'GET', url: '/api/scorecards/formulas' })
    ).json<TScorecardFormulaList>();
    expect(versions.items.map((v) => v.version)).toEqual([2, 1]);

    // a task done since does not move the published period either
    await ctx.db.execute(
      sql`update plan_items set progress = 100, completed_on = '2026-09-10' where id = ${tasksA[2]!}`,
    );
    const kept = await list(secretariat, 'period=2026Q3&kind=commune');
    expect(kept).toMatchObject({
      status: 'published',
      formula: { version: 1 },
      publication: { formulaVersion: 1 },
    });
    expect(kept.items.map((r) => [r.unit.name, r.score, r.rank])).toEqual([
      ['Xã An', 63.3, 1],
      ['Xã Bình', 50, 2],
      ['Phường Cầu', 0, 3],
    ]);
    const keptCard = await card(secretariat, unitA.id, '2026Q3');
    expect(keptCard).toMatchObject({ status: 'published', score: 63.3, formula: { version: 1 } });
    expect(keptCard.evidence.tasks.filter((t) => t.onTime)).toHaveLength(1);

    // the year is not published: a preview with version 2 (reports 100 and figure 100 for A; 0 and 0 for B)
    const year = await list(secretariat, 'period=2026&kind=commune');
    expect(year).toMatchObject({ status: 'preview', formula: { version: 2 } });
    // equal scores share a rank, in name order
    expect(year.items.map((r) => [r.unit.name, r.score, r.rank])).toEqual([
      ['Xã An', 100, 1],
      ['Phường Cầu', 0, 2],
      ['Xã Bình', 0, 2],
    ]);
  });

  it('wrote an audit event with each change, and the database refuses to alter a version or a snapshot', async () => {
    const events = rowsOf<{ action: string; resource_id: string }>(
      await ctx.db.execute(sql`select action, resource_id from audit_events
        where action like 'scorecard.%' order by occurred_at, id`),
    );
    expect(events).toEqual([
      { action: 'scorecard.publish', resource_id: 'period:2026Q3' },
      { action: 'scorecard.formula_create', resource_id: 'formula:2' },
    ]);
    await expect(
      ctx.db.execute(sql`update scorecard_formulas set note = 'sửa' where version = 1`),
    ).rejects.toThrow();
    await expect(ctx.db.execute(sql`delete from scorecard_snapshots`)).rejects.toThrow();
  });
});

describe('a second province', () => {
  it('ranks its communes among themselves, never among this province’s', async () => {
    const other = await buildOrgUnit(ctx.db, { kind: 'province', name: 'Tỉnh khác' });
    const far = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: other.id, name: 'Xã Xa' });
    const admin = ctx.inject;
    const here = await list(admin, `period=2026Q3&kind=commune&provinceId=${ctx.rootOrgUnitId}`);
    // a reader who sees both provinces and names none: the first by code (ROOT-… before T…)
    expect(await list(admin, 'period=2026Q3&kind=commune')).toEqual(here);
    expect(here.items.map((r) => [r.unit.name, r.rank, r.peers])).toEqual([
      ['Xã An', 1, 3],
      ['Xã Bình', 2, 3],
      ['Phường Cầu', 3, 3],
    ]);
    // (2026Q3 is published above, before Xã Xa existed: its snapshot stays as it was)
    const there = await list(admin, `period=2026&kind=commune&provinceId=${other.id}`);
    expect(there.items.map((r) => r.unit.name)).toEqual(['Xã Xa']);
    const hereYear = await list(admin, `period=2026&kind=commune&provinceId=${ctx.rootOrgUnitId}`);
    expect(hereYear.items.map((r) => r.unit.name).sort()).toEqual(['Phường Cầu', 'Xã An', 'Xã Bình']);
    // a unit's card counts the peers of its own province
    expect((await card(admin, far.id, '2026')).rank).toBe(there.items[0]!.rank);
    expect((await card(admin, unitA.id, '2026')).peers).toBe(hereYear.items[0]!.peers);
    // an officer of this province is shown this province's list without asking
    const own = await list(officerA, 'period=2026Q3&kind=commune');
    expect(own.items.map((r) => r.unit.name)).toEqual(['Xã An']);
    expect(own.items[0]).toMatchObject({ rank: 1, peers: 3 });
    // a province id that is no province
    const wrong = await admin({
      method: 'GET',
      url: `/api/scorecards?period=2026Q3&kind=commune&provinceId=${unitA.id}`,
    });
    expect(wrong.statusCode).toBe(404);
  });
});
