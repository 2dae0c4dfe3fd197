/**
 * The public site under /cong-khai: server-rendered pages, no sign-in, no script. Registered before
 * the web app, whose fallback serves the SPA for other paths. Each page is built from the current
 * publication only; its ETag names the publication and the page (a 304 until the next one).
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type DatasetRows, PUBLIC_DATASETS, type PublicDataset } from '../../../common/contracts/publishing';
import type { Executor } from '../../db/client';
import {
  type CurrentPublication,
  currentPublication,
  datasetRows,
  etagOf,
  matchesEtag,
  PUBLIC_CACHE_CONTROL,
} from '../publishing/current';
import { programmeDetail } from '../publishing/public-routes';
import type { RateLimiter } from '../publishing/rate-limit';
import { html, PREFIX, page } from './html';
import {
  budgetPage,
  cataloguePage,
  datasetPage,
  homePage,
  NOTHING_PUBLISHED,
  openDataPage,
  type PageContent,
  policyPage,
  programmePage,
  reportsPage,
} from './pages';

/** Lenient on purpose: a shared link with extra parameters (utm_…) or an odd value still opens the page. */
const ZCatalogueQuery = z.object({
  q: z.string().max(200).optional().catch(undefined),
  loai: z.enum(['chuong-trinh', 'chinh-sach']).optional().catch(undefined),
  'trang-thai': z.string().max(40).optional().catch(undefined),
});
/** Any string: an id that names nothing published gets the site's own 404 page. */
const ZPageId = z.object({ id: z.string().max(100) });

async function allRows(db: Executor, publication: CurrentPublication) {
  const entries = await Promise.all(
    PUBLIC_DATASETS.map(async (d) => [d, await datasetRows(db, publication, d)]),
  );
  return Object.fromEntries(entries) as DatasetRows;
}

const NOT_FOUND: PageContent = {
  title: 'Không tìm thấy trang',
  description: 'Trang không có trong đợt công bố hiện hành.',
  body: html`<h1>Không tìm thấy trang</h1><p>Nội dung này không có trong đợt công bố hiện hành. <a href="${PREFIX}">Về trang chủ</a>.</p>`,
};

/** Page paths, for the tests' crawl and the bench. */
export const PUBLIC_PAGES = ['', '/chuong-trinh', '/ngan-sach', '/bao-cao', '/du-lieu'].map(
  (p) => `${PREFIX}${p}`,
);

export const publicSiteRoutes: FastifyPluginAsyncZod<{ limiter: RateLimiter }> = async (app, options) => {
  const { db } = app.database;
  app.addHook('onRequest', options.limiter);

  /**
   * Sends a page: the publication's figures through `build` (null: no such record → 404 page), with
   * an ETag of the publication and the URL, or the "nothing published" page.
   */
  async function send(
    request: FastifyRequest,
    reply: FastifyReply,
    build: (publication: CurrentPublication) => Promise<PageContent | null>,
  ) {
    const publication = await currentPublication(db);
    reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', PUBLIC_CACHE_CONTROL);
    const path = request.url.split('?')[0]!.replace(/\/$/, '') || PREFIX;
    if (!publication) {
      return reply.code(path === PREFIX ? 200 : 404).send(page({ ...NOTHING_PUBLISHED, path }));
    }
    const etag = etagOf(
      publication,
      `page-${createHash('sha256').update(request.url).digest('hex').slice(0, 16)}`,
    );
    reply.header('etag', etag);
    if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
    const content = await build(publication);
    return reply
      .code(content ? 200 : 404)
      .send(page({ ...(content ?? NOT_FOUND), path, stamp: publication }));
  }

  const hide = { hide: true };
  app.get(PREFIX, { config: { public: true }, schema: hide }, (request, reply) =>
    send(request, reply, async (p) => homePage(await allRows(db, p))),
  );
  app.get(
    `${PREFIX}/chuong-trinh`,
    { config: { public: true }, schema: { ...hide, querystring: ZCatalogueQuery } },
    (request, reply) => send(request, reply, async (p) => cataloguePage(await allRows(db, p), request.query)),
  );
  app.get(
    `${PREFIX}/chuong-trinh/:id`,
    { config: { public: true }, schema: { ...hide, params: ZPageId } },
    (request, reply) =>
      send(request, reply, async (p) => {
        const detail = await programmeDetail(db, p, request.params.id);
        return detail ? programmePage(detail) : null;
      }),
  );
  app.get(
    `${PREFIX}/chinh-sach/:id`,
    { config: { public: true }, schema: { ...hide, params: ZPageId } },
    (request, reply) =>
      send(request, reply, async (p) => {
        const policy = (await datasetRows(db, p, 'chinh-sach')).find((x) => x.id === request.params.id);
        if (!policy) return null;
        const programme = (await datasetRows(db, p, 'chuong-trinh')).find((x) => x.id === policy.programmeId);
        return policyPage(policy, programme ?? null);
      }),
  );
  app.get(`${PREFIX}/ngan-sach`, { config: { public: true }, schema: hide }, (request, reply) =>
    send(request, reply, async (p) => budgetPage(await allRows(db, p))),
  );
  app.get(`${PREFIX}/bao-cao`, { config: { public: true }, schema: hide }, (request, reply) =>
    send(request, reply, async (p) => reportsPage(await allRows(db, p))),
  );
  app.get(`${PREFIX}/du-lieu`, { config: { public: true }, schema: hide }, (request, reply) =>
    send(request, reply, async (p) => openDataPage(await allRows(db, p))),
  );
  app.get(
    `${PREFIX}/du-lieu/:dataset`,
    { config: { public: true }, schema: { ...hide, params: z.object({ dataset: z.string().max(40) }) } },
    (request, reply) =>
      send(request, reply, async (p) => {
        const dataset = request.params.dataset as PublicDataset;
        if (!PUBLIC_DATASETS.includes(dataset)) return null;
        const rows = (await datasetRows(db, p, dataset)) as Record<string, unknown>[];
        return datasetPage(dataset, rows, p.publishedAt);
      }),
  );
  // anything else under the prefix: the site's own 404 page, not the web app's shell
  app.get(`${PREFIX}/*`, { config: { public: true }, schema: hide }, (request, reply) =>
    send(request, reply, async () => null),
  );
};
