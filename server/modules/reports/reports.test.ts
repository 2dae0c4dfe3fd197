import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TInbox, TNotificationList } from '../../../common/contracts/inbox';
import type { TReport, TReportDiff } from '../../../common/contracts/reports';
import type { TRound, TRoundReport } from '../../../common/contracts/rounds';
import type { TProblem } from '../../../common/problem';
import { rowsOf } from '../../db/sql';
import { createTestContext, type TestContext } from '../../test/context';
import { buildIndicator, buildItem, buildOrgUnit, buildPlan } from '../../test/factories';
import { type Injector, signInAs } from '../../test/sessions';
import { indicatorPlanItems } from '../indicators/tables';

let ctx: TestContext;
let unitA: { id: string; code: string };
let unitB: { id: string; code: string };
let planId: string;
let taskA: { id: string };
let officerA: Injector;
let headA: Injector;
let officerB: Injector;
let secretariat: Injector;
let indicator: { id: string; code: string };

beforeAll(async () => {
  ctx = await createTestContext();
  unitA = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId });
  unitB = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId });
  planId = (await buildPlan(ctx.db)).id;
  taskA = await buildItem(ctx.db, { planId, code: '1.1', leadOrgUnitId: unitA.id, progress: 20 }, [unitB.id]);
  await buildItem(ctx.db, { planId, code: '1.2', leadOrgUnitId: unitB.id });
  await buildItem(ctx.db, { planId, code: '1.3', leadOrgUnitId: unitB.id, progress: 100 });
  indicator = await buildIndicator(ctx.db, { reportedBy: ['commune'], frequency: 'month' });
  await ctx.db.insert(indicatorPlanItems).values({ indicatorId: indicator.id, planItemId: taskA.id });
  officerA = (await signInAs(ctx.app, ctx.db, 'officer', unitA.id)).inject;
  headA = (await signInAs(ctx.app, ctx.db, 'head', unitA.id)).inject;
  officerB = (await signInAs(ctx.app, ctx.db, 'officer', unitB.id)).inject;
  secretariat = (await signInAs(ctx.app, ctx.db, 'secretariat', ctx.rootOrgUnitId)).inject;
});

afterAll(async () => {
  await ctx?.close();
});

const act = (inject: Injector, reportId: string, action: string, payload: object, key?: string) =>
  inject({
    method: 'POST',
    url: `/api/reports/${reportId}/${action}`,
    payload,
    headers: key ? { 'idempotency-key': key } : {},
  });

