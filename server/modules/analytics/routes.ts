import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZAnalyticsQuery,
  ZAnalyticsResult,
  ZBreakdown,
  ZBreakdownQuery,
  ZPerformance,
  ZPerformanceQuery,
} from '../../../common/contracts/analytics';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { notFound, RESOURCE_NAMES } from '../../errors/app-error';
import { problemResponses } from '../../http';
import { authorize } from '../../policy';
import { findOrgUnit } from '../data-values/queries';
import { getCommuneBreakdown } from './breakdown';
import { breakdownWorkbook, type IndicatorLabel, seriesWorkbook } from './export';
import { createEpochMemo } from './lookups';
import { getPerformance } from './performance';
import { runAnalytics } from './service';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function indicatorLabel(db: Executor, code: string): Promise<IndicatorLabel> {
  const [row] = rowsOf<IndicatorLabel>(
    await db.execute(sql`select code, name, unit from indicators where code = ${code}`),
  );
  if (!row) throw notFound(RESOURCE_NAMES.indicator);
  return row;
}

/** A file name of ASCII letters, digits, dots and dashes (an indicator code is one already). */
const fileName = (...parts: string[]) => `${parts.join('-').replace(/[^A-Za-z0-9.-]/g, '_')}.xlsx`;

const tags = ['analytics'];

export const analyticsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  // this instance's indicator and unit look-ups, for one cache epoch (lookups.ts)
  const memo = createEpochMemo();

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
      const epoch = app.sessionCache.epochOf(request.actor);
      // the unit's existence, from the look-ups runAnalytics keeps too (a 404 before the policy's answer)
      await memo.get(epoch, `exists:${request.query.orgUnitId}`, () =>
        findOrgUnit(db, request.query.orgUnitId),
      );
      authorize(request.actor, 'read', { type: 'data_value', orgUnitIds: [request.query.orgUnitId] });
      return runAnalytics(db, request.query, { cached: { memo, epoch } });
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

  app.get(
    '/analytics/performance.xlsx',
    {
      schema: {
        tags,
        summary: 'Tải diễn biến theo kỳ, lộ trình và dự báo của một chỉ tiêu cho một đơn vị (XLSX)',
        querystring: ZPerformanceQuery,
        response: { 200: z.any().describe('Tệp XLSX'), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { indicator, orgUnitId, year } = request.query;
      const unit = await findOrgUnit(db, orgUnitId);
      authorize(request.actor, 'read', { type: 'data_value', orgUnitIds: [orgUnitId] });
      const today = app.clock.today();
      const judged = year ?? Number(today.slice(0, 4));
      const performance = await getPerformance(db, { code: indicator, orgUnitId, year: judged, today });
      const label = await indicatorLabel(db, indicator);
      return reply
        .header('content-type', XLSX_TYPE)
        .header(
          'content-disposition',
          `attachment; filename="${fileName(label.code, 'theo-ky', String(judged))}"`,
        )
        .send(await seriesWorkbook(label, unit.name, performance));
    },
  );

  app.get(
    '/analytics/breakdown',
    {
      schema: {
        tags,
        summary: 'Số liệu một chỉ tiêu của từng xã, phường trong một kỳ, kèm số kỳ đã báo cáo',
        querystring: ZBreakdownQuery,
        response: { 200: ZBreakdown, ...problemResponses },
      },
    },
    async (request) => {
      await findOrgUnit(db, request.query.orgUnitId);
      authorize(request.actor, 'read', { type: 'data_value', orgUnitIds: [request.query.orgUnitId] });
      return getCommuneBreakdown(db, request.query);
    },
  );

  app.get(
    '/analytics/breakdown.xlsx',
    {
      schema: {
        tags,
        summary: 'Tải số liệu một chỉ tiêu theo xã, phường trong một kỳ (XLSX)',
        querystring: ZBreakdownQuery,
        response: { 200: z.any().describe('Tệp XLSX'), ...problemResponses },
      },
    },
    async (request, reply) => {
      await findOrgUnit(db, request.query.orgUnitId);
      authorize(request.actor, 'read', { type: 'data_value', orgUnitIds: [request.query.orgUnitId] });
      const breakdown = await getCommuneBreakdown(db, request.query);
      const label = await indicatorLabel(db, request.query.indicator);
      return reply
        .header('content-type', XLSX_TYPE)
        .header(
          'content-disposition',
          `attachment; filename="${fileName(label.code, 'theo-xa', breakdown.period)}"`,
        )
        .send(await breakdownWorkbook(label, breakdown));
    },
  );
};
