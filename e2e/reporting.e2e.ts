/**
 * A reporting round in the browser, end to end, against the real server with the demo data:
 * the secretariat opens a round; the ward officer opens the report from "Việc của tôi", fills a
 * task and indicator values (typed and pasted from Excel), waits for the autosave and submits; the
 * head approves; the secretariat returns it with a reason and a comment pinned to a field; the
 * officer sees both, corrects and resubmits; the head signs the corrected report again, seeing what
 * changed; the secretariat sees the difference and accepts; the
 * report is locked; the secretariat closes the round, reopens it with a reason, and opens the unit's
 * reporting record across rounds. The officer learns of the return from the notification bell.
 * Everyone signs in through the form. Saves screenshots to docs/screens/.
 */
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import type { TReport } from '../common/contracts/reports';
import {
  DESKTOP,
  launchChromium,
  openPage,
  PageProblems,
  PHONE,
  pasteInto,
  saveScreenshot,
  signInAt,
  type Viewport,
} from './browser';

const baseUrl = inject('baseUrl');
/** Periods tried in turn: the first without a round yet (another test may have opened one). */
const PERIODS = [
  'Tháng 10/2026',
  'Tháng 9/2026',
  'Tháng 8/2026',
  'Tháng 7/2026',
  'Tháng 6/2026',
  'Tháng 5/2026',
];
/** The ward Trường Vinh reports in the demo; a department that leads tasks is the fallback. */
const UNITS = [
  { search: 'Trường Vinh', code: '16690', officer: 'truongvinh.canbo', head: 'truongvinh.lanhdao' },
  { search: 'Khoa học và Công nghệ', code: '40.SKHCN', officer: 'skhcn.canbo', head: 'skhcn.lanhdao' },
];
const SECRETARIAT = 'secretariat';
const REASON = 'Bổ sung kết quả cụ thể: nêu rõ số thôn, tổ dân phố đã triển khai.';
const COMMENT = 'Nêu rõ tên các tổ dân phố đã triển khai.';
const RESULTS = 'Đã triển khai phản ánh hiện trường tại 5 tổ dân phố; 1.240 lượt người dân sử dụng.';
const SUMMARY = 'Tình hình chung do một cán bộ khác nhập ở thẻ khác.';
const PROPOSAL = 'Đề nghị tỉnh hỗ trợ kinh phí tập huấn cho tổ công nghệ số cộng đồng.';
const CORRECTED = `${RESULTS} Các tổ dân phố: Yên Duệ, Trung Thuận, Phong Quang, Tân Lộc, Đông Lâm.`;

let browser: Browser;
const problems = new PageProblems();
/** failures a test provokes on purpose (a 409, a dropped connection): the browser logs them */
let provoked: RegExp[] = [];

let roundId = '';
let reportId = '';
let unit = UNITS[0]!;
/** the first task of the report, and its results field */
let taskId = '';
let resultsField = '';

/** Page errors, console errors and warnings (but the provoked ones) and 5xx answers count as problems. */
function watch(p: Page) {
  problems.watch(p, {
    console: ['error', 'warning'],
    provoked: (text) => provoked.some((pattern) => pattern.test(text)),
  });
}

function newContext(viewport: Viewport): Promise<[BrowserContext, Page]> {
  return openPage(browser, { baseUrl, viewport, navigationTimeout: 60_000 });
}

/** A 360-px phone signed in as the user of `context` (its cookies), watched like the first page. */
async function phoneLike(context: BrowserContext): Promise<[BrowserContext, Page]> {
  const [phoneContext, phone] = await newContext(PHONE);
  await phoneContext.addCookies(await context.cookies());
  watch(phone);
  return [phoneContext, phone];
}

/**
 * Opens `target` signed out, signs in through the form and lands back there (or, from "/", on the
 * user's landing page), watched from the sign-in on.
 */
function signInWatchedAt(page: Page, target: string, username: string) {
  return signInAt(page, target, username, () => watch(page));
}

/** Messages ("Đã gửi báo cáo.") fade out before a screenshot. */
async function messagesGone(p: Page) {
  await p
    .locator('.ant-message-notice')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => {});
}

/** Searches the round's table for a unit and waits for the rows found. */
async function searchRound(p: Page, search: string) {
  await p
    .locator('[data-testid="round-search"] input, input[data-testid="round-search"]')
    .first()
    .fill(search);
  await p.waitForURL((url) => url.searchParams.get('q') === search);
  await p.locator('[data-testid="round-reports"] .ant-spin-spinning').waitFor({ state: 'detached' });
}

