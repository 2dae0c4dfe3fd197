import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Clock, systemClock } from './clock';
import type { DatabaseHandle } from './db/client';
import { AppError, notFound, RESOURCE_NAMES } from './errors/app-error';
import { registerErrorHandling, requestLanguage } from './errors/handler';
import { controlCharacterErrors } from './errors/validation';
import { analyticsRoutes } from './modules/analytics/routes';
import { auditRoutes } from './modules/audit/routes';
import { dashboardRoutes } from './modules/dashboard/routes';
import { unitOverviewRoutes } from './modules/dashboard/unit-routes';
import { dataValueRoutes } from './modules/data-values/routes';
import { documentRoutes } from './modules/documents/routes';
import { createDiskStore } from './modules/evidence/disk-store';
import { evidenceRoutes } from './modules/evidence/routes';
import type { EvidenceStore } from './modules/evidence/store';
import { geoRoutes } from './modules/geo/routes';
import { healthRoutes } from './modules/health/routes';
import { identityRoutes } from './modules/identity/routes';
import { createSessionCache, type SessionCache } from './modules/identity/session-cache';
import { type ActiveSession, SESSION_COOKIE, type SessionSettings } from './modules/identity/sessions';
import { allowedBeforeEnrolment, mustEnrollTotp } from './modules/identity/totp';
import { indicatorRoutes } from './modules/indicators/routes';
import { notificationRoutes } from './modules/notifications/routes';
import { orgUnitRoutes } from './modules/org-units/routes';
import { planImportRoutes } from './modules/plan-import/routes';
import { planItemRoutes } from './modules/plan-items/routes';
import { planRoutes } from './modules/plans/routes';
import { programmeRoutes } from './modules/programmes/routes';
import { publicSiteRoutes } from './modules/public-site/routes';
import { publicApiRoutes } from './modules/publishing/public-routes';
import { createRateLimiter, type RateLimitSettings } from './modules/publishing/rate-limit';
import { publishingRoutes } from './modules/publishing/routes';
import { reportRoutes } from './modules/reports/routes';
import { roundRoutes } from './modules/rounds/routes';
import { scorecardRoutes } from './modules/scorecards/routes';
import { searchSynonymRoutes } from './modules/search-synonyms/routes';
import { synthesisRoutes } from './modules/synthesis/routes';
import { userRoutes } from './modules/users/routes';
import { openApiTransform, openApiTransformObject } from './openapi';
import { type Actor, anonymousActor } from './policy';
import { registerWebApp } from './web-app';

/** One registered route, as the authorization matrix test reads it. */
export interface RouteEntry {
  method: string;
  url: string;
  public: boolean;
  /** the parts of the request its schema validates, besides the path */
  inputs: ('body' | 'querystring')[];
}

declare module 'fastify' {
  interface FastifyInstance {
    database: DatabaseHandle;
    clock: Clock;
    sessionSettings: SessionSettings;
    /** this instance's sessions and role assignments, dropped when the database's cache epoch moves */
    sessionCache: SessionCache;
    /** where evidence files are kept, and the largest accepted */
    evidence: EvidenceSettings;
    /** every route registered, for the authorization matrix test */
    routeTable: RouteEntry[];
  }
  interface FastifyRequest {
    actor: Actor;
    session: ActiveSession | null;
  }
  interface FastifyContextConfig {
    /** reachable without signing in (health, docs, sign-in) */
    public?: boolean;
  }
}

export interface EvidenceSettings {
  store: EvidenceStore;
  maxBytes: number;
}

export interface BuildAppOptions {
  database: DatabaseHandle;
  /** folder of the built web app; not served when absent */
  webDistDir?: string;
  clock?: Clock;
  logLevel?: string;
  sessionSettings?: SessionSettings;
  /** evidence storage (default: a folder under the OS temp dir, for tests) */
  evidence?: EvidenceSettings;
  /** see TRUST_PROXY in config.ts: the proxies' addresses/CIDRs or a hop count, never "trust anyone" */
  trustProxy?: false | number | string;
  /** requests per address on the public site and API (default: 300 a minute) */
  publicRateLimit?: RateLimitSettings;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const DOCS_PREFIX = '/api/docs';

/** Routes reachable without signing in: marked `config: { public: true }`, plus the API docs. */
const isPublic = (request: FastifyRequest) => request.routeOptions.config?.public === true;

/**
 * Sign-in, CSRF, two-step and temporary-password checks, registered inside the /api plugin: they
 * run for exactly the routes under that prefix, whatever spelling of the path matched them
 * (`/%61pi/…` is decoded before matching, so a test of `request.url` would miss it). The API docs
 * (/api/docs) are registered outside the plugin and stay public.
 */
function registerApiHooks(api: FastifyInstance) {
  // Who is asking: the session behind the cookie (cached per instance, one epoch check per
  // request: identity/session-cache.ts), and the CSRF check for its writes.
  api.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const found = await api.sessionCache.resolve(token, api.sessionSettings, {
      ip: request.ip,
      requestId: request.id,
    });
    if (!found) return;
    const { session } = found;
    request.session = session;
    request.actor = found.actor;
    if (
      UNSAFE_METHODS.has(request.method) &&
      !isPublic(request) &&
      request.headers['x-csrf-token'] !== session.csrfToken
    ) {
      throw new AppError('csrf_failed');
    }
  });
  // Signing in comes before validating: an anonymous caller learns nothing about a route's input.
  // An administrator without two-step verification may only set it up (and sign out, change the
  // password, see who they are) until it is on: checked here once, not in each route.
  api.addHook('preValidation', async (request) => {
    if (isPublic(request)) return;
    if (request.actor.userId === null) throw new AppError('unauthenticated');
    if (
      request.session &&
      mustEnrollTotp(request.session.user, request.actor) &&
      !allowedBeforeEnrolment(request)
    ) {
      throw new AppError('totp_enrollment_required');
    }
    // A temporary password (new account, reset by an administrator) opens nothing but its change.
    if (request.session?.user.mustChangePassword && !allowedBeforeEnrolment(request)) {
      throw new AppError('password_change_required');
    }
  });
  // Control characters (NUL above all, which PostgreSQL cannot store) in any string of the input,
  // public routes included: 400 naming the field, whatever the route's schema says of that string.
  api.addHook('preValidation', async (request) => {
    const lang = requestLanguage(request);
    const inPath = controlCharacterErrors(request.params, 'params', lang);
    if (inPath.length > 0) throw notFound(RESOURCE_NAMES.resource);
    const errors = [
      ...controlCharacterErrors(request.query, 'querystring', lang),
      ...controlCharacterErrors(request.body, 'body', lang),
    ];
    if (errors.length > 0) throw new AppError('validation_failed', { errors });
  });
}

