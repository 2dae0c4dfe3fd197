import { readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAnalyticsResult } from '../../../common/contracts/analytics';
import type { TCommuneMap } from '../../../common/contracts/geo';
import { rowsOf } from '../../db/sql';
import { createTestContext, type TestContext } from '../../test/context';
import { buildIndicator, buildOrgUnit, buildPlan } from '../../test/factories';
import { type Injector, signInAs } from '../../test/sessions';

let ctx: TestContext;
/** a province with a shipped boundary file (code 40), its communes, a body and a nested commune */
const u: Record<'province' | 'a' | 'b' | 'c' | 'nested' | 'group' | 'body', { id: string; code: string }> =
  {} as never;
const codes = { sum: '', average: '' };
let roundId = '';
let officerA: Injector;
let bodyOfficer: Injector;

beforeAll(async () => {
  ctx = await createTestContext();
  // a second root, as the demo's province: the map's default is the root province first by code
  u.province = await buildOrgUnit(ctx.db, { code: '40', name: 'Tỉnh Nghệ An', kind: 'province' });
  u.a = await buildOrgUnit(ctx.db, {
    code: '16681',
    name: 'Phường Thành Vinh',
    kind: 'ward',
    parentId: u.province.id,
  });
  u.b = await buildOrgUnit(ctx.db, {
    code: '16690',
    name: 'Phường Trường Vinh',
    kind: 'ward',
    parentId: u.province.id,
  });
  u.c = await buildOrgUnit(ctx.db, {
    code: '17329',
    name: 'Xã Anh Sơn',
    kind: 'commune',
    parentId: u.province.id,
  });
  u.body = await buildOrgUnit(ctx.db, { kind: 'department', parentId: u.province.id });
  // communes need not sit right under the province
  u.group = await buildOrgUnit(ctx.db, { kind: 'other', parentId: u.province.id });
  u.nested = await buildOrgUnit(ctx.db, {
    code: '17380',
    name: 'Xã Yên Xuân',
    kind: 'commune',
    parentId: u.group.id,
  });
  const sum = await buildIndicator(ctx.db, {
    valueType: 'count',
    aggregation: 'sum',
    timeAggregation: 'sum',
  });
  const average = await buildIndicator(ctx.db, {
    valueType: 'percent',
    aggregation: 'average',
    timeAggregation: 'latest',
  });
  codes.sum = sum.code;
  codes.average = average.code;
  const v = (indicatorCode: string, unit: keyof typeof u, period: string, value: number) => ({
    indicatorCode,
    orgUnitCode: u[unit].code,
    period,
    value,
  });
  const res = await ctx.inject({
    method: 'POST',
    url: '/api/data-values',
    payload: {
      values: [
        v(codes.sum, 'a', '2026M01', 10),
        v(codes.sum, 'a', '2026M02', 20),
        v(codes.sum, 'b', '2026M03', 7),
        v(codes.sum, 'nested', '2026M01', 4),
        v(codes.sum, 'body', '2026M01', 1000),
        v(codes.average, 'a', '2026M01', 50),
        v(codes.average, 'a', '2026M03', 70),
        v(codes.average, 'b', '2026M02', 90),
      ],
    },
  });
  expect(res.statusCode, res.body).toBe(200);

  // a round in which a has submitted, b still drafts and c owes nothing
  const plan = await buildPlan(ctx.db);
  const [round] = rowsOf<{ id: string }>(
    await ctx.db.execute(sql`insert into rounds (plan_id, period, kind, title, cutoff_end, due_date, grace_days)
      values (${plan.id}, '2026M10', 'ad_hoc', 'Đợt thử', '2026-10-14', '2026-10-21', 3) returning id`),
  );
  roundId = round!.id;
  for (const [unit, status] of [
    [u.a, 'submitted'],
    [u.b, 'draft'],
    [u.nested, 'accepted'],
  ] as const) {
    await ctx.db.execute(sql`insert into reports (round_id, org_unit_id, due_date, status, first_submitted_at)
      values (${roundId}, ${unit.id}, '2026-10-21', ${status},
        ${status === 'draft' ? null : '2026-10-20T03:00:00Z'}::timestamptz)`);
  }
  officerA = (await signInAs(ctx.app, ctx.db, 'officer', u.a.id)).inject;
  bodyOfficer = (await signInAs(ctx.app, ctx.db, 'officer', u.body.id)).inject;
});

afterAll(async () => {
  await ctx?.close();
});

const mapUrl = (query: Record<string, string>) => `/api/dashboard/map?${new URLSearchParams(query)}`;
const indicatorMap = (inject: Injector, indicator = codes.sum, period = '2026Q1') =>
  inject({ method: 'GET', url: mapUrl({ indicator, period, provinceId: u.province.id }) });
const byCode = (map: TCommuneMap) => new Map(map.units.map((unit) => [unit.code, unit]));

