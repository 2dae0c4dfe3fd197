/**
 * `npm run bench:dashboard -- [--pg] [--n=N] [--no-browser] [--out=FILE] [--reuse=URL]`
 *
 * The operations dashboard (issue 11) on the province demo data: the real server (`node --import tsx
 * server/main.ts`) on a fresh PGlite database (and with --pg also on PostgreSQL, BENCH_DATABASE_URL),
 * signed in as the demo leader. Every endpoint of ENDPOINTS is asked N times (default 50) one after
 * another, as a first load asks it (no If-None-Match), and N times as a poll asks it (with the ETag
 * of the last answer: 304 while nothing changed); p50/p95 of each. The first answer of each is
 * reported apart ("first"), and so is the indicator panel's recomputation after a value is written
 * (its figures are computed once per data version, then shared). Then the time to a rendered
 * dashboard in headless Chromium (1440 × 900, no throttling): cold (a new browser context) and warm
 * (the same context again), until the status chart, the overdue count and an indicator tile show.
 * Reports the server's peak RSS. Prints Markdown (one table per database, ready to paste into
 * docs/PERFORMANCE.md, with the load averages at the start and the end: a loaded machine inflates
 * every figure); writes bench/results/<date>-dashboard.json. Progress goes to stderr.
 *
 * The server's first start migrates and seeds the demo (its rounds and three years of values): on a
 * loaded machine that has taken over 180 s, so the bench waits up to START_TIMEOUT_MS for it. A
 * failing browser run is reported as not measured instead of losing the endpoints' figures.
 *
 * --reuse=URL: at national scale instead — on a PostgreSQL database kept by
 * `npm run bench:indicators -- --scale=national --load-only --keep` (4,036 units, 150 indicators,
 * 20.8 M values). The demo plan, its indicators, history, users and rounds are laid over it once
 * (the province's units are the dataset's own), then every endpoint above is measured as on the
 * demo, plus NATIONAL_ENDPOINTS as the bench's nationwide secretariat. Budget: p95 ≤ 150 ms.
 */
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { type BrowserContext, chromium } from 'playwright-core';
import { signIn } from '../e2e/api-client';
import { assertChromium, CHROMIUM_ARGS, CHROMIUM_PATH, DEMO_PASSWORD, ensureWebBuild } from '../e2e/server';
import { openDatabase } from '../server/db/client';
import { rowsOf } from '../server/db/sql';
import { seedDemo } from '../server/demo/seed';
import { createEvidenceStore } from '../server/modules/evidence/storage';
import { BENCH_PASSWORD, BENCH_USERNAME } from './indicators/load';
import { writeBenchResult } from './results';
import {
  BenchServer,
  type DbKind,
  describeMachine,
  type Latency,
  machine,
  onFreshDatabase,
  procStatusKb,
  resultFile,
  round1,
  summarise,
} from './server-setup';

/** What the endpoints below may need, found on the demo data once the server is up. */
export interface BenchContext {
  planId: string;
  provinceId: string;
  /** a commune (Trường Vinh ward) and a department (Sở KH&CN) */
  communeId: string;
  departmentId: string;
  /** a task of the plan led by the department, and an indicator with targets */
  taskId: string;
  indicatorCode: string;
}

/**
 * The endpoints measured, under /api. Other panels of the dashboard (scorecards, map values, a task's
 * trail, a unit's overview) add theirs here with a one-line edit.
 */
