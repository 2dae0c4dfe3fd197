/**
 * Valid rows at national scale (issue 9, finding 3): the writer's duplicate check keys rows by
 * (indicator, unit, period) packed into one number. Each dimension has its own counter and bit
 * field, so more than 4,096 units or indicators never make two keys one.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDataValueInput, TWriteDataValuesResult } from '../../../common/contracts/data-values';
import { createTestContext, type TestContext } from '../../test/context';
import { buildIndicator } from '../../test/factories';
import { createKeyIndex } from './service';

describe('the writer’s key of a row', () => {
  it('stays distinct beyond 4,096 indicators, units and periods', () => {
    const key = createKeyIndex();
    const seen = new Set<number | string>();
    let count = 0;
    const add = (i: number, u: number, p: number) => {
      seen.add(key(`indicator-${i}`, `unit-${u}`, `period-${p}`));
      count++;
    };
    // the layout: 4,096 units month by month, the second month first seen after them all
    for (const p of [0, 1]) for (let u = 0; u < 4096; u++) add(0, u, p);
    // 5,000 indicators × 2 units, 5,000 units × 2 indicators, 5,000 periods, each first seen late
    for (let i = 0; i < 5000; i++) for (const u of [0, 1]) add(i, u, 2);
    for (let u = 0; u < 5000; u++) for (const i of [0, 1]) add(i, u, 3);
    for (let p = 4; p < 5004; p++) add(7, 7, p);
    expect(seen.size).toBe(count); // every row a key of its own
    for (const k of seen) expect(typeof k).toBe('number');
  });

  it('falls back to text keys past a field’s width, still one key per row', () => {
    const key = createKeyIndex({ indicator: 2, unit: 2, period: 2 });
    const keys = new Set<number | string>();
    for (let i = 0; i < 6; i++)
      for (let u = 0; u < 6; u++) for (let p = 0; p < 6; p++) keys.add(key(`i${i}`, `u${u}`, `p${p}`));
    expect(keys.size).toBe(216);
    expect(() => createKeyIndex({ indicator: 20, unit: 20, period: 20 })).toThrow();
  });
});

describe('a national file through the writer', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('takes 8,200 valid rows over 4,100 communes and two months, none a duplicate', async () => {
    const units = 4100;
    await ctx.db.execute(sql`insert into org_units (code, name, kind, parent_id)
      select 'NS' || g, 'Xã thử ' || g, 'commune', ${ctx.rootOrgUnitId}::uuid from generate_series(1, ${units}) g`);
    const indicator = await buildIndicator(ctx.db, { valueType: 'count' });
    // month by month, as a national export is laid out: the second month is first seen after
    // 4,096 communes, where one shared counter ran past its 12-bit field; then the last four
    const values: TDataValueInput[] = [];
    const row = (g: number, period: string) =>
      values.push({ indicatorCode: indicator.code, orgUnitCode: `NS${g}`, period, value: g });
    for (const period of ['2026M09', '2026M10']) for (let g = 1; g <= 4096; g++) row(g, period);
    for (let g = 4097; g <= units; g++) for (const period of ['2026M09', '2026M10']) row(g, period);
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/data-values',
      payload: { values, dryRun: true },
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const result = res.json<TWriteDataValuesResult>();
    expect(result.errors.slice(0, 3)).toEqual([]);
    expect(result).toMatchObject({ total: 8200, created: 8200, rejected: 0 });
  });
});