describe('GET /api/dashboard/map', () => {
  it('walks the ladder: 401, 400 naming the field, 404, 200', async () => {
    const anonymous = await ctx.app.inject({
      method: 'GET',
      url: mapUrl({ indicator: codes.sum, period: '2026' }),
    });
    expect(anonymous.statusCode).toBe(401);
    const field = async (query: Record<string, string>) => {
      const res = await ctx.inject({ method: 'GET', url: mapUrl(query) });
      expect(res.statusCode, res.body).toBe(400);
      return res.json().errors.map((e: { field: string }) => e.field);
    };
    expect(await field({ period: '2026' })).toContain('indicator');
    expect(await field({ indicator: codes.sum })).toContain('period');
    expect(await field({ indicator: codes.sum, period: '2026Q7' })).toContain('period');
    expect(await field({ layer: 'completeness' })).toContain('roundId');
    expect(await field({ indicator: 'KHONG.CO', period: '2026' })).toEqual(['indicator']);
    const unknownParameter = await ctx.inject({
      method: 'GET',
      url: mapUrl({ indicator: codes.sum, period: '2026', khong_co: '1' }),
    });
    expect(unknownParameter.statusCode).toBe(400);
    const unknownProvince = await ctx.inject({
      method: 'GET',
      url: mapUrl({
        indicator: codes.sum,
        period: '2026',
        provinceId: '00000000-0000-4000-8000-000000000000',
      }),
    });
    expect(unknownProvince.statusCode).toBe(404);
    const unknownRound = await ctx.inject({
      method: 'GET',
      url: mapUrl({ layer: 'completeness', roundId: '00000000-0000-4000-8000-000000000000' }),
    });
    expect(unknownRound.statusCode).toBe(404);
    expect((await indicatorMap(ctx.inject)).statusCode).toBe(200);
  });

  it('lists every commune and ward of the province, nested ones too, and no other unit', async () => {
    const map = (await indicatorMap(ctx.inject)).json<TCommuneMap>();
    expect(map.province).toEqual({ id: u.province.id, code: '40', name: 'Tỉnh Nghệ An' });
    expect(map.units.map((unit) => unit.code)).toEqual(['16681', '16690', '17329', '17380']);
    expect(map.indicator?.code).toBe(codes.sum);
    expect(map.period).toBe('2026Q1');
  });

  it('gives each commune the figure the analytics service gives it', async () => {
    for (const [indicator, period] of [
      [codes.sum, '2026Q1'],
      [codes.average, '2026Q1'],
      [codes.sum, '2026M02'],
      [codes.sum, '2026'],
    ] as const) {
      const map = (await indicatorMap(ctx.inject, indicator, period)).json<TCommuneMap>();
      for (const unit of map.units) {
        const res = await ctx.inject({
          method: 'GET',
          url: `/api/analytics?${new URLSearchParams({
            indicators: indicator,
            orgUnitId: unit.orgUnitId,
            periodType: { 4: 'year', 6: 'quarter', 7: 'month' }[period.length] ?? 'year',
            from: period,
            to: period,
          })}`,
        });
        const [row] = res.json<TAnalyticsResult>().rows;
        expect([unit.code, indicator, period, unit.value, unit.count]).toEqual([
          unit.code,
          indicator,
          period,
          row!.value,
          row!.count,
        ]);
      }
    }
    // and the figures are the expected ones, not merely equal
    const sums = byCode((await indicatorMap(ctx.inject)).json<TCommuneMap>());
    expect([...sums.values()].map((unit) => unit.value)).toEqual([30, 7, null, 4]);
    const latest = byCode((await indicatorMap(ctx.inject, codes.average)).json<TCommuneMap>());
    expect(latest.get('16681')?.value).toBe(70);
  });

  it('colours only what the reader may see: an officer his own commune, a department none', async () => {
    const mine = byCode((await indicatorMap(officerA)).json<TCommuneMap>());
    expect(mine.get('16681')).toMatchObject({ visible: true, value: 30, count: 2 });
    for (const code of ['16690', '17329', '17380']) {
      expect(mine.get(code)).toMatchObject({ visible: false, value: null, count: null, reports: null });
    }
    const department = (await indicatorMap(bodyOfficer)).json<TCommuneMap>();
    expect(department.units.every((unit) => !unit.visible && unit.value === null)).toBe(true);
    const theirs = byCode(
      (
        await officerA({
          method: 'GET',
          url: mapUrl({ layer: 'completeness', roundId, provinceId: u.province.id }),
        })
      ).json<TCommuneMap>(),
    );
    expect(theirs.get('16681')).toMatchObject({ visible: true, value: 100 });
    expect(theirs.get('16690')).toMatchObject({ visible: false, value: null, reports: null });
  });

  it('colours a round by the share of each commune’s reports submitted', async () => {
    const res = await ctx.inject({ method: 'GET', url: mapUrl({ layer: 'completeness', roundId }) });
    expect(res.statusCode, res.body).toBe(200);
    const map = res.json<TCommuneMap>();
    expect(map.round).toEqual({ id: roundId, title: 'Đợt thử', period: '2026M10' });
    const units = byCode(map);
    expect(units.get('16681')).toMatchObject({
      value: 100,
      reports: { expected: 1, submitted: 1, accepted: 0, overdue: 0 },
    });
    // the test's today (2026-11-27) is past the due date and the grace days: a draft is overdue
    expect(units.get('16690')).toMatchObject({
      value: 0,
      reports: { expected: 1, submitted: 0, accepted: 0, overdue: 1 },
    });
    expect(units.get('17329')).toMatchObject({ value: null, reports: { expected: 0, submitted: 0 } });
    expect(units.get('17380')).toMatchObject({ value: 100, reports: { expected: 1, accepted: 1 } });
  });

  it('names the province’s boundary file, or none', async () => {
    const withFile = (await indicatorMap(ctx.inject)).json<TCommuneMap>();
    expect(withFile.boundary?.version).toMatch(/^[\w-]{43}$/);
    // the default province is the root province first by code: here 40, before the test's own root
    const byDefault = await ctx.inject({
      method: 'GET',
      url: mapUrl({ indicator: codes.sum, period: '2026' }),
    });
    expect(byDefault.json<TCommuneMap>().province.id).toBe(u.province.id);
    const without = await ctx.inject({
      method: 'GET',
      url: mapUrl({ indicator: codes.sum, period: '2026', provinceId: ctx.rootOrgUnitId }),
    });
    expect(without.json<TCommuneMap>().boundary).toBeNull();
  });
});

