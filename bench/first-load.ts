/**
 * `npm run bench:first-load -- [--runs=N] [--out=FILE]`
 *
 * The first load of the web app on a commune's 4G (issue 10, item 7). The real server on a fresh
 * PGlite database with the demo data (`node --import tsx server/main.ts`, the web build served
 * by it, as in production), and Debian Chromium (headless, a 360 × 780 phone) with the network
 * throttled through the DevTools protocol (`Network.emulateNetworkConditions`): 1.6 Mbit/s down,
 * 750 kbit/s up, 150 ms round trip — the "Fast 3G"/slow-4G profile of Lighthouse. Measured, each
 * `--runs` times (default 3), median reported:
 *   - sign-in page: from navigation until the username field can be typed into;
 *   - report page: the officer of Trường Vinh (truongvinh.canbo), already signed in, opens their
 *     report (a round opened for the demo plan through the API) until its first editable field shows;
 *   - dashboard: the leader at a 1366 × 768 desktop, network not throttled, until the status table,
 *     the indicator tiles and the status chart are drawn (issue 11: time to a rendered dashboard);
 * each cold (a new browser context: empty HTTP cache) and warm (the same address again in the same
 * context: the hashed assets come from the cache without a request, index.html is revalidated).
 * Bytes are the transfer sizes the browser saw (Network.loadingFinished encodedDataLength: headers
 * and compressed bodies), per kind, and how many responses came from the cache.
 * Prints Markdown and writes bench/results/<date>-first-load.json (or --out=FILE).
 */
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { signIn } from '../e2e/api-client';
import { assertChromium, CHROMIUM_ARGS, CHROMIUM_PATH, DEMO_PASSWORD, ensureWebBuild } from '../e2e/server';
import { writeBenchResult } from './results';
import { describeMachine, machine, onFreshDatabase, procStatusKb, resultFile, round1 } from './server-setup';

const args = process.argv.slice(2);
const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3);
const outArg = args.find((a) => a.startsWith('--out='))?.slice(6);
const OFFICER = 'truongvinh.canbo';
const WARD_CODE = '16690';

/** Lighthouse's throttled mobile profile: 1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT. */
export const NETWORK_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};

interface Transfer {
  requests: number;
  fromCache: number;
  bytes: number;
  scriptBytes: number;
  scriptRequests: number;
  cssBytes: number;
  documentBytes: number;
  apiBytes: number;
  /** what the server answered for scripts: br, gzip or identity */
  scriptEncodings: string[];
  /** every response not from the cache: path and bytes, largest first */
  responses: { path: string; bytes: number }[];
}

interface Sample {
  ms: number;
  transfer: Transfer;
}

/** Throttles the page and records every response's kind, cache use and transfer size. */
async function instrument(page: Page, throttled: boolean) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  if (throttled) await cdp.send('Network.emulateNetworkConditions', NETWORK_4G);
  const seen = new Map<
    string,
    { type: string; url: string; cached: boolean; encoding: string; bytes: number }
  >();
  cdp.on('Network.responseReceived', (e) => {
    const headers = Object.fromEntries(
      Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]),
    );
    seen.set(e.requestId, {
      type: e.type,
      url: e.response.url,
      cached: Boolean(e.response.fromDiskCache),
      encoding: String(headers['content-encoding'] ?? 'identity'),
      bytes: 0,
    });
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    const entry = seen.get(e.requestId);
    if (entry) entry.cached = true;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const entry = seen.get(e.requestId);
    if (entry) entry.bytes = e.encodedDataLength;
  });
  return {
    transfer(): Transfer {
      const all = [...seen.values()];
      const sum = (pick: (x: (typeof all)[number]) => boolean) =>
        all.filter(pick).reduce((total, x) => total + x.bytes, 0);
      const scripts = all.filter((x) => x.type === 'Script');
      return {
        requests: all.length,
        fromCache: all.filter((x) => x.cached).length,
        bytes: sum(() => true),
        scriptBytes: sum((x) => x.type === 'Script'),
        scriptRequests: scripts.filter((x) => !x.cached).length,
        cssBytes: sum((x) => x.type === 'Stylesheet'),
        documentBytes: sum((x) => x.type === 'Document'),
        apiBytes: sum((x) => new URL(x.url).pathname.startsWith('/api/')),
        scriptEncodings: [...new Set(scripts.filter((x) => !x.cached).map((x) => x.encoding))],
        responses: all
          .filter((x) => !x.cached)
          .map((x) => ({ path: new URL(x.url).pathname, bytes: x.bytes }))
          .sort((a, b) => b.bytes - a.bytes),
      };
    },
  };
}

