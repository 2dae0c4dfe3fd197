/**
 * One status judgement (issue 11): for the same indicator, unit and period, every place that shows
 * an indicator's status — the indicator's page (analytics/performance), the dashboard's tiles and the
 * catalogue (getAssessments), a unit's page, and the scorecard's indicator component — gives the
 * same one, from analytics/performance.ts judgeIndicator. Among them a commune whose share is on
 * pace by the straight line (the old judgement of the unit page and the scorecard said on track) but
 * whose forecast falls short of the 2030 target: at risk everywhere.
 *
 * Today is 27 November 2026: the third quarter has closed (its cut-off ended 14 October), the fourth
 * has not. So the pages that judge "as of today" and the scorecard, which judges each round's figure
 * as of its period's close, judge 2026Q3 alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TPerformance } from '../../../common/contracts/analytics';
import type { TIndicatorAttainment } from '../../../common/contracts/dashboard';
import type { TRound } from '../../../common/contracts/rounds';
import type { TScorecardDetail } from '../../../common/contracts/scorecards';
import type { TUnitOverview } from '../../../common/contracts/unit-overview';
import { adminActor, writeValuesAs } from '../../test/actors';
import { createTestContext, TEST_TODAY, type TestContext } from '../../test/context';
import { buildIndicator, buildItem, buildOrgUnit, buildPlan } from '../../test/factories';
import { type Injector, signInAs } from '../../test/sessions';
import { judge } from '../analytics/attainment';
import { getAssessments } from '../analytics/performance';
import { indicatorPlanItems } from '../indicators/tables';

let ctx: TestContext;
let planId: string;
let share: { id: string; code: string };
const communes: Record<'flat' | 'rising' | 'trailing', { id: string; code: string; officer?: Injector }> =
  {} as never;

/** Quarters from 2024Q1 on, one value each. */
const quarters = (values: number[]) =>
  values.map((value, i) => ({ period: `${2024 + Math.floor(i / 4)}Q${(i % 4) + 1}`, value }));

const HISTORY = {
  // 93 against 92.5 → 95 over 2026, ~94.4 expected by the end of Q3: on pace; flat, 2030 stays at 93,
  // short of 95 % of 99.5: the forecast says at risk
  flat: [93, 93, 93, 93, 93, 93, 93, 93, 93, 93, 93],
  // on pace, and rising: 2030 within reach, even with one odd quarter
  rising: [90, 90.5, 91, 91.5, 92, 20, 93, 93.5, 94, 94.5, 95],
  // far below the path: off track whatever the forecast
  trailing: [60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70],
};

beforeAll(async () => {
  ctx = await createTestContext();
  // values from 2024 on: a plan that starts then
  const plan = await buildPlan(ctx.db, { horizonStartYear: 2024 });
  planId = plan.id;
  const department = await buildOrgUnit(ctx.db, { kind: 'department', parentId: ctx.rootOrgUnitId });
  const item = await buildItem(ctx.db, { planId, code: '1.1', leadOrgUnitId: department.id });
  // the share of issue 11's example: a target of 95 in 2026 and 99.5 in 2030, from 90 in 2024
  share = await buildIndicator(ctx.db, {
    reportedBy: ['commune'],
    frequency: 'quarter',
    valueType: 'percent',
    aggregation: 'average',
    timeAggregation: 'latest',
    ruleMin: '0',
    ruleMax: '100',
    baselineYear: 2024,
    baselineValue: '90',
    targets: { '2026': 95, '2030': 99.5 },
  });
  await ctx.db.insert(indicatorPlanItems).values({ indicatorId: share.id, planItemId: item.id });
  const admin = await adminActor(ctx.db, ctx.rootOrgUnitId);
  for (const key of Object.keys(HISTORY) as (keyof typeof HISTORY)[]) {
    const unit = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId });
    communes[key] = { ...unit, officer: (await signInAs(ctx.app, ctx.db, 'officer', unit.id)).inject };
    const written = await writeValuesAs(
      ctx.db,
      admin,
      quarters(HISTORY[key]).map((q) => ({ indicatorCode: share.code, orgUnitCode: unit.code, ...q })),
    );
    expect(written.errors).toEqual([]);
  }
  // the third quarter's round, due in October: the department's report, and each commune's carrying the share
  const round = await ctx.inject({
    method: 'POST',
    url: '/api/rounds',
    payload: { planId, period: '2026Q3', dueDate: '2026-10-10' },
  });
  expect(round.statusCode, round.body).toBe(201);
  expect(round.json<TRound>().completeness.expected).toBe(4);
}, 120_000);

