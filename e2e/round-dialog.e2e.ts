/**
 * The secretariat's rough edges, in the browser, on a server of its own (the rounds it opens must
 * not show up in the other browser tests):
 * - the "Mở đợt báo cáo" dialog proposes a period whose due date is still ahead, and warns, then
 *   asks again, before opening a round for a period already overdue;
 * - the round's counts state their one definition of overdue in a tooltip;
 * - a task's history names the accepted report its progress came from ("theo báo cáo tháng 11/2026
 *   của Phường Trường Vinh", a link) and shows no id;
 * - the synonyms page lists the shipped abbreviations, and the task search uses them.
 * Saves screenshots to docs/screens/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { TReport } from '../common/contracts/reports';
import { type ApiClient, createActivePlan, expectOk, findUnitByCode, signIn } from './api-client';
import { DESKTOP, launchChromium, openPage, PageProblems, saveScreenshot, signInAt } from './browser';
import { createTestLocation, type DataLocation, type RunningServer, startServer } from './server';

const WARD_CODE = '16690';
const TASK_TITLE = 'Ứng dụng CĐS trong tiếp nhận phản ánh của người dân';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

let location: DataLocation;
let server: RunningServer | null = null;
let browser: Browser;
let planId = '';
let taskId = '';
let reportId = '';
const problems = new PageProblems();

/** Today in Vietnam, as the web app and the server count it. */
const todayInVietnam = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/**
 * Through the API: a plan with one task the ward leads, a round for November 2026, and the ward's
 * report filled (progress 70 %), submitted, approved by its head and accepted by the secretariat,
 * so that the task's progress comes from the report.
 */
async function prepareAcceptedReport(baseUrl: string) {
  const secretariat = await signIn(baseUrl, 'secretariat');
  const ward = await findUnitByCode(secretariat, WARD_CODE);
  const plan = await createActivePlan(
    secretariat,
    '21/KH-UBND',
    'Kế hoạch thử: lịch sử nhiệm vụ theo báo cáo',
  );
  planId = plan.id;
  const task = await expectOk<{ id: string }>(secretariat, 'POST', `/plans/${plan.id}/items`, {
    kind: 'task',
    code: '1',
    title: TASK_TITLE,
    leadOrgUnitId: ward.id,
    deadline: '2026-12-31',
  });
  taskId = task.id;
  const round = await expectOk<{ id: string }>(secretariat, 'POST', '/rounds', { planId, period: '2026M11' });
  const rows = await expectOk<{ items: { reportId: string }[] }>(
    secretariat,
    'GET',
    `/rounds/${round.id}/reports`,
  );
  reportId = rows.items[0]!.reportId;

  const officer = await signIn(baseUrl, 'truongvinh.canbo');
  let report = await expectOk<TReport>(officer, 'GET', `/reports/${reportId}`);
  report = await expectOk<TReport>(officer, 'PATCH', `/reports/${reportId}`, {
    version: report.version,
    general: { summary: 'Tình hình tháng 11' },
    items: [{ planItemId: taskId, progress: 70, results: 'Đã tiếp nhận 120 phản ánh qua ứng dụng.' }],
  });
  const step = async (api: ApiClient, action: string) => {
    report = await expectOk<TReport>(api, 'POST', `/reports/${reportId}/${action}`, {
      version: report.version,
    });
  };
  await step(officer, 'submit');
  if (report.status === 'submitted') await step(await signIn(baseUrl, 'truongvinh.lanhdao'), 'approve');
  await step(secretariat, 'accept');
  expect(report.status).toBe('accepted');
}

beforeAll(async () => {
  location = await createTestLocation('round-dialog');
  server = await startServer({ launcher: 'node-tsx', env: location.env });
  await prepareAcceptedReport(server.baseUrl);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await location?.dispose();
});

afterEach(() => problems.expectNone('page errors, console errors or warnings, or 5xx API answers'));

/** A desktop page signed in as the secretariat through the form, at `target`, watched from the sign-in on. */
async function secretariatAt(target: string): Promise<[BrowserContext, Page]> {
  const [context, page] = await openPage(browser, { baseUrl: server!.baseUrl, viewport: DESKTOP });
  await signInAt(page, target, 'secretariat', () => problems.watch(page, { console: ['error', 'warning'] }));
  return [context, page];
}

