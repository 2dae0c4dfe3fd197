/**
 * The sign-in, CSRF, two-step and temporary-password hooks guard the routes under /api however
 * the path is spelled: Fastify decodes the path before matching it, so `/%61pi/auth/logout`
 * reaches the same handler as `/api/auth/logout` and must meet the same hooks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TProblem } from '../common/problem';
import { buildApp } from './app';
import { users } from './modules/identity/tables';
import { createTestContext, type TestContext } from './test/context';
import { signInAs } from './test/sessions';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

afterAll(async () => {
  await ctx?.close();
});

/** Every way we know of to spell "/api" + path; the first is the canonical one. */
const spellings = (path: string) => [
  `/api${path}`,
  `/%61pi${path}`,
  `/%61%70%69${path}`,
  `/api/%${path.charCodeAt(1).toString(16)}${path.slice(2)}`,
  `/api${path.replace(/\//g, '/%2F').replace('/%2F', '/')}`,
  `//api${path}`,
  `/api/.${path}`,
  `/api/x/..${path}`,
  `/API${path}`,
  `/api${path}?`,
  `/api${path}#x`,
];

const ROUTES = [
  { method: 'POST', path: '/auth/logout', payload: {} },
  { method: 'POST', path: '/auth/password', payload: { currentPassword: 1, newPassword: ['x'] } },
  { method: 'POST', path: '/auth/totp/confirm', payload: { code: 'not a code', extra: true } },
  { method: 'POST', path: '/plans', payload: { title: 42, unknown: 'x' } },
  { method: 'GET', path: '/audit-events?page=nope', payload: undefined },
] as const;

/** What the spelling answered: either the canonical route's answer, or not found (never a third thing). */
function expectSameOrNotFound(
  res: { statusCode: number; json: () => unknown },
  expected: { status: number; code: string },
  url: string,
) {
  const problem = res.json() as TProblem;
  const outcome = { status: res.statusCode, code: problem.code };
  if (outcome.code === 'route_not_found') {
    expect(outcome.status, url).toBe(404);
    return;
  }
  expect(outcome, url).toEqual(expected);
  expect(problem.errors, url).toBeUndefined();
}

describe('hooks on the matched route', () => {
  it('answer an anonymous caller 401 before validation, however /api is spelled', async () => {
    for (const route of ROUTES) {
      for (const url of spellings(route.path)) {
        const res = await ctx.app.inject({ method: route.method, url, payload: route.payload });
        expectSameOrNotFound(res, { status: 401, code: 'unauthenticated' }, url);
      }
      // The percent-encoded spelling is matched by Fastify: it must be the 401, not a 404.
      const encoded = await ctx.app.inject({
        method: route.method,
        url: `/%61pi${route.path}`,
        payload: route.payload,
      });
      expect(encoded.statusCode, route.path).toBe(401);
    }
  });

  it('refuse a signed-in write without the CSRF token (403 csrf_failed), however /api is spelled', async () => {
    const officer = await signInAs(ctx.app, ctx.db, 'officer', ctx.rootOrgUnitId);
    for (const route of ROUTES.filter((r) => r.method === 'POST')) {
      for (const url of spellings(route.path)) {
        const res = await ctx.app.inject({
          method: route.method,
          url,
          payload: route.payload,
          headers: { cookie: `lt_session=${officer.token}` },
        });
        expectSameOrNotFound(res, { status: 403, code: 'csrf_failed' }, url);
      }
    }
    // Still signed in: the logout above never ran.
    const me = await officer.inject({ method: 'GET', url: '/api/auth/me' });
    expect(me.statusCode).toBe(200);
  });

  it('hold an administrator without two-step verification, and a temporary password, however /api is spelled', async () => {
    const admin = await signInAs(ctx.app, ctx.db, 'admin', ctx.rootOrgUnitId);
    await ctx.db
      .update(users)
      .set({ totpSecret: null, totpEnabledAt: null })
      .where(eq(users.id, admin.user.id));
    const officer = await signInAs(ctx.app, ctx.db, 'officer', ctx.rootOrgUnitId);
    await ctx.db.update(users).set({ mustChangePassword: true }).where(eq(users.id, officer.user.id));
    for (const url of spellings('/plans')) {
      const asAdmin = await admin.inject({ method: 'POST', url, payload: { title: 42 } });
      expectSameOrNotFound(asAdmin, { status: 403, code: 'totp_enrollment_required' }, url);
      const asOfficer = await officer.inject({ method: 'GET', url });
      expectSameOrNotFound(asOfficer, { status: 403, code: 'password_change_required' }, url);
    }
  });

  it('leave the web app shell to client-side paths, and unknown API paths (any spelling) to a 404 problem', async () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'lotrinh-web-'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Lộ Trình</title>');
    const withWeb = await buildApp({ database: ctx.database, webDistDir: dist });
    try {
      const shell = await withWeb.inject({ method: 'GET', url: '/plans/abc' });
      expect(shell.statusCode).toBe(200);
      expect(shell.body).toContain('Lộ Trình');
      for (const url of ['/api/nothing-here', '/%61pi/nothing-here']) {
        const missing = await withWeb.inject({ method: 'GET', url });
        expect(missing.statusCode, url).toBe(404);
        expect(missing.json<TProblem>().code, url).toBe('route_not_found');
      }
      const anonymous = await withWeb.inject({ method: 'POST', url: '/%61pi/auth/logout' });
      expect(anonymous.statusCode).toBe(401);
    } finally {
      await withWeb.close();
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });

  it('keep the API documentation public', async () => {
    const docs = await ctx.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(docs.statusCode).toBe(200);
    const openapi = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(openapi.statusCode).toBe(200);
  });
});
