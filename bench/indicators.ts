/**
 * `npm run bench:indicators -- [--scale=national|province|small] [--db=pglite|postgresql|both]
 *   [--out=FILE] [--load-only] [--keep] [--reuse=URL]`
 *
 * The indicator benchmark of issue 4. For each database: generate a deterministic country (or one
 * province, or a small sample) with bench/indicators/model.ts, load it in bulk into a fresh
 * database migrated by the app (load.ts), start the real server on it (SEED_DEMO=false), sign in
 * as a secretariat over the whole tree, and measure over HTTP:
 *   a. bulk load through POST /api/data-values/import (CSV, all_or_nothing), then the same file again;
 *   b. single-value writes through POST /api/data-values with 1 and 8 clients, and that every
 *      write shows in the next analytics read of its province and of the nation;
 *   c. p50/p95 of five analytics queries;
 * and the server's peak RSS (VmHWM). National scale runs on PostgreSQL only.
 * Writes bench/results/<date>-indicators-<scale>.json (or --out=FILE) and prints Markdown.
 * --load-only stops after loading; --keep keeps the database (prints where it is); --reuse=URL runs the
 * HTTP part on a PostgreSQL database kept by an earlier run of the same scale (its 2026 values are
 * deleted first; the load figures are then absent).
 */
import os from 'node:os';
import path from 'node:path';
import {
  createPgliteLocation,
  createPostgresLocation,
  type DataLocation,
  ROOT,
  type RunningServer,
  startServer,
} from '../e2e/server';
import {
  type AnalyticsFloor,
  analyticsFloors,
  copyFloor,
  floorClient,
  type RateFigure,
  rateOf,
  removeUpsertFloor,
  throughput,
  upsertFloor,
} from './indicators/floors';
import { ApiClient, type LatencySummary, mb, procStatusKb, summarise } from './indicators/http';
import {
  BENCH_PASSWORD,
  BENCH_USERNAME,
  type LoadFigures,
  loadPglite,
  loadPostgres,
  reuseLoaded,
} from './indicators/load';
import {
  type BenchIndicator,
  type BenchTree,
  buildCatalogue,
  buildTree,
  cellValue,
  hash32,
  monthOrdinal,
  months as monthsOf,
  reportingUnits,
  SCALE_SPECS,
  SCALES,
  type Scale,
  type ScaleSpec,
} from './indicators/model';
import { writeBenchResult } from './results';
import { machine, resultFile } from './server-setup';

type DbKind = 'pglite' | 'postgresql';

const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const scale = (flag('scale') ?? 'province') as Scale;
if (!SCALES.includes(scale)) {
  console.error(`--scale must be ${SCALES.join(', ')} (got "${scale}")`);
  process.exit(2);
}
const dbArg = flag('db') ?? (scale === 'national' ? 'postgresql' : 'both');
if (!['pglite', 'postgresql', 'both'].includes(dbArg)) {
  console.error(`--db must be pglite, postgresql or both (got "${dbArg}")`);
  process.exit(2);
}
const kinds: DbKind[] = dbArg === 'both' ? ['pglite', 'postgresql'] : [dbArg as DbKind];
if (scale === 'national' && kinds.includes('pglite')) {
  console.error('National scale runs on PostgreSQL only (PGlite is meant for one province).');
  process.exit(2);
}
const loadOnly = args.includes('--load-only');
/** PostgreSQL only: a database loaded by an earlier `--keep` run of the same scale; the load is skipped */
const reuseUrl = flag('reuse');
const keep = args.includes('--keep');
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const spec: ScaleSpec = SCALE_SPECS[scale];

/** The period ids of 2026 used by the HTTP part: never part of the generated history. */
const WRITE_PERIOD = '2026M11';
/** An analytics case stops after this long once it has MIN_ANALYTICS_REQUESTS answers. */
const ANALYTICS_BUDGET_MS = 60_000;
const MIN_ANALYTICS_REQUESTS = 20;
const VISIBILITY_PERIOD = '2026M12';

