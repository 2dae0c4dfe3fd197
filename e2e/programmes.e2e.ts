/**
 * The secretariat's programmes and support policies, in the browser against the real server with
 * the demo data: a support policy added through its drawer and found again by a search typed
 * without diacritics; budget lines imported from an Excel file the test writes (the preview first,
 * then the import); the programme's budget drawer shows the totals by year and by source. axe finds
 * nothing serious. Saves docs/screens/programmes.png. What the test made is archived after (the
 * server is shared).
 */
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { TPolicy, TProgramme } from '../common/contracts/programmes';
import { type ApiClient, expectOk, signIn } from './api-client';
import {
  blockingFindingsWhenSettled,
  DESKTOP,
  launchChromium,
  openPage,
  PageProblems,
  saveScreenshot,
} from './browser';

const baseUrl = inject('baseUrl');
const RUN = Date.now().toString(36).toUpperCase();
const CODE = `E2E-${RUN}`;
const POLICY = `Hỗ trợ số hóa làng nghề ${RUN}`;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let api: ApiClient;
let programme: TProgramme | null = null;
const problems = new PageProblems();

beforeAll(async () => {
  browser = await launchChromium();
  [context, page] = await openPage(browser, { baseUrl, viewport: DESKTOP, username: 'secretariat' });
  problems.watch(page);
  api = await signIn(baseUrl, 'secretariat');
  programme = await expectOk<TProgramme>(api, 'POST', '/programmes', {
    code: CODE,
    name: `Chương trình thử nghiệm ${RUN}`,
    status: 'ongoing',
  });
}, 120_000);

afterAll(async () => {
  if (programme) {
    const current = await expectOk<TProgramme>(api, 'GET', `/programmes/${programme.id}`);
    await api.request('POST', `/programmes/${programme.id}/archive`, { version: current.version });
  }
  const found = await api.request<{ items: TPolicy[] }>(
    'GET',
    `/support-policies?q=${encodeURIComponent(RUN)}`,
  );
  for (const p of found.body.items ?? []) {
    await api.request('POST', `/support-policies/${p.id}/archive`, { version: p.version });
  }
  await context?.close();
  await browser?.close();
});

async function budgetFile(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Dòng ngân sách');
  sheet.addRow([
    'Mã chương trình',
    'Mã nhiệm vụ',
    'Năm',
    'Nguồn vốn',
    'Kinh phí được giao (đồng)',
    'Đã giải ngân (đồng)',
  ]);
  sheet.addRow([CODE, '', 2026, 'Ngân sách tỉnh', '1.500.000.000', '600.000.000']);
  sheet.addRow([CODE, '', 2026, 'Vốn ODA', '2.000.000.000', '0']);
  sheet.addRow([CODE, '', 2027, 'Ngân sách tỉnh', '2.500.000.000', '']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('programmes and support policies', () => {
  test('a policy added and found without diacritics', async () => {
    await page.goto('/chuong-trinh?tab=policies');
    await page.locator('[data-testid="policy-table"]').waitFor();
    await expect.poll(() => page.title()).toContain('Chương trình, chính sách hỗ trợ');
    await page.locator('[data-testid="policy-add"]').click();
    await page.locator('[data-testid="policy-name"]').fill(POLICY);
    await page
      .locator('[data-testid="policy-eligibility"]')
      .fill('Cơ sở sản xuất tại các làng nghề của tỉnh');
    await page.locator('[data-testid="policy-level"]').fill('Hỗ trợ 40% chi phí thiết kế gian hàng số');
    await page.locator('[data-testid="policy-public"]').click();
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/support-policies') && r.request().method() === 'POST',
    );
    await page.locator('[data-testid="policy-save"]').click();
    expect((await saved).status()).toBe(201);

    await page.locator('[data-testid="policy-search"]').fill(`ho tro so hoa lang nghe ${RUN}`);
    await page.locator('[data-testid="policy-search"]').press('Enter');
    const rows = page.locator('[data-testid="policy-table"] tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(POLICY);
    expect(await rows.first().textContent()).toContain('Thường xuyên');
  });

  test('budget lines imported from Excel, totals by year and source', async () => {
    await page.goto('/chuong-trinh/nhap-tu-excel');
    await page.locator('[data-testid="import-kind"]').getByText('Dòng kinh phí').click();
    const read = page.waitForResponse((r) => r.url().includes('/api/programme-catalogue/import/preview'));
    await page.locator('[data-testid="programme-import-page"] input[type="file"]').setInputFiles({
      name: 'kinh-phi.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await budgetFile(),
    });
    expect((await read).status()).toBe(200);
    await page.locator('[data-testid="import-preview"]').waitFor();
    expect(await page.locator('[data-testid="import-preview"]').textContent()).toContain(
      'Sẽ thêm 3 và sửa 0',
    );
    const written = page.waitForResponse((r) => r.url().includes('/api/programme-catalogue/import?'));
    await page.locator('[data-testid="import-commit"]').click();
    expect((await written).status()).toBe(201);
    await page.locator('[data-testid="import-done"]').waitFor();

    await page.goto(`/chuong-trinh?q=${CODE}`);
    await page.locator(`[data-testid="budget-${CODE}"]`).click();
    const totals = page.locator('[data-testid="budget-totals"]');
    await totals.waitFor();
    await expect
      .poll(() => page.locator('[data-testid="budget-lines"] tbody tr.ant-table-row').count())
      .toBe(3);
    const text = (await totals.textContent()) ?? '';
    expect(text).toContain('Tổng được giao 6.000.000.000 đ; đã giải ngân 600.000.000 đ.');
    expect(text).toContain('3.500.000.000 đ'); // 2026
    expect(text).toContain('Ngân sách tỉnh');
    expect(text).toContain('4.000.000.000 đ'); // provincial budget, both years

    expect(await blockingFindingsWhenSettled(page, 'the budget drawer')).toEqual([]);
    await saveScreenshot(page, 'programmes.png');
    problems.expectNone();
  });
});
