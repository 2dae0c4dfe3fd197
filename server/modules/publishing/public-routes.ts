/**
 * The public API (/api/public/…): read-only, no sign-in, served from the current publication's
 * snapshot only. Every answer carries a strong ETag (the publication and what is sent) and a short
 * Cache-Control; a matching If-None-Match gets 304. Requests are counted per address (429 with
 * Retry-After past the limit).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DATASET_INFO,
  DATASET_ROWS,
  OPEN_LICENCE,
  PUBLIC_DATASETS,
  type PublicDataset,
  ZPublicationStamp,
  ZPublicBudget,
  ZPublicDatasetList,
  ZPublicIdParams,
  ZPublicPolicyDetail,
  ZPublicProgrammeDetail,
} from '../../../common/contracts/publishing';
import { ZProblem } from '../../../common/problem';
import { notFound } from '../../errors/app-error';
import { CONTENT_TYPES, fileResponse } from '../../http';
import {
  type CurrentPublication,
  currentPublication,
  datasetRows,
  etagOf,
  matchesEtag,
  PUBLIC_CACHE_CONTROL,
} from './current';
import { dcatCatalogue } from './dcat';
import { datasetCsv, datasetXlsx } from './export';
import type { RateLimiter } from './rate-limit';
import { getReportPdf } from './reports';

const tags = ['public'];
const DATASET_NAME = { vi: 'bộ dữ liệu đã công bố', en: 'published dataset' };
const PROGRAMME_NAME = { vi: 'chương trình đã công bố', en: 'published programme' };
const POLICY_NAME = { vi: 'chính sách đã công bố', en: 'published policy' };
const REPORT_NAME = { vi: 'báo cáo đã công bố', en: 'published report' };

/** Answers of every public route: not modified, not found (nothing published), too many requests. */
const publicProblems = {
  304: z.null().describe('Không thay đổi so với bản đã tải (ETag khớp If-None-Match); không có nội dung'),
  404: ZProblem,
  429: ZProblem,
} as const;

/** The extension of each format's URL and its media type. */
export const FORMAT_TYPES = {
  json: { suffix: '', mediaType: 'application/json' },
  csv: { suffix: '.csv', mediaType: CONTENT_TYPES.csv },
  xlsx: { suffix: '.xlsx', mediaType: CONTENT_TYPES.xlsx },
} as const;

export const datasetPath = (dataset: PublicDataset, format: keyof typeof FORMAT_TYPES) =>
  `/api/public/datasets/${dataset}${FORMAT_TYPES[format].suffix}`;

export const stamp = (p: CurrentPublication) => ({
  number: p.number,
  publishedAt: p.publishedAt.toISOString(),
});

/**
 * The current publication, or 404; sets ETag and Cache-Control, and answers 304 itself when the
 * client holds this very representation (then returns null: the handler sends nothing more).
 */
export async function cachedPublication(
  request: FastifyRequest,
  reply: FastifyReply,
  what: string,
  missing = DATASET_NAME,
): Promise<CurrentPublication | null> {
  const publication = await currentPublication(request.server.database.db);
  if (!publication) throw notFound(missing);
  const etag = etagOf(publication, what);
  reply.header('etag', etag).header('cache-control', PUBLIC_CACHE_CONTROL).header('vary', 'accept-encoding');
  if (matchesEtag(request.headers['if-none-match'], etag)) {
    await reply.code(304).send();
    return null;
  }
  return publication;
}

