/**
 * A department's report on a 360-px phone: 50 tasks (35 it leads, 15 it co-operates on), as the
 * Department of Science and Technology has. First the navigation: the index of tasks with their
 * state, a jump from it, a card collapsed and opened again, the filter, "next task". Then the same
 * count as e2e/phone-report.e2e.ts, from signing in to submitted: every task's results written,
 * ten progress figures changed, the others kept from last period in one step, one earlier obstacle
 * used again. An interaction is a tap, a field entry, or a scroll the officer would have to make to
 * reach the next thing to tap (counted whenever it is not on the screen already).
 *
 * Runs on its own server and database. The quarter before was accepted through the API, so the
 * form has last period's progress and an obstacle to offer. Prints the counts and saves
 * screenshots to docs/screens/.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TReport } from '../common/contracts/reports';
import {
  type ApiClient,
  createActivePlan,
  expectOk,
  findReportId,
  findUnitByCode,
  signIn,
} from './api-client';
import { describeBlocking, runAxe } from './axe';
import {
  fillSignInForm,
  launchChromium,
  openPage,
  PageProblems,
  PHONE,
  SIGN_IN_FORM,
  saveScreenshot,
  TOUCH,
} from './browser';
import {
  createTestLocation,
  type DataLocation,
  DEMO_PASSWORD,
  type RunningServer,
  startServer,
} from './server';

const OFFICER = 'skhcn.canbo';
const HEAD = 'skhcn.lanhdao';
const DEPARTMENT = '40.SKHCN';
const PARTNER = '16690'; // the ward that leads the tasks the department co-operates on
const LEAD_TASKS = 35;
const COOPERATING_TASKS = 15;
const PREVIOUS = '2026Q2';
const PERIOD = '2026Q3';
const OBSTACLE = 'Chưa bố trí được kinh phí đối ứng của tỉnh.';
/** Same keystroke-level figures as the 5-task run. */
const SECONDS = { tap: 1.1, think: 1.35, character: 0.5, scroll: 1.5 };

let location: DataLocation;
let server: RunningServer | null = null;
let browser: Browser;
let reportId = '';

const results = (i: number) => `Quý III: hoàn thành hạng mục ${i + 1}, đúng tiến độ đề ra.`;

beforeAll(async () => {
  location = await createTestLocation('phone-large');
  server = await startServer({ launcher: 'node-tsx', env: location.env });
  reportId = await prepareDepartmentReport(server.baseUrl);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await location?.dispose();
});

async function reportOf(api: ApiClient, roundId: string, orgUnitId: string): Promise<TReport> {
  return expectOk<TReport>(api, 'GET', `/reports/${await findReportId(api, roundId, orgUnitId)}`);
}

/**
 * A plan of 50 tasks for the department, last quarter's report accepted (with its progress and one
 * obstacle), and this quarter's round. Returns the department's report for this quarter.
 */
async function prepareDepartmentReport(baseUrl: string): Promise<string> {
  const secretariat = await signIn(baseUrl, 'secretariat');
  const department = await findUnitByCode(secretariat, DEPARTMENT);
  const partner = await findUnitByCode(secretariat, PARTNER);
  const plan = await createActivePlan(
    secretariat,
    '20/KH-UBND',
    'Kế hoạch thử: báo cáo của sở trên điện thoại',
  );
  const group = await expectOk<{ id: string }>(secretariat, 'POST', `/plans/${plan.id}/items`, {
    kind: 'group',
    code: '1',
    title: 'Phát triển khoa học, công nghệ và đổi mới sáng tạo',
  });
  // co-operating tasks first in the plan's order: the form still puts the lead tasks first
  for (let i = 0; i < LEAD_TASKS + COOPERATING_TASKS; i++) {
    const cooperating = i < COOPERATING_TASKS;
    await expectOk(secretariat, 'POST', `/plans/${plan.id}/items`, {
      kind: 'task',
      parentId: group.id,
      code: `1.${i + 1}`,
      title: `${cooperating ? 'Phối hợp' : 'Chủ trì'} triển khai nhiệm vụ khoa học và công nghệ số ${i + 1}`,
      leadOrgUnitId: cooperating ? partner.id : department.id,
      cooperatorIds: cooperating ? [department.id] : [],
      deadline: '2027-12-31',
    });
  }
  // last quarter, accepted: the department's progress and one obstacle
  const officer = await signIn(baseUrl, OFFICER);
  const head = await signIn(baseUrl, HEAD);
  const previousRound = await expectOk<{ id: string }>(secretariat, 'POST', '/rounds', {
    planId: plan.id,
    period: PREVIOUS,
  });
  const previous = await reportOf(secretariat, previousRound.id, department.id);
  expect(previous.items).toHaveLength(LEAD_TASKS + COOPERATING_TASKS);
  const saved = await expectOk<TReport>(officer, 'PATCH', `/reports/${previous.id}`, {
    version: previous.version,
    items: previous.items.map((item, i) => ({
      planItemId: item.planItem.id,
      progress: 10 + (i % 6) * 10,
      results: `Quý II: đã triển khai bước ${i + 1}.`,
      ...(item.role === 'lead' && i === previous.items.findIndex((x) => x.role === 'lead')
        ? { obstacles: OBSTACLE }
        : {}),
    })),
  });
  const sent = await expectOk<TReport>(officer, 'POST', `/reports/${previous.id}/submit`, {
    version: saved.version,
  });
  const approved = await expectOk<TReport>(head, 'POST', `/reports/${previous.id}/approve`, {
    version: sent.version,
  });
  await expectOk(secretariat, 'POST', `/reports/${previous.id}/accept`, { version: approved.version });

  const round = await expectOk<{ id: string }>(secretariat, 'POST', '/rounds', {
    planId: plan.id,
    period: PERIOD,
  });
  const report = await reportOf(secretariat, round.id, department.id);
  expect(report.items).toHaveLength(LEAD_TASKS + COOPERATING_TASKS);
  return report.id;
}

