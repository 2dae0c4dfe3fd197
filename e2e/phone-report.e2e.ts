/**
 * How much work a quarterly report is for a commune officer on a 360-px phone: 5 tasks, 10
 * indicators and 1 evidence file, from signing in to submitting, counted interaction by interaction.
 *
 * An interaction is one tap, one field entry (tapping into a field and typing its value) or one file
 * chosen in the phone's picker. The budget is 30 interactions and 5 minutes. Five minutes is the
 * officer's time, not the script's: it is estimated from what was done, with the keystroke-level
 * figures below, plus the time the pages really took to answer in this run.
 *
 * Runs on its own server and database: the plan it creates (5 tasks led by the ward, 10 quarterly
 * indicators) must not show up in the other browser tests. Prints the counts and saves a screenshot
 * of the filled report to docs/screens/.
 */
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TReport } from '../common/contracts/reports';
import {
  type ApiClient,
  createActivePlan,
  expectOk,
  findReportId,
  findUnitByCode,
  signIn,
} from './api-client';
import {
  launchChromium,
  openPage,
  PageProblems,
  PHONE,
  SIGN_IN_FORM,
  saveScreenshot,
  TOUCH,
} from './browser';
import {
  createTestLocation,
  type DataLocation,
  DEMO_PASSWORD,
  type RunningServer,
  startServer,
} from './server';

const OFFICER = 'truongvinh.canbo';
const WARD_CODE = '16690';
const PERIOD = '2026Q3';
const BUDGET = { interactions: 30, seconds: 300 };
/**
 * Keystroke-level estimates for a phone (Card, Moran & Newell's model, with typing slowed to a
 * thumb on a touch keyboard): a tap, the thought before each field, one character typed.
 */
const SECONDS = { tap: 1.1, think: 1.35, character: 0.5, pickFile: 10 };

let location: DataLocation;
let server: RunningServer | null = null;
let browser: Browser;
let reportId = '';

/** Five tasks with what a ward would write, and ten indicator values. */
const TASKS = [
  {
    title: 'Triển khai dịch vụ công trực tuyến toàn trình tại bộ phận một cửa',
    progress: '80',
    results: 'Đã tiếp nhận 412 hồ sơ trực tuyến, đạt 78% tổng số hồ sơ.',
  },
  {
    title: 'Phổ cập kỹ năng số cho người dân theo mô hình tổ công nghệ số cộng đồng',
    progress: '65',
    results: 'Tổ chức 6 lớp tại 5 tổ dân phố, 320 lượt người dân tham gia.',
  },
  {
    title: 'Số hóa hồ sơ, giấy tờ hộ tịch còn lưu trữ bản giấy',
    progress: '50',
    results: 'Số hóa xong sổ hộ tịch từ năm 2010 đến 2018.',
  },
  {
    title: 'Lắp đặt camera giám sát an ninh trật tự tại các nút giao chính',
    progress: '40',
    results: 'Lắp mới 12 camera, kết nối về trung tâm giám sát của tỉnh.',
  },
  {
    title: 'Vận hành trang thông tin điện tử của phường',
    progress: '100',
    results: 'Đăng 48 tin bài; cập nhật đủ thủ tục hành chính.',
  },
];
const VALUES = ['78', '320', '1250', '12', '48', '5', '96', '3', '15', '100'];

beforeAll(async () => {
  location = await createTestLocation('phone');
  server = await startServer({ launcher: 'node-tsx', env: location.env });
  reportId = await prepareQuarterlyReport(await signIn(server.baseUrl, 'secretariat'));
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await location?.dispose();
});

/**
 * As the secretariat, through the API: a plan whose 5 tasks the ward leads and whose 10 quarterly
 * indicators wards report, and a round for the third quarter. Returns the ward's report.
 */
async function prepareQuarterlyReport(api: ApiClient): Promise<string> {
  const ward = await findUnitByCode(api, WARD_CODE);
  const plan = await createActivePlan(api, '15/KH-UBND', 'Kế hoạch thử: báo cáo quý trên điện thoại');
  const group = await expectOk<{ id: string }>(api, 'POST', `/plans/${plan.id}/items`, {
    kind: 'group',
    code: '1',
    title: 'Chuyển đổi số cấp xã',
  });
  const taskIds: string[] = [];
  for (const [i, task] of TASKS.entries()) {
    const item = await expectOk<{ id: string }>(api, 'POST', `/plans/${plan.id}/items`, {
      kind: 'task',
      parentId: group.id,
      code: `1.${i + 1}`,
      title: task.title,
      leadOrgUnitId: ward.id,
      deadline: '2026-12-31',
    });
    taskIds.push(item.id);
  }
  for (let i = 0; i < VALUES.length; i++) {
    await expectOk(api, 'POST', '/indicators', {
      code: `DT.XA_${String(i + 1).padStart(2, '0')}`,
      name: `Chỉ tiêu chuyển đổi số cấp xã số ${i + 1}`,
      unit: 'đơn vị',
      valueType: 'count',
      direction: 'higher_is_better',
      aggregation: 'sum',
      timeAggregation: 'sum',
      frequency: 'quarter',
      reportedBy: [ward.kind],
      planItemIds: [taskIds[i % taskIds.length]],
    });
  }
  const round = await expectOk<{ id: string }>(api, 'POST', '/rounds', { planId: plan.id, period: PERIOD });
  const reportId = await findReportId(api, round.id, ward.id);
  const detail = await expectOk<TReport>(api, 'GET', `/reports/${reportId}`);
  expect(detail.items).toHaveLength(5);
  expect(detail.indicatorCodes).toHaveLength(10);
  return reportId;
}

