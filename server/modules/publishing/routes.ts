import { and, asc, eq, isNull } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZCreatePublicationRequest,
  ZPublication,
  ZPublicationList,
  ZPublicationPreview,
  ZPublicFlagList,
  ZPublicFlagQuery,
  ZSetPublicFlagsRequest,
  ZSetPublicFlagsResponse,
  ZWithdrawPublicationRequest,
} from '../../../common/contracts/publishing';
import { AppError, notFound } from '../../errors/app-error';
import { problemResponses, ZIdParams } from '../../http';
import { type Actor, authorize, can, PROVINCE_WIDE } from '../../policy';
import { planItems } from '../plan-items/tables';
import { listPublications, previewPublication, publish, setPublicFlags, withdraw } from './service';

const tags = ['publishing'];
const PUBLICATION_NAME = { vi: 'đợt công bố', en: 'publication' };

/**
 * Publishing is the province's act: only an assignment covering every unit takes it (403, never
 * 404 — a publication is no unit's record).
 */
function authorizePublishing(actor: Actor, action: 'read' | 'create' | 'update') {
  authorize(actor, action, { type: 'publication' });
  if (!can(actor, action, { type: 'publication', orgUnitIds: PROVINCE_WIDE }))
    throw new AppError('forbidden');
}

export const publishingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.get(
    '/publications',
    {
      schema: {
        tags,
        summary: 'Các đợt công bố dữ liệu công khai, mới nhất trước',
        response: { 200: ZPublicationList, ...problemResponses },
      },
    },
    async (request) => {
      authorizePublishing(request.actor, 'read');
      return { items: await listPublications(db) };
    },
  );

  app.get(
    '/publications/preview',
    {
      schema: {
        tags,
        summary:
          'Xem trước đợt công bố mới: số dòng từng bộ dữ liệu, thêm, bớt, thay đổi so với đợt hiện hành',
        response: { 200: ZPublicationPreview, ...problemResponses },
      },
    },
    async (request) => {
      authorizePublishing(request.actor, 'create');
      // read-only, in a transaction so that every dataset is read as of one moment
      return db.transaction((tx) => previewPublication(tx, app.clock.today()));
    },
  );

  app.post(
    '/publications',
    {
      schema: {
        tags,
        summary: 'Công bố: chụp lại dữ liệu công khai hiện nay thành đợt công bố mới (thay đợt hiện hành)',
        body: ZCreatePublicationRequest,
        response: { 201: ZPublication, ...problemResponses },
      },
    },
    async (request, reply) => {
      authorizePublishing(request.actor, 'create');
      const id = await db.transaction((tx) =>
        publish({ tx, input: request.body, actor: request.actor, today: app.clock.today() }),
      );
      const created = (await listPublications(db)).find((p) => p.id === id)!;
      return reply.code(201).send(created);
    },
  );

  app.post(
    '/publications/:id/withdraw',
    {
      schema: {
        tags,
        summary: 'Thu hồi đợt công bố hiện hành (trang công khai không còn số liệu cho đến đợt sau)',
        params: ZIdParams,
        body: ZWithdrawPublicationRequest,
        response: { 200: ZPublication, ...problemResponses },
      },
    },
    async (request) => {
      // who may see publications learns that this one does not exist (404) before being refused (403)
      authorizePublishing(request.actor, 'read');
      const { id } = request.params;
      if (!(await listPublications(db)).some((p) => p.id === id)) throw notFound(PUBLICATION_NAME);
      authorizePublishing(request.actor, 'update');
      await db.transaction((tx) => withdraw({ tx, id, input: request.body, actor: request.actor }));
      return (await listPublications(db)).find((p) => p.id === id)!;
    },
  );

  app.get(
    '/publications/plan-items',
    {
      schema: {
        tags,
        summary: 'Các mục của một kế hoạch và dấu công khai của từng mục',
        querystring: ZPublicFlagQuery,
        response: { 200: ZPublicFlagList, ...problemResponses },
      },
    },
    async (request) => {
      authorizePublishing(request.actor, 'update');
      const items = await db
        .select({
          id: planItems.id,
          parentId: planItems.parentId,
          kind: planItems.kind,
          code: planItems.code,
          title: planItems.title,
          isPublic: planItems.isPublic,
        })
        .from(planItems)
        .where(and(eq(planItems.planId, request.query.planId), isNull(planItems.archivedAt)))
        .orderBy(asc(planItems.codeSortKey));
      return { items };
    },
  );

  app.put(
    '/publications/plan-items',
    {
      schema: {
        tags,
        summary: 'Đánh dấu các mục kế hoạch được (hoặc không được) công khai ở đợt công bố sau',
        body: ZSetPublicFlagsRequest,
        response: { 200: ZSetPublicFlagsResponse, ...problemResponses },
      },
    },
    async (request) => {
      authorizePublishing(request.actor, 'update');
      const changed = await db.transaction((tx) =>
        setPublicFlags({ tx, input: request.body, actor: request.actor }),
      );
      return { changed };
    },
  );
};