function log(message: string) {
  console.error(`[bench:indicators ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

// ---------------------------------------------------------------------------------------------
// a. Bulk load through the API

interface ImportResult {
  values: number;
  csvMb: number;
  /** first upload: every value new */
  ms: number;
  valuesPerSecond: number;
  created: number;
  /** the same file again: nothing may change */
  resendMs: number;
  resendUnchanged: number;
  periods: string[];
  ok: boolean;
  problem?: string;
}

function importCsv(tree: BenchTree, catalogue: readonly BenchIndicator[], count: number) {
  const lines = ['indicator_code,org_unit_code,period,value,comment'];
  const periods: string[] = [];
  const stored = catalogue.filter((ind) => ind.profile);
  for (let month = 1; lines.length <= count && month <= 10; month++) {
    const period = `2026M${String(month).padStart(2, '0')}`;
    periods.push(period);
    const ordinal = monthOrdinal(period);
    for (const indicator of stored) {
      for (const unit of reportingUnits(tree, indicator)) {
        if (lines.length > count) break;
        lines.push(`${indicator.code},${unit.code},${period},${cellValue(indicator, unit.index, ordinal)},`);
      }
    }
  }
  return { text: `${lines.join('\n')}\n`, values: lines.length - 1, periods };
}

interface WriteResult {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  applied: boolean;
}

async function bulkImport(api: ApiClient, tree: BenchTree, catalogue: readonly BenchIndicator[]) {
  const csv = importCsv(tree, catalogue, spec.importValues);
  const csvMb = Math.round((Buffer.byteLength(csv.text) / 1024 / 1024) * 10) / 10;
  const send = () =>
    api.request('POST', '/api/data-values/import?mode=all_or_nothing', {
      body: csv.text,
      contentType: 'text/csv',
    });
  log(`import: ${csv.values.toLocaleString('en')} values (${csvMb} MB CSV, ${csv.periods.join(', ')})…`);
  const first = await send();
  const firstBody = first.status === 200 ? (JSON.parse(first.text) as WriteResult) : undefined;
  log(`import: ${first.status} in ${Math.round(first.ms)} ms; the same file again…`);
  const again = await send();
  const againBody = again.status === 200 ? (JSON.parse(again.text) as WriteResult) : undefined;
  const ok =
    firstBody?.applied === true &&
    firstBody.created === csv.values &&
    againBody?.unchanged === csv.values &&
    againBody.created + againBody.updated === 0;
  return {
    values: csv.values,
    csvMb,
    ms: Math.round(first.ms),
    valuesPerSecond: Math.round((csv.values / first.ms) * 1000),
    created: firstBody?.created ?? 0,
    resendMs: Math.round(again.ms),
    resendUnchanged: againBody?.unchanged ?? 0,
    periods: csv.periods,
    ok,
    ...(ok
      ? {}
      : {
          problem: `first: ${first.status} ${first.text.slice(0, 400)}; again: ${again.status} ${again.text.slice(0, 400)}`,
        }),
  } satisfies ImportResult;
}

// ---------------------------------------------------------------------------------------------
// b. Single-value writes, and a write visible in the next read

interface WritesResult extends LatencySummary {
  clients: number;
  writesPerSecond: number;
  problems: string[];
}

async function singleWrites(
  api: ApiClient,
  tree: BenchTree,
  catalogue: readonly BenchIndicator[],
  clients: number,
): Promise<WritesResult> {
  const stored = catalogue.filter((ind) => ind.profile);
  const ordinal = monthOrdinal(WRITE_PERIOD);
  const body = (k: number) => {
    const indicator = stored[hash32(k, clients, 1) % stored.length]!;
    const units = reportingUnits(tree, indicator);
    const unit = units[hash32(k, clients, 2) % units.length]!;
    return {
      values: [
        {
          indicatorCode: indicator.code,
          orgUnitCode: unit.code,
          period: WRITE_PERIOD,
          value: cellValue(indicator, unit.index, ordinal, k + 1),
        },
      ],
    };
  };
  const problems: string[] = [];
  const one = async (k: number) => {
    const answer = await api.postJson('/api/data-values', body(k));
    const ok = answer.status === 200 && (JSON.parse(answer.text) as WriteResult).applied;
    if (!ok && problems.length < 5) problems.push(`${answer.status} ${answer.text.slice(0, 300)}`);
    return { ok, ms: answer.ms };
  };
  // warm-up: connections, JIT, caches
  const warmup = Math.min(50, spec.writes / 10);
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let k = c; k < warmup; k += clients) await one(1_000_000 + k);
    }),
  );
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < spec.writes) {
        const k = next++;
        const result = await one(k);
        latencies.push(result.ms);
        if (!result.ok) errors++;
      }
    }),
  );
  const wall = performance.now() - started;
  return {
    clients,
    ...summarise(latencies, errors),
    writesPerSecond: Math.round((latencies.length / wall) * 1000),
    problems,
  };
}

interface AnalyticsAnswer {
  rows: { indicatorCode: string; orgUnitId: string; period: string; value: number | null; count: number }[];
}

function analyticsPath(q: {
  codes: readonly string[];
  orgUnitId: string;
  periodType: string;
  from: string;
  to: string;
  by?: 'total' | 'children';
}) {
  const params = new URLSearchParams({
    indicators: q.codes.join(','),
    orgUnitId: q.orgUnitId,
    periodType: q.periodType,
    from: q.from,
    to: q.to,
    by: q.by ?? 'total',
  });
  return `/api/analytics?${params}`;
}

async function figure(api: ApiClient, code: string, orgUnitId: string, period: string): Promise<number> {
  const answer = await api.get(
    analyticsPath({ codes: [code], orgUnitId, periodType: 'month', from: period, to: period }),
  );
  if (answer.status !== 200) throw new Error(`analytics: ${answer.status} ${answer.text.slice(0, 300)}`);
  const row = (JSON.parse(answer.text) as AnalyticsAnswer).rows.find(
    (r) => r.indicatorCode === code && r.orgUnitId === orgUnitId && r.period === period,
  );
  return row?.value ?? 0;
}

interface VisibilityResult {
  writes: number;
  /** reads (province and nation) after a write that did not move by the write's delta */
  mismatches: number;
  examples: string[];
  /** write → read of the province figure, p50/p95 */
  readAfterWrite: LatencySummary;
}

async function visibility(
  api: ApiClient,
  tree: BenchTree,
  catalogue: readonly BenchIndicator[],
): Promise<VisibilityResult> {
  const candidates = catalogue.filter(
    (ind) => ind.exactSum && ind.valueType !== 'boolean' && ind.group !== 'bodies',
  );
  const ordinal = monthOrdinal(VISIBILITY_PERIOD);
  let mismatches = 0;
  let writes = 0;
  const examples: string[] = [];
  const readTimes: number[] = [];
  const used = new Set<string>();
  for (let s = 0; s < spec.visibilitySamples; s++) {
    const indicator = candidates[s % candidates.length]!;
    let position = hash32(s, 7) % tree.communes.length;
    while (used.has(`${indicator.code}/${tree.communes[position]!.code}`)) {
      position = (position + 1) % tree.communes.length;
    }
    const commune = tree.communes[position]!;
    used.add(`${indicator.code}/${commune.code}`);
    const province = tree.units[commune.provinceIndex!]!;
    let previous: number | null = null;
    // a new value, then a changed one: both must show at once in the province and the nation
    for (const salt of [1000 + s, 2000 + s]) {
      const value = cellValue(indicator, commune.index, ordinal, salt);
      const before = [
        await figure(api, indicator.code, province.id, VISIBILITY_PERIOD),
        await figure(api, indicator.code, tree.root.id, VISIBILITY_PERIOD),
      ];
      const answer = await api.postJson('/api/data-values', {
        values: [
          { indicatorCode: indicator.code, orgUnitCode: commune.code, period: VISIBILITY_PERIOD, value },
        ],
      });
      writes++;
      if (answer.status !== 200) {
        mismatches++;
        if (examples.length < 5) examples.push(`write ${answer.status} ${answer.text.slice(0, 200)}`);
        continue;
      }
      const t0 = performance.now();
      const afterProvince = await figure(api, indicator.code, province.id, VISIBILITY_PERIOD);
      readTimes.push(performance.now() - t0);
      const afterNation = await figure(api, indicator.code, tree.root.id, VISIBILITY_PERIOD);
      const delta = value - (previous ?? 0);
      for (const [where, b, a] of [
        ['province', before[0]!, afterProvince],
        ['nation', before[1]!, afterNation],
      ] as const) {
        if (Math.abs(a - b - delta) > 1e-6) {
          mismatches++;
          if (examples.length < 5)
            examples.push(`${indicator.code} ${commune.code} ${where}: ${b} → ${a}, expected +${delta}`);
        }
      }
      previous = value;
    }
  }
  return { writes, mismatches, examples, readAfterWrite: summarise(readTimes, 0) };
}

// ---------------------------------------------------------------------------------------------
// c. Analytics

interface AnalyticsCase extends LatencySummary {
  name: string;
  example: string;
  /** rows in the last answer */
  rows: number;
  bytes: number;
  problems: string[];
  /** the same figures in one SQL statement, request by request interleaved with the API's (PostgreSQL) */
  floor?: LatencySummary & { compared: number; mismatches: number; examples: string[] };
}

/** The indicator and the province of analytics request k (the API's and the floor's). */
const pickIndicator = (catalogue: readonly BenchIndicator[], k: number) =>
  catalogue[(k * 37) % catalogue.length]!;
const pickProvince = (tree: BenchTree, k: number) => tree.provinces[(k * 7) % tree.provinces.length]!;

function analyticsCases(tree: BenchTree, catalogue: readonly BenchIndicator[]) {
  const allCodes = catalogue.map((ind) => ind.code);
  const pick = (k: number) => pickIndicator(catalogue, k).code;
  const province = (k: number) => pickProvince(tree, k);
  const firstYear = spec.firstMonth.slice(0, 4);
  const lastYear = spec.lastMonth.slice(0, 4);
  const years = Number(lastYear) - Number(firstYear) + 1;
  return [
    {
      name: 'one indicator, a province, a year',
      path: (k: number) =>
        analyticsPath({
          codes: [pick(k)],
          orgUnitId: province(k).id,
          periodType: 'year',
          from: lastYear,
          to: lastYear,
        }),
    },
    {
      name: `all ${allCodes.length} indicators, a province, a quarter`,
      path: (k: number) => {
        const quarter = `${lastYear}Q${(k % 4) + 1}`;
        return analyticsPath({
          codes: allCodes,
          orgUnitId: province(k).id,
          periodType: 'quarter',
          from: quarter,
          to: quarter,
        });
      },
    },
    {
      name: `one indicator, national, by month over ${years} years`,
      path: (k: number) =>
        analyticsPath({
          codes: [pick(k)],
          orgUnitId: tree.root.id,
          periodType: 'month',
          from: spec.firstMonth,
          to: spec.lastMonth,
        }),
    },
    {
      name: 'one indicator, a province, by commune, a year',
      path: (k: number) =>
        analyticsPath({
          codes: [pick(k)],
          orgUnitId: province(k).id,
          periodType: 'year',
          from: lastYear,
          to: lastYear,
          by: 'children',
        }),
    },
    {
      name: `all ${allCodes.length} indicators, national, by year`,
      path: () =>
        analyticsPath({
          codes: allCodes,
          orgUnitId: tree.root.id,
          periodType: 'year',
          from: firstYear,
          to: lastYear,
        }),
    },
  ];
}

async function analytics(
  api: ApiClient,
  tree: BenchTree,
  catalogue: readonly BenchIndicator[],
  floorUrl: string | undefined,
) {
  const results: AnalyticsCase[] = [];
  const floors = analyticsFloors(
    tree,
    catalogue,
    (k) => pickIndicator(catalogue, k),
    (k) => pickProvince(tree, k),
    spec.lastMonth.slice(0, 4),
    monthsOf(spec),
  );
  const sqlClient = floorUrl ? await floorClient(floorUrl) : undefined;
  try {
    for (const [index, c] of analyticsCases(tree, catalogue).entries()) {
      results.push(await analyticsCase(api, c, sqlClient ? floors[index] : undefined, sqlClient));
    }
  } finally {
    await sqlClient?.close();
  }
  return results;
}

async function analyticsCase(
  api: ApiClient,
  c: { name: string; path: (k: number) => string },
  floor: AnalyticsFloor | undefined,
  sqlClient: Awaited<ReturnType<typeof floorClient>> | undefined,
): Promise<AnalyticsCase> {
  {
    log(`analytics: ${c.name}, ${spec.analyticsRequests} requests…`);
    // a slow case stops early: warm-up after 10 s, the measured requests after the time budget
    // once at least MIN_ANALYTICS_REQUESTS are in
    const warmupStarted = performance.now();
    for (let k = 0; k < spec.analyticsWarmup && performance.now() - warmupStarted < 10_000; k++) {
      await api.get(c.path(10_000 + k));
    }
    if (floor && sqlClient) {
      for (let k = 0; k < spec.analyticsWarmup; k++) await sqlClient.run(floor, 10_000 + k);
    }
    const latencies: number[] = [];
    const floorLatencies: number[] = [];
    const check = { compared: 0, mismatches: 0, examples: [] as string[] };
    const problems: string[] = [];
    let errors = 0;
    let rows = 0;
    let bytes = 0;
    const started = performance.now();
    for (let k = 0; k < spec.analyticsRequests; k++) {
      if (k >= MIN_ANALYTICS_REQUESTS && performance.now() - started > ANALYTICS_BUDGET_MS) break;
      const answer = await api.get(c.path(k));
      latencies.push(answer.ms);
      if (answer.status === 200) {
        const body = JSON.parse(answer.text) as AnalyticsAnswer;
        rows = body.rows.length;
        bytes = Buffer.byteLength(answer.text);
        if (floor && sqlClient) {
          // the floor right after the API, the same question: both see the same machine
          const sqlAnswer = await sqlClient.run(floor, k);
          floorLatencies.push(sqlAnswer.ms);
          const figures = floor.figures(k, sqlAnswer.rows);
          const comparable = new Set(floor.comparable(k));
          for (const row of body.rows) {
            if (!comparable.has(row.indicatorCode) || floor.covers?.(k, row.orgUnitId) === false) continue;
            check.compared++;
            const expected = figures.get(`${row.indicatorCode}|${row.orgUnitId}|${row.period}`) ?? 0;
            if (Math.abs((row.value ?? 0) - expected) > 1e-6 * Math.max(1, Math.abs(expected))) {
              check.mismatches++;
              if (check.examples.length < 3)
                check.examples.push(
                  `${row.indicatorCode} ${row.orgUnitId} ${row.period}: API ${row.value}, SQL ${expected}`,
                );
            }
          }
        }
      } else {
        errors++;
        if (problems.length < 3) problems.push(`${answer.status} ${answer.text.slice(0, 300)}`);
      }
    }
    return {
      name: c.name,
      example: decodeURIComponent(c.path(0)).slice(0, 200),
      ...summarise(latencies, errors),
      rows,
      bytes,
      problems,
      ...(floor && sqlClient ? { floor: { ...summarise(floorLatencies, 0), ...check } } : {}),
    };
  }
}

// ---------------------------------------------------------------------------------------------
// d. GET /api/health, anonymous and signed in (issue 15: the cost of who is asking)

async function health(api: ApiClient, anonymous: ApiClient): Promise<NonNullable<DbResult['health']>> {
  const ms = scale === 'small' ? 1_000 : 3_000;
  const anon: number[] = [];
  const signed: number[] = [];
  let errors = 0;
  // warm-up, then rounds alternating so that both meet the same machine
  await throughput(anonymous, '/api/health', 16, 300);
  await throughput(api, '/api/health', 16, 300);
  for (let round = 0; round < 3; round++) {
    const a = await throughput(anonymous, '/api/health', 16, ms);
    const s = await throughput(api, '/api/health', 16, ms);
    anon.push(a.perSecond);
    signed.push(s.perSecond);
    errors += a.errors + s.errors;
  }
  const anonymousRate = rateOf(anon);
  const signedIn = rateOf(signed);
  return {
    anonymous: anonymousRate,
    signedIn,
    ratio: Math.round((signedIn.perSecond / Math.max(1, anonymousRate.perSecond)) * 100) / 100,
    errors,
  };
}

// ---------------------------------------------------------------------------------------------

interface DbResult {
  database: DbKind;
  counts: {
    orgUnits: number;
    provinces: number;
    communes: number;
    bodies: number;
    indicators: number;
    computedIndicators: number;
    months: number;
    values: number;
  };
  load: LoadFigures;
  startMs?: number;
  import?: ImportResult;
  writes?: WritesResult[];
  visibility?: VisibilityResult;
  analytics?: AnalyticsCase[];
  /** issue 15: the raw-SQL floors beside the API's figures, measured in the same run (PostgreSQL) */
  floors?: {
    /** COPY of as many new values into data_values, before and after the API import */
    copy?: { values: number; ms: number; perSecond: number }[];
    /** plain prepared upserts, 8 clients, before and after the API's single writes */
    upsert8?: RateFigure & { latency: LatencySummary[] };
  };
  /** GET /api/health with 16 connections, anonymous and signed in, rounds interleaved */
  health?: { anonymous: RateFigure; signedIn: RateFigure; ratio: number; errors: number };
  /** 1/5/15-minute load average when each part started */
  machineLoad?: Record<string, number[]>;
  /** VmHWM of the server after each phase (it only grows) and VmRSS at the end */
  rssMb?: { afterStart: number; afterImport: number; afterWrites: number; peak: number; atEnd: number };
  /** the server's log when something went wrong */
  problems: string[];
}

async function routeMissing(api: ApiClient, tree: BenchTree, catalogue: readonly BenchIndicator[]) {
  const probe = await api.get(
    analyticsPath({
      codes: [catalogue[0]!.code],
      orgUnitId: tree.root.id,
      periodType: 'year',
      from: '2025',
      to: '2025',
    }),
  );
  return probe.status === 404 && probe.text.includes('route_not_found');
}

async function benchDatabase(kind: DbKind): Promise<DbResult> {
  const tree = buildTree(spec);
  const catalogue = buildCatalogue(spec);
  const location: DataLocation =
    kind === 'pglite'
      ? createPgliteLocation('lotrinh-bench-ind-')
      : reuseUrl
        ? { kind, env: { DATABASE_URL: reuseUrl }, dispose: async () => {} }
        : await createPostgresLocation(adminUrl, `lotrinh_bench_ind_${scale}_`);
  let server: RunningServer | undefined;
  const problems: string[] = [];
  try {
    log(`${kind}: ${scale} scale: ${tree.units.length} org units, ${catalogue.length} indicators; loading…`);
    const load =
      kind === 'pglite'
        ? await loadPglite(location.dataDir!, tree, catalogue, spec, (m) => log(`${kind}: ${m}`))
        : reuseUrl
          ? await reuseLoaded(reuseUrl, (m) => log(`${kind}: ${m}`))
          : await loadPostgres(location.env.DATABASE_URL!, tree, catalogue, spec, (m) =>
              log(`${kind}: ${m}`),
            );
    const result: DbResult = {
      database: kind,
      counts: {
        orgUnits: tree.units.length,
        provinces: tree.provinces.length,
        communes: tree.communes.length,
        bodies: tree.bodies.length,
        indicators: catalogue.length,
        computedIndicators: catalogue.filter((ind) => ind.formula).length,
        months: monthsOf(spec).length,
        values: load.valueRows,
      },
      load,
      problems,
    };
    log(
      `${kind}: loaded ${load.valueRows.toLocaleString('en')} values (${load.copyRowsPerSecond.toLocaleString('en')} rows/s)`,
    );
    if (loadOnly) return result;

    server = await startServer({
      launcher: 'node-tsx',
      env: {
        ...location.env,
        SEED_DEMO: 'false',
        // --server-node-options="--max-old-space-size=…": a Node setting's effect on the server's memory
        ...(flag('server-node-options') ? { NODE_OPTIONS: flag('server-node-options')! } : {}),
      },
      timeoutMs: 600_000,
    });
    result.startMs = Math.round(server.startMs);
    const afterStart = mb(procStatusKb(server.pid, 'VmHWM'));
    const api = new ApiClient(server.baseUrl);
    const anonymous = new ApiClient(server.baseUrl);
    /** the raw-SQL floors: PostgreSQL only (a PGlite folder is the server's alone) */
    const floorUrl = kind === 'postgresql' ? location.env.DATABASE_URL : undefined;
    const loadNow = (part: string) => {
      result.machineLoad ??= {};
      result.machineLoad[part] = os.loadavg().map((x) => Math.round(x * 100) / 100);
    };
    result.floors = {};
    try {
      await api.signIn(BENCH_USERNAME, BENCH_PASSWORD);
      if (await routeMissing(api, tree, catalogue)) {
        throw new Error(
          'GET /api/analytics answers 404 route_not_found: the analytics endpoints are not there yet',
        );
      }
      loadNow('health');
      result.health = await health(api, anonymous);
      log(
        `${kind}: GET /api/health, 16 connections: anonymous ${result.health.anonymous.perSecond}/s, signed in ${result.health.signedIn.perSecond}/s`,
      );
      loadNow('import');
      if (floorUrl) {
        result.floors.copy = [await copyFloor(floorUrl, tree, catalogue, spec.importValues, 2027)];
        log(
          `${kind}: floor: COPY ${result.floors.copy[0]!.values} values: ${result.floors.copy[0]!.perSecond}/s`,
        );
      }
      result.import = await bulkImport(api, tree, catalogue);
      if (!result.import.ok) problems.push(`import: ${result.import.problem}`);
      if (floorUrl) {
        result.floors.copy?.push(await copyFloor(floorUrl, tree, catalogue, spec.importValues, 2028));
        log(`${kind}: floor: COPY again: ${result.floors.copy?.[1]?.perSecond}/s`);
      }
      const afterImport = mb(procStatusKb(server.pid, 'VmHWM'));
      loadNow('writes');
      result.writes = [];
      const upserts: { perSecond: number; latency: LatencySummary }[] = [];
      const upsertRound = async (salt: number) => {
        if (!floorUrl) return;
        const u = await upsertFloor(floorUrl, tree, catalogue, spec.writes, 8, salt);
        upserts.push(u);
        log(`${kind}: floor: plain upserts, 8 clients: ${u.perSecond}/s`);
      };
      await upsertRound(1);
      for (const clients of [1, 8]) {
        log(`${kind}: single-value writes, ${clients} client(s), ${spec.writes}…`);
        const w = await singleWrites(api, tree, catalogue, clients);
        result.writes.push(w);
        if (w.errors > 0)
          problems.push(`writes (${clients} clients): ${w.errors} failed: ${w.problems.join(' | ')}`);
      }
      await upsertRound(2);
      if (floorUrl) {
        result.floors.upsert8 = {
          ...rateOf(upserts.map((u) => u.perSecond)),
          latency: upserts.map((u) => u.latency),
        };
        await removeUpsertFloor(floorUrl);
      }
      log(`${kind}: read after write, ${spec.visibilitySamples} cells…`);
      result.visibility = await visibility(api, tree, catalogue);
      if (result.visibility.mismatches > 0) {
        problems.push(
          `read after write: ${result.visibility.mismatches} mismatches: ${result.visibility.examples.join(' | ')}`,
        );
      }
      const afterWrites = mb(procStatusKb(server.pid, 'VmHWM'));
      loadNow('analytics');
      result.analytics = await analytics(api, tree, catalogue, floorUrl);
      for (const a of result.analytics) {
        if (a.errors > 0)
          problems.push(`analytics "${a.name}": ${a.errors} failed: ${a.problems.join(' | ')}`);
        if (a.floor && a.floor.mismatches > 0)
          problems.push(
            `analytics "${a.name}": ${a.floor.mismatches} figures differ from SQL: ${a.floor.examples.join(' | ')}`,
          );
      }
      result.rssMb = {
        afterStart,
        afterImport,
        afterWrites,
        peak: mb(procStatusKb(server.pid, 'VmHWM')),
        atEnd: mb(procStatusKb(server.pid, 'VmRSS')),
      };
    } finally {
      api.close();
      anonymous.close();
    }
    if (problems.length > 0) problems.push(`server output (tail):\n${server.output().slice(-3000)}`);
    return result;
  } catch (error) {
    if (server) console.error(`server output:\n${server.output().slice(-5000)}`);
    throw error;
  } finally {
    await server?.stop();
    if (keep) log(`${kind}: kept ${JSON.stringify(location.env)}`);
    else await location.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// Report

interface Target {
  database: DbKind;
  what: string;
  target: string;
  measured: string;
  met: boolean;
}

/** The targets of issue 4: PostgreSQL at national scale, PGlite at province scale (others: for reference). */
function targets(results: readonly DbResult[]): Target[] {
  const list: Target[] = [];
  for (const r of results) {
    const analyticsLimit = r.database === 'postgresql' ? 50 : 100;
    for (const a of r.analytics ?? []) {
      list.push({
        database: r.database,
        what: `analytics p95: ${a.name}`,
        target: `≤ ${analyticsLimit} ms`,
        measured: `${a.p95} ms`,
        met: a.errors === 0 && a.p95 <= analyticsLimit,
      });
    }
    if (r.visibility) {
      list.push({
        database: r.database,
        what: 'a write visible in the next read',
        target: '0 mismatches',
        measured: `${r.visibility.mismatches} of ${r.visibility.writes} writes`,
        met: r.visibility.mismatches === 0,
      });
    }
    if (r.database === 'postgresql' && r.import) {
      list.push({
        database: r.database,
        what: 'bulk load through the API (CSV)',
        target: '≥ 100,000 values/s',
        // a failed import has no rate: its time is that of the error
        measured: r.import.ok
          ? `${r.import.valuesPerSecond.toLocaleString('en')} values/s`
          : `failed: ${r.import.problem ?? 'see Failures'}`.slice(0, 120),
        met: r.import.ok && r.import.valuesPerSecond >= 100_000,
      });
    }
    const eight = r.writes?.find((w) => w.clients === 8);
    if (r.database === 'postgresql' && eight) {
      list.push({
        database: r.database,
        what: 'single-value writes, 8 clients',
        target: '≥ 2,000 writes/s',
        measured: `${eight.writesPerSecond.toLocaleString('en')} writes/s`,
        met: eight.errors === 0 && eight.writesPerSecond >= 2_000,
      });
    }
    // issue 15: each beside its floor measured in the same run
    const upsert = r.floors?.upsert8;
    if (eight && upsert) {
      list.push({
        database: r.database,
        what: 'single-value writes, 8 clients, against plain upserts (issue 15)',
        target: '≥ 1/3 of the floor',
        measured: `${n(eight.writesPerSecond)} / ${n(upsert.perSecond)} = ${(eight.writesPerSecond / upsert.perSecond).toFixed(2)}`,
        met: eight.errors === 0 && eight.writesPerSecond * 3 >= upsert.perSecond,
      });
    }
    const copies = r.floors?.copy ?? [];
    if (r.import?.ok && copies.length) {
      const copy = Math.round(copies.reduce((a, c) => a + c.perSecond, 0) / copies.length);
      list.push({
        database: r.database,
        what: 'bulk import against raw COPY into the same table (issue 15)',
        target: 'within 2× of the floor',
        measured: `${n(r.import.valuesPerSecond)} / ${n(copy)}: ${(copy / r.import.valuesPerSecond).toFixed(1)}× slower`,
        met: r.import.valuesPerSecond * 2 >= copy,
      });
    }
    for (const a of (r.analytics ?? []).filter((x) => x.floor)) {
      list.push({
        database: r.database,
        what: `analytics p50 against one SQL statement: ${a.name} (issue 15)`,
        target: '≤ 1.5× the floor',
        measured: `${a.p50} / ${a.floor!.p50} ms = ${(a.p50 / Math.max(0.01, a.floor!.p50)).toFixed(1)}×`,
        met: a.p50 <= 1.5 * a.floor!.p50,
      });
    }
    if (r.health) {
      list.push({
        database: r.database,
        what: 'GET /api/health signed in against anonymous, 16 connections (issue 15)',
        target: '≥ 0.5',
        measured: `${n(r.health.signedIn.perSecond)} / ${n(r.health.anonymous.perSecond)} = ${r.health.ratio}`,
        met: r.health.errors === 0 && r.health.ratio >= 0.5,
      });
    }
    if (r.rssMb) {
      const limit = r.database === 'postgresql' ? 300 : 800;
      list.push({
        database: r.database,
        what: 'server peak RSS',
        target: `≤ ${limit} MB`,
        measured: `${r.rssMb.peak} MB`,
        met: r.rssMb.peak <= limit,
      });
    }
  }
  return list;
}

const n = (x: number) => x.toLocaleString('en');

function markdown(results: readonly DbResult[], targetList: readonly Target[]): string {
  const lines: string[] = [];
  lines.push(
    '| database | org units | indicators | months | values | COPY | rows/s | rebuildRollups | roll-up rows | ANALYZE | data_values | data_rollups |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const l = r.load;
    lines.push(
      `| ${r.database} | ${n(r.counts.orgUnits)} | ${r.counts.indicators} (${r.counts.computedIndicators} computed) | ${r.counts.months} | ${n(l.valueRows)} | ${(l.copyMs / 1000).toFixed(1)} s | ${n(l.copyRowsPerSecond)} | ${(l.rebuildRollupsMs / 1000).toFixed(1)} s | ${n(l.rollupRows)} | ${(l.analyzeMs / 1000).toFixed(1)} s | ${n(l.dataValuesMb)} MB | ${n(l.dataRollupsMb)} MB |`,
    );
  }
  const served = results.filter((r) => r.import);
  if (served.length > 0) {
    lines.push('');
    lines.push(
      '| database | API bulk load (CSV) | values/s | same file again | server start | peak RSS (start / import / writes / end) |',
    );
    lines.push('|---|---:|---:|---:|---:|---:|');
    for (const r of served) {
      const i = r.import!;
      const rss = r.rssMb;
      lines.push(
        `| ${r.database} | ${n(i.values)} values, ${i.csvMb} MB: ${(i.ms / 1000).toFixed(1)} s${i.ok ? '' : ' **FAILED**'} | ${n(i.valuesPerSecond)} | ${(i.resendMs / 1000).toFixed(1)} s, ${n(i.resendUnchanged)} unchanged | ${((r.startMs ?? 0) / 1000).toFixed(1)} s | ${rss ? `${rss.afterStart} / ${rss.afterImport} / ${rss.afterWrites} / ${rss.peak} MB` : '—'} |`,
      );
    }
    lines.push('');
    lines.push(
      '| database | case | clients | requests | p50 ms | p95 ms | p99 ms | max ms | per second | errors |',
    );
    lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of served) {
      for (const w of r.writes ?? []) {
        lines.push(
          `| ${r.database} | single-value write | ${w.clients} | ${w.requests} | ${w.p50} | ${w.p95} | ${w.p99} | ${w.max} | ${n(w.writesPerSecond)} | ${w.errors} |`,
        );
      }
      const v = r.visibility;
      if (v) {
        lines.push(
          `| ${r.database} | read after write (province figure) | 1 | ${v.readAfterWrite.requests} | ${v.readAfterWrite.p50} | ${v.readAfterWrite.p95} | ${v.readAfterWrite.p99} | ${v.readAfterWrite.max} | — | ${v.mismatches} mismatches |`,
        );
      }
      for (const a of r.analytics ?? []) {
        lines.push(
          `| ${r.database} | analytics: ${a.name} (${a.rows} rows) | 1 | ${a.requests} | ${a.p50} | ${a.p95} | ${a.p99} | ${a.max} | ${Math.round(1000 / Math.max(a.mean, 0.001))} | ${a.errors} |`,
        );
      }
    }
  }
  const floored = results.filter((r) => r.health || r.floors?.copy || r.floors?.upsert8);
  if (floored.length > 0) {
    lines.push('');
    lines.push('Beside the floors (issue 15; the same run, interleaved; load average per part in the JSON):');
    lines.push('');
    lines.push('| database | figure | through the API | floor, same run | API / floor |');
    lines.push('|---|---|---:|---:|---:|');
    for (const r of floored) {
      const h = r.health;
      if (h)
        lines.push(
          `| ${r.database} | GET /api/health, 16 connections: signed in vs anonymous | ${n(h.signedIn.perSecond)}/s (${h.signedIn.rounds.join(', ')}) | ${n(h.anonymous.perSecond)}/s (${h.anonymous.rounds.join(', ')}) | ${h.ratio} |`,
        );
      const eight = r.writes?.find((w) => w.clients === 8);
      const u = r.floors?.upsert8;
      if (eight && u)
        lines.push(
          `| ${r.database} | single-value writes, 8 clients vs plain prepared upserts | ${n(eight.writesPerSecond)}/s | ${n(u.perSecond)}/s (${u.rounds.join(', ')}) | ${(eight.writesPerSecond / u.perSecond).toFixed(2)} |`,
        );
      const copies = r.floors?.copy ?? [];
      if (r.import && copies.length)
        lines.push(
          `| ${r.database} | bulk import (${n(r.import.values)} values) vs COPY into data_values | ${n(r.import.valuesPerSecond)}/s | ${copies.map((c) => `${n(c.perSecond)}/s`).join(', ')} | ${(r.import.valuesPerSecond / (copies.reduce((a, c) => a + c.perSecond, 0) / copies.length)).toFixed(2)} |`,
        );
      for (const a of (r.analytics ?? []).filter((x) => x.floor)) {
        const f = a.floor!;
        lines.push(
          `| ${r.database} | analytics p50 / p95: ${a.name} (${n(f.compared)} figures compared, ${f.mismatches} differ) | ${a.p50} / ${a.p95} ms | ${f.p50} / ${f.p95} ms | ${(a.p50 / Math.max(0.01, f.p50)).toFixed(1)} / ${(a.p95 / Math.max(0.01, f.p95)).toFixed(1)} |`,
        );
      }
    }
  }
  if (targetList.length > 0) {
    lines.push('');
    lines.push(
      `Targets (issues 4 and 15; they apply to ${scale === 'national' ? 'this' : 'the national (PostgreSQL) and province (PGlite)'} scale):`,
    );
    lines.push('');
    lines.push('| database | what | target | measured | met? |');
    lines.push('|---|---|---|---|---|');
    for (const t of targetList)
      lines.push(`| ${t.database} | ${t.what} | ${t.target} | ${t.measured} | ${t.met ? 'yes' : '**no**'} |`);
  }
  return lines.join('\n');
}

const date = new Date().toISOString().slice(0, 10);
const results: DbResult[] = [];
for (const kind of kinds) results.push(await benchDatabase(kind));
const targetList = targets(results);
const report = {
  name: 'indicators',
  date: new Date().toISOString(),
  scale,
  loadOnly,
  spec,
  periods: {
    history: `${spec.firstMonth}..${spec.lastMonth}`,
    writes: WRITE_PERIOD,
    readAfterWrite: VISIBILITY_PERIOD,
  },
  machine: machine(),
  results,
  targets: targetList,
};
const outArg = flag('out');
const outFile = resultFile(outArg, `${date}-indicators-${scale}.json`);
writeBenchResult(outFile, report);

const m = report.machine;
console.log(`## Benchmark "indicators" — ${report.date} (${scale} scale)\n`);
console.log(
  `Machine: ${m.nproc} CPU (${m.cpuModel}), ${m.memoryGb} GB RAM, Node ${m.node}, ${m.platform}; ` +
    `load average ${Object.values(m.loadAverage).join(' / ')} at the end\n`,
);
console.log(markdown(results, targetList));
console.log(`\nJSON: ${path.relative(ROOT, outFile)}`);
const problems = results.flatMap((r) => r.problems.map((p) => `${r.database}: ${p}`));
if (problems.length > 0) {
  console.error(`\nFailures (a request failed or a write was not visible):\n${problems.join('\n')}`);
  process.exit(1);
}
