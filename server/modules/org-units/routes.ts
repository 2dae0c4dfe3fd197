import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZVersioned } from '../../../common/contracts/fields';
import {
  ZCreateOrgUnitRequest,
  ZListOrgUnitsQuery,
  ZOrgUnit,
  ZOrgUnitList,
  ZOrgUnitTree,
  ZUpdateOrgUnitRequest,
} from '../../../common/contracts/org-units';
import { problemResponses, ZIdParams } from '../../http';
import { authorize, PROVINCE_WIDE } from '../../policy';
import { getOrgUnit, getOrgUnitTree, listOrgUnits } from './queries';
import { archiveOrgUnit, createOrgUnit, restoreOrgUnit, updateOrgUnit } from './service';

const tags = ['org-units'];

export const orgUnitRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.get(
    '/org-units',
    {
      schema: {
        tags,
        summary: 'Danh sách đơn vị (tìm không dấu, lọc theo loại và cấp trên)',
        querystring: ZListOrgUnitsQuery,
        response: { 200: ZOrgUnitList, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', { type: 'org_unit' });
      const { query } = request;
      return { ...(await listOrgUnits({ db, query })), page: query.page, pageSize: query.pageSize };
    },
  );

  app.get(
    '/org-units/tree',
    {
      schema: {
        tags,
        summary: 'Cây đơn vị đang hoạt động',
        response: { 200: ZOrgUnitTree, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', { type: 'org_unit' });
      return getOrgUnitTree({ db });
    },
  );

  app.get(
    '/org-units/:id',
    {
      schema: {
        tags,
        summary: 'Chi tiết đơn vị',
        params: ZIdParams,
        response: { 200: ZOrgUnit, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', { type: 'org_unit' });
      return getOrgUnit({ db, orgUnitId: request.params.id });
    },
  );

  app.post(
    '/org-units',
    {
      schema: {
        tags,
        summary: 'Thêm đơn vị',
        body: ZCreateOrgUnitRequest,
        response: { 201: ZOrgUnit, ...problemResponses },
      },
    },
    async (request, reply) => {
      // A unit without a parent is a new root: only assignments covering everything may add one.
      authorize(request.actor, 'create', {
        type: 'org_unit',
        orgUnitIds: request.body.parentId ? [request.body.parentId] : PROVINCE_WIDE,
      });
      const orgUnitId = await db.transaction((tx) =>
        createOrgUnit({ tx, input: request.body, actor: request.actor }),
      );
      reply.status(201);
      return getOrgUnit({ db, orgUnitId });
    },
  );

  app.patch(
    '/org-units/:id',
    {
      schema: {
        tags,
        summary: 'Sửa đơn vị (gửi kèm version đang sửa)',
        params: ZIdParams,
        body: ZUpdateOrgUnitRequest,
        response: { 200: ZOrgUnit, ...problemResponses },
      },
    },
    async (request) => {
      const orgUnitId = request.params.id;
      authorize(request.actor, 'update', { type: 'org_unit', orgUnitIds: [orgUnitId] });
      const { parentId } = request.body;
      if (parentId !== undefined) {
        authorize(request.actor, 'create', { type: 'org_unit', orgUnitIds: parentId ? [parentId] : [] });
      }
      await db.transaction((tx) =>
        updateOrgUnit({ tx, orgUnitId, input: request.body, actor: request.actor }),
      );
      return getOrgUnit({ db, orgUnitId });
    },
  );

  for (const [action, run] of [
    ['archive', archiveOrgUnit],
    ['restore', restoreOrgUnit],
  ] as const) {
    app.post(
      `/org-units/:id/${action}`,
      {
        schema: {
          tags,
          summary:
            action === 'archive' ? 'Lưu trữ đơn vị (từ chối nếu còn chủ trì nhiệm vụ)' : 'Khôi phục đơn vị',
          params: ZIdParams,
          body: ZVersioned,
          response: { 200: ZOrgUnit, ...problemResponses },
        },
      },
      async (request) => {
        const orgUnitId = request.params.id;
        authorize(request.actor, 'archive', { type: 'org_unit', orgUnitIds: [orgUnitId] });
        await db.transaction((tx) =>
          run({ tx, orgUnitId, version: request.body.version, actor: request.actor }),
        );
        return getOrgUnit({ db, orgUnitId });
      },
    );
  }
};
