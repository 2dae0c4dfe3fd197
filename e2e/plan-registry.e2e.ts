/**
 * The plan registry in a real browser (Debian Chromium through playwright-core) against the real
 * server started by e2e/global-setup.ts with the demo data: plan tree, task table with a search
 * that ignores diacritics and survives a reload, the overdue filter from the URL, a task's detail
 * page and the tree on a phone. Saves screenshots to docs/screens/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium, openPage, PageProblems, PHONE, saveScreenshot, type Viewport } from './browser';

const baseUrl = inject('baseUrl');
const TREE = '[data-testid="plan-tree"]';
const TABLE = '[data-testid="task-table"]';
const TABLE_ROWS = `${TABLE} tr.ant-table-row`;

let browser: Browser;
let context: BrowserContext;
let page: Page;
/** set by the first test from the redirect of "/"; the API's first plan if that test failed */
let planId: string | undefined;
/** the first test's page is shared by the tests after it: it reports to the log all along */
const problems = new PageProblems();

/** A browser context signed in as the demo secretariat (the API request shares the context's cookies). */
async function newPage(viewport: Viewport): Promise<[BrowserContext, Page]> {
  const username = 'secretariat';
  const [ctx, p] = await openPage(browser, { baseUrl, viewport, username, navigationTimeout: 60_000 });
  problems.watch(p, { console: ['error'] });
  return [ctx, p];
}

/** The task table has rows and is not loading. */
async function tableSettled(p: Page) {
  await p.locator(TABLE_ROWS).first().waitFor({ state: 'visible' });
  await p.locator(`${TABLE} .ant-spin-spinning`).waitFor({ state: 'detached' });
  await p.waitForLoadState('networkidle');
}

const rowTitles = (p: Page) => p.locator(`${TABLE_ROWS} .lt-task-link`).allTextContents();
const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi');

/** "83 nhiệm vụ" → 83 */
async function shownTotal(p: Page): Promise<number> {
  const text = await p.locator('[data-testid="task-total"]').textContent();
  const match = (text ?? '').replace(/[.\s]/g, '').match(/\d+/);
  if (!match) throw new Error(`No number in the task total "${text}"`);
  return Number(match[0]);
}

async function plan(): Promise<string> {
  if (!planId) {
    const response = await context.request.get('/api/plans?pageSize=1');
    const body = (await response.json()) as { items?: { id: string }[] };
    planId = body.items?.[0]?.id;
    if (!planId) throw new Error(`GET /api/plans?pageSize=1 → ${response.status()}: no plan`);
  }
  return planId;
}

/** The search box: the testid may sit on the <input> or on antd's affix wrapper around it. */
const searchBox = (p: Page) =>
  p.locator('input[data-testid="task-search"], [data-testid="task-search"] input').first();

