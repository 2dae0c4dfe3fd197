/**
 * The programme routes' rows of the authorization matrix (server/policy/authorization-matrix.test.ts,
 * which spreads them into its table): who may, at the record's unit, another unit, or above. Records
 * belong to the fixture's own unit; each case builds its own so cases do not disturb each other.
 */
import ExcelJS from 'exceljs';
import type { InjectOptions } from 'fastify';
import type { Role } from '../../../common/roles';
import type { TestContext } from '../../test/context';
import { budgetLines, programmes, supportPolicies } from './tables';

interface Fixture {
  own: string;
  other: string;
  parent: string;
  planId: string;
}

interface Row {
  build: (f: Fixture, ctx: TestContext) => Promise<InjectOptions>;
  ok: number;
  allowed: readonly Role[] | 'all';
  otherUnit: 'same' | 403 | 404 | 422;
  otherUnitFor?: Partial<Record<Role, 403 | 404>>;
  denied?: 403 | 404;
}

const MANAGERS = ['admin', 'secretariat'] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const n = () => Math.floor(Math.random() * 1e9);

const programme = async (f: Fixture, ctx: TestContext, archived = false) => {
  const [row] = await ctx.db
    .insert(programmes)
    .values({
      code: `MT-${n()}`,
      name: 'Chương trình thử',
      ownerOrgUnitId: f.own,
      archivedAt: archived ? new Date() : null,
    })
    .returning();
  return row!;
};

const policy = async (f: Fixture, ctx: TestContext, archived = false) => {
  const [row] = await ctx.db
    .insert(supportPolicies)
    .values({
      name: `Chính sách thử ${n()}`,
      eligibility: 'Doanh nghiệp',
      supportLevel: '50%',
      ownerOrgUnitId: f.own,
      archivedAt: archived ? new Date() : null,
    })
    .returning();
  return row!;
};

const line = async (f: Fixture, ctx: TestContext) => {
  const [row] = await ctx.db
    .insert(budgetLines)
    .values({ programmeId: (await programme(f, ctx)).id, year: 2026, source: 'provincial', allocated: 100 })
    .returning();
  return row!;
};

