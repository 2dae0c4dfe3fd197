/**
 * Closing a round: who may, what it stops (changing and sending unsent reports, sending reports
 * back), what it lets finish (reviews of sent reports), how completeness counts it, the audit event;
 * reopening it again (with a reason).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TInbox } from '../../../common/contracts/inbox';
import type { TReport } from '../../../common/contracts/reports';
import type { TReportHistory, TRound, TRoundReport } from '../../../common/contracts/rounds';
import type { TProblem } from '../../../common/problem';
import { rowsOf } from '../../db/sql';
import { createTestContext, type TestContext } from '../../test/context';
import { buildItem, buildOrgUnit, buildPlan } from '../../test/factories';
import { type Injector, signInAs } from '../../test/sessions';
import { signal } from '../../test/signal';
import { runDueJobs } from '../jobs/worker';
import { queueReminders } from '../reports/reminders';
import { openDueRounds } from './schedules';

let ctx: TestContext;
let unitA: { id: string };
let unitB: { id: string };
let unitC: { id: string };
let officerA: Injector;
let officerB: { user: { id: string }; inject: Injector };
let headC: Injector;
let secretariat: Injector;
let round: TRound;
/** A: submitted before the close; B: still a draft; C: submitted and approved by its head */
const reports: Record<'A' | 'B' | 'C', TReport> = {} as never;

beforeAll(async () => {
  ctx = await createTestContext();
  unitA = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId });
  unitB = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId });
  unitC = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId });
  const planId = (await buildPlan(ctx.db)).id;
  await buildItem(ctx.db, { planId, code: '1.1', leadOrgUnitId: unitA.id });
  await buildItem(ctx.db, { planId, code: '1.2', leadOrgUnitId: unitB.id });
  await buildItem(ctx.db, { planId, code: '1.3', leadOrgUnitId: unitC.id });
  officerA = (await signInAs(ctx.app, ctx.db, 'officer', unitA.id)).inject;
  officerB = await signInAs(ctx.app, ctx.db, 'officer', unitB.id);
  const officerC = (await signInAs(ctx.app, ctx.db, 'officer', unitC.id)).inject;
  headC = (await signInAs(ctx.app, ctx.db, 'head', unitC.id)).inject;
  secretariat = (await signInAs(ctx.app, ctx.db, 'secretariat', ctx.rootOrgUnitId)).inject;

  // an ad-hoc round due after "today" (27/11/2026): unsent reports are still pending before the close
  const opened = await secretariat({
    method: 'POST',
    url: '/api/rounds',
    payload: { planId, period: '2026M11', kind: 'ad_hoc', dueDate: '2026-12-10' },
  });
  expect(opened.statusCode, opened.body).toBe(201);
  round = opened.json<TRound>();
  const list = await secretariat({ method: 'GET', url: `/api/rounds/${round.id}/reports` });
  const idOf = (unitId: string) =>
    list.json<{ items: TRoundReport[] }>().items.find((r) => r.orgUnit.id === unitId)!.reportId;
  const get = async (inject: Injector, id: string) =>
    (await inject({ method: 'GET', url: `/api/reports/${id}` })).json<TReport>();
  const step = async (inject: Injector, report: TReport, action: string) => {
    const res = await inject({
      method: 'POST',
      url: `/api/reports/${report.id}/${action}`,
      payload: { version: report.version },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<TReport>();
  };
  reports.A = await step(officerA, await get(officerA, idOf(unitA.id)), 'submit');
  reports.B = await get(officerB.inject, idOf(unitB.id));
  reports.C = await step(
    headC,
    await step(officerC, await get(officerC, idOf(unitC.id)), 'submit'),
    'approve',
  );
});

afterAll(async () => {
  await ctx?.close();
});

const close = (inject: Injector, version: number, reason?: string) =>
  inject({
    method: 'POST',
    url: `/api/rounds/${round.id}/close`,
    payload: { version, ...(reason ? { reason } : {}) },
  });

