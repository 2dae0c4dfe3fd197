/**
 * Accessibility: axe-core (WCAG 2.1 A and AA) on every main page, as the role that uses it, on a
 * desktop and, for the pages officers open on their phones, at 360 px. A serious or critical
 * finding fails the test, naming the rule, the element and axe's advice. The indicator and report
 * pages must also fit a 360-px screen (no sideways scrolling).
 *
 * Runs on its own server and database: it opens a round of the demo plan and fills a report, which
 * the other browser tests must not see.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TOTP } from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { TReport } from '../common/contracts/reports';
import { expectOk, findReportId, findUnitByCode, signIn } from './api-client';
import { type AxeFinding, countByRule, describeBlocking, runAxe, scrollWidth } from './axe';
import {
  DESKTOP,
  launchChromium,
  openPage,
  PHONE,
  saveScreenshot,
  settle,
  signInContext,
  TOUCH,
  type Viewport,
} from './browser';
import { createTestLocation, type DataLocation, ROOT, type RunningServer, startServer } from './server';

const OFFICER = 'truongvinh.canbo';
const WARD_CODE = '16690';
/** What still loads: axe waits until none of it is on the page. */
const LOADING = '.ant-spin-spinning, .ant-skeleton-active, [data-loading]';

let location: DataLocation;
let server: RunningServer | null = null;
let browser: Browser;
let webCopy = '';
/** what the setup made: ids of the pages to visit */
const ids = { planId: '', taskId: '', wardId: '', roundId: '', reportId: '', indicatorId: '' };
/** page errors and failed asset loads seen so far */
const trouble: string[] = [];
/** the serious and critical findings of the pages the test checked so far, one line each */
let found: string[] = [];
/** every page's findings, for the summary printed at the end */
const seen = new Map<string, AxeFinding[]>();

/**
 * Through the API: a round of the demo plan for November 2026, and the ward's report in it with a
 * progress and results entered for its first task (so the report shows its progress bars filled).
 */
async function prepare(baseUrl: string) {
  const secretariat = await signIn(baseUrl, 'secretariat');
  const plans = await expectOk<{ items: { id: string; number: string }[] }>(secretariat, 'GET', '/plans');
  ids.planId = plans.items[0]!.id;
  ids.wardId = (await findUnitByCode(secretariat, WARD_CODE)).id;
  const round = await expectOk<{ id: string }>(secretariat, 'POST', '/rounds', {
    planId: ids.planId,
    period: '2026M11',
  });
  ids.roundId = round.id;
  ids.reportId = await findReportId(secretariat, round.id, ids.wardId);
  const indicators = await expectOk<{ items: { id: string; code: string }[] }>(
    secretariat,
    'GET',
    '/indicators?q=HS.DUNGHAN_TYLE',
  );
  ids.indicatorId = indicators.items.find((i) => i.code === 'HS.DUNGHAN_TYLE')!.id;

  const officer = await signIn(baseUrl, OFFICER);
  const report = await expectOk<TReport>(officer, 'GET', `/reports/${ids.reportId}`);
  const first = report.items[0]!;
  ids.taskId = first.planItem.id;
  await expectOk(officer, 'PATCH', `/reports/${ids.reportId}`, {
    version: report.version,
    general: { summary: 'Tình hình tháng 11' },
    items: [{ planItemId: first.planItem.id, progress: 45, results: 'Đã triển khai theo kế hoạch.' }],
  });
}

beforeAll(async () => {
  location = await createTestLocation('a11y');
  // a copy of the web build: other browser runs on this machine may rebuild web/dist meanwhile,
  // and the pages would then ask for scripts that are gone
  webCopy = fs.mkdtempSync(path.join(os.tmpdir(), 'lotrinh-a11y-web-'));
  fs.cpSync(path.join(ROOT, 'web/dist'), webCopy, { recursive: true });
  server = await startServer({ launcher: 'node-tsx', env: { ...location.env, WEB_DIST_DIR: webCopy } });
  await prepare(server.baseUrl);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  if (seen.size > 0) {
    // the counts per page and rule, blocking or not: what the next change is measured against
    const total: Record<string, number> = {};
    const lines = [...seen].map(([where, findings]) => {
      countByRule(findings, total);
      const counts = Object.entries(countByRule(findings)).map(([k, n]) => `${k} ×${n}`);
      return `  ${where}: ${counts.join(', ') || 'none'}`;
    });
    console.log(
      `axe-core findings (elements per rule/impact):\n${lines.join('\n')}\n  total: ${JSON.stringify(total)}`,
    );
  }
  await browser?.close();
  await server?.stop();
  await location?.dispose();
  if (webCopy) fs.rmSync(webCopy, { recursive: true, force: true });
});

