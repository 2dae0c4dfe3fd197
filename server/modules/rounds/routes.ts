import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZCloseRoundRequest,
  ZListRoundReportsQuery,
  ZListRoundsQuery,
  ZOpenRoundRequest,
  ZReopenRoundRequest,
  ZReportHistory,
  ZReportHistoryQuery,
  ZRound,
  ZRoundList,
  ZRoundReportList,
  ZRoundSchedule,
  ZRoundScheduleList,
  ZRoundScheduleQuery,
} from '../../../common/contracts/rounds';
import { CONTENT_TYPES, fileResponse, problemResponses, ZIdParams } from '../../http';
import { authorize, PROVINCE_WIDE, readScope } from '../../policy';
import { roundWorkbook } from './export';
import { assertRoundExists, getReportHistory, getRound, listRoundReports, listRounds } from './queries';
import { listSchedules } from './schedules';
import { closeRound, openRound, reopenRound, saveSchedule } from './service';

const tags = ['rounds'];

export const roundRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.get(
    '/rounds',
    {
      schema: {
        tags,
        summary: 'Các đợt báo cáo, kèm mức độ đầy đủ',
        querystring: ZListRoundsQuery,
        response: { 200: ZRoundList, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', { type: 'round' });
      const { query } = request;
      const result = await listRounds({
        db,
        actor: request.actor,
        scope: readScope(request.actor, 'report'),
        today: app.clock.today(),
        ...query,
      });
      return { ...result, page: query.page, pageSize: query.pageSize };
    },
  );

  app.post(
    '/rounds',
    {
      schema: {
        tags,
        summary: 'Mở đợt báo cáo (tạo báo cáo cho từng đơn vị có trách nhiệm)',
        body: ZOpenRoundRequest,
        response: { 201: ZRound, ...problemResponses },
      },
    },
    async (request, reply) => {
      authorize(request.actor, 'create', { type: 'round', orgUnitIds: PROVINCE_WIDE });
      const roundId = await db.transaction((tx) =>
        openRound({ tx, input: request.body, actor: request.actor }),
      );
      reply.status(201);
      return getRound(db, roundId, request.actor, app.clock.today());
    },
  );

  app.get(
    '/rounds/:id',
    {
      schema: {
        tags,
        summary: 'Chi tiết đợt báo cáo',
        params: ZIdParams,
        response: { 200: ZRound, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', { type: 'round' });
      return getRound(db, request.params.id, request.actor, app.clock.today());
    },
  );

  app.post(
    '/rounds/:id/close',
    {
      schema: {
        tags,
        summary: 'Đóng đợt báo cáo: báo cáo chưa gửi không gửi được nữa, báo cáo đã gửi vẫn được duyệt',
        description: 'Dựa trên phiên bản đã xem (version); đóng đợt đã đóng trả về 409 round_closed.',
        params: ZIdParams,
        body: ZCloseRoundRequest,
        response: { 200: ZRound, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'update', { type: 'round', orgUnitIds: PROVINCE_WIDE });
      const roundId = request.params.id;
      await db.transaction((tx) => closeRound({ tx, roundId, input: request.body, actor: request.actor }));
      return getRound(db, roundId, request.actor, app.clock.today());
    },
  );

  app.post(
    '/rounds/:id/reopen',
    {
      schema: {
        tags,
        summary: 'Mở lại đợt báo cáo đã đóng (cần lý do): báo cáo chưa gửi lại được sửa và gửi',
        description: 'Dựa trên phiên bản đã xem (version); mở lại đợt đang mở trả về 409 round_open.',
        params: ZIdParams,
        body: ZReopenRoundRequest,
        response: { 200: ZRound, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'update', { type: 'round', orgUnitIds: PROVINCE_WIDE });
      const roundId = request.params.id;
      await db.transaction((tx) => reopenRound({ tx, roundId, input: request.body, actor: request.actor }));
      return getRound(db, roundId, request.actor, app.clock.today());
    },
  );

  app.get(
    '/rounds/:id/reports',
    {
      schema: {
        tags,
        summary: 'Báo cáo của từng đơn vị trong đợt: trạng thái, đúng hạn, trễ, chưa nộp',
        params: ZIdParams,
        querystring: ZListRoundReportsQuery,
        response: { 200: ZRoundReportList, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', { type: 'round' });
      const today = app.clock.today();
      await assertRoundExists(db, request.params.id);
      const { query } = request;
      const result = await listRoundReports({
        db,
        roundId: request.params.id,
        scope: readScope(request.actor, 'report'),
        today,
        ...query,
      });
      return { ...result, page: query.page, pageSize: query.pageSize };
    },
  );

  app.get(
    '/rounds/:id/reports.xlsx',
    {
      schema: {
        tags,
        summary: 'Tải bảng tình hình nộp báo cáo của đợt (XLSX)',
        params: ZIdParams,
        querystring: ZListRoundReportsQuery.omit({ page: true, pageSize: true, order: true }),
        response: { 200: fileResponse('Tệp XLSX', CONTENT_TYPES.xlsx), ...problemResponses },
      },
    },
    async (request, reply) => {
      authorize(request.actor, 'read', { type: 'round' });
      const today = app.clock.today();
      const scope = readScope(request.actor, 'report');
      const round = await getRound(db, request.params.id, request.actor, today);
      const { items } = await listRoundReports({
        db,
        roundId: round.id,
        scope,
        today,
        ...request.query,
        page: 1,
        pageSize: 10_000,
      });
      return reply
        .header('content-type', CONTENT_TYPES.xlsx)
        .header('content-disposition', `attachment; filename="tinh-hinh-bao-cao-${round.period}.xlsx"`)
        .send(await roundWorkbook(round, items));
    },
  );

  app.get(
    '/report-history',
    {
      schema: {
        tags,
        summary: 'Lịch sử nộp báo cáo của một đơn vị qua các đợt: đúng hạn, muộn, chưa nộp',
        querystring: ZReportHistoryQuery,
        response: { 200: ZReportHistory, ...problemResponses },
      },
    },
    async (request) => {
      const { orgUnitId } = request.query;
      authorize(request.actor, 'read', { type: 'report', orgUnitIds: [orgUnitId] });
      return getReportHistory(db, orgUnitId, app.clock.today());
    },
  );

  app.get(
    '/round-schedules',
    {
      schema: {
        tags,
        summary: 'Lịch tự mở đợt báo cáo của một kế hoạch',
        querystring: ZRoundScheduleQuery,
        response: { 200: ZRoundScheduleList, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', { type: 'round' });
      return { items: await listSchedules(db, request.query.planId) };
    },
  );

  app.put(
    '/round-schedules',
    {
      schema: {
        tags,
        summary:
          'Đặt lịch tự mở đợt báo cáo theo loại kỳ (hạn nộp tính bằng ngày làm việc sau ngày chốt số liệu)',
        body: ZRoundSchedule,
        response: { 200: ZRoundScheduleList, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'create', { type: 'round', orgUnitIds: PROVINCE_WIDE });
      await db.transaction((tx) => saveSchedule({ tx, input: request.body, actor: request.actor }));
      return { items: await listSchedules(db, request.body.planId) };
    },
  );
};
