/**
 * Serving the built web app: the build's brotli/gzip copies sent to whoever accepts them, hashed
 * assets cached for a year, index.html revalidated (a deploy is picked up), the helmet headers kept,
 * client-side paths answered with the app shell and unknown API paths with a 404 problem.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TProblem } from '../common/problem';
import { type App, buildApp } from './app';
import { createTestContext, type TestContext } from './test/context';
import { IMMUTABLE } from './web-app';

let ctx: TestContext;
let web: App;
let dist: string;
const script = `console.log(${JSON.stringify('Lộ Trình '.repeat(200))});\n`;
const html =
  '<!doctype html><title>Lộ Trình</title><script type="module" src="/assets/index-AbC123.js"></script>';

beforeAll(async () => {
  ctx = await createTestContext();
  // A tiny build as web/vite-precompress.ts leaves it: every file with its .br and .gz beside it.
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'lotrinh-web-app-'));
  fs.mkdirSync(path.join(dist, 'assets'));
  const files = { 'index.html': html, 'assets/index-AbC123.js': script };
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dist, name);
    fs.writeFileSync(file, text);
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(text));
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(text));
  }
  web = await buildApp({ database: ctx.database, webDistDir: dist });
});

afterAll(async () => {
  await web?.close();
  await ctx?.close();
  if (dist) fs.rmSync(dist, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string) =>
  web.inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

describe('the web app', () => {
  it('sends a hashed asset brotli-compressed to a browser that accepts it, cached for a year', async () => {
    const res = await get('/assets/index-AbC123.js', 'gzip, deflate, br, zstd');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(script);
  });

  it('sends gzip to a client without brotli, and the file itself to one that accepts neither', async () => {
    const gzip = await get('/assets/index-AbC123.js', 'gzip, deflate');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers['cache-control']).toBe(IMMUTABLE);
    expect(gzip.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.gunzipSync(gzip.rawPayload).toString()).toBe(script);
    const plain = await get('/assets/index-AbC123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
  });

  it('revalidates index.html (no-cache), compressed too, with the CSP of helmet', async () => {
    for (const url of ['/', '/index.html']) {
      const res = await get(url, 'br, gzip');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['content-security-policy'], url).toContain("script-src 'self'");
      expect(zlib.brotliDecompressSync(res.rawPayload).toString(), url).toBe(html);
    }
  });

  it('answers a client-side route with the app shell (no-cache), and unknown API paths with a 404 problem', async () => {
    for (const url of ['/dot-bao-cao', '/bao-cao/3c2b7d0e-0000-4000-8000-000000000000']) {
      const shell = await get(url, 'gzip');
      expect(shell.statusCode, url).toBe(200);
      expect(shell.headers['cache-control'], url).toBe('no-cache');
      expect(zlib.gunzipSync(shell.rawPayload).toString(), url).toBe(html);
    }
    for (const url of ['/api/nothing-here', '/%61pi/nothing-here']) {
      const missing = await get(url, 'br');
      expect(missing.statusCode, url).toBe(404);
      expect(missing.json<TProblem>().code, url).toBe('route_not_found');
    }
  });

  it('answers an asset of an older build with 404, not with the app shell', async () => {
    const res = await get('/assets/index-Old999.js', 'br');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).not.toMatch(/text\/html/);
  });

  it('caches the assets for a year also when WEB_DIST_DIR is a relative path', async () => {
    const relative = await buildApp({
      database: ctx.database,
      webDistDir: path.relative(process.cwd(), dist),
    });
    try {
      const res = await relative.inject({ method: 'GET', url: '/assets/index-AbC123.js' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe(IMMUTABLE);
    } finally {
      await relative.close();
    }
  });

  it('never serves the compressed copies by their own names', async () => {
    const res = await get('/assets/index-AbC123.js.br');
    expect(res.statusCode).toBe(404);
  });
});

// The pre-compressed files above are sent once compressed, not twice (their tests decode them once).
describe('the API answers', () => {
  it('compresses a large JSON answer for a client that accepts it, and sends it plain to one that does not', async () => {
    const plain = await get('/api/openapi.json');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(10_000);
    const doc = plain.json();

    const br = await get('/api/openapi.json', 'gzip, deflate, br, zstd');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^application\/json/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
    expect(JSON.parse(zlib.brotliDecompressSync(br.rawPayload).toString())).toEqual(doc);

    const gzip = await get('/api/openapi.json', 'gzip, deflate');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gzip.rawPayload).toString())).toEqual(doc);
  });

  it('leaves an answer under 1 KB as it is', async () => {
    const res = await get('/api/health', 'gzip, deflate, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.rawPayload.length).toBeLessThan(1024);
  });
});
