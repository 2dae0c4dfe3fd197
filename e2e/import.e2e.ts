/**
 * Values from a file, in the browser, against the real server with the demo data: the secretariat
 * opens the import from the entry grid, downloads the ward's template, fills it in with one bad
 * value (a percent of 150), sees the row refused in the dry-run preview, sends the corrected file,
 * writes it and finds the value in the entry grid. Saves docs/screens/import-preview.png.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { TEntrySheet } from '../common/contracts/data-values';
import { describeBlocking, runAxe, scrollWidth } from './axe';
import { DESKTOP, launchChromium, openPage, PageProblems, saveScreenshot } from './browser';

const baseUrl = inject('baseUrl');
const WARD = 'Phường Trường Vinh';

let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems = new PageProblems();

beforeAll(async () => {
  browser = await launchChromium();
  [context, page] = await openPage(browser, {
    baseUrl,
    viewport: DESKTOP,
    acceptDownloads: true,
    username: 'secretariat',
    navigationTimeout: 60_000,
  });
  problems.watch(page);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** A value the indicator accepts that differs from the current one. */
function acceptedValue(row: TEntrySheet['rows'][number]): number {
  const lo = Math.max(0, row.indicator.rules.min ?? 0);
  const hi = Math.min(100, row.indicator.rules.max ?? 100);
  const mid = Math.round((lo + hi) / 2);
  return mid === row.value ? (mid === lo ? hi : lo) : mid;
}

