/**
 * Scorecards in the browser, against the real server with the demo data: the leader opens the
 * ranked table and a unit's card and follows a component to the tasks behind it; the secretariat
 * changes a weight and sees the new formula version. Saves docs/screens/scorecards.png and
 * scorecard-unit.png.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import type { TScorecardFormulaList, TScorecardList } from '../common/contracts/scorecards';
import { signIn } from './api-client';
import { describeBlocking, runAxe } from './axe';
import { launchChromium, openPage, PageProblems, saveScreenshot } from './browser';

const baseUrl = inject('baseUrl');

let browser: Browser;
const problems = new PageProblems();

async function newContext(username: string): Promise<[BrowserContext, Page]> {
  const viewport = { width: 1366, height: 900 };
  const [context, page] = await openPage(browser, { baseUrl, viewport, username, navigationTimeout: 60_000 });
  problems.watch(page, { console: ['error'] });
  return [context, page];
}

const screenshot = (p: Page, name: string) => saveScreenshot(p, name, { fullPage: true });

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

afterEach(() => problems.expectNone('page errors, console errors or 5xx API answers'));

describe('scorecards in the browser', () => {
  test('the leader ranks the agencies, opens a card and follows a component to its tasks', async () => {
    // a period and an agency with tasks counted, as the API ranks them
    const leaderApi = await signIn(baseUrl, 'leader');
    const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
    let chosen: { period: string; unitId: string; unitName: string } | null = null;
    for (const period of [String(year), String(year - 1)]) {
      const list = await leaderApi.request<TScorecardList>('GET', `/scorecards?period=${period}&kind=agency`);
      expect(list.status).toBe(200);
      const unit = list.body.items.find((r) => r.components[0]!.total > 0);
      if (unit) {
        chosen = { period, unitId: unit.unit.id, unitName: unit.unit.name };
        break;
      }
    }
    expect(chosen, 'an agency with tasks due in the demo plan').not.toBeNull();
    const { period, unitId, unitName } = chosen!;

    const [context, page] = await newContext('leader');
    try {
      await page.goto(`/bang-diem?ky=${period}&loai=agency`);
      const rows = page.locator('[data-testid="scorecards-table"] tr.ant-table-row');
      await rows.first().waitFor();
      expect(await rows.count()).toBeGreaterThan(1);
      expect(await page.locator('[data-testid="scorecard-status"]').getAttribute('data-status')).toMatch(
        /published|preview/,
      );
      // the nav entry is there and marked
      await expect
        .poll(() => page.locator('[data-testid="nav"] .ant-menu-submenu-selected').first().textContent())
        .toContain('Đánh giá');
      await screenshot(page, 'scorecards.png');
      // no serious or critical accessibility finding (WCAG 2.1 AA)
      expect(describeBlocking('/bang-diem', await runAxe(page))).toEqual([]);

      await page.locator('[data-testid="scorecard-unit-link"]', { hasText: unitName }).first().click();
      await page.waitForURL((url) => url.pathname === `/bang-diem/${unitId}`);
      await page.locator('[data-testid="scorecard-score"]').waitFor();
      expect(await page.locator('[data-testid="scorecard-version"]').textContent()).toMatch(/phiên bản \d+/);
      expect(await page.locator('[data-testid="scorecard-trend"]').count()).toBe(1);
      await screenshot(page, 'scorecard-unit.png');
      expect(describeBlocking('/bang-diem/:orgUnitId', await runAxe(page))).toEqual([]);

      // the component opens the list it was counted from; a task leads to the task's page
      await page.locator('[data-testid="scorecard-component-reportsOnTime"]').click();
      await page.locator('[data-testid="scorecard-component-tasksOnTime"]').click();
      expect(
        await page.locator('[data-testid="scorecard-component-tasksOnTime"]').getAttribute('aria-pressed'),
      ).toBe('true');
      const task = page
        .locator('[data-testid="scorecard-tasks"] [data-testid="scorecard-task-link"]')
        .first();
      await task.waitFor();
      await task.click();
      await page.waitForURL(/\/items\/[0-9a-f-]{36}$/);
      await page.locator('[data-testid="item-detail"]').waitFor();
    } finally {
      await context.close();
    }
  });

  test('the secretariat changes a weight: a new formula version, shown with the scores', async () => {
    const api = await signIn(baseUrl, 'secretariat');
    const before = await api.request<TScorecardFormulaList>('GET', '/scorecards/formulas');
    const latest = before.body.items[0]!;
    const next = latest.version + 1;
    const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();

    const [context, page] = await newContext('secretariat');
    try {
      await page.goto(`/bang-diem?ky=${year}Q1&loai=commune`);
      await page.locator('[data-testid="scorecard-status"]').waitFor();
      await page.locator('[data-testid="scorecards-manage"]').click();
      const drawer = page.locator('[data-testid="scorecards-manage-drawer"]');
      await drawer.locator('[data-testid="weight-input-tasksOnTime"]').waitFor();
      const input = drawer.locator('[data-testid="weight-input-tasksOnTime"]');
      await input.fill(String(latest.weights.tasksOnTime === 30 ? 35 : 30));
      await drawer
        .locator('[data-testid="weight-note"]')
        .fill('Tăng trọng số báo cáo đúng hạn theo kết luận giao ban');
      const saved = page.waitForResponse(
        (r) => r.url().endsWith('/api/scorecards/formulas') && r.request().method() === 'POST',
      );
      await drawer.locator('[data-testid="weights-save"]').click();
      expect((await saved).status()).toBe(201);
      // the versions list and the page's preview both name the new version
      await expect
        .poll(() =>
          drawer.locator('[data-testid="scorecards-versions"] tr.ant-table-row').first().textContent(),
        )
        .toContain(String(next));
      await page.keyboard.press('Escape');
      await expect
        .poll(() => page.locator('[data-testid="scorecard-status"]').textContent())
        .toContain(`phiên bản ${next}`);
    } finally {
      await context.close();
    }
  });
});
