import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAttachedEvidence, TReport } from '../../../common/contracts/reports';
import type { TRound, TRoundReport } from '../../../common/contracts/rounds';
import type { TTaskTrail } from '../../../common/contracts/task-trail';
import type { TProblem } from '../../../common/problem';
import { createTestContext, type TestContext } from '../../test/context';
import { buildItem, buildOrgUnit, buildPlan } from '../../test/factories';
import { type Injector, signInAs } from '../../test/sessions';

let ctx: TestContext;
let task: { id: string };
let department: { id: string };
let communeA: { id: string };
let communeB: { id: string };
let officerD: Injector;
let headD: Injector;
let officerA: Injector;
let officerB: Injector;
let officerC: Injector;
let secretariat: Injector;
let leader: Injector;
/** the department's report (it leads the task) and commune A's (it co-operates) */
let reportD: TReport;
let reportA: TReport;
let evidence: TAttachedEvidence;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const RETURN_REASON = 'Chưa có biên bản nghiệm thu kèm theo';

const trail = (inject: Injector, itemId = task.id) =>
  inject({ method: 'GET', url: `/api/items/${itemId}/trail` });

/** The report as `inject` sees it now (each step needs its current version). */
const current = async (inject: Injector, reportId: string) =>
  (await inject({ method: 'GET', url: `/api/reports/${reportId}` })).json<TReport>();

async function step(inject: Injector, reportId: string, action: string, reason?: string) {
  const { version } = await current(inject, reportId);
  const res = await inject({
    method: 'POST',
    url: `/api/reports/${reportId}/${action}`,
    payload: { version, ...(reason ? { reason } : {}) },
  });
  expect(res.statusCode, res.body).toBe(200);
}

async function fill(inject: Injector, reportId: string, entry: Record<string, unknown>) {
  const { version } = await current(inject, reportId);
  const res = await inject({
    method: 'PATCH',
    url: `/api/reports/${reportId}`,
    payload: { version, items: [{ planItemId: task.id, ...entry }] },
  });
  expect(res.statusCode, res.body).toBe(200);
}

beforeAll(async () => {
  ctx = await createTestContext();
  department = await buildOrgUnit(ctx.db, { kind: 'department', parentId: ctx.rootOrgUnitId });
  communeA = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId });
  communeB = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId });
  const communeC = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId });
  const plan = await buildPlan(ctx.db);
  task = await buildItem(
    ctx.db,
    { planId: plan.id, code: '2.1', leadOrgUnitId: department.id, progress: 10 },
    [communeA.id, communeB.id],
  );
  officerD = (await signInAs(ctx.app, ctx.db, 'officer', department.id)).inject;
  headD = (await signInAs(ctx.app, ctx.db, 'head', department.id)).inject;
  officerA = (await signInAs(ctx.app, ctx.db, 'officer', communeA.id)).inject;
  officerB = (await signInAs(ctx.app, ctx.db, 'officer', communeB.id)).inject;
  officerC = (await signInAs(ctx.app, ctx.db, 'officer', communeC.id)).inject;
  secretariat = (await signInAs(ctx.app, ctx.db, 'secretariat', ctx.rootOrgUnitId)).inject;
  leader = (await signInAs(ctx.app, ctx.db, 'steering', ctx.rootOrgUnitId)).inject;

  const round = (
    await secretariat({ method: 'POST', url: '/api/rounds', payload: { planId: plan.id, period: '2026M10' } })
  ).json<TRound>();
  const rows = (await secretariat({ method: 'GET', url: `/api/rounds/${round.id}/reports` })).json<{
    items: TRoundReport[];
  }>().items;
  const reportOf = (unitId: string) => rows.find((r) => r.orgUnit.id === unitId)!.reportId;
  reportD = await current(officerD, reportOf(department.id));
  reportA = await current(officerA, reportOf(communeA.id));

  // The department reports, is returned for a missing file, adds it, and is accepted.
  await fill(officerD, reportD.id, {
    progress: 40,
    results: 'Đã xây dựng dự thảo đề án',
    obstacles: 'Thiếu kinh phí',
    proposals: 'Bổ sung dự toán',
  });
  await step(officerD, reportD.id, 'submit');
  await step(headD, reportD.id, 'approve');
  await step(secretariat, reportD.id, 'return', RETURN_REASON);
  const attached = await officerD({
    method: 'POST',
    url: `/api/reports/${reportD.id}/evidence?fileName=${encodeURIComponent('Biên bản nghiệm thu.pdf')}&planItemId=${task.id}&version=${(await current(officerD, reportD.id)).version}`,
    headers: { 'content-type': 'application/pdf' },
    payload: PDF,
  });
  expect(attached.statusCode, attached.body).toBe(201);
  evidence = attached.json<TAttachedEvidence>();
  await step(officerD, reportD.id, 'submit');
  await step(headD, reportD.id, 'approve');
  await step(secretariat, reportD.id, 'accept');

  // Commune A co-operates and sends its part; commune B's report stays a draft with a note.
  await fill(officerA, reportA.id, { progress: 30, results: 'Đã tuyên truyền tại 5 thôn' });
  await step(officerA, reportA.id, 'submit');
  await fill(officerB, reportOf(communeB.id), { results: 'Nội dung riêng của xã B' });
});