async function newContext(viewport: Viewport): Promise<[BrowserContext, Page]> {
  const [context, page] = await openPage(browser, {
    baseUrl: server!.baseUrl,
    viewport,
    ...(viewport.width < 600 ? TOUCH : {}),
    navigationTimeout: 60_000,
  });
  // what went wrong when a page never shows its content, for the failure message
  page.on('pageerror', (error) => trouble.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().includes('/api/'))
      trouble.push(`${response.status()} ${response.url()}`);
  });
  return [context, page];
}

/** The administrator must enrol a second factor before any page: done here as a first sign-in would. */
async function signInAdmin(context: BrowserContext) {
  const { csrfToken } = await signInContext(context, 'admin');
  const headers = { 'x-csrf-token': csrfToken };
  const setup = await context.request.post('/api/auth/totp/setup', { data: {}, headers });
  if (!setup.ok()) throw new Error(`TOTP setup → ${setup.status()}: ${await setup.text()}`);
  const { secret } = (await setup.json()) as { secret: string };
  const confirm = await context.request.post('/api/auth/totp/confirm', {
    data: { code: new TOTP({ secret }).generate() },
    headers,
  });
  if (!confirm.ok()) throw new Error(`TOTP confirm → ${confirm.status()}: ${await confirm.text()}`);
}

/**
 * Waits until the page shows `ready`, its requests are done and no spinner turns, then checks it:
 * its serious and critical findings go to `found`.
 */
async function check(page: Page, where: string, ready: string) {
  await page
    .locator(ready)
    .first()
    .waitFor()
    .catch(async (error: Error) => {
      await page.screenshot({
        path: path.join(os.tmpdir(), `a11y-not-ready-${where.replace(/\W+/g, '-')}.png`),
      });
      throw new Error(`${where} did not show ${ready}: ${error.message}\n${trouble.join('\n')}`);
    });
  await settle(page, LOADING);
  const findings = await runAxe(page);
  seen.set(where, findings);
  found.push(...describeBlocking(where, findings));
}

/** Opens `url` and checks it; with `shot`, saves a screenshot of it to docs/screens/ as well. */
async function visit(page: Page, where: string, url: string, ready: string, shot?: string) {
  await page.goto(url);
  await check(page, where, ready);
  if (shot) await saveScreenshot(page, shot);
}

/** Opens the notification panel from the bell in the header and checks the page with it open. */
async function checkNotifications(page: Page, where: string) {
  await page.locator('[data-testid="notification-bell"]').click();
  await check(page, where, '[data-testid="notification-panel"]');
  await page.keyboard.press('Escape');
}

afterEach(() => {
  const blocking = found;
  found = [];
  expect(blocking, `serious or critical accessibility findings:\n${blocking.join('\n')}`).toEqual([]);
});

