import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZVersioned } from '../../../common/contracts/fields';
import {
  ZCreatePlanRequest,
  ZListPlansQuery,
  ZPlan,
  ZPlanList,
  ZUpdatePlanRequest,
} from '../../../common/contracts/plans';
import { problemResponses, ZIdParams } from '../../http';
import { authorize, PROVINCE_WIDE, readScope } from '../../policy';
import { getPlan, listPlans } from './queries';
import { archivePlan, createPlan, updatePlan } from './service';

const tags = ['plans'];
// A plan spans the whole province (PROVINCE_WIDE): only assignments covering every unit manage plans.

export const planRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.get(
    '/plans',
    {
      schema: {
        tags,
        summary: 'Danh sách kế hoạch',
        querystring: ZListPlansQuery,
        response: { 200: ZPlanList, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', { type: 'plan' });
      const { query } = request;
      const scope = readScope(request.actor, 'plan_item');
      const result = await listPlans({ db, query, scope, today: app.clock.today() });
      return { ...result, page: query.page, pageSize: query.pageSize };
    },
  );

  app.get(
    '/plans/:id',
    {
      schema: {
        tags,
        summary: 'Chi tiết kế hoạch',
        params: ZIdParams,
        response: { 200: ZPlan, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', { type: 'plan' });
      return getPlan({
        db,
        planId: request.params.id,
        scope: readScope(request.actor, 'plan_item'),
        today: app.clock.today(),
      });
    },
  );

  app.post(
    '/plans',
    {
      schema: {
        tags,
        summary: 'Tạo kế hoạch',
        body: ZCreatePlanRequest,
        response: { 201: ZPlan, ...problemResponses },
      },
    },
    async (request, reply) => {
      authorize(request.actor, 'create', { type: 'plan', orgUnitIds: PROVINCE_WIDE });
      const planId = await db.transaction((tx) =>
        createPlan({ tx, input: request.body, actor: request.actor }),
      );
      reply.status(201);
      return getPlan({ db, planId, scope: readScope(request.actor, 'plan_item'), today: app.clock.today() });
    },
  );

  app.patch(
    '/plans/:id',
    {
      schema: {
        tags,
        summary: 'Sửa kế hoạch (gửi kèm version đang sửa)',
        params: ZIdParams,
        body: ZUpdatePlanRequest,
        response: { 200: ZPlan, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'update', { type: 'plan', orgUnitIds: PROVINCE_WIDE });
      const planId = request.params.id;
      await db.transaction((tx) => updatePlan({ tx, planId, input: request.body, actor: request.actor }));
      return getPlan({ db, planId, scope: readScope(request.actor, 'plan_item'), today: app.clock.today() });
    },
  );

  app.post(
    '/plans/:id/archive',
    {
      schema: {
        tags,
        summary: 'Lưu trữ kế hoạch',
        params: ZIdParams,
        body: ZVersioned,
        response: { 200: ZPlan, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'archive', { type: 'plan', orgUnitIds: PROVINCE_WIDE });
      const planId = request.params.id;
      await db.transaction((tx) =>
        archivePlan({ tx, planId, version: request.body.version, actor: request.actor }),
      );
      return getPlan({ db, planId, scope: readScope(request.actor, 'plan_item'), today: app.clock.today() });
    },
  );
};
