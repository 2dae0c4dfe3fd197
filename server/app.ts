import fs from 'node:fs';
import path from 'node:path';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { type Clock, systemClock } from './clock';
import type { DatabaseHandle } from './db/client';
import { registerErrorHandling } from './errors/handler';
import { healthRoutes } from './modules/health/routes';
import { orgUnitRoutes } from './modules/org-units/routes';
import { planItemRoutes } from './modules/plan-items/routes';
import { planRoutes } from './modules/plans/routes';
import { type Actor, ANONYMOUS_ACTOR } from './policy';

declare module 'fastify' {
  interface FastifyInstance {
    database: DatabaseHandle;
    clock: Clock;
  }
  interface FastifyRequest {
    actor: Actor;
  }
}

export interface BuildAppOptions {
  database: DatabaseHandle;
  /** folder of the built web app; not served when absent */
  webDistDir?: string;
  clock?: Clock;
  logLevel?: string;
}

export type App = FastifyInstance;

export async function buildApp(options: BuildAppOptions): Promise<App> {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'silent' },
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('database', options.database);
  app.decorate('clock', options.clock ?? systemClock);
  app.decorateRequest('actor', null as unknown as Actor);
  app.addHook('onRequest', async (request) => {
    request.actor = ANONYMOUS_ACTOR;
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  registerErrorHandling(app);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Lộ Trình API',
        description: 'Kế hoạch, nhiệm vụ và đơn vị — API của nền tảng Lộ Trình.',
        version: '0.1.0',
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(
    async (api) => {
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      await api.register(healthRoutes);
      await api.register(orgUnitRoutes);
      await api.register(planRoutes);
      await api.register(planItemRoutes);
    },
    { prefix: '/api' },
  );

  if (options.webDistDir && fs.existsSync(path.join(options.webDistDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: options.webDistDir, wildcard: false });
    // Client-side routes (/plans/…) get the app shell; unknown /api paths stay 404 problems.
    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      if (request.url.startsWith('/api/')) return reply.callNotFound();
      return reply.sendFile('index.html');
    });
  }

  return app;
}