/** Opens `url` in a new page of `context`, throttled unless told, and times it until `ready` resolves. */
async function visit(
  context: BrowserContext,
  url: string,
  ready: (page: Page) => Promise<unknown>,
  throttled = true,
) {
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const recorder = await instrument(page, throttled);
  const started = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await ready(page);
  const ms = performance.now() - started;
  // let the last responses finish, so that their sizes are counted
  await page.waitForLoadState('networkidle').catch(() => undefined);
  const transfer = recorder.transfer();
  await page.close();
  return { ms: round1(ms), transfer };
}

const signInReady = (page: Page) =>
  page.locator('[data-testid="login-username"]').waitFor({ state: 'visible' });
/** The report page is usable when its first field that takes input shows. */
const reportReady = (page: Page) =>
  page
    .locator('[data-testid="report-field"] :is(input, textarea):not([disabled]):not([readonly])')
    .first()
    .waitFor({ state: 'visible' });

/** The leader's dashboard is drawn when its status table, its indicator tiles and its chart are. */
const dashboardReady = async (page: Page) => {
  await page.locator('[data-testid="dashboard-status-table"] tbody tr').first().waitFor({ state: 'visible' });
  await page.locator('[data-testid="indicator-value"]').first().waitFor({ state: 'visible' });
  await page.locator('[data-testid="dashboard-status-chart"] canvas').first().waitFor({ state: 'attached' });
};

