/**
 * The demo programmes, policies and budget lines load over the demo plan, and the public portal's
 * read sees only the public ones: an internal programme's lines stay out even when marked public.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { planItems } from '../modules/plan-items/tables';
import { listPublicCatalogue } from '../modules/programmes/public-read';
import { createTestContext, type TestContext } from '../test/context';
import { seedProgrammes } from './programmes';
import { seedDemoUnitsAndPlan } from './seed';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext({ empty: true });
  const { planId, unitIds } = await seedDemoUnitsAndPlan(ctx.db);
  const items = await ctx.db
    .select({ id: planItems.id, code: planItems.code })
    .from(planItems)
    .where(eq(planItems.planId, planId));
  await ctx.db.transaction((tx) =>
    seedProgrammes(tx, {
      orgUnitIdByCode: unitIds,
      planItemIdByCode: new Map(items.map((i) => [i.code, i.id])),
    }),
  );
});

afterAll(async () => {
  await ctx?.close();
});

it('publishes the public demo records only', async () => {
  const catalogue = await listPublicCatalogue(ctx.db);
  expect(catalogue.programmes.map((p) => p.code)).toEqual(['CT-CDS-2030', 'CT-DMST', 'DA-IOC']);
  expect(catalogue.policies).toHaveLength(3);
  expect(catalogue.policies.every((p) => p.contact.phone === null && p.contact.email === null)).toBe(true);
  const programmeIds = new Set(catalogue.programmes.map((p) => p.id));
  expect(catalogue.budgetLines).toHaveLength(10);
  expect(catalogue.budgetLines.every((l) => l.programmeId === null || programmeIds.has(l.programmeId))).toBe(
    true,
  );
  expect(catalogue.budgetLines.find((l) => l.programmeId === null)?.planItem?.code).toBe('5.5');
});
