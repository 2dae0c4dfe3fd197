import type { FastifyReply, FastifyRequest } from 'fastify';
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
import { CONTENT_TYPES, fileResponse, problemResponses } from '../../http';
import { authorize, type ResourceType } from '../../policy';
import { dashboardWorkbook, fileNameOf, TABLE_TYPES } from './export';
import { checkFreshness } from './freshness';
import { assertPlanExists, loadTable, panelScopes } from './panels';
import { getCurrentRound } from './queries/current-round';
import type { TDataVersion } from './queries/data-version';
import { getIndicatorAttainment } from './queries/indicator-attainment';
import { getRoundThemes } from './queries/round-themes';
import { getTaskList } from './queries/task-list';
import { getTaskStatusByGroup } from './queries/task-status-by-group';

const tags = ['dashboard'];
const notModified = { 304: z.null().describe('Không đổi từ lần hỏi trước (If-None-Match)') };

export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  const start = (request: { query: TDashboardQuery }) => assertPlanExists(db, request.query.planId);

  /**
   * What every panel does first: authorize the read (type-wide; its rows are narrowed to the reader's
   * scope), check the plan, and check the caller's copy. Null when that copy is current (answer 304);
   * else what the panel's one query needs.
   */
  async function openPanel(
    request: FastifyRequest & { query: TDashboardQuery },
    reply: FastifyReply,
    type: ResourceType,
  ): Promise<{
    today: string;
    version: TDataVersion;
    scopes: Awaited<ReturnType<typeof panelScopes>>;
  } | null> {
    authorize(request.actor, 'read', { type });
    await start(request);
    const today = app.clock.today();
    const fresh = await checkFreshness(db, request, reply, today);
    if (fresh.unchanged) return null;
    return { today, version: fresh.version, scopes: await panelScopes(db, request.actor, request.query) };
  }

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
      const panel = await openPanel(request, reply, 'plan_item');
      if (!panel) return reply.code(304).send(null);
      return getTaskStatusByGroup({
        db,
        query: request.query,
        scope: panel.scopes.tasks,
        today: panel.today,
      });
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
      const panel = await openPanel(request, reply, 'plan_item');
      if (!panel) return reply.code(304).send(null);
      return getTaskList({ db, query: request.query, scope: panel.scopes.tasks, today: panel.today });
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
      const panel = await openPanel(request, reply, 'data_value');
      if (!panel) return reply.code(304).send(null);
      return getIndicatorAttainment({
        db,
        query: request.query,
        scope: panel.scopes.values,
        today: panel.today,
        version: panel.version.values,
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
      const panel = await openPanel(request, reply, 'report');
      if (!panel) return reply.code(304).send(null);
      const scope = panel.scopes.reports;
      return getCurrentRound({ db, query: request.query, actor: request.actor, scope, today: panel.today });
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
      const panel = await openPanel(request, reply, 'report');
      if (!panel) return reply.code(304).send(null);
      return getRoundThemes({ db, query: request.query, scope: panel.scopes.reports });
    },
  );

  app.get(
    '/dashboard/export.xlsx',
    {
      schema: {
        tags,
        summary: 'Tải một bảng của trang điều hành (XLSX), với cùng bộ lọc',
        querystring: ZDashboardExportQuery,
        response: { 200: fileResponse('Tệp XLSX', CONTENT_TYPES.xlsx), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { table, ...query } = request.query;
      authorize(request.actor, 'read', { type: TABLE_TYPES[table] });
      await start(request);
      const loaded = await loadTable({ db, actor: request.actor, query, table, today: app.clock.today() });
      return reply
        .header('content-type', CONTENT_TYPES.xlsx)
        .header('content-disposition', `attachment; filename="${fileNameOf(table)}"`)
        .send(await dashboardWorkbook(loaded.input, loaded.subtitle));
    },
  );
};
