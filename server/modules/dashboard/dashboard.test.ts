/**
 * The operations dashboard's panels against a real database: the ladder (401 → 400 → 404 → 200),
 * what an officer of one unit sees against a leader of the province, 304 while nothing changed, and
 * figures that move as soon as a report is accepted or a value is written.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  TCurrentRound,
  TIndicatorAttainment,
  TRoundThemes,
  TTaskList,
  TTaskStatusByGroup,
} from '../../../common/contracts/dashboard';
import type { TReport } from '../../../common/contracts/reports';
import type { TRound, TRoundReport } from '../../../common/contracts/rounds';
import type { TProblem } from '../../../common/problem';
import { createTestContext, type TestContext } from '../../test/context';
import { buildIndicator, buildItem, buildOrgUnit, buildPlan } from '../../test/factories';
import { type Injector, signInAs } from '../../test/sessions';
import { getPerformance } from '../analytics/performance';
import { themesOf } from './themes';

let ctx: TestContext;
let planId: string;
let department: { id: string; code: string };
let commune: { id: string; code: string };
let leader: Injector;
let secretariat: Injector;
let officerD: Injector;
let officerC: Injector;
let headC: Injector;
let indicatorCode: string;
const tasks: Record<string, string> = {};
let round: TRound;

beforeAll(async () => {
  ctx = await createTestContext();
  department = await buildOrgUnit(ctx.db, { kind: 'department', parentId: ctx.rootOrgUnitId });
  commune = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId });
  planId = (await buildPlan(ctx.db)).id;
  const g1 = await buildItem(ctx.db, { planId, code: '1', kind: 'group', title: 'Thể chế' });
  const g2 = await buildItem(ctx.db, { planId, code: '2', kind: 'group', title: 'Hạ tầng số' });
  // "today" is 27/11/2026 (server/test/context.ts)
  const item = (code: string, parentId: string, leadOrgUnitId: string, extra: object) =>
    buildItem(ctx.db, { planId, code, parentId, leadOrgUnitId, ...extra });
  tasks.overdue = (await item('1.1', g1.id, department.id, { deadline: '2026-10-01', progress: 10 })).id;
  tasks.atRisk = (
    await item('1.2', g1.id, commune.id, { startDate: '2026-01-01', deadline: '2026-12-10', progress: 20 })
  ).id;
  tasks.done = (
    await item('2.1', g2.id, department.id, {
      deadline: '2026-06-30',
      progress: 100,
      completedOn: '2026-06-20',
    })
  ).id;
  tasks.later = (await item('2.2', g2.id, commune.id, { deadline: '2027-12-31' })).id;
  // the commune's indicator: a monthly count with a target for 2026
  indicatorCode = (
    await buildIndicator(ctx.db, {
      reportedBy: ['commune'],
      targets: { '2026': 120 },
      baselineYear: 2025,
      baselineValue: '0',
    })
  ).code;

  leader = (await signInAs(ctx.app, ctx.db, 'steering', ctx.rootOrgUnitId)).inject;
  secretariat = (await signInAs(ctx.app, ctx.db, 'secretariat', ctx.rootOrgUnitId)).inject;
  officerD = (await signInAs(ctx.app, ctx.db, 'officer', department.id)).inject;
  officerC = (await signInAs(ctx.app, ctx.db, 'officer', commune.id)).inject;
  headC = (await signInAs(ctx.app, ctx.db, 'head', commune.id)).inject;

  const opened = await secretariat({
    method: 'POST',
    url: '/api/rounds',
    payload: { planId, period: '2026M11', kind: 'ad_hoc', dueDate: '2026-12-10' },
  });
  expect(opened.statusCode, opened.body).toBe(201);
  round = opened.json<TRound>();
});

afterAll(async () => {
  await ctx?.close();
});

const get = <T>(inject: Injector, path: string, headers: Record<string, string> = {}) =>
  inject({ method: 'GET', url: `/api/dashboard/${path}`, headers }).then((res) => {
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  });

const reportOf = async (unitId: string) => {
  const list = await secretariat({ method: 'GET', url: `/api/rounds/${round.id}/reports` });
  return list.json<{ items: TRoundReport[] }>().items.find((r) => r.orgUnit.id === unitId)!.reportId;
};

async function step(inject: Injector, report: TReport, action: string): Promise<TReport> {
  const res = await inject({
    method: 'POST',
    url: `/api/reports/${report.id}/${action}`,
    payload: { version: report.version },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TReport>();
}

describe('the ladder', () => {
  it('answers 401 before anything else to someone not signed in', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: `/api/dashboard/task-status?planId=${planId}` });
    expect(res.statusCode).toBe(401);
  });

  it('answers 400 naming the field for a missing plan or an unknown kind of unit', async () => {
    const missing = await leader({ method: 'GET', url: '/api/dashboard/task-status' });
    expect(missing.statusCode).toBe(400);
    expect(JSON.stringify(missing.json<TProblem>().errors)).toContain('planId');
    const kind = await leader({
      method: 'GET',
      url: `/api/dashboard/round?planId=${planId}&unitKind=planet`,
    });
    expect(kind.statusCode).toBe(400);
    expect(JSON.stringify(kind.json<TProblem>().errors)).toContain('unitKind');
    const list = await leader({ method: 'GET', url: `/api/dashboard/task-list?planId=${planId}&list=late` });
    expect(list.statusCode).toBe(400);
    expect(JSON.stringify(list.json<TProblem>().errors)).toContain('list');
  });

  it('answers 404 for a plan that does not exist', async () => {
    const res = await leader({
      method: 'GET',
      url: '/api/dashboard/themes?planId=00000000-0000-4000-8000-000000000000',
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('tasks', () => {
  it('counts the leader’s whole plan by status and group', async () => {
    const result = await get<TTaskStatusByGroup>(leader, `task-status?planId=${planId}`);
    expect(result.total).toBe(4);
    expect(result.counts).toMatchObject({ overdue: 1, at_risk: 1, done: 1, not_started: 1 });
    expect(result.groups.map((g) => [g.code, g.total])).toEqual([
      ['1', 2],
      ['2', 2],
    ]);
  });

  it('narrows by kind of unit (the lead unit) and by group', async () => {
    const communes = await get<TTaskStatusByGroup>(leader, `task-status?planId=${planId}&unitKind=commune`);
    expect(communes.total).toBe(2);
    expect(communes.counts).toMatchObject({ at_risk: 1, not_started: 1 });
    const first = (await get<TTaskStatusByGroup>(leader, `task-status?planId=${planId}`)).groups[0]!;
    const inside = await get<TTaskStatusByGroup>(leader, `task-status?planId=${planId}&group=${first.id}`);
    // the group's tasks sit directly under it: one row of ungrouped tasks
    expect(inside.groups).toEqual([expect.objectContaining({ id: null, total: 2 })]);
  });

  it('lists overdue, at-risk and due-soon tasks with their lead units', async () => {
    const overdue = await get<TTaskList>(leader, `task-list?planId=${planId}&list=overdue`);
    expect(overdue.items.map((t) => t.id)).toEqual([tasks.overdue]);
    expect(overdue.items[0]).toMatchObject({ daysToDeadline: -57, lead: { id: department.id } });
    const atRisk = await get<TTaskList>(leader, `task-list?planId=${planId}&list=at_risk`);
    expect(atRisk.items.map((t) => t.id)).toEqual([tasks.atRisk]);
    const soon = await get<TTaskList>(leader, `task-list?planId=${planId}&list=due_soon`);
    expect(soon).toMatchObject({ from: '2026-11-27', to: '2026-12-27', total: 1 });
    expect(soon.items.map((t) => t.id)).toEqual([tasks.atRisk]);
  });

  it('shows an officer only the tasks of his unit, in lists and counts alike', async () => {
    const counts = await get<TTaskStatusByGroup>(officerD, `task-status?planId=${planId}`);
    expect(counts.total).toBe(2);
    expect(counts.counts).toMatchObject({ overdue: 1, done: 1, at_risk: 0 });
    const atRisk = await get<TTaskList>(officerD, `task-list?planId=${planId}&list=at_risk`);
    expect(atRisk).toMatchObject({ total: 0, items: [] });
    const overdue = await get<TTaskList>(officerC, `task-list?planId=${planId}&list=overdue`);
    expect(overdue).toMatchObject({ total: 0, items: [] });
  });
});

describe('the round', () => {
  it('is the latest open round, its completeness over the reports the reader may see', async () => {
    const all = await get<TCurrentRound>(leader, `round?planId=${planId}`);
    expect(all.round).toMatchObject({ id: round.id, status: 'open', period: '2026M11' });
    expect(all.completeness).toMatchObject({ expected: 2, submitted: 0 });
    const own = await get<TCurrentRound>(officerC, `round?planId=${planId}`);
    expect(own.completeness).toMatchObject({ expected: 1 });
    const communes = await get<TCurrentRound>(leader, `round?planId=${planId}&unitKind=commune`);
    expect(communes.completeness).toMatchObject({ expected: 1 });
  });

  it('answers a plan without rounds, or a period without one, with no round', async () => {
    const none = await get<TCurrentRound>(leader, `round?planId=${planId}&period=2025Q1`);
    expect(none).toEqual({ round: null, completeness: null });
  });
});

describe('freshness', () => {
  it('answers 304 to a copy that is still current, and new figures once a report is accepted', async () => {
    const url = `/api/dashboard/task-status?planId=${planId}`;
    const first = await leader({ method: 'GET', url });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const again = await leader({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const before = first.json<TTaskStatusByGroup>();
    expect(before.counts).toMatchObject({ at_risk: 1, done: 1 });

    // the commune reports its task done, with an obstacle and a proposal; head and secretariat pass it
    const reportId = await reportOf(commune.id);
    let report = (await officerC({ method: 'GET', url: `/api/reports/${reportId}` })).json<TReport>();
    const saved = await officerC({
      method: 'PATCH',
      url: `/api/reports/${reportId}`,
      payload: {
        version: report.version,
        general: {
          summary: 'Tình hình tháng 11',
          obstacles: 'Thiếu kinh phí, cán bộ chuyên trách còn mỏng.',
          proposals: 'Đề nghị tỉnh tổ chức tập huấn.',
        },
        items: [
          {
            planItemId: tasks.atRisk,
            progress: 100,
            results: 'Đã hoàn thành.',
            obstacles: 'Hạ tầng mạng yếu',
          },
        ],
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    report = saved.json<TReport>();
    report = await step(officerC, report, 'submit');
    report = await step(headC, report, 'approve');
    await step(secretariat, report, 'accept');

    const after = await leader({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(after.json<TTaskStatusByGroup>().counts).toMatchObject({ at_risk: 0, done: 2 });
    const roundNow = await get<TCurrentRound>(leader, `round?planId=${planId}`);
    expect(roundNow.completeness).toMatchObject({ expected: 2, submitted: 1, accepted: 1 });
  });
});

describe('obstacles and proposals', () => {
  it('sorts passages into the lexicon’s themes, without diacritics, as whole words', () => {
    expect(themesOf('Thiếu KINH PHI cho hạ tầng')).toEqual(['funding', 'infrastructure']);
    expect(themesOf('Đề nghị tổ chức tập huấn')).toEqual(['training']);
    expect(themesOf('Thời tiết xấu')).toEqual(['other']);
    expect(themesOf('mạnglưới')).toEqual(['other']);
  });

  it('counts the sent reports’ themes with the units that raised them, for those who may read them', async () => {
    const themes = await get<TRoundThemes>(leader, `themes?planId=${planId}`);
    expect(themes.round?.id).toBe(round.id);
    const obstacles = Object.fromEntries(themes.obstacles.map((t) => [t.key, t]));
    expect(obstacles.funding).toMatchObject({
      mentions: 1,
      units: [expect.objectContaining({ id: commune.id })],
    });
    expect(obstacles.staff?.mentions).toBe(1);
    expect(obstacles.infrastructure?.mentions).toBe(1);
    expect(themes.proposals.map((t) => t.key)).toEqual(['training']);
    expect(themes.method).toContain('từ khoá');
    expect(themes.lexicon.find((l) => l.key === 'funding')?.words).toContain('kinh phí');
    const department_ = await get<TRoundThemes>(officerD, `themes?planId=${planId}`);
    expect(department_.obstacles).toEqual([]);
  });
});

describe('indicators', () => {
  it('judges each indicator with targets as the analytics module does, and moves when a value is written', async () => {
    const before = await get<TIndicatorAttainment>(leader, `indicators?planId=${planId}`);
    expect(before.orgUnit?.id).toBe(ctx.rootOrgUnitId);
    const tile = before.tiles.find((t) => t.code === indicatorCode)!;
    expect(tile).toMatchObject({ status: 'no_data', actual: null, target: 120 });

    const written = await secretariat({
      method: 'POST',
      url: '/api/data-values',
      payload: { values: [{ indicatorCode, orgUnitCode: commune.code, period: '2026M10', value: 100 }] },
    });
    expect(written.statusCode, written.body).toBe(200);
    const after = await get<TIndicatorAttainment>(leader, `indicators?planId=${planId}`);
    const moved = after.tiles.find((t) => t.code === indicatorCode)!;
    expect(moved.actual).toBe(100);
    // the same status as the indicator's own page
    const performance = await getPerformance(ctx.db, {
      code: indicatorCode,
      orgUnitId: ctx.rootOrgUnitId,
      year: 2026,
      today: '2026-11-27',
    });
    expect(moved.status).toBe(performance.attainment.status);
    expect(after.counts[moved.status]).toBeGreaterThanOrEqual(1);
    expect(moved.series.some((p) => p.period === '2026M10' && p.value === 100)).toBe(true);
  });

  it('shows an officer the figures of his own unit, and narrows the indicators by kind of unit', async () => {
    const own = await get<TIndicatorAttainment>(officerC, `indicators?planId=${planId}`);
    expect(own.orgUnit?.id).toBe(commune.id);
    const departments = await get<TIndicatorAttainment>(
      leader,
      `indicators?planId=${planId}&unitKind=department`,
    );
    expect(departments.tiles.find((t) => t.code === indicatorCode)).toBeUndefined();
  });
});

describe('export', () => {
  it('writes a table as XLSX with the same scope, text cells safe from formulas', async () => {
    const res = await officerD({
      method: 'GET',
      url: `/api/dashboard/export.xlsx?planId=${planId}&table=overdue`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(4).getCell(3).value).toBe('Nhiệm vụ');
    expect(sheet.getRow(5).getCell(2).value).toBe('1.1');
    expect(sheet.rowCount).toBe(5);
  });
});
