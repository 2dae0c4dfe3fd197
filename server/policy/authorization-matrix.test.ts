/**
 * Every API route × every role × where the role sits relative to the record (own unit, another
 * unit, the parent unit) → the expected status. Generated from the app's route table: a route
 * added without its row here fails the first test.
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../common/roles';
import { createTestContext, type TestContext } from '../test/context';
import { buildItem, buildOrgUnit, buildPlan } from '../test/factories';
import { type Injector, signInAs } from '../test/sessions';

type Relation = 'own' | 'other' | 'parent';
const RELATIONS: Relation[] = ['own', 'other', 'parent'];

interface Fixture {
  /** the unit that owns the records a case touches */
  own: string;
  other: string;
  parent: string;
  planId: string;
}

/** A request for one case; mutations build their own records so cases do not disturb each other. */
type Build = (f: Fixture, ctx: TestContext) => Promise<InjectOptions>;

/** Who may: roles allowed at the own unit, and whether another unit's record is hidden (404) or refused (403). */
interface Row {
  build: Build;
  ok: number;
  /** roles allowed when the actor sits at the record's unit or above it */
  allowed: readonly Role[] | 'all';
  /** answer to a role sitting at another unit: 'same' = as at its own unit */
  otherUnit: 'same' | 403 | 404;
  /** answer to signed-in roles not in `allowed` */
  denied?: 403 | 404;
  /** per-role exceptions to `denied` (a role that may read the record but not change it: 403) */
  deniedFor?: Partial<Record<Role, 403 | 404>>;
}

const MANAGERS = ['admin', 'secretariat'] as const;

/** A user whose role sits on the fixture's own unit. */
const userAt = async (f: Fixture, ctx: TestContext) =>
  (await signInAs(ctx.app, ctx.db, 'officer', f.own)).user;

const item = async (f: Fixture, ctx: TestContext) =>
  buildItem(ctx.db, { planId: f.planId, code: `9.${Math.floor(Math.random() * 1e9)}`, leadOrgUnitId: f.own });

