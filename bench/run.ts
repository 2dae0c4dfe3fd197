/**
 * `npm run bench -- [--quick] [--db=pglite|postgresql|both] [--out=FILE] [--scale=national|province|small] [--no-indicators] [--no-reporting] [--no-documents] [--no-plan-import]`
 *
 * For each database: start the real server (`node --import tsx server/main.ts`) on an empty
 * database (migrations + demo seed) and again on the filled one, measure latency and throughput of
 * the task list and plan tree with 1 and 8 clients, and read the server's peak RSS (VmHWM).
 * Prints a Markdown table and writes bench/results/<date>-foundation[-quick].json (or --out=FILE).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ROOT, type RunningServer } from '../e2e/server';
import { writeBenchResult } from './results';
import {
  type DbKind,
  describeMachine,
  firstStart,
  machine,
  onFreshDatabase,
  parseBenchArgs,
  procStatusKb,
  resultFile,
  summarise,
} from './server-setup';

const { args, quick, dbArg, kinds, outArg } = parseBenchArgs();
const REQUESTS = quick ? 100 : 500;
const WARMUP = quick ? 10 : 50;
const CONCURRENCIES = [1, 8];
const FILLED_STARTS = quick ? 1 : 3;

interface LoadResult {
  endpoint: string;
  path: string;
  clients: number;
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
  rps: number;
  bytes: number;
}

interface DbResult {
  database: DbKind;
  /** spawn → healthy on an empty database: migrations + demo seed included */
  startEmptyMs: number;
  /** spawn → healthy on the filled database: median of the runs in startFilledRunsMs */
  startFilledMs: number;
  startFilledRunsMs: number[];
  /** the same restart via `npx tsx server/main.ts`, i.e. with the npx + tsx CLI overhead */
  startFilledNpxMs: number;
  /** VmHWM of the first run (empty database: migrate + seed) */
  peakRssSeedMb: number;
  /** PGlite only: peak of the one-off child process that creates a new data folder's cluster */
  initPeakRssMb?: number;
  /** VmHWM of the filled-database run, after all the load */
  peakRssMb: number;
  /** VmRSS at the end of the load */
  rssAfterLoadMb: number;
  /** PGlite folder size after the runs */
  dataDirMb?: number;
  taskCount: number;
  /** POST /api/auth/login, sequential */
  signInMs: { p50: number; p95: number; runs: number };
  filteredCount: number;
  load: LoadResult[];
}

const mb = (kb: number) => Math.round((kb / 1024) * 10) / 10;

function dirSizeBytes(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? dirSizeBytes(full) : fs.statSync(full).size;
  }
  return total;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** The session cookie of the demo secretariat: every API route but health needs a signed-in user. */
let sessionCookie = '';

/** p50/p95 of `runs` sequential sign-ins (argon2id verify + session row + audit event). */
async function measureSignIn(
  baseUrl: string,
  runs: number,
): Promise<{ p50: number; p95: number; runs: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await signIn(baseUrl);
    times.push(performance.now() - t0);
  }
  const { p50, p95 } = summarise(times);
  return { p50, p95, runs };
}

async function signIn(baseUrl: string): Promise<void> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'secretariat', password: process.env.DEMO_PASSWORD ?? 'LoTrinh@2026' }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  sessionCookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { cookie: sessionCookie } });
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${url} → ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

/** `requests` GETs spread over `clients` sequential loops; latency per request, throughput overall. */
async function load(
  baseUrl: string,
  endpoint: string,
  urlPath: string,
  clients: number,
): Promise<LoadResult> {
  // node:http with keep-alive rather than fetch: a lighter client leaves more of the 2 CPUs to the server
  const url = new URL(baseUrl + urlPath);
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const one = () =>
    new Promise<{ ok: boolean; bytes: number }>((resolve, reject) => {
      const request = http.get(url, { agent, headers: { cookie: sessionCookie } }, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        response.on('end', () => resolve({ ok: response.statusCode === 200, bytes }));
        response.on('error', reject);
      });
      request.on('error', reject);
    });
  // warm-up: connections, JIT, database caches
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < Math.ceil(WARMUP / clients); i++) await one();
    }),
  );
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (issued < REQUESTS) {
        issued++;
        const t0 = performance.now();
        const result = await one();
        latencies.push(performance.now() - t0);
        if (!result.ok) errors++;
        bytes = result.bytes;
      }
    }),
  );
  const wall = performance.now() - started;
  agent.destroy();
  const latency = summarise(latencies);
  return {
    endpoint,
    path: urlPath,
    clients,
    requests: latency.n,
    errors,
    p50: latency.p50,
    p95: latency.p95,
    p99: latency.p99,
    mean: latency.mean,
    max: latency.max,
    rps: Math.round((latencies.length / wall) * 1000),
    bytes,
  };
}

