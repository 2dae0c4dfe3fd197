/**
 * Indicators in the browser, against the real server with the demo data: a ward officer enters
 * values in the grid (typing, keyboard moves, a block pasted from Excel), saves, and sees the
 * indicator's chart show the new figure — and change when the value is entered again. Also the
 * catalogue's diacritic-free search and the form's field errors for the secretariat, and the grid
 * on a 360-px phone. Saves screenshots to docs/screens/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import { signIn } from './api-client';
import {
  DESKTOP,
  launchChromium,
  openPage,
  PageProblems,
  PHONE,
  pasteInto,
  saveScreenshot,
  signInContext,
  signInThroughForm,
  type Viewport,
} from './browser';

const baseUrl = inject('baseUrl');
const OFFICER = 'truongvinh.canbo';
const GRID = '[data-testid="entry-grid"]';

let browser: Browser;
const problems = new PageProblems();
/** HTTP errors a test provokes on purpose: the browser logs them to the console */
let provoked = new Set<number>();

/** Page errors, console errors (but the provoked statuses') and 5xx answers count as problems. */
function watch(p: Page) {
  problems.watch(p, {
    console: ['error'],
    provoked: (text) => {
      const status = /status of (\d{3})/.exec(text)?.[1];
      return status !== undefined && provoked.has(Number(status));
    },
  });
}

async function newContext(
  viewport: Viewport,
  options: { watch?: boolean } = {},
): Promise<[BrowserContext, Page]> {
  const [context, page] = await openPage(browser, { baseUrl, viewport, navigationTimeout: 60_000 });
  if (options.watch !== false) watch(page);
  return [context, page];
}

const row = (p: Page, code: string) => p.locator(`${GRID} tr[data-code="${code}"]`);
const valueInput = (p: Page, code: string) => row(p, code).locator('input[data-entry-col="value"]');
const commentInput = (p: Page, code: string) => row(p, code).locator('input[data-entry-col="comment"]');

/**
 * Officers write only the periods of their open rounds (the plan's default value entry window):
 * the secretariat opens the round of the month the grid collects, unless it is open already.
 */
async function ensureRoundOpen(period: string) {
  const api = await signIn(baseUrl, 'secretariat');
  const plans = await api.request<{ items: { id: string }[] }>('GET', '/plans');
  const planId = plans.body.items[0]!.id;
  const opened = await api.request<{ code?: string }>('POST', '/rounds', { planId, period });
  if (opened.status !== 201 && opened.status !== 409) {
    throw new Error(`opening the round of ${period} → ${opened.status}: ${JSON.stringify(opened.body)}`);
  }
}