function median(samples: Sample[]): Sample {
  const sorted = [...samples].sort((a, b) => a.ms - b.ms);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** A round of the demo plan, opened by the secretariat, and the id of Trường Vinh's report in it. */
async function officerReport(baseUrl: string): Promise<string> {
  const secretariat = await signIn(baseUrl, 'secretariat');
  const plans = await secretariat.request<{ items: { id: string }[] }>('GET', '/plans');
  const planId = plans.body.items[0]!.id;
  // the most recent month whose round the server accepts
  const now = new Date();
  for (let back = 0; back < 6; back++) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    const period = `${d.getUTCFullYear()}M${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    const round = await secretariat.request<{ id: string }>('POST', '/rounds', { planId, period });
    if (round.status !== 201 && round.status !== 200) continue;
    const reports = await secretariat.request<{ items: { reportId: string; orgUnit: { code: string } }[] }>(
      'GET',
      `/rounds/${round.body.id}/reports?pageSize=500`,
    );
    const mine = reports.body.items.find((r) => r.orgUnit.code === WARD_CODE);
    if (mine) return mine.reportId;
  }
  throw new Error(`no round with a report for ${WARD_CODE} could be opened`);
}

async function main() {
  assertChromium();
  const build = ensureWebBuild();
  if (build.built) console.log(`web build: ${Math.round(build.ms)} ms`);
  const result = await onFreshDatabase(
    'pglite',
    { pglite: 'lotrinh-bench-first-load-', postgresql: 'lotrinh_bench_first_load_' },
    async (location, server) => {
      const running = await server.start({ launcher: 'node-tsx', env: location.env });
      const reportId = await officerReport(running.baseUrl);
      const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
      const newContext = () =>
        browser.newContext({
          viewport: { width: 360, height: 780 },
          deviceScaleFactor: 2,
          isMobile: true,
          hasTouch: true,
          locale: 'vi-VN',
          timezoneId: 'Asia/Ho_Chi_Minh',
          baseURL: running.baseUrl,
        });
      const samples = {
        signIn: { cold: [] as Sample[], warm: [] as Sample[] },
        report: { cold: [] as Sample[], warm: [] as Sample[] },
        dashboard: { cold: [] as Sample[], warm: [] as Sample[] },
      };
      try {
        for (let i = 0; i < runs; i++) {
          const signInContext = await newContext();
          samples.signIn.cold.push(await visit(signInContext, '/dang-nhap', signInReady));
          samples.signIn.warm.push(await visit(signInContext, '/dang-nhap', signInReady));
          await signInContext.close();

          const reportContext = await newContext();
          // signed in beforehand (the cookie in the context), not through the page: the page's load alone
          const login = await reportContext.request.post('/api/auth/login', {
            data: { username: OFFICER, password: DEMO_PASSWORD },
          });
          if (!login.ok()) throw new Error(`sign-in of ${OFFICER}: ${login.status()}`);
          samples.report.cold.push(await visit(reportContext, `/bao-cao/${reportId}`, reportReady));
          samples.report.warm.push(await visit(reportContext, `/bao-cao/${reportId}`, reportReady));
          await reportContext.close();

          // the leader at a desktop in the office: 1366 × 768, the network not throttled
          const leaderContext = await browser.newContext({
            viewport: { width: 1366, height: 768 },
            locale: 'vi-VN',
            timezoneId: 'Asia/Ho_Chi_Minh',
            baseURL: running.baseUrl,
          });
          const leader = await leaderContext.request.post('/api/auth/login', {
            data: { username: 'leader', password: DEMO_PASSWORD },
          });
          if (!leader.ok()) throw new Error(`sign-in of leader: ${leader.status()}`);
          samples.dashboard.cold.push(await visit(leaderContext, '/dieu-hanh', dashboardReady, false));
          samples.dashboard.warm.push(await visit(leaderContext, '/dieu-hanh', dashboardReady, false));
          await leaderContext.close();
        }
      } finally {
        await browser.close();
      }
      return {
        // the server's peak resident memory over the start, the seed and every visit (kB)
        serverPeakRssKb: procStatusKb(running.pid, 'VmHWM'),
        signIn: { cold: median(samples.signIn.cold), warm: median(samples.signIn.warm) },
        report: { cold: median(samples.report.cold), warm: median(samples.report.warm) },
        dashboard: { cold: median(samples.dashboard.cold), warm: median(samples.dashboard.warm) },
        all: samples,
      };
    },
  );
  const m = machine();
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(`\n## First load on 4G (1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT), median of ${runs}\n`);
  console.log(
    '| page | visit | time to usable | transferred | of which JS | JS requests | from cache | JS encoding |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---|');
  for (const [name, page] of [
    ['sign-in', result.signIn],
    ['report (officer)', result.report],
    ['dashboard (leader, desktop, not throttled)', result.dashboard],
  ] as const) {
    for (const visitKind of ['cold', 'warm'] as const) {
      const s = page[visitKind];
      console.log(
        `| ${name} | ${visitKind} | ${Math.round(s.ms)} ms | ${kb(s.transfer.bytes)} | ${kb(s.transfer.scriptBytes)} | ${s.transfer.scriptRequests} | ${s.transfer.fromCache}/${s.transfer.requests} | ${s.transfer.scriptEncodings.join(', ') || '—'} |`,
      );
    }
  }
  console.log(
    `\nserver peak RSS (PGlite, start + demo seed + every visit): ${Math.round(result.serverPeakRssKb / 1024)} MB`,
  );
  console.log(`\n${describeMachine(m)}, load ${Object.values(m.loadAverage).join(' / ')}`);
  const outFile = resultFile(outArg, `${new Date().toISOString().slice(0, 10)}-first-load.json`);
  writeBenchResult(outFile, { network: NETWORK_4G, runs, machine: m, ...result });
  console.log(`written: ${outFile}`);
}

await main();