describe('closing a round', () => {
  it('is offered to the secretariat only, and refused to an officer (403)', async () => {
    expect(round.actions).toEqual(['close']);
    const seen = await officerA({ method: 'GET', url: `/api/rounds/${round.id}` });
    expect(seen.json<TRound>().actions).toEqual([]);
    const refused = await close(officerA, round.version);
    expect(refused.statusCode).toBe(403);
    expect(refused.json<TProblem>().code).toBe('forbidden');
  });

  it('refuses a close based on a stale version (409 version_conflict)', async () => {
    const stale = await close(secretariat, round.version + 5);
    expect(stale.statusCode).toBe(409);
    expect(stale.json<TProblem>()).toMatchObject({
      code: 'version_conflict',
      current: { version: round.version },
    });
  });

  it('closes for the secretariat (200), counting what was not sent as missing', async () => {
    round = (await secretariat({ method: 'GET', url: `/api/rounds/${round.id}` })).json<TRound>();
    expect(round.completeness).toMatchObject({ expected: 3, submitted: 2, missing: 0 });
    const res = await close(secretariat, round.version, 'Hết thời gian tổng hợp');
    expect(res.statusCode, res.body).toBe(200);
    const closed = res.json<TRound>();
    expect(closed).toMatchObject({ status: 'closed', version: round.version + 1, actions: ['reopen'] });
    expect(closed.completeness).toMatchObject({ expected: 3, submitted: 2, missing: 1, onTime: 2 });
    const rows = (
      await secretariat({ method: 'GET', url: `/api/rounds/${round.id}/reports?timeliness=missing` })
    ).json<{ items: TRoundReport[] }>().items;
    expect(rows.map((r) => r.orgUnit.id)).toEqual([unitB.id]);
    round = closed;
  });

  it('writes the close to the audit log, in the same transaction', async () => {
    const audit = await ctx.inject({ method: 'GET', url: `/api/audit-events?resourceId=${round.id}` });
    const events = audit.json<{ items: { action: string; after: Record<string, unknown> }[] }>().items;
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['round.open', 'round.close']));
    expect(events.find((e) => e.action === 'round.close')!.after).toMatchObject({
      status: 'closed',
      reason: 'Hết thời gian tổng hợp',
      reports: 3,
      unsent: 1,
    });
  });

  it('answers 409 round_closed to a second close, and changes nothing', async () => {
    const again = await close(secretariat, round.version);
    expect(again.statusCode).toBe(409);
    const problem = again.json<TProblem>();
    expect(problem.code).toBe('round_closed');
    expect(problem.detail).toContain('Đợt báo cáo đã đóng');
    const [events] = rowsOf<{ n: number }>(
      await ctx.db.execute(sql`select count(*)::int as n from audit_events
        where action = 'round.close' and resource_id = ${round.id}`),
    );
    expect(events!.n).toBe(1);
  });

  it('refuses to save or submit an unsent report (409 round_closed, in Vietnamese)', async () => {
    const report = (
      await officerB.inject({ method: 'GET', url: `/api/reports/${reports.B.id}` })
    ).json<TReport>();
    expect(report.round.status).toBe('closed');
    expect(report.actions).toEqual([]);
    expect(report.timeliness).toBe('missing');
    const submit = await officerB.inject({
      method: 'POST',
      url: `/api/reports/${reports.B.id}/submit`,
      payload: { version: report.version },
    });
    expect(submit.statusCode).toBe(409);
    expect(submit.json<TProblem>()).toMatchObject({ code: 'round_closed' });
    expect(submit.json<TProblem>().detail).toContain('không gửi được nữa');
    const save = await officerB.inject({
      method: 'PATCH',
      url: `/api/reports/${reports.B.id}`,
      payload: { version: report.version, general: { summary: 'Nộp muộn sau khi đóng đợt' } },
    });
    expect(save.statusCode).toBe(409);
    expect(save.json<TProblem>().code).toBe('round_closed');
    const after = (
      await officerB.inject({ method: 'GET', url: `/api/reports/${reports.B.id}` })
    ).json<TReport>();
    expect(after).toMatchObject({ status: 'draft', version: report.version, firstSubmittedAt: null });
  });

  it('lets the reviews of sent reports finish, but not send them back', async () => {
    const a = (await headC({ method: 'GET', url: `/api/reports/${reports.C.id}` })).json<TReport>();
    expect(a.actions).toEqual([]);
    const review = (
      await secretariat({ method: 'GET', url: `/api/reports/${reports.C.id}` })
    ).json<TReport>();
    expect(review.actions).toEqual(['accept']);
    const sendBack = await secretariat({
      method: 'POST',
      url: `/api/reports/${reports.C.id}/return`,
      payload: { version: review.version, reason: 'Bổ sung' },
    });
    expect(sendBack.statusCode).toBe(409);
    expect(sendBack.json<TProblem>().code).toBe('round_closed');
    const accepted = await secretariat({
      method: 'POST',
      url: `/api/reports/${reports.C.id}/accept`,
      payload: { version: review.version },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json<TReport>().actions).toEqual([]);
  });

  it('keeps sent reports in the reviewers’ inbox and drops unsent ones from the units’', async () => {
    const inbox = async (inject: Injector) =>
      (await inject({ method: 'GET', url: '/api/inbox' })).json<TInbox>();
    const ids = (items: { reportId: string }[]) => items.map((i) => i.reportId);
    expect(ids((await inbox(officerB.inject)).toFill)).not.toContain(reports.B.id);
    const head = await signInAs(ctx.app, ctx.db, 'head', unitA.id);
    expect(ids((await inbox(head.inject)).toApprove)).toEqual([reports.A.id]);
  });

  it('sends no more reminders for its unsent reports', async () => {
    await queueReminders(ctx.db, '2026-12-10');
    await runDueJobs(ctx.db);
    const [sent] = rowsOf<{ n: number }>(
      await ctx.db.execute(
        sql`select count(*)::int as n from notifications where user_id = ${officerB.user.id}`,
      ),
    );
    expect(sent!.n).toBe(0);
  });

  // PGlite runs one transaction at a time; two at once need a PostgreSQL server.
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'waits for a submission in flight, which then counts as sent',
    async () => {
      const planId = (await buildPlan(ctx.db)).id;
      const [other] = rowsOf<{ id: string }>(
        await ctx.db.execute(sql`insert into rounds (plan_id, period, kind, title, cutoff_end, due_date, grace_days)
          values (${planId}, '2026M11', 'ad_hoc', 'Đợt thử đồng thời', '2026-11-14', '2026-12-10', 3) returning id`),
      );
      const [report] = rowsOf<{ id: string }>(
        await ctx.db.execute(sql`insert into reports (round_id, org_unit_id, due_date)
          values (${other!.id}, ${unitA.id}, '2026-12-10') returning id`),
      );
      const { done: held, fire: release } = signal();
      const { done: lockTaken, fire: locked } = signal();
      // a submission that has locked its report and not committed yet
      const submission = ctx.db.transaction(async (tx) => {
        await tx.execute(sql`select id from reports where id = ${report!.id} for update`);
        locked();
        await held;
        await tx.execute(sql`update reports set status = 'submitted', first_submitted_at = now(),
          version = version + 1 where id = ${report!.id}`);
      });
      await lockTaken;
      let closedAt = 0;
      const closing = secretariat({
        method: 'POST',
        url: `/api/rounds/${other!.id}/close`,
        payload: { version: 1 },
      }).then((res) => {
        closedAt = Date.now();
        return res;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(closedAt, 'the close waits for the report lock').toBe(0);
      release();
      await submission;
      const res = await closing;
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<TRound>().completeness).toMatchObject({ expected: 1, submitted: 1, missing: 0 });
      const [event] = rowsOf<{ after: { unsent: number } }>(
        await ctx.db.execute(sql`select after from audit_events
          where action = 'round.close' and resource_id = ${other!.id}`),
      );
      expect(event!.after.unsent).toBe(0);
    },
  );
});

