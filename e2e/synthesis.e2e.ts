/**
 * A round's synthesis in the browser, against the real server with the demo rounds: the secretariat
 * opens a round with sent reports, goes to "Tổng hợp nội dung", drafts the synthesis, follows a
 * sentence to its source report, edits the draft and saves it (version 2, edited), browses the
 * obstacle clusters and the risk flags. axe on each view. Saves docs/screens/synthesis-draft.png,
 * synthesis-clusters.png and synthesis-risks.png.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import type { TRoundList } from '../common/contracts/rounds';
import type { TRoundSynthesis } from '../common/contracts/synthesis';
import { expectOk, signIn } from './api-client';
import {
  blockingFindingsWhenSettled,
  launchChromium,
  openPage,
  PageProblems,
  saveScreenshot,
} from './browser';

const baseUrl = inject('baseUrl');
const EDITED = 'Văn phòng Ban Chỉ đạo tổng hợp: các đơn vị nêu nhiều nhất khó khăn về kinh phí và nhân lực.';

let browser: Browser;
const problems = new PageProblems();
let roundId = '';

beforeAll(async () => {
  // a demo round with many sent reports, and no synthesis yet (each browser run has its own database)
  const api = await signIn(baseUrl, 'secretariat');
  const rounds = await expectOk<TRoundList>(api, 'GET', '/rounds?pageSize=20');
  const round = rounds.items.find((r) => r.completeness.submitted >= 20);
  expect(round, 'a demo round with at least 20 reports sent').toBeDefined();
  roundId = round!.id;
  const synthesis = await expectOk<TRoundSynthesis>(api, 'GET', `/rounds/${roundId}/synthesis`);
  expect(synthesis.draft).toBeNull();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

afterEach(() => problems.expectNone('page errors, console errors or 5xx API answers'));

async function newPage(): Promise<[BrowserContext, Page]> {
  const [context, page] = await openPage(browser, {
    baseUrl,
    viewport: { width: 1366, height: 900 },
    username: 'secretariat',
    navigationTimeout: 60_000,
  });
  problems.watch(page, { console: ['error'] });
  return [context, page];
}

describe('a round’s synthesis in the browser', () => {
  test('the secretariat drafts it, follows a sentence to its report, edits and saves it', async () => {
    const [context, page] = await newPage();
    try {
      await page.goto(`/dot-bao-cao/${roundId}`);
      await page.locator('[data-testid="round-synthesis"]').click();
      await page.waitForURL(`**/dot-bao-cao/${roundId}/tong-hop`);
      await page.locator('[data-testid="synthesis-generate"]').first().click();
      const sentences = page.locator('[data-testid="synthesis-sentence"]');
      await sentences.first().waitFor();
      expect(await sentences.count()).toBeGreaterThan(5);
      await expect
        .poll(() => page.locator('[data-testid="synthesis-version"]').textContent())
        .toContain('Phiên bản 1');
      // every sentence of the drafted text names at least one source report
      const withoutSource = await sentences.evaluateAll(
        (list) => list.filter((p) => !p.querySelector('[data-testid="synthesis-source"]')).length,
      );
      expect(withoutSource).toBe(0);
      expect(await blockingFindingsWhenSettled(page, 'synthesis draft')).toEqual([]);
      await saveScreenshot(page, 'synthesis-draft.png');

      // a sentence leads to the report it came from
      const source = sentences.first().locator('[data-testid="synthesis-source"]').first();
      const unit = (await source.textContent())!.trim();
      const href = (await source.getAttribute('href'))!;
      await source.click();
      await page.waitForURL(`**${href}`);
      await page.locator('[data-testid="report-page"]').waitFor();
      await expect.poll(() => page.locator('[data-testid="report-page"]').textContent()).toContain(unit);
      await page.goBack();
      await sentences.first().waitFor();

      // the draft edited and saved: version 2, by the secretariat, the sources kept
      await page.locator('[data-testid="synthesis-edit"]').click();
      const first = page.locator('[data-testid="synthesis-edit-sentence"]').first();
      await first.fill(EDITED);
      await page.locator('[data-testid="synthesis-save"]').click();
      await expect
        .poll(() => page.locator('[data-testid="synthesis-version"]').textContent())
        .toContain('Phiên bản 2');
      await expect.poll(() => sentences.first().textContent()).toContain(EDITED);
      expect(await sentences.first().locator('[data-testid="synthesis-source"]').count()).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });

  test('the obstacle clusters open on their sentences; the risk flags are ranked with their evidence', async () => {
    const [context, page] = await newPage();
    try {
      await page.goto(`/dot-bao-cao/${roundId}/tong-hop`);
      await page.getByRole('tab', { name: 'Cụm khó khăn' }).click();
      const clusters = page.locator('[data-testid="synthesis-clusters-obstacle"]');
      await clusters.locator('[data-testid="synthesis-cluster"]').first().click();
      const members = clusters.locator('[data-testid="synthesis-cluster-sentence"]');
      await members.first().waitFor();
      expect(await members.first().locator('a').count()).toBeGreaterThan(0);
      expect(await blockingFindingsWhenSettled(page, 'synthesis clusters')).toEqual([]);
      await saveScreenshot(page, 'synthesis-clusters.png');

      await page.getByRole('tab', { name: 'Cảnh báo rủi ro' }).click();
      const flags = page.locator('[data-testid="synthesis-risk"]');
      await flags.first().waitFor();
      const levels = await flags.evaluateAll((list) => list.map((li) => li.getAttribute('data-level')));
      const rank = { high: 0, medium: 1, low: 2 } as Record<string, number>;
      expect(levels.map((l) => rank[l ?? ''] ?? 9)).toEqual(
        [...levels.map((l) => rank[l ?? ''] ?? 9)].sort(),
      );
      expect(await blockingFindingsWhenSettled(page, 'synthesis risks')).toEqual([]);
      await saveScreenshot(page, 'synthesis-risks.png');
    } finally {
      await context.close();
    }
  });
  test('the secretariat previews a new theme of the lexicon on the round before saving it', async () => {
    const [context, page] = await newPage();
    try {
      await page.goto(`/dot-bao-cao/${roundId}/tong-hop`);
      await page.getByRole('link', { name: 'Bộ từ khóa chủ đề' }).click();
      await page.waitForURL('**/tong-hop/tu-khoa?roundId=*');
      const rows = page.locator('[data-testid="lexicon-table"] tr.ant-table-row');
      await rows.first().waitFor();
      const before = await rows.count();
      await page.getByRole('button', { name: 'Thêm chủ đề' }).click();
      await expect.poll(() => rows.count()).toBe(before + 1);
      const added = rows.last();
      await added.locator('input').nth(0).fill('TRU_SO');
      await added.locator('input').nth(1).fill('Trụ sở làm việc');
      const terms = added.locator('.ant-select input');
      await terms.fill('trụ sở');
      await terms.press('Enter');
      await page.locator('[data-testid="lexicon-preview"]').click();
      const result = page.locator('[data-testid="lexicon-preview-result"]');
      await result.waitFor();
      // sentences of the round that speak of the office now also have this theme
      await expect.poll(() => result.locator('tr.ant-table-row').count()).toBeGreaterThan(0);
      expect(await result.locator('tr.ant-table-row').first().textContent()).toContain('Trụ sở làm việc');
      expect(await blockingFindingsWhenSettled(page, 'synthesis lexicon')).toEqual([]);
      await result.evaluate((element) => {
        element.scrollIntoView({ block: 'start' });
        window.scrollBy(0, -72);
      });
      await saveScreenshot(page, 'synthesis-lexicon.png');
      // nothing saved by a preview
      expect(await page.locator('[data-testid="lexicon-version"]').textContent()).toContain('mặc định');
    } finally {
      await context.close();
    }
  });
});