const csvCell = (v: unknown) => {
  const text = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

async function choose(file: { name: string; mimeType: string; buffer: Buffer }) {
  const checked = page.waitForResponse(
    (r) => r.url().includes('/api/data-values/import?') && r.url().includes('dryRun=true'),
  );
  await page.locator('[data-testid="data-import-page"] input[type="file"]').setInputFiles(file);
  expect((await checked).status()).toBe(200);
  await page.locator('[data-testid="import-result"]').waitFor();
}

const count = (key: string) => page.locator(`[data-testid="import-count-${key}"]`).textContent();

describe('values from a file', () => {
  test('template → a file with a bad row → the error in place → corrected → written → in the grid', async () => {
    const units = await context.request.get(`/api/org-units?q=${encodeURIComponent('Trường Vinh')}`);
    const ward = ((await units.json()) as { items: { id: string; name: string; code: string }[] }).items.find(
      (u) => u.name === WARD,
    )!;
    expect(ward).toBeDefined();

    // from the entry grid, the import keeps its unit and period
    await page.goto(`/nhap-so-lieu?orgUnitId=${ward.id}`);
    await page.locator('[data-testid="entry-grid"]').waitFor();
    await page.locator('[data-testid="entry-import-link"]').click();
    await page.locator('[data-testid="data-import-page"]').waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe('/nhap-so-lieu/tu-tep');
    expect(url.searchParams.get('orgUnitId')).toBe(ward.id);
    const period = url.searchParams.get('period')!;
    await expect.poll(() => page.title()).toContain('Nhập số liệu từ tệp');

    const sheet = (await (
      await context.request.get(`/api/data-values?orgUnitId=${ward.id}&period=${period}`)
    ).json()) as TEntrySheet;
    const percent = sheet.rows.find(
      (r) => r.indicator.valueType === 'percent' && !r.indicator.rules.integer,
    )!;
    expect(percent, 'the ward reports a percent indicator').toBeDefined();

    // the template: the grid's indicators, Vietnamese headers
    const downloading = page.waitForEvent('download');
    await page.locator('[data-testid="import-template"]').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`mau-nhap-so-lieu-${ward.code}-${period}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0]!;
    expect((rows.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Mã chỉ tiêu',
      'Tên chỉ tiêu',
      'Đơn vị tính',
      'Mã đơn vị',
      'Kỳ báo cáo',
      'Giá trị',
      'Ghi chú',
    ]);
    expect(rows.actualRowCount - 1).toBe(sheet.rows.length);
    let rowNumber = 0;
    rows.eachRow((r, n) => {
      if (r.getCell(1).text === percent.indicator.code) rowNumber = n;
    });
    expect(rowNumber).toBeGreaterThan(1);

    // a percent of 150: refused in the preview, on its row, nothing written
    rows.getRow(rowNumber).getCell(6).value = 150;
    rows.getRow(rowNumber).getCell(7).value = 'Nhập từ tệp của phường';
    const bad = Buffer.from(await workbook.xlsx.writeBuffer());
    await choose({
      name: 'so-lieu-truong-vinh.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: bad,
    });
    expect(await count('rejected')).toBe('1');
    expect(await count('total')).toBe(String(sheet.rows.length));
    const errorRow = page.locator(`[data-testid="import-errors"] tr#loi-dong-${rowNumber}`);
    await expect.poll(() => errorRow.textContent()).toContain(`Dòng ${rowNumber}`);
    expect(await errorRow.textContent()).toContain('Giá trị');
    await page.locator('[data-testid="import-errors"] nav button', { hasText: String(rowNumber) }).click();
    await expect.poll(() => errorRow.getAttribute('class')).toContain('lt-import-highlight');
    // default: written only when no row is wrong
    expect(await page.locator('[data-testid="import-commit"]').isDisabled()).toBe(true);
    // no serious or critical accessibility failure in the preview (WCAG 2.1 AA, as every main page)
    expect(describeBlocking('the import preview', await runAxe(page))).toEqual([]);
    // from the top: the header is sticky and would cover the page in a full-page shot taken lower
    await page.evaluate(() => window.scrollTo(0, 0));
    await saveScreenshot(page, 'import-preview.png', { fullPage: true });

    // the report of the check, as a CSV file Excel reads (BOM, Vietnamese)
    const reporting = page.waitForEvent('download');
    await page.locator('[data-testid="import-report"]').click();
    const report = fs.readFileSync((await (await reporting).path())!, 'utf8');
    expect(report.startsWith('\ufeff')).toBe(true);
    expect(report).toContain(`${rowNumber},Giá trị,`);

    // corrected, as a CSV this time: checked, then written
    const value = acceptedValue(percent);
    rows.getRow(rowNumber).getCell(6).value = value;
    const lines: string[] = [];
    rows.eachRow((r) => {
      lines.push(
        (r.values as unknown[])
          .slice(1, 8)
          .map((v) => csvCell(typeof v === 'string' ? v.trim() : v))
          .join(','),
      );
    });
    await choose({
      name: 'so-lieu-truong-vinh.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(lines.join('\r\n')),
    });
    expect(await count('rejected')).toBe('0');
    expect(Number(await count('created')) + Number(await count('updated'))).toBe(1);
    const written = page.waitForResponse(
      (r) => r.url().includes('/api/data-values/import?') && r.url().includes('dryRun=false'),
    );
    await page.locator('[data-testid="import-commit"]').click();
    expect((await written).status()).toBe(200);
    await page.locator('[data-testid="import-done"]').waitFor();
    expect(await page.locator('[data-testid="import-done"]').textContent()).toContain('Đã ghi 1 giá trị');

    // and the grid shows it
    await page.locator('[data-testid="import-open-grid"]').click();
    const input = page.locator(
      `[data-testid="entry-grid"] tr[data-code="${percent.indicator.code}"] input[data-entry-col="value"]`,
    );
    await expect.poll(() => input.inputValue()).toBe(String(value).replace('.', ','));
    problems.expectNone();
  }, 180_000);

  test('on a 360-px phone the menu leads to the import, and the page fits the screen', async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 360, height: 740 });
    await phone.goto('/nhap-so-lieu');
    await phone.locator('[data-testid="nav-toggle"]').click();
    await phone.getByRole('link', { name: 'Nhập từ tệp', exact: true }).click();
    await phone.locator('[data-testid="data-import-page"]').waitFor();
    expect(new URL(phone.url()).pathname).toBe('/nhap-so-lieu/tu-tep');
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(360);
    await phone.close();
  }, 60_000);
});
