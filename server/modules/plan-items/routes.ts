import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZVersioned } from '../../../common/contracts/fields';
import {
  ZCreatePlanItemRequest,
  ZListPlanItemsQuery,
  ZPlanItemDetail,
  ZPlanItemHistory,
  ZPlanItemList,
  ZPlanTree,
  ZUpdatePlanItemRequest,
} from '../../../common/contracts/plan-items';
import { ZTaskTrail } from '../../../common/contracts/task-trail';
import { problemResponses, ZIdParams, ZPlanIdParams } from '../../http';
import { authorize, readScope } from '../../policy';
import { assertPlanExists } from '../plans/queries';
import { getPlanItemDetail, getPlanItemHistory, getPlanTree, listPlanItems } from './queries';
import { planItemOwners } from './scope';
import { archivePlanItem, createPlanItem, restorePlanItem, updatePlanItem } from './service';
import { getTaskTrail } from './trail';

const tags = ['plan-items'];

export const planItemRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.get(
    '/plans/:planId/items',
    {
      schema: {
        tags,
        summary: 'Danh sách nhiệm vụ của kế hoạch (lọc, tìm kiếm, sắp xếp, phân trang)',
        params: ZPlanIdParams,
        querystring: ZListPlanItemsQuery,
        response: { 200: ZPlanItemList, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', { type: 'plan_item' });
      await assertPlanExists(db, request.params.planId);
      const { query } = request;
      const scope = readScope(request.actor, 'plan_item');
      const result = await listPlanItems({
        db,
        planId: request.params.planId,
        query,
        scope,
        today: app.clock.today(),
      });
      return { ...result, page: query.page, pageSize: query.pageSize };
    },
  );

  app.get(
    '/plans/:planId/tree',
    {
      schema: {
        tags,
        summary: 'Cây kế hoạch: nhóm → nhiệm vụ, kèm số lượng theo trạng thái',
        params: ZPlanIdParams,
        response: { 200: ZPlanTree, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', { type: 'plan_item' });
      await assertPlanExists(db, request.params.planId);
      const scope = readScope(request.actor, 'plan_item');
      return getPlanTree({ db, planId: request.params.planId, scope, today: app.clock.today() });
    },
  );

  app.post(
    '/plans/:planId/items',
    {
      schema: {
        tags,
        summary: 'Thêm nhóm, nhiệm vụ hoặc mốc',
        params: ZPlanIdParams,
        body: ZCreatePlanItemRequest,
        response: { 201: ZPlanItemDetail, ...problemResponses },
      },
    },
    async (request, reply) => {
      const lead = request.body.leadOrgUnitId;
      authorize(request.actor, 'create', { type: 'plan_item', orgUnitIds: lead ? [lead] : [] });
      const itemId = await db.transaction((tx) =>
        createPlanItem({ tx, planId: request.params.planId, input: request.body, actor: request.actor }),
      );
      reply.status(201);
      return getPlanItemDetail({ db, itemId, today: app.clock.today() });
    },
  );

  app.get(
    '/items/:id',
    {
      schema: {
        tags,
        summary: 'Chi tiết nhiệm vụ',
        params: ZIdParams,
        response: { 200: ZPlanItemDetail, ...problemResponses },
      },
    },
    async (request) => {
      const itemId = request.params.id;
      authorize(request.actor, 'read', { type: 'plan_item', orgUnitIds: await planItemOwners(db, itemId) });
      return getPlanItemDetail({ db, itemId, today: app.clock.today() });
    },
  );

  app.get(
    '/items/:id/history',
    {
      schema: {
        tags,
        summary: 'Lịch sử thay đổi của nhiệm vụ',
        params: ZIdParams,
        response: { 200: ZPlanItemHistory, ...problemResponses },
      },
    },
    async (request) => {
      const itemId = request.params.id;
      authorize(request.actor, 'read', { type: 'plan_item', orgUnitIds: await planItemOwners(db, itemId) });
      return getPlanItemHistory({ db, itemId });
    },
  );

  app.get(
    '/items/:id/trail',
    {
      schema: {
        tags,
        summary: 'Kết quả nhiệm vụ qua các kỳ báo cáo: tiến độ, kết quả, vướng mắc, minh chứng, người duyệt',
        params: ZIdParams,
        response: { 200: ZTaskTrail, ...problemResponses },
      },
    },
    async (request) => {
      const itemId = request.params.id;
      authorize(request.actor, 'read', { type: 'plan_item', orgUnitIds: await planItemOwners(db, itemId) });
      const scope = readScope(request.actor, 'report');
      return getTaskTrail(db, { itemId, scope, today: app.clock.today() });
    },
  );

  app.patch(
    '/items/:id',
    {
      schema: {
        tags,
        summary: 'Sửa nhiệm vụ (gửi kèm version đang sửa)',
        params: ZIdParams,
        body: ZUpdatePlanItemRequest,
        response: { 200: ZPlanItemDetail, ...problemResponses },
      },
    },
    async (request) => {
      const itemId = request.params.id;
      authorize(request.actor, 'update', { type: 'plan_item', orgUnitIds: await planItemOwners(db, itemId) });
      await db.transaction((tx) => updatePlanItem({ tx, itemId, input: request.body, actor: request.actor }));
      return getPlanItemDetail({ db, itemId, today: app.clock.today() });
    },
  );

  for (const [action, run] of [
    ['archive', archivePlanItem],
    ['restore', restorePlanItem],
  ] as const) {
    app.post(
      `/items/:id/${action}`,
      {
        schema: {
          tags,
          summary: action === 'archive' ? 'Lưu trữ nhiệm vụ' : 'Khôi phục nhiệm vụ đã lưu trữ',
          params: ZIdParams,
          body: ZVersioned,
          response: { 200: ZPlanItemDetail, ...problemResponses },
        },
      },
      async (request) => {
        const itemId = request.params.id;
        authorize(request.actor, 'archive', {
          type: 'plan_item',
          orgUnitIds: await planItemOwners(db, itemId),
        });
        await db.transaction((tx) =>
          run({ tx, itemId, version: request.body.version, actor: request.actor }),
        );
        return getPlanItemDetail({ db, itemId, today: app.clock.today() });
      },
    );
  }
};