async function benchDatabase(kind: DbKind): Promise<DbResult> {
  const prefix = { pglite: 'lotrinh-bench-', postgresql: 'lotrinh_bench_' };
  return onFreshDatabase(kind, prefix, async (location, benchServer) => {
    // (a) empty database: migrations + demo seed
    log(`${kind}: start on an empty database…`);
    const seedRun = await firstStart(benchServer, location.env);

    // restart through npx, for the overhead users of `npx tsx` see
    log(`${kind}: restart via npx tsx…`);
    const startFilledNpxMs = (await benchServer.start({ launcher: 'npx-tsx', env: location.env })).startMs;
    await benchServer.stop();

    // (a) filled database, then (b) load and (c) peak RSS on this process
    // several restarts, the last one kept for the load: one start alone is at the mercy of the machine
    const startFilledRunsMs: number[] = [];
    let server: RunningServer | undefined;
    for (let run = 1; run <= FILLED_STARTS; run++) {
      log(`${kind}: restart on the filled database (${run}/${FILLED_STARTS})…`);
      server = await benchServer.start({ launcher: 'node-tsx', env: location.env });
      startFilledRunsMs.push(Math.round(server.startMs));
      if (run < FILLED_STARTS) await benchServer.stop();
    }
    if (!server) throw new Error('unreachable: no server after the restarts');
    const base = server.baseUrl;
    await signIn(base);
    log(`${kind}: sign-in latency…`);
    const signInMs = await measureSignIn(base, quick ? 10 : 40);

    const plans = await getJson<{ items: { id: string }[] }>(`${base}/api/plans?pageSize=1`);
    const planId = plans.items[0]?.id;
    if (!planId) throw new Error('GET /api/plans returned no plan: the demo seed did not run?');
    const filter = `q=${encodeURIComponent('chuyen doi so')}&status=overdue,at_risk&sort=deadline`;
    const endpoints: [string, string][] = [
      // baseline: routing, JSON and one `select 1` round trip
      ['health (baseline)', '/api/health'],
      ['task list', `/api/plans/${planId}/items?pageSize=50`],
      ['task list, filtered', `/api/plans/${planId}/items?pageSize=50&${filter}`],
      ['plan tree', `/api/plans/${planId}/tree`],
    ];
    const all = await getJson<{ total: number }>(base + endpoints[1]![1]);
    const filtered = await getJson<{ total: number }>(base + endpoints[2]![1]);

    const results: LoadResult[] = [];
    for (const [name, urlPath] of endpoints) {
      for (const clients of CONCURRENCIES) {
        log(`${kind}: ${name}, ${clients} client(s), ${REQUESTS} requests…`);
        results.push(await load(base, name, urlPath, clients));
      }
    }
    const peakRssMb = mb(procStatusKb(server.pid, 'VmHWM'));
    const rssAfterLoadMb = mb(procStatusKb(server.pid, 'VmRSS'));
    await benchServer.stop();
    return {
      database: kind,
      startEmptyMs: Math.round(seedRun.startMs),
      startFilledMs: median(startFilledRunsMs),
      startFilledRunsMs,
      startFilledNpxMs: Math.round(startFilledNpxMs),
      peakRssSeedMb: mb(seedRun.peakRssKb),
      initPeakRssMb: seedRun.initPeakRssMb,
      peakRssMb,
      rssAfterLoadMb,
      dataDirMb: location.dataDir ? mb(dirSizeBytes(location.dataDir) / 1024) : undefined,
      taskCount: all.total,
      filteredCount: filtered.total,
      load: results,
      signInMs,
    };
  });
}

function log(message: string) {
  console.error(`[bench] ${message}`);
}

/** Time for `node --import tsx` to start and exit with nothing to do: the floor of every start. */
function nodeTsxFloorMs(): number {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, ['--import', 'tsx', '-e', '0'], { cwd: ROOT });
    runs.push(performance.now() - t0);
  }
  return Math.round(Math.min(...runs));
}