afterAll(() => ctx?.close());

const get = async <T>(inject: Injector, url: string) => {
  const res = await inject({ method: 'GET', url });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
};

/** The status of the share for a commune in each place that shows it. */
async function statuses(key: keyof typeof HISTORY) {
  const commune = communes[key];
  const officer = commune.officer!;
  const page = await get<TPerformance>(
    officer,
    `/api/analytics/performance?indicator=${share.code}&orgUnitId=${commune.id}`,
  );
  // the dashboard's tiles: the officer's figures are his commune's
  const dashboard = await get<TIndicatorAttainment>(officer, `/api/dashboard/indicators?planId=${planId}`);
  expect(dashboard.orgUnit?.id).toBe(commune.id);
  // the catalogue's batched assessment (its statuses column, asked here for the commune)
  const catalogue = await getAssessments(ctx.db, {
    codes: [share.code],
    orgUnitId: commune.id,
    year: 2026,
    today: TEST_TODAY,
  });
  const unitPage = await get<TUnitOverview>(officer, `/api/dashboard/units/${commune.id}`);
  const card = await get<TScorecardDetail>(officer, `/api/scorecards/${commune.id}?period=2026Q3`);
  const figure = card.evidence.figures.find((f) => f.indicatorId === share.id && f.period === '2026Q3');
  return {
    page: page.attainment.status,
    dashboard: dashboard.tiles.find((t) => t.code === share.code)?.status,
    catalogue: catalogue.get(share.code)?.attainment.status,
    unitPage: unitPage.indicators.find((i) => i.code === share.code)?.attainment?.status,
    scorecard: figure?.status,
    pace: page.attainment.paceStatus,
    scorecardGood: figure?.good,
    indicatorComponent: card.components.find((c) => c.key === 'indicators'),
  };
}

describe('one status for an indicator, a unit and a period', () => {
  it('at risk everywhere when the straight line says on track but the forecast falls short', async () => {
    // what the unit page and the scorecard used to say: the plain straight-line judgement
    const plain = judge({
      actual: 93,
      target: 95,
      start: 92.5,
      elapsed: 9 / 12,
      direction: 'higher_is_better',
      timeAggregation: 'latest',
    });
    expect(plain.status).toBe('on_track');
    const flat = await statuses('flat');
    expect(flat.pace).toBe('on_track');
    expect(flat).toMatchObject({
      page: 'at_risk',
      dashboard: 'at_risk',
      catalogue: 'at_risk',
      unitPage: 'at_risk',
      scorecard: 'at_risk',
      scorecardGood: false,
    });
    // the card counts the figure as not good
    expect(flat.indicatorComponent).toMatchObject({ good: 0, total: 1, value: 0 });
  });

  it('on track everywhere when the forecast reaches the targets despite one odd quarter', async () => {
    expect(await statuses('rising')).toMatchObject({
      page: 'on_track',
      dashboard: 'on_track',
      catalogue: 'on_track',
      unitPage: 'on_track',
      scorecard: 'on_track',
      scorecardGood: true,
    });
  });

  it('off track everywhere when the figure trails the path', async () => {
    expect(await statuses('trailing')).toMatchObject({
      page: 'off_track',
      dashboard: 'off_track',
      catalogue: 'off_track',
      unitPage: 'off_track',
      scorecard: 'off_track',
      scorecardGood: false,
    });
  });
});
