/**
 * Every API route × every role × where the role sits relative to the record (own unit, another
 * unit, the parent unit) → the expected status. Generated from the app's route table: a route
 * added without its row here fails the first test.
 */

import { eq, sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../common/roles';
import { rowsOf } from '../db/sql';
import { roleAssignments } from '../modules/identity/tables';
import { orgUnits } from '../modules/org-units/tables';
import { annexXlsx } from '../modules/plan-import/test-helpers';
import { PROGRAMME_MATRIX_ROWS } from '../modules/programmes/authorization-rows';
import { PUBLISHING_MATRIX_ROWS } from '../modules/publishing/authorization-rows';
import { createTestContext, type TestContext } from '../test/context';
import { buildIndicator, buildItem, buildOrgUnit, buildPlan } from '../test/factories';
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
  /**
   * answer to a role sitting at another unit: 'same' = as at its own unit; 422 = a bulk write that
   * reports the other unit's rows as unknown
   */
  otherUnit: 'same' | 403 | 404 | 422;
  /** per-role exceptions to `otherUnit` */
  otherUnitFor?: Partial<Record<Role, 403 | 404>>;
  /** allowed to these roles at the top unit only (the province's own acts); 403 for anyone else anywhere */
  provinceWide?: readonly Role[];
  /** answer to signed-in roles not in `allowed` */
  denied?: 403 | 404;
  /**
   * per-role exceptions to `denied` (a role that may read the record but not change it: 403; an
   * admin, whose test user has two-step verification on already, setting it up again: 409)
   */
  deniedFor?: Partial<Record<Role, 403 | 404 | 409>>;
}

const MANAGERS = ['admin', 'secretariat'] as const;
/** Two-step verification: test admins have it on (server/test/sessions.ts), everyone else not yet. */
const NOT_ADMINS = ROLES.filter((role) => role !== 'admin');

/** A user whose role sits on the fixture's own unit. */
const userAt = async (f: Fixture, ctx: TestContext) =>
  (await signInAs(ctx.app, ctx.db, 'officer', f.own)).user;

const item = async (f: Fixture, ctx: TestContext) =>
  buildItem(ctx.db, { planId: f.planId, code: `9.${Math.floor(Math.random() * 1e9)}`, leadOrgUnitId: f.own });

/** An indicator the fixture's own unit is responsible for. */
const indicator = (f: Fixture, ctx: TestContext, archived = false) =>
  buildIndicator(ctx.db, { responsibleOrgUnitId: f.own, archivedAt: archived ? new Date() : null });

const unitCode = async (ctx: TestContext, id: string) =>
  (await ctx.db.select({ code: orgUnits.code }).from(orgUnits).where(eq(orgUnits.id, id)))[0]!.code;

/** Two forms no other group has: a group's forms are its own. */
const synonymForms = () => {
  const n = Math.floor(Math.random() * 1e9);
  return [`XYZ${n}`, `xin yeu zet ${n}`];
};

/** A synonym group of the test's own, written as its migration would. */
const synonymGroup = async (ctx: TestContext) => {
  const forms = synonymForms();
  const [row] = rowsOf<{ id: string }>(
    await ctx.db.execute(sql`insert into search_synonyms (forms, keys, patterns)
      values (${sql.param(forms)}::text[], ${sql.param(forms)}::text[], ${sql.param([])}::text[]) returning id`),
  );
  return row!.id;
};

/** A value for the fixture's own unit, of a fresh indicator any unit kind reports. */
const ownValue = async (f: Fixture, ctx: TestContext) => {
  // officers and heads write only the periods of their unit's open rounds (data-values/guards.ts)
  await reportIn(f, ctx, 'draft');
  return {
    indicatorCode: (await buildIndicator(ctx.db)).code,
    orgUnitCode: await unitCode(ctx, f.own),
    period: '2026M10',
    value: 1,
  };
};

/** A round of the fixture's plan with a report of the own unit in the given state. */
async function reportIn(f: Fixture, ctx: TestContext, status: string) {
  const [round] = rowsOf<{ id: string }>(
    await ctx.db.execute(sql`insert into rounds (plan_id, period, kind, title, cutoff_end, due_date, grace_days)
      values (${f.planId}, '2026M10', 'ad_hoc', 'Đợt thử', '2026-10-14', '2026-10-21', 3) returning id`),
  );
  const [report] = rowsOf<{ id: string }>(
    await ctx.db.execute(sql`insert into reports (round_id, org_unit_id, due_date, status)
      values (${round!.id}, ${f.own}, '2026-10-21', ${status}) returning id`),
  );
  return { roundId: round!.id, reportId: report!.id };
}

const transition =
  (status: string, action: string, reason?: string): Build =>
  async (f, ctx) => ({
    method: 'POST',
    url: `/api/reports/${(await reportIn(f, ctx, status)).reportId}/${action}`,
    payload: { version: 1, ...(reason ? { reason } : {}) },
  });

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

/** A draft report of the own unit with one stored evidence file. */
async function evidenceIn(f: Fixture, ctx: TestContext) {
  const { reportId } = await reportIn(f, ctx, 'draft');
  const { sha256, size } = await ctx.app.evidence.store.put(PDF);
  await ctx.db.execute(sql`insert into evidence_files (sha256, size, content_type) values (${sha256}, ${size}, 'application/pdf')
    on conflict do nothing`);
  const [row] = rowsOf<{ id: string }>(
    await ctx.db.execute(sql`insert into report_evidence (report_id, sha256, file_name) values (${reportId}, ${sha256}, 'x.pdf')
      returning id`),
  );
  return { reportId, evidenceId: row!.id };
}

