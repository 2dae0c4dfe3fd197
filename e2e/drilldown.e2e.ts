/**
 * Drill-down in the browser, against the real server with the demo data. A department reports on
 * a task, is returned by the secretariat for a missing file, attaches it and is accepted (all
 * through the API, as the people would); the leader then opens the task, reads its results round
 * by round with the return and its reason, downloads the evidence file from the trail, and opens a
 * commune's page. A ward officer trying another ward's page sees "not found". Screenshots to
 * docs/screens/task-trail.png and docs/screens/unit-overview.png.
 */
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import type { TOrgUnitTree } from '../common/contracts/org-units';
import type { TReport } from '../common/contracts/reports';
import type { TRound, TRoundList, TRoundReport } from '../common/contracts/rounds';
import type { TTaskTrail } from '../common/contracts/task-trail';
import type { TUnitOverview } from '../common/contracts/unit-overview';
import {
  blockingFindingsWhenSettled,
  DESKTOP,
  launchChromium,
  openPage,
  PageProblems,
  saveScreenshot,
  signInContext,
} from './browser';

const baseUrl = inject('baseUrl');
/** A period no other browser test opens a round for. */
const PERIOD = '2026N9';
const DEPARTMENT = '40.SKHCN';
const WARD = '16690';
const OTHER_WARD = '16681';
const RETURN_REASON = 'Chưa kèm biên bản nghiệm thu của hội đồng';
const FILE_NAME = 'Biên bản nghiệm thu đề án.pdf';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

let browser: Browser;
const problems = new PageProblems();

/** A signed-in API session (cookie in the context, CSRF token on each call). */
interface Session {
  request: APIRequestContext;
  call<T>(method: string, url: string, data?: unknown, expected?: number[]): Promise<T>;
}

async function session(username: string): Promise<Session> {
  const context = await browser.newContext({ baseURL: baseUrl });
  const { csrfToken } = await signInContext(context, username);
  return {
    request: context.request,
    async call<T>(method: string, url: string, data?: unknown, expected = [200, 201]) {
      const response = await context.request.fetch(`/api${url}`, {
        method,
        headers: { 'x-csrf-token': csrfToken },
        ...(data === undefined ? {} : Buffer.isBuffer(data) ? { data } : { data: data as object }),
      });
      if (!expected.includes(response.status())) {
        throw new Error(`${method} ${url} as ${username} → ${response.status()}: ${await response.text()}`);
      }
      return (await response.json()) as T;
    },
  };
}

async function newPage(username: string, viewport = DESKTOP): Promise<[BrowserContext, Page]> {
  const [context, page] = await openPage(browser, { baseUrl, viewport, username, navigationTimeout: 60_000 });
  problems.watch(page);
  return [context, page];
}

function findUnit(nodes: TOrgUnitTree['roots'], code: string): string | undefined {
  for (const node of nodes) {
    if (node.code === code) return node.id;
    const below = findUnit(node.children, code);
    if (below) return below;
  }
  return undefined;
}

/** Opens the round of PERIOD (or finds it, reopened if a run before closed it) and returns it. */
async function roundOf(secretariat: Session, planId: string): Promise<TRound> {
  const opened = await secretariat.call<TRound | { code: string }>(
    'POST',
    '/rounds',
    { planId, period: PERIOD },
    [201, 409],
  );
  if ('id' in opened) return opened;
  const list = await secretariat.call<TRoundList>('GET', `/rounds?planId=${planId}&pageSize=100`);
  const round = list.items.find((r) => r.period === PERIOD)!;
  if (round.status === 'closed') {
    return secretariat.call<TRound>('POST', `/rounds/${round.id}/reopen`, {
      version: round.version,
      reason: 'Kiểm thử',
    });
  }
  return round;
}

/** Moves a report one step, from the version it is at now. */
async function step(who: Session, reportId: string, action: string, reason?: string) {
  const { version } = await who.call<TReport>('GET', `/reports/${reportId}`);
  await who.call('POST', `/reports/${reportId}/${action}`, { version, ...(reason ? { reason } : {}) });
}

