/**
 * The public portal in Chromium, signed out: every public page (home, catalogue and its search,
 * a programme, a policy, the budget, the reports, the open-data page and each dataset's page)
 * at 360 px and on a desktop. axe-core (WCAG 2.1 A and AA) must find nothing serious or critical;
 * a page must not scroll sideways on a phone and must load no script at all. Screenshots of the
 * home page, a policy, the budget and a dataset go to docs/screens/.
 *
 * The demo seed makes publication no. 1 (server/demo/publication.ts); this test reads only it.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
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
import { createTestLocation, type DataLocation, type RunningServer, startServer } from './server';

let location: DataLocation;
let server: RunningServer | null = null;
let browser: Browser;
const pages: { name: string; path: string }[] = [];
const seen = new Map<string, AxeFinding[]>();

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(`${server!.baseUrl}${path}`);
  if (!res.ok) throw new Error(`${path} → ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  location = await createTestLocation('public-portal');
  server = await startServer({ launcher: 'node-tsx', env: location.env });
  const programmes = await getJson<{ rows: { id: string }[] }>('/api/public/datasets/chuong-trinh');
  const policies = await getJson<{ rows: { id: string }[] }>('/api/public/datasets/chinh-sach');
  const datasets = await getJson<{ datasets: { id: string }[] }>('/api/public/datasets');
  pages.push(
    { name: 'home', path: '/cong-khai' },
    { name: 'catalogue', path: '/cong-khai/chuong-trinh' },
    { name: 'search', path: '/cong-khai/chuong-trinh?q=chuyen%20doi%20so&loai=' },
    { name: 'programme', path: `/cong-khai/chuong-trinh/${programmes.rows[0]!.id}` },
    { name: 'policy', path: `/cong-khai/chinh-sach/${policies.rows[0]!.id}` },
    { name: 'budget', path: '/cong-khai/ngan-sach' },
    { name: 'reports', path: '/cong-khai/bao-cao' },
    { name: 'open-data', path: '/cong-khai/du-lieu' },
    ...datasets.datasets.map((d) => ({ name: `dataset-${d.id}`, path: `/cong-khai/du-lieu/${d.id}` })),
    { name: 'not-found', path: '/cong-khai/khong-co-trang-nay' },
  );
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  if (seen.size > 0) {
    const lines = [...seen].map(
      ([where, findings]) =>
        `  ${where}: ${
          Object.entries(countByRule(findings))
            .map(([k, n]) => `${k} ×${n}`)
            .join(', ') || 'none'
        }`,
    );
    console.log(`axe-core findings on the public pages:\n${lines.join('\n')}`);
  }
  await browser?.close();
  await server?.stop();
  await location?.dispose();
});

async function visit(viewport: Viewport, path: string): Promise<[BrowserContext, Page, number]> {
  const [context, page] = await openPage(browser, {
    baseUrl: server!.baseUrl,
    viewport,
    ...(viewport.width < 600 ? TOUCH : {}),
    navigationTimeout: 60_000,
  });
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  const response = await page.goto(path, { waitUntil: 'load' });
  expect(scripts, `${path} loads no script`).toEqual([]);
  return [context, page, response?.status() ?? 0];
}

describe.each([
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const)('the public pages on a %s', (label, viewport) => {
  test('each page: no serious or critical axe finding, no script, no sideways scrolling', async () => {
    const failures: string[] = [];
    for (const { name, path } of pages) {
      const [context, page, status] = await visit(viewport, path);
      try {
        expect(status, path).toBe(name === 'not-found' ? 404 : 200);
        expect(await page.locator('html').getAttribute('lang')).toBe('vi');
        expect(await page.locator('main h1').count(), `${path} has one h1`).toBe(1);
        const findings = await runAxe(page);
        seen.set(`${name} (${label})`, findings);
        failures.push(...describeBlocking(`${name} (${label})`, findings));
        if (viewport.width < 600) {
          const width = await scrollWidth(page);
          if (width > viewport.width) failures.push(`${name}: ${width} px wide at ${viewport.width} px`);
        }
      } finally {
        await context.close();
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});

describe('keyboard and screenshots', () => {
  test('the skip link comes first and leads to the main content', async () => {
    const [context, page] = await visit(DESKTOP, '/cong-khai');
    try {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
      expect(focused).toContain('Bỏ qua');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('noi-dung');
    } finally {
      await context.close();
    }
  }, 120_000);

  test('the search form works without script and ignores diacritics', async () => {
    const [context, page] = await visit(PHONE, '/cong-khai/chuong-trinh');
    try {
      await page.getByLabel('Từ khóa', { exact: false }).fill('ho tro');
      await page.getByRole('button', { name: 'Tìm' }).click();
      await page.waitForURL(/q=ho\+tro/);
      expect(await page.getByRole('status').textContent()).toMatch(
        /Tìm thấy \d+ chương trình và [1-9]\d* chính sách/,
      );
    } finally {
      await context.close();
    }
  }, 120_000);

  test('screenshots: home, a policy, the budget, a dataset', async () => {
    const shots: [string, string, Viewport][] = [
      ['public-home.png', '/cong-khai', DESKTOP],
      ['public-policy.png', pages.find((p) => p.name === 'policy')!.path, PHONE],
      ['public-budget.png', '/cong-khai/ngan-sach', DESKTOP],
      ['public-dataset.png', '/cong-khai/du-lieu/chi-tieu', DESKTOP],
    ];
    for (const [file, path, viewport] of shots) {
      const [context, page] = await visit(viewport, path);
      try {
        await saveScreenshot(page, file, { fullPage: viewport === PHONE });
      } finally {
        await context.close();
      }
    }
  }, 300_000);
});

describe('the secretariat publishes', () => {
  test('its screen previews the counts, publishes with a confirmation, and the public site follows', async () => {
    const [context, page] = await openPage(browser, { baseUrl: server!.baseUrl, viewport: DESKTOP });
    try {
      await signInContext(context, 'secretariat');
      await page.goto('/cong-bo');
      await page.getByRole('heading', { name: 'Công bố dữ liệu công khai' }).waitFor();
      await page.getByText('So với đợt công bố hiện hành (số 1)').waitFor();
      await settle(page);
      expect(describeBlocking('publishing screen', await runAxe(page))).toEqual([]);
      await page.getByTestId('publish').click();
      await page.getByRole('dialog').getByRole('button', { name: 'Công bố' }).click();
      await page.getByText('Đã công bố đợt số 2.').waitFor();
      const home = await fetch(`${server!.baseUrl}/cong-khai`);
      expect(await home.text()).toContain('đợt công bố số 2');
    } finally {
      await context.close();
    }
  }, 300_000);
});