/** The unit coded 40, whose commune boundaries ship with the product (server/modules/geo/data). */
async function provinceWithBoundary(ctx: TestContext) {
  const [found] = await ctx.db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.code, '40'));
  return (
    found?.id ??
    (await buildOrgUnit(ctx.db, { code: '40', kind: 'province', parentId: ctx.rootOrgUnitId })).id
  );
}

/** Each publication takes a period of its own (a period is published once). */
let scorecardPeriods = 0;

/** A report document of the own unit for a round of the fixture's plan, with one issued version. */
async function documentIn(f: Fixture, ctx: TestContext) {
  const { roundId } = await reportIn(f, ctx, 'draft');
  const header = {
    style: 'state',
    parentBody: '',
    issuingBody: 'X',
    symbol: `BC-T${Math.floor(Math.random() * 1e9)}`,
    place: 'Nghệ An',
    summary: 'Báo cáo',
    recipients: [],
  };
  const data = {
    round: { id: roundId, title: 'Đợt thử', period: '2026M10', periodLabel: 'Tháng 10/2026' },
    plan: { number: 'KH', title: 'Kế hoạch' },
    orgUnit: { id: f.own, name: 'Đơn vị' },
    acceptedReports: 0,
    expectedReports: 1,
    tasks: [],
    indicators: [],
    asOf: '2026-11-27',
  };
  const sections = [{ kind: 'overall', heading: 'I. TÌNH HÌNH CHUNG', body: '' }];
  const [row] = rowsOf<{ id: string }>(
    await ctx.db.execute(sql`insert into documents (round_id, org_unit_id, header, sections, data)
      values (${roundId}, ${f.own}, ${JSON.stringify(header)}::jsonb, ${JSON.stringify(sections)}::jsonb, ${JSON.stringify(data)}::jsonb) returning id`),
  );
  const content = { header, sections, data, issue: null };
  await ctx.db.execute(sql`insert into document_versions (document_id, no, number, symbol, issued_year, issued_on, signer, content, docx, docx_sha256, annexes)
    values (${row!.id}, 1, '1', ${header.symbol}, 2026, '2026-11-30', '{"authority":"","title":"T","name":"N"}'::jsonb,
      ${JSON.stringify(content)}::jsonb, '\\x00'::bytea, '', '\\x00'::bytea)`);
  return { roundId, documentId: row!.id };
}

/** A round of the fixture's plan with a stored synthesis (version 1, no sentences). */
async function synthesisIn(f: Fixture, ctx: TestContext) {
  const { roundId } = await reportIn(f, ctx, 'draft');
  const model = { configured: false, asked: false, accepted: 0, rejected: 0, note: null };
  await ctx.db.execute(sql`insert into synthesis_drafts (round_id, origin, sections, sentences, clusters, unit_count,
      reporting_unit_count, source_stamp, model)
    values (${roundId}, 'template', '[]'::jsonb, '[]'::jsonb, '[]'::jsonb, 1, 0, '', ${JSON.stringify(model)}::jsonb)`);
  await ctx.db.execute(sql`insert into synthesis_draft_versions (round_id, version, origin, sections)
    values (${roundId}, 1, 'template', '[]'::jsonb)`);
  return roundId;
}

const lexiconConcepts = [{ key: 'THU_NGHIEM', label: 'Thử nghiệm', terms: ['thử nghiệm'] }];

const DOCUMENT_WRITERS = ['admin', 'secretariat', 'head', 'officer'] as const;

