import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZInbox } from '../../../common/contracts/inbox';
import {
  ZReport,
  ZReportDiff,
  ZSaveReportRequest,
  ZTransitionRequest,
} from '../../../common/contracts/reports';
import { REPORT_ACTIONS } from '../../../common/enums';
import { problemResponses, ZIdParams } from '../../http';
import { IDEMPOTENCY_HEADER, idempotent } from '../../idempotency';
import { authorize } from '../../policy';
import { getInbox } from './inbox';
import { getReport, getReportDiff, reportOrgUnitId, reportWorkflowState } from './queries';
import { saveReport, transitionReport } from './service';
import { authorizeStep } from './workflow';

const tags = ['reports'];

const SUMMARIES = {
  submit: 'Gửi báo cáo (cán bộ)',
  approve: 'Duyệt báo cáo (lãnh đạo đơn vị)',
  accept: 'Tiếp nhận báo cáo (Văn phòng Ban Chỉ đạo); báo cáo được khóa',
  return: 'Trả lại báo cáo, có lý do và ý kiến theo từng mục',
  reopen: 'Mở lại báo cáo đã tiếp nhận (cần lý do)',
} as const;

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.get(
    '/inbox',
    {
      schema: {
        tags,
        summary: 'Việc của tôi: báo cáo cần nhập, bị trả lại, chờ duyệt, chờ tiếp nhận',
        response: { 200: ZInbox, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', { type: 'report' });
      return getInbox(db, request.actor, app.clock.today());
    },
  );

  app.get(
    '/reports/:id',
    {
      schema: {
        tags,
        summary: 'Báo cáo của một đơn vị trong một đợt',
        params: ZIdParams,
        response: { 200: ZReport, ...problemResponses },
      },
    },
    async (request) => {
      const orgUnitId = await reportOrgUnitId(db, request.params.id);
      authorize(request.actor, 'read', { type: 'report', orgUnitIds: [orgUnitId] });
      return getReport(db, request.params.id, request.actor, app.clock.today());
    },
  );

  app.get(
    '/reports/:id/diff',
    {
      schema: {
        tags,
        summary: 'Những gì đã sửa so với bản bị trả lại',
        params: ZIdParams,
        response: { 200: ZReportDiff, ...problemResponses },
      },
    },
    async (request) => {
      const orgUnitId = await reportOrgUnitId(db, request.params.id);
      authorize(request.actor, 'read', { type: 'report', orgUnitIds: [orgUnitId] });
      return getReportDiff(db, request.params.id);
    },
  );

  app.patch(
    '/reports/:id',
    {
      schema: {
        tags,
        summary: 'Lưu báo cáo đang soạn (tự động lưu); dựa trên phiên bản đã mở',
        params: ZIdParams,
        body: ZSaveReportRequest,
        response: { 200: ZReport, ...problemResponses },
      },
    },
    async (request) => {
      const reportId = request.params.id;
      const orgUnitId = await reportOrgUnitId(db, reportId);
      authorize(request.actor, 'update', { type: 'report', orgUnitIds: [orgUnitId] });
      await db.transaction((tx) => saveReport({ tx, reportId, input: request.body, actor: request.actor }));
      return getReport(db, reportId, request.actor, app.clock.today());
    },
  );

  for (const action of REPORT_ACTIONS) {
    app.post(
      `/reports/:id/${action}`,
      {
        schema: {
          tags,
          summary: SUMMARIES[action],
          description: 'Gửi kèm tiêu đề Idempotency-Key để gửi lại an toàn khi mất kết nối.',
          params: ZIdParams,
          body: ZTransitionRequest,
          response: { 200: ZReport, ...problemResponses },
        },
      },
      async (request, reply) => {
        const reportId = request.params.id;
        // The permission the step takes (workflow.ts) before anything else; the service applies
        // the step, or refuses it (409 invalid_transition), under the row lock.
        authorizeStep(request.actor, await reportWorkflowState(db, reportId), action);
        const key = request.headers[IDEMPOTENCY_HEADER];
        const answer = await db.transaction((tx) =>
          idempotent(
            tx,
            {
              userId: request.actor.userId!,
              key: typeof key === 'string' ? key : undefined,
              request: `POST /reports/${reportId}/${action}`,
            },
            async () => {
              await transitionReport({ tx, reportId, action, input: request.body, actor: request.actor });
              return {
                statusCode: 200,
                body: await getReport(tx, reportId, request.actor, app.clock.today()),
              };
            },
          ),
        );
        return reply.status(answer.statusCode as 200).send(answer.body);
      },
    );
  }
};