export const ENDPOINTS: { name: string; path: (c: BenchContext) => string }[] = [
  { name: 'task-status', path: (c) => `/dashboard/task-status?planId=${c.planId}` },
  { name: 'task-list overdue', path: (c) => `/dashboard/task-list?planId=${c.planId}&list=overdue` },
  { name: 'task-list at_risk', path: (c) => `/dashboard/task-list?planId=${c.planId}&list=at_risk` },
  { name: 'task-list due_soon', path: (c) => `/dashboard/task-list?planId=${c.planId}&list=due_soon` },
  { name: 'indicators', path: (c) => `/dashboard/indicators?planId=${c.planId}` },
  { name: 'round', path: (c) => `/dashboard/round?planId=${c.planId}` },
  { name: 'themes', path: (c) => `/dashboard/themes?planId=${c.planId}` },
  {
    name: 'task-status (communes)',
    path: (c) => `/dashboard/task-status?planId=${c.planId}&unitKind=commune`,
  },
  { name: 'round (communes)', path: (c) => `/dashboard/round?planId=${c.planId}&unitKind=ward` },
  { name: 'scorecards (agencies, year)', path: () => '/scorecards?kind=agency' },
  { name: 'scorecards (communes, year)', path: () => '/scorecards?kind=commune' },
  {
    name: 'scorecards (communes, quarter)',
    path: () => `/scorecards?kind=commune&period=${new Date().getFullYear()}Q${quarterNow()}`,
  },
  { name: 'scorecard (department, year)', path: (c) => `/scorecards/${c.departmentId}` },
  { name: 'scorecard (commune, year)', path: (c) => `/scorecards/${c.communeId}` },
  { name: 'unit overview (commune)', path: (c) => `/dashboard/units/${c.communeId}` },
  { name: 'task trail', path: (c) => `/items/${c.taskId}/trail` },
  { name: 'indicator catalogue + status', path: () => '/indicators?pageSize=20&withAttainment=true' },
  { name: 'catalogue status filter', path: () => '/indicators?attainment=at_risk,off_track&pageSize=20' },
  {
    name: 'indicator by commune',
    path: (c) =>
      `/analytics/breakdown?indicator=${c.indicatorCode}&orgUnitId=${c.provinceId}&period=${new Date().getFullYear()}`,
  },
  {
    name: 'indicator performance',
    path: (c) => `/analytics/performance?indicator=${c.indicatorCode}&orgUnitId=${c.provinceId}`,
  },
  {
    name: 'map values (indicator)',
    path: (c) => `/dashboard/map?indicator=${c.indicatorCode}&period=${new Date().getFullYear() - 1}`,
  },
  { name: 'map boundary (GeoJSON)', path: (c) => `/geo/${c.provinceId}` },
];

/** At national scale, the indicator panels over the whole country (one of the dataset's indicators). */
export const NATIONAL_ENDPOINTS: { name: string; path: (c: NationalContext) => string }[] = [
  {
    name: 'national: indicator by province',
    path: (c) =>
      `/analytics/breakdown?indicator=CT001&orgUnitId=${c.nationId}&period=${new Date().getFullYear() - 1}`,
  },
  {
    name: 'national: indicator performance',
    path: (c) => `/analytics/performance?indicator=CT001&orgUnitId=${c.nationId}`,
  },
  { name: 'national: catalogue + status', path: () => '/indicators?pageSize=20&withAttainment=true' },
  { name: 'national: unit overview (province)', path: (c) => `/dashboard/units/${c.provinceId}` },
];

interface NationalContext {
  nationId: string;
  provinceId: string;
}

/** The calendar quarter of today (the scorecards' quarter list). */
function quarterNow(): number {
  return Math.floor(new Date().getMonth() / 3) + 1;
}

/** How long the first start (migrations, the demo seed) may take before the bench gives up. */
const START_TIMEOUT_MS = 600_000;
/** The budget of issue 11 on the province demo on PGlite (PostgreSQL: the same here, 150 ms nationally). */
const BUDGET_P95_MS = 100;
const NATIONAL_BUDGET_P95_MS = 150;

const args = process.argv.slice(2);
const n = Number(args.find((a) => a.startsWith('--n='))?.slice(4) ?? 50);
const kinds: DbKind[] = args.includes('--pg') ? ['pglite', 'postgresql'] : ['pglite'];
const browserToo = !args.includes('--no-browser');
const outArg = args.find((a) => a.startsWith('--out='))?.slice(6);
const reuseUrl = args.find((a) => a.startsWith('--reuse='))?.slice(8);
const budget = reuseUrl ? NATIONAL_BUDGET_P95_MS : BUDGET_P95_MS;

