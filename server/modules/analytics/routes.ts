import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZAnalyticsQuery, ZAnalyticsResult } from '../../../common/contracts/analytics';
import { problemResponses } from '../../http';
import { authorize } from '../../policy';
import { findOrgUnit } from '../data-values/queries';
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
};
