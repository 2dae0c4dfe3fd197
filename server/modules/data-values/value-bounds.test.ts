/**
 * Values the analytics can hold (issue 9, finding 9): each indicator type has bounds
 * (common/value-bounds.ts), the indicator's own rules narrow them, and an over-long comment is
 * refused — the same on the JSON path and in files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDataValueInput, TWriteDataValuesResult } from '../../../common/contracts/data-values';
import type { ValueType } from '../../../common/enums';
import type { TProblem } from '../../../common/problem';
import { VALUE_BOUNDS } from '../../../common/value-bounds';
import { createTestContext, type TestContext } from '../../test/context';
import { buildIndicator, buildOrgUnit } from '../../test/factories';

let ctx: TestContext;
let unit: { code: string };
const codes: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  unit = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId });
  for (const type of ['count', 'money', 'percent', 'number', 'boolean'] as ValueType[])
    codes[type] = (await buildIndicator(ctx.db, { valueType: type })).code;
  codes.ruled = (await buildIndicator(ctx.db, { valueType: 'number', ruleMin: '10', ruleMax: '20' })).code;
});

afterAll(async () => {
  await ctx?.close();
});

/** [indicator, value, expected row error code or null] */
const CASES: [string, number, string | null][] = [
  ['count', 1e308, 'above_max'],
  ['count', VALUE_BOUNDS.count.max, null],
  ['count', VALUE_BOUNDS.count.max + 1, 'above_max'],
  ['count', -1, 'below_min'],
  ['money', VALUE_BOUNDS.money.max, null],
  ['money', 2e15, 'above_max'],
  ['money', -5, 'below_min'],
  ['percent', 100, null],
  ['percent', 100.5, 'above_max'],
  ['percent', -0.5, 'below_min'],
  ['number', -1e15, null],
  ['number', -2e15, 'below_min'],
  ['number', 2e15, 'above_max'],
  ['boolean', 2, 'not_boolean'],
  ['ruled', 15, null],
  ['ruled', 9, 'below_min'],
  ['ruled', 21, 'above_max'],
];

/** Each case in its own month, so no two rows share a key. */
const periodOf = (i: number) => `${i < 12 ? 2025 : 2024}M${String((i % 12) + 1).padStart(2, '0')}`;

function expectCodes(result: TWriteDataValuesResult, rowOf: (i: number) => number) {
  CASES.forEach(([indicator, value, code], i) => {
    const errors = result.errors.filter((e) => e.row === rowOf(i)).map((e) => [e.field, e.code]);
    expect(errors, `${indicator} ${value}`).toEqual(code ? [['value', code]] : []);
  });
}

describe('value bounds', () => {
  it('refuses values outside the type’s bounds or the indicator’s rules from JSON', async () => {
    const values: TDataValueInput[] = CASES.map(([indicator, value], i) => ({
      indicatorCode: codes[indicator]!,
      orgUnitCode: unit.code,
      period: periodOf(i),
      value,
    }));
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/data-values',
      payload: { values, mode: 'valid_rows', dryRun: true },
    });
    expect(res.statusCode, res.body).toBe(200);
    expectCodes(res.json<TWriteDataValuesResult>(), (i) => i + 1);
  });

  it('refuses the same values from a CSV file, digits written out in full', async () => {
    const lines = CASES.map(
      ([indicator, value], i) =>
        // 1e308 as a file carries it: 309 digits
        `${codes[indicator]},${unit.code},${periodOf(i)},${value >= 1e21 ? '1'.padEnd(309, '0') : value},`,
    );
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/data-values/import?dryRun=true&mode=valid_rows',
      headers: { 'content-type': 'text/csv' },
      payload: ['indicator_code,org_unit_code,period,value,comment', ...lines].join('\n'),
    });
    expect(res.statusCode, res.body).toBe(200);
    expectCodes(res.json<TWriteDataValuesResult>(), (i) => i + 2);
  });

  it('refuses a 1e30 count from a CSV file', async () => {
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/data-values/import?dryRun=true',
      headers: { 'content-type': 'text/csv' },
      payload: `indicator_code,org_unit_code,period,value\n${codes.count},${unit.code},2025M01,1${'0'.repeat(30)}\n`,
    });
    expect(res.json<TWriteDataValuesResult>().errors).toEqual([
      expect.objectContaining({ row: 2, field: 'value', code: 'above_max' }),
    ]);
  });
});

describe('comments', () => {
  const long = 'Ghi chú rất dài. '.repeat(300).slice(0, 5000);

  it('refuses a comment over 2,000 characters from JSON, naming the field', async () => {
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/data-values',
      payload: {
        values: [
          { indicatorCode: codes.count, orgUnitCode: unit.code, period: '2025M01', value: 1, comment: long },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<TProblem>().errors?.[0]?.field).toBe('values.0.comment');
  });

  it('refuses it from a CSV file as a row error on the comment, never cutting it in silence', async () => {
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/data-values/import',
      headers: { 'content-type': 'text/csv' },
      payload: `indicator_code,org_unit_code,period,value,comment\n${codes.count},${unit.code},2025M01,1,"${long}"\n`,
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json<TWriteDataValuesResult>().errors).toEqual([
      expect.objectContaining({ row: 2, field: 'comment', code: 'too_long' }),
    ]);
    const ok = await ctx.inject({
      method: 'POST',
      url: '/api/data-values/import',
      headers: { 'content-type': 'text/csv' },
      payload: `indicator_code,org_unit_code,period,value,comment\n${codes.count},${unit.code},2025M01,1,"${long.slice(0, 1990)}0123456789"\n`,
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});