interface EndpointResult {
  name: string;
  path: string;
  status: number;
  firstMs: number;
  full: Latency;
  revalidated: Latency;
  revalidatedStatus: number;
}

/** A GET with the leader's session; ms from sending to the last byte. */
async function timed(api: LeaderClient, path: string, etag?: string) {
  const started = performance.now();
  const response = await api.raw(path, etag ? { 'if-none-match': etag } : {});
  await response.arrayBuffer();
  return { ms: performance.now() - started, status: response.status, etag: response.headers.get('etag') };
}

type LeaderClient = Awaited<ReturnType<typeof leaderClient>>;

/** A leader client that also gives the raw response (headers, 304s), over keep-alive fetch. */
async function leaderClient(baseUrl: string, username = 'leader', password = DEMO_PASSWORD) {
  const api = await signIn(baseUrl, username, password);
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return Object.assign(api, {
    raw: (path: string, headers: Record<string, string> = {}) =>
      fetch(`${baseUrl}/api${path}`, { headers: { cookie, 'accept-encoding': 'br, gzip', ...headers } }),
  });
}

async function unitIdByCode(baseUrl: string, code: string): Promise<string> {
  const api = await signIn(baseUrl, BENCH_USERNAME, BENCH_PASSWORD);
  const res = await api.request<{ items: { id: string; code: string }[] }>('GET', `/org-units?q=${code}`);
  const unit = res.body.items.find((u) => u.code === code);
  if (!unit) throw new Error(`unit ${code} not found (${res.status})`);
  return unit.id;
}

async function findContext(baseUrl: string): Promise<BenchContext> {
  const api = await signIn(baseUrl, 'secretariat');
  const get = async <T>(path: string) => {
    const res = await api.request<T>('GET', path);
    if (res.status !== 200) throw new Error(`GET ${path} → ${res.status}`);
    return res.body;
  };
  const plans = await get<{ items: { id: string }[] }>('/plans?status=active');
  const planId = plans.items[0]!.id;
  const unit = async (q: string) =>
    (await get<{ items: { id: string; code: string }[] }>(`/org-units?q=${q}`)).items;
  const provinceId = (await unit('40')).find((u) => u.code === '40')!.id;
  const communeId = (await unit('16690')).find((u) => u.code === '16690')!.id;
  const departmentId = (await unit('SKHCN')).find((u) => u.code === '40.SKHCN')!.id;
  const tasks = await get<{ items: { id: string }[] }>(
    `/plans/${planId}/items?lead=${departmentId}&pageSize=1`,
  );
  return {
    planId,
    provinceId,
    communeId,
    departmentId,
    taskId: tasks.items[0]!.id,
    indicatorCode: 'HS.DUNGHAN_TYLE',
  };
}

/** The indicator panel after a value is written: the figures of the new version, computed once. */
async function recompute(baseUrl: string, c: BenchContext, api: LeaderClient) {
  const secretariat = await signIn(baseUrl, 'secretariat');
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const written = await secretariat.request('POST', '/data-values', {
      values: [{ indicatorCode: 'HS.TIEPNHAN', orgUnitCode: '16690', period: '2026M01', value: 1000 + i }],
    });
    if (written.status !== 200)
      throw new Error(`writing a value → ${written.status} ${JSON.stringify(written.body)}`);
    times.push((await timed(api, `/dashboard/indicators?planId=${c.planId}`)).ms);
  }
  return summarise(times);
}

async function renderTimes(baseUrl: string, planId: string) {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const ready = async (context: BrowserContext) => {
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    const started = performance.now();
    await page.goto(`/dieu-hanh?plan=${planId}`, { waitUntil: 'commit' });
    await page.locator('[data-testid="dashboard-status-chart"] canvas').waitFor();
    await page.locator('[data-testid="stat-overdue"]').filter({ hasText: /^\d+$/ }).waitFor();
    await page.locator('[data-testid="dashboard-indicators"] .lt-dash-tile').first().waitFor();
    const ms = performance.now() - started;
    await page.close();
    return round1(ms);
  };
  const cold: number[] = [];
  const warm: number[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, baseURL: baseUrl });
      const login = await context.request.post('/api/auth/login', {
        data: { username: 'leader', password: DEMO_PASSWORD },
      });
      if (!login.ok()) throw new Error(`sign-in → ${login.status()}`);
      cold.push(await ready(context));
      warm.push(await ready(context));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { coldMs: median(cold), warmMs: median(warm), cold, warm };
}

