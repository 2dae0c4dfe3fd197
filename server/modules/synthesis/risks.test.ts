/**
 * Risk flags with known answers, on "today" 27/11/2026: a task 30 days overdue at 40 %, a task at
 * 20 % after 90.7 % of its time, a task on time (no flag); an indicator flat at 40 % against 80 %
 * this year and 100 % in 2030 (the forecast line stays at 40: the worse shortfall is 2030's), one
 * falling 60 → 58 → 55, a lower-is-better one rising 10 → 12 → 15, a rising one (no flag); a report
 * not sent a week after its due date (grace 3 days: missing), one sent 5 days late, one on time.
 * Every flag's rank, level, score and evidence, and who may read them.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TRound, TRoundReport } from '../../../common/contracts/rounds';
import type { TRiskList } from '../../../common/contracts/synthesis';
import { adminActor, writeValuesAs } from '../../test/actors';
import { createTestContext, type TestContext } from '../../test/context';
import { buildItem, buildOrgUnit, buildPlan } from '../../test/factories';
import { type Injector, signInAs } from '../../test/sessions';

let ctx: TestContext;
let secretariat: Injector;
let officer: Injector;
let roundId: string;
const ids: Record<string, string> = {};

const MONTHS = Array.from({ length: 10 }, (_, i) => `2026M${String(i + 1).padStart(2, '0')}`);

async function indicator(
  secretariatInject: Injector,
  code: string,
  fields: Record<string, unknown>,
  planItemId: string,
) {
  const res = await secretariatInject({
    method: 'POST',
    url: '/api/indicators',
    payload: {
      code,
      name: `Chỉ tiêu ${code}`,
      unit: '%',
      valueType: 'percent',
      direction: 'higher_is_better',
      aggregation: 'average',
      timeAggregation: 'latest',
      frequency: 'month',
      reportedBy: ['commune'],
      planItemIds: [planItemId],
      ...fields,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  const unitA = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId, name: 'Xã An' });
  const unitB = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId, name: 'Xã Bình' });
  const unitC = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId, name: 'Xã Cát' });
  const planId = (await buildPlan(ctx.db)).id;
  const span = { startDate: '2026-01-01' };
  ids.overdue = (
    await buildItem(ctx.db, {
      planId,
      code: '1.1',
      leadOrgUnitId: unitA.id,
      ...span,
      deadline: '2026-10-28',
      progress: 40,
    })
  ).id;
  ids.behind = (
    await buildItem(ctx.db, {
      planId,
      code: '1.2',
      leadOrgUnitId: unitB.id,
      ...span,
      deadline: '2026-12-31',
      progress: 20,
    })
  ).id;
  await buildItem(ctx.db, {
    planId,
    code: '1.3',
    leadOrgUnitId: unitC.id,
    ...span,
    deadline: '2026-12-31',
    progress: 80,
  });
  await buildItem(ctx.db, {
    planId,
    code: '1.4',
    leadOrgUnitId: unitC.id,
    ...span,
    deadline: '2026-06-30',
    progress: 100,
  });
  secretariat = (await signInAs(ctx.app, ctx.db, 'secretariat', ctx.rootOrgUnitId)).inject;
  officer = (await signInAs(ctx.app, ctx.db, 'officer', unitA.id)).inject;

  ids.flat = await indicator(
    secretariat,
    'RR.PHANG',
    { baseline: { year: 2025, value: 50 }, targets: { 2026: 80, 2030: 100 } },
    ids.behind,
  );
  ids.falling = await indicator(secretariat, 'RR.GIAM', { unit: 'điểm', valueType: 'number' }, ids.behind);
  ids.rising = await indicator(
    secretariat,
    'RR.TANGXAU',
    { unit: 'vụ', valueType: 'number', direction: 'lower_is_better' },
    ids.behind,
  );
  ids.good = await indicator(secretariat, 'RR.TOT', { unit: 'điểm', valueType: 'number' }, ids.behind);
  const actor = await adminActor(ctx.db, ctx.rootOrgUnitId);
  const values = (code: string, list: number[]) =>
    list.map((value, i) => ({
      indicatorCode: code,
      orgUnitCode: unitA.code,
      period: MONTHS[i + (10 - list.length)]!,
      value,
    }));
  const written = await writeValuesAs(ctx.db, actor, [
    ...values(
      'RR.PHANG',
      MONTHS.map(() => 40),
    ),
    ...values('RR.GIAM', [60, 60, 58, 55]),
    ...values('RR.TANGXAU', [10, 12, 15]),
    ...values('RR.TOT', [50, 52, 53]),
  ]);
  expect(JSON.stringify(written)).not.toContain('"errors":[{');

  const opened = await secretariat({
    method: 'POST',
    url: '/api/rounds',
    payload: { planId, period: '2026M10', kind: 'ad_hoc', dueDate: '2026-11-20', graceDays: 3 },
  });
  expect(opened.statusCode, opened.body).toBe(201);
  roundId = opened.json<TRound>().id;
  const list = (await secretariat({ method: 'GET', url: `/api/rounds/${roundId}/reports` })).json<{
    items: TRoundReport[];
  }>();
  const reportOf = (unitId: string) => list.items.find((r) => r.orgUnit.id === unitId)!.reportId;
  // sent (the services stamp "now"): their first submission set to the days of the story
  const sent = async (unitId: string, at: string) =>
    ctx.db.execute(sql`update reports set status = 'submitted', submitted_at = ${at}::timestamptz,
      first_submitted_at = ${at}::timestamptz where id = ${reportOf(unitId)}`);
  await sent(unitA.id, '2026-11-25T03:00:00Z');
  await sent(unitC.id, '2026-11-18T03:00:00Z');
  ids.reportA = reportOf(unitA.id);
  ids.reportB = reportOf(unitB.id);
  ids.unitB = unitB.id;
});

afterAll(() => ctx?.close());

describe('GET /api/rounds/:id/risks', () => {
  it('ranks every flag with its level, score and evidence', async () => {
    const res = await secretariat({ method: 'GET', url: `/api/rounds/${roundId}/risks` });
    expect(res.statusCode, res.body).toBe(200);
    const risks = res.json<TRiskList>();
    expect(risks.asOf).toBe('2026-11-27');
    expect(risks.rules.map((r) => r.rule)).toHaveLength(6);
    const summary = risks.items.map((f) => [f.rule, f.level, f.links[0]!.id]);
    expect(summary).toEqual([
      ['indicator_projection', 'high', ids.flat],
      ['task_overdue', 'high', ids.overdue],
      ['task_behind', 'high', ids.behind],
      ['report_missing', 'medium', ids.reportB],
      ['indicator_declines', 'medium', ids.rising],
      ['indicator_declines', 'medium', ids.falling],
      ['report_late', 'low', ids.reportA],
    ]);
    const scores = risks.items.map((f) => f.score);
    // 0.7 + 0.3 × (0.85 − 40/100) / 0.85; 0.7 + 0.15 × 30/180 + 0.15 × 0.6; 0.25 + 0.7 × (90.66 − 20) / 100;
    // 0.6 + 0.2 × 7/30; 0.4 + 0.29 × 5/10; 0.4 + 0.29 × 5/60; 0.1 + 0.25 × 5/30
    [0.859, 0.815, 0.745, 0.647, 0.545, 0.424, 0.142].forEach((want, i) => {
      expect(scores[i]).toBeCloseTo(want, 2);
    });
    const [projection, overdue, behind, missing, rising, , late] = risks.items;
    expect(projection!.title).toBe('Chỉ tiêu Chỉ tiêu RR.PHANG: dự báo năm 2030 40 %, chỉ tiêu 100 %');
    expect(projection!.evidence.slice(0, 2)).toEqual([
      'Dự báo cuối năm 2026: 40 % so với chỉ tiêu 80 % (đạt 50%).',
      'Dự báo năm 2030: 40 % so với chỉ tiêu 100 % (đạt 40%).',
    ]);
    expect(overdue!.title).toBe('Nhiệm vụ 1.1 quá hạn 30 ngày, tiến độ 40%');
    expect(behind!.evidence[1]).toBe(
      'Tiến độ đạt 20%, thấp hơn 71% so với thời gian đã qua (ngưỡng 25 điểm).',
    );
    expect(missing!.title).toBe('Xã Bình không nộp báo cáo');
    expect(missing!.links).toContainEqual({ kind: 'unit', id: ids.unitB, label: 'Xã Bình' });
    expect(rising!.evidence[0]).toContain('10 vụ → ');
    expect(rising!.evidence[1]).toContain('(chỉ tiêu càng thấp càng tốt)');
    expect(late!.title).toBe('Xã An nộp báo cáo muộn 5 ngày');
  });

  it('is the secretariat’s: an officer is refused, an unknown round is 404', async () => {
    expect((await officer({ method: 'GET', url: `/api/rounds/${roundId}/risks` })).statusCode).toBe(403);
    const unknown = await secretariat({
      method: 'GET',
      url: '/api/rounds/00000000-0000-4000-8000-000000000000/risks',
    });
    expect(unknown.statusCode).toBe(404);
  });
});
