/**
 * Publishing and the public portal through the API: the ladder on the secretariat's routes, a
 * publication frozen as a snapshot (later changes invisible until the next one), withdrawing, the
 * anonymous crawl of every public page and /api/public path that finds nothing unpublished and no
 * personal data, ETag/304, the per-address limit (429), and the DCAT-AP catalogue's shape.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PUBLIC_DATASETS,
  type TPublication,
  type TPublicationPreview,
} from '../../../common/contracts/publishing';
import { buildApp } from '../../app';
import { rowsOf } from '../../db/sql';
import { createTestContext, type TestContext } from '../../test/context';
import { signInAs } from '../../test/sessions';
import { PUBLIC_PAGES } from '../public-site/routes';
import { buildPortalFixture, type PortalFixture } from './test-fixture';

let ctx: TestContext;
let f: PortalFixture;
/** anonymous requests from an address of their own (the crawl must not meet the per-address limit) */
const anon = (url: string, headers: Record<string, string> = {}) =>
  ctx.app.inject({
    method: 'GET',
    url,
    headers,
    remoteAddress: `198.51.100.${Math.floor(Math.random() * 250) + 1}`,
  });

const publishNow = async (note?: string) => {
  const res = await f.secretariat.inject({
    method: 'POST',
    url: '/api/publications',
    payload: note ? { note } : {},
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<TPublication>();
};

beforeAll(async () => {
  ctx = await createTestContext();
  f = await buildPortalFixture(ctx);
});
afterAll(() => ctx.close());

describe('before anything is published', () => {
  it('the site says so and the API has no dataset', async () => {
    const home = await anon('/cong-khai');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Chưa có dữ liệu công bố');
    expect(home.body).not.toContain('PUBLICWORD');
    expect((await anon('/api/public/datasets')).json()).toMatchObject({ publication: null, datasets: [] });
    const dataset = await anon('/api/public/datasets/nhiem-vu');
    expect(dataset.statusCode).toBe(404);
    expect(dataset.headers['content-type']).toContain('application/problem+json');
  });
});

describe('the secretariat publishes', () => {
  it('only the secretariat at the province: 401, 403 for others, 201 for it', async () => {
    expect((await ctx.app.inject({ method: 'POST', url: '/api/publications', payload: {} })).statusCode).toBe(
      401,
    );
    expect(
      (await f.officer.inject({ method: 'POST', url: '/api/publications', payload: {} })).statusCode,
    ).toBe(403);
    const admin = await signInAs(ctx.app, ctx.db, 'admin', ctx.rootOrgUnitId);
    expect((await admin.inject({ method: 'POST', url: '/api/publications', payload: {} })).statusCode).toBe(
      403,
    );
    const unitSecretariat = await signInAs(ctx.app, ctx.db, 'secretariat', f.unitId);
    expect(
      (await unitSecretariat.inject({ method: 'POST', url: '/api/publications', payload: {} })).statusCode,
    ).toBe(403);
    const bad = await f.secretariat.inject({
      method: 'POST',
      url: '/api/publications',
      payload: { note: 5 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('note');
  });

  it('previews the counts, then publishes number 1, audited', async () => {
    const preview = (
      await f.secretariat.inject({ method: 'GET', url: '/api/publications/preview' })
    ).json<TPublicationPreview>();
    expect(preview.current).toBeNull();
    const count = (d: string) => preview.datasets.find((x) => x.dataset === d)!;
    expect(count('nhiem-vu')).toMatchObject({ rowCount: 2, added: 2, currentCount: 0 });
    expect(count('chuong-trinh').rowCount).toBe(1);
    expect(count('chinh-sach').rowCount).toBe(1);
    expect(count('ngan-sach').rowCount).toBe(2);
    expect(count('bao-cao').rowCount).toBe(1);
    expect(count('chi-tieu').rowCount).toBeGreaterThan(0);
    const first = await publishNow('Đợt đầu');
    expect(first).toMatchObject({ number: 1, status: 'current' });
    const [event] = rowsOf<{ action: string; actor_name: string }>(
      await ctx.db.execute(sql`select action from audit_events where resource_id = ${first.id}`),
    );
    expect(event?.action).toBe('publication.publish');
  });

  it('marks plan items public, audited; an item of another plan is refused (422)', async () => {
    const list = await f.secretariat.inject({
      method: 'GET',
      url: `/api/publications/plan-items?planId=${f.planId}`,
    });
    expect(list.json().items.find((i: { id: string }) => i.id === f.publicTaskId).isPublic).toBe(true);
    const wrong = await f.secretariat.inject({
      method: 'PUT',
      url: '/api/publications/plan-items',
      payload: { planId: f.planId, itemIds: [randomUUID()], isPublic: true },
    });
    expect(wrong.statusCode).toBe(422);
    expect(
      (
        await f.officer.inject({
          method: 'PUT',
          url: '/api/publications/plan-items',
          payload: { planId: f.planId, itemIds: [f.secretTaskId], isPublic: true },
        })
      ).statusCode,
    ).toBe(403);
  });
});

/** Every link of a page (href="…"), as site paths. */
const linksOf = (body: string) =>
  [...body.matchAll(/href="([^"#]+)"/g)]
    .map((m) => m[1]!.replace(/&amp;/g, '&'))
    .filter((h) => h.startsWith('/'));

async function crawl(): Promise<Map<string, LightMyRequestResponse>> {
  const seen = new Map<string, LightMyRequestResponse>();
  const queue = [...PUBLIC_PAGES, '/api/public/datasets', '/api/public/catalog.jsonld', '/api/public/budget'];
  while (queue.length) {
    const url = queue.shift()!;
    if (seen.has(url) || !(url.startsWith('/cong-khai') || url.startsWith('/api/public'))) continue;
    const res = await anon(url);
    seen.set(url, res);
    const type = String(res.headers['content-type'] ?? '');
    if (type.includes('html')) queue.push(...linksOf(res.body));
    if (url === '/api/public/datasets') {
      for (const d of res.json().datasets)
        for (const x of d.distributions) queue.push(new URL(x.downloadURL).pathname);
    }
  }
  return seen;
}

/** The text of an answer, XLSX cells included (a zip would hide a name from a plain search). */
async function textOf(res: LightMyRequestResponse): Promise<string> {
  if (String(res.headers['content-type']).includes('spreadsheetml')) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((c) => cells.push(String(c.value)))));
    return cells.join('\n');
  }
  return res.body;
}

describe('an anonymous reader', () => {
  it('crawls every public page and path: published data there, nothing unpublished, no personal data', async () => {
    const pages = await crawl();
    expect(pages.size).toBeGreaterThan(30);
    const failures: string[] = [];
    for (const [url, res] of pages) {
      if (res.statusCode !== 200) failures.push(`${url}: ${res.statusCode}`);
      const text = await textOf(res);
      for (const secret of f.secrets) if (text.includes(secret)) failures.push(`${url} shows "${secret}"`);
    }
    expect(failures).toEqual([]);
    const all = (await Promise.all([...pages.values()].map(textOf))).join('\n');
    for (const shown of [
      'Nhiệm vụ PUBLICWORD một',
      'Chương trình chuyển đổi số PUBLICWORD',
      'Báo cáo tiến độ PUBLICWORD',
      'Việc PUBLICWORD trong nhóm kín',
    ]) {
      expect(all).toContain(shown);
    }
    // every kind of page was reached by following links
    for (const prefix of [
      '/cong-khai/chuong-trinh/',
      '/cong-khai/chinh-sach/',
      '/cong-khai/du-lieu/',
      '/api/public/reports/',
    ]) {
      expect(
        [...pages.keys()].some((u) => u.startsWith(prefix)),
        prefix,
      ).toBe(true);
    }
  });

  it('guessing ids and numbers of unpublished or personal records finds nothing', async () => {
    const [firstUser] = rowsOf<{ id: string }>(await ctx.db.execute(sql`select id from users limit 1`));
    const ids = [
      f.secretProgrammeId,
      f.secretPolicyId,
      f.secretBudgetLineId,
      f.secretReportId,
      f.secretTaskId,
      f.publicTaskId,
      f.unitId,
      f.officer.user.id,
      firstUser!.id,
      randomUUID(),
      '00000000-0000-0000-0000-000000000001',
      '1',
      '2',
      '0',
      '-1',
      '1%27%20or%201=1',
    ];
    const urls = ids.flatMap((id) => [
      `/cong-khai/chuong-trinh/${id}`,
      `/cong-khai/chinh-sach/${id}`,
      `/cong-khai/du-lieu/${id}`,
      `/cong-khai/nguoi-dung/${id}`,
      `/api/public/programmes/${id}`,
      `/api/public/policies/${id}`,
      `/api/public/reports/${id}.pdf`,
      `/api/public/datasets/${id}`,
      `/api/public/users/${id}`,
    ]);
    const failures: string[] = [];
    for (const url of urls) {
      const res = await anon(url);
      if (res.statusCode !== 404) failures.push(`${url}: ${res.statusCode}`);
      for (const secret of f.secrets)
        if (res.body.includes(secret)) failures.push(`${url} shows "${secret}"`);
    }
    // the signed-in API stays closed
    for (const url of [
      `/api/users/${f.officer.user.id}`,
      `/api/programmes/${f.secretProgrammeId}`,
      '/api/users',
      '/api/publications',
    ]) {
      const res = await anon(url);
      if (res.statusCode !== 401 && res.statusCode !== 404) failures.push(`${url}: ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('the search ignores diacritics and filters by kind', async () => {
    const page = async (q: string) => (await anon(`/cong-khai/chuong-trinh?${q}`)).body;
    expect(await page('q=chuyen%20doi%20so')).toContain('Chương trình chuyển đổi số PUBLICWORD');
    expect(await page('q=CHUYỂN%20ĐỔI')).toContain('Chương trình chuyển đổi số PUBLICWORD');
    expect(await page('q=doi%20moi%20sang%20tao')).toContain('Hỗ trợ đổi mới sáng tạo PUBLICWORD');
    expect(await page('q=doi%20moi%20sang%20tao&loai=chuong-trinh')).not.toContain('Hỗ trợ đổi mới sáng tạo');
    expect(await page('q=noi%20bo')).not.toContain('SECRETWORD');
    // a link with extra parameters still opens
    expect((await anon('/cong-khai/chuong-trinh?utm_source=x&loai=khac')).statusCode).toBe(200);
  });
});

describe('snapshot semantics', () => {
  it('changes after a publication show only after the next one; a withdrawal empties the site', async () => {
    await ctx.db.execute(
      sql`update plan_items set title = 'Nhiệm vụ ĐỔI TÊN SAU' where id = ${f.publicTaskId}`,
    );
    await ctx.db.execute(
      sql`update programmes set name = 'Chương trình ĐỔI TÊN SAU' where id = ${f.publicProgrammeId}`,
    );
    const flagged = await f.secretariat.inject({
      method: 'PUT',
      url: '/api/publications/plan-items',
      payload: { planId: f.planId, itemIds: [f.secretTaskId], isPublic: true },
    });
    expect(flagged.json()).toEqual({ changed: 1 });
    const before = [
      await anon('/cong-khai'),
      await anon('/api/public/datasets/nhiem-vu'),
      await anon(`/cong-khai/chuong-trinh/${f.publicProgrammeId}`),
    ];
    for (const res of before) {
      expect(res.body).not.toContain('ĐỔI TÊN SAU');
      expect(res.body).not.toContain('Nhiệm vụ nội bộ');
    }
    expect(before[1]!.json().rows).toHaveLength(2);

    const preview = (
      await f.secretariat.inject({ method: 'GET', url: '/api/publications/preview' })
    ).json<TPublicationPreview>();
    expect(preview.datasets.find((d) => d.dataset === 'nhiem-vu')).toMatchObject({
      added: 1,
      changed: 1,
      removed: 0,
      currentCount: 2,
    });
    const second = await publishNow();
    expect(second.number).toBe(2);
    const list = (await f.secretariat.inject({ method: 'GET', url: '/api/publications' })).json<{
      items: TPublication[];
    }>();
    expect(list.items.map((p) => [p.number, p.status])).toEqual([
      [2, 'current'],
      [1, 'superseded'],
    ]);
    expect((await anon('/cong-khai')).body).toContain('Nhiệm vụ ĐỔI TÊN SAU');
    expect((await anon('/api/public/datasets/nhiem-vu')).json().rows).toHaveLength(3);

    const withdrawn = await f.secretariat.inject({
      method: 'POST',
      url: `/api/publications/${second.id}/withdraw`,
      payload: {},
    });
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn' });
    expect((await anon('/cong-khai')).body).toContain('Chưa có dữ liệu công bố');
    expect((await anon('/api/public/datasets/nhiem-vu')).statusCode).toBe(404);
    const again = await f.secretariat.inject({
      method: 'POST',
      url: `/api/publications/${second.id}/withdraw`,
      payload: {},
    });
    expect(again.statusCode).toBe(400);
    await ctx.db.execute(sql`update plan_items set is_public = false where id = ${f.secretTaskId}`);
    await publishNow();
  });
});

describe('HTTP caching', () => {
  it('a strong ETag per publication and representation; If-None-Match gets 304', async () => {
    for (const url of [
      '/api/public/datasets/nhiem-vu',
      '/api/public/datasets/chi-tieu.csv',
      '/api/public/datasets/ngan-sach.xlsx',
      '/cong-khai',
      '/api/public/catalog.jsonld',
    ]) {
      const first = await anon(url);
      expect(first.statusCode, url).toBe(200);
      const etag = String(first.headers.etag);
      expect(etag, url).toMatch(/^"[^"]+"$/);
      expect(first.headers['cache-control']).toContain('max-age=60');
      const second = await anon(url);
      expect(second.headers.etag).toBe(etag);
      // the same bytes each time, as a strong validator promises (the XLSX included)
      expect(Buffer.compare(second.rawPayload, first.rawPayload), url).toBe(0);
      const cached = await anon(url, { 'if-none-match': etag });
      expect(cached.statusCode, url).toBe(304);
      expect(cached.body).toBe('');
      expect((await anon(url, { 'if-none-match': '"something-else"' })).statusCode).toBe(200);
    }
    const csv = await anon('/api/public/datasets/nhiem-vu.csv');
    const xlsx = await anon('/api/public/datasets/nhiem-vu.xlsx');
    expect(csv.headers.etag).not.toBe(xlsx.headers.etag);
    const old = String((await anon('/api/public/datasets/nhiem-vu')).headers.etag);
    await publishNow();
    const fresh = await anon('/api/public/datasets/nhiem-vu', { 'if-none-match': old });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers.etag).not.toBe(old);
  });

  it('CSV and XLSX hold the same rows as the JSON', async () => {
    const json = (await anon('/api/public/datasets/ngan-sach')).json();
    const csv = (await anon('/api/public/datasets/ngan-sach.csv')).body;
    expect(csv.startsWith('\uFEFFid,year,source,')).toBe(true);
    expect(csv.trim().split('\r\n')).toHaveLength(json.rows.length + 1);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await anon('/api/public/datasets/ngan-sach.xlsx')).rawPayload as unknown as ArrayBuffer,
    );
    expect(workbook.worksheets[0]!.rowCount).toBe(json.rows.length + 1);
    expect(workbook.worksheets[0]!.getRow(1).getCell(1).value).toBe('Mã định danh');
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After and a problem past the limit per address, other addresses unaffected', async () => {
    const app = await buildApp({ database: ctx.database, publicRateLimit: { max: 3, windowSeconds: 60 } });
    try {
      const get = (url: string, remoteAddress = '203.0.113.7') =>
        app.inject({ method: 'GET', url, remoteAddress });
      for (let i = 0; i < 3; i++)
        expect((await get(i === 1 ? '/cong-khai' : '/api/public/datasets')).statusCode).toBe(200);
      const refused = await get('/api/public/datasets/chi-tieu.csv');
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.json()).toMatchObject({ code: 'rate_limited', status: 429 });
      expect((await get('/cong-khai')).statusCode).toBe(429);
      expect((await get('/cong-khai', '203.0.113.8')).statusCode).toBe(200);
      // the signed-in API is not counted
      expect((await get('/api/health')).statusCode).not.toBe(429);
    } finally {
      await app.close();
    }
  });

  it('the OpenAPI document lists the public routes with ids, 304 and 429', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const paths = Object.keys(doc.paths).filter((p) => p.startsWith('/api/public/'));
    expect(paths.length).toBe(PUBLIC_DATASETS.length * 3 + 6);
    for (const p of paths) {
      const operation = doc.paths[p].get;
      expect(operation.operationId, p).toMatch(/^getPublic/);
      expect(Object.keys(operation.responses), p).toEqual(
        expect.arrayContaining(['200', '304', '404', '429']),
      );
      expect(operation.responses['401'], p).toBeUndefined();
    }
  });
});

describe('the DCAT-AP catalogue', () => {
  it('describes each dataset with licence, dates, publisher and its distributions', async () => {
    const res = await anon('/api/public/catalog.jsonld');
    expect(res.headers['content-type']).toContain('application/ld+json');
    const catalogue = res.json();
    expect(catalogue['@context']).toMatchObject({
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
    });
    expect(catalogue['@type']).toBe('dcat:Catalog');
    expect(catalogue['dct:license']['@id']).toBe('https://creativecommons.org/licenses/by/4.0/');
    const datasets = catalogue['dcat:dataset'];
    expect(datasets.map((d: { 'dct:identifier': string }) => d['dct:identifier'])).toEqual([
      ...PUBLIC_DATASETS,
    ]);
    for (const d of datasets) {
      expect(d['@type']).toBe('dcat:Dataset');
      expect(d['dct:title']).toMatchObject({ '@language': 'vi' });
      expect(d['dct:description']['@value'].length).toBeGreaterThan(20);
      expect(d['dct:publisher']['foaf:name']['@value']).toContain('Ủy ban nhân dân');
      expect(d['dct:license']['@id']).toContain('creativecommons.org/licenses/by/4.0');
      expect(new Date(d['dct:issued']['@value']).getTime()).toBeLessThanOrEqual(
        new Date(d['dct:modified']['@value']).getTime(),
      );
      expect(d['dcat:distribution']).toHaveLength(3);
      for (const dist of d['dcat:distribution']) {
        expect(dist['@type']).toBe('dcat:Distribution');
        expect(dist['dcat:mediaType']['@id']).toMatch(/^http:\/\/www\.iana\.org\/assignments\/media-types\//);
        const url = new URL(dist['dcat:downloadURL']['@id']);
        const download = await anon(url.pathname);
        expect(download.statusCode, url.pathname).toBe(200);
        expect(dist['dcat:mediaType']['@id']).toContain(
          String(download.headers['content-type']).split(';')[0],
        );
      }
    }
  });
});
