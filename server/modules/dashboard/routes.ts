import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type TDashboardQuery,
  ZCurrentRound,
  ZDashboardExportQuery,
  ZDashboardQuery,
  ZIndicatorAttainment,
  ZRoundThemes,
  ZTaskList,
  ZTaskListQuery,
  ZTaskStatusByGroup,
} from '../../../common/contracts/dashboard';
import { problemResponses } from '../../http';
import { authorize } from '../../policy';
import { dashboardWorkbook, fileNameOf, TABLE_TYPES } from './export';
import { checkFreshness } from './freshness';
import { assertPlanExists, loadTable, panelScopes } from './panels';
import { getCurrentRound } from './queries/current-round';
import { getIndicatorAttainment } from './queries/indicator-attainment';
import { getRoundThemes } from './queries/round-themes';
import { getTaskList } from './queries/task-list';
import { getTaskStatusByGroup } from './queries/task-status-by-group';

const tags = ['dashboard'];
const notModified = { 304: z.null().describe('Không đổi từ lần hỏi trước (If-None-Match)') };

export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  // Each panel: authorize the read (type-wide; its rows are narrowed to the reader's scope), check the
  // plan, answer 304 when the caller's copy is current, else run the panel's one query.
  const start = (request: { query: TDashboardQuery }) => assertPlanExists(db, request.query.planId);

  app.get(
    '/dashboard/task-status',
    {
      schema: {
        tags,
        summary: 'Nhiệm vụ theo trạng thái trong từng nhóm của kế hoạch',
        querystring: ZDashboardQuery,
        response: { 200: ZTaskStatusByGroup, ...notModified, ...problemResponses },
      },
    },
    async (request, reply) => {
      authorize(request.actor, 'read', { type: 'plan_item' });
      await start(request);
      const today = app.clock.today();
      if ((await checkFreshness(db, request, reply, today)).unchanged) return reply.code(304).send(null);
      const { tasks: scope } = await panelScopes(db, request.actor, request.query);
      return getTaskStatusByGroup({ db, query: request.query, scope, today });
    },
  );

  app.get(
    '/dashboard/task-list',
    {
      schema: {
        tags,
        summary: 'Nhiệm vụ quá hạn, có nguy cơ chậm, hoặc đến hạn trong 30 ngày tới',
        querystring: ZTaskListQuery,
        response: { 200: ZTaskList, ...notModified, ...problemResponses },
      },
    },
    async (request, reply) => {
      authorize(request.actor, 'read', { type: 'plan_item' });
      await start(request);
      const today = app.clock.today();
      if ((await checkFreshness(db, request, reply, today)).unchanged) return reply.code(304).send(null);
      const { tasks: scope } = await panelScopes(db, request.actor, request.query);
      return getTaskList({ db, query: request.query, scope, today });
    },
  );

  app.get(
    '/dashboard/indicators',
    {
      schema: {
        tags,
        summary:
          'Mức độ đạt các chỉ tiêu có mục tiêu: số đạt, có nguy cơ, chậm tiến độ, và diễn biến từng chỉ tiêu',
        querystring: ZDashboardQuery,
        response: { 200: ZIndicatorAttainment, ...notModified, ...problemResponses },
      },
    },
    async (request, reply) => {
      authorize(request.actor, 'read', { type: 'data_value' });
      await start(request);
      const today = app.clock.today();
      const fresh = await checkFreshness(db, request, reply, today);
      if (fresh.unchanged) return reply.code(304).send(null);
      const { values: scope } = await panelScopes(db, request.actor, request.query);
      return getIndicatorAttainment({
        db,
        query: request.query,
        scope,
        today,
        version: fresh.version.values,
      });
    },
  );

  app.get(
    '/dashboard/round',
    {
      schema: {
        tags,
        summary: 'Đợt báo cáo hiện tại: mức độ đầy đủ và đúng hạn',
        querystring: ZDashboardQuery,
        response: { 200: ZCurrentRound, ...notModified, ...problemResponses },
      },
    },
    async (request, reply) => {
      authorize(request.actor, 'read', { type: 'report' });
      await start(request);
      const today = app.clock.today();
      if ((await checkFreshness(db, request, reply, today)).unchanged) return reply.code(304).send(null);
      const { reports: scope } = await panelScopes(db, request.actor, request.query);
      return getCurrentRound({ db, query: request.query, actor: request.actor, scope, today });
    },
  );

  app.get(
    '/dashboard/themes',
    {
      schema: {
        tags,
        summary: 'Khó khăn và đề xuất nêu nhiều nhất trong đợt báo cáo, theo nhóm vấn đề, kèm đơn vị nêu',
        querystring: ZDashboardQuery,
        response: { 200: ZRoundThemes, ...notModified, ...problemResponses },
      },
    },
    async (request, reply) => {
      authorize(request.actor, 'read', { type: 'report' });
      await start(request);
      const today = app.clock.today();
      if ((await checkFreshness(db, request, reply, today)).unchanged) return reply.code(304).send(null);
      const { reports: scope } = await panelScopes(db, request.actor, request.query);
      return getRoundThemes({ db, query: request.query, scope });
    },
  );

  app.get(
    '/dashboard/export.xlsx',
    {
      schema: {
        tags,
        summary: 'Tải một bảng của trang điều hành (XLSX), với cùng bộ lọc',
        querystring: ZDashboardExportQuery,
        response: { 200: z.any().describe('Tệp XLSX'), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { table, ...query } = request.query;
      authorize(request.actor, 'read', { type: TABLE_TYPES[table] });
      await start(request);
      const loaded = await loadTable({ db, actor: request.actor, query, table, today: app.clock.today() });
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${fileNameOf(table)}"`)
        .send(await dashboardWorkbook(loaded.input, loaded.subtitle));
    },
  );
};
