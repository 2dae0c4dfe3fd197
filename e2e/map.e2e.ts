/**
 * The commune map in the browser, against the real server with the demo data: the provincial
 * leader opens /ban-do, the map draws Nghệ An's 130 communes and wards from the boundary file our
 * server serves, with the table of values beside it; hovering a commune shows its name and value,
 * clicking it opens the commune's page; the completeness layer of a round colours the map too.
 * Saves docs/screens/commune-map.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import { describeBlocking, runAxe } from './axe';
import { DESKTOP, launchChromium, openPage, PageProblems, PHONE, saveScreenshot } from './browser';

const baseUrl = inject('baseUrl');
const CANVAS = '[data-testid="commune-map"] .lt-map-canvas';
const ROWS = '[data-testid="map-table"] tbody tr';

let browser: Browser;
const problems = new PageProblems();

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

afterEach(() => problems.expectNone());

async function signedIn(username: string, viewport = DESKTOP) {
  const [context, page] = await openPage(browser, { baseUrl, viewport, username, navigationTimeout: 60_000 });
  problems.watch(page);
  return [context, page] as const;
}

/** The chart has drawn this many regions (the chart writes the count of drawn regions on its box). */
async function drawn(page: Page, regions = 130) {
  // the first visit pays for the catalogue and the boundary file (a busy 2-core machine: seconds)
  await page.waitForSelector(`${CANVAS}[data-regions="${regions}"]`, { timeout: 90_000 });
}

/**
 * A point over a commune: the pointer walks a grid over the canvas until ECharts' tooltip shows a
 * commune's name (the tooltip is the chart's own, as a user sees it).
 */
async function hoverACommune(page: Page): Promise<{ x: number; y: number; name: string; value: string }> {
  const box = (await page.locator(CANVAS).boundingBox())!;
  const tooltip = page.locator(`${CANVAS} > div`).filter({ hasText: /^(Xã|Phường) / });
  for (const fy of [0.5, 0.4, 0.6, 0.3, 0.7]) {
    for (const fx of [0.5, 0.4, 0.6, 0.3, 0.7]) {
      const x = box.x + box.width * fx;
      const y = box.y + box.height * fy;
      await page.mouse.move(x, y, { steps: 2 });
      if (await tooltip.isVisible().catch(() => false)) {
        // "<b>name</b><br/>value", as map-option.ts writes it
        const [name = '', value = ''] = (await tooltip.innerHTML()).split(/<br\/?>/);
        return {
          x,
          y,
          name: name.replace(/<[^>]+>/g, '').trim(),
          value: value.replace(/<[^>]+>/g, '').trim(),
        };
      }
    }
  }
  throw new Error('no commune under any point of the grid');
}

describe('the commune map', () => {
  test('the leader sees 130 communes coloured, hovers one, opens it, and switches to completeness', async () => {
    const [context, page] = await signedIn('leader');
    try {
      await page.goto('/ban-do');
      await drawn(page);
      // the text alternative: one row per commune and ward, with its value
      await expect.poll(() => page.locator(ROWS).count()).toBe(130);
      await expect.poll(() => page.locator(`${ROWS} td`).first().textContent()).not.toBe('');
      await expect(page.locator('[data-testid="map-credit"]').textContent()).resolves.toContain('gis.vn');
      expect(describeBlocking('commune map', await runAxe(page))).toEqual([]);
      // the layer is in the address: a reload or a shared link shows the same map
      await expect.poll(() => new URL(page.url()).searchParams.get('layer')).toBe('indicator');
      const indicator = new URL(page.url()).searchParams.get('indicator');
      expect(indicator).toBeTruthy();

      // the boundary came from our server, compressed, and the canvas is painted
      const painted = await page.locator(`${CANVAS} canvas`).evaluate((canvas: HTMLCanvasElement) => {
        const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let coloured = 0;
        for (let i = 0; i < data.length; i += 4 * 97) if (data[i + 3]! > 0) coloured++;
        return coloured;
      });
      expect(painted).toBeGreaterThan(100);

      await page.locator('[data-testid="commune-map"]').scrollIntoViewIfNeeded();
      const point = await hoverACommune(page);
      expect(point.name).toMatch(/^(Xã|Phường) /);
      expect(point.value).not.toBe('');
      await saveScreenshot(page, 'commune-map.png');

      // a click opens the commune's page, the one its row in the table links to
      const name = point.name;
      const href = await page
        .locator(`${ROWS} th a`, { hasText: new RegExp(`^${name}$`) })
        .getAttribute('href');
      expect(href).toMatch(/^\/don-vi\/[0-9a-f-]{36}$/);
      await page.mouse.click(point.x, point.y);
      await page.waitForURL((url) => url.pathname === href);

      // back to the map; the completeness of a reporting round colours it
      await page.goBack();
      await drawn(page);
      await page.locator('[data-testid="map-layer"]').getByText('Mức độ nộp báo cáo').click();
      await expect.poll(() => new URL(page.url()).searchParams.get('layer')).toBe('completeness');
      await expect.poll(() => new URL(page.url()).searchParams.get('round')).toBeTruthy();
      await expect
        .poll(() => page.locator('[data-testid="map-table"] caption').textContent())
        .toContain('Mức độ nộp báo cáo');
      await drawn(page);
      await expect.poll(() => page.locator(ROWS).count()).toBe(130);
      const cells = await page.locator(`${ROWS} td`).allTextContents();
      expect(cells.some((text) => /^Đã gửi \d+\/\d+ báo cáo/.test(text))).toBe(true);

      // the table can be shown on screen, and the PNG export gives an image
      await page.locator('[data-testid="map-table-toggle"]').click();
      await expect.poll(() => page.locator('[data-testid="map-table"]').isVisible()).toBe(true);
      // axe (WCAG 2.1 AA) with the table on screen; the accessibility test checks the page as it opens
      await page.mouse.move(0, 0);
      await page.waitForTimeout(500);
      expect(describeBlocking('commune map with its table', await runAxe(page))).toEqual([]);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('[data-testid="map-export"]').click(),
      ]);
      expect(download.suggestedFilename()).toBe('ban-do-xa-phuong.png');
    } finally {
      await context.close();
    }
  });

  test('a ward officer sees only his ward coloured, on a 360-px phone', async () => {
    const [context, page] = await signedIn('truongvinh.canbo', PHONE);
    try {
      await page.goto('/ban-do');
      await drawn(page);
      const cells = await page.locator(`${ROWS} td`).allTextContents();
      expect(cells).toHaveLength(130);
      expect(cells.filter((text) => text === 'Ngoài phạm vi được xem')).toHaveLength(129);
      // only his own ward links to its page
      await expect.poll(() => page.locator(`${ROWS} th a`).count()).toBe(1);
      await expect(page.locator(`${ROWS} th a`).textContent()).resolves.toBe('Phường Trường Vinh');
      // nothing scrolls sideways
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  });
});