let taskId: string;
let reportId: string;
let returnReason: string;
let fileName: string;
let fileBytes: Buffer | null = null;
let wardId: string;
let otherWardId: string;

/**
 * A report the demo history returned, then accepted, with a file attached to the task: its task,
 * report, reason and file. Null when the demo data has none (the test then makes one).
 */
async function demoTrail(leader: Session, departmentId: string) {
  const unit = await leader.call<TUnitOverview>('GET', `/dashboard/units/${departmentId}`);
  for (const task of unit.tasks.filter((t) => t.role === 'lead')) {
    const trail = await leader.call<TTaskTrail>('GET', `/items/${task.id}/trail`);
    const entry = trail.entries.find(
      (e) =>
        e.role === 'lead' &&
        e.orgUnit.id === departmentId &&
        e.status === 'accepted' &&
        e.steps.some((s) => s.action === 'return') &&
        e.evidence.some((f) => f.forTask),
    );
    if (entry) {
      const reason = entry.steps.find((s) => s.action === 'return')!.reason!;
      return {
        taskId: task.id,
        reportId: entry.reportId,
        reason,
        fileName: entry.evidence.find((f) => f.forTask)!.fileName,
      };
    }
  }
  return null;
}

/** The department reports on its task in a round of its own, is returned for a missing file, adds it and is accepted. */
async function makeTrail(secretariat: Session) {
  const officer = await session('skhcn.canbo');
  const head = await session('skhcn.lanhdao');
  const plans = await secretariat.call<{ items: { id: string }[] }>('GET', '/plans');
  const round = await roundOf(secretariat, plans.items[0]!.id);
  const rows = await secretariat.call<{ items: TRoundReport[] }>(
    'GET',
    `/rounds/${round.id}/reports?pageSize=500`,
  );
  reportId = rows.items.find((r) => r.orgUnit.code === DEPARTMENT)!.reportId;
  returnReason = RETURN_REASON;
  fileName = FILE_NAME;
  fileBytes = PDF;
  let report = await officer.call<TReport>('GET', `/reports/${reportId}`);
  const lead = report.items.find((i) => i.role === 'lead') ?? report.items[0]!;
  taskId = lead.planItem.id;
  // a run before on this database may have got this far
  if (report.status !== 'accepted') {
    report = await officer.call<TReport>('PATCH', `/reports/${reportId}`, {
      version: report.version,
      items: [
        {
          planItemId: taskId,
          progress: 60,
          results: 'Đã trình UBND tỉnh dự thảo đề án; tổ chức 2 hội thảo lấy ý kiến.',
          obstacles: 'Chậm nhận góp ý của một số sở, ngành.',
          proposals: 'Đề nghị Tổ giúp việc đôn đốc các đơn vị gửi góp ý.',
        },
      ],
    });
    await step(officer, reportId, 'submit');
    await step(head, reportId, 'approve');
    await step(secretariat, reportId, 'return', RETURN_REASON);
    const { version } = await officer.call<TReport>('GET', `/reports/${reportId}`);
    await officer.call(
      'POST',
      `/reports/${reportId}/evidence?fileName=${encodeURIComponent(FILE_NAME)}&planItemId=${taskId}&version=${version}`,
      PDF,
    );
    await step(officer, reportId, 'submit');
    await step(head, reportId, 'approve');
    await step(secretariat, reportId, 'accept');
  }
  // closed again, so that the province's open round stays the current one for the other pages
  const { version: roundVersion } = await secretariat.call<TRound>('GET', `/rounds/${round.id}`);
  await secretariat.call('POST', `/rounds/${round.id}/close`, { version: roundVersion });
}

