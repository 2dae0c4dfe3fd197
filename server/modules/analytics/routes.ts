import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZAnalyticsQuery,
  ZAnalyticsResult,
  ZPerformance,
  ZPerformanceQuery,
} from '../../../common/contracts/analytics';
import { problemResponses } from '../../http';
import { authorize } from '../../policy';
import { findOrgUnit } from '../data-values/queries';
import { getPerformance } from './performance';
import { runAnalytics } from './service';

const tags = ['analytics'];

export const analyticsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.get(
    '/analytics',
    {
      schema: {
        tags,
        summary: 'Số liệu chỉ tiêu của một đơn vị (cả cấp dưới) theo kỳ, tính trực tiếp từ số liệu đã nhập',
        querystring: ZAnalyticsQuery,
        response: { 200: ZAnalyticsResult, ...problemResponses },
      },
    },
    async (request) => {
      await findOrgUnit(db, request.query.orgUnitId);
      authorize(request.actor, 'read', { type: 'data_value', orgUnitIds: [request.query.orgUnitId] });
      return runAnalytics(db, request.query);
    },
  );

  app.get(
    '/analytics/performance',
    {
      schema: {
        tags,
        summary: 'Diễn biến, lộ trình chỉ tiêu, mức độ đạt và dự báo của một chỉ tiêu cho một đơn vị',
        querystring: ZPerformanceQuery,
        response: { 200: ZPerformance, ...problemResponses },
      },
    },
    async (request) => {
      const { indicator, orgUnitId, year } = request.query;
      await findOrgUnit(db, orgUnitId);
      authorize(request.actor, 'read', { type: 'data_value', orgUnitIds: [orgUnitId] });
      const today = app.clock.today();
      return getPerformance(db, {
        code: indicator,
        orgUnitId,
        year: year ?? Number(today.slice(0, 4)),
        today,
      });
    },
  );
};