const reportPage = (p: Page) => p.locator('[data-testid="report-page"]');
const field = (p: Page, key: string) => p.locator(`[data-testid="report-field"][data-field="${key}"]`);
const saveStatus = (p: Page) => p.locator('[data-testid="save-status"]');

async function reportOverApi(p: Page): Promise<TReport> {
  const response = await p.context().request.get(`/api/reports/${reportId}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as TReport;
}

/** Clicks a workflow button, confirms when asked, and waits for the report to reach `status`. */
async function act(p: Page, action: string, status: string) {
  const answered = p.waitForResponse(
    (r) => r.url().endsWith(`/api/reports/${reportId}/${action}`) && r.request().method() === 'POST',
  );
  await p.locator(`[data-testid="action-${action}"]`).click();
  if (action === 'submit' || action === 'approve' || action === 'accept') {
    await p.locator('[data-testid="confirm-ok"]').click();
  }
  const response = await answered;
  expect(response.status()).toBe(200);
  expect(response.request().headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  await expect.poll(() => reportPage(p).getAttribute('data-status')).toBe(status);
}

/** Opens the report from the inbox list `tab`. */
async function openFromInbox(p: Page, tab: string) {
  await p.locator(`[data-testid="inbox-tab-${tab}"]`).click();
  const item = p.locator(
    `[data-testid="inbox-list-${tab}"] [data-testid="inbox-item"][data-report="${reportId}"]`,
  );
  await item.waitFor();
  await item.click();
  await p.waitForURL(new RegExp(`/bao-cao/${reportId}$`));
  await reportPage(p).waitFor();
}

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

afterEach(() => {
  provoked = [];
  problems.expectNone('page errors, console errors or warnings, or 5xx API answers');
});

describe('a reporting round in the browser', () => {
  test('the secretariat opens a round for the demo plan, for a period whose cut-off has passed', async () => {
    const [context, page] = await newContext(DESKTOP);
    try {
      await signInWatchedAt(page, '/dot-bao-cao', SECRETARIAT);
      await page.locator('[data-testid="rounds-page"]').waitFor();
      await page.locator('[data-testid="round-open"]').click();
      const modal = page.locator('[data-testid="round-open-modal"]');
      await modal.waitFor();
      await expect
        .poll(() => modal.locator('[data-testid="round-plan"]').textContent())
        .toContain('328-KH/TU');
      await modal.locator('[data-testid="round-period"]').click();
      const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
      await dropdown.locator('.ant-select-item-option').first().waitFor();
      // an option titled exactly with the period's name has no round yet ("… (đã có đợt)" otherwise)
      let chosen = '';
      for (const label of PERIODS) {
        const option = dropdown.locator(`.ant-select-item-option[title="${label}"]`);
        if (
          await option.waitFor({ timeout: 2_000 }).then(
            () => true,
            () => false,
          )
        ) {
          await option.click();
          chosen = label;
          break;
        }
      }
      if (!chosen) await page.screenshot({ path: path.join(os.tmpdir(), 'reporting-no-period.png') });
      expect(chosen, 'a month without a round').not.toBe('');
      expect(await modal.textContent()).toMatch(/Chốt số liệu: \d{2}\/\d{2}\/\d{4} – \d{2}\/\d{2}\/\d{4}/);
      const opened = page.waitForResponse(
        (r) => r.url().endsWith('/api/rounds') && r.request().method() === 'POST',
      );
      await page.locator('[data-testid="round-open-submit"]').click();
      // a past month is already overdue: the dialog asks once more, and the walk opens it anyway
      await page.locator('[data-testid="round-past-due-confirm"]').click();
      expect((await opened).status()).toBe(201);
      await page.waitForURL(/\/dot-bao-cao\/[0-9a-f-]{36}$/);
      roundId = page.url().split('/').at(-1)!;
      const header = page.locator('[data-testid="round-header"]');
      await header.waitFor();
      expect(await header.textContent()).toContain(chosen.toLowerCase());
      const expected = Number(
        await page.locator('[data-testid="round-count-expected"] .lt-round-count-value').textContent(),
      );
      expect(expected).toBeGreaterThan(0);

      // the unit whose officer reports in this walk: the ward, else a department
      for (const candidate of UNITS) {
        await searchRound(page, candidate.search);
        const row = page.locator(`[data-testid="round-reports"] tr[data-unit="${candidate.code}"]`);
        if ((await row.count()) === 1) {
          unit = candidate;
          const href = await row.locator('[data-testid="round-report-link"]').getAttribute('href');
          reportId = href!.split('/').at(-1)!;
          break;
        }
      }
      expect(reportId, 'the demo officer has a report in the round').toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await context.close();
    }
  });

  test('the officer opens it from the inbox, fills a task and indicator values, and submits', async () => {
    const [context, page] = await newContext(DESKTOP);
    try {
      await signInWatchedAt(page, '/', unit.officer);
      // officers start from their work
      await page.waitForURL(/\/viec-cua-toi/);
      const tab = page.locator('[data-testid="inbox-tab-toFill"]');
      await expect.poll(async () => Number(await tab.getAttribute('data-count'))).toBeGreaterThan(0);
      // the badge is drawn with the header's lazily loaded menu chunk: a moment after the page
      await expect.poll(() => page.locator('[data-testid="nav-inbox"] .ant-badge').count()).toBe(1);
      await page.locator(`[data-testid="inbox-item"][data-report="${reportId}"]`).waitFor();
      await page.waitForLoadState('networkidle');
      await saveScreenshot(page, 'inbox.png');
      await openFromInbox(page, 'toFill');

      const report = await reportOverApi(page);
      expect(report.actions).toEqual(['save', 'submit']);
      taskId = report.items[0]!.planItem.id;
      resultsField = `items.${taskId}.results`;
      const header = page.locator('[data-testid="report-header"]');
      expect(await header.textContent()).toContain(report.orgUnit.name);
      expect(await header.locator('[data-testid="report-status"]').textContent()).toBe('Đang soạn');

      // a task: progress and results; the autosave follows
      await field(page, `items.${taskId}.progress`).locator('input[data-testid="progress-input"]').fill('60');
      await field(page, resultsField).locator('textarea').fill(RESULTS);
      await field(page, `items.${taskId}.obstacles`)
        .locator('textarea')
        .fill('Một số hộ dân chưa quen dùng ứng dụng trên điện thoại.');

      // indicator values: one typed, two pasted from Excel (figures any of them accepts)
      const rows = page.locator('[data-testid="report-indicators"] tr[data-code]');
      // the indicator grid loads after the page (its own chunk)
      await expect.poll(() => rows.count()).toBe(report.indicatorCodes.length);
      const codes = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-code')!));
      expect(codes.length).toBeGreaterThanOrEqual(3);
      const value = (code: string) =>
        page.locator(
          `[data-testid="report-indicators"] tr[data-code="${code}"] input[data-entry-col="value"]`,
        );
      await pasteInto(
        value(codes[1]!),
        '45\tTổng hợp từ bộ phận một cửa\r\n38\tSố liệu tạm tính, còn thiếu hồ sơ\r\n',
      );
      await expect.poll(() => value(codes[1]!).inputValue()).toBe('45');
      expect(await value(codes[2]!).inputValue()).toBe('38');
      await value(codes[0]!).fill('96');
      // Tab goes to the comment (a value off its target needs one)
      await value(codes[0]!).press('Tab');
      await page.keyboard.type('Theo báo cáo của các tổ dân phố');

      await expect
        .poll(() => saveStatus(page).getAttribute('data-status'), { timeout: 20_000 })
        .toBe('saved');
      expect(await saveStatus(page).textContent()).toMatch(/Đã lưu lúc \d{2}:\d{2}/);
      const saved = await reportOverApi(page);
      expect(saved.items[0]).toMatchObject({ progress: 60, results: RESULTS });
      expect(saved.version).toBeGreaterThan(report.version);
      const sheet = (await (
        await context.request.get(
          `/api/data-values?orgUnitId=${report.orgUnit.id}&period=${report.round.period}`,
        )
      ).json()) as { rows: { indicator: { code: string }; value: number | null; comment: string | null }[] };
      const values = Object.fromEntries(sheet.rows.map((r) => [r.indicator.code, r]));
      expect(codes.slice(0, 3).map((code) => values[code]?.value)).toEqual([96, 45, 38]);
      expect(values[codes[1]!]?.comment).toBe('Tổng hợp từ bộ phận một cửa');

      // someone saves the report meanwhile (another tab): the next autosave is refused with 409,
      // nothing is overwritten, and the officer chooses to keep both
      const me = (await (await context.request.get('/api/auth/me')).json()) as { csrfToken: string };
      const other = await context.request.patch(`/api/reports/${reportId}`, {
        data: { version: saved.version, general: { summary: SUMMARY } },
        headers: { 'x-csrf-token': me.csrfToken },
      });
      expect(other.status()).toBe(200);
      provoked.push(/status of 409/);
      const proposals = field(page, `items.${taskId}.proposals`).locator('textarea');
      await proposals.fill(PROPOSAL);
      const conflict = page.locator('[data-testid="save-conflict"]');
      await conflict.waitFor();
      expect(await conflict.textContent()).toContain('Kiến nghị, đề xuất');
      expect(await saveStatus(page).getAttribute('data-status')).toBe('conflict');
      expect((await reportOverApi(page)).general.summary).toBe(SUMMARY);
      await page.locator('[data-testid="conflict-keep"]').click();
      await page.locator('.ant-modal-confirm .ant-btn-primary').click();
      await expect
        .poll(() => saveStatus(page).getAttribute('data-status'), { timeout: 20_000 })
        .toBe('saved');
      const merged = await reportOverApi(page);
      expect(merged.general.summary).toBe(SUMMARY);
      expect(merged.items[0]!.proposals).toBe(PROPOSAL);
      expect(await field(page, 'general.summary').locator('textarea').inputValue()).toBe(SUMMARY);

      // the connection drops while typing: the text stays, marked unsaved, and is saved once back
      provoked.push(/ERR_INTERNET_DISCONNECTED|Failed to fetch/);
      await context.setOffline(true);
      await proposals.fill(`${PROPOSAL} Dự kiến 3 lớp.`);
      await page.locator('[data-testid="save-failed"]').waitFor({ timeout: 20_000 });
      expect(await saveStatus(page).getAttribute('data-status')).toBe('transient');
      expect(await proposals.inputValue()).toBe(`${PROPOSAL} Dự kiến 3 lớp.`);
      await context.setOffline(false);
      await expect
        .poll(() => saveStatus(page).getAttribute('data-status'), { timeout: 40_000 })
        .toBe('saved');
      expect((await reportOverApi(page)).items[0]!.proposals).toBe(`${PROPOSAL} Dự kiến 3 lớp.`);

      // an evidence file for the task: stored, listed, downloadable
      const evidence = field(page, `items.${taskId}.evidence`);
      await evidence.locator('[data-testid="evidence-input"]').setInputFiles({
        name: 'Biên bản triển khai.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(
          '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
        ),
      });
      const file = evidence.locator('[data-testid="evidence-file"] a');
      await file.waitFor();
      expect(await file.textContent()).toBe('Biên bản triển khai.pdf');
      const downloaded = await context.request.get((await file.getAttribute('href'))!);
      expect(downloaded.status()).toBe(200);
      expect(downloaded.headers()['content-type']).toBe('application/pdf');
      // the file moved the report to a new version: typing still saves, without a conflict
      await field(page, `items.${taskId}.obstacles`).locator('textarea').press('End');
      await page.keyboard.type(' Đã hướng dẫn tại nhà văn hóa.');
      await expect
        .poll(() => saveStatus(page).getAttribute('data-status'), { timeout: 20_000 })
        .toBe('saved');
      expect((await reportOverApi(page)).items[0]!.obstacles).toContain('Đã hướng dẫn tại nhà văn hóa.');

      await page.evaluate(() => window.scrollTo(0, 0));
      await messagesGone(page);
      await saveScreenshot(page, 'report-officer.png');

      // the same report on a 360-px phone: one column, the action bar at the bottom of the screen
      const [phoneContext, phone] = await phoneLike(context);
      try {
        await phone.goto(`/bao-cao/${reportId}`);
        await field(phone, resultsField).locator('textarea').waitFor();
        expect(await field(phone, resultsField).locator('textarea').inputValue()).toBe(RESULTS);
        await phone.waitForLoadState('networkidle');
        expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
        expect(await phone.locator('[data-testid="notification-bell"]').isVisible()).toBe(true);
        const bar = await phone.locator('[data-testid="report-actionbar"]').boundingBox();
        expect(bar!.y + bar!.height).toBeGreaterThan(780 - 4);
        expect(bar!.y + bar!.height).toBeLessThanOrEqual(780 + 1);
        const area = await field(phone, resultsField).locator('textarea').boundingBox();
        expect(area!.width).toBeGreaterThan(250);
        await saveScreenshot(phone, 'report-officer-360.png');
      } finally {
        await phoneContext.close();
      }

      await act(page, 'submit', 'submitted');
      expect(await page.locator('[data-testid="report-status"]').textContent()).toBe('Chờ lãnh đạo duyệt');
      // nothing to edit any more
      expect(await page.locator(`[data-field="${resultsField}"] textarea`).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  test('the head approves it from the inbox', async () => {
    const [context, page] = await newContext(DESKTOP);
    try {
      await signInWatchedAt(page, '/', unit.head);
      await page.waitForURL(/\/viec-cua-toi/);
      await openFromInbox(page, 'toApprove');
      expect(await field(page, resultsField).textContent()).toContain(RESULTS);
      expect(await page.locator('[data-testid="action-return"]').count()).toBe(1);
      await page.waitForLoadState('networkidle');
      await saveScreenshot(page, 'report-head.png');
      await act(page, 'approve', 'approved');
    } finally {
      await context.close();
    }
  });

  test('the secretariat returns it with a reason and a comment on the results', async () => {
    const [context, page] = await newContext(DESKTOP);
    try {
      await signInWatchedAt(page, '/viec-cua-toi', SECRETARIAT);
      await openFromInbox(page, 'toReview');
      const results = field(page, resultsField);
      await results.locator('[data-testid="comment-button"]').click();
      await results.locator('[data-testid="comment-text"]').fill(COMMENT);
      await results.locator('[data-testid="comment-pin"]').click();
      expect(await results.locator('[data-testid="draft-comment"]').textContent()).toContain(COMMENT);

      await page.locator('[data-testid="action-return"]').click();
      const modal = page.locator('[data-testid="return-modal"]');
      await modal.waitFor();
      // the reason is required
      await page.locator('[data-testid="return-submit"]').click();
      await expect.poll(() => modal.locator('.ant-form-item-explain-error').count()).toBe(1);
      await modal.locator('[data-testid="return-reason"]').fill(REASON);
      expect(
        await modal
          .locator(`[data-testid="return-comments"] li[data-field="${resultsField}"] textarea`)
          .inputValue(),
      ).toBe(COMMENT);
      await saveScreenshot(page, 'report-return.png');
      const answered = page.waitForResponse((r) => r.url().endsWith(`/api/reports/${reportId}/return`));
      await page.locator('[data-testid="return-submit"]').click();
      const response = await answered;
      expect(response.status()).toBe(200);
      expect(response.request().postDataJSON()).toMatchObject({
        reason: REASON,
        comments: [{ field: resultsField, body: COMMENT }],
      });
      await expect.poll(() => reportPage(page).getAttribute('data-status')).toBe('returned');
    } finally {
      await context.close();
    }
  });

  test('the officer sees the reason and the comment, corrects and resubmits', async () => {
    const [context, page] = await newContext(DESKTOP);
    try {
      await signInWatchedAt(page, '/', unit.officer);
      await page.waitForURL(/\/viec-cua-toi/);
      // the bell counts the return (and any reminders); its notification opens the report, read
      const bell = page.locator('[data-testid="notification-bell"]');
      await expect.poll(async () => Number(await bell.getAttribute('data-unread'))).toBeGreaterThan(0);
      const unread = Number(await bell.getAttribute('data-unread'));
      expect(
        await page
          .locator('.ant-badge:has([data-testid="notification-bell"]) .ant-badge-count')
          .getAttribute('title'),
      ).toBe(String(unread));
      await bell.click();
      const notice = page.locator(
        `[data-testid="notification-panel"] [data-testid="notification-item"][data-kind="report.returned"][data-link="/bao-cao/${reportId}"]`,
      );
      await notice.first().waitFor();
      expect(await notice.first().textContent()).toContain(REASON.replace(/\.$/, ''));
      // the popover has finished appearing
      await page.locator('.lt-bell-popover:not([class*="-appear"])').waitFor();
      await page.waitForLoadState('networkidle');
      await saveScreenshot(page, 'notifications.png');
      await notice.first().click();
      await page.waitForURL(new RegExp(`/bao-cao/${reportId}$`));
      await reportPage(page).waitFor();
      await expect.poll(async () => Number(await bell.getAttribute('data-unread'))).toBe(unread - 1);
      const alert = page.locator('[data-testid="return-reason"]');
      expect(await alert.textContent()).toContain(REASON);
      const results = field(page, resultsField);
      expect(await results.locator('[data-testid="report-comment"]').textContent()).toContain(COMMENT);
      // sent at once, before the autosave: the step saves first, then sends from the new version
      await results.locator('textarea').fill(CORRECTED);
      // the corrected report goes to the head to sign again, even after a secretariat return
      await act(page, 'submit', 'submitted');
      expect((await reportOverApi(page)).items[0]!.results).toBe(CORRECTED);
    } finally {
      await context.close();
    }
  });

  test('the head signs the corrected report again, seeing what changed', async () => {
    const [context, page] = await newContext(DESKTOP);
    try {
      await signInWatchedAt(page, '/', unit.head);
      await page.waitForURL(/\/viec-cua-toi/);
      await openFromInbox(page, 'toApprove');
      const change = page.locator(
        `[data-testid="report-diff"] [data-testid="diff-item"][data-field="${resultsField}"]`,
      );
      expect(await change.locator('[data-testid="diff-after"]').textContent()).toContain('Yên Duệ');
      // the secretariat has nothing to take until the head signs
      expect(await page.locator('[data-testid="action-accept"]').count()).toBe(0);
      await act(page, 'approve', 'approved');
    } finally {
      await context.close();
    }
  });

  test('the secretariat sees what changed, accepts, and the report is locked', async () => {
    const [context, page] = await newContext(DESKTOP);
    try {
      await signInWatchedAt(page, '/viec-cua-toi', SECRETARIAT);
      await openFromInbox(page, 'toReview');
      const diff = page.locator('[data-testid="report-diff"]');
      await diff.waitFor();
      expect(await diff.textContent()).toContain('Những thay đổi so với bản bị trả lại');
      const change = diff.locator(`[data-testid="diff-item"][data-field="${resultsField}"]`);
      expect(await change.locator('[data-testid="diff-before"]').textContent()).toContain(RESULTS);
      expect(await change.locator('[data-testid="diff-after"]').textContent()).toContain('Yên Duệ');
      expect(await field(page, resultsField).getAttribute('data-changed')).toBe('true');
      await page.waitForLoadState('networkidle');
      await saveScreenshot(page, 'report-diff.png');

      await act(page, 'accept', 'accepted');
      expect(await page.locator('[data-testid="report-status"]').textContent()).toBe('Đã tiếp nhận');
      await page.locator('[data-testid="report-locked"]').waitFor();
      for (const action of ['submit', 'approve', 'accept', 'return']) {
        expect(await page.locator(`[data-testid="action-${action}"]`).count()).toBe(0);
      }
      expect(await page.locator('[data-testid="report-page"] textarea').count()).toBe(0);

      // the round overview counts it; its table filters by status and downloads as XLSX
      await page.goto(`/dot-bao-cao/${roundId}?status=accepted`);
      const rows = page.locator('[data-testid="round-reports"] tr[data-unit]');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(1);
      expect(await rows.first().getAttribute('data-unit')).toBe(unit.code);
      expect(
        await page.locator('[data-testid="round-count-accepted"] .lt-round-count-value').textContent(),
      ).toBe('1');
      const href = await page.locator('[data-testid="round-export"]').getAttribute('href');
      expect(href).toBe(`/api/rounds/${roundId}/reports.xlsx?status=accepted`);
      const download = await context.request.get(href!);
      expect(download.status()).toBe(200);
      expect(download.headers()['content-type']).toContain('spreadsheetml');
      await page.goto(`/dot-bao-cao/${roundId}`);
      await rows.nth(5).waitFor();
      await page.waitForLoadState('networkidle');
      await saveScreenshot(page, 'round-overview.png');
    } finally {
      await context.close();
    }
  });

  test('the officer finds the report accepted, with nothing left to edit', async () => {
    const [context, page] = await newContext(DESKTOP);
    try {
      await signInWatchedAt(page, `/bao-cao/${reportId}`, unit.officer);
      await reportPage(page).waitFor();
      expect(await page.locator('[data-testid="report-status"]').textContent()).toBe('Đã tiếp nhận');
      expect(await page.locator('[data-testid="report-actionbar"]').count()).toBe(0);
      expect(await page.locator('[data-testid="report-page"] textarea').count()).toBe(0);
      expect(await page.locator('[data-testid="report-indicators"] input').count()).toBe(0);
      expect(await field(page, resultsField).textContent()).toContain(CORRECTED);

      // from the report to the unit's record over the rounds: the officer's own unit
      await page.locator('[data-testid="report-unit-history"]').click();
      await page.locator('[data-testid="report-history-page"]').waitFor();
      await page.locator(`[data-testid="report-history-items"] tr[data-report="${reportId}"]`).waitFor();
    } finally {
      await context.close();
    }
  });

  test('the secretariat closes the round, then reopens it with a reason', async () => {
    const [context, page] = await newContext(DESKTOP);
    try {
      await signInWatchedAt(page, `/dot-bao-cao/${roundId}`, SECRETARIAT);
      const header = page.locator('[data-testid="round-header"]');
      await header.waitFor();
      expect(await header.getAttribute('data-status')).toBe('open');

      await page.locator('[data-testid="round-close"]').click();
      await page.locator('[data-testid="round-close-modal"]').waitFor();
      const closed = page.waitForResponse((r) => r.url().endsWith(`/api/rounds/${roundId}/close`));
      await page.locator('[data-testid="round-close-submit"]').click();
      expect((await closed).status()).toBe(200);
      await expect.poll(() => header.getAttribute('data-status')).toBe('closed');

      // undoing the close needs a reason
      await page.locator('[data-testid="round-reopen"]').click();
      const modal = page.locator('[data-testid="round-reopen-modal"]');
      await modal.waitFor();
      await page.locator('[data-testid="round-reopen-submit"]').click();
      await expect.poll(() => modal.locator('.ant-form-item-explain-error').count()).toBe(1);
      await modal.locator('[data-testid="round-reopen-reason"]').fill('Đóng nhầm trước khi tổng hợp xong.');
      await expect.poll(() => modal.locator('.ant-form-item-explain-error').count()).toBe(0);
      await messagesGone(page);
      await saveScreenshot(page, 'round-reopen.png');
      const reopened = page.waitForResponse((r) => r.url().endsWith(`/api/rounds/${roundId}/reopen`));
      await page.locator('[data-testid="round-reopen-submit"]').click();
      const response = await reopened;
      expect(response.status()).toBe(200);
      expect(response.request().postDataJSON()).toMatchObject({
        reason: 'Đóng nhầm trước khi tổng hợp xong.',
      });
      await expect.poll(() => header.getAttribute('data-status')).toBe('open');
      expect(await page.locator('[data-testid="round-close"]').count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  test('the secretariat sees the unit’s reporting record across rounds', async () => {
    const [context, page] = await newContext(DESKTOP);
    try {
      await signInWatchedAt(page, `/dot-bao-cao/${roundId}`, SECRETARIAT);
      await searchRound(page, unit.search);
      const row = page.locator(`[data-testid="round-reports"] tr[data-unit="${unit.code}"]`);
      await row.locator('[data-testid="round-unit-history"]').click();
      await page.waitForURL(/\/dot-bao-cao\/don-vi\/[0-9a-f-]{36}$/);
      await page.locator('[data-testid="report-history-page"]').waitFor();
      const item = page.locator(`[data-testid="report-history-items"] tr[data-report="${reportId}"]`);
      await item.waitFor();
      expect(await item.locator('[data-testid="report-status"]').textContent()).toBe('Đã tiếp nhận');
      expect(await item.locator('[data-testid="history-report-link"]').getAttribute('href')).toBe(
        `/bao-cao/${reportId}`,
      );
      const expected = Number(
        await page.locator('[data-testid="history-count-expected"] .lt-round-count-value').textContent(),
      );
      expect(expected).toBeGreaterThanOrEqual(1);
      await page.waitForLoadState('networkidle');
      await saveScreenshot(page, 'report-history.png');

      // on a 360-px phone: one column, nothing wider than the screen
      const [phoneContext, phone] = await phoneLike(context);
      try {
        await phone.goto(page.url());
        await phone.locator(`[data-testid="report-history-items"] tr[data-report="${reportId}"]`).waitFor();
        await phone.waitForLoadState('networkidle');
        expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      } finally {
        await phoneContext.close();
      }
    } finally {
      await context.close();
    }
  });
});
