/**
 * The province's report of a round, in the browser: prepared through the API (a plan of our own
 * with one task the ward leads, a round, the ward's report accepted), then the secretariat opens
 * the round, drafts the report from "Tải báo cáo (.docx / .pdf / .xlsx)", edits a section, saves, issues
 * it with a number and a signer, and downloads the issued .docx and .pdf. Saves
 * docs/screens/document-editor.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject, test } from 'vitest';
import type { TReport } from '../common/contracts/reports';
import { type ApiClient, signIn } from './api-client';
import { describeBlocking, runAxe } from './axe';
import { CHROMIUM_ARGS, CHROMIUM_PATH, DEMO_PASSWORD, ROOT } from './server';

const baseUrl = inject('baseUrl');
const SCREENS = path.join(ROOT, 'docs/screens');
const WARD_CODE = '16690';
const RESULTS = 'Đã lắp đặt 12 điểm truy cập wifi công cộng tại các tổ dân phố.';
const ADDED = 'Văn phòng Ban Chỉ đạo bổ sung: tiếp tục theo dõi việc duy trì đường truyền.';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

let browser: Browser;
let roundId = '';
let problems: string[] = [];

async function ok<T>(api: ApiClient, method: string, url: string, body?: unknown): Promise<T> {
  const res = await api.request<T>(method, url, body);
  expect(res.status, `${method} ${url}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
}

/** A plan of this test's own (other browser tests share the server), a round, the ward's report accepted. */
async function prepareRound() {
  const secretariat = await signIn(baseUrl, 'secretariat');
  const units = await ok<{ items: { id: string; code: string }[] }>(
    secretariat,
    'GET',
    `/org-units?q=${WARD_CODE}`,
  );
  const ward = units.items.find((u) => u.code === WARD_CODE)!;
  const suffix = Math.floor(Math.random() * 1e6);
  const plan = await ok<{ id: string }>(secretariat, 'POST', '/plans', {
    number: `${suffix}/KH-VB`,
    title: 'Kế hoạch thử: báo cáo định kỳ theo Nghị định 30',
    issuingBody: 'Ủy ban nhân dân tỉnh',
    horizonStartYear: 2026,
    horizonEndYear: 2030,
    status: 'active',
  });
  const task = await ok<{ id: string }>(secretariat, 'POST', `/plans/${plan.id}/items`, {
    kind: 'task',
    code: '1',
    title: 'Phủ sóng wifi công cộng tại khu dân cư',
    leadOrgUnitId: ward.id,
    deadline: '2026-12-31',
  });
  const round = await ok<{ id: string }>(secretariat, 'POST', '/rounds', {
    planId: plan.id,
    period: '2026M11',
  });
  roundId = round.id;
  const rows = await ok<{ items: { reportId: string }[] }>(secretariat, 'GET', `/rounds/${round.id}/reports`);
  const reportId = rows.items[0]!.reportId;
  const officer = await signIn(baseUrl, 'truongvinh.canbo');
  let report = await ok<TReport>(officer, 'GET', `/reports/${reportId}`);
  report = await ok<TReport>(officer, 'PATCH', `/reports/${reportId}`, {
    version: report.version,
    general: { summary: 'Phường triển khai đúng kế hoạch' },
    items: [{ planItemId: task.id, progress: 70, results: RESULTS }],
  });
  const step = async (api: ApiClient, action: string) => {
    report = await ok<TReport>(api, 'POST', `/reports/${reportId}/${action}`, { version: report.version });
  };
  await step(officer, 'submit');
  if (report.status === 'submitted') await step(await signIn(baseUrl, 'truongvinh.lanhdao'), 'approve');
  await step(secretariat, 'accept');
  expect(report.status).toBe('accepted');
}

function watch(p: Page) {
  p.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  p.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console ${message.type()}: ${message.text()}`);
  });
  p.on('response', (response) => {
    if (response.status() >= 500)
      problems.push(`${response.request().method()} ${response.url()} → ${response.status()}`);
  });
}

beforeAll(async () => {
  await prepareRound();
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

afterEach(() => {
  const seen = problems;
  problems = [];
  expect(seen, 'page errors, console errors or warnings, or 5xx API answers').toEqual([]);
});

test('the secretariat drafts the round report, edits a section, issues it and downloads the .docx and .pdf', async () => {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    baseURL: baseUrl,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  try {
    await page.goto(`/dot-bao-cao/${roundId}`);
    await page.waitForURL(/\/dang-nhap/);
    await page.locator('[data-testid="login-username"]').fill('secretariat');
    await page.locator('[data-testid="login-password"]').fill(DEMO_PASSWORD);
    watch(page);
    await page.locator('[data-testid="login-submit"]').click();
    await page.locator('[data-testid="round-page"]').waitFor();

    await page.locator('[data-testid="round-documents"]').click();
    // the dialog's test id sits on antd's zero-size root: wait for what it shows
    await page.locator('[data-testid="document-create"]').click();
    await page.waitForURL(/\/van-ban\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid="document-page"]').waitFor();
    const documentId = page.url().split('/').pop()!;

    // the draft comes from the accepted report
    const group = page.locator('[data-testid="document-section"][data-kind="group"]').first();
    expect(await group.locator('textarea').inputValue()).toContain(RESULTS);
    const overall = page.locator('[data-testid="document-section"][data-kind="overall"] textarea');
    await overall.fill(`${await overall.inputValue()}\n${ADDED}`);
    await page.locator('[data-testid="document-save"]').click();
    await expect.poll(() => page.locator('[data-testid="document-save"]').isDisabled()).toBe(true);
    // antd fades components in: axe would measure the contrast of a half-drawn text
    await page.waitForTimeout(500);
    expect(describeBlocking('document editor', await runAxe(page))).toEqual([]);
    fs.mkdirSync(SCREENS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENS, 'document-editor.png'), animations: 'disabled' });

    await page.locator('[data-testid="document-issue"]').click();
    const dialog = page.locator('[data-testid="document-issue-dialog"]');
    await dialog.locator('[data-testid="issue-number"]').waitFor();
    await dialog.locator('[data-testid="issue-number"]').fill(String(Math.floor(Math.random() * 9e5) + 1000));
    await dialog.locator('[data-testid="issue-authority"]').fill('KT. TRƯỞNG BAN');
    await dialog.locator('[data-testid="issue-title"]').fill('PHÓ TRƯỞNG BAN');
    await dialog.locator('[data-testid="issue-name"]').fill('Nguyễn Văn An');
    await dialog.getByRole('button', { name: 'Ban hành' }).click();
    const download = page.locator('[data-testid="version-docx"]').first();
    await download.waitFor();
    const href = await download.getAttribute('href');
    expect(href).toBe(`/api/documents/${documentId}/versions/1/report.docx`);
    const file = await page.request.get(href!);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe(DOCX);
    const bytes = await file.body();
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    // and its PDF, stored at issue beside the .docx
    const pdfHref = await page.locator('[data-testid="version-pdf"]').first().getAttribute('href');
    expect(pdfHref).toBe(`/api/documents/${documentId}/versions/1/report.pdf`);
    const pdf = await page.request.get(pdfHref!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const pdfBytes = await pdf.body();
    expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');
    // the embedded font subsets alone weigh more than this
    expect(pdfBytes.length).toBeGreaterThan(20_000);
  } finally {
    await context.close();
  }
}, 180_000);