const MATRIX: Record<string, Row> = {
  // A round's synthesis, its risk flags and the lexicon: the managers'; writes from the top only.
  'GET /api/rounds/:id/synthesis': {
    build: async (f, ctx) => ({ method: 'GET', url: `/api/rounds/${await synthesisIn(f, ctx)}/synthesis` }),
    ok: 200,
    allowed: MANAGERS,
    otherUnit: 'same',
    denied: 403,
  },
  'POST /api/rounds/:id/synthesis/generate': {
    build: async (f, ctx) => ({
      method: 'POST',
      url: `/api/rounds/${(await reportIn(f, ctx, 'draft')).roundId}/synthesis/generate`,
      payload: { version: null },
    }),
    ok: 200,
    allowed: [],
    otherUnit: 403,
    denied: 403,
  },
  'PUT /api/rounds/:id/synthesis': {
    build: async (f, ctx) => ({
      method: 'PUT',
      url: `/api/rounds/${await synthesisIn(f, ctx)}/synthesis`,
      payload: { version: 1, sections: [] },
    }),
    ok: 200,
    allowed: [],
    otherUnit: 403,
    denied: 403,
  },
  'GET /api/rounds/:id/synthesis/versions': {
    build: async (f, ctx) => ({
      method: 'GET',
      url: `/api/rounds/${await synthesisIn(f, ctx)}/synthesis/versions`,
    }),
    ok: 200,
    allowed: MANAGERS,
    otherUnit: 'same',
    denied: 403,
  },
  'GET /api/rounds/:id/synthesis/versions/:version': {
    build: async (f, ctx) => ({
      method: 'GET',
      url: `/api/rounds/${await synthesisIn(f, ctx)}/synthesis/versions/1`,
    }),
    ok: 200,
    allowed: MANAGERS,
    otherUnit: 'same',
    denied: 403,
  },
  'GET /api/rounds/:id/risks': {
    build: async (f, ctx) => ({
      method: 'GET',
      url: `/api/rounds/${(await reportIn(f, ctx, 'draft')).roundId}/risks`,
    }),
    ok: 200,
    allowed: MANAGERS,
    otherUnit: 'same',
    denied: 403,
  },
  'GET /api/synthesis-lexicon': {
    build: async () => ({ method: 'GET', url: '/api/synthesis-lexicon' }),
    ok: 200,
    allowed: MANAGERS,
    otherUnit: 'same',
    denied: 403,
  },
  'PUT /api/synthesis-lexicon': {
    build: async (_f, ctx) => {
      const [row] = rowsOf<{ version: number }>(
        await ctx.db.execute(sql`select coalesce(max(version), 0)::int as version from synthesis_lexicon`),
      );
      return {
        method: 'PUT',
        url: '/api/synthesis-lexicon',
        payload: { version: row!.version, concepts: lexiconConcepts },
      };
    },
    ok: 200,
    allowed: [],
    otherUnit: 403,
    denied: 403,
  },
  'POST /api/synthesis-lexicon/preview': {
    build: async (f, ctx) => ({
      method: 'POST',
      url: '/api/synthesis-lexicon/preview',
      payload: { roundId: (await reportIn(f, ctx, 'draft')).roundId, concepts: lexiconConcepts },
    }),
    ok: 200,
    allowed: [],
    otherUnit: 403,
    denied: 403,
  },
  ...PUBLISHING_MATRIX_ROWS,
  ...PROGRAMME_MATRIX_ROWS,
  'POST /api/reports/:id/evidence': {
    build: async (f, ctx) => ({
      method: 'POST',
      url: `/api/reports/${(await reportIn(f, ctx, 'draft')).reportId}/evidence?fileName=minh-chung.pdf&version=1`,
      headers: { 'content-type': 'application/pdf' },
      payload: PDF,
    }),
    ok: 201,
    allowed: ['admin', 'head', 'officer'],
    otherUnit: 404,
    denied: 403,
  },
  'GET /api/reports/:id/evidence/:evidenceId': {
    build: async (f, ctx) => {
      const { reportId, evidenceId } = await evidenceIn(f, ctx);
      return { method: 'GET', url: `/api/reports/${reportId}/evidence/${evidenceId}` };
    },
    ok: 200,
    allowed: 'all',
    otherUnit: 404,
  },
  'DELETE /api/reports/:id/evidence/:evidenceId': {
    build: async (f, ctx) => {
      const { reportId, evidenceId } = await evidenceIn(f, ctx);
      return { method: 'DELETE', url: `/api/reports/${reportId}/evidence/${evidenceId}?version=1` };
    },
    ok: 200,
    allowed: ['admin', 'head', 'officer'],
    otherUnit: 404,
    denied: 403,
  },
  'GET /api/round-schedules': {
    build: async (f) => ({ method: 'GET', url: `/api/round-schedules?planId=${f.planId}` }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  'PUT /api/round-schedules': {
    build: async (_f, ctx) => ({
      method: 'PUT',
      url: '/api/round-schedules',
      payload: {
        planId: (await buildPlan(ctx.db)).id,
        periodType: 'quarter',
        dueWorkingDays: 5,
        graceDays: 3,
        active: true,
      },
    }),
    ok: 200,
    allowed: [],
    otherUnit: 403,
    denied: 403,
  },
  'GET /api/search-synonyms': {
    build: async () => ({ method: 'GET', url: '/api/search-synonyms' }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  // Search synonyms are the province's: only managers at the top write them.
  'POST /api/search-synonyms': {
    build: async () => ({ method: 'POST', url: '/api/search-synonyms', payload: { forms: synonymForms() } }),
    ok: 201,
    allowed: [],
    otherUnit: 403,
    denied: 403,
  },
  'PUT /api/search-synonyms/:id': {
    build: async (_f, ctx) => ({
      method: 'PUT',
      url: `/api/search-synonyms/${await synonymGroup(ctx)}`,
      payload: { version: 1, forms: synonymForms() },
    }),
    ok: 200,
    allowed: [],
    otherUnit: 403,
    denied: 403,
  },
  'DELETE /api/search-synonyms/:id': {
    build: async (_f, ctx) => ({
      method: 'DELETE',
      url: `/api/search-synonyms/${await synonymGroup(ctx)}?version=1`,
    }),
    ok: 204,
    allowed: [],
    otherUnit: 403,
    denied: 403,
  },
  'GET /api/scorecards': {
    build: async () => ({ method: 'GET', url: '/api/scorecards?period=2026Q3&kind=commune' }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  'GET /api/scorecards.xlsx': {
    build: async () => ({ method: 'GET', url: '/api/scorecards.xlsx?period=2026Q3&kind=commune' }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  'GET /api/scorecards/formulas': {
    build: async () => ({ method: 'GET', url: '/api/scorecards/formulas' }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  'GET /api/scorecards/:orgUnitId': {
    build: async (f) => ({ method: 'GET', url: `/api/scorecards/${f.own}?period=2026Q3` }),
    ok: 200,
    allowed: 'all',
    otherUnit: 404,
  },
  // The weights and publishing are the province's, like a plan: managers at the top only.
  'POST /api/scorecards/formulas': {
    build: async (_f, ctx) => ({
      method: 'POST',
      url: '/api/scorecards/formulas',
      payload: {
        basedOnVersion: rowsOf<{ v: number }>(
          await ctx.db.execute(sql`select max(version)::int as v from scorecard_formulas`),
        )[0]!.v,
        note: 'Trọng số thử',
        weights: { tasksOnTime: 1, reportsOnTime: 1, indicators: 1, reportsNotReturned: 1 },
      },
    }),
    ok: 201,
    allowed: [],
    otherUnit: 403,
    denied: 403,
  },
  'POST /api/scorecards/publications': {
    build: async () => {
      const n = scorecardPeriods++;
      return {
        method: 'POST',
        url: '/api/scorecards/publications',
        payload: { period: `${2001 + Math.floor(n / 4)}Q${(n % 4) + 1}` },
      };
    },
    ok: 201,
    allowed: [],
    otherUnit: 403,
    denied: 403,
  },
  'GET /api/rounds': {
    build: async () => ({ method: 'GET', url: '/api/rounds' }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  // Rounds span the province: only managers at the top (the parent relation) open them.
  'POST /api/rounds': {
    build: async (_f, ctx) => ({
      method: 'POST',
      url: '/api/rounds',
      payload: { planId: (await buildPlan(ctx.db)).id, period: '2026M10' },
    }),
    ok: 201,
    allowed: [],
    otherUnit: 403,
    denied: 403,
  },
  'GET /api/rounds/:id': {
    build: async (f, ctx) => ({
      method: 'GET',
      url: `/api/rounds/${(await reportIn(f, ctx, 'draft')).roundId}`,
    }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  // Closing, like opening, is for managers over the whole province (the parent relation).
  'POST /api/rounds/:id/close': {
    build: async (f, ctx) => ({
      method: 'POST',
      url: `/api/rounds/${(await reportIn(f, ctx, 'draft')).roundId}/close`,
      payload: { version: 1 },
    }),
    ok: 200,
    allowed: [],
    otherUnit: 403,
    denied: 403,
  },
  // Reopening, like closing, is for managers over the whole province; the round is closed first.
  'POST /api/rounds/:id/reopen': {
    build: async (f, ctx) => {
      const { roundId } = await reportIn(f, ctx, 'draft');
      await ctx.db.execute(sql`update rounds set status = 'closed' where id = ${roundId}`);
      return {
        method: 'POST',
        url: `/api/rounds/${roundId}/reopen`,
        payload: { version: 1, reason: 'Đóng nhầm' },
      };
    },
    ok: 200,
    allowed: [],
    otherUnit: 403,
    denied: 403,
  },
  'GET /api/rounds/:id/reports': {
    build: async (f, ctx) => ({
      method: 'GET',
      url: `/api/rounds/${(await reportIn(f, ctx, 'draft')).roundId}/reports`,
    }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  'GET /api/report-history': {
    build: async (f, ctx) => {
      await reportIn(f, ctx, 'submitted');
      return { method: 'GET', url: `/api/report-history?orgUnitId=${f.own}` };
    },
    ok: 200,
    allowed: 'all',
    otherUnit: 404,
  },
  'GET /api/rounds/:id/reports.xlsx': {
    build: async (f, ctx) => ({
      method: 'GET',
      url: `/api/rounds/${(await reportIn(f, ctx, 'draft')).roundId}/reports.xlsx`,
    }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  // One's own notifications: anyone signed in; the matrix users have none, so marking one answers 404.
  'GET /api/notifications': {
    build: async () => ({ method: 'GET', url: '/api/notifications' }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  'POST /api/notifications/read-all': {
    build: async () => ({ method: 'POST', url: '/api/notifications/read-all' }),
    ok: 204,
    allowed: 'all',
    otherUnit: 'same',
  },
  'POST /api/notifications/:id/read': {
    build: async () => ({
      method: 'POST',
      url: '/api/notifications/00000000-0000-4000-8000-000000000001/read',
    }),
    ok: 404,
    allowed: 'all',
    otherUnit: 'same',
  },
  'GET /api/inbox': {
    build: async () => ({ method: 'GET', url: '/api/inbox' }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  'GET /api/reports/:id': {
    build: async (f, ctx) => ({
      method: 'GET',
      url: `/api/reports/${(await reportIn(f, ctx, 'draft')).reportId}`,
    }),
    ok: 200,
    allowed: 'all',
    otherUnit: 404,
  },
  'GET /api/reports/:id/diff': {
    build: async (f, ctx) => ({
      method: 'GET',
      url: `/api/reports/${(await reportIn(f, ctx, 'draft')).reportId}/diff`,
    }),
    ok: 200,
    allowed: 'all',
    otherUnit: 404,
  },
  'PATCH /api/reports/:id': {
    build: async (f, ctx) => ({
      method: 'PATCH',
      url: `/api/reports/${(await reportIn(f, ctx, 'draft')).reportId}`,
      payload: { version: 1, general: { summary: 'Tình hình chung' } },
    }),
    ok: 200,
    allowed: ['admin', 'head', 'officer'],
    otherUnit: 404,
    denied: 403,
  },
  'POST /api/reports/:id/submit': {
    build: transition('draft', 'submit'),
    ok: 200,
    allowed: ['admin', 'head', 'officer'],
    otherUnit: 404,
    denied: 403,
  },
  'POST /api/reports/:id/approve': {
    build: transition('submitted', 'approve'),
    ok: 200,
    allowed: ['admin', 'head'],
    otherUnit: 404,
    denied: 403,
  },
  // At the head's stage, returning takes the right to approve.
  'POST /api/reports/:id/return': {
    build: transition('submitted', 'return', 'Bổ sung'),
    ok: 200,
    allowed: ['admin', 'head'],
    otherUnit: 404,
    denied: 403,
  },
  'POST /api/reports/:id/accept': {
    build: transition('approved', 'accept'),
    ok: 200,
    allowed: ['admin', 'secretariat'],
    otherUnit: 404,
    denied: 403,
  },
  'POST /api/reports/:id/reopen': {
    build: transition('accepted', 'reopen', 'Sai số liệu'),
    ok: 200,
    allowed: ['admin', 'secretariat'],
    otherUnit: 404,
    denied: 403,
  },
  'GET /api/data-values': {
    build: async (f) => ({ method: 'GET', url: `/api/data-values?orgUnitId=${f.own}&period=2026M10` }),
    ok: 200,
    allowed: 'all',
    otherUnit: 404,
  },
  'GET /api/data-values/template.xlsx': {
    build: async (f) => ({
      method: 'GET',
      url: `/api/data-values/template.xlsx?orgUnitId=${f.own}&period=2026M10`,
    }),
    ok: 200,
    allowed: 'all',
    otherUnit: 404,
  },
  'GET /api/data-values/history': {
    build: async (f, ctx) => ({
      method: 'GET',
      url: `/api/data-values/history?indicatorId=${(await buildIndicator(ctx.db)).id}&orgUnitId=${f.own}&period=2026M10`,
    }),
    ok: 200,
    allowed: 'all',
    otherUnit: 404,
  },
  // Another unit's value is a row error (as if the unit did not exist), not a refusal of the request.
  'POST /api/data-values': {
    build: async (f, ctx) => ({
      method: 'POST',
      url: '/api/data-values',
      payload: { values: [await ownValue(f, ctx)] },
    }),
    ok: 200,
    allowed: ['admin', 'secretariat', 'head', 'officer'],
    otherUnit: 422,
    otherUnitFor: { steering: 403, auditor: 403 },
    denied: 403,
  },
  // The secretariat's correction with a reason; another unit's value is a row error, as above.
  'POST /api/data-values/corrections': {
    build: async (f, ctx) => ({
      method: 'POST',
      url: '/api/data-values/corrections',
      payload: { ...(await ownValue(f, ctx)), reason: 'Sửa số liệu nhập nhầm theo công văn' },
    }),
    ok: 200,
    allowed: MANAGERS,
    otherUnit: 422,
    otherUnitFor: { officer: 403, head: 403, steering: 403, auditor: 403 },
    denied: 403,
  },
  'POST /api/data-values/import': {
    build: async (f, ctx) => {
      const v = await ownValue(f, ctx);
      return {
        method: 'POST',
        url: '/api/data-values/import',
        headers: { 'content-type': 'text/csv' },
        payload: `indicator_code,org_unit_code,period,value\n${v.indicatorCode},${v.orgUnitCode},${v.period},1\n`,
      };
    },
    ok: 200,
    allowed: ['admin', 'secretariat', 'head', 'officer'],
    otherUnit: 422,
    otherUnitFor: { steering: 403, auditor: 403 },
    denied: 403,
  },
  'GET /api/analytics/performance': {
    build: async (f, ctx) => ({
      method: 'GET',
      url: `/api/analytics/performance?indicator=${(await buildIndicator(ctx.db)).code}&orgUnitId=${f.own}`,
    }),
    ok: 200,
    allowed: 'all',
    otherUnit: 404,
  },
  'GET /api/analytics/performance.xlsx': {
    build: async (f, ctx) => ({
      method: 'GET',
      url: `/api/analytics/performance.xlsx?indicator=${(await buildIndicator(ctx.db)).code}&orgUnitId=${f.own}`,
    }),
    ok: 200,
    allowed: 'all',
    otherUnit: 404,
  },
  'GET /api/analytics/breakdown': {
    build: async (f, ctx) => ({
      method: 'GET',
      url: `/api/analytics/breakdown?indicator=${(await buildIndicator(ctx.db)).code}&orgUnitId=${f.own}&period=2026`,
    }),
    ok: 200,
    allowed: 'all',
    otherUnit: 404,
  },
  'GET /api/analytics/breakdown.xlsx': {
    build: async (f, ctx) => ({
      method: 'GET',
      url: `/api/analytics/breakdown.xlsx?indicator=${(await buildIndicator(ctx.db)).code}&orgUnitId=${f.own}&period=2026`,
    }),
    ok: 200,
    allowed: 'all',
    otherUnit: 404,
  },
  'GET /api/analytics': {
    build: async (f, ctx) => ({
      method: 'GET',
      url: `/api/analytics?indicators=${(await buildIndicator(ctx.db)).code}&orgUnitId=${f.own}&periodType=year&from=2026&to=2026`,
    }),
    ok: 200,
    allowed: 'all',
    otherUnit: 404,
  },
  // Boundaries are read by every signed-in role; the map's figures are narrowed, not refused.
  'GET /api/geo/:orgUnitId': {
    build: async (_f, ctx) => ({ method: 'GET', url: `/api/geo/${await provinceWithBoundary(ctx)}` }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  'GET /api/dashboard/map': {
    build: async (f, ctx) => ({
      method: 'GET',
      url: `/api/dashboard/map?indicator=${(await buildIndicator(ctx.db)).code}&period=2026&provinceId=${f.parent}`,
    }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  // The operations dashboard: every signed-in role opens it; its rows are narrowed to the reader's scope.
  'GET /api/dashboard/task-status': {
    build: async (f) => ({ method: 'GET', url: `/api/dashboard/task-status?planId=${f.planId}` }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  'GET /api/dashboard/task-list': {
    build: async (f) => ({ method: 'GET', url: `/api/dashboard/task-list?planId=${f.planId}&list=overdue` }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  'GET /api/dashboard/indicators': {
    build: async (f) => ({ method: 'GET', url: `/api/dashboard/indicators?planId=${f.planId}` }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  'GET /api/dashboard/round': {
    build: async (f) => ({ method: 'GET', url: `/api/dashboard/round?planId=${f.planId}` }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  'GET /api/dashboard/themes': {
    build: async (f) => ({ method: 'GET', url: `/api/dashboard/themes?planId=${f.planId}` }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  'GET /api/dashboard/export.xlsx': {
    build: async (f) => ({
      method: 'GET',
      url: `/api/dashboard/export.xlsx?planId=${f.planId}&table=overdue`,
    }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
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
  'GET /api/audit-checkpoints.json': {
    build: async () => ({ method: 'GET', url: '/api/audit-checkpoints.json' }),
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
  'POST /api/users/:id/assignments': {
    build: async (f, ctx) => ({
      method: 'POST',
      url: `/api/users/${(await userAt(f, ctx)).id}/assignments`,
      payload: { version: 1, role: 'head', orgUnitId: f.own },
    }),
    ok: 200,
    allowed: ['admin'],
    otherUnit: 404,
    denied: 404,
    deniedFor: { auditor: 403 },
  },
  'DELETE /api/users/:id/assignments/:assignmentId': {
    build: async (f, ctx) => {
      const user = await userAt(f, ctx);
      const [second] = await ctx.db
        .insert(roleAssignments)
        .values({ userId: user.id, role: 'head', orgUnitId: f.own })
        .returning();
      return { method: 'DELETE', url: `/api/users/${user.id}/assignments/${second!.id}?version=1` };
    },
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
  // Anyone signed in may set up two-step verification; test admins have it on already (409).
  'POST /api/auth/totp/setup': {
    build: async () => ({ method: 'POST', url: '/api/auth/totp/setup' }),
    ok: 200,
    allowed: NOT_ADMINS,
    otherUnit: 'same',
    deniedFor: { admin: 409 },
  },
  // Nothing pending to confirm for the matrix's users: the handler answers 400 (admins: 409, it is on).
  'POST /api/auth/totp/confirm': {
    build: async () => ({ method: 'POST', url: '/api/auth/totp/confirm', payload: { code: '123456' } }),
    ok: 400,
    allowed: NOT_ADMINS,
    otherUnit: 'same',
    deniedFor: { admin: 409 },
  },
  // Administrators must keep two-step verification (403); others reach the password check (400).
  'POST /api/auth/totp/disable': {
    build: async () => ({
      method: 'POST',
      url: '/api/auth/totp/disable',
      payload: { password: 'khong-dung' },
    }),
    ok: 400,
    allowed: NOT_ADMINS,
    otherUnit: 'same',
    denied: 403,
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
  // The annex: read like the plan (a unit's own tasks); imported like a new plan, province-wide.
  'GET /api/plans/:id/annex.xlsx': {
    build: async (f) => ({ method: 'GET', url: `/api/plans/${f.planId}/annex.xlsx` }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  'POST /api/plans/import/preview': {
    build: async (f, ctx) => ({
      method: 'POST',
      url: '/api/plans/import/preview',
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      payload: await annexXlsx({ rows: [['1', 'Việc', await unitCode(ctx, f.own), '', '2026', '']] }),
    }),
    ok: 200,
    allowed: [],
    otherUnit: 403,
    denied: 403,
  },
  'POST /api/plans/import': {
    build: async (f, ctx) => ({
      method: 'POST',
      url: '/api/plans/import',
      payload: {
        layout: {
          headerRow: 1,
          columns: [
            { key: 'stt', letter: 'A', header: 'STT' },
            { key: 'title', letter: 'B', header: 'Nhiệm vụ' },
            { key: 'lead', letter: 'C', header: 'Cơ quan chủ trì' },
          ],
        },
        rows: [
          { row: 2, cells: { stt: '1', title: 'Việc', lead: await unitCode(ctx, f.own), deadline: '2026' } },
        ],
        target: {
          kind: 'new',
          plan: {
            number: `${Math.random().toString(36).slice(2, 8)}-KH`,
            title: 'Kế hoạch',
            issuingBody: 'UBND tỉnh',
            horizonStartYear: 2026,
            horizonEndYear: 2030,
          },
        },
      },
    }),
    ok: 201,
    allowed: [],
    otherUnit: 403,
    denied: 403,
  },
  // The catalogue is read by everyone; an indicator is managed over its responsible unit.
  'GET /api/indicators': {
    build: async () => ({ method: 'GET', url: '/api/indicators' }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  'GET /api/indicators/:id': {
    build: async (f, ctx) => ({ method: 'GET', url: `/api/indicators/${(await indicator(f, ctx)).id}` }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  'POST /api/indicators': {
    build: async (f) => ({
      method: 'POST',
      url: '/api/indicators',
      payload: {
        code: `MT.${Math.floor(Math.random() * 1e9)}`,
        name: 'Chỉ tiêu mới',
        unit: 'cái',
        valueType: 'count',
        direction: 'higher_is_better',
        aggregation: 'sum',
        timeAggregation: 'sum',
        frequency: 'year',
        reportedBy: ['commune'],
        responsibleOrgUnitId: f.own,
      },
    }),
    ok: 201,
    allowed: MANAGERS,
    otherUnit: 403,
    denied: 403,
  },
  'PATCH /api/indicators/:id': {
    build: async (f, ctx) => ({
      method: 'PATCH',
      url: `/api/indicators/${(await indicator(f, ctx)).id}`,
      payload: { version: 1, name: 'Tên mới' },
    }),
    ok: 200,
    allowed: MANAGERS,
    otherUnit: 403,
    denied: 403,
  },
  'POST /api/indicators/:id/archive': {
    build: async (f, ctx) => ({
      method: 'POST',
      url: `/api/indicators/${(await indicator(f, ctx)).id}/archive`,
      payload: { version: 1 },
    }),
    ok: 200,
    allowed: MANAGERS,
    otherUnit: 403,
    denied: 403,
  },
  'POST /api/indicators/:id/restore': {
    build: async (f, ctx) => ({
      method: 'POST',
      url: `/api/indicators/${(await indicator(f, ctx, true)).id}/restore`,
      payload: { version: 1 },
    }),
    ok: 200,
    allowed: MANAGERS,
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
  'GET /api/items/:id/trail': {
    build: async (f, ctx) => ({ method: 'GET', url: `/api/items/${(await item(f, ctx)).id}/trail` }),
    ok: 200,
    allowed: 'all',
    otherUnit: 404,
  },
  'GET /api/dashboard/units/:orgUnitId': {
    build: async (f) => ({ method: 'GET', url: `/api/dashboard/units/${f.own}` }),
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
  // Report documents: everyone who reads reports reads the unit's; officers draft, heads and the secretariat issue.
  'GET /api/documents': {
    build: async (f, ctx) => ({
      method: 'GET',
      url: `/api/documents?roundId=${(await documentIn(f, ctx)).roundId}`,
    }),
    ok: 200,
    allowed: 'all',
    otherUnit: 'same',
  },
  'POST /api/documents': {
    build: async (f, ctx) => ({
      method: 'POST',
      url: '/api/documents',
      payload: { roundId: (await reportIn(f, ctx, 'draft')).roundId, orgUnitId: f.own },
    }),
    ok: 201,
    allowed: DOCUMENT_WRITERS,
    otherUnit: 403,
    denied: 403,
  },
  'GET /api/documents/:id': {
    build: async (f, ctx) => ({
      method: 'GET',
      url: `/api/documents/${(await documentIn(f, ctx)).documentId}`,
    }),
    ok: 200,
    allowed: 'all',
    otherUnit: 404,
  },
  'PATCH /api/documents/:id': {
    build: async (f, ctx) => ({
      method: 'PATCH',
      url: `/api/documents/${(await documentIn(f, ctx)).documentId}`,
      payload: {
        version: 1,
        sections: [{ kind: 'overall', heading: 'I. TÌNH HÌNH CHUNG', body: 'Nội dung' }],
      },
    }),
    ok: 200,
    allowed: DOCUMENT_WRITERS,
    otherUnit: 404,
    denied: 403,
  },
  'POST /api/documents/:id/issue': {
    build: async (f, ctx) => ({
      method: 'POST',
      url: `/api/documents/${(await documentIn(f, ctx)).documentId}/issue`,
      payload: {
        version: 1,
        number: '2',
        issuedOn: '2026-11-30',
        signer: { authority: '', title: 'GIÁM ĐỐC', name: 'Nguyễn Văn A' },
      },
    }),
    ok: 201,
    allowed: ['admin', 'secretariat', 'head'],
    otherUnit: 404,
    denied: 403,
  },
  'GET /api/documents/:id/draft.docx': {
    build: async (f, ctx) => ({
      method: 'GET',
      url: `/api/documents/${(await documentIn(f, ctx)).documentId}/draft.docx`,
    }),
    ok: 200,
    allowed: 'all',
    otherUnit: 404,
  },
  'GET /api/documents/:id/draft.pdf': {
    build: async (f, ctx) => ({
      method: 'GET',
      url: `/api/documents/${(await documentIn(f, ctx)).documentId}/draft.pdf`,
    }),
    ok: 200,
    allowed: 'all',
    otherUnit: 404,
  },
  'GET /api/documents/:id/draft-annexes.xlsx': {
    build: async (f, ctx) => ({
      method: 'GET',
      url: `/api/documents/${(await documentIn(f, ctx)).documentId}/draft-annexes.xlsx`,
    }),
    ok: 200,
    allowed: 'all',
    otherUnit: 404,
  },
  'GET /api/documents/:id/versions/:no/report.docx': {
    build: async (f, ctx) => ({
      method: 'GET',
      url: `/api/documents/${(await documentIn(f, ctx)).documentId}/versions/1/report.docx`,
    }),
    ok: 200,
    allowed: 'all',
    otherUnit: 404,
  },
  // a version issued without a stored PDF (as this fixture's): rendered from its stored content
  'GET /api/documents/:id/versions/:no/report.pdf': {
    build: async (f, ctx) => ({
      method: 'GET',
      url: `/api/documents/${(await documentIn(f, ctx)).documentId}/versions/1/report.pdf`,
    }),
    ok: 200,
    allowed: 'all',
    otherUnit: 404,
  },
  'GET /api/documents/:id/versions/:no/annexes.xlsx': {
    build: async (f, ctx) => ({
      method: 'GET',
      url: `/api/documents/${(await documentIn(f, ctx)).documentId}/versions/1/annexes.xlsx`,
    }),
    ok: 200,
    allowed: 'all',
    otherUnit: 404,
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
  const isPlanWrite =
    (key.includes('/api/plans') && !key.startsWith('GET') && !key.includes(':planId')) ||
    key === 'POST /api/rounds' ||
    key === 'POST /api/rounds/:id/close' ||
    key === 'POST /api/rounds/:id/reopen' ||
    key === 'PUT /api/round-schedules' ||
    key.startsWith('POST /api/scorecards') ||
    (key.includes('/api/search-synonyms') && !key.startsWith('GET')) ||
    (key.includes('synthesis') && !key.startsWith('GET'));
  if (row.provinceWide) return relation === 'parent' && row.provinceWide.includes(role) ? row.ok : 403;
  if (isPlanWrite)
    return relation === 'parent' && (MANAGERS as readonly Role[]).includes(role) ? row.ok : 403;
  const allowed = row.allowed === 'all' || row.allowed.includes(role);
  if (relation === 'other' && row.otherUnit !== 'same') {
    // Another unit's record: hidden from everyone scoped elsewhere.
    return row.otherUnitFor?.[role] ?? row.otherUnit;
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

/** Every uuid in a path replaced by one that names nothing. */
const unknownIds = (url: string) =>
  url.replace(
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
    '00000000-0000-4000-8000-000000000000',
  );

/**
 * The ladder on every route with an id: 401 anonymous → 400 malformed input → 404 unknown id (the
 * 403 / 404-other-unit / 200 steps are the role × relation cases above). Generated from the route
 * table, like the matrix: a new route with an id gets its ladder without anyone writing it.
 */
describe('the 401 → 400 → 404 ladder on every route with an id', () => {
  const withIds = () => Object.keys(MATRIX).filter((key) => key.includes('/:'));

  it('covers a route with an id in every module', () => {
    expect(withIds().length).toBeGreaterThan(15);
  });

  it('answers each step', async () => {
    const admin = await signInAs(ctx.app, ctx.db, 'admin', ctx.rootOrgUnitId);
    const failures: string[] = [];
    for (const key of withIds()) {
      const route = ctx.app.routeTable.find((r) => `${r.method} ${r.url}` === key)!;
      const request = await MATRIX[key]!.build(fixture, ctx);
      const check = (step: string, status: number, want: number, body: string) => {
        if (status !== want) failures.push(`${key} ${step}: ${status} (want ${want}) ${body.slice(0, 120)}`);
      };
      const anonymous = await ctx.app.inject(request);
      check('anonymous', anonymous.statusCode, route.public ? MATRIX[key]!.ok : 401, anonymous.body);
      if (route.inputs.includes('body')) {
        const res = await admin.inject({ ...request, payload: [] });
        check('malformed body', res.statusCode, 400, res.body);
      }
      if (route.inputs.includes('querystring')) {
        const url = `${request.url}${String(request.url).includes('?') ? '&' : '?'}khong_co=1`;
        const res = await admin.inject({ ...request, url });
        check('unknown query parameter', res.statusCode, 400, res.body);
      }
      const malformedId = await admin.inject({
        ...request,
        url: String(request.url).replace(/[0-9a-f-]{36}/, 'abc'),
      });
      check('malformed id', malformedId.statusCode, 404, malformedId.body);
      const unknown = await admin.inject({ ...request, url: unknownIds(String(request.url)) });
      check('unknown id', unknown.statusCode, 404, unknown.body);
    }
    expect(failures).toEqual([]);
  });
});

/**
 * Report steps are authorized at the edge with the permission the workflow table gives the step
 * (reports/workflow.ts), before the state is looked at: who may not take the step is refused
 * (403, or 404 for another unit's report) whatever the state; who may, but not from this state,
 * gets 409 invalid_transition.
 */
describe('report steps at the edge', () => {
  const cases: [Role, Relation, status: string, action: string, want: number][] = [
    ['head', 'own', 'draft', 'approve', 409],
    ['head', 'own', 'accepted', 'approve', 409],
    ['secretariat', 'parent', 'accepted', 'accept', 409],
    ['secretariat', 'parent', 'submitted', 'accept', 409],
    ['officer', 'own', 'submitted', 'submit', 409],
    ['officer', 'own', 'draft', 'approve', 403],
    ['officer', 'own', 'submitted', 'approve', 403],
    ['steering', 'parent', 'approved', 'return', 403],
    // returning takes the right of the stage the report is at
    ['head', 'own', 'approved', 'return', 403],
    ['secretariat', 'parent', 'submitted', 'return', 403],
    ['head', 'other', 'submitted', 'approve', 404],
    ['head', 'other', 'draft', 'approve', 404],
    ['secretariat', 'other', 'accepted', 'accept', 404],
  ];
  for (const [role, relation, status, action, want] of cases) {
    it(`${role} at the ${relation} unit: ${action} a report ${status} → ${want}`, async () => {
      const { inject } = await signInAs(ctx.app, ctx.db, role, seat(fixture, relation));
      const res = await inject(await transition(status, action, 'Lý do')(fixture, ctx));
      expect(res.statusCode, res.body).toBe(want);
      if (want === 409) {
        expect(res.json()).toMatchObject({ code: 'invalid_transition', current: { status, version: 1 } });
      }
    });
  }

  it('names the state and the step, in Vietnamese and in English', async () => {
    const { inject } = await signInAs(ctx.app, ctx.db, 'secretariat', fixture.parent);
    const request = await transition('accepted', 'accept')(fixture, ctx);
    expect((await inject(request)).json().detail).toBe(
      'Báo cáo đang ở trạng thái đã tiếp nhận; không thể tiếp nhận.',
    );
    const en = await inject({ ...request, headers: { 'accept-language': 'en' } });
    expect(en.json().detail).toBe('The report is accepted; it cannot be accepted.');
  });

  it('checks a retried step again: a head who lost the role gets 403, not the stored answer', async () => {
    const { user, inject } = await signInAs(ctx.app, ctx.db, 'head', fixture.own);
    const request = await transition('submitted', 'approve')(fixture, ctx);
    const retry = { ...request, headers: { 'idempotency-key': `duyet-${user.id}` } };
    expect((await inject(retry)).statusCode).toBe(200);
    expect((await inject(retry)).statusCode).toBe(200);
    await ctx.db.update(roleAssignments).set({ role: 'officer' }).where(eq(roleAssignments.userId, user.id));
    expect((await inject(retry)).statusCode).toBe(403);
  });
});
