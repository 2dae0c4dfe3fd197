/**
 * Sign-in in the browser: the form, the officer's narrowed view, and another commune's task
 * answering "not found" even by its direct address.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium, openPage, saveScreenshot, signInContext, signInThroughForm } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function newPage(width = 1280, height = 800): Promise<Page> {
  const [, page] = await openPage(browser, { baseUrl, viewport: { width, height } });
  return page;
}

describe('signing in', () => {
  test('a signed-out visit goes to the sign-in page, and a wrong password says so in Vietnamese', async () => {
    const page = await newPage(360, 780);
    await page.goto('/org-units');
    await page.waitForURL(/\/dang-nhap\?next=/);
    await page.locator('[data-testid="login-form"]').waitFor();
    await page.locator('[data-testid="login-username"]').fill('truongvinh.canbo');
    await page.locator('[data-testid="login-password"]').fill('mat-khau-sai');
    await page.locator('[data-testid="login-submit"]').click();
    await expect
      .poll(() => page.locator('[data-testid="login-error"]').textContent())
      .toContain('không đúng');
    await saveScreenshot(page, 'sign-in-mobile.png');
    await signInThroughForm(page, 'truongvinh.canbo');
    await page.waitForURL(/\/org-units/);
    await page.context().close();
  });

  test('an officer of one ward sees only its tasks and cannot open another ward’s task', async () => {
    // Find a task the officer's ward (Trường Vinh) has nothing to do with, as the secretariat sees it.
    const admin = await newPage();
    await signInContext(admin.context(), 'secretariat');
    const plans = (await (await admin.context().request.get('/api/plans')).json()) as {
      items: { id: string }[];
    };
    const planId = plans.items[0]!.id;
    const all = (await (
      await admin.context().request.get(`/api/plans/${planId}/items?pageSize=500`)
    ).json()) as {
      total: number;
      items: { id: string; code: string; lead: { code: string } | null; cooperators: { code: string }[] }[];
    };
    const ward = '16690';
    const mine = all.items.filter((i) => i.lead?.code === ward || i.cooperators.some((c) => c.code === ward));
    const foreign = all.items.find((i) => !mine.includes(i))!;
    expect(mine.length).toBeGreaterThan(0);
    await admin.context().close();

    const page = await newPage();
    await page.goto(`/plans/${planId}/tasks`);
    await page.waitForURL(/\/dang-nhap/);
    await signInThroughForm(page, 'truongvinh.canbo');
    await page.waitForURL(/\/tasks/);
    const rows = page.locator('[data-testid="task-table"] tr.ant-table-row');
    await rows.first().waitFor();
    await expect.poll(() => rows.count()).toBe(mine.length);
    const total = await page.locator('[data-testid="task-total"]').textContent();
    expect(total).toContain(String(mine.length));
    expect(total).not.toContain(String(all.total));
    await saveScreenshot(page, 'officer-tasks.png');

    await page.goto(`/items/${foreign.id}`);
    await page.locator('[data-testid="not-found"]').waitFor();
    expect(await page.locator('body').textContent()).not.toContain(`${foreign.code} `);
    const direct = await page.context().request.get(`/api/items/${foreign.id}`);
    expect(direct.status()).toBe(404);
    await page.context().close();
  });

  test('an auditor reads the audit log, with the sign-ins just made, and can download it', async () => {
    const page = await newPage();
    await page.goto('/nhat-ky');
    await page.waitForURL(/\/dang-nhap/);
    await signInThroughForm(page, 'auditor');
    await page.waitForURL(/\/nhat-ky/);
    const rows = page.locator('[data-testid="audit-table"] tr.ant-table-row');
    await rows.first().waitFor();
    expect(await page.locator('[data-testid="audit-table"]').textContent()).toContain('Đăng nhập');
    const href = await page.locator('[data-testid="audit-export"]').getAttribute('href');
    expect(href).toContain('/api/audit-events.xlsx');
    const download = await page.context().request.get(href!);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toContain('spreadsheetml');
    await saveScreenshot(page, 'audit-log.png');
    await page.context().close();
  });
});