export type App = FastifyInstance;

/**
 * Fastify reads a number as "trust nobody" (since 5.12), so a hop count becomes the function
 * proxy-addr used to make of it: the socket's peer and the next `hops - 1` addresses are proxies.
 */
function trustProxySetting(setting: BuildAppOptions['trustProxy']) {
  if (typeof setting !== 'number') return setting ?? false;
  return (_address: string, hop: number) => hop < setting;
}

export async function buildApp(options: BuildAppOptions): Promise<App> {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'silent' },
    bodyLimit: 1024 * 1024,
    trustProxy: trustProxySetting(options.trustProxy),
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('database', options.database);
  app.decorate('clock', options.clock ?? systemClock);
  app.decorate('sessionSettings', options.sessionSettings ?? { idleMinutes: 120, absoluteHours: 12 });
  app.decorate('sessionCache', createSessionCache(options.database));
  app.decorate(
    'evidence',
    options.evidence ?? {
      store: createDiskStore(path.join(os.tmpdir(), 'lotrinh-evidence')),
      maxBytes: 20 * 1024 * 1024,
    },
  );
  app.decorate('routeTable', []);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      app.routeTable.push({
        method,
        url: route.url,
        public: route.config?.public === true || route.url.startsWith(DOCS_PREFIX),
        inputs: (['body', 'querystring'] as const).filter((input) => route.schema?.[input] !== undefined),
      });
    }
  });
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('session', null);

  await app.register(cookie);
  // JSON answers compressed above 1 KB (the report page's catalogue and units: 127 KB to ~15 KB on a
  // commune's 4G), brotli at quality 4 to spare the CPU. Registered before every route, since it hooks
  // each route as it is added. The web build's files come pre-compressed (their content-encoding is
  // already set, so they pass through); XLSX, PDF and images are not compressible types; request
  // bodies are not decompressed (uploads are spooled as sent, under their byte limits).
  await app.register(compress, {
    global: true,
    globalDecompression: false,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  // Everyone starts anonymous; the /api plugin's hooks below find the session behind the cookie.
  app.addHook('onRequest', async (request) => {
    request.actor = anonymousActor(request.ip, request.id);
    request.session = null;
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
    // operation ids, shared components, problem answers, uploads and files: server/openapi.ts
    transform: openApiTransform,
    transformObject: openApiTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PREFIX });

  // the public portal's pages and API share one count of requests per address
  const publicLimiter = createRateLimiter(options.publicRateLimit);
  await app.register(
    async (api) => {
      registerApiHooks(api);
      api.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
        app.swagger(),
      );
      await api.register(healthRoutes);
      await api.register(identityRoutes);
      await api.register(orgUnitRoutes);
      await api.register(planRoutes);
      await api.register(planItemRoutes);
      await api.register(planImportRoutes);
      await api.register(indicatorRoutes);
      await api.register(userRoutes);
      await api.register(auditRoutes);
      await api.register(dataValueRoutes);
      await api.register(analyticsRoutes);
      await api.register(roundRoutes);
      await api.register(searchSynonymRoutes);
      await api.register(reportRoutes);
      await api.register(notificationRoutes);
      await api.register(evidenceRoutes);
      await api.register(documentRoutes);
      await api.register(dashboardRoutes);
      await api.register(scorecardRoutes);
      await api.register(geoRoutes);
      await api.register(unitOverviewRoutes);
      await api.register(synthesisRoutes);
      await api.register(publishingRoutes);
      await api.register(publicApiRoutes, { limiter: publicLimiter });
      await api.register(programmeRoutes);
    },
    { prefix: '/api' },
  );

  await app.register(publicSiteRoutes, { limiter: publicLimiter });
  await registerWebApp(app, options.webDistDir);

  return app;
}