/** N first-load and N revalidating requests of one endpoint. */
async function measureEndpoint(kind: DbKind, api: LeaderClient, name: string, path: string) {
  const first = await timed(api, path);
  const full: number[] = [];
  const revalidated: number[] = [];
  let revalidatedStatus = 0;
  let etag = first.etag ?? undefined;
  for (let i = 0; i < n; i++) full.push((await timed(api, path)).ms);
  for (let i = 0; i < n; i++) {
    const answer = await timed(api, path, etag);
    revalidated.push(answer.ms);
    revalidatedStatus = answer.status;
    etag = answer.etag ?? etag;
  }
  console.error(
    `${kind} ${name}: ${first.status}, first ${round1(first.ms)} ms, p50 ${summarise(full).p50} ms, p95 ${summarise(full).p95} ms`,
  );
  return {
    name,
    path,
    status: first.status,
    firstMs: round1(first.ms),
    full: summarise(full),
    revalidated: summarise(revalidated),
    revalidatedStatus,
  } satisfies EndpointResult;
}

/**
 * National scale: the demo plan with its indicators, history, users and rounds laid once over the
 * kept national dataset (reusing the province's units), the database migrated first.
 */
async function layDemoOverNational(url: string, evidenceDir: string) {
  const handle = await openDatabase({ url, dataDir: '' });
  try {
    await handle.migrate();
    const planCount = rowsOf<{ n: number }>(
      await handle.db.execute(sql`select count(*)::int as n from plans`),
    )[0]!.n;
    if (planCount > 0) return console.error('national: the demo plan is already there');
    console.error(
      'national: laying the demo plan, its indicators, history, users and rounds over the dataset…',
    );
    const counts = await seedDemo(handle.db, {
      password: DEMO_PASSWORD,
      reuseExistingUnits: true,
      evidenceStore: createEvidenceStore({ kind: 'disk', dir: evidenceDir }),
    });
    console.error(`national: ${JSON.stringify(counts)}`);
  } finally {
    await handle.close();
  }
}

async function measure(kind: DbKind) {
  if (reuseUrl) {
    const evidenceDir = path.join(os.tmpdir(), 'lotrinh-bench-dashboard-national-evidence');
    await layDemoOverNational(reuseUrl, evidenceDir);
    const server = new BenchServer();
    try {
      return await measureWith(
        kind,
        { DATABASE_URL: reuseUrl, SEED_DEMO: 'false', EVIDENCE_DIR: evidenceDir },
        server,
      );
    } catch (error) {
      if (server.running) console.error(`server output:\n${server.running.output()}`);
      throw error;
    } finally {
      await server.stop();
    }
  }
  return onFreshDatabase(
    kind,
    { pglite: 'lotrinh-bench-dashboard-', postgresql: 'lotrinh_bench_dashboard_' },
    (location, server) => measureWith(kind, location.env, server),
  );
}