const MATRIX: Record<string, Row> = {
  'GET /api/users': {
    build: async () => ({ method: 'GET', url: '/api/users' }),
    ok: 200,
    allowed: ['admin', 'auditor'],
    otherUnit: 'same',
    denied: 403,
  },
  'GET /api/users/:id': {
    build: async (f, ctx) => ({ method: 'GET', url: `/api/users/${(await userAt(f, ctx)).id}` }),
    ok: 200,
    allowed: ['admin', 'auditor'],
    otherUnit: 404,
    denied: 404,
  },
  'GET /api/audit-events': {
    build: async () => ({ method: 'GET', url: '/api/audit-events' }),
    ok: 200,
    allowed: ['admin', 'auditor'],
    otherUnit: 'same',
    denied: 403,
  },
  'GET /api/audit-events.xlsx': {
    build: async () => ({ method: 'GET', url: '/api/audit-events.xlsx' }),
    ok: 200,
    allowed: ['admin', 'auditor'],
    otherUnit: 'same',
    denied: 403,
  },
  'POST /api/users': {
    build: async (f) => ({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: `nv.${Math.random().toString(36).slice(2, 10)}`,
        displayName: 'Cán bộ mới',
        password: 'Tam-Thoi-2026',
        assignments: [{ role: 'officer', orgUnitId: f.own }],
      },
    }),
    ok: 201,
    allowed: ['admin'],
    otherUnit: 403,
    denied: 403,
  },
  'POST /api/users/:id/disable': {
    build: async (f, ctx) => ({ method: 'POST', url: `/api/users/${(await userAt(f, ctx)).id}/disable` }),
    ok: 200,
    allowed: ['admin'],
    otherUnit: 404,
    denied: 404,
    deniedFor: { auditor: 403 },
  },
  'POST /api/users/:id/enable': {
    build: async (f, ctx) => ({ method: 'POST', url: `/api/users/${(await userAt(f, ctx)).id}/enable` }),
    ok: 200,
    allowed: ['admin'],
    otherUnit: 404,
    denied: 404,
    deniedFor: { auditor: 403 },
  },
  'POST /api/users/:id/reset-password': {
    build: async (f, ctx) => ({
      method: 'POST',
      url: `/api/users/${(await userAt(f, ctx)).id}/reset-password`,
      payload: { version: 1, password: 'Tam-Thoi-2026' },
    }),
    ok: 200,
    allowed: ['admin'],
    otherUnit: 404,
    denied: 404,
    deniedFor: { auditor: 403 },
  },
  // Anyone signed in reaches the handler; the matrix's users have no real password, so it answers 400.
  'POST /api/auth/password': {
    build: async () => ({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'khong-dung', newPassword: 'Mat-Khau-Moi-2026' },
    }),
    ok: 400,
    allowed: 'all',
    otherUnit: 'same',
  },
  'GET /api/health': {
    build: async () => ({ method: 'GET', url: '/api/health' }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  'GET /api/openapi.json': {
    build: async () => ({ method: 'GET', url: '/api/openapi.json' }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  'GET /api/auth/me': {
    build: async () => ({ method: 'GET', url: '/api/auth/me' }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  'POST /api/auth/logout-all': {
    // run last for each user would end its session: use a throwaway user (see `freshSession`)
    build: async () => ({ method: 'POST', url: '/api/auth/logout-all' }),
    ok: 204,
    allowed: 'all',
    otherUnit: 'same',
  },
  'POST /api/auth/logout': {
    build: async () => ({ method: 'POST', url: '/api/auth/logout' }),
    ok: 204,
    allowed: 'all',
    otherUnit: 'same',
  },
  'GET /api/org-units': {
    build: async () => ({ method: 'GET', url: '/api/org-units' }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  'GET /api/org-units/tree': {
    build: async () => ({ method: 'GET', url: '/api/org-units/tree' }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  'GET /api/org-units/:id': {
    build: async (f) => ({ method: 'GET', url: `/api/org-units/${f.own}` }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  'POST /api/org-units': {
    build: async (f) => ({
      method: 'POST',
      url: '/api/org-units',
      payload: {
        code: `M${Math.random().toString(36).slice(2, 10)}`,
        name: 'Tổ mới',
        kind: 'other',
        parentId: f.own,
      },
    }),
    ok: 201,
    allowed: MANAGERS,
    otherUnit: 403,
    denied: 403,
  },
  'PATCH /api/org-units/:id': {
    build: async (f, ctx) => {
      const unit = await buildOrgUnit(ctx.db, { parentId: f.own });
      return { method: 'PATCH', url: `/api/org-units/${unit.id}`, payload: { version: 1, name: 'Tên mới' } };
    },
    ok: 200,
    allowed: MANAGERS,
    otherUnit: 403,
    denied: 403,
  },
  'POST /api/org-units/:id/archive': {
    build: async (f, ctx) => {
      const unit = await buildOrgUnit(ctx.db, { parentId: f.own });
      return { method: 'POST', url: `/api/org-units/${unit.id}/archive`, payload: { version: 1 } };
    },
    ok: 200,
    allowed: MANAGERS,
    otherUnit: 403,
    denied: 403,
  },
  'POST /api/org-units/:id/restore': {
    build: async (f, ctx) => {
      const unit = await buildOrgUnit(ctx.db, { parentId: f.own, active: false });
      return { method: 'POST', url: `/api/org-units/${unit.id}/restore`, payload: { version: 1 } };
    },
    ok: 200,
    allowed: MANAGERS,
    otherUnit: 403,
    denied: 403,
  },
  'GET /api/plans': {
    build: async () => ({ method: 'GET', url: '/api/plans' }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  'GET /api/plans/:id': {
    build: async (f) => ({ method: 'GET', url: `/api/plans/${f.planId}` }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  // Plans span the province: only managers sitting at the top (the parent relation) may change them.
  'POST /api/plans': {
    build: async () => ({
      method: 'POST',
      url: '/api/plans',
      payload: {
        number: `${Math.random().toString(36).slice(2, 8)}-KH`,
        title: 'Kế hoạch',
        issuingBody: 'UBND tỉnh',
        horizonStartYear: 2026,
        horizonEndYear: 2030,
      },
    }),
    ok: 201,
    allowed: [],
    otherUnit: 403,
    denied: 403,
  },
  'PATCH /api/plans/:id': {
    build: async (_f, ctx) => {
      const plan = await buildPlan(ctx.db);
      return { method: 'PATCH', url: `/api/plans/${plan.id}`, payload: { version: 1, title: 'Tên mới' } };
    },
    ok: 200,
    allowed: [],
    otherUnit: 403,
    denied: 403,
  },
  'POST /api/plans/:id/archive': {
    build: async (_f, ctx) => {
      const plan = await buildPlan(ctx.db);
      return { method: 'POST', url: `/api/plans/${plan.id}/archive`, payload: { version: 1 } };
    },
    ok: 200,
    allowed: [],
    otherUnit: 403,
    denied: 403,
  },
  'GET /api/plans/:planId/items': {
    build: async (f) => ({ method: 'GET', url: `/api/plans/${f.planId}/items` }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  'GET /api/plans/:planId/tree': {
    build: async (f) => ({ method: 'GET', url: `/api/plans/${f.planId}/tree` }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  'POST /api/plans/:planId/items': {
    build: async (f) => ({
      method: 'POST',
      url: `/api/plans/${f.planId}/items`,
      payload: {
        kind: 'task',
        code: `8.${Math.floor(Math.random() * 1e9)}`,
        title: 'Việc mới',
        leadOrgUnitId: f.own,
      },
    }),
    ok: 201,
    allowed: MANAGERS,
    otherUnit: 403,
    denied: 403,
  },
  'GET /api/items/:id': {
    build: async (f, ctx) => ({ method: 'GET', url: `/api/items/${(await item(f, ctx)).id}` }),
    ok: 200,
    allowed: 'all',
    otherUnit: 404,
  },
  'GET /api/items/:id/history': {
    build: async (f, ctx) => ({ method: 'GET', url: `/api/items/${(await item(f, ctx)).id}/history` }),
    ok: 200,
    allowed: 'all',
    otherUnit: 404,
  },
  'PATCH /api/items/:id': {
    build: async (f, ctx) => ({
      method: 'PATCH',
      url: `/api/items/${(await item(f, ctx)).id}`,
      payload: { version: 1, progress: 10 },
    }),
    ok: 200,
    allowed: MANAGERS,
    otherUnit: 404,
    denied: 403,
  },
  'POST /api/items/:id/archive': {
    build: async (f, ctx) => ({
      method: 'POST',
      url: `/api/items/${(await item(f, ctx)).id}/archive`,
      payload: { version: 1 },
    }),
    ok: 200,
    allowed: MANAGERS,
    otherUnit: 404,
    denied: 403,
  },
  'POST /api/items/:id/restore': {
    build: async (f, ctx) => {
      const archived = await buildItem(ctx.db, {
        planId: f.planId,
        code: `7.${Math.floor(Math.random() * 1e9)}`,
        leadOrgUnitId: f.own,
        archivedAt: new Date(),
      });
      return { method: 'POST', url: `/api/items/${archived.id}/restore`, payload: { version: 1 } };
    },
    ok: 200,
    allowed: MANAGERS,
    otherUnit: 404,
    denied: 403,
  },
};

/** Where the role sits for each relation: at the record's unit, at a sibling unit, or at the root above both. */
function seat(f: Fixture, relation: Relation) {
  return relation === 'own' ? f.own : relation === 'other' ? f.other : f.parent;
}

function expected(row: Row, role: Role, relation: Relation, key: string): number {
  const isPlanWrite = key.includes('/api/plans') && !key.startsWith('GET') && !key.includes(':planId');
  if (isPlanWrite)
    return relation === 'parent' && (MANAGERS as readonly Role[]).includes(role) ? row.ok : 403;
  const allowed = row.allowed === 'all' || row.allowed.includes(role);
  if (relation === 'other' && row.otherUnit !== 'same') {
    // Another unit's record: hidden from everyone scoped elsewhere.
    return row.otherUnit;
  }
  return allowed ? row.ok : (row.deniedFor?.[role] ?? row.denied ?? 403);
}

let ctx: TestContext;
let fixture: Fixture;

beforeAll(async () => {
  ctx = await createTestContext();
  const own = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId });
  const other = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId });
  const plan = await buildPlan(ctx.db);
  fixture = { own: own.id, other: other.id, parent: ctx.rootOrgUnitId, planId: plan.id };
});

afterAll(async () => {
  await ctx?.close();
});

describe('authorization matrix', () => {
  it('has a row for every API route', () => {
    const routes = ctx.app.routeTable
      .filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'))
      .map((r) => `${r.method} ${r.url}`)
      .filter((key) => key !== 'POST /api/auth/login');
    expect(routes.sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it('answers 401 to anonymous callers on every non-public route', async () => {
    for (const [key, row] of Object.entries(MATRIX)) {
      const isPublic = ctx.app.routeTable.find((r) => `${r.method} ${r.url}` === key)?.public;
      const res = await ctx.app.inject(await row.build(fixture, ctx));
      expect(res.statusCode, key).toBe(isPublic ? row.ok : 401);
    }
  });

  for (const role of ROLES) {
    for (const relation of RELATIONS) {
      it(`${role} at the ${relation} unit`, async () => {
        const failures: string[] = [];
        for (const [key, row] of Object.entries(MATRIX)) {
          // Sign-out ends the session: each such case gets its own.
          const { inject } = await signInAs(ctx.app, ctx.db, role, seat(fixture, relation));
          const run: Injector = inject;
          const res = await run(await row.build(fixture, ctx));
          const want = expected(row, role, relation, key);
          if (res.statusCode !== want)
            failures.push(`${key}: ${res.statusCode} (want ${want}) ${res.body.slice(0, 120)}`);
        }
        expect(failures).toEqual([]);
      });
    }
  }
});