async function phone(): Promise<[BrowserContext, Page, PageProblems]> {
  const [context, page] = await openPage(browser, {
    baseUrl: server!.baseUrl,
    viewport: PHONE,
    ...TOUCH,
    deviceScaleFactor: 2,
  });
  return [context, page, new PageProblems()];
}

const card = (page: Page, id: string) => page.locator(`[data-testid="report-task"][data-item="${id}"]`);

/** Whether the element is on the screen, above the sticky action bar, with nothing to scroll. */
async function onScreen(page: Page, target: Locator): Promise<boolean> {
  const box = await target.boundingBox();
  if (!box) return false;
  const actionBar = page.locator('[data-testid="report-actionbar"]');
  const bar = (await actionBar.count()) > 0 ? await actionBar.boundingBox() : null;
  const inBar =
    bar !== null && (await target.evaluate((el) => !!el.closest('[data-testid="report-actionbar"]')));
  const bottom = inBar || !bar ? 780 : bar.y;
  return box.y >= 0 && box.y + Math.min(box.height, 40) <= bottom;
}

describe('a 50-task department report on a 360-px phone', () => {
  test('has an index of its tasks, jumps to one, collapses and opens it, filters, and goes to the next', async () => {
    const [context, page, problems] = await phone();
    try {
      await page.goto('/');
      await fillSignInForm(page, OFFICER);
      // from now on: before signing in, /api/auth/me answering 401 is expected
      problems.watch(page, { console: ['error'] });
      await page.locator(SIGN_IN_FORM.submit).tap();
      await page.waitForURL(/\/viec-cua-toi/);
      await page.goto(`/bao-cao/${reportId}`);
      await page.locator('[data-testid="report-page"]').waitFor();
      const report = (await (await context.request.get(`/api/reports/${reportId}`)).json()) as TReport;

      // the index: every task, lead tasks first, each with its state; nothing filled yet
      const index = page.locator('[data-testid="task-index"]');
      await index.waitFor();
      const chips = index.locator('[data-testid="task-index-item"]');
      expect(await chips.count()).toBe(50);
      const lead = report.items.filter((i) => i.role === 'lead').map((i) => i.planItem.code);
      const cooperating = report.items.filter((i) => i.role !== 'lead').map((i) => i.planItem.code);
      expect(await chips.evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual([
        ...lead,
        ...cooperating,
      ]);
      expect(new Set(await chips.evaluateAll((els) => els.map((e) => e.getAttribute('data-state'))))).toEqual(
        new Set(['todo']),
      );
      expect(await index.textContent()).toContain('Nhiệm vụ chủ trì (35)');
      expect(await index.textContent()).toContain('Nhiệm vụ phối hợp (15)');
      // the cards: collapsed but the first to fill; the page is short
      const opened = page.locator('[data-testid="report-task"][data-expanded="true"]');
      expect(await opened.count()).toBe(1);
      expect(await opened.getAttribute('data-code')).toBe(lead[0]);
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      expect(height).toBeLessThan(12_000); // ~36,700 px with every card open
      // last period's progress, offered and marked, and its obstacle with "Dùng lại"
      const first = report.items.find((i) => i.planItem.code === lead[0])!;
      const carried = card(page, first.planItem.id).locator('[data-testid="carried-progress"]');
      expect(await carried.textContent()).toContain(`Tiến độ kỳ trước: ${first.carriedProgress}%`);
      expect(
        await card(page, first.planItem.id).locator('[data-testid="carried-suggestion"]').textContent(),
      ).toContain(OBSTACLE);
      // the index, the state tags and the carried marks pass axe (WCAG 2.1 AA) like every main page
      expect(describeBlocking('report-index-phone', await runAxe(page))).toEqual([]);
      await saveScreenshot(page, 'report-index-phone.png');

      // a jump from the index: the task opens alone, on the screen
      const target = report.items.find((i) => i.planItem.code === lead[29])!;
      await index.locator(`[data-testid="task-index-item"][data-item="${target.planItem.id}"]`).tap();
      await expect.poll(() => card(page, target.planItem.id).getAttribute('data-expanded')).toBe('true');
      expect(await opened.count()).toBe(1);
      const toggle = card(page, target.planItem.id).locator('[data-testid="task-toggle"]');
      await expect.poll(() => onScreen(page, toggle)).toBe(true);
      await saveScreenshot(page, 'report-task-phone.png');
      // collapsed and opened again by its header
      await toggle.tap();
      expect(await card(page, target.planItem.id).getAttribute('data-expanded')).toBe('false');
      expect(await card(page, target.planItem.id).locator('[data-testid="report-field"]').count()).toBe(0);
      await toggle.tap();
      expect(await card(page, target.planItem.id).getAttribute('data-expanded')).toBe('true');
      // "next task": the one after it not filled yet
      const next = page.locator('[data-testid="next-task"]');
      expect(await next.textContent()).toContain(lead[30]);
      await next.tap();
      const after = report.items.find((i) => i.planItem.code === lead[30])!;
      await expect.poll(() => card(page, after.planItem.id).getAttribute('data-expanded')).toBe('true');
      await expect
        .poll(() => onScreen(page, card(page, after.planItem.id).locator('[data-testid="task-toggle"]')))
        .toBe(true);
      // the filter: co-operating tasks only, under their heading
      await page.locator('[data-testid="task-filter"]').getByText('Phối hợp', { exact: false }).tap();
      await expect.poll(() => page.locator('[data-testid="report-task"]').count()).toBe(15 + 1); // + the open one
      await page.locator('[data-testid="task-filter"]').getByText('Tất cả', { exact: false }).tap();
      await expect.poll(() => page.locator('[data-testid="report-task"]').count()).toBe(50);
    } finally {
      await context.close();
    }
    problems.expectNone('page errors or console errors');
  });

  test('is filled from signing in to submitted without scrolling through it', async () => {
    const [context, page, problems] = await phone();
    const done: { kind: 'tap' | 'entry' | 'scroll'; what: string; characters: number }[] = [];
    const reach = async (target: Locator, what: string) => {
      if (!(await onScreen(page, target))) {
        done.push({ kind: 'scroll', what: `cuộn tới ${what}`, characters: 0 });
        await target.scrollIntoViewIfNeeded();
      }
    };
    const tap = async (target: Locator, what: string) => {
      await reach(target, what);
      await target.tap();
      done.push({ kind: 'tap', what, characters: 0 });
    };
    const enter = async (target: Locator, text: string, what: string) => {
      await reach(target, what);
      await target.tap();
      await target.fill(text);
      done.push({ kind: 'entry', what, characters: text.length });
    };
    const started = performance.now();
    try {
      await page.goto('/');
      await enter(page.locator(SIGN_IN_FORM.username), OFFICER, 'tên đăng nhập');
      await enter(page.locator(SIGN_IN_FORM.password), DEMO_PASSWORD, 'mật khẩu');
      // from now on: before signing in, /api/auth/me answering 401 is expected
      problems.watch(page, { console: ['error'] });
      await tap(page.locator(SIGN_IN_FORM.submit), 'Đăng nhập');
      await page.waitForURL(/\/viec-cua-toi/);
      await tap(page.locator(`[data-testid="inbox-item"][data-report="${reportId}"]`), 'mở báo cáo');
      await page.locator('[data-testid="report-page"]').waitFor();

      const report = (await (await context.request.get(`/api/reports/${reportId}`)).json()) as TReport;
      const ordered = [
        ...report.items.filter((i) => i.role === 'lead'),
        ...report.items.filter((i) => i.role !== 'lead'),
      ];
      // the first task is open, below the index: "next task" brings it up
      await tap(page.locator('[data-testid="next-task"]'), 'Nhiệm vụ tiếp theo');
      const field = (id: string, key: string) =>
        card(page, id).locator(`[data-testid="report-field"][data-field="items.${id}.${key}"]`);
      for (const [i, item] of ordered.entries()) {
        const id = item.planItem.id;
        await expect.poll(() => card(page, id).getAttribute('data-expanded')).toBe('true');
        if (i % 5 === 0) {
          await enter(
            field(id, 'progress').locator('input[data-testid="progress-input"]'),
            String(Math.min(100, item.carriedProgress + 15)),
            `tiến độ ${item.planItem.code}`,
          );
        }
        await enter(field(id, 'results').locator('textarea'), results(i), `kết quả ${item.planItem.code}`);
        if (item.carriedObstacles) {
          await tap(field(id, 'obstacles').locator('[data-testid="reuse-suggestion"]'), 'Dùng lại vướng mắc');
        }
        if (i < ordered.length - 1) {
          await tap(page.locator('[data-testid="next-task"]'), 'Nhiệm vụ tiếp theo');
        }
      }
      const index = page.locator('[data-testid="task-index"]');
      expect(
        new Set(
          await index
            .locator('[data-testid="task-index-item"]')
            .evaluateAll((els) => els.map((e) => e.getAttribute('data-state'))),
        ),
      ).toEqual(new Set(['filled', 'carried']));

      // sending: the dialog names the tasks whose progress is still last period's, and keeps it
      const submitted = page.waitForResponse(
        (r) => r.url().endsWith(`/api/reports/${reportId}/submit`) && r.request().method() === 'POST',
      );
      await tap(page.locator('[data-testid="action-submit"]'), 'Gửi báo cáo');
      const warning = page.locator('[data-testid="unconfirmed-progress"]');
      await warning.waitFor();
      expect(await warning.textContent()).toContain(ordered[1]!.planItem.code);
      await saveScreenshot(page, 'report-unconfirmed-phone.png');
      expect(await page.locator('[data-testid="confirm-ok"]').textContent()).toContain(
        'Giữ nguyên tiến độ kỳ trước',
      );
      await tap(page.locator('[data-testid="confirm-ok"]'), 'giữ nguyên tiến độ và gửi');
      expect((await submitted).status()).toBe(200);
      await expect
        .poll(() => page.locator('[data-testid="report-page"]').getAttribute('data-status'))
        .toBe('submitted');
    } finally {
      await context.close();
    }
    const scriptSeconds = (performance.now() - started) / 1000;
    problems.expectNone('page errors or console errors');

    // saved as typed; the kept progress is last period's, the changed one what was entered
    const api = await signIn(server!.baseUrl, 'secretariat');
    const saved = await expectOk<TReport>(api, 'GET', `/reports/${reportId}`);
    const ordered = [
      ...saved.items.filter((i) => i.role === 'lead'),
      ...saved.items.filter((i) => i.role !== 'lead'),
    ];
    expect(saved.status).toBe('submitted');
    for (const [i, item] of ordered.entries()) {
      expect(item.results).toBe(results(i));
      expect(item.progress).toBe(
        i % 5 === 0 ? Math.min(100, item.carriedProgress + 15) : item.carriedProgress,
      );
    }
    expect(ordered[0]!.obstacles).toBe(OBSTACLE);

    const count = (kind: string) => done.filter((d) => d.kind === kind).length;
    const characters = done.reduce((sum, d) => sum + d.characters, 0);
    const officerSeconds =
      (count('tap') + count('entry')) * SECONDS.tap +
      count('entry') * SECONDS.think +
      count('scroll') * SECONDS.scroll +
      characters * SECONDS.character +
      scriptSeconds;
    console.log(
      `phone report, 50 tasks: ${done.length} interactions (${count('tap')} taps, ${count('entry')} field entries, ` +
        `${count('scroll')} scrolls), ${characters} characters typed; estimated ${Math.round(officerSeconds)} s ` +
        `(${(officerSeconds / 60).toFixed(1)} min) for the officer (the script took ${scriptSeconds.toFixed(1)} s)`,
    );
    console.log(
      `scrolls: ${
        done
          .filter((d) => d.kind === 'scroll')
          .map((d) => d.what)
          .join('; ') || 'none'
      }`,
    );
    // per task at most: results, a progress change, "next task"; plus sign-in, opening, sending
    expect(done.length).toBeLessThanOrEqual(3 + 1 + 50 * 2 + 10 + 1 + 2 + 1);
    expect(count('scroll')).toBe(0);
  });
});
