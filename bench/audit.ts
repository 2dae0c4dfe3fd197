/**
 * `npx tsx bench/audit.ts [--quick] [--out=FILE]`: what the audit log costs, on PostgreSQL
 * (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; a fresh database is
 * created and dropped).
 *
 * 1. Per request: p50/p95 of a small transaction (update one row) without and with
 *    `recordAuditEvent`, and with the sequencer running alongside, with 1 and 8 concurrent writers.
 * 2. Sequencer: events chained per second from a backlog, the cost of an idle run with and without
 *    the transaction-id cursor, and verification speed.
 * Prints a Markdown table and writes bench/results/<date>-audit[-quick].json (or --out=FILE).
 */

import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, openDatabase } from '../server/db/client';
import { rowsOf } from '../server/db/sql';
import { chainPendingEvents, startAuditSequencer } from '../server/modules/audit/sequencer';
import { type AuditEventInput, recordAuditEvent } from '../server/modules/audit/service';
import { verifyAuditChain } from '../server/modules/audit/verify';
import { writeBenchResult } from './results';

const ROOT = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** transactions per case, split over ROUNDS alternating rounds so drift hits every variant alike */
const TRANSACTIONS = quick ? 400 : 4000;
const ROUNDS = 4;
const WARMUP = quick ? 50 : 300;
const CONCURRENCIES = [1, 8];
const ROWS = 1000;
const BACKLOG = quick ? 10_000 : 100_000;

type Variant = 'no audit' | 'audit' | 'audit + sequencer every 1 s';
const VARIANTS: Variant[] = ['no audit', 'audit', 'audit + sequencer every 1 s'];

interface LatencyResult {
  variant: Variant;
  clients: number;
  transactions: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  tps: number;
}

const round = (ms: number, digits = 2) => Math.round(ms * 10 ** digits) / 10 ** digits;

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

function log(message: string) {
  console.error(`[bench:audit] ${message}`);
}

const actor = { userId: randomUUID(), name: 'Nguyễn Văn Bench', roles: ['officer'], ip: '10.1.2.3' };

/** The request's unit of work: one row changes, and with audit its event is written in the same transaction. */
async function oneTransaction(db: Database, audit: boolean): Promise<void> {
  const id = 1 + Math.floor(Math.random() * ROWS);
  await db.transaction(async (tx) => {
    const [row] = rowsOf<{ value: number }>(
      await tx.execute(sql`update bench_rows set value = value + 1 where id = ${id} returning value`),
    );
    if (!audit) return;
    const event: AuditEventInput = {
      action: 'plan_item.update',
      actor: { ...actor, requestId: randomBytes(8).toString('hex') },
      resource: { type: 'plan_item', id: String(id), orgUnitId: null },
      before: { progress: row!.value - 1 },
      after: { progress: row!.value },
    };
    await recordAuditEvent(tx, event);
  });
}

