/**
 * A task's history as people read it: progress from an accepted report names the report (period,
 * unit, id for a link) instead of showing "fromReport: <uuid>" among the changed fields, and the
 * ids among the values come with names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TPlanItemHistory } from '../../../common/contracts/plan-items';
import type { TReport } from '../../../common/contracts/reports';
import type { TRound, TRoundReport } from '../../../common/contracts/rounds';
import { createTestContext, type TestContext } from '../../test/context';
import { buildItem, buildOrgUnit, buildPlan } from '../../test/factories';
import { type Injector, signInAs } from '../../test/sessions';

let ctx: TestContext;
let unit: { id: string };
let task: { id: string };
let officer: Injector;
let head: Injector;
let secretariat: Injector;

beforeAll(async () => {
  ctx = await createTestContext();
  unit = await buildOrgUnit(ctx.db, {
    kind: 'commune',
    parentId: ctx.rootOrgUnitId,
    name: 'Phường Trường Vinh',
  });
  const planId = (await buildPlan(ctx.db)).id;
  task = await buildItem(ctx.db, { planId, code: '1.1', leadOrgUnitId: unit.id, progress: 20 });
  officer = (await signInAs(ctx.app, ctx.db, 'officer', unit.id)).inject;
  head = (await signInAs(ctx.app, ctx.db, 'head', unit.id)).inject;
  secretariat = (await signInAs(ctx.app, ctx.db, 'secretariat', ctx.rootOrgUnitId)).inject;

  const round = (
    await secretariat({ method: 'POST', url: '/api/rounds', payload: { planId, period: '2026M11' } })
  ).json<TRound>();
  const rows = (await secretariat({ method: 'GET', url: `/api/rounds/${round.id}/reports` })).json<{
    items: TRoundReport[];
  }>().items;
  let report = (await officer({ method: 'GET', url: `/api/reports/${rows[0]!.reportId}` })).json<TReport>();
  const step = async (inject: Injector, action: string) => {
    const res = await inject({
      method: 'POST',
      url: `/api/reports/${report.id}/${action}`,
      payload: { version: report.version },
    });
    expect(res.statusCode, res.body).toBe(200);
    report = res.json<TReport>();
  };
  const saved = await officer({
    method: 'PATCH',
    url: `/api/reports/${report.id}`,
    payload: {
      version: report.version,
      general: { summary: 'Tình hình tháng 11' },
      items: [{ planItemId: task.id, progress: 70, results: 'Đã triển khai' }],
    },
  });
  expect(saved.statusCode, saved.body).toBe(200);
  report = saved.json<TReport>();
  await step(officer, 'submit');
  if (report.status === 'submitted') await step(head, 'approve');
  await step(secretariat, 'accept');
  expect(report.status).toBe('accepted');
});

afterAll(() => ctx?.close());

describe('GET /api/items/:id/history', () => {
  it('names the accepted report a progress change came from, and no field carries its id', async () => {
    const res = await secretariat({ method: 'GET', url: `/api/items/${task.id}/history` });
    expect(res.statusCode, res.body).toBe(200);
    const history = res.json<TPlanItemHistory>();
    const fromReport = history.items.find((c) => c.source);
    expect(fromReport).toMatchObject({
      action: 'update',
      before: { progress: 20 },
      after: { progress: 70 },
      source: { period: '2026M11', periodLabel: 'tháng 11/2026', orgUnitName: 'Phường Trường Vinh' },
    });
    expect(Object.keys(fromReport!.after ?? {})).toEqual(['progress']);
    expect(JSON.stringify(history.items)).not.toContain('fromReport');
  });

  it('gives the name of every unit whose id appears among the values', async () => {
    const other = await buildOrgUnit(ctx.db, {
      kind: 'commune',
      parentId: ctx.rootOrgUnitId,
      name: 'Xã Hưng Đông',
    });
    const current = (await secretariat({ method: 'GET', url: `/api/items/${task.id}` })).json<{
      version: number;
    }>();
    const moved = await secretariat({
      method: 'PATCH',
      url: `/api/items/${task.id}`,
      payload: { version: current.version, leadOrgUnitId: other.id },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const history = (
      await secretariat({ method: 'GET', url: `/api/items/${task.id}/history` })
    ).json<TPlanItemHistory>();
    expect(history.items[0]).toMatchObject({
      before: { leadOrgUnitId: unit.id },
      after: { leadOrgUnitId: other.id },
      source: null,
    });
    expect(history.names).toMatchObject({ [unit.id]: 'Phường Trường Vinh', [other.id]: 'Xã Hưng Đông' });
  });
});