describe('a quarterly report on a 360-px phone', () => {
  test('takes at most 30 interactions and 5 minutes, from signing in to submitted', async () => {
    const [context, page] = await openPage(browser, {
      baseUrl: server!.baseUrl,
      viewport: PHONE,
      ...TOUCH,
      deviceScaleFactor: 2,
    });
    // watched from the sign-in on: before it, /api/auth/me answering 401 is expected
    const problems = new PageProblems();
    const done: { kind: 'tap' | 'entry' | 'file'; what: string; characters: number }[] = [];
    const tap = async (target: Locator, what: string) => {
      await target.tap();
      done.push({ kind: 'tap', what, characters: 0 });
    };
    const enter = async (target: Locator, text: string, what: string) => {
      await target.tap();
      await target.fill(text);
      done.push({ kind: 'entry', what, characters: text.length });
    };
    const started = performance.now();
    try {
      await page.goto('/');
      await enter(page.locator(SIGN_IN_FORM.username), OFFICER, 'tên đăng nhập');
      await enter(page.locator(SIGN_IN_FORM.password), DEMO_PASSWORD, 'mật khẩu');
      problems.watch(page, { console: ['error'] });
      await tap(page.locator(SIGN_IN_FORM.submit), 'Đăng nhập');
      await page.waitForURL(/\/viec-cua-toi/);
      await tap(page.locator(`[data-testid="inbox-item"][data-report="${reportId}"]`), 'mở báo cáo');
      await page.locator('[data-testid="report-page"]').waitFor();

      const report = (await (await context.request.get(`/api/reports/${reportId}`)).json()) as TReport;
      const field = (key: string) => page.locator(`[data-testid="report-field"][data-field="${key}"]`);
      for (const [i, item] of report.items.entries()) {
        const task = TASKS.find((t) => t.title === item.planItem.title)!;
        const id = item.planItem.id;
        await enter(
          field(`items.${id}.progress`).locator('input[data-testid="progress-input"]'),
          task.progress,
          `tiến độ ${i + 1}`,
        );
        await enter(field(`items.${id}.results`).locator('textarea'), task.results, `kết quả ${i + 1}`);
      }
      for (const [i, code] of report.indicatorCodes.entries()) {
        const input = page.locator(
          `[data-testid="report-indicators"] tr[data-code="${code}"] input[data-entry-col="value"]`,
        );
        await enter(input, VALUES[i]!, code);
      }

      // one file for the first task, picked from the phone's files
      const evidence = field(`items.${report.items[0]!.planItem.id}.evidence`);
      const chooser = page.waitForEvent('filechooser');
      await tap(evidence.locator('.lt-report-attach button'), 'Đính kèm');
      await (await chooser).setFiles({
        name: 'Biên bản kiểm tra quý III.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(
          '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
        ),
      });
      done.push({ kind: 'file', what: 'chọn tệp', characters: 0 });
      await evidence.locator('[data-testid="evidence-file"] a').waitFor();

      await saveScreenshot(page, 'phone-report-filled.png');

      const submitted = page.waitForResponse(
        (r) => r.url().endsWith(`/api/reports/${reportId}/submit`) && r.request().method() === 'POST',
      );
      await tap(page.locator('[data-testid="action-submit"]'), 'Gửi báo cáo');
      await tap(page.locator('[data-testid="confirm-ok"]'), 'xác nhận gửi');
      expect((await submitted).status()).toBe(200);
      await expect
        .poll(() => page.locator('[data-testid="report-page"]').getAttribute('data-status'))
        .toBe('submitted');
    } finally {
      await context.close();
    }
    const scriptSeconds = (performance.now() - started) / 1000;
    problems.expectNone('page errors or console errors');

    // what was saved is what was typed
    const api = await signIn(server!.baseUrl, 'secretariat');
    const saved = await expectOk<TReport>(api, 'GET', `/reports/${reportId}`);
    expect(saved.status).toBe('submitted');
    expect(saved.items.map((i) => i.results).toSorted()).toEqual(TASKS.map((t) => t.results).toSorted());
    expect(saved.evidence).toHaveLength(1);

    const count = (kind: string) => done.filter((d) => d.kind === kind).length;
    const characters = done.reduce((sum, d) => sum + d.characters, 0);
    const officerSeconds =
      (count('tap') + count('entry')) * SECONDS.tap +
      count('entry') * SECONDS.think +
      characters * SECONDS.character +
      count('file') * SECONDS.pickFile +
      scriptSeconds; // the pages' own waiting, as measured (the script types instantly)
    console.log(
      `phone report: ${done.length} interactions (${count('tap')} taps, ${count('entry')} field entries, ` +
        `${count('file')} file), ${characters} characters typed; estimated ${Math.round(officerSeconds)} s ` +
        `for the officer (the script took ${scriptSeconds.toFixed(1)} s)`,
    );
    expect(done.length).toBeLessThanOrEqual(BUDGET.interactions);
    expect(officerSeconds).toBeLessThanOrEqual(BUDGET.seconds);
  });
});