beforeAll(async () => {
  browser = await launchChromium();
  const secretariat = await session('secretariat');
  const leader = await session('leader');
  const tree = await secretariat.call<TOrgUnitTree>('GET', '/org-units/tree');
  wardId = findUnit(tree.roots, WARD)!;
  otherWardId = findUnit(tree.roots, OTHER_WARD)!;
  const found = await demoTrail(leader, findUnit(tree.roots, DEPARTMENT)!);
  if (found) ({ taskId, reportId, reason: returnReason, fileName } = found);
  else await makeTrail(secretariat);
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

afterEach(() => problems.expectNone());

describe('drill-down', () => {
  test('the leader follows a task’s trail to its evidence file, then opens a commune', async () => {
    const [context, page] = await newPage('leader');
    await page.goto(`/items/${taskId}`);
    const entry = page.locator(`[data-testid="trail-entry"][data-report="${reportId}"]`);
    await page.locator('[data-testid="trail-entry"]').first().waitFor();
    if ((await entry.count()) === 0) await page.locator('[data-testid="trail-show-all"]').click();
    await entry.waitFor();
    expect(await entry.getAttribute('data-role')).toBe('lead');
    expect(await entry.locator('[data-testid="trail-return-reason"]').textContent()).toContain(returnReason);
    const steps = await entry
      .locator('[data-action]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(steps).toContain('return');
    expect(steps.at(-1)).toBe('accept');
    // the card's top under the sticky header, then what a leader sees
    await page.locator('[data-testid="task-trail"]').evaluate((el) => {
      el.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -72);
    });
    await saveScreenshot(page, 'task-trail.png');
    expect(await blockingFindingsWhenSettled(page, 'task trail')).toEqual([]);

    // the evidence link answers with the file itself
    const file = entry.locator('[data-testid="trail-evidence"]', { hasText: fileName });
    const href = await file.getAttribute('href');
    const download = await context.request.get(href!);
    expect(download.status()).toBe(200);
    const body = Buffer.from(await download.body());
    expect(body.length).toBeGreaterThan(0);
    expect(Number(download.headers()['content-length'])).toBe(body.length);
    expect(download.headers()['content-disposition']).toContain(encodeURIComponent(fileName));
    if (fileBytes) expect(body.equals(fileBytes)).toBe(true);

    // every entry leads to its report
    await entry.locator('[data-testid="trail-report-link"]').click();
    await page.waitForURL(`**/bao-cao/${reportId}`);

    // a commune's page: its kind, its parent, its tasks, reports and indicators
    await page.goto(`/don-vi/${wardId}`);
    await page.locator('[data-testid="unit-header"]').waitFor();
    expect(await page.locator('[data-testid="unit-kind"]').textContent()).toMatch(/Phường|Xã/);
    await page.locator('[data-testid="unit-tasks"]').waitFor();
    await page.locator('[data-testid="unit-indicators"]').waitFor();
    expect(await page.locator('[data-testid="unit-scorecard-link"]').getAttribute('href')).toBe(
      `/bang-diem/${wardId}`,
    );
    expect(await page.locator('[data-testid="unit-history-link"]').getAttribute('href')).toBe(
      `/dot-bao-cao/don-vi/${wardId}`,
    );
    await page.evaluate(() => window.scrollTo(0, 0));
    await saveScreenshot(page, 'unit-overview.png');
    expect(await blockingFindingsWhenSettled(page, 'unit overview')).toEqual([]);

    // the trail on a 360-px phone: nothing wider than the screen
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto(`/items/${taskId}`);
    await page.locator('[data-testid="trail-entry"]').first().waitFor();
    // an older entry sits behind "show all", as on the desktop
    if ((await entry.count()) === 0) await page.locator('[data-testid="trail-show-all"]').click();
    await entry.waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await context.close();
  }, 180_000);

  test('a ward officer cannot open another ward’s page: "not found", nothing of it shown', async () => {
    const [context, page] = await newPage('truongvinh.canbo', { width: 390, height: 844 });
    await page.goto(`/don-vi/${otherWardId}`);
    const notFound = page.locator('[data-testid="unit-not-found"]');
    await notFound.waitFor();
    expect(await notFound.textContent()).toContain('Không tìm thấy đơn vị');
    expect(await page.locator('[data-testid="unit-tasks"]').count()).toBe(0);
    // its own ward opens
    await page.goto(`/don-vi/${wardId}`);
    await page.locator('[data-testid="unit-header"]').waitFor();
    await context.close();
  }, 120_000);
});
