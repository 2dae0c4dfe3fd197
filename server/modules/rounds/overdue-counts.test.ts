/**
 * One definition of overdue: the round's counts say "Quá hạn" for exactly the reports whose rows say
 * "quá hạn" (not sent, past the due date — within the grace period or past it), and the rest of the
 * unsent reports are not yet due. A round opened after its deadline counts every unit as overdue at
 * once, not as "Quá hạn 0".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TRound, TRoundReport } from '../../../common/contracts/rounds';
import { createTestContext, type TestContext } from '../../test/context';
import { buildItem, buildOrgUnit, buildPlan } from '../../test/factories';
import { type Injector, signInAs } from '../../test/sessions';

let ctx: TestContext;
let secretariat: Injector;
let planId: string;

beforeAll(async () => {
  // today is 27/11/2026 in the test clock
  ctx = await createTestContext();
  planId = (await buildPlan(ctx.db)).id;
  for (const code of ['1.1', '1.2', '1.3']) {
    const unit = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId });
    await buildItem(ctx.db, { planId, code, leadOrgUnitId: unit.id });
  }
  secretariat = (await signInAs(ctx.app, ctx.db, 'secretariat', ctx.rootOrgUnitId)).inject;
});

afterAll(() => ctx?.close());

async function open(period: string, dueDate: string) {
  const res = await secretariat({
    method: 'POST',
    url: '/api/rounds',
    payload: { planId, period, kind: 'ad_hoc', dueDate },
  });
  expect(res.statusCode, res.body).toBe(201);
  const round = res.json<TRound>();
  const rows = (await secretariat({ method: 'GET', url: `/api/rounds/${round.id}/reports` })).json<{
    items: TRoundReport[];
  }>().items;
  return { round, rows };
}

/** What a row says: unsent and a number of days past its due date is "quá hạn N ngày". */
const rowSaysOverdue = (r: TRoundReport) => r.firstSubmittedAt === null && r.daysLate !== null;

describe('overdue in the round counts and in the rows', () => {
  it('counts reports past the grace period as overdue, as their rows say', async () => {
    // due 17 days ago, grace of 3 days long gone: every row says "chưa nộp, quá hạn 17 ngày"
    const { round, rows } = await open('2026M10', '2026-11-10');
    expect(rows.map((r) => [r.timeliness, r.daysLate])).toEqual([
      ['missing', 17],
      ['missing', 17],
      ['missing', 17],
    ]);
    expect(round.completeness).toMatchObject({ expected: 3, onTime: 0, late: 0, overdue: 3, missing: 3 });
    expect(round.completeness.overdue).toBe(rows.filter(rowSaysOverdue).length);
  });

  it('counts reports within the grace period as overdue too', async () => {
    const { round, rows } = await open('2026M09', '2026-11-26');
    expect(rows.every((r) => r.timeliness === 'overdue' && r.daysLate === 1)).toBe(true);
    expect(round.completeness).toMatchObject({ overdue: 3, missing: 0 });
    expect(round.completeness.overdue).toBe(rows.filter(rowSaysOverdue).length);
  });

  it('counts nothing overdue before the due date: all are not yet due', async () => {
    const { round, rows } = await open('2026M08', '2026-12-10');
    expect(rows.every((r) => r.timeliness === 'pending' && r.daysLate === null)).toBe(true);
    const c = round.completeness;
    expect(c).toMatchObject({ overdue: 0, missing: 0, onTime: 0, late: 0 });
    // not yet due = expected − on time − late − overdue, as the summary line computes it
    expect(c.expected - c.onTime - c.late - c.overdue).toBe(
      rows.filter((r) => r.timeliness === 'pending').length,
    );
  });

  it('lists the same reports under the overdue filter as the count', async () => {
    const { round } = await open('2026M07', '2026-11-10');
    const filtered = await secretariat({
      method: 'GET',
      url: `/api/rounds/${round.id}/reports?timeliness=overdue,missing`,
    });
    expect(filtered.json<{ total: number }>().total).toBe(round.completeness.overdue);
  });
});