/** Saves with the button, or with Ctrl+S from the focused cell. */
async function saveGrid(p: Page, how: 'button' | 'shortcut' = 'button') {
  const saved = p.waitForResponse(
    (r) => r.url().endsWith('/api/data-values') && r.request().method() === 'POST',
  );
  if (how === 'shortcut') await p.keyboard.press('Control+S');
  else await p.locator('[data-testid="entry-save"]').click();
  const response = await saved;
  expect(response.status()).toBe(200);
  const result = (await response.json()) as { rejected: number; errors: unknown[] };
  expect(result.errors).toEqual([]);
  expect(result.rejected).toBe(0);
  await expect.poll(() => p.locator(`${GRID} [data-testid="entry-unsaved"]`).count()).toBe(0);
  expect(await p.locator(`${GRID} [data-testid="entry-row-error"]`).count()).toBe(0);
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase();

/** "31 chỉ tiêu" → 31 */
async function shownTotal(p: Page): Promise<number> {
  const text = await p.locator('[data-testid="indicator-total"]').textContent();
  const match = (text ?? '').replace(/[.\s]/g, '').match(/\d+/);
  if (!match) throw new Error(`No number in the indicator total "${text}"`);
  return Number(match[0]);
}

/** The figure of a period in the chart's data table (the table screen readers read). */
const chartValue = (p: Page, period: string) =>
  p.locator(`[data-testid="indicator-series"] tr[data-period="${period}"]`).getAttribute('data-value');

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

afterEach(() => {
  provoked = new Set();
  problems.expectNone('page errors, console errors or 5xx API answers');
});

describe('indicators in the browser', () => {
  test('a ward officer enters values in the grid and the indicator chart shows them', async () => {
    // watched from the sign-in on: before it, /api/auth/me answering 401 is expected
    const [context, page] = await newContext(DESKTOP, { watch: false });
    try {
      // sign in through the form, landing back on the grid
      await page.goto('/nhap-so-lieu');
      await page.waitForURL(/\/dang-nhap/);
      await signInThroughForm(page, OFFICER, () => watch(page));
      // the officer's own ward and the month being collected fill in the address
      await page.waitForURL((url) => url.pathname === '/nhap-so-lieu' && url.searchParams.has('period'));
      const url = new URL(page.url());
      const wardId = url.searchParams.get('orgUnitId')!;
      const period = url.searchParams.get('period')!;
      expect(period).toMatch(/^\d{4}M\d{2}$/);
      await ensureRoundOpen(period);
      await row(page, 'HS.TIEPNHAN').waitFor();
      expect(await page.locator('[data-testid="entry-window"]').textContent()).toMatch(
        /\d{2}\/\d{2}\/\d{4} – \d{2}\/\d{2}\/\d{4}/,
      );
      const codes = await page
        .locator(`${GRID} tr[data-code]`)
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));
      // the pasted block fills HS.TIEPNHAN and the row below it
      expect(codes[codes.indexOf('HS.TIEPNHAN') + 1]).toBe('HS.TRUCTUYEN');

      // typing: a Vietnamese decimal comma; Enter moves to the next row's value
      await valueInput(page, 'HS.DUNGHAN_TYLE').click();
      await page.keyboard.press('ControlOrMeta+A');
      // at a person's pace: on a loaded CI machine, keys sent back to back can overtake React's
      // re-render of the controlled input
      await page.keyboard.type('99,5', { delay: 40 });
      await expect.poll(() => valueInput(page, 'HS.DUNGHAN_TYLE').inputValue()).toBe('99,5');
      await page.keyboard.press('Enter');
      const next = codes[codes.indexOf('HS.DUNGHAN_TYLE') + 1]!;
      await expect
        .poll(() => valueInput(page, next).evaluate((el) => el === document.activeElement))
        .toBe(true);
      // Tab goes from a value to its comment
      await valueInput(page, 'HS.DUNGHAN_TYLE').focus();
      await page.keyboard.press('Tab');
      expect(
        await commentInput(page, 'HS.DUNGHAN_TYLE').evaluate((el) => el === document.activeElement),
      ).toBe(true);

      // a 2-row block from Excel: values with Vietnamese thousand dots, comments in the second column
      await pasteInto(
        valueInput(page, 'HS.TIEPNHAN'),
        '4.321\tTổng hợp từ bộ phận một cửa\r\n2.468\tQua Cổng dịch vụ công\r\n',
      );
      await expect.poll(() => valueInput(page, 'HS.TIEPNHAN').inputValue()).toBe('4.321');
      expect(await valueInput(page, 'HS.TRUCTUYEN').inputValue()).toBe('2.468');
      expect(await commentInput(page, 'HS.TRUCTUYEN').inputValue()).toBe('Qua Cổng dịch vụ công');
      expect(await page.locator(`${GRID} [data-testid="entry-unsaved"]`).count()).toBe(3);
      await expect.poll(() => valueInput(page, 'HS.DUNGHAN_TYLE').inputValue()).toBe('99,5');

      await saveGrid(page);
      const sheet = (await (
        await context.request.get(`/api/data-values?orgUnitId=${wardId}&period=${period}`)
      ).json()) as { rows: { indicator: { code: string }; value: number | null; comment: string | null }[] };
      const saved = Object.fromEntries(sheet.rows.map((r) => [r.indicator.code, r]));
      expect(saved['HS.TIEPNHAN']?.value).toBe(4321);
      expect(saved['HS.TRUCTUYEN']).toMatchObject({ value: 2468, comment: 'Qua Cổng dịch vụ công' });
      expect(saved['HS.DUNGHAN_TYLE']?.value).toBe(99.5);

      // the indicator page for the ward: the chart's latest point is the value just saved
      await row(page, 'HS.DUNGHAN_TYLE').locator('a').click();
      await page.waitForURL(/\/chi-tieu\/[0-9a-f-]{36}\?orgUnitId=/);
      expect(new URL(page.url()).searchParams.get('orgUnitId')).toBe(wardId);
      await page.locator('[data-testid="indicator-trend"] canvas').waitFor();
      await expect.poll(() => chartValue(page, period)).toBe('99.5');
      const series = page.locator('[data-testid="indicator-series"] tbody tr');
      expect(await series.last().getAttribute('data-period')).toBe(period);
      expect(await page.locator('[data-testid="indicator-header"]').textContent()).toContain(
        'HS.DUNGHAN_TYLE',
      );
      // a rate: the province's yearly targets apply to the ward, so the target path is drawn
      expect(await page.locator('[data-testid="indicator-series"] thead th').count()).toBe(3);
      // the forecast says how it is made, its range and the bounds a percentage keeps
      const forecast = page.locator('[data-testid="indicator-forecast"]');
      await expect
        .poll(() => forecast.locator('[data-testid="forecast-method"]').textContent())
        .toContain('Theil–Sen');
      expect(await forecast.locator('[data-testid="forecast-interval"]').textContent()).toContain(
        'phân vị 10',
      );
      expect(await forecast.locator('[data-testid="forecast-domain"]').textContent()).toContain('0–100%');
      expect(await forecast.textContent()).toMatch(/khoảng [\d.,]+ – [\d.,]+/);
      // the ward's own figures by period, and itself as the one commune-level unit
      await page.locator('[data-testid="indicator-months"] tr.ant-table-row').first().waitFor();
      await expect
        .poll(() => page.locator('[data-testid="indicator-communes"] tr.ant-table-row').count())
        .toBe(1);
      await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
      await page.waitForLoadState('networkidle');
      await saveScreenshot(page, 'indicator-page.png');

      // enter it again from the indicator page: the chart follows at once
      await page.locator('[data-testid="indicator-enter"]').click();
      await page.waitForURL(/\/nhap-so-lieu\?/);
      await valueInput(page, 'HS.DUNGHAN_TYLE').fill('99,8');
      await saveGrid(page, 'shortcut');
      await page.goBack();
      await page.waitForURL(/\/chi-tieu\//);
      await expect.poll(() => chartValue(page, period)).toBe('99.8');
    } finally {
      await context.close();
    }
  });

  test('a refused row shows its error inline and the rest is saved', async () => {
    const [context, page] = await newContext(DESKTOP);
    try {
      await signInContext(context, OFFICER);
      await page.goto('/nhap-so-lieu');
      await row(page, 'HS.SOHOA_TYLE').waitFor();
      await ensureRoundOpen(new URL(page.url()).searchParams.get('period')!);
      await valueInput(page, 'HS.SOHOA_TYLE').fill('101');
      await valueInput(page, 'VB.KYSO_TYLE').fill('99,8');
      await commentInput(page, 'VB.KYSO_TYLE').fill('Đủ văn bản đi');
      const saved = page.waitForResponse(
        (r) => r.url().endsWith('/api/data-values') && r.request().method() === 'POST',
      );
      await page.locator('[data-testid="entry-save"]').click();
      const result = (await (await saved).json()) as { rejected: number; errors: { row: number }[] };
      expect(result.rejected).toBe(1);
      const error = row(page, 'HS.SOHOA_TYLE').locator('[data-testid="entry-row-error"]');
      await expect.poll(() => error.textContent()).toContain('100');
      // the valid row was written and is no longer marked unsaved; the refused one still is
      await expect
        .poll(() => row(page, 'VB.KYSO_TYLE').locator('[data-testid="entry-unsaved"]').count())
        .toBe(0);
      expect(await row(page, 'HS.SOHOA_TYLE').locator('[data-testid="entry-unsaved"]').count()).toBe(1);
      // fixing the value clears the error; discarding leaves nothing unsaved
      await valueInput(page, 'HS.SOHOA_TYLE').fill('95');
      await expect.poll(() => error.count()).toBe(0);
      await page.getByRole('button', { name: 'Bỏ thay đổi' }).click();
      await expect.poll(() => page.locator(`${GRID} [data-testid="entry-unsaved"]`).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  test('the grid on a 360-px phone stacks the comment under the value', async () => {
    const [context, page] = await newContext(PHONE);
    try {
      await signInContext(context, OFFICER);
      await page.goto('/nhap-so-lieu');
      await row(page, 'HS.TIEPNHAN').waitFor();
      await page.waitForLoadState('networkidle');
      const value = await valueInput(page, 'HS.TIEPNHAN').boundingBox();
      const comment = await commentInput(page, 'HS.TIEPNHAN').boundingBox();
      expect(comment!.y).toBeGreaterThan(value!.y + value!.height - 1);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth).toBeLessThanOrEqual(360);
      await valueInput(page, 'HS.TIEPNHAN').fill('4.125');
      await commentInput(page, 'HS.TIEPNHAN').fill('Số liệu tạm tính');
      await page.evaluate(() => window.scrollTo(0, 0));
      await saveScreenshot(page, 'data-entry-360.png');
    } finally {
      await context.close();
    }
  });

  test('the catalogue searches without diacritics and the form shows the server’s field errors', async () => {
    const [context, page] = await newContext(DESKTOP);
    try {
      await signInContext(context, 'secretariat');
      await page.goto('/chi-tieu');
      const rows = page.locator('[data-testid="indicator-table"] tr.ant-table-row');
      await rows.first().waitFor();
      const all = await shownTotal(page);
      expect(all).toBeGreaterThanOrEqual(25);
      // this year's status of every indicator for the province
      await expect
        .poll(() => page.locator('[data-testid="indicator-table"] [data-attainment]').count())
        .toBe(Math.min(all, 20));
      await page.waitForLoadState('networkidle');
      await saveScreenshot(page, 'indicator-catalogue.png');

      // filtered by status, in the address: a reload shows the same rows
      await page.goto('/chi-tieu?attainment=at_risk,off_track');
      await rows.first().waitFor();
      await page.locator('[data-testid="indicator-table"] .ant-spin-spinning').waitFor({ state: 'detached' });
      const behind = await shownTotal(page);
      expect(behind).toBeGreaterThan(0);
      expect(behind).toBeLessThan(all);
      const shown = await page
        .locator('[data-testid="indicator-table"] [data-attainment]')
        .evaluateAll((tags) => tags.map((tag) => tag.getAttribute('data-attainment')));
      expect(shown.length).toBe(Math.min(behind, 20));
      expect(new Set(shown)).toEqual(new Set(shown.filter((a) => a === 'at_risk' || a === 'off_track')));
      expect(await page.locator('[data-testid="attainment-filter"]').textContent()).toMatch(/nguy cơ|Chậm/);

      // an indicator counting communes: its forecast stops at the 130 communes and wards
      await page.goto('/chi-tieu?q=CB.CHUYENTRACH_XA');
      await page.locator('[data-testid="indicator-table"] a', { hasText: 'cán bộ chuyên trách' }).click();
      await page.waitForURL(/\/chi-tieu\/[0-9a-f-]{36}/);
      const domain = page.locator('[data-testid="forecast-domain"]');
      await expect.poll(() => domain.textContent()).toContain('(130)');
      await expect
        .poll(() => page.locator('[data-testid="commune-count"]').textContent())
        .toMatch(/\/130 xã, phường/);
      await page.goto('/chi-tieu');
      await rows.first().waitFor();
      await page
        .locator('[data-testid="indicator-search"] input, input[data-testid="indicator-search"]')
        .first()
        .fill('truc tuyen');
      await page.waitForURL((u) => u.searchParams.get('q') === 'truc tuyen');
      await expect
        .poll(() => page.locator('[data-testid="indicator-table"]').textContent())
        .toContain('hồ sơ');
      await page.locator('[data-testid="indicator-table"] .ant-spin-spinning').waitFor({ state: 'detached' });
      await expect.poll(() => shownTotal(page)).toBeLessThan(all);
      const found = await shownTotal(page);
      expect(found).toBeGreaterThan(0);
      expect(await rows.count()).toBe(Math.min(found, 20));
      // every word of the query occurs in the code or the name, diacritics aside
      for (const text of await rows.allTextContents()) {
        expect(fold(text)).toContain('truc');
        expect(fold(text)).toContain('tuyen');
      }
      await page.reload();
      await rows.first().waitFor();
      await expect.poll(() => shownTotal(page)).toBe(found);

      // a formula naming an unknown indicator: the error appears under the formula field
      await page.locator('[data-testid="indicator-create"]').click();
      const form = page.locator('[data-testid="indicator-form"]');
      await form.waitFor();
      await form.locator('#code').fill('E2E.THU');
      await form.locator('#name').fill('Chỉ tiêu thử của kiểm thử trình duyệt');
      await form.locator('#unit').fill('%');
      await form.locator('#formula').fill('100 * KHONG.CO / 2');
      provoked.add(400);
      const created = page.waitForResponse(
        (r) => r.url().endsWith('/api/indicators') && r.request().method() === 'POST',
      );
      await page.locator('[data-testid="indicator-submit"]').click();
      expect((await created).status()).toBeGreaterThanOrEqual(400);
      const formulaItem = form.locator('.ant-form-item').filter({ has: page.locator('#formula') });
      await expect.poll(() => formulaItem.locator('.ant-form-item-explain-error').count()).toBeGreaterThan(0);
      expect(await formulaItem.locator('.ant-form-item-explain-error').textContent()).toContain('KHONG.CO');
    } finally {
      await context.close();
    }
  });
});