describe('opening a round', () => {
  test('proposes a period whose due date is ahead, and warns before opening an overdue one', async () => {
    const [context, page] = await secretariatAt('/dot-bao-cao');
    try {
      await page.locator('[data-testid="rounds-page"]').waitFor();
      await page.locator('[data-testid="round-open"]').click();
      const modal = page.locator('[data-testid="round-open-modal"]');
      const due = modal.locator('[data-testid="round-expected-due"]');
      await due.waitFor();
      const proposed = await due.getAttribute('data-due');
      expect(proposed, 'the proposed period is not overdue').not.toBeNull();
      expect(proposed! >= todayInVietnam(), `due ${proposed}, today ${todayInVietnam()}`).toBe(true);
      expect(await due.textContent()).toMatch(/Hạn nộp dự kiến: \d{2}\/\d{2}\/\d{4}/);
      expect(await modal.locator('[data-testid="round-past-due-warning"]').count()).toBe(0);
      await saveScreenshot(page, 'round-open-dialog.png');

      // a month long past: warned in the dialog, and asked again on submit
      await modal.locator('[data-testid="round-period"]').click();
      const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
      await dropdown.locator('.ant-select-item-option[title="Tháng 9/2026"]').click();
      const warning = modal.locator('[data-testid="round-past-due-warning"]');
      await warning.waitFor();
      expect(await warning.textContent()).toMatch(/Kỳ này đã quá hạn nộp \d+ ngày/);
      let posted = false;
      page.on('request', (r) => {
        if (r.url().endsWith('/api/rounds') && r.method() === 'POST') posted = true;
      });
      await page.locator('[data-testid="round-open-submit"]').click();
      const confirm = page.locator('.ant-modal-confirm');
      await confirm.waitFor();
      expect(await confirm.textContent()).toMatch(/Mở đợt báo cáo đã quá hạn\?.*đã qua \d+ ngày/s);
      await saveScreenshot(page, 'round-open-overdue.png');
      await confirm.getByRole('button', { name: 'Hủy' }).click();
      await confirm.waitFor({ state: 'detached' });
      expect(posted, 'nothing opened when the secretariat cancels').toBe(false);
    } finally {
      await context.close();
    }
  });

  test("states the round's one definition of overdue in a tooltip", async () => {
    const [context, page] = await secretariatAt('/dot-bao-cao');
    try {
      const counts = page.locator('[data-testid="round-timeliness-counts"]').first();
      await counts.hover();
      const tooltip = page.locator('.ant-tooltip:not(.ant-tooltip-hidden)');
      await tooltip.waitFor();
      expect(await tooltip.textContent()).toContain('Quá hạn: chưa gửi và đã qua hạn nộp');
    } finally {
      await context.close();
    }
  });
});

describe('a task’s history', () => {
  test('names the accepted report its progress came from, as a link, and shows no id', async () => {
    const [context, page] = await secretariatAt(`/items/${taskId}`);
    try {
      const history = page.locator('[data-testid="history"]');
      await history.waitFor();
      const source = history.locator('[data-testid="history-source"]');
      await source.waitFor();
      expect(await source.textContent()).toBe('theo báo cáo tháng 11/2026 của Phường Trường Vinh');
      expect(await source.locator('a').getAttribute('href')).toBe(`/bao-cao/${reportId}`);
      const text = (await history.textContent()) ?? '';
      expect(text).toContain('theo báo cáo');
      expect(text).toContain('Tiến độ (%)');
      expect(text).not.toMatch(UUID);
      expect(text).not.toContain('fromReport');
      await saveScreenshot(page, 'task-history-from-report.png');
    } finally {
      await context.close();
    }
  });
});

describe('search synonyms', () => {
  test('the secretariat sees the shipped abbreviations, and the task search uses them', async () => {
    const [context, page] = await secretariatAt('/dot-bao-cao');
    try {
      // the wide header is full: the page is in the user menu
      await page.locator('[data-testid="user-menu"]').click();
      await page.locator('[data-testid="synonyms-link"]').click();
      await page.waitForURL(/\/tu-dong-nghia$/);
      const table = page.locator('[data-testid="synonym-table"]');
      await table.getByText('KH&CN', { exact: true }).waitFor();
      expect(await table.textContent()).toContain('đổi mới sáng tạo');
      await saveScreenshot(page, 'search-synonyms.png');
      await page.goto(`/plans/${planId}/tasks?q=${encodeURIComponent('chuyen doi so')}`);
      await page.getByText(TASK_TITLE).first().waitFor();
    } finally {
      await context.close();
    }
  });
});
