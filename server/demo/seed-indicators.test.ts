import { isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZIndicatorList, ZListIndicatorsQuery } from '../../common/contracts/indicators';
import { listIndicators } from '../modules/indicators/queries';
import { indicatorPlanItems, indicators } from '../modules/indicators/tables';
import { createTestContext, type TestContext } from '../test/context';
import { DEMO_INDICATORS } from './indicators';
import { seedDemo } from './seed';

describe('seedIndicators (through seedDemo)', () => {
  let h: TestContext;

  beforeAll(async () => {
    h = await createTestContext({ empty: true });
    await seedDemo(h.db);
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('loads the whole demo catalogue as the API presents it', async () => {
    const query = ZListIndicatorsQuery.parse({ pageSize: '500' });
    const { items, total } = await listIndicators({ db: h.db, query });
    expect(total).toBe(DEMO_INDICATORS.length);
    ZIndicatorList.parse({ items, total, page: 1, pageSize: 500 });
    const byCode = new Map(items.map((i) => [i.code, i]));
    for (const demo of DEMO_INDICATORS) {
      const seeded = byCode.get(demo.code)!;
      expect(seeded, demo.code).toMatchObject({
        name: demo.name,
        formula: demo.formula ?? null,
        weightIndicator: demo.weightCode ? { code: demo.weightCode } : null,
        responsibleOrgUnit: { code: demo.responsibleCode },
        baseline: demo.baseline,
        rules: { notAbove: demo.rules?.notAbove ? { code: demo.rules.notAbove } : null },
      });
      expect(seeded.planItemIds, demo.code).toHaveLength(new Set(demo.planItemCodes ?? []).size);
    }
  });

  it('links indicators to Plan 328 tasks and stores weights for weighted averages', async () => {
    const links = await h.db.select().from(indicatorPlanItems);
    expect(links.length).toBe(DEMO_INDICATORS.reduce((n, i) => n + new Set(i.planItemCodes ?? []).size, 0));
    const weighted = await h.db
      .select({ code: indicators.code })
      .from(indicators)
      .where(isNotNull(indicators.weightIndicatorId));
    expect(weighted.length).toBe(DEMO_INDICATORS.filter((i) => i.weightCode).length);
    expect(weighted.length).toBeGreaterThan(0);
  });
});
