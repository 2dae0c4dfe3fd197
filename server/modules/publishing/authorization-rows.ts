/**
 * The publishing and public routes' rows of the authorization matrix
 * (server/policy/authorization-matrix.test.ts spreads them into its table). Publishing is the
 * province's act: `provinceWide` lists the roles allowed, and only when they sit at the top (the
 * matrix's parent unit); everyone else is refused with 403. Public routes answer anyone; each
 * case publishes what it reads, from an address of its own (the per-address limit is tested in
 * publishing.test.ts).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { PUBLIC_DATASETS } from '../../../common/contracts/publishing';
import type { Role } from '../../../common/roles';
import { rowsOf } from '../../db/sql';
import { anonymousActor } from '../../policy';
import type { TestContext } from '../../test/context';
import { buildItem } from '../../test/factories';
import { currentPublication } from './current';
import { publish } from './service';

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
  /** allowed to these roles at the top unit only; 403 for anyone else anywhere */
  provinceWide?: readonly Role[];
}

const tag = () => randomBytes(4).toString('hex');
const address = () => `192.0.2.${Math.floor(Math.random() * 250) + 1}`;

/** Publishes now (what the case just made becomes public), as the secretariat would. */
async function publishNow(ctx: TestContext): Promise<string> {
  return ctx.db.transaction((tx) =>
    publish({ tx, input: {}, actor: { ...anonymousActor(), name: 'matrix' }, today: '2026-11-27' }),
  );
}

async function current(ctx: TestContext): Promise<string> {
  return (await currentPublication(ctx.db))?.id ?? publishNow(ctx);
}

const insertId = async (ctx: TestContext, query: ReturnType<typeof sql>) =>
  rowsOf<{ id: string }>(await ctx.db.execute(query))[0]!.id;

const province = (roles: readonly Role[], row: Pick<Row, 'build' | 'ok'>): Row => ({
  ...row,
  allowed: [],
  otherUnit: 403,
  provinceWide: roles,
});

const publicGet = (url: (f: Fixture, ctx: TestContext) => Promise<string>): Row => ({
  build: async (f, ctx) => ({ method: 'GET', url: await url(f, ctx), remoteAddress: address() }),
  ok: 200,
  allowed: 'all',
  otherUnit: 'same',
});

const datasetRows = Object.fromEntries(
  PUBLIC_DATASETS.flatMap((d) =>
    ['', '.csv', '.xlsx'].map((suffix) => [
      `GET /api/public/datasets/${d}${suffix}`,
      publicGet(async (_f, ctx) => {
        await current(ctx);
        return `/api/public/datasets/${d}${suffix}`;
      }),
    ]),
  ),
);

export const PUBLISHING_MATRIX_ROWS: Record<string, Row> = {
  'GET /api/publications': province(['admin', 'secretariat', 'steering', 'auditor'], {
    build: async () => ({ method: 'GET', url: '/api/publications' }),
    ok: 200,
  }),
  'GET /api/publications/preview': province(['secretariat'], {
    build: async () => ({ method: 'GET', url: '/api/publications/preview' }),
    ok: 200,
  }),
  'POST /api/publications': province(['secretariat'], {
    build: async () => ({ method: 'POST', url: '/api/publications', payload: {} }),
    ok: 201,
  }),
  'POST /api/publications/:id/withdraw': province(['secretariat'], {
    build: async (_f, ctx) => ({
      method: 'POST',
      url: `/api/publications/${await current(ctx)}/withdraw`,
      payload: {},
    }),
    ok: 200,
  }),
  'GET /api/publications/plan-items': province(['secretariat'], {
    build: async (f) => ({ method: 'GET', url: `/api/publications/plan-items?planId=${f.planId}` }),
    ok: 200,
  }),
  'PUT /api/publications/plan-items': province(['secretariat'], {
    build: async (f, ctx) => {
      const item = await buildItem(ctx.db, { planId: f.planId, code: `8.${tag()}` });
      return {
        method: 'PUT',
        url: '/api/publications/plan-items',
        payload: { planId: f.planId, itemIds: [item.id], isPublic: true },
      };
    },
    ok: 200,
  }),
  'GET /api/public/datasets': publicGet(async () => '/api/public/datasets'),
  ...datasetRows,
  'GET /api/public/budget': publicGet(async (_f, ctx) => {
    await current(ctx);
    return '/api/public/budget';
  }),
  'GET /api/public/catalog.jsonld': publicGet(async (_f, ctx) => {
    await current(ctx);
    return '/api/public/catalog.jsonld';
  }),
  'GET /api/public/programmes/:id': publicGet(async (_f, ctx) => {
    const id = await insertId(
      ctx,
      sql`insert into programmes (code, name, is_public) values (${`PM-${tag().toUpperCase()}`}, 'Chương trình công khai', true) returning id`,
    );
    await publishNow(ctx);
    return `/api/public/programmes/${id}`;
  }),
  'GET /api/public/policies/:id': publicGet(async (_f, ctx) => {
    const id = await insertId(
      ctx,
      sql`insert into support_policies (name, eligibility, support_level, is_public)
        values (${`Chính sách ${tag()}`}, 'Mọi người', 'Một phần', true) returning id`,
    );
    await publishNow(ctx);
    return `/api/public/policies/${id}`;
  }),
  'GET /api/public/reports/:id.pdf': publicGet(async (f, ctx) => {
    const round = await insertId(
      ctx,
      sql`insert into rounds (plan_id, period, kind, title, cutoff_end, due_date, grace_days)
        values (${f.planId}, '2026M10', 'ad_hoc', 'Đợt thử', '2026-10-14', '2026-10-21', 3) returning id`,
    );
    const header = JSON.stringify({ symbol: `BC-${tag()}`, summary: 'Báo cáo', issuingBody: 'UBND' });
    const data = JSON.stringify({ round: { periodLabel: 'Tháng 10/2026' } });
    const document = await insertId(
      ctx,
      sql`insert into documents (round_id, org_unit_id, header, sections, data)
        values (${round}, null, ${header}::jsonb, '[]'::jsonb, ${data}::jsonb) returning id`,
    );
    const id = await insertId(
      ctx,
      sql`insert into document_versions (document_id, no, number, symbol, issued_year, issued_on, signer, content, docx, docx_sha256, annexes, pdf)
        values (${document}, 1, ${tag()}, ${`BC-${tag()}`}, 2026, '2026-11-20', '{}'::jsonb,
          ${JSON.stringify({ header: JSON.parse(header) })}::jsonb, '\\x00'::bytea, '', '\\x00'::bytea, '\\x25504446'::bytea)
        returning id`,
    );
    await publishNow(ctx);
    return `/api/public/reports/${id}.pdf`;
  }),
};