async function runCase(db: Database, audit: boolean, clients: number, count: number): Promise<number[]> {
  const latencies: number[] = [];
  let issued = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (issued < count) {
        issued++;
        const t0 = performance.now();
        await oneTransaction(db, audit);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return latencies;
}

async function benchLatency(db: Database): Promise<LatencyResult[]> {
  const results: LatencyResult[] = [];
  for (const clients of CONCURRENCIES) {
    const samples = new Map<Variant, { latencies: number[]; wallMs: number }>(
      VARIANTS.map((v) => [v, { latencies: [], wallMs: 0 }]),
    );
    await runCase(db, true, clients, WARMUP);
    for (let r = 1; r <= ROUNDS; r++) {
      for (const variant of VARIANTS) {
        log(`${clients} client(s), ${variant}, round ${r}/${ROUNDS}…`);
        const stop =
          variant === 'audit + sequencer every 1 s' ? startAuditSequencer(db, { intervalMs: 1000 }) : null;
        const t0 = performance.now();
        const latencies = await runCase(db, variant !== 'no audit', clients, TRANSACTIONS / ROUNDS);
        const sample = samples.get(variant)!;
        sample.wallMs += performance.now() - t0;
        sample.latencies.push(...latencies);
        await stop?.();
        // every variant starts from an empty backlog
        await chainPendingEvents(db);
      }
    }
    for (const variant of VARIANTS) {
      const { latencies, wallMs } = samples.get(variant)!;
      latencies.sort((a, b) => a - b);
      results.push({
        variant,
        clients,
        transactions: latencies.length,
        p50: round(percentile(latencies, 50)),
        p95: round(percentile(latencies, 95)),
        p99: round(percentile(latencies, 99)),
        mean: round(latencies.reduce((a, b) => a + b, 0) / latencies.length),
        tps: Math.round((latencies.length / wallMs) * 1000),
      });
    }
  }
  return results;
}

interface SequencerResult {
  backlog: number;
  /** events already in the chain when the backlog was linked */
  chainedBefore: number;
  chainMs: number;
  eventsPerSecond: number;
  /** a run with nothing to link, given the cursor of the previous run (the background sequencer) */
  idleRunWithCursorMs: number;
  /** the same without a cursor: one scan of every event for unlinked ones (first run of a process, the CLI) */
  idleRunFullScanMs: number;
  verifyMs: number;
  verifiedEvents: number;
  verifiedPerSecond: number;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
}

async function benchSequencer(db: Database): Promise<SequencerResult> {
  const first = await chainPendingEvents(db);
  const [before] = rowsOf<{ n: string }>(await db.execute(sql`select count(*)::text as n from audit_chain`));
  log(`writing a backlog of ${BACKLOG} events…`);
  const perTransaction = 200;
  for (let written = 0; written < BACKLOG; written += perTransaction) {
    await db.transaction(async (tx) => {
      for (let i = 0; i < perTransaction; i++) {
        await recordAuditEvent(tx, {
          action: 'plan_item.update',
          actor,
          resource: { type: 'plan_item', id: String(written + i), orgUnitId: null },
          before: { progress: 10, title: 'Chuyển đổi số trong cơ quan nhà nước' },
          after: { progress: 20, title: 'Chuyển đổi số trong cơ quan nhà nước tỉnh Nghệ An' },
        });
      }
    });
  }
  await db.execute(sql`analyze audit_events`);
  log('chaining the backlog…');
  const [chained, chainMs] = await timed(() => chainPendingEvents(db, { sinceTxId: first.nextSinceTxId }));
  if (chained.chained !== BACKLOG) throw new Error(`chained ${chained.chained}, expected ${BACKLOG}`);
  await db.execute(sql`analyze audit_chain`);
  const idleWithCursor: number[] = [];
  const idleFull: number[] = [];
  let cursor = chained.nextSinceTxId;
  for (let i = 0; i < 5; i++) {
    const [withCursor, ms] = await timed(() => chainPendingEvents(db, { sinceTxId: cursor }));
    cursor = withCursor.nextSinceTxId;
    idleWithCursor.push(ms);
    idleFull.push((await timed(() => chainPendingEvents(db)))[1]);
  }
  log('verifying…');
  const [verification, verifyMs] = await timed(() => verifyAuditChain(db));
  if (!verification.ok) throw new Error(`verification failed: ${verification.message}`);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return {
    backlog: BACKLOG,
    chainedBefore: Number(before!.n),
    chainMs: Math.round(chainMs),
    eventsPerSecond: Math.round((BACKLOG / chainMs) * 1000),
    idleRunWithCursorMs: round(median(idleWithCursor)),
    idleRunFullScanMs: round(median(idleFull)),
    verifyMs: Math.round(verifyMs),
    verifiedEvents: verification.events,
    verifiedPerSecond: Math.round((verification.events / verifyMs) * 1000),
  };
}

function machine() {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const model = cpuinfo.match(/^model name\s*:\s*(.+)$/m)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  return {
    nproc: os.availableParallelism(),
    cpuModel: model,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((l) => round(l)),
  };
}

function markdown(latency: LatencyResult[], sequencer: SequencerResult): string {
  const lines = [
    '| writers | variant | transactions | p50 ms | p95 ms | p99 ms | mean ms | tx/s | p50 added by audit |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of latency) {
    const base = latency.find((b) => b.clients === r.clients && b.variant === 'no audit')!;
    const added = r.variant === 'no audit' ? '—' : `${round(r.p50 - base.p50)} ms`;
    lines.push(
      `| ${r.clients} | ${r.variant} | ${r.transactions} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.mean} | ${r.tps} | ${added} |`,
    );
  }
  const s = sequencer;
  lines.push(
    '',
    '| sequencer | figure |',
    '|---|---:|',
    `| backlog linked (${s.backlog} events, ${s.chainedBefore} already in the chain) | ${s.chainMs} ms = ${s.eventsPerSecond} events/s |`,
    `| idle run, with the cursor of the previous run | ${s.idleRunWithCursorMs} ms |`,
    `| idle run, no cursor (scans all ${s.verifiedEvents} events) | ${s.idleRunFullScanMs} ms |`,
    `| verify the whole chain (${s.verifiedEvents} events) | ${s.verifyMs} ms = ${s.verifiedPerSecond} events/s |`,
  );
  return lines.join('\n');
}

async function main() {
  const name = `lotrinh_bench_audit_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 10 });
  try {
    await database.migrate();
    const db = database.db;
    await db.execute(sql`create table bench_rows (id integer primary key, value integer not null)`);
    await db.execute(sql`insert into bench_rows select g, 0 from generate_series(1, ${ROWS}) g`);
    const [server] = rowsOf<{ version: string; sync: string }>(
      await db.execute(sql`select current_setting('server_version') as version,
        current_setting('synchronous_commit') as sync`),
    );
    const latency = await benchLatency(db);
    const sequencer = await benchSequencer(db);
    return { latency, sequencer, postgres: server!.version, synchronousCommit: server!.sync };
  } finally {
    await database.close();
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  }
}

const results = await main();
const report = {
  name: 'audit',
  date: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  transactionsPerCase: TRANSACTIONS,
  machine: machine(),
  ...results,
};
const outArg = args.find((a) => a.startsWith('--out='))?.slice(6);
const outFile = outArg
  ? path.resolve(outArg)
  : path.join(ROOT, 'bench/results', `${report.date.slice(0, 10)}-audit${quick ? '-quick' : ''}.json`);
writeBenchResult(outFile, report);

const m = report.machine;
console.log(`## Benchmark "audit" — ${report.date} (${report.mode}, PostgreSQL ${results.postgres})\n`);
console.log(
  `Machine: ${m.nproc} CPU (${m.cpuModel}), Node ${m.node}; load average ${m.loadAverage.join(' / ')} at the end; ` +
    `synchronous_commit=${results.synchronousCommit}\n`,
);
console.log(markdown(results.latency, results.sequencer));
console.log(`\nJSON: ${path.relative(ROOT, outFile)}`);
