/**
 * What the benchmarks that run the real server share (bench/run.ts, bench/reporting.ts): the common
 * flags, a fresh database with the server on it and the clean-up after, the server's memory readings,
 * the machine description and where the JSON result goes. Kept in one place so that every bench
 * parses, starts, measures and reports these the same way.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createPgliteLocation,
  createPostgresLocation,
  type DataLocation,
  ROOT,
  type RunningServer,
  type StartServerOptions,
  startServer,
} from '../e2e/server';

export type DbKind = 'pglite' | 'postgresql';

/**
 * The flags every server bench takes: `--quick`, `--db=pglite|postgresql|both` (default both) and
 * `--out=FILE`. Exits with status 2 on an unknown --db, before anything is started.
 */
export function parseBenchArgs() {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const dbArg = args.find((a) => a.startsWith('--db='))?.slice(5) ?? 'both';
  if (!['pglite', 'postgresql', 'both'].includes(dbArg)) {
    console.error(`--db must be pglite, postgresql or both (got "${dbArg}")`);
    process.exit(2);
  }
  const kinds: DbKind[] = dbArg === 'both' ? ['pglite', 'postgresql'] : [dbArg as DbKind];
  const outArg = args.find((a) => a.startsWith('--out='))?.slice(6);
  return { args, quick, dbArg, kinds, outArg };
}

/** The PostgreSQL server on which the benches create (and drop) their databases. */
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The one server a bench runs at a time, kept here so that a failure can print its output and stop it. */
export class BenchServer {
  running: RunningServer | undefined;

  async start(options: StartServerOptions): Promise<RunningServer> {
    this.running = await startServer(options);
    return this.running;
  }

  async stop(): Promise<void> {
    await this.running?.stop();
    this.running = undefined;
  }
}

/**
 * Runs `measure` on a fresh database of `kind`: a PGlite folder, or a PostgreSQL database on
 * BENCH_DATABASE_URL (the prefixes name them, so that leftovers are easy to spot). Whatever happens,
 * cleans up after it: on failure it prints the running server's output (the cause is usually there),
 * then stops the server and removes the database.
 */
export async function onFreshDatabase<T>(
  kind: DbKind,
  prefix: { pglite: string; postgresql: string },
  measure: (location: DataLocation, server: BenchServer) => Promise<T>,
): Promise<T> {
  const location: DataLocation =
    kind === 'pglite'
      ? createPgliteLocation(prefix.pglite)
      : await createPostgresLocation(adminUrl, prefix.postgresql);
  const server = new BenchServer();
  try {
    return await measure(location, server);
  } catch (error) {
    if (server.running) console.error(`server output:\n${server.running.output()}`);
    throw error;
  } finally {
    await server.stop();
    await location.dispose();
  }
}

/**
 * The first start, on the empty database (migrations + demo seed), then stops the server. Returns how
 * long the start took, the server's peak RSS in kB, and for PGlite the peak of the one-off child
 * process that created the cluster (the server logs it; undefined otherwise).
 */
export async function firstStart(server: BenchServer, env: Record<string, string>) {
  const running = await server.start({ launcher: 'node-tsx', env });
  const startMs = running.startMs;
  const peakRssKb = procStatusKb(running.pid, 'VmHWM');
  const initPeak = /bước khởi tạo (\d+) MB/.exec(running.output())?.[1];
  await server.stop();
  return { startMs, peakRssKb, initPeakRssMb: initPeak ? Number(initPeak) : undefined };
}

/** A field of /proc/<pid>/status in kB (VmHWM: peak resident memory; VmRSS: now). */
export function procStatusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  if (!match) throw new Error(`${field} not found in /proc/${pid}/status`);
  return Number(match[1]);
}

/** Rounds to one decimal, as latencies are reported. */
export const round1 = (x: number) => Math.round(x * 10) / 10;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** How a set of timings is reported, in ms (one decimal); `n` is how many there were. */
export interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

export function summarise(values: number[]): Latency {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: round1(percentile(sorted, 50)),
    p95: round1(percentile(sorted, 95)),
    p99: round1(percentile(sorted, 99)),
    mean: round1(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)),
    max: round1(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

/** The machine the bench ran on, written with the results: figures only compare on like machines. */
export function machine() {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const model = cpuinfo.match(/^model name\s*:\s*(.+)$/m)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  const memTotalKb = Number(fs.readFileSync('/proc/meminfo', 'utf8').match(/^MemTotal:\s+(\d+)/m)?.[1] ?? 0);
  return {
    nproc: os.availableParallelism(),
    cpuModel: model,
    memoryGb: Math.round((memTotalKb / 1024 / 1024) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    /** 1/5/15-minute load averages when the bench ended: other work on the machine skews the figures */
    loadAverage: Object.fromEntries(
      ['1min', '5min', '15min'].map((k, i) => [k, Math.round(os.loadavg()[i]! * 100) / 100]),
    ),
  };
}

/** The start of the printed "Machine: …" line; each bench adds its load averages. */
export function describeMachine(m: ReturnType<typeof machine>): string {
  return `Machine: ${m.nproc} CPU (${m.cpuModel}), ${m.memoryGb} GB RAM, Node ${m.node}, ${m.platform}`;
}

/** Where the JSON result goes: --out=FILE, else bench/results/<fileName> (results are committed). */
export function resultFile(outArg: string | undefined, fileName: string): string {
  return outArg ? path.resolve(outArg) : path.join(ROOT, 'bench/results', fileName);
}
