import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TWriteDataValuesResult } from '../../../common/contracts/data-values';
import { createTestContext, type TestContext } from '../../test/context';
import { buildIndicator, buildOrgUnit } from '../../test/factories';
import { detectFormat, inputReader } from './files';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

afterAll(async () => {
  await ctx?.close();
});

describe('comments in files', () => {
  const header = ['indicator_code', 'org_unit_code', 'period', 'value', 'comment'];

  it('a long comment is read whole, not cut to 2,000 characters', () => {
    const read = inputReader(header);
    const parsed = read([{ cells: ['A', 'B', '2026M06', '1', 'x'.repeat(5000)], row: 2 }]);
    expect(parsed.inputs[0]!.comment).toHaveLength(5000);
  });

  it('and refused by the same rule as JSON, naming the row', async () => {
    const commune = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId });
    const indicator = await buildIndicator(ctx.db, { valueType: 'count', reportedBy: ['commune'] });
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/data-values/import?dryRun=true',
      headers: { 'content-type': 'text/csv' },
      payload: `${header.join(',')}\r\n${indicator.code},${commune.code},2026M06,1,${'x'.repeat(5000)}`,
    });
    const result = res.json<TWriteDataValuesResult>();
    expect(result.rejected, res.body).toBe(1);
    expect(result.errors).toContainEqual(expect.objectContaining({ row: 2, field: 'comment' }));
  });
});

describe('the format of a file, by its content', () => {
  it('a small CSV whose last character is Vietnamese is CSV, not an unknown file', () => {
    expect(
      detectFormat(Buffer.from('indicator_code,org_unit_code,period,value,comment\nA,B,2026M06,1,Đạt\n')),
    ).toBe('csv');
    expect(detectFormat(Buffer.from('ma_chi_tieu,ghi_chu\nA,Đạt'))).toBe('csv');
  });

  it('a multi-byte character cut at the end of the head is not an error; a bad byte inside is', () => {
    const text = Buffer.from('a,b\nĐạt');
    expect(detectFormat(text.subarray(0, text.length - 1))).toBe('csv');
    expect(() => detectFormat(Buffer.from([0x61, 0x2c, 0xff, 0x62, 0x0a]))).toThrow();
  });
});
