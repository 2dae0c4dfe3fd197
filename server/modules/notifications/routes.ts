import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZNotificationList } from '../../../common/contracts/inbox';
import { rowsOf } from '../../db/sql';
import { notFound, RESOURCE_NAMES } from '../../errors/app-error';
import { problemResponses, ZIdParams } from '../../http';

const tags = ['notifications'];

/**
 * One's own notifications: signed in is all it takes; another user's answer 404. Marking read is
 * the reader's own view state, not a change to the plan's records, so it is not audited.
 */
export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: 'Thông báo của tôi (50 mới nhất) và số chưa đọc',
        response: { 200: ZNotificationList, ...problemResponses },
      },
    },
    async (request) => {
      const userId = request.actor.userId!;
      const rows = rowsOf<{
        id: string;
        kind: string;
        title: string;
        body: string;
        link: string | null;
        created_at: string;
        read_at: string | null;
      }>(
        await db.execute(sql`select id, kind, title, body, link, created_at::text as created_at, read_at::text as read_at
          from notifications where user_id = ${userId} order by created_at desc limit 50`),
      );
      const [unread] = rowsOf<{ n: number }>(
        await db.execute(
          sql`select count(*)::int as n from notifications where user_id = ${userId} and read_at is null`,
        ),
      );
      return {
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          title: r.title,
          body: r.body,
          link: r.link,
          createdAt: new Date(r.created_at).toISOString(),
          read: r.read_at !== null,
        })),
        unread: unread?.n ?? 0,
      };
    },
  );

  app.post(
    '/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Đánh dấu đã đọc',
        params: ZIdParams,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      const done = rowsOf<{ id: string }>(
        await db.execute(sql`update notifications set read_at = coalesce(read_at, now())
          where id = ${request.params.id} and user_id = ${request.actor.userId} returning id`),
      );
      if (!done.length) throw notFound(RESOURCE_NAMES.resource);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/notifications/read-all',
    { schema: { tags, summary: 'Đánh dấu tất cả đã đọc', response: { 204: z.null(), ...problemResponses } } },
    async (request, reply) => {
      await db.execute(
        sql`update notifications set read_at = now() where user_id = ${request.actor.userId} and read_at is null`,
      );
      return reply.status(204).send(null);
    },
  );
};