async function measureWith(kind: DbKind, env: Record<string, string>, server: BenchServer) {
  console.error(`${kind}: starting the server (migrations and the demo seed on the first start)…`);
  const running = await server.start({
    launcher: 'node-tsx',
    env,
    timeoutMs: START_TIMEOUT_MS,
  });
  console.error(`${kind}: server up in ${Math.round(running.startMs / 1000)} s`);
  const c = await findContext(running.baseUrl);
  const api = await leaderClient(running.baseUrl);
  const endpoints: EndpointResult[] = [];
  for (const endpoint of ENDPOINTS) {
    endpoints.push(await measureEndpoint(kind, api, endpoint.name, endpoint.path(c)));
  }
  if (reuseUrl) {
    const national = await leaderClient(running.baseUrl, BENCH_USERNAME, BENCH_PASSWORD);
    const nc: NationalContext = {
      nationId: await unitIdByCode(running.baseUrl, 'VN'),
      provinceId: c.provinceId,
    };
    for (const endpoint of NATIONAL_ENDPOINTS) {
      endpoints.push(await measureEndpoint(kind, national, endpoint.name, endpoint.path(nc)));
    }
  }
  const afterWrite = await recompute(running.baseUrl, c, api);
  let render: Awaited<ReturnType<typeof renderTimes>> | null = null;
  let renderError: string | null = null;
  if (browserToo) {
    try {
      console.error(`${kind}: rendering the dashboard in Chromium…`);
      render = await renderTimes(running.baseUrl, c.planId);
    } catch (error) {
      renderError = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      console.error(`${kind}: the browser run failed: ${renderError}`);
    }
  }
  return {
    kind,
    n,
    startMs: round1(running.startMs),
    endpoints,
    indicatorsAfterWrite: afterWrite,
    render,
    renderError,
    peakRssKb: procStatusKb(running.pid, 'VmHWM'),
  };
}

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

async function main() {
  const loadAtStart = loadAverage();
  if (browserToo) {
    assertChromium();
    const build = ensureWebBuild();
    if (build.built) console.error(`web build: ${Math.round(build.ms)} ms`);
  }
  const results = [];
  for (const kind of reuseUrl ? (['postgresql'] as const) : kinds) results.push(await measure(kind));
  const m = machine();
  const date = new Date().toISOString().slice(0, 10);
  const names = { pglite: 'PGlite', postgresql: 'PostgreSQL' } as const;
  console.log(`## Operations dashboard — ${date}\n`);
  console.log(
    `${describeMachine(m)}; load average (1/5/15 min) ${loadAtStart} at the start, ${loadAverage()} at the end.\n`,
  );
  for (const r of results) {
    console.log(
      `### ${names[r.kind]}, ${reuseUrl ? 'the national dataset (4,036 units, 150 indicators, 20.8 M values) with the demo plan laid over it' : 'province demo data'}, ${r.n} requests each (sequential, the leader; server start ${Math.round(r.startMs / 1000)} s)\n`,
    );
    console.log(
      `| endpoint | status | first (ms) | p50 (ms) | p95 (ms) | p95 ≤ ${budget} ms | with If-None-Match: p50 / p95 (ms), status |`,
    );
    console.log('|---|---:|---:|---:|---:|:---:|---|');
    for (const e of r.endpoints) {
      console.log(
        `| ${e.name} | ${e.status} | ${e.firstMs} | ${e.full.p50} | ${e.full.p95} | ${e.full.p95 <= budget ? 'yes' : '**no**'} | ${e.revalidated.p50} / ${e.revalidated.p95}, ${e.revalidatedStatus} |`,
      );
    }
    const met = r.endpoints.filter((e) => e.full.p95 <= budget).length;
    console.log(`\n${met} of ${r.endpoints.length} endpoints within p95 ≤ ${budget} ms.`);
    console.log(
      `Indicators after a value is written (the new version computed): p50 ${r.indicatorsAfterWrite.p50} ms, max ${r.indicatorsAfterWrite.max} ms.`,
    );
    if (r.render)
      console.log(`Rendered dashboard in Chromium: cold ${r.render.coldMs} ms, warm ${r.render.warmMs} ms.`);
    else if (r.renderError) console.log(`Rendered dashboard in Chromium: not measured (${r.renderError}).`);
    console.log(`Server peak RSS (VmHWM, start and seed included): ${Math.round(r.peakRssKb / 1024)} MB.\n`);
  }
  writeBenchResult(resultFile(outArg, `${date}-dashboard${reuseUrl ? '-national' : ''}.json`), {
    date,
    machine: m,
    loadAtStart,
    scale: reuseUrl ? 'national' : 'province',
    results,
  });
}

await main();
