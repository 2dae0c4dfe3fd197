import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZVersioned } from '../../../common/contracts/fields';
import {
  ZCreateIndicatorRequest,
  ZIndicator,
  ZIndicatorList,
  ZListIndicatorsQuery,
  ZUpdateIndicatorRequest,
} from '../../../common/contracts/indicators';
import { problemResponses, ZIdParams } from '../../http';
import { authorize } from '../../policy';
import { attainmentBasis, getIndicator, indicatorOwners, listIndicators } from './queries';
import { archiveIndicator, createIndicator, restoreIndicator, updateIndicator } from './service';

const tags = ['indicators'];

/**
 * The catalogue is read by everyone signed in. An indicator belongs to its responsible unit:
 * managers over that unit change it; one without a responsible unit is the province's.
 */
const ownersOf = (responsibleOrgUnitId: string | null | undefined) =>
  responsibleOrgUnitId ? [responsibleOrgUnitId] : [];

export const indicatorRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.get(
    '/indicators',
    {
      schema: {
        tags,
        summary: 'Danh mục chỉ tiêu (tìm không dấu theo mã, tên; lọc theo kỳ báo cáo, cấp nhập, loại)',
        querystring: ZListIndicatorsQuery,
        response: { 200: ZIndicatorList, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', { type: 'indicator' });
      const { query } = request;
      const attainment = await attainmentBasis(db, request.actor, app.clock.today());
      return {
        ...(await listIndicators({ db, query, attainment })),
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  );

  app.get(
    '/indicators/:id',
    {
      schema: {
        tags,
        summary: 'Chi tiết chỉ tiêu',
        params: ZIdParams,
        response: { 200: ZIndicator, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', { type: 'indicator' });
      return getIndicator({ db, indicatorId: request.params.id });
    },
  );

  app.post(
    '/indicators',
    {
      schema: {
        tags,
        summary: 'Thêm chỉ tiêu',
        body: ZCreateIndicatorRequest,
        response: { 201: ZIndicator, ...problemResponses },
      },
    },
    async (request, reply) => {
      authorize(request.actor, 'create', {
        type: 'indicator',
        orgUnitIds: ownersOf(request.body.responsibleOrgUnitId),
      });
      const indicatorId = await db.transaction((tx) =>
        createIndicator({ tx, input: request.body, actor: request.actor }),
      );
      reply.status(201);
      return getIndicator({ db, indicatorId });
    },
  );

  app.patch(
    '/indicators/:id',
    {
      schema: {
        tags,
        summary: 'Sửa chỉ tiêu (gửi kèm version đang sửa; mã chỉ tiêu không đổi được)',
        params: ZIdParams,
        body: ZUpdateIndicatorRequest,
        response: { 200: ZIndicator, ...problemResponses },
      },
    },
    async (request) => {
      const indicatorId = request.params.id;
      authorize(request.actor, 'update', {
        type: 'indicator',
        orgUnitIds: await indicatorOwners(db, indicatorId),
      });
      const { responsibleOrgUnitId } = request.body;
      if (responsibleOrgUnitId !== undefined) {
        authorize(request.actor, 'create', { type: 'indicator', orgUnitIds: ownersOf(responsibleOrgUnitId) });
      }
      await db.transaction((tx) =>
        updateIndicator({ tx, indicatorId, input: request.body, actor: request.actor }),
      );
      return getIndicator({ db, indicatorId });
    },
  );

  for (const [action, run] of [
    ['archive', archiveIndicator],
    ['restore', restoreIndicator],
  ] as const) {
    app.post(
      `/indicators/:id/${action}`,
      {
        schema: {
          tags,
          summary:
            action === 'archive'
              ? 'Lưu trữ chỉ tiêu (từ chối nếu chỉ tiêu khác còn dùng nó)'
              : 'Khôi phục chỉ tiêu',
          params: ZIdParams,
          body: ZVersioned,
          response: { 200: ZIndicator, ...problemResponses },
        },
      },
      async (request) => {
        const indicatorId = request.params.id;
        authorize(request.actor, 'archive', {
          type: 'indicator',
          orgUnitIds: await indicatorOwners(db, indicatorId),
        });
        await db.transaction((tx) =>
          run({ tx, indicatorId, version: request.body.version, actor: request.actor }),
        );
        return getIndicator({ db, indicatorId });
      },
    );
  }
};
