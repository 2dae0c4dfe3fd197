import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DATABASE_RETRY_AFTER_SECONDS, unavailableReason } from '../../db/unavailable';

const ZDatabaseKind = z.enum(['pglite', 'postgresql']);
const ZHealth = z.object({ status: z.literal('ok'), database: ZDatabaseKind });
const ZUnhealthy = z.object({
  status: z.literal('unavailable'),
  database: ZDatabaseKind,
  /** what is wrong, for the operator reading a probe's answer */
  detail: z.string(),
});

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      config: { public: true },
      schema: {
        tags: ['health'],
        summary: 'Tình trạng hệ thống',
        description: '200 khi cơ sở dữ liệu trả lời; 503 (kèm Retry-After) khi không truy cập được.',
        response: { 200: ZHealth, 503: ZUnhealthy },
      },
    },
    async (_request, reply) => {
      try {
        await app.database.db.execute(sql`select 1`);
      } catch (error) {
        // Whatever the cause, the database does not answer: a load balancer takes this instance out.
        app.log.warn(`health check: database unavailable: ${unavailableReason(error)}`);
        return reply
          .status(503)
          .header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS))
          .send({
            status: 'unavailable' as const,
            database: app.database.kind,
            detail: `Không truy cập được cơ sở dữ liệu (${app.database.kind === 'postgresql' ? 'PostgreSQL' : 'PGlite'}).`,
          });
      }
      return { status: 'ok' as const, database: app.database.kind };
    },
  );
};
