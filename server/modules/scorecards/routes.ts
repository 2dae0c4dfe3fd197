import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZCreateScorecardFormulaRequest,
  ZPublishScorecardsRequest,
  ZPublishScorecardsResponse,
  ZScorecardDetail,
  ZScorecardFormula,
  ZScorecardFormulaList,
  ZScorecardList,
  ZScorecardListQuery,
  ZScorecardParams,
  ZScorecardQuery,
} from '../../../common/contracts/scorecards';
import { AppError } from '../../errors/app-error';
import { problemResponses } from '../../http';
import { type Actor, authorize, can, PROVINCE_WIDE, readScope } from '../../policy';
import { readerProvince } from '../org-units/provinces';
import { scorecardWorkbook } from './export';
import { defaultPeriod } from './periods';
import { getFormula, listFormulas } from './queries/formulas';
import { findPublications } from './queries/publications';
import { readScorecard, readScorecardList } from './read';
import { createFormulaVersion, publishScorecards } from './service';

const tags = ['scorecards'];

/**
 * Weights and publishing are the province's: only an assignment covering every unit changes them.
 * Refused with 403 (never 404): the weights are no unit's record, and everyone may read them.
 */
function authorizeScorecardChange(actor: Actor) {
  authorize(actor, 'update', { type: 'scorecard' });
  if (!can(actor, 'update', { type: 'scorecard', orgUnitIds: PROVINCE_WIDE }))
    throw new AppError('forbidden');
}

export const scorecardRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.get(
    '/scorecards',
    {
      schema: {
        tags,
        summary:
          'Bảng điểm các đơn vị cùng loại trong một kỳ, xếp hạng (ai cũng thấy thứ hạng của đơn vị mình)',
        querystring: ZScorecardListQuery,
        response: { 200: ZScorecardList, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', { type: 'scorecard' });
      const today = app.clock.today();
      const { period = defaultPeriod(today), kind, provinceId } = request.query;
      const scope = readScope(request.actor, 'scorecard');
      // peers are ranked within one province (scorecards/queries/peer-area.ts)
      const area = await readerProvince(db, { provinceId, scope });
      return readScorecardList(db, { period, kind, today, scope, area });
    },
  );

  app.get(
    '/scorecards.xlsx',
    {
      schema: {
        tags,
        summary: 'Tải bảng điểm xếp hạng (XLSX), đúng như người xem thấy',
        querystring: ZScorecardListQuery,
        response: { 200: z.any().describe('Tệp XLSX'), ...problemResponses },
      },
    },
    async (request, reply) => {
      authorize(request.actor, 'read', { type: 'scorecard' });
      const today = app.clock.today();
      const { period = defaultPeriod(today), kind, provinceId } = request.query;
      const scope = readScope(request.actor, 'scorecard');
      // peers are ranked within one province (scorecards/queries/peer-area.ts)
      const area = await readerProvince(db, { provinceId, scope });
      const list = await readScorecardList(db, { period, kind, today, scope, area });
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="bang-diem-${kind}-${period}.xlsx"`)
        .send(await scorecardWorkbook(list));
    },
  );

  app.get(
    '/scorecards/formulas',
    {
      schema: {
        tags,
        summary: 'Các phiên bản trọng số của bảng điểm, mới nhất trước',
        response: { 200: ZScorecardFormulaList, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', { type: 'scorecard' });
      return { items: await listFormulas(db) };
    },
  );

  app.post(
    '/scorecards/formulas',
    {
      schema: {
        tags,
        summary: 'Đổi trọng số: thêm phiên bản công thức mới (các kỳ đã công bố giữ nguyên)',
        body: ZCreateScorecardFormulaRequest,
        response: { 201: ZScorecardFormula, ...problemResponses },
      },
    },
    async (request, reply) => {
      authorizeScorecardChange(request.actor);
      const version = await db.transaction((tx) =>
        createFormulaVersion({ tx, input: request.body, actor: request.actor }),
      );
      return reply.code(201).send(await getFormula(db, version));
    },
  );

  app.post(
    '/scorecards/publications',
    {
      schema: {
        tags,
        summary: 'Công bố bảng điểm của một kỳ (lưu lại điểm cùng phiên bản công thức)',
        body: ZPublishScorecardsRequest,
        response: { 201: ZPublishScorecardsResponse, ...problemResponses },
      },
    },
    async (request, reply) => {
      authorizeScorecardChange(request.actor);
      const { period } = request.body;
      const result = await db.transaction((tx) =>
        publishScorecards({ tx, period, today: app.clock.today(), actor: request.actor }),
      );
      const [publication] = await findPublications(db, [period]);
      return reply
        .code(201)
        .send({ period, ...result, publishedAt: new Date(publication!.published_at).toISOString() });
    },
  );

  app.get(
    '/scorecards/:orgUnitId',
    {
      schema: {
        tags,
        summary: 'Bảng điểm của một đơn vị: các thành phần, số đếm và danh sách làm nên chúng, xu hướng',
        params: ZScorecardParams,
        querystring: ZScorecardQuery,
        response: { 200: ZScorecardDetail, ...problemResponses },
      },
    },
    async (request) => {
      const { orgUnitId } = request.params;
      authorize(request.actor, 'read', { type: 'scorecard', orgUnitIds: [orgUnitId] });
      const today = app.clock.today();
      return readScorecard(db, { orgUnitId, period: request.query.period ?? defaultPeriod(today), today });
    },
  );
};