/** A one-line budget sheet for a programme of the own unit. */
async function budgetFile(f: Fixture, ctx: TestContext): Promise<Buffer> {
  const code = (await programme(f, ctx)).code;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Dòng ngân sách');
  sheet.addRow(['Mã chương trình', 'Năm', 'Nguồn vốn', 'Kinh phí được giao (đồng)']);
  sheet.addRow([code, 2026, 'Ngân sách tỉnh', 1000]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const readAll: Omit<Row, 'build'> = { ok: 200, allowed: 'all', otherUnit: 'same' };
const readOwn: Omit<Row, 'build'> = { ok: 200, allowed: 'all', otherUnit: 404 };
const manageOwn: Omit<Row, 'build'> = { ok: 200, allowed: MANAGERS, otherUnit: 404, denied: 403 };
const createOwn: Omit<Row, 'build'> = { ok: 201, allowed: MANAGERS, otherUnit: 403, denied: 403 };

export const PROGRAMME_MATRIX_ROWS: Record<string, Row> = {
  'GET /api/programmes': { build: async () => ({ method: 'GET', url: '/api/programmes' }), ...readAll },
  'GET /api/programmes/:id': {
    build: async (f, ctx) => ({ method: 'GET', url: `/api/programmes/${(await programme(f, ctx)).id}` }),
    ...readOwn,
  },
  'POST /api/programmes': {
    build: async (f) => ({
      method: 'POST',
      url: '/api/programmes',
      payload: { code: `MT-${n()}`, name: 'Chương trình mới', ownerOrgUnitId: f.own },
    }),
    ...createOwn,
  },
  'PATCH /api/programmes/:id': {
    build: async (f, ctx) => ({
      method: 'PATCH',
      url: `/api/programmes/${(await programme(f, ctx)).id}`,
      payload: { version: 1, name: 'Tên mới' },
    }),
    ...manageOwn,
  },
  'POST /api/programmes/:id/archive': {
    build: async (f, ctx) => ({
      method: 'POST',
      url: `/api/programmes/${(await programme(f, ctx)).id}/archive`,
      payload: { version: 1 },
    }),
    ...manageOwn,
  },
  'POST /api/programmes/:id/restore': {
    build: async (f, ctx) => ({
      method: 'POST',
      url: `/api/programmes/${(await programme(f, ctx, true)).id}/restore`,
      payload: { version: 1 },
    }),
    ...manageOwn,
  },
  'GET /api/support-policies': {
    build: async () => ({ method: 'GET', url: '/api/support-policies' }),
    ...readAll,
  },
  'GET /api/support-policies/:id': {
    build: async (f, ctx) => ({ method: 'GET', url: `/api/support-policies/${(await policy(f, ctx)).id}` }),
    ...readOwn,
  },
  'POST /api/support-policies': {
    build: async (f) => ({
      method: 'POST',
      url: '/api/support-policies',
      payload: {
        name: `Chính sách ${n()}`,
        eligibility: 'Hộ kinh doanh',
        supportLevel: '10 triệu đồng',
        ownerOrgUnitId: f.own,
      },
    }),
    ...createOwn,
  },
  'PATCH /api/support-policies/:id': {
    build: async (f, ctx) => ({
      method: 'PATCH',
      url: `/api/support-policies/${(await policy(f, ctx)).id}`,
      payload: { version: 1, supportLevel: '20 triệu đồng' },
    }),
    ...manageOwn,
  },
  'POST /api/support-policies/:id/archive': {
    build: async (f, ctx) => ({
      method: 'POST',
      url: `/api/support-policies/${(await policy(f, ctx)).id}/archive`,
      payload: { version: 1 },
    }),
    ...manageOwn,
  },
  'POST /api/support-policies/:id/restore': {
    build: async (f, ctx) => ({
      method: 'POST',
      url: `/api/support-policies/${(await policy(f, ctx, true)).id}/restore`,
      payload: { version: 1 },
    }),
    ...manageOwn,
  },
  'GET /api/budget-lines': { build: async () => ({ method: 'GET', url: '/api/budget-lines' }), ...readAll },
  'POST /api/budget-lines': {
    build: async (f, ctx) => ({
      method: 'POST',
      url: '/api/budget-lines',
      payload: { programmeId: (await programme(f, ctx)).id, year: 2026, source: 'oda', allocated: 5 },
    }),
    ...createOwn,
  },
  'PATCH /api/budget-lines/:id': {
    build: async (f, ctx) => ({
      method: 'PATCH',
      url: `/api/budget-lines/${(await line(f, ctx)).id}`,
      payload: { version: 1, disbursed: 50 },
    }),
    ...manageOwn,
  },
  'DELETE /api/budget-lines/:id': {
    build: async (f, ctx) => ({
      method: 'DELETE',
      url: `/api/budget-lines/${(await line(f, ctx)).id}?version=1`,
    }),
    ...manageOwn,
    ok: 204,
  },
  'GET /api/programme-catalogue/template.xlsx': {
    build: async () => ({ method: 'GET', url: '/api/programme-catalogue/template.xlsx?kind=policies' }),
    ok: 200,
    allowed: MANAGERS,
    otherUnit: 'same',
    denied: 403,
  },
  'GET /api/programme-catalogue/export.xlsx': {
    build: async () => ({ method: 'GET', url: '/api/programme-catalogue/export.xlsx?kind=budgetLines' }),
    ...readAll,
  },
  'POST /api/programme-catalogue/import/preview': {
    build: async (f, ctx) => ({
      method: 'POST',
      url: '/api/programme-catalogue/import/preview?kind=budgetLines',
      headers: { 'content-type': XLSX },
      payload: await budgetFile(f, ctx),
    }),
    ok: 200,
    allowed: MANAGERS,
    otherUnit: 'same',
    denied: 403,
  },
  // another unit's programme: its rows are reported out of scope and nothing is written
  'POST /api/programme-catalogue/import': {
    build: async (f, ctx) => ({
      method: 'POST',
      url: '/api/programme-catalogue/import?kind=budgetLines',
      headers: { 'content-type': XLSX },
      payload: await budgetFile(f, ctx),
    }),
    ok: 201,
    allowed: MANAGERS,
    otherUnit: 422,
    otherUnitFor: { steering: 403, head: 403, officer: 403, auditor: 403 },
    denied: 403,
  },
};