describe('accessibility (axe-core, WCAG 2.1 AA): no serious or critical finding', () => {
  test('the sign-in page, on a desktop and a phone', async () => {
    for (const [viewport, label] of [
      [DESKTOP, 'sign-in'],
      [PHONE, 'sign-in 360'],
    ] as const) {
      const [context, page] = await newContext(viewport);
      try {
        await visit(page, label, '/dang-nhap', '[data-testid="login-form"]');
      } finally {
        await context.close();
      }
    }
  });

  test('the secretariat’s pages: plan, tasks, a task, units, indicators, rounds, history, synonyms, password, notifications', async () => {
    const [context, page] = await newContext(DESKTOP);
    try {
      await signInContext(context, 'secretariat');
      const { planId, taskId, wardId, roundId, indicatorId } = ids;
      await visit(
        page,
        'home (dashboard /dieu-hanh)',
        '/',
        '[data-testid="dashboard-indicators"] .lt-dash-tile',
      );
      await visit(
        page,
        'plan tree',
        `/plans/${planId}`,
        '[data-testid="plan-tree"] tr, [data-testid="plan-tree"] [role="treeitem"]',
        'a11y-plan-tree.png',
      );
      await visit(page, 'tasks', `/plans/${planId}/tasks`, '[data-testid="task-table"] tr.ant-table-row');
      await visit(page, 'task detail', `/items/${taskId}`, '[data-testid="item-detail"]');
      await visit(page, 'task form', `/items/${taskId}/edit`, '[data-testid="item-form"] form');
      await visit(
        page,
        'org units',
        '/org-units',
        '[data-testid="org-unit-tree"] .ant-tree-title',
        'a11y-org-units.png',
      );
      await visit(page, 'indicators', '/chi-tieu', '[data-testid="indicator-table"] tr.ant-table-row');
      await visit(
        page,
        'indicator',
        `/chi-tieu/${indicatorId}?orgUnitId=${wardId}`,
        '[data-testid="indicator-series"]',
      );
      await visit(page, 'rounds', '/dot-bao-cao', '[data-testid="round-table"] tr.ant-table-row');
      await visit(page, 'commune map', '/ban-do', '.lt-map-canvas[data-regions="130"]');
      await visit(page, 'round', `/dot-bao-cao/${roundId}`, '[data-testid="round-reports"] tr.ant-table-row');
      await visit(
        page,
        'report history',
        `/dot-bao-cao/don-vi/${wardId}`,
        '[data-testid="report-history-items"]',
      );
      await visit(page, 'unit overview', `/don-vi/${wardId}`, '[data-testid="unit-tasks"]');
      await visit(page, 'search synonyms', '/tu-dong-nghia', '[data-testid="synonym-table"]');
      await visit(page, 'scorecards', '/bang-diem', '[data-testid="scorecards-table"] tr.ant-table-row');
      await visit(page, 'change password', '/doi-mat-khau', '[data-testid="change-password-form"]');
      await checkNotifications(page, 'notifications (secretariat)');
    } finally {
      await context.close();
    }
  });

  test('the officer’s pages: inbox, data entry, the report, notifications — on a desktop', async () => {
    const [context, page] = await newContext(DESKTOP);
    try {
      await signInContext(context, OFFICER);
      await visit(page, 'inbox', '/viec-cua-toi', '[data-testid="inbox-page"] [data-testid^="inbox-list-"]');
      await visit(page, 'data entry', '/nhap-so-lieu', '[data-testid="entry-grid"] tr[data-code]');
      await visit(page, 'report', `/bao-cao/${ids.reportId}`, '[data-testid="report-page"]');
      await checkNotifications(page, 'notifications (officer)');
    } finally {
      await context.close();
    }
  });

  test('on a 360-px phone: the officer’s report and inbox, and an indicator’s page, fit the screen', async () => {
    const [context, page] = await newContext(PHONE);
    try {
      await signInContext(context, OFFICER);
      await visit(
        page,
        'inbox 360',
        '/viec-cua-toi',
        '[data-testid="inbox-page"] [data-testid^="inbox-list-"]',
      );
      await visit(
        page,
        'report 360',
        `/bao-cao/${ids.reportId}`,
        '[data-testid="report-page"]',
        'a11y-report-360.png',
      );
      expect(await scrollWidth(page), 'the report is no wider than the phone').toBeLessThanOrEqual(
        PHONE.width,
      );
      await visit(
        page,
        'indicator 360',
        `/chi-tieu/${ids.indicatorId}?orgUnitId=${ids.wardId}`,
        '[data-testid="indicator-series"]',
      );
      expect(await scrollWidth(page), 'the indicator page is no wider than the phone').toBeLessThanOrEqual(
        PHONE.width,
      );
      await saveScreenshot(page, 'a11y-indicator-360.png');
    } finally {
      await context.close();
    }
  });

  test('the auditor’s system log, the administrator’s two-step setup and users', async () => {
    {
      const [context, page] = await newContext(DESKTOP);
      try {
        await signInContext(context, 'auditor');
        await visit(page, 'audit log', '/nhat-ky', '[data-testid="audit-table"]');
      } finally {
        await context.close();
      }
    }
    {
      const [context, page] = await newContext(DESKTOP);
      try {
        // first the two-step setup the administrator is held on, with its secret shown
        await signInContext(context, 'admin');
        await visit(page, 'two-step setup', '/xac-thuc-hai-buoc', '[data-testid="totp-secret"]');
        await signInAdmin(context);
        await visit(page, 'users', '/nguoi-dung', '[data-testid="users-table"] tr.ant-table-row');
      } finally {
        await context.close();
      }
    }
  });
});