beforeAll(async () => {
  browser = await launchChromium();
  [context, page] = await newPage({ width: 1280, height: 800 });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

afterEach(() => problems.expectNone('page errors, console errors or 5xx API answers'));

describe('plan registry in the browser', () => {
  test('the secretariat lands on the dashboard; "Kế hoạch" opens the tree with the 7 groups of Plan 328 and status tags', async () => {
    await page.goto('/');
    await page.waitForURL(/\/dieu-hanh$/);
    await page.locator('[data-testid="nav"] a[href^="/plans/"]', { hasText: 'Kế hoạch' }).click();
    await page.waitForURL(/\/plans\/[0-9a-f-]{36}$/);
    planId = new URL(page.url()).pathname.split('/')[2]!;

    const tree = page.locator(TREE);
    await tree.locator('tr.ant-table-row').first().waitFor({ state: 'visible' });
    await page.waitForLoadState('networkidle');

    await expect.poll(() => page.locator('[data-testid="plan-header"]').textContent()).toContain('328');
    const topRows = tree.locator('tr.ant-table-row-level-0');
    await expect.poll(() => topRows.count()).toBe(7);
    const codes = await topRows.locator('.lt-code').allTextContents();
    expect(codes.map((c) => c.trim())).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    // top-level groups are open by default: their tasks show a status tag each
    expect(await tree.locator('.ant-tag[data-status]').count()).toBeGreaterThan(10);
    await expect.poll(() => tree.textContent()).toMatch(/Quá hạn|Đang thực hiện|Hoàn thành/);

    await saveScreenshot(page, 'plan-tree.png');
  });

  test('the task table searches without diacritics, keeps the search in the URL across a reload', async () => {
    const planId = await plan();
    await page.goto(`/plans/${planId}/tasks`);
    await tableSettled(page);
    const totalBefore = await shownTotal(page);
    expect(totalBefore).toBeGreaterThan(20);

    const searched = page.waitForResponse(
      (r) => r.url().includes(`/api/plans/${planId}/items`) && new URL(r.url()).searchParams.has('q'),
    );
    await searchBox(page).fill('chuyen doi so');
    await page.waitForURL((url) => url.searchParams.get('q') === 'chuyen doi so');
    expect((await searched).status()).toBe(200);
    await expect.poll(() => shownTotal(page)).toBeLessThan(totalBefore);
    await tableSettled(page);

    const filtered = await shownTotal(page);
    expect(filtered).toBeGreaterThan(0);
    const titles = await rowTitles(page);
    expect(titles.length).toBe(Math.min(filtered, 20));
    for (const title of titles) expect(fold(title)).toContain('chuyển đổi số');

    await page.reload();
    await tableSettled(page);
    expect(new URL(page.url()).searchParams.get('q')).toBe('chuyen doi so');
    expect(await searchBox(page).inputValue()).toBe('chuyen doi so');
    expect(await shownTotal(page)).toBe(filtered);
    expect(await rowTitles(page)).toEqual(titles);
  });

  test('status=overdue in the URL shows only overdue tasks', async () => {
    await page.goto(`/plans/${await plan()}/tasks?status=overdue`);
    await tableSettled(page);
    const rows = page.locator(TABLE_ROWS);
    const count = await rows.count();
    expect(count).toBeGreaterThan(0);
    const statuses = await rows
      .locator('.ant-tag[data-status]')
      .evaluateAll((tags) => tags.map((t) => t.getAttribute('data-status')));
    expect(statuses.length).toBe(count);
    expect(new Set(statuses)).toEqual(new Set(['overdue']));
    // the status filter shows the chosen value
    await expect.poll(() => page.locator('[data-testid="task-filters"]').textContent()).toContain('Quá hạn');

    await saveScreenshot(page, 'task-table.png');
  });

  test('clicking a task title opens its detail page', async () => {
    const first = page.locator(`${TABLE_ROWS} .lt-task-link`).first();
    const title = ((await first.textContent()) ?? '').trim();
    await first.click();
    await page.waitForURL(/\/items\/[0-9a-f-]{36}$/);
    const detail = page.locator('[data-testid="item-detail"]');
    await detail.waitFor({ state: 'visible' });
    await page.waitForLoadState('networkidle');
    await expect.poll(() => detail.textContent()).toContain(title);
    await expect.poll(() => detail.locator('.ant-tag[data-status="overdue"]').count()).toBeGreaterThan(0);

    await saveScreenshot(page, 'task-detail.png');
  });

  test('the plan tree on a 360-px phone', async () => {
    const [mobileContext, mobile] = await newPage(PHONE);
    try {
      await mobile.goto(`/plans/${await plan()}`);
      const tree = mobile.locator(TREE);
      await tree.locator('tr.ant-table-row').first().waitFor({ state: 'visible' });
      await mobile.waitForLoadState('networkidle');
      await expect.poll(() => tree.locator('tr.ant-table-row-level-0').count()).toBe(7);
      // nothing wider than the screen
      const scrollWidth = await mobile.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth).toBeLessThanOrEqual(360);
      await saveScreenshot(mobile, 'plan-tree-mobile.png');
    } finally {
      await mobileContext.close();
    }
  });
});
