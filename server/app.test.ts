import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TProblem } from '../common/problem';
import { buildApp } from './app';
import { SESSION_COOKIE } from './modules/identity/sessions';
import { createTestContext, type TestContext } from './test/context';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

afterAll(async () => {
  await ctx?.close();
});

describe('app', () => {
  it('reports health with the database kind', async () => {
    const res = await ctx.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      database: process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite',
    });
  });

  it('serves an OpenAPI document generated from the schemas', async () => {
    const res = await ctx.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/plans/{planId}/items',
      '/api/items/{id}',
      '/api/org-units/{id}/archive',
      '/api/plans/{id}',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(
      doc.paths['/api/items/{id}'].patch.requestBody.content['application/json'].schema.properties,
    ).toHaveProperty('version');
  });

  it('answers unknown API routes and malformed JSON with problem details', async () => {
    const missing = await ctx.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json<TProblem>().code).toBe('route_not_found');
    const malformed = await ctx.inject({
      method: 'POST',
      url: '/api/plans',
      headers: { 'content-type': 'application/json' },
      payload: '{"number": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json<TProblem>().code).toBe('bad_request');
  });

  it('refuses a body over the size limit (413)', async () => {
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/plans',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ title: 'x'.repeat(1_100_000) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json<TProblem>().code).toBe('payload_too_large');
    expect(res.json<TProblem>().detail).toBe('Dữ liệu gửi lên vượt quá giới hạn 1 MB.');
  });

  it('sends security headers with a script policy that allows no inline script', async () => {
    const res = await ctx.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain("script-src 'self' 'unsafe-inline'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('marks the session cookie Secure over HTTPS, believing X-Forwarded-Proto only from a trusted proxy', async () => {
    const created = await ctx.inject({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'sau.proxy',
        displayName: 'Sau proxy',
        password: 'Tam-Thoi-2026',
        assignments: [{ role: 'officer', orgUnitId: ctx.rootOrgUnitId }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const behindProxy = await buildApp({ database: ctx.database, trustProxy: '127.0.0.1' });
    try {
      const login = (app: typeof ctx.app) =>
        app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' },
          payload: { username: 'sau.proxy', password: 'Tam-Thoi-2026' },
        });
      const trusted = await login(behindProxy);
      expect(trusted.statusCode, trusted.body).toBe(200);
      const cookie = trusted.cookies.find((c) => c.name === SESSION_COOKIE)!;
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
      expect(trusted.headers['strict-transport-security']).toContain('max-age=');

      const direct = await login(ctx.app);
      expect(direct.cookies.find((c) => c.name === SESSION_COOKIE)?.secure).toBeFalsy();
    } finally {
      await behindProxy.close();
    }
  });
});