const reopen = (inject: Injector, version: number, reason?: string) =>
  inject({
    method: 'POST',
    url: `/api/rounds/${round.id}/reopen`,
    payload: { version, ...(reason !== undefined ? { reason } : {}) },
  });

// after "closing a round": the same round, closed, with B's report unsent
describe('reopening a closed round', () => {
  it('is offered to the secretariat only, and refused to an officer (403)', async () => {
    const seen = (await secretariat({ method: 'GET', url: `/api/rounds/${round.id}` })).json<TRound>();
    expect(seen).toMatchObject({ status: 'closed', actions: ['reopen'] });
    round = seen;
    expect(
      (await officerA({ method: 'GET', url: `/api/rounds/${round.id}` })).json<TRound>().actions,
    ).toEqual([]);
    expect((await reopen(officerA, round.version, 'Mở lại')).statusCode).toBe(403);
  });

  it('needs a reason (400) and the version shown (409)', async () => {
    const bare = await reopen(secretariat, round.version);
    expect(bare.statusCode).toBe(400);
    expect(bare.json<TProblem>().errors?.map((e) => e.field)).toEqual(['reason']);
    expect((await reopen(secretariat, round.version, '   ')).statusCode).toBe(400);
    const stale = await reopen(secretariat, round.version - 1, 'Đóng nhầm');
    expect(stale.statusCode).toBe(409);
    expect(stale.json<TProblem>().code).toBe('version_conflict');
  });

  it('opens it again: the unsent report can be saved and sent, and counts by its due date', async () => {
    const res = await reopen(secretariat, round.version, 'Đóng nhầm trước hạn');
    expect(res.statusCode, res.body).toBe(200);
    const opened = res.json<TRound>();
    expect(opened).toMatchObject({ status: 'open', version: round.version + 1, actions: ['close'] });
    // due 10/12/2026, "today" 27/11/2026: B is pending again, not missing
    expect(opened.completeness).toMatchObject({ missing: 0 });
    round = opened;

    const report = (
      await officerB.inject({ method: 'GET', url: `/api/reports/${reports.B.id}` })
    ).json<TReport>();
    expect(report.actions).toEqual(['save', 'submit']);
    expect(report.timeliness).toBe('pending');
    const submit = await officerB.inject({
      method: 'POST',
      url: `/api/reports/${reports.B.id}/submit`,
      payload: { version: report.version },
    });
    expect(submit.statusCode, submit.body).toBe(200);
    expect(submit.json<TReport>().timeliness).toBe('on_time');
  });

  it('writes the reopening and its reason to the audit log; a second reopen is 409 round_open', async () => {
    const [event] = rowsOf<{ before: unknown; after: unknown; n: number }>(
      await ctx.db.execute(sql`select before, after, count(*) over ()::int as n from audit_events
        where action = 'round.reopen' and resource_id = ${round.id}`),
    );
    expect(event).toMatchObject({
      n: 1,
      before: { status: 'closed' },
      after: { status: 'open', reason: 'Đóng nhầm trước hạn' },
    });
    const again = await reopen(secretariat, round.version, 'Lần nữa');
    expect(again.statusCode).toBe(409);
    expect(again.json<TProblem>()).toMatchObject({ code: 'round_open' });
    expect(again.json<TProblem>().detail).toContain('đang mở');
  });
});

