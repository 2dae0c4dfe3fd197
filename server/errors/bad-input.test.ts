/**
 * Bad input answers 4xx naming the field, never 500: control characters (NUL above all, which
 * PostgreSQL cannot store) in any string, links that are not http(s).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TReport } from '../../common/contracts/reports';
import type { TProblem } from '../../common/problem';
import { buildApp } from '../app';
import { createTestContext, type TestContext } from '../test/context';
import { buildItem, buildOrgUnit, buildPlan } from '../test/factories';
import { openRoundReport } from '../test/reports';
import { type Injector, signInAs } from '../test/sessions';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

afterAll(async () => {
  await ctx?.close();
});

const plan = (overrides: Record<string, unknown> = {}) => ({
  number: `KH-${Math.random().toString(36).slice(2, 8)}`,
  title: 'Kế hoạch chuyển đổi số',
  issuingBody: 'UBND tỉnh',
  horizonStartYear: 2026,
  horizonEndYear: 2030,
  ...overrides,
});

function expectFieldError(res: { statusCode: number; json: () => unknown }, field: string) {
  expect(res.statusCode, JSON.stringify(res.json())).toBe(400);
  const problem = res.json() as TProblem;
  expect(problem.code, JSON.stringify(problem)).toBe('validation_failed');
  expect(problem.errors).toContainEqual({
    field,
    code: 'control_character',
    message: 'Không được chứa ký tự điều khiển.',
  });
}

describe('control characters', () => {
  it('are refused in a search query (q), 400 naming it', async () => {
    for (const url of ['/api/plans?q=a%00b', '/api/org-units?q=%00', '/api/users?q=x%07']) {
      expectFieldError(await ctx.inject({ method: 'GET', url }), 'q');
    }
  });

  it('are refused in a JSON text field, also in nested ones and in keys, in the caller’s language', async () => {
    expectFieldError(
      await ctx.inject({ method: 'POST', url: '/api/plans', payload: plan({ title: 'Kế hoạch\u0000' }) }),
      'title',
    );
    expectFieldError(
      await ctx.inject({
        method: 'POST',
        url: '/api/plans',
        payload: plan({ issuingBody: 'UBND\u001b[31m' }),
      }),
      'issuingBody',
    );
    const en = await ctx.inject({
      method: 'POST',
      url: '/api/plans',
      headers: { 'accept-language': 'en' },
      payload: plan({ title: '\u0000' }),
    });
    expect(en.json<TProblem>().errors).toContainEqual({
      field: 'title',
      code: 'control_character',
      message: 'Must not contain control characters.',
    });
    // A raw z.string() of another contract is covered too (values' comments, nested in an array).
    expectFieldError(
      await ctx.inject({
        method: 'POST',
        url: '/api/data-values',
        payload: {
          values: [{ indicatorCode: 'X', orgUnitCode: 'Y', period: '2026M01', value: 1, comment: 'a\u0000' }],
        },
      }),
      'values.0.comment',
    );
    expectFieldError(
      await ctx.inject({ method: 'POST', url: '/api/plans', payload: { ...plan(), 'ti\u0000tle': 'x' } }),
      'body',
    );
  });

  it('half a surrogate pair (no character at all) is refused too, wherever it is in the JSON', async () => {
    // JSON.stringify writes a lone surrogate as the escape \ud800, which PostgreSQL's jsonb refuses.
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/search-synonyms',
      payload: { forms: ['\uD800bi', 'ok'] },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json<TProblem>().errors).toContainEqual({
      field: 'forms.0',
      code: 'invalid_character',
      message: 'Chứa ký tự không hợp lệ (nửa cặp mã Unicode).',
    });
    const inTitle = await ctx.inject({
      method: 'POST',
      url: '/api/plans',
      payload: plan({ title: 'a\uDC00' }),
    });
    expect(inTitle.json<TProblem>().errors?.[0]).toMatchObject({ field: 'title', code: 'invalid_character' });
    // A real pair (an emoji) is a character like any other.
    const emoji = await ctx.inject({
      method: 'POST',
      url: '/api/plans',
      payload: plan({ title: 'Kế hoạch 🇻🇳' }),
    });
    expect(emoji.statusCode, emoji.body).toBe(201);
  });

  it('are refused in a username at sign-in (a public route), without a 500', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin\u0000', password: 'whatever-1234' },
    });
    expectFieldError(res, 'username');
  });

  it('allow tab and line breaks in text', async () => {
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/plans',
      payload: plan({ title: 'Kế hoạch\tsố 1\r\nnăm 2026' }),
    });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('in a path parameter: not found, like any id that cannot exist', async () => {
    const res = await ctx.inject({ method: 'GET', url: '/api/plans/%00' });
    expect(res.statusCode).toBe(404);
  });

  it('that reach the database anyway answer 400, not 500 (SQLSTATE 22021 / 22P05)', async () => {
    const app = await buildApp({ database: ctx.database });
    // Routes that skip the request checks, as a future one might: the handler is the backstop.
    app.get('/probe/text', { config: { public: true } }, async () => {
      await ctx.db.execute(sql`select ${'a\u0000b'}::text`);
      return {};
    });
    app.get('/probe/json', { config: { public: true } }, async () => {
      await ctx.db.execute(sql`select ${'{"a":"\\u0000"}'}::jsonb ->> 'a'`);
      return {};
    });
    try {
      for (const url of ['/probe/text', '/probe/json']) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.statusCode, `${url} ${res.body}`).toBe(400);
        expect(res.json<TProblem>().code).toBe('bad_request');
      }
    } finally {
      await app.close();
    }
  });
});

describe('links in reports', () => {
  let officer: Injector;
  let report: TReport;

  beforeAll(async () => {
    const unit = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId });
    const reportPlan = await buildPlan(ctx.db);
    await buildItem(ctx.db, { planId: reportPlan.id, code: '1.1', leadOrgUnitId: unit.id });
    officer = (await signInAs(ctx.app, ctx.db, 'officer', unit.id)).inject;
    report = await openRoundReport(ctx.inject, officer, reportPlan.id);
  });

  const save = (links: string[]) =>
    officer({
      method: 'PATCH',
      url: `/api/reports/${report.id}`,
      payload: { version: report.version, items: [{ planItemId: report.items[0]!.planItem.id, links }] },
    });

  it('accept only http and https addresses, 400 naming the link', async () => {
    for (const link of [
      'javascript:alert(document.cookie)',
      'JavaScript://example.vn/%0aalert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'ftp://example.vn/a',
      'vbscript:msgbox(1)',
    ]) {
      const res = await save(['https://example.vn/ok', link]);
      expect(res.statusCode, link).toBe(400);
      const problem = res.json<TProblem>();
      expect(problem.errors?.[0]).toMatchObject({
        field: 'items.0.links.1',
        message: 'Chỉ chấp nhận liên kết bắt đầu bằng http:// hoặc https://.',
      });
    }
    const ok = await save(['https://congbao.nghean.gov.vn/van-ban/328', 'http://10.0.0.5/tai-lieu']);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<TReport>().items[0]!.links).toEqual([
      'https://congbao.nghean.gov.vn/van-ban/328',
      'http://10.0.0.5/tai-lieu',
    ]);
  });
});