export const publicApiRoutes: FastifyPluginAsyncZod<{ limiter: RateLimiter }> = async (app, options) => {
  const { db } = app.database;
  app.addHook('onRequest', options.limiter);

  app.get(
    '/public/datasets',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Các bộ dữ liệu mở của đợt công bố hiện hành, định dạng và địa chỉ tải',
        response: { 200: ZPublicDatasetList, ...publicProblems },
      },
    },
    async (request, reply) => {
      const publication = await currentPublication(db);
      const etag = publication ? etagOf(publication, 'datasets') : '"none-datasets"';
      reply.header('etag', etag).header('cache-control', PUBLIC_CACHE_CONTROL);
      if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send(null);
      const base = `${request.protocol}://${request.host}`;
      const datasets = publication
        ? await Promise.all(
            PUBLIC_DATASETS.map(async (id) => ({
              id,
              ...DATASET_INFO[id],
              rowCount: (await datasetRows(db, publication, id)).length,
              distributions: (Object.keys(FORMAT_TYPES) as (keyof typeof FORMAT_TYPES)[]).map((format) => ({
                format,
                mediaType: FORMAT_TYPES[format].mediaType,
                downloadURL: `${base}${datasetPath(id, format)}`,
              })),
            })),
          )
        : [];
      return { publication: publication ? stamp(publication) : null, licence: OPEN_LICENCE, datasets };
    },
  );

  // One route per dataset and format: each JSON answer typed by its own rows in the OpenAPI document.
  for (const dataset of PUBLIC_DATASETS) {
    const info = DATASET_INFO[dataset];
    app.get(
      datasetPath(dataset, 'json').replace('/api', ''),
      {
        config: { public: true },
        schema: {
          tags,
          summary: `${info.title} (JSON)`,
          description: info.description,
          response: {
            200: z.object({
              id: z.literal(dataset),
              title: z.string(),
              publication: ZPublicationStamp,
              licence: z.string(),
              rows: z.array(DATASET_ROWS[dataset]),
            }),
            ...publicProblems,
          },
        },
      },
      async (request, reply) => {
        const publication = await cachedPublication(request, reply, `${dataset}.json`);
        if (!publication) return reply;
        const rows = await datasetRows(db, publication, dataset);
        return {
          id: dataset,
          title: info.title,
          publication: stamp(publication),
          licence: OPEN_LICENCE.url,
          rows,
        };
      },
    );
    app.get(
      datasetPath(dataset, 'csv').replace('/api', ''),
      {
        config: { public: true },
        schema: {
          tags,
          summary: `${info.title} (CSV, UTF-8)`,
          response: { 200: fileResponse('Tệp CSV', CONTENT_TYPES.csv), ...publicProblems },
        },
      },
      async (request, reply) => {
        const publication = await cachedPublication(request, reply, `${dataset}.csv`);
        if (!publication) return reply;
        const rows = await datasetRows(db, publication, dataset);
        return reply
          .header('content-type', `${CONTENT_TYPES.csv}; charset=utf-8`)
          .header('content-disposition', `attachment; filename="${dataset}-cb${publication.number}.csv"`)
          .send(datasetCsv(dataset, rows as Record<string, unknown>[]));
      },
    );
    app.get(
      datasetPath(dataset, 'xlsx').replace('/api', ''),
      {
        config: { public: true },
        schema: {
          tags,
          summary: `${info.title} (XLSX)`,
          response: { 200: fileResponse('Tệp XLSX', CONTENT_TYPES.xlsx), ...publicProblems },
        },
      },
      async (request, reply) => {
        const publication = await cachedPublication(request, reply, `${dataset}.xlsx`);
        if (!publication) return reply;
        const rows = await datasetRows(db, publication, dataset);
        return reply
          .header('content-type', CONTENT_TYPES.xlsx)
          .header('content-disposition', `attachment; filename="${dataset}-cb${publication.number}.xlsx"`)
          .send(datasetXlsx(dataset, rows as Record<string, unknown>[], publication.publishedAt));
      },
    );
  }

  app.get(
    '/public/programmes/:id',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Một chương trình, đề án đã công bố: nhiệm vụ, chính sách và ngân sách của nó',
        params: ZPublicIdParams,
        response: { 200: ZPublicProgrammeDetail, ...publicProblems },
      },
    },
    async (request, reply) => {
      const publication = await cachedPublication(
        request,
        reply,
        `programme-${request.params.id}`,
        PROGRAMME_NAME,
      );
      if (!publication) return reply;
      const detail = await programmeDetail(db, publication, request.params.id);
      if (!detail) throw notFound(PROGRAMME_NAME);
      return detail;
    },
  );

  app.get(
    '/public/policies/:id',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Một chính sách hỗ trợ đã công bố',
        params: ZPublicIdParams,
        response: { 200: ZPublicPolicyDetail, ...publicProblems },
      },
    },
    async (request, reply) => {
      const publication = await cachedPublication(request, reply, `policy-${request.params.id}`, POLICY_NAME);
      if (!publication) return reply;
      const policy = (await datasetRows(db, publication, 'chinh-sach')).find(
        (p) => p.id === request.params.id,
      );
      if (!policy) throw notFound(POLICY_NAME);
      const programmes = await datasetRows(db, publication, 'chuong-trinh');
      return { policy, programme: programmes.find((p) => p.id === policy.programmeId) ?? null };
    },
  );

  app.get(
    '/public/budget',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Ngân sách đã công bố: vốn giao và giải ngân theo năm, nguồn, chương trình, nhiệm vụ',
        response: { 200: ZPublicBudget, ...publicProblems },
      },
    },
    async (request, reply) => {
      const publication = await cachedPublication(request, reply, 'budget');
      if (!publication) return reply;
      return { publication: stamp(publication), lines: await datasetRows(db, publication, 'ngan-sach') };
    },
  );

  app.get(
    '/public/reports/:id.pdf',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Tải một báo cáo định kỳ đã công bố (PDF, như khi ban hành)',
        params: ZPublicIdParams,
        response: { 200: fileResponse('Tệp PDF', CONTENT_TYPES.pdf), ...publicProblems },
      },
    },
    async (request, reply) => {
      const publication = await cachedPublication(request, reply, `report-${request.params.id}`, REPORT_NAME);
      if (!publication) return reply;
      const listed = (await datasetRows(db, publication, 'bao-cao')).find((r) => r.id === request.params.id);
      if (!listed) throw notFound(REPORT_NAME);
      const pdf = await getReportPdf(db, listed.id);
      return reply
        .header('content-type', CONTENT_TYPES.pdf)
        .header('content-disposition', `inline; filename="bao-cao-${listed.number}.pdf"`)
        .send(pdf);
    },
  );

  app.get(
    '/public/catalog.jsonld',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Danh mục dữ liệu theo DCAT-AP (JSON-LD): bộ dữ liệu, giấy phép, ngày công bố, địa chỉ tải',
        response: {
          200: {
            description: 'Danh mục DCAT-AP',
            content: { 'application/ld+json': { schema: z.record(z.string(), z.unknown()) } },
          },
          ...publicProblems,
        },
      },
    },
    async (request, reply) => {
      const publication = await cachedPublication(request, reply, 'catalog');
      if (!publication) return reply;
      const body = await dcatCatalogue(db, publication, `${request.protocol}://${request.host}`);
      return reply
        .header('content-type', 'application/ld+json; charset=utf-8')
        .send(JSON.stringify(body) as unknown as Record<string, unknown>);
    },
  );
};

/** A programme of the snapshot with its public tasks, policies and budget lines. */
export async function programmeDetail(
  db: Parameters<typeof datasetRows>[0],
  publication: CurrentPublication,
  id: string,
) {
  const programme = (await datasetRows(db, publication, 'chuong-trinh')).find((p) => p.id === id);
  if (!programme) return null;
  const codes = new Set(programme.taskCodes.split('; ').filter(Boolean));
  const [tasks, policies, budget] = await Promise.all([
    datasetRows(db, publication, 'nhiem-vu'),
    datasetRows(db, publication, 'chinh-sach'),
    datasetRows(db, publication, 'ngan-sach'),
  ]);
  return {
    programme,
    tasks: tasks.filter((t) => codes.has(t.code)),
    policies: policies.filter((p) => p.programmeId === id),
    budget: budget.filter((b) => b.programmeId === id),
  };
}