describe('a unit’s reporting record across rounds', () => {
  it('lists its reports newest round first, with timeliness, and counts them', async () => {
    // an earlier round, closed, in which C never sent its report
    const planId = (await buildPlan(ctx.db)).id;
    const [earlier] = rowsOf<{ id: string }>(
      await ctx.db.execute(sql`insert into rounds (plan_id, period, kind, title, cutoff_end, due_date, grace_days, status)
        values (${planId}, '2026M09', 'ad_hoc', 'Đợt tháng 9', '2026-09-14', '2026-09-21', 3, 'closed') returning id`),
    );
    await ctx.db.execute(sql`insert into reports (round_id, org_unit_id, due_date)
      values (${earlier!.id}, ${unitC.id}, '2026-09-21')`);

    const res = await secretariat({ method: 'GET', url: `/api/report-history?orgUnitId=${unitC.id}` });
    expect(res.statusCode, res.body).toBe(200);
    const history = res.json<TReportHistory>();
    expect(history.orgUnit.id).toBe(unitC.id);
    expect(history.items.map((i) => [i.round.id, i.status, i.timeliness])).toEqual([
      [round.id, 'accepted', 'on_time'],
      [earlier!.id, 'draft', 'missing'],
    ]);
    expect(history.items[0]).toMatchObject({ reportId: reports.C.id, dueDate: '2026-12-10', daysLate: null });
    expect(history.items[1]).toMatchObject({ round: { status: 'closed', period: '2026M09' }, daysLate: 67 });
    expect(history.summary).toMatchObject({ expected: 2, submitted: 1, accepted: 1, onTime: 1, missing: 1 });
  });

  it('is the unit’s own: hidden from another unit’s officer (404), 404 for an unknown unit', async () => {
    const own = await officerB.inject({ method: 'GET', url: `/api/report-history?orgUnitId=${unitB.id}` });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json<TReportHistory>().items.map((i) => i.reportId)).toEqual([reports.B.id]);
    const other = await officerA({ method: 'GET', url: `/api/report-history?orgUnitId=${unitC.id}` });
    expect(other.statusCode).toBe(404);
    const unknown = await secretariat({
      method: 'GET',
      url: '/api/report-history?orgUnitId=00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('a round stays within its plan’s years', () => {
  it('refuses a period outside the plan (2099M01, 2024M12) and a due date past the year after its last (400, naming the field)', async () => {
    const plan = await buildPlan(ctx.db, { horizonStartYear: 2025, horizonEndYear: 2030 });
    const open = (payload: Record<string, unknown>) =>
      secretariat({ method: 'POST', url: '/api/rounds', payload: { planId: plan.id, ...payload } });
    for (const period of ['2099M01', '2024M12', '2031Q1', '2031']) {
      const res = await open({ period });
      expect(res.statusCode, `${period} ${res.body}`).toBe(400);
      const problem = res.json<TProblem>();
      expect(problem.errors?.[0]).toMatchObject({ field: 'period', code: 'outside_plan' });
      expect(problem.errors?.[0]?.message).toContain('2025–2030');
    }
    for (const dueDate of ['9999-12-31', '2032-01-01', '2024-12-31']) {
      const res = await open({ period: '2026M06', kind: 'ad_hoc', dueDate });
      expect(res.statusCode, `${dueDate} ${res.body}`).toBe(400);
      expect(res.json<TProblem>().errors?.[0]).toMatchObject({ field: 'dueDate', code: 'outside_plan' });
      expect(res.json<TProblem>().errors?.[0]?.message).toContain('31/12/2031');
    }
    // nothing half-opened
    const [{ n }] = rowsOf<{ n: number }>(
      await ctx.db.execute(sql`select count(*)::int as n from rounds where plan_id = ${plan.id}`),
    ) as [{ n: number }];
    expect(n).toBe(0);
    // the edges are in: the last year's annual round, due early the next year; the last allowed day
    expect((await open({ period: '2030' })).statusCode).toBe(201);
    expect((await open({ period: '2025M01', kind: 'ad_hoc', dueDate: '2031-12-31' })).statusCode).toBe(201);
  });

  it('lets a schedule open nothing once the plan’s years are over', async () => {
    const plan = await buildPlan(ctx.db, { horizonStartYear: 2025, horizonEndYear: 2026 });
    const saved = await secretariat({
      method: 'PUT',
      url: '/api/round-schedules',
      payload: { planId: plan.id, periodType: 'month', dueWorkingDays: 5, graceDays: 3, active: true },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    // in March 2027 the latest closed month is 2027M01 or 2027M02: after the plan, so no round
    expect(await openDueRounds(ctx.db, '2027-03-20')).toEqual([]);
    const [{ n }] = rowsOf<{ n: number }>(
      await ctx.db.execute(sql`select count(*)::int as n from rounds where plan_id = ${plan.id}`),
    ) as [{ n: number }];
    expect(n).toBe(0);
  });
});
