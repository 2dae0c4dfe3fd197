import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { id } from '../../../common/contracts/fields';
import { ZBoundaryQuery, ZCommuneMap, ZCommuneMapQuery } from '../../../common/contracts/geo';
import { notFound } from '../../errors/app-error';
import { problemResponses } from '../../http';
import { authorize, readScope } from '../../policy';
import { findOrgUnit } from '../data-values/queries';
import { findBoundary, pickEncoding } from './boundaries';
import { getCommuneMap } from './map';

const tags = ['geo'];
const ZBoundaryParams = z.strictObject({ orgUnitId: id });

const NO_BOUNDARY = {
  vi: 'bản đồ ranh giới xã, phường của đơn vị này (chưa có tệp ranh giới cho tỉnh)',
  en: 'commune boundary map of this unit (no boundary file is shipped for the province)',
};
/** Asked with its current version: the URL names one content, kept for a year. */
const CACHE_VERSIONED = 'private, max-age=31536000, immutable';
/** Asked without it: kept, but checked (a 304 by the ETag) before each use. */
const CACHE_REVALIDATE = 'private, no-cache';

export const geoRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  // Signed in only: boundaries are public facts, but the upstream data's licence is unclear
  // (data/README.md) and the only reader is the signed-in dashboard — not republished to the web.
  app.get(
    '/geo/:orgUnitId',
    {
      // sent pre-compressed below: the global compression would spend 541 KB of deflate per request
      compress: false,
      schema: {
        tags,
        summary: 'Ranh giới các xã, phường của tỉnh (GeoJSON, đã giản lược), để vẽ bản đồ',
        params: ZBoundaryParams,
        querystring: ZBoundaryQuery,
        response: {
          200: z.any().describe('GeoJSON FeatureCollection'),
          304: z.null().describe('Không đổi (ETag)'),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const unit = await findOrgUnit(db, request.params.orgUnitId);
      authorize(request.actor, 'read', { type: 'org_unit', orgUnitIds: [unit.id] });
      const boundary = await findBoundary(unit.code);
      if (!boundary) throw notFound(NO_BOUNDARY);
      const encoding = pickEncoding(request.headers['accept-encoding']);
      // one strong ETag per representation: the bytes differ with the encoding
      const etag = `"${boundary.version}${encoding === 'identity' ? '' : `-${encoding}`}"`;
      reply
        .header('etag', etag)
        .header('vary', 'accept-encoding')
        .header('cache-control', request.query.v === boundary.version ? CACHE_VERSIONED : CACHE_REVALIDATE);
      const match = request.headers['if-none-match'];
      if (match?.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) {
        return reply.code(304).send(null);
      }
      const body = encoding === 'br' ? boundary.br : encoding === 'gzip' ? boundary.gzip : boundary.identity;
      if (encoding !== 'identity') reply.header('content-encoding', encoding);
      return reply.type('application/geo+json; charset=utf-8').send(body);
    },
  );

  app.get(
    '/dashboard/map',
    {
      schema: {
        tags,
        summary:
          'Giá trị tô màu bản đồ xã, phường: số liệu một chỉ tiêu trong một kỳ, hoặc mức độ nộp báo cáo của một đợt',
        querystring: ZCommuneMapQuery,
        response: { 200: ZCommuneMap, ...problemResponses },
      },
    },
    async (request) => {
      const type = request.query.layer === 'completeness' ? 'report' : 'data_value';
      authorize(request.actor, 'read', { type });
      return getCommuneMap(db, {
        query: request.query,
        scope: readScope(request.actor, type),
        today: app.clock.today(),
      });
    },
  );
};