describe('a reporting round, end to end', () => {
  let round: TRound;
  let reportA: TReport;

  it('opens a round: one report per responsible unit, due 5 working days after the cut-off', async () => {
    const res = await secretariat({
      method: 'POST',
      url: '/api/rounds',
      payload: { planId, period: '2026M10' },
    });
    expect(res.statusCode, res.body).toBe(201);
    round = res.json<TRound>();
    // cut-off 14/10/2026 (Wednesday) + 5 working days
    expect(round).toMatchObject({ cutoffEnd: '2026-10-14', dueDate: '2026-10-21', graceDays: 3 });
    expect(round.completeness).toMatchObject({ expected: 2, submitted: 0, missing: 2 });
    const again = await secretariat({
      method: 'POST',
      url: '/api/rounds',
      payload: { planId, period: '2026M10' },
    });
    expect(again.statusCode).toBe(409);
    expect(
      (await officerA({ method: 'POST', url: '/api/rounds', payload: { planId, period: '2026M09' } }))
        .statusCode,
    ).toBe(403);
  });

  it('gives each unit its tasks (lead or co-operating, unfinished) and its indicators', async () => {
    const list = await secretariat({ method: 'GET', url: `/api/rounds/${round.id}/reports` });
    const rows = list.json<{ items: TRoundReport[] }>().items;
    expect(rows.map((r) => [r.orgUnit.id, r.itemCount]).sort()).toEqual(
      [
        [unitA.id, 1],
        [unitB.id, 2],
      ].sort(),
    );
    const mine = await officerA({ method: 'GET', url: `/api/rounds/${round.id}/reports` });
    expect(mine.json<{ items: TRoundReport[] }>().items.map((r) => r.orgUnit.id)).toEqual([unitA.id]);
    const idA = rows.find((r) => r.orgUnit.id === unitA.id)!.reportId;
    reportA = (await officerA({ method: 'GET', url: `/api/reports/${idA}` })).json<TReport>();
    expect(reportA.items.map((i) => [i.planItem.code, i.role])).toEqual([['1.1', 'lead']]);
    // nothing accepted yet: the form starts from the task's own progress, no earlier obstacles
    expect(reportA.items[0]).toMatchObject({ progress: null, carriedProgress: 20, carriedObstacles: null });
    expect(reportA.indicatorCodes).toHaveLength(1);
    expect(reportA.actions).toEqual(['save', 'submit']);
    // not sent yet: no first submission; already 37 days past its due date (21/10 → 27/11)
    expect(reportA).toMatchObject({ firstSubmittedAt: null, daysLate: 37, round: { status: 'open' } });
    const hidden = await officerB({ method: 'GET', url: `/api/reports/${idA}` });
    expect(hidden.statusCode).toBe(404);
  });

  it('autosaves from the version opened and refuses a stale one with the current version', async () => {
    const save = (version: number, results: string) =>
      officerA({
        method: 'PATCH',
        url: `/api/reports/${reportA.id}`,
        payload: {
          version,
          general: { summary: 'Tình hình chung tháng 10' },
          items: [{ planItemId: taskA.id, progress: 60, results }],
        },
      });
    const saved = await save(reportA.version, 'Đã triển khai tại 5 thôn');
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<TReport>().items[0]).toMatchObject({
      progress: 60,
      results: 'Đã triển khai tại 5 thôn',
    });
    const stale = await save(reportA.version, 'ghi đè');
    expect(stale.statusCode).toBe(409);
    expect(stale.json<TProblem>().current).toEqual({ version: reportA.version + 1 });
    reportA = saved.json<TReport>();
  });

  /** The state of unit A's value of the report's indicator for the round's period. */
  const valueState = async () =>
    rowsOf<{ state: string }>(
      await ctx.db.execute(sql`select state from data_values where indicator_id = ${indicator.id}
        and org_unit_id = ${unitA.id} and period = ${round.period}`),
    )[0]?.state;

  it('submits once however often the same Idempotency-Key is sent', async () => {
    const entered = await officerA({
      method: 'POST',
      url: '/api/data-values',
      payload: {
        values: [{ indicatorCode: indicator.code, orgUnitCode: unitA.code, period: round.period, value: 7 }],
      },
    });
    expect(entered.statusCode, entered.body).toBe(200);
    expect(await valueState()).toBe('draft');
    const first = await act(officerA, reportA.id, 'submit', { version: reportA.version }, 'nop-bao-cao-1');
    expect(first.statusCode, first.body).toBe(200);
    const again = await act(officerA, reportA.id, 'submit', { version: reportA.version }, 'nop-bao-cao-1');
    expect(again.statusCode).toBe(200);
    expect(again.json<TReport>()).toEqual(first.json<TReport>());
    const [snapshots] = rowsOf<{ n: number }>(
      await ctx.db.execute(
        sql`select count(*)::int as n from report_snapshots where report_id = ${reportA.id}`,
      ),
    );
    expect(snapshots!.n).toBe(1);
    reportA = first.json<TReport>();
    expect(reportA.status).toBe('submitted');
    expect(await valueState()).toBe('submitted'); // the values the report carries follow it
    expect(reportA.timeliness).toBe('late');
    const [stored] = rowsOf<{ first_submitted_at: string }>(
      await ctx.db.execute(
        sql`select first_submitted_at::text as first_submitted_at from reports where id = ${reportA.id}`,
      ),
    );
    expect(reportA.firstSubmittedAt).toBe(new Date(stored!.first_submitted_at).toISOString());
  });

  it('gives the report page the same lateness as the round’s table', async () => {
    const rows = (await secretariat({ method: 'GET', url: `/api/rounds/${round.id}/reports` })).json<{
      items: TRoundReport[];
    }>().items;
    const row = rows.find((r) => r.reportId === reportA.id)!;
    expect(reportA.daysLate).not.toBeNull();
    expect(reportA).toMatchObject({
      daysLate: row.daysLate,
      firstSubmittedAt: row.firstSubmittedAt,
      timeliness: row.timeliness,
    });
    const draftB = rows.find((r) => r.orgUnit.id === unitB.id)!;
    const reportB = (
      await officerB({ method: 'GET', url: `/api/reports/${draftB.reportId}` })
    ).json<TReport>();
    expect(reportB).toMatchObject({ daysLate: draftB.daysLate, firstSubmittedAt: null });
  });

  it('refuses to change a sent report with 409 report_not_editable, saying why', async () => {
    const res = await officerA({
      method: 'PATCH',
      url: `/api/reports/${reportA.id}`,
      payload: { version: reportA.version, general: { summary: 'sửa sau khi gửi' } },
    });
    expect(res.statusCode).toBe(409);
    const problem = res.json<TProblem>();
    expect(problem).toMatchObject({ code: 'report_not_editable', current: { status: 'submitted' } });
    expect(problem.detail).toBe(
      'Không sửa được báo cáo: báo cáo đã gửi, đang chờ lãnh đạo đơn vị duyệt. Người duyệt có thể trả lại để đơn vị bổ sung.',
    );
  });

  it('puts each report in the inbox of whoever must act on it next', async () => {
    const inbox = async (inject: Injector) =>
      (await inject({ method: 'GET', url: '/api/inbox' })).json<TInbox>();
    const ids = (items: { reportId: string }[]) => items.map((i) => i.reportId);
    expect(ids((await inbox(headA)).toApprove)).toEqual([reportA.id]);
    expect(ids((await inbox(officerA)).toFill)).not.toContain(reportA.id);
    const b = await inbox(officerB);
    expect(b.toFill).toHaveLength(1);
    expect(b.toFill[0]).toMatchObject({ orgUnit: { id: unitB.id }, timeliness: 'missing', daysLate: 37 });
    expect(ids((await inbox(secretariat)).toReview)).toEqual([]);
  });

  it('the head approves; the officer may not; the secretariat returns with a reason and a field comment', async () => {
    expect((await act(officerA, reportA.id, 'approve', { version: reportA.version })).statusCode).toBe(403);
    const approved = await act(headA, reportA.id, 'approve', { version: reportA.version });
    expect(approved.statusCode, approved.body).toBe(200);
    reportA = approved.json<TReport>();
    expect(await valueState()).toBe('approved');
    const noReason = await act(secretariat, reportA.id, 'return', { version: reportA.version });
    expect(noReason.statusCode).toBe(400);
    const returned = await act(secretariat, reportA.id, 'return', {
      version: reportA.version,
      reason: 'Bổ sung số liệu cụ thể',
      comments: [{ field: `items.${taskA.id}.results`, body: 'Nêu rõ tên 5 thôn' }],
    });
    expect(returned.statusCode, returned.body).toBe(200);
    reportA = returned.json<TReport>();
    expect(await valueState()).toBe('draft');
    expect(reportA).toMatchObject({
      status: 'returned',
      returnReason: 'Bổ sung số liệu cụ thể',
      returnedStage: 'secretariat',
    });
    expect(reportA.comments[0]).toMatchObject({
      field: `items.${taskA.id}.results`,
      body: 'Nêu rõ tên 5 thôn',
    });
  });

  it('tells the unit’s officers and heads that the secretariat returned it, with the reason', async () => {
    for (const inject of [officerA, headA]) {
      const mine = (await inject({ method: 'GET', url: '/api/notifications' })).json<TNotificationList>();
      expect(mine.unread).toBeGreaterThanOrEqual(1);
      expect(mine.items[0]).toMatchObject({
        kind: 'report.returned',
        link: `/bao-cao/${reportA.id}`,
        read: false,
      });
      expect(mine.items[0]!.body).toContain('Lý do: Bổ sung số liệu cụ thể.');
    }
    // the secretariat, who returned it, and another unit hear nothing of it
    const others = (await officerB({ method: 'GET', url: '/api/notifications' })).json<TNotificationList>();
    expect(others.items.filter((n) => n.link === `/bao-cao/${reportA.id}`)).toEqual([]);
    const own = (await secretariat({ method: 'GET', url: '/api/notifications' })).json<TNotificationList>();
    expect(own.items).toEqual([]);
  });

  it('the correction shows its difference, goes to the head to sign again, and is accepted and locked', async () => {
    const saved = await officerA({
      method: 'PATCH',
      url: `/api/reports/${reportA.id}`,
      payload: {
        version: reportA.version,
        items: [{ planItemId: taskA.id, results: 'Đã triển khai tại 5 thôn: A, B, C, D, E' }],
      },
    });
    reportA = saved.json<TReport>();
    const diff = (
      await secretariat({ method: 'GET', url: `/api/reports/${reportA.id}/diff` })
    ).json<TReportDiff>();
    expect(diff.changes).toEqual([
      expect.objectContaining({
        field: `items.${taskA.id}.results`,
        before: 'Đã triển khai tại 5 thôn',
        after: 'Đã triển khai tại 5 thôn: A, B, C, D, E',
      }),
    ]);
    const resubmitted = await act(officerA, reportA.id, 'submit', { version: reportA.version });
    reportA = resubmitted.json<TReport>();
    // the head signs the corrected report before the secretariat can take it
    expect(reportA.status).toBe('submitted');
    const inbox = async (inject: Injector) =>
      (await inject({ method: 'GET', url: '/api/inbox' })).json<TInbox>();
    expect((await inbox(headA)).toApprove.map((i) => i.reportId)).toEqual([reportA.id]);
    expect((await inbox(secretariat)).toReview).toEqual([]);
    const early = await act(secretariat, reportA.id, 'accept', { version: reportA.version });
    expect(early.json<TProblem>().code).toBe('invalid_transition');
    const signed = await act(headA, reportA.id, 'approve', { version: reportA.version });
    expect(signed.statusCode, signed.body).toBe(200);
    reportA = signed.json<TReport>();
    expect(reportA.status).toBe('approved');
    const accepted = await act(secretariat, reportA.id, 'accept', { version: reportA.version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    reportA = accepted.json<TReport>();
    expect(reportA.status).toBe('accepted');
    // the task's progress follows the accepted report
    const task = await secretariat({ method: 'GET', url: `/api/items/${taskA.id}` });
    expect(task.json<{ progress: number }>().progress).toBe(60);
    const locked = await officerA({
      method: 'PATCH',
      url: `/api/reports/${reportA.id}`,
      payload: { version: reportA.version, general: { summary: 'sửa sau khi khóa' } },
    });
    expect(locked.statusCode).toBe(409);
    expect(locked.json<TProblem>().code).toBe('report_not_editable');
    expect(locked.json<TProblem>().detail).toContain('đã được tiếp nhận và khóa');
  });

  it('reopening needs a reason and is audited', async () => {
    expect((await act(secretariat, reportA.id, 'reopen', { version: reportA.version })).statusCode).toBe(400);
    const reopened = await act(secretariat, reportA.id, 'reopen', {
      version: reportA.version,
      reason: 'Sai số liệu',
    });
    reportA = reopened.json<TReport>();
    expect(reportA.status).toBe('returned');
    const audit = await ctx.inject({ method: 'GET', url: `/api/audit-events?resourceId=${reportA.id}` });
    const actions = audit.json<{ items: { action: string }[] }>().items.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'report.submit',
        'report.approve',
        'report.return',
        'report.accept',
        'report.reopen',
      ]),
    );
  });

  it('counts completeness and timeliness for the round', async () => {
    const res = await secretariat({ method: 'GET', url: `/api/rounds/${round.id}` });
    expect(res.json<TRound>().completeness).toMatchObject({ expected: 2, returned: 1, late: 1, missing: 1 });
    const missing = await secretariat({
      method: 'GET',
      url: `/api/rounds/${round.id}/reports?timeliness=missing`,
    });
    const rows = missing.json<{ items: TRoundReport[] }>().items;
    expect(rows.map((r) => [r.orgUnit.id, r.daysLate])).toEqual([[unitB.id, 37]]);
  });

  it('exports the completeness table to Excel, with formula-looking names made harmless', async () => {
    const res = await secretariat({ method: 'GET', url: `/api/rounds/${round.id}/reports.xlsx` });
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(4).getCell(3).value).toBe('Đơn vị');
    const names = [sheet.getRow(5).getCell(3).value, sheet.getRow(6).getCell(3).value];
    expect(names).toHaveLength(2);
    expect(String(sheet.getRow(2).getCell(1).value)).toContain('phải nộp 2');
  });

  it('with the plan’s resubmit_skips_head on, a report the secretariat returned goes straight back to it', async () => {
    const plan = (await secretariat({ method: 'GET', url: `/api/plans/${planId}` })).json<{
      version: number;
      resubmitSkipsHead: boolean;
    }>();
    expect(plan.resubmitSkipsHead).toBe(false);
    const set = await secretariat({
      method: 'PATCH',
      url: `/api/plans/${planId}`,
      payload: { version: plan.version, resubmitSkipsHead: true },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json<{ resubmitSkipsHead: boolean }>().resubmitSkipsHead).toBe(true);
    // reportA was reopened by the secretariat above
    expect(reportA).toMatchObject({ status: 'returned', returnedStage: 'secretariat' });
    const saved = await officerA({
      method: 'PATCH',
      url: `/api/reports/${reportA.id}`,
      payload: { version: reportA.version, items: [{ planItemId: taskA.id, obstacles: 'Thiếu kinh phí' }] },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const resubmitted = await act(officerA, reportA.id, 'submit', { version: saved.json<TReport>().version });
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);
    reportA = resubmitted.json<TReport>();
    expect(reportA.status).toBe('approved');
    const accepted = await act(secretariat, reportA.id, 'accept', { version: reportA.version });
    expect(accepted.statusCode, accepted.body).toBe(200);
  });

  it('starts the next round from the last accepted entry: its progress, and its obstacles while unfinished', async () => {
    // the task moved on since (a correction on the plan): the unit's own accepted figure is carried
    await ctx.db.execute(sql`update plan_items set progress = 75 where id = ${taskA.id}`);
    const next = await secretariat({
      method: 'POST',
      url: '/api/rounds',
      payload: { planId, period: '2026M11' },
    });
    expect(next.statusCode, next.body).toBe(201);
    const rows = (
      await secretariat({ method: 'GET', url: `/api/rounds/${next.json<TRound>().id}/reports` })
    ).json<{ items: TRoundReport[] }>().items;
    const nextId = rows.find((r) => r.orgUnit.id === unitA.id)!.reportId;
    const read = async () =>
      (await officerA({ method: 'GET', url: `/api/reports/${nextId}` })).json<TReport>().items[0];
    // offered, not saved
    expect(await read()).toMatchObject({
      progress: null,
      obstacles: null,
      carriedProgress: 60,
      carriedObstacles: 'Thiếu kinh phí',
    });
    // a finished task's old obstacles are not offered again
    await ctx.db.execute(sql`update report_items set progress = 100 where report_id = ${reportA.id}`);
    expect(await read()).toMatchObject({ carriedProgress: 100, carriedObstacles: null });
  });
});