afterAll(async () => {
  await ctx?.close();
});

describe('GET /api/items/:id/trail', () => {
  it('walks the ladder: 401 signed out, 404 a malformed, unknown or unreachable task', async () => {
    const anonymous = await ctx.app.inject({ method: 'GET', url: `/api/items/${task.id}/trail` });
    expect(anonymous.statusCode).toBe(401);
    // a malformed id names nothing that could exist: 404 like any unknown id (server/errors/handler.ts)
    const malformed = await trail(leader, 'not-a-uuid');
    expect(malformed.statusCode).toBe(404);
    expect(malformed.json<TProblem>().code).toBe('not_found');
    const unknown = await trail(leader, '00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    // commune C neither leads nor co-operates: the task and its trail do not exist for it
    const outsider = await trail(officerC);
    expect(outsider.statusCode).toBe(404);
    expect(outsider.body).not.toContain('Thiếu kinh phí');
  });

  it('shows a leader every unit’s entry: the lead first, with the return, its reason and the file', async () => {
    const res = await trail(leader);
    expect(res.statusCode, res.body).toBe(200);
    const { entries } = res.json<TTaskTrail>();
    expect(entries[0]).toMatchObject({ orgUnit: { id: department.id }, role: 'lead' });
    expect(
      entries
        .slice(1)
        .map((e) => [e.orgUnit.id, e.role])
        .sort(),
    ).toEqual(
      [
        [communeA.id, 'cooperator'],
        [communeB.id, 'cooperator'],
      ].sort(),
    );
    const lead = entries[0]!;
    expect(lead).toMatchObject({
      reportId: reportD.id,
      round: { period: '2026M10' },
      status: 'accepted',
      progress: 40,
      results: 'Đã xây dựng dự thảo đề án',
      obstacles: 'Thiếu kinh phí',
      proposals: 'Bổ sung dự toán',
    });
    expect(lead.steps.map((s) => s.action)).toEqual([
      'submit',
      'approve',
      'return',
      'submit',
      'approve',
      'accept',
    ]);
    const returned = lead.steps.find((s) => s.action === 'return')!;
    expect(returned).toMatchObject({ reason: RETURN_REASON, by: 'Người dùng secretariat' });
    expect(lead.steps.find((s) => s.action === 'approve')!.by).toBe('Người dùng head');
    expect(lead.steps.every((s) => !Number.isNaN(Date.parse(s.at)))).toBe(true);
    expect(lead.evidence).toEqual([
      expect.objectContaining({
        id: evidence.id,
        fileName: 'Biên bản nghiệm thu.pdf',
        contentType: 'application/pdf',
        size: PDF.length,
        forTask: true,
      }),
    ]);
    // the link the page gives leads to the file itself
    const download = await leader({
      method: 'GET',
      url: `/api/reports/${lead.reportId}/evidence/${evidence.id}`,
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    // the task's progress followed the accepted report
    const item = await leader({ method: 'GET', url: `/api/items/${task.id}` });
    expect(item.json<{ progress: number }>().progress).toBe(40);
  });

  it('shows a co-operating commune its own entries only, none of the other units’', async () => {
    const res = await trail(officerA);
    expect(res.statusCode, res.body).toBe(200);
    const { entries } = res.json<TTaskTrail>();
    expect(entries.map((e) => e.orgUnit.id)).toEqual([communeA.id]);
    expect(entries[0]).toMatchObject({ role: 'cooperator', status: 'submitted', progress: 30 });
    expect(res.body).not.toContain('Nội dung riêng của xã B');
    expect(res.body).not.toContain(RETURN_REASON);
    const other = await trail(officerB);
    expect(other.json<TTaskTrail>().entries.map((e) => e.orgUnit.id)).toEqual([communeB.id]);
  });

  it('answers an empty trail for a task nobody has reported on yet', async () => {
    const plan = await buildPlan(ctx.db);
    const fresh = await buildItem(ctx.db, { planId: plan.id, code: '9.9', leadOrgUnitId: department.id });
    const res = await trail(officerD, fresh.id);
    expect(res.statusCode).toBe(200);
    expect(res.json<TTaskTrail>()).toEqual({ itemId: fresh.id, entries: [] });
  });
});
