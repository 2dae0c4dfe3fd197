/**
 * The built web app (web/dist), served by the API's own process. Vite names every asset after its
 * content (`/assets/index-3f9a1c.js`), so an asset never changes under its name: it is cached for a
 * year without a single revalidation. index.html names the current assets and must be fetched again
 * (revalidated, a 304 when unchanged) so that a new deploy is picked up at the next visit.
 * The build writes brotli and gzip copies beside each asset (web/vite-precompress.ts); they are
 * sent as they are to clients that accept them — no compression work per request.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Hashed names: safe to keep for a year, never revalidated. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html, favicon): kept, but revalidated before each use. */
export const REVALIDATE = 'no-cache';

/** Serves `dir` (a web build) when it holds an index.html; does nothing otherwise. */
export async function registerWebApp(app: FastifyInstance, dir: string | undefined): Promise<void> {
  if (!dir || !fs.existsSync(path.join(dir, 'index.html'))) return;
  const root = path.resolve(dir);
  // the file paths setHeaders sees start with the root as given: absolute, to compare with this
  const assets = `${path.join(root, 'assets')}${path.sep}`;
  await app.register(fastifyStatic, {
    root,
    // one route per file found at start, rather than a wildcard that would shadow the fallback below
    wildcard: false,
    // the .br/.gz copies are sent in place of their original, never asked for by name
    globIgnore: ['**/*.br', '**/*.gz'],
    preCompressed: true,
    // our own Cache-Control below, not send's `public, max-age=0`
    cacheControl: false,
    setHeaders(res, filePath) {
      res.setHeader('cache-control', filePath.startsWith(assets) ? IMMUTABLE : REVALIDATE);
      // the body depends on Accept-Encoding: a shared cache must not hand brotli to a gzip-only client
      res.setHeader('vary', 'accept-encoding');
    },
  });
  // Client-side routes (/plans/…) get the app shell; unknown /api paths stay 404 problems, and so
  // does an asset of an older build (a tab open across a deploy): HTML in its place would fail as a
  // script with a MIME error instead of the router's "reload" message.
  // The decoded path, as the router saw it: `/%61pi/…` is an API path too.
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const rest = (request.params as { '*'?: string })['*'] ?? '';
    if (rest === 'api' || rest.startsWith('api/') || rest.startsWith('assets/')) return reply.callNotFound();
    return reply.sendFile('index.html');
  });
}
