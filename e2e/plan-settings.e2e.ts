/**
 * The plan's settings page (/plans/:planId/cai-dat) against the real server with the demo data: the
 * secretariat opens it from the plan page, sees the two settings the API had no screen for
 * (which periods units may enter indicator values for; where a corrected report the secretariat
 * returned goes), changes both, saves through PATCH /api/plans/:id and reads them back from the API
 * and after a reload; a ward's officer sees no link and reads the page without being able to save.
 * The settings are put back as they were (the server is shared by the browser test files).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { TPlan } from '../common';
import { type ApiClient, signIn } from './api-client';
import { describeBlocking, runAxe } from './axe';
import { launchChromium, openPage, saveScreenshot } from './browser';

const baseUrl = inject('baseUrl');

let browser: Browser;
let secretariat: ApiClient;
let plan: TPlan;

async function signedInPage(username: string, width = 1280): Promise<Page> {
  const [, page] = await openPage(browser, { baseUrl, viewport: { width, height: 900 }, username });
  return page;
}

const current = async () => (await secretariat.request<TPlan>('GET', `/plans/${plan.id}`)).body;

beforeAll(async () => {
  browser = await launchChromium();
  secretariat = await signIn(baseUrl, 'secretariat');
  const plans = await secretariat.request<{ items: TPlan[] }>('GET', '/plans');
  plan = plans.body.items[0]!;
});

afterAll(async () => {
  // as the demo data has them, whatever the test left
  const now = await current();
  await secretariat.request('PATCH', `/plans/${plan.id}`, {
    version: now.version,
    valueEntryWindow: plan.valueEntryWindow,
    resubmitSkipsHead: plan.resubmitSkipsHead,
  });
  await browser?.close();
});

describe('the plan settings page', () => {
  test('the secretariat changes both settings from the plan page, saved through the API', async () => {
    expect(plan.valueEntryWindow).toBe('open_rounds');
    expect(plan.resubmitSkipsHead).toBe(false);
    const page = await signedInPage('secretariat');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`/plans/${plan.id}`);
    await page.locator('[data-testid="plan-settings-link"]').click();
    await page.waitForURL(`**/plans/${plan.id}/cai-dat`);
    const settings = page.locator('[data-testid="plan-settings"]');
    await settings.waitFor();
    // what each choice means, in Vietnamese, and the values the plan has
    await expect.poll(() => settings.textContent()).toContain('Kỳ được nhập số liệu chỉ tiêu');
    await expect.poll(() => settings.textContent()).toContain('lãnh đạo đơn vị duyệt lại');
    const group = page.locator('[data-testid="setting-value-entry-window"]');
    const openRounds = group.locator('input[value="open_rounds"]');
    const anyPast = group.locator('input[value="any_past"]');
    const skipsHead = page.locator('[data-testid="setting-resubmit-skips-head"]');
    expect(await openRounds.isChecked()).toBe(true);
    expect(await skipsHead.getAttribute('aria-checked')).toBe('false');
    const save = page.locator('[data-testid="plan-settings-save"]');
    expect(await save.isDisabled()).toBe(true);

    await group.locator('label').filter({ hasText: 'Mọi kỳ đã qua' }).click();
    await skipsHead.click();
    await save.click();
    await page.locator('.ant-message-notice').filter({ hasText: 'Đã lưu cài đặt kế hoạch' }).waitFor();

    const saved = await current();
    expect(saved).toMatchObject({
      valueEntryWindow: 'any_past',
      resubmitSkipsHead: true,
      version: plan.version + 1,
    });
    // the change is in the audit trail, with what it changed
    // read by the province's auditor (audit.read)
    const auditor = await signIn(baseUrl, 'auditor');
    const audit = await auditor.request<{ items: { action: string; after: unknown }[] }>(
      'GET',
      `/audit-events?resourceType=plan&resourceId=${plan.id}`,
    );
    expect(audit.status).toBe(200);
    const update = audit.body.items.find((e) => e.action === 'plan.update');
    expect(JSON.stringify(update?.after)).toContain('any_past');

    await page.reload();
    await settings.waitFor();
    await expect.poll(() => anyPast.isChecked()).toBe(true);
    expect(await skipsHead.getAttribute('aria-checked')).toBe('true');
    await expect.poll(() => save.isDisabled()).toBe(true);

    const findings = await runAxe(page);
    expect(describeBlocking('plan settings', findings)).toEqual([]);
    await saveScreenshot(page, 'plan-settings.png');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('a ward officer has no link and cannot save', async () => {
    const page = await signedInPage('truongvinh.canbo', 360);
    await page.goto(`/plans/${plan.id}`);
    await page.locator('[data-testid="plan-tree"]').waitFor();
    expect(await page.locator('[data-testid="plan-settings-link"]').count()).toBe(0);
    await page.goto(`/plans/${plan.id}/cai-dat`);
    await page.locator('[data-testid="plan-settings-readonly"]').waitFor();
    expect(await page.locator('[data-testid="plan-settings-save"]').count()).toBe(0);
    expect(
      await page.locator('[data-testid="setting-value-entry-window"] input[value="any_past"]').isDisabled(),
    ).toBe(true);
    // and the API refuses it too
    const officer = await signIn(baseUrl, 'truongvinh.canbo');
    const refused = await officer.request('PATCH', `/plans/${plan.id}`, {
      version: (await current()).version,
      resubmitSkipsHead: false,
    });
    expect(refused.status).toBe(403);
    await page.context().close();
  });
});