describe('GET /api/geo/:orgUnitId', () => {
  const file = readFileSync(path.join(import.meta.dirname, 'data', '40.geojson'));
  const geo = (id: string, headers: Record<string, string> = {}, query = '') =>
    ctx.inject({ method: 'GET', url: `/api/geo/${id}${query}`, headers });

  it('walks the ladder: 401, 400, 404 malformed or unknown, 404 without a boundary file, 200', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: `/api/geo/${u.province.id}` })).statusCode).toBe(401);
    expect((await geo(u.province.id, {}, '?khong_co=1')).statusCode).toBe(400);
    expect((await geo('abc')).statusCode).toBe(404);
    expect((await geo('00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const none = await geo(ctx.rootOrgUnitId);
    expect(none.statusCode).toBe(404);
    expect(none.json()).toMatchObject({ code: 'not_found' });
    expect(none.json().detail).toBe(
      'Không tìm thấy bản đồ ranh giới xã, phường của đơn vị này (chưa có tệp ranh giới cho tỉnh).',
    );
    expect((await geo(u.a.id)).statusCode).toBe(404);
    expect((await officerA({ method: 'GET', url: `/api/geo/${u.province.id}` })).statusCode).toBe(200);
  });

  it('sends the shipped file, compressed as the client accepts, with a strong ETag', async () => {
    const br = await geo(u.province.id, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-type']).toBe('application/geo+json; charset=utf-8');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('accept-encoding');
    expect(br.headers.etag).toMatch(/^"[\w-]{43}-br"$/);
    expect(zlib.brotliDecompressSync(br.rawPayload).equals(file)).toBe(true);
    expect(br.rawPayload.length).toBeLessThan(file.length / 4);
    // the brotli copy shipped beside the file is current: it is what is sent
    expect(br.rawPayload.equals(readFileSync(path.join(import.meta.dirname, 'data', '40.geojson.br')))).toBe(
      true,
    );

    const gz = await geo(u.province.id, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).equals(file)).toBe(true);

    const plain = await geo(u.province.id, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const collection = plain.json<{ features: { id: string; properties: { code: string } }[] }>();
    expect(collection.features).toHaveLength(130);
    // the features carry the demo org units' codes
    const csv = readFileSync(
      path.join(import.meta.dirname, '../../demo/data/nghe-an-communes-2025.csv'),
      'utf8',
    );
    const csvCodes = csv
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0])
      .sort();
    expect(collection.features.map((f) => f.properties.code).sort()).toEqual(csvCodes);
  });

  it('answers 304 to its ETag, and is kept for a year when asked by its version', async () => {
    const first = await geo(u.province.id, { 'accept-encoding': 'br' });
    const etag = String(first.headers.etag);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const again = await geo(u.province.id, { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    // another encoding is another representation
    const gz = await geo(u.province.id, { 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(gz.statusCode).toBe(200);
    const { boundary } = (await indicatorMap(ctx.inject)).json<TCommuneMap>();
    expect(etag).toBe(`"${boundary!.version}-br"`);
    const versioned = await geo(u.province.id, { 'accept-encoding': 'br' }, `?v=${boundary!.version}`);
    expect(versioned.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    const stale = await geo(u.province.id, { 'accept-encoding': 'br' }, '?v=cu');
    expect(stale.headers['cache-control']).toBe('private, no-cache');
  });
});
