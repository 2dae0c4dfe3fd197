import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TRound } from '../../../common/contracts/rounds';
import { createTestContext, type TestContext } from '../../test/context';
import { buildItem, buildOrgUnit, buildPlan } from '../../test/factories';
import { signInAs } from '../../test/sessions';
import { lastClosedPeriod, openDueRounds } from './schedules';

describe('the latest period whose data cut-off has ended', () => {
  it.each([
    ['month', '2026-11-27', '2026M11'],
    ['month', '2026-11-14', '2026M10'],
    ['quarter', '2026-11-27', '2026Q3'],
    ['half_year', '2026-11-27', '2026S1'],
    ['nine_months', '2026-11-27', '2026N9'],
    ['year', '2026-11-27', '2025'],
    ['year', '2026-12-15', '2026'],
  ] as const)('%s on %s is %s', (type, today, period) => {
    expect(lastClosedPeriod(type, today)).toBe(period);
  });
});

let ctx: TestContext;
let planId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  const unit = await buildOrgUnit(ctx.db, { kind: 'department', parentId: ctx.rootOrgUnitId });
  planId = (await buildPlan(ctx.db)).id;
  await buildItem(ctx.db, { planId, code: '4.1', leadOrgUnitId: unit.id });
});

afterAll(async () => {
  await ctx?.close();
});

describe('scheduled rounds', () => {
  it('the secretariat sets a schedule; the job opens the due round once, with due dates in working days', async () => {
    const secretariat = await signInAs(ctx.app, ctx.db, 'secretariat', ctx.rootOrgUnitId);
    const schedule = { planId, periodType: 'month', dueWorkingDays: 3, graceDays: 2, active: true };
    const saved = await secretariat.inject({ method: 'PUT', url: '/api/round-schedules', payload: schedule });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<{ items: unknown[] }>().items).toEqual([schedule]);
    const officer = await signInAs(ctx.app, ctx.db, 'officer', ctx.rootOrgUnitId);
    expect(
      (await officer.inject({ method: 'PUT', url: '/api/round-schedules', payload: schedule })).statusCode,
    ).toBe(403);

    expect(await openDueRounds(ctx.db, '2026-11-27')).toHaveLength(1);
    expect(await openDueRounds(ctx.db, '2026-11-27')).toHaveLength(0);
    const rounds = await ctx.inject({ method: 'GET', url: `/api/rounds?planId=${planId}` });
    const [round] = rounds.json<{ items: TRound[] }>().items;
    // cut-off Saturday 14/11/2026, then Monday 16, Tuesday 17, Wednesday 18
    expect(round).toMatchObject({ period: '2026M11', kind: 'periodic', dueDate: '2026-11-18', graceDays: 2 });
    expect(round!.completeness.expected).toBe(1);
  });
});
