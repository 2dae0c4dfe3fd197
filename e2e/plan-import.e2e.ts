/**
 * A plan from its Excel annex, in the browser, against the real server with the demo data: the
 * secretariat downloads Plan 328's annex from the plan page, changes one lead agency to one that
 * does not exist, opens the import from the plan page and chooses the file; the preview shows the
 * error in its cell, the row marked, "go to the row" finds it; axe finds nothing serious; the cell
 * is corrected in place, the plan number (already used) changed, the plan written and opened.
 * Saves docs/screens/plan-import.png. The new plan is archived after (the server is shared).
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { TPlan, TPlanList } from '../common';
import { type ApiClient, signIn } from './api-client';
import {
  blockingFindingsWhenSettled,
  DESKTOP,
  launchChromium,
  openPage,
  PageProblems,
  saveScreenshot,
} from './browser';

const baseUrl = inject('baseUrl');
const NEW_NUMBER = '328-KH/TU-NHAP';
const UNKNOWN = 'Sở Không Có Thật';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let api: ApiClient;
let created: string | null = null;
const problems = new PageProblems();

beforeAll(async () => {
  browser = await launchChromium();
  [context, page] = await openPage(browser, {
    baseUrl,
    viewport: DESKTOP,
    username: 'secretariat',
    acceptDownloads: true,
  });
  problems.watch(page);
  api = await signIn(baseUrl, 'secretariat');
}, 120_000);

afterAll(async () => {
  if (created) {
    const plan = await api.request<TPlan>('GET', `/plans/${created}`);
    await api.request('POST', `/plans/${created}/archive`, { version: plan.body.version });
  }
  await context?.close();
  await browser?.close();
});

const count = (key: string) => page.locator(`[data-testid="pi-count-${key}"]`).textContent();

describe('a plan from an Excel annex', () => {
  test('export → one bad cell → the error in place → corrected → written → the new plan', async () => {
    const plans = await api.request<TPlanList>('GET', '/plans');
    const demo = plans.body.items.find((p) => p.number === '328-KH/TU')!;
    expect(demo).toBeDefined();

    // the annex, from the plan page
    await page.goto(`/plans/${demo.id}`);
    await page.locator('[data-testid="plan-tree"]').waitFor();
    const downloading = page.waitForEvent('download');
    await page.locator('[data-testid="annex-export"]').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('phu-luc-328-KH-TU.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A7').text).toBe('STT');
    // the second task of group I: its lead becomes an agency nobody has heard of
    expect(sheet.getCell('A10').text).toBe('2.');
    sheet.getCell('C10').value = UNKNOWN;
    const file = Buffer.from(await workbook.xlsx.writeBuffer());

    // the import, from the same page
    await page.locator('[data-testid="annex-import-link"]').click();
    await page.waitForURL(`**/plans/nhap-tu-excel?planId=${demo.id}`);
    await page.locator('[data-testid="plan-import-page"]').waitFor();
    await expect.poll(() => page.title()).toContain('Nhập kế hoạch từ phụ lục Excel');
    const read = page.waitForResponse((r) => r.url().includes('/api/plans/import/preview'));
    await page.locator('[data-testid="plan-import-page"] input[type="file"]').setInputFiles({
      name: 'phu-luc-328-sua.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });
    expect((await read).status()).toBe(200);
    await page.locator('[data-testid="pi-preview"]').waitFor();
    // every row of the table: the 7 rows above it are title lines and the header
    expect(await count('rows')).toBe(String(sheet.rowCount - 7));
    // the unknown agency on its row, and the plan number already in use
    await expect.poll(() => count('errors')).toBe('2');
    const row = page.locator('tr#dong-10');
    expect(await row.getAttribute('class')).toContain('lt-pi-row-error');
    const cell = row.locator('[data-cell="C10"]');
    expect(await cell.textContent()).toContain(`không tìm thấy cơ quan “${UNKNOWN}”`);
    await expect.poll(() => page.locator('[data-testid="pi-status"]').textContent()).toContain('Còn 2 lỗi');
    await page.locator('[data-testid="pi-error-rows"] button', { hasText: '10' }).click();
    await expect.poll(() => row.getAttribute('class')).toContain('lt-pi-row-current');

    expect(await blockingFindingsWhenSettled(page, 'the plan import preview')).toEqual([]);
    await saveScreenshot(page, 'plan-import.png');

    // corrected in place: checked again
    await page.locator('[data-testid="pi-edit-C10"]').click();
    const input = page.locator('[data-testid="pi-input-C10"]');
    await input.fill('Sở Khoa học và Công nghệ');
    const checked = page.waitForResponse((r) => r.url().endsWith('/api/plans/import') && r.status() === 200);
    await input.press('Enter');
    await checked;
    await expect.poll(() => count('errors')).toBe('1');
    expect(await row.getAttribute('class')).not.toContain('lt-pi-row-error');
    await page.locator('[data-testid="pi-number"]').fill(NEW_NUMBER);
    await expect.poll(() => count('errors')).toBe('0');
    await expect
      .poll(() => page.locator('[data-testid="pi-status"]').textContent())
      .toContain('Không có lỗi');

    // written: the new plan opens
    const writing = page.waitForResponse((r) => r.url().endsWith('/api/plans/import') && r.status() === 201);
    await page.locator('[data-testid="pi-commit"]').click();
    const result = (await (await writing).json()) as { planId: string; tasks: number };
    created = result.planId;
    await page.waitForURL(`**/plans/${result.planId}`);
    await page.locator('[data-testid="plan-tree"]').waitFor();
    await expect.poll(() => page.locator('.lt-page').first().textContent()).toContain(NEW_NUMBER);
    const plan = await api.request<TPlan>('GET', `/plans/${result.planId}`);
    expect(plan.body).toMatchObject({ number: NEW_NUMBER, status: 'draft', taskCount: demo.taskCount });
    problems.expectNone();
  }, 240_000);
});