function markdown(results: DbResult[], floorMs: number): string {
  const lines: string[] = [];
  lines.push(
    '| database | start, empty (migrate + seed) | start, filled (median) | start, filled via npx tsx | peak RSS (seed run) | peak RSS, one-off cluster creation (child) | peak RSS (load run) | RSS after load |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    lines.push(
      `| ${r.database} | ${r.startEmptyMs} ms | ${r.startFilledMs} ms (${r.startFilledRunsMs.join(', ')}) | ${r.startFilledNpxMs} ms | ${r.peakRssSeedMb} MB | ${r.initPeakRssMb === undefined ? '—' : `${r.initPeakRssMb} MB`} | ${r.peakRssMb} MB | ${r.rssAfterLoadMb} MB |`,
    );
  }
  lines.push('');
  lines.push(`\`node --import tsx -e 0\` alone (the floor of every start): ${floorMs} ms.`);
  lines.push('');
  for (const r of results) {
    lines.push(
      `Sign-in (${r.database}, ${r.signInMs.runs} sequential): p50 ${r.signInMs.p50} ms, p95 ${r.signInMs.p95} ms.`,
    );
  }
  lines.push('');
  lines.push(
    '| database | endpoint | clients | requests | p50 ms | p95 ms | p99 ms | mean ms | req/s | errors | bytes |',
  );
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    for (const l of r.load) {
      lines.push(
        `| ${r.database} | ${l.endpoint} | ${l.clients} | ${l.requests} | ${l.p50} | ${l.p95} | ${l.p99} | ${l.mean} | ${l.rps} | ${l.errors} | ${l.bytes} |`,
      );
    }
  }
  return lines.join('\n');
}

const date = new Date().toISOString().slice(0, 10);
const floorMs = nodeTsxFloorMs();
const results: DbResult[] = [];
for (const kind of kinds) results.push(await benchDatabase(kind));

const report = {
  name: 'foundation',
  date: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  requestsPerCase: REQUESTS,
  warmupPerCase: WARMUP,
  machine: machine(),
  nodeTsxFloorMs: floorMs,
  results,
};
const outFile = resultFile(outArg, `${date}-foundation${quick ? '-quick' : ''}.json`);
writeBenchResult(outFile, report);

const m = report.machine;
console.log(`## Benchmark "foundation" — ${report.date} (${report.mode}, ${REQUESTS} requests per case)\n`);
console.log(`${describeMachine(m)}; load average ${Object.values(m.loadAverage).join(' / ')} at the end\n`);
console.log(markdown(results, floorMs));
console.log(`\nJSON: ${path.relative(ROOT, outFile)}`);
const failed = results.some((r) => r.load.some((l) => l.errors > 0));
if (failed) {
  console.error('Some requests failed (non-200): see the errors column.');
  process.exit(1);
}

/**
 * The other benchmarks, each in its own process after the foundation, in this order; `--no-<name>`
 * skips one, `npm run bench:<name>` runs it alone. `--db` passes through; `--out=FILE` gives each
 * its own file beside FILE.
 */
const dbArgs = args.some((a) => a.startsWith('--db=')) ? [`--db=${dbArg}`] : [];
const outBeside = (suffix: string) =>
  outArg ? [`--out=${path.resolve(outArg).replace(/\.json$/, '')}-${suffix}.json`] : [];
const indicatorScale = args.find((a) => a.startsWith('--scale='))?.slice(8) ?? (quick ? 'small' : 'province');
const CHILD_BENCHES: { name: string; script: string; args: string[] }[] = [
  // issue 4: bulk load, single writes and analytics; --scale=national|province|small (--quick: small)
  {
    name: 'indicators',
    script: 'bench/indicators.ts',
    args: [`--scale=${indicatorScale}`, ...dbArgs, ...outBeside(`indicators-${indicatorScale}`)],
  },
  // issue 5: 50 concurrent officers submitting, and the round overview at 150 units × 40 rounds
  { name: 'reporting', script: 'bench/reporting.ts', args: [...(quick ? ['--quick'] : []), ...dbArgs] },
  // issue 12: the province's quarterly report drafted, downloaded (.docx, .xlsx, .pdf) and issued
  {
    name: 'documents',
    script: 'bench/documents.ts',
    args: [...(quick ? ['--quick'] : []), ...dbArgs, ...outBeside('documents')],
  },
  // issue 12: a 1,000-row plan annex previewed and written into a new plan
  {
    name: 'plan-import',
    script: 'bench/plan-import.ts',
    args: [...(quick ? ['--quick'] : []), ...dbArgs, ...outBeside('plan-import')],
  },
];

for (const bench of CHILD_BENCHES) {
  if (args.includes(`--no-${bench.name}`)) continue;
  const child = spawnSync(process.execPath, ['--import', 'tsx', bench.script, ...bench.args], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (child.status !== 0) process.exit(child.status ?? 1);
}
