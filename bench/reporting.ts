/**
 * `npm run bench:reporting -- [--quick] [--db=pglite|postgresql|both] [--out=FILE]`
 *
 * The reporting-round benchmark of issue 5. For each database, on a fresh one:
 *   0. start the real server (`node --import tsx server/main.ts`, SEED_DEMO=true) once so that it
 *      migrates and loads the demo province and plan, stop it;
 *   1. insert a history of 40 monthly rounds × 150 units straight into the database (pg, or PGlite
 *      opened with the app's openDatabase), with varied statuses and submission times, and start the
 *      server again on it;
 *   2. round overview, as the secretariat, with 1 and 8 clients: GET /api/rounds?pageSize=50 (the
 *      completeness of the 40 rounds), GET /api/rounds/{id}/reports?pageSize=200 and
 *      GET /api/rounds/{id}/reports.xlsx;
 *   3. submissions: the admin creates one officer per unit (50 units that have a report in the round
 *      2026M10, opened through the API by the secretariat), each officer signs in (and changes the
 *      temporary password when the server requires it, as it does now), then all at once
 *      each one reads its report, saves it (PATCH) and submits it with an Idempotency-Key; the burst
 *      is checked (every report submitted, every re-sent key answered with the first answer);
 * and the server's peak RSS (VmHWM in /proc/<pid>/status) after each step.
 * Full: 50 officers, 3 bursts (the periodic round, then two ad hoc rounds of the same period), 200
 * requests per overview case; `--quick` (CI): 10 officers, 1 burst, 20 requests. Prints Markdown and writes
 * bench/results/<date>-reporting[-quick].json (or --out=FILE).
 * `--server-node-options="--max-semi-space-size=4"` starts the server (only it) with these Node options
 * (NODE_OPTIONS), to measure a setting's effect on its memory.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TReport } from '../common/contracts/reports';
import type { TRound, TRoundReport } from '../common/contracts/rounds';
import type { TUser } from '../common/contracts/users';
import { cutoffWindow, previousPeriod } from '../common/periods';
import { addDays, addWorkingDays } from '../common/working-days';
import { signInAdmin } from '../e2e/api-client';
import { type DataLocation, DEMO_PASSWORD, ROOT } from '../e2e/server';
import { openDatabase } from '../server/db/client';
import { writeBenchResult } from './results';
import {
  type DbKind,
  describeMachine,
  firstStart,
  type Latency,
  machine,
  onFreshDatabase,
  parseBenchArgs,
  procStatusKb,
  resultFile,
  round1,
  summarise,
} from './server-setup';

const { args, quick, kinds, outArg } = parseBenchArgs();
const SERVER_NODE_OPTIONS_ARG = '--server-node-options=';
const serverNodeOptions = args
  .find((a) => a.startsWith(SERVER_NODE_OPTIONS_ARG))
  ?.slice(SERVER_NODE_OPTIONS_ARG.length);
/** The server's environment: the database, and the Node options under test added to the bench's own. */
const serverEnv = (location: DataLocation): Record<string, string> =>
  serverNodeOptions
    ? {
        ...location.env,
        NODE_OPTIONS: [process.env.NODE_OPTIONS, serverNodeOptions].filter(Boolean).join(' '),
      }
    : location.env;

/** concurrent officers, each on its own unit */
const OFFICERS = quick ? 10 : 50;
/** bursts of OFFICERS submissions: the periodic round, then ad hoc rounds of the same period */
const BURSTS = quick ? 1 : 3;
const SUBMISSION_PERIOD = '2026M10';
const HISTORY_ROUNDS = 40;
const HISTORY_UNITS = 150;
/** the history's newest rounds stay open; older ones are closed (see insertHistory) */
const OPEN_HISTORY_ROUNDS = 3;
const REQUESTS = quick ? 20 : 200;
const WARMUP = quick ? 4 : 20;
const CONCURRENCIES = [1, 8];
const OFFICER_PASSWORD = 'Tam-Thoi#2026';
const OFFICER_NEW_PASSWORD = 'Bao-Cao-Quy#2026!';

// ---------------------------------------------------------------------------------------------
// Small helpers

function log(message: string) {
  console.error(`[bench:reporting ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/** kB to whole MB: this bench's results are in whole megabytes (bench/run.ts keeps one decimal). */
const mb = (kb: number) => Math.round(kb / 1024);

/** CPU time (user + system) the server process has used so far, in ms. */
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // the fields after the command name, which is in parentheses and may hold spaces
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks * 10; // USER_HZ is 100 on Linux
}

/**
 * Waits until the server has used under 5% of a CPU for a whole second (the hourly reminder job and
 * the audit sequencer run right after a start), at most `timeoutMs`; returns how long it took.
 */
async function settle(pid: number, timeoutMs = 60_000): Promise<{ ms: number; settled: boolean }> {
  const t0 = performance.now();
  for (;;) {
    const before = cpuMs(pid);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (cpuMs(pid) - before <= 50) return { ms: Math.round(performance.now() - t0), settled: true };
    if (performance.now() - t0 > timeoutMs) return { ms: Math.round(performance.now() - t0), settled: false };
  }
}

/** A deterministic pseudo-random sequence (mulberry32), so that every run inserts the same history. */
function randomSequence(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP: node:http with keep-alive (a light client leaves more of the CPUs to the server)

interface Answer {
  status: number;
  body: Buffer;
  headers: http.IncomingHttpHeaders;
  /** from sending to the last byte of the body */
  ms: number;
}

interface Session {
  baseUrl: string;
  username: string;
  cookie: string;
  csrfToken: string;
  agent: http.Agent;
}

function send(
  baseUrl: string,
  agent: http.Agent,
  method: string,
  urlPath: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Answer> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const request = http.request(
      new URL(baseUrl + urlPath),
      {
        method,
        agent,
        headers: {
          ...headers,
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': String(payload.length) }
            : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks),
            headers: response.headers,
            ms: performance.now() - t0,
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

function call(
  session: Session,
  method: string,
  urlPath: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return send(
    session.baseUrl,
    session.agent,
    method,
    urlPath,
    { cookie: session.cookie, 'x-csrf-token': session.csrfToken, ...headers },
    body,
  );
}

const json = <T>(answer: Answer): T => JSON.parse(answer.body.toString('utf8')) as T;

function expectStatus(answer: Answer, status: number, what: string): void {
  if (answer.status !== status) {
    throw new Error(`${what}: ${answer.status} ${answer.body.toString('utf8').slice(0, 500)}`);
  }
}

async function login(baseUrl: string, username: string, password: string, sockets = 4): Promise<Session> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const answer = await send(baseUrl, agent, 'POST', '/api/auth/login', {}, { username, password });
  expectStatus(answer, 200, `sign-in of ${username}`);
  const setCookie = answer.headers['set-cookie'] ?? [];
  const cookie = setCookie.map((c) => c.split(';')[0]).join('; ');
  return { baseUrl, username, cookie, csrfToken: json<{ csrfToken: string }>(answer).csrfToken, agent };
}

// ---------------------------------------------------------------------------------------------
// 1. The history: 40 rounds × 150 units, inserted straight into the database

/** Runs one statement with $n parameters and returns its rows, whichever driver. */
type Exec = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

interface HistoryFigures {
  planId: string;
  rounds: number;
  units: number;
  reports: number;
  reportItems: number;
  periods: [string, string];
  byStatus: Record<string, number>;
  openRounds: number;
  insertMs: number;
  /** PostgreSQL: ANALYZE after the insert (what autovacuum does on a live server); PGlite has no autovacuum */
  analyzed: boolean;
}

const LOREM = [
  'Đã triển khai kế hoạch đến các phòng, ban và UBND cấp xã; tổ chức hội nghị quán triệt.',
  'Cơ bản hoàn thành các chỉ tiêu của kỳ; một số nhiệm vụ chậm do thiếu kinh phí đối ứng.',
  'Hạ tầng mạng ở các thôn vùng sâu còn yếu; nhân lực chuyên trách chuyển đổi số còn thiếu.',
  'Đề nghị Sở Tài chính bố trí kinh phí; đề nghị Sở KH&CN hướng dẫn tiêu chí đánh giá.',
];

/** Cumulative shares of report statuses: the newest rounds are still being worked on, older ones mostly accepted. */
const RECENT_STATUSES: [string, number][] = [
  ['draft', 0.25],
  ['submitted', 0.45],
  ['approved', 0.6],
  ['accepted', 0.95],
  ['returned', 1],
];
const OLD_STATUSES: [string, number][] = [
  ['draft', 0.08],
  ['returned', 0.1],
  ['submitted', 0.13],
  ['approved', 0.18],
  ['accepted', 1],
];
const pick = (shares: [string, number][], r: number) =>
  shares.find(([, upTo]) => r < upTo)?.[0] ?? 'accepted';

async function insertHistory(exec: Exec, kind: DbKind): Promise<HistoryFigures> {
  const t0 = performance.now();
  const [plan] = await exec(
    `select id from plans where archived_at is null order by created_at, number limit 1`,
  );
  if (!plan) throw new Error('no plan in the database: did the demo seed run?');
  const planId = plan.id as string;
  const holidays = new Set(
    (await exec(`select date::text as date from holidays`)).map((r) => r.date as string),
  );
  const [secretariat] = await exec(`select id from users where username = 'secretariat'`);
  // Units with duties in the plan first (those a real round gives a report to), then the others.
  const units = (
    await exec(
      `with duty as (
         select lead_org_unit_id as org_unit_id from plan_items
         where plan_id = $1 and archived_at is null and kind in ('task', 'milestone') and lead_org_unit_id is not null
         union
         select c.org_unit_id from plan_item_cooperators c join plan_items i on i.id = c.item_id
         where i.plan_id = $1 and i.archived_at is null and i.kind in ('task', 'milestone'))
       select o.id from org_units o left join duty d on d.org_unit_id = o.id
       where o.active order by (d.org_unit_id is null), o.code limit $2`,
      [planId, HISTORY_UNITS],
    )
  ).map((r) => r.id as string);
  if (units.length < HISTORY_UNITS)
    throw new Error(`only ${units.length} active units (need ${HISTORY_UNITS})`);

  // 40 months before the submission round's period, oldest first
  const periods: string[] = [];
  for (let p = previousPeriod(SUBMISSION_PERIOD); periods.length < HISTORY_ROUNDS; p = previousPeriod(p)) {
    periods.unshift(p);
  }
  const random = randomSequence(20261127);
  const byStatus: Record<string, number> = {};
  const rows: unknown[][] = [];
  const roundIds: string[] = [];
  await exec('begin');
  for (const [k, period] of periods.entries()) {
    const cutoffEnd = cutoffWindow(period).end;
    const dueDate = addWorkingDays(cutoffEnd, 5, holidays);
    const recent = k >= HISTORY_ROUNDS - OPEN_HISTORY_ROUNDS;
    // Older rounds are closed: the schema has the status; with every round open, the hourly
    // reminder job would queue a reminder for each unsent report of 40 months in the middle of the run.
    const [inserted] = await exec(
      `insert into rounds (plan_id, period, kind, title, cutoff_end, due_date, grace_days, status, opened_by, opened_at)
       values ($1, $2, 'periodic', $3, $4::date, $5::date, 3, $6, $7, $8::timestamptz) returning id`,
      [
        planId,
        period,
        `Báo cáo tháng ${period.slice(5)}/${period.slice(0, 4)} — bench`,
        cutoffEnd,
        dueDate,
        recent ? 'open' : 'closed',
        secretariat?.id ?? null,
        `${addDays(cutoffEnd, 1)}T08:00:00+07:00`,
      ],
    );
    const roundId = inserted!.id as string;
    roundIds.push(roundId);
    for (const unitId of units) {
      const r = random();
      const status = pick(recent ? RECENT_STATUSES : OLD_STATUSES, r);
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      const at = (date: string) => {
        const minutes = 7 * 60 + 30 + Math.floor(random() * 600);
        const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
        const mm = String(minutes % 60).padStart(2, '0');
        return `${date}T${hh}:${mm}:00+07:00`;
      };
      const sent = status !== 'draft';
      // 70% on time (up to 6 days early), 30% late (1–12 days)
      const offset = random() < 0.7 ? -Math.floor(random() * 7) : 1 + Math.floor(random() * 12);
      const firstSubmitted = sent ? addDays(dueDate, offset) : null;
      const approved =
        firstSubmitted && (status === 'approved' || status === 'accepted')
          ? addDays(firstSubmitted, 1 + Math.floor(random() * 3))
          : null;
      const accepted =
        approved && status === 'accepted' ? addDays(approved, 1 + Math.floor(random() * 5)) : null;
      const lastSubmitted = firstSubmitted && status === 'returned' ? null : firstSubmitted;
      const general = {
        summary: sent || random() < 0.5 ? `${LOREM[0]} ${LOREM[1]}` : null,
        obstacles: sent ? LOREM[2]! : null,
        proposals: sent ? LOREM[3]! : null,
      };
      rows.push([
        roundId,
        unitId,
        dueDate,
        status,
        JSON.stringify(general),
        status === 'returned' ? (random() < 0.5 ? 'head' : 'secretariat') : null,
        status === 'returned' ? 'Bổ sung số liệu và minh chứng cho các nhiệm vụ chậm tiến độ.' : null,
        lastSubmitted ? at(lastSubmitted) : null,
        firstSubmitted ? at(firstSubmitted) : null,
        approved ? at(approved) : null,
        accepted ? at(accepted) : null,
        sent ? 2 + Math.floor(random() * 5) : 1 + Math.floor(random() * 3),
        at(accepted ?? approved ?? firstSubmitted ?? dueDate),
      ]);
    }
  }
  const COLUMNS = 13;
  const casts = [
    '::uuid',
    '::uuid',
    '::date',
    '',
    '::jsonb',
    '',
    '',
    '::timestamptz',
    '::timestamptz',
    '::timestamptz',
    '::timestamptz',
    '::int',
    '::timestamptz',
  ];
  for (let start = 0; start < rows.length; start += 500) {
    const batch = rows.slice(start, start + 500);
    const values = batch
      .map((_, i) => `(${casts.map((cast, c) => `$${i * COLUMNS + c + 1}${cast}`).join(', ')})`)
      .join(',\n');
    await exec(
      `insert into reports (round_id, org_unit_id, due_date, status, general, returned_stage, return_reason,
         submitted_at, first_submitted_at, approved_at, accepted_at, version, updated_at)
       values ${values}`,
      batch.flat(),
    );
  }
  // What each report covers, as openRound does: the unfinished tasks the unit leads or co-operates on.
  await exec(
    `insert into report_items (report_id, plan_item_id, role, progress, results)
     select r.id, d.plan_item_id, d.role,
       case when r.status <> 'draft' then least(100, 10 + (abs(hashtext(r.id::text || d.plan_item_id::text)) % 90)) end,
       case when r.status <> 'draft' then $2 end
     from reports r join (
       select i.lead_org_unit_id as org_unit_id, i.id as plan_item_id, 'lead' as role from plan_items i
       where i.plan_id = $1 and i.archived_at is null and i.kind in ('task', 'milestone')
         and i.progress < 100 and i.lead_org_unit_id is not null
       union all
       select c.org_unit_id, i.id, 'cooperator' from plan_items i join plan_item_cooperators c on c.item_id = i.id
       where i.plan_id = $1 and i.archived_at is null and i.kind in ('task', 'milestone')
         and i.progress < 100 and c.org_unit_id is distinct from i.lead_org_unit_id
     ) d on d.org_unit_id = r.org_unit_id
     where r.round_id = any($3::uuid[])`,
    [planId, LOREM[1], roundIds],
  );
  await exec('commit');
  const analyzed = kind === 'postgresql';
  if (analyzed) await exec('analyze');
  const [counts] = await exec(
    `select (select count(*)::int from reports) as reports, (select count(*)::int from report_items) as items`,
  );
  return {
    planId,
    rounds: periods.length,
    units: units.length,
    reports: counts!.reports as number,
    reportItems: counts!.items as number,
    periods: [periods[0]!, periods[periods.length - 1]!],
    byStatus,
    openRounds: OPEN_HISTORY_ROUNDS,
    insertMs: Math.round(performance.now() - t0),
    analyzed,
  };
}

async function withExec<T>(location: DataLocation, run: (exec: Exec) => Promise<T>): Promise<T> {
  if (location.kind === 'postgresql') {
    const client = new pg.Client({
      connectionString: location.env.DATABASE_URL,
      options: '-c timezone=Asia/Ho_Chi_Minh',
    });
    await client.connect();
    try {
      return await run(async (text, params) => (await client.query(text, params)).rows);
    } finally {
      await client.end();
    }
  }
  // the server is stopped: its folder is ours until it starts again
  const handle = await openDatabase({ dataDir: location.dataDir });
  try {
    const client = (handle.db as unknown as { $client: PGlite }).$client;
    return await run(
      async (text, params) => (await client.query<Record<string, unknown>>(text, params)).rows,
    );
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Round overview

interface OverviewCase extends Latency {
  endpoint: string;
  path: string;
  clients: number;
  errors: number;
  rps: number;
  bytes: number;
  /** server CPU time per request (user + system) */
  serverCpuMsPerRequest: number;
  /** the server's VmHWM and VmRSS after the case */
  peakRssMb: number;
  rssMb: number;
}

async function overviewCase(
  session: Session,
  endpoint: string,
  urlPath: string,
  clients: number,
  pid: number,
  expectedType: string,
): Promise<OverviewCase> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const one = () => send(session.baseUrl, agent, 'GET', urlPath, { cookie: session.cookie });
  const check = (answer: Answer) =>
    answer.status === 200 && String(answer.headers['content-type'] ?? '').startsWith(expectedType);
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < Math.ceil(WARMUP / clients); i++) {
        const answer = await one();
        if (!check(answer)) expectStatus(answer, 200, `warm-up of ${urlPath}`);
      }
    }),
  );
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  let issued = 0;
  const cpu0 = cpuMs(pid);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (issued < REQUESTS) {
        issued++;
        const answer = await one();
        latencies.push(answer.ms);
        if (!check(answer)) errors++;
        bytes = answer.body.length;
      }
    }),
  );
  const wall = performance.now() - started;
  const cpu = cpuMs(pid) - cpu0;
  agent.destroy();
  return {
    endpoint,
    path: urlPath,
    clients,
    ...summarise(latencies),
    errors,
    rps: Math.round((latencies.length / wall) * 10_000) / 10,
    bytes,
    serverCpuMsPerRequest: round1(cpu / latencies.length),
    peakRssMb: mb(procStatusKb(pid, 'VmHWM')),
    rssMb: mb(procStatusKb(pid, 'VmRSS')),
  };
}

// ---------------------------------------------------------------------------------------------
// 3. Submissions by concurrent officers

interface Officer {
  session: Session;
  userId: string;
  orgUnitId: string;
  orgUnitCode: string;
}

interface BurstResult {
  roundId: string;
  kind: 'periodic' | 'ad_hoc';
  officers: number;
  /** from the first GET to the last submit answer */
  wallMs: number;
  submissionsPerSecond: number;
  get: Latency;
  save: Latency;
  submit: Latency;
  /** the same submit with the same Idempotency-Key again: must answer the first answer */
  replay: Latency;
  /** one officer's whole flow: GET + PATCH + submit */
  flow: Latency;
  reportItems: number;
  errors: number;
  errorSamples: string[];
  serverCpuMs: number;
  /** the server's VmHWM and VmRSS after the burst */
  peakRssMb: number;
  rssMb: number;
}

/** The samples of a burst, for percentiles over every burst (not written to the JSON). */
interface BurstSamples {
  get: number[];
  save: number[];
  submit: number[];
  acknowledged: number;
  wallMs: number;
}

function allBursts(bursts: BurstResult[], samples: BurstSamples[]) {
  const submissions = samples.reduce((a, s) => a + s.acknowledged, 0);
  const wallMs = samples.reduce((a, s) => a + s.wallMs, 0);
  return {
    submissions,
    get: summarise(samples.flatMap((s) => s.get)),
    save: summarise(samples.flatMap((s) => s.save)),
    submit: summarise(samples.flatMap((s) => s.submit)),
    errors: bursts.reduce((a, b) => a + b.errors, 0),
    /** submissions over the summed wall time of the bursts */
    submissionsPerSecond: round1((submissions / wallMs) * 1000),
  };
}

/**
 * The admin creates one officer per unit (one after the other, as an administrator does), then the
 * officers sign in, 8 at a time. Both hash or verify an argon2id password (19 MiB each).
 */
async function createOfficers(
  baseUrl: string,
  units: { id: string; code: string }[],
  pid: number,
): Promise<{ officers: Officer[]; createUser: Latency; signIn: Latency; peakRssAfterCreateMb: number }> {
  const admin = await signInAdmin(baseUrl);
  const created: { userId: string; username: string; unit: { id: string; code: string } }[] = [];
  const createTimes: number[] = [];
  for (const [i, unit] of units.entries()) {
    const username = `bench.officer${String(i + 1).padStart(2, '0')}`;
    const t0 = performance.now();
    const res = await admin.request<TUser>('POST', '/users', {
      username,
      displayName: `Cán bộ báo cáo ${unit.code}`,
      password: OFFICER_PASSWORD,
      assignments: [{ role: 'officer', orgUnitId: unit.id }],
    });
    createTimes.push(performance.now() - t0);
    if (res.status !== 201)
      throw new Error(`POST /users ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    if (!res.body.mustChangePassword) throw new Error(`${username} was created without mustChangePassword`);
    created.push({ userId: res.body.id, username, unit });
  }
  const peakRssAfterCreateMb = mb(procStatusKb(pid, 'VmHWM'));
  const queue = [...created];
  const officers: Officer[] = [];
  const signInTimes: number[] = [];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const t0 = performance.now();
        const session = await login(baseUrl, next.username, OFFICER_PASSWORD);
        signInTimes.push(performance.now() - t0);
        officers.push({ session, userId: next.userId, orgUnitId: next.unit.id, orgUnitCode: next.unit.code });
      }
    }),
  );
  officers.sort((a, b) => a.session.username.localeCompare(b.session.username));
  return {
    officers,
    createUser: summarise(createTimes),
    signIn: summarise(signInTimes),
    peakRssAfterCreateMb,
  };
}

/** Does the server let a user who still has the temporary password use the report routes? */
async function probeTemporaryPassword(officer: Officer, reportId: string): Promise<number> {
  return (await call(officer.session, 'GET', `/api/reports/${reportId}`)).status;
}

async function changePasswords(officers: Officer[]): Promise<void> {
  const queue = [...officers];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const res = await call(next.session, 'POST', '/api/auth/password', {
          currentPassword: OFFICER_PASSWORD,
          newPassword: OFFICER_NEW_PASSWORD,
        });
        expectStatus(res, 204, `password change of ${next.session.username}`);
        // sign in again with the new password: a fresh session and CSRF token
        next.session.agent.destroy();
        next.session = await login(next.session.baseUrl, next.session.username, OFFICER_NEW_PASSWORD);
      }
    }),
  );
}

async function burst(
  officers: Officer[],
  reportOf: Map<string, string>,
  roundId: string,
  kind: BurstResult['kind'],
  tag: string,
  pid: number,
): Promise<{ result: BurstResult; samples: BurstSamples }> {
  const get: number[] = [];
  const save: number[] = [];
  const submit: number[] = [];
  const flow: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let reportItems = 0;
  const acknowledged = new Map<string, { version: number; body: string }>();
  const fail = (what: string, answer: Answer) => {
    errors++;
    if (errorSamples.length < 5)
      errorSamples.push(`${what}: ${answer.status} ${answer.body.toString('utf8').slice(0, 300)}`);
  };
  const cpu0 = cpuMs(pid);
  const started = performance.now();
  await Promise.all(
    officers.map(async (officer) => {
      const reportId = reportOf.get(officer.orgUnitId)!;
      const t0 = performance.now();
      const read = await call(officer.session, 'GET', `/api/reports/${reportId}`);
      get.push(read.ms);
      if (read.status !== 200) return fail(`GET report ${reportId}`, read);
      const report = json<TReport>(read);
      reportItems += report.items.length;
      const saved = await call(officer.session, 'PATCH', `/api/reports/${reportId}`, {
        version: report.version,
        general: {
          summary: `${LOREM[0]} ${LOREM[1]} (${officer.orgUnitCode})`,
          obstacles: LOREM[2],
          proposals: LOREM[3],
        },
        items: report.items.map((item, i) => ({
          planItemId: item.planItem.id,
          progress: Math.min(100, item.planItem.progress + 5 + (i % 3) * 5),
          results: `${LOREM[1]} Nhiệm vụ ${item.planItem.code}.`,
        })),
      });
      save.push(saved.ms);
      if (saved.status !== 200) return fail(`PATCH report ${reportId}`, saved);
      const version = json<TReport>(saved).version;
      const sent = await call(
        officer.session,
        'POST',
        `/api/reports/${reportId}/submit`,
        { version },
        { 'idempotency-key': `${tag}-${reportId}` },
      );
      submit.push(sent.ms);
      flow.push(performance.now() - t0);
      if (sent.status !== 200) return fail(`submit ${reportId}`, sent);
      const answer = json<TReport>(sent);
      if (answer.status !== 'submitted' || answer.version !== version + 1)
        return fail(`submit ${reportId} answered ${answer.status} v${answer.version}`, sent);
      acknowledged.set(reportId, { version: answer.version, body: sent.body.toString('utf8') });
    }),
  );
  const wallMs = performance.now() - started;
  const serverCpuMs = cpuMs(pid) - cpu0;

  // Re-sending each submit with its key answers the first answer, and changes nothing.
  const replay: number[] = [];
  await Promise.all(
    officers.map(async (officer) => {
      const reportId = reportOf.get(officer.orgUnitId)!;
      const first = acknowledged.get(reportId);
      if (!first) return;
      const again = await call(
        officer.session,
        'POST',
        `/api/reports/${reportId}/submit`,
        { version: first.version - 1 },
        { 'idempotency-key': `${tag}-${reportId}` },
      );
      replay.push(again.ms);
      if (again.status !== 200 || json<TReport>(again).version !== first.version)
        fail(`replayed submit ${reportId}`, again);
    }),
  );
  const result: BurstResult = {
    roundId,
    kind,
    officers: officers.length,
    wallMs: Math.round(wallMs),
    submissionsPerSecond: round1((acknowledged.size / wallMs) * 1000),
    get: summarise(get),
    save: summarise(save),
    submit: summarise(submit),
    replay: summarise(replay),
    flow: summarise(flow),
    reportItems,
    errors,
    errorSamples,
    serverCpuMs,
    peakRssMb: mb(procStatusKb(pid, 'VmHWM')),
    rssMb: mb(procStatusKb(pid, 'VmRSS')),
  };
  return { result, samples: { get, save, submit, acknowledged: acknowledged.size, wallMs } };
}

// ---------------------------------------------------------------------------------------------
// One database

interface DbResult {
  database: DbKind;
  startEmptyMs: number;
  startFilledMs: number;
  /** after the second start, until the server's CPU use fell under 5% for a second */
  settleAfterStart: { ms: number; settled: boolean };
  history: HistoryFigures;
  overview: OverviewCase[];
  overviewRound: { id: string; period: string; reports: number; completeness: TRound['completeness'] };
  roundsListed: number;
  submissions: {
    officers: number;
    roundReports: number;
    /** status of GET /api/reports/{id} for an officer who still has the temporary password */
    temporaryPasswordReportStatus: number;
    passwordsChanged: boolean;
    openRoundMs: number;
    /** POST /api/users, one after the other (argon2id hash) */
    createUser: Latency;
    /** the officers' sign-ins, 8 at a time (argon2id verify) */
    signIn: Latency;
    bursts: BurstResult[];
    /** every burst together */
    all: {
      submissions: number;
      get: Latency;
      save: Latency;
      submit: Latency;
      errors: number;
      submissionsPerSecond: number;
    };
    /** the round's completeness after the bursts, as the secretariat sees it */
    completenessAfter: TRound['completeness'];
  };
  memory: {
    /** VmHWM of the first run: empty database, migrations + demo seed */
    peakRssSeedMb: number;
    /** PGlite only: the one-off child process that creates the cluster */
    initPeakRssMb?: number;
    /** VmHWM of the second run after the overview cases */
    peakRssAfterOverviewMb: number;
    /** …after the admin created the officers (argon2id hashes, one at a time) */
    peakRssAfterCreateMb: number;
    /** …after the officers signed in, 8 at a time (argon2id verifications) */
    peakRssAfterSignInMb: number;
    /** …after they changed their temporary passwords, 4 at a time (a verify, a hash and a sign-in each), when the server required it */
    peakRssAfterPasswordChangeMb: number | null;
    /** VmHWM of the second run after the submissions: the peak of the whole run */
    peakRssMb: number;
    rssAfterMb: number;
    budgetMb: number;
    withinBudget: boolean;
  };
}

async function benchDatabase(kind: DbKind): Promise<DbResult> {
  const prefix = { pglite: 'lotrinh-bench-reporting-', postgresql: 'lotrinh_bench_reporting_' };
  return onFreshDatabase(kind, prefix, async (location, benchServer) => {
    log(`${kind}: first start (migrations + demo seed)…`);
    const seedRun = await firstStart(benchServer, serverEnv(location));
    const startEmptyMs = Math.round(seedRun.startMs);
    const peakRssSeedMb = mb(seedRun.peakRssKb);

    log(`${kind}: inserting ${HISTORY_ROUNDS} rounds × ${HISTORY_UNITS} units…`);
    const history = await withExec(location, (exec) => insertHistory(exec, kind));
    log(`${kind}: ${history.reports} reports, ${history.reportItems} report items in ${history.insertMs} ms`);

    log(`${kind}: start on the filled database…`);
    const server = await benchServer.start({ launcher: 'node-tsx', env: serverEnv(location) });
    const startFilledMs = Math.round(server.startMs);
    const base = server.baseUrl;
    const pid = server.pid;
    const settled = await settle(pid);
    log(`${kind}: server idle after ${settled.ms} ms${settled.settled ? '' : ' (did not settle)'}`);
    const secretariat = await login(base, 'secretariat', DEMO_PASSWORD, 8);

    // --- round overview
    const roundsAnswer = await call(secretariat, 'GET', '/api/rounds?pageSize=50');
    expectStatus(roundsAnswer, 200, 'GET /api/rounds');
    const rounds = json<{ items: TRound[]; total: number }>(roundsAnswer);
    // the demo's own year of quarterly rounds is there too: the bench's are the monthly ones it titled
    const benchRounds = rounds.items.filter((r) => r.title.endsWith('— bench'));
    if (benchRounds.length !== HISTORY_ROUNDS)
      throw new Error(`GET /api/rounds: ${benchRounds.length} bench rounds, expected ${HISTORY_ROUNDS}`);
    // the newest round: every status and timeliness is there
    const overviewRound = benchRounds[0]!;
    const overviewPaths: [string, string, string][] = [
      [`rounds list (${HISTORY_ROUNDS} rounds)`, '/api/rounds?pageSize=50', 'application/json'],
      [
        `round reports (${HISTORY_UNITS} units)`,
        `/api/rounds/${overviewRound.id}/reports?pageSize=200`,
        'application/json',
      ],
      [
        `round reports XLSX (${HISTORY_UNITS} rows)`,
        `/api/rounds/${overviewRound.id}/reports.xlsx`,
        'application/vnd.openxmlformats',
      ],
    ];
    const overview: OverviewCase[] = [];
    for (const [name, urlPath, type] of overviewPaths) {
      for (const clients of CONCURRENCIES) {
        log(`${kind}: ${name}, ${clients} client(s), ${REQUESTS} requests…`);
        overview.push(await overviewCase(secretariat, name, urlPath, clients, pid, type));
      }
    }
    const peakRssAfterOverviewMb = mb(procStatusKb(pid, 'VmHWM'));

    // --- submissions
    log(`${kind}: opening round ${SUBMISSION_PERIOD}…`);
    const t0 = performance.now();
    const opened = await call(secretariat, 'POST', '/api/rounds', {
      planId: history.planId,
      period: SUBMISSION_PERIOD,
    });
    const openRoundMs = Math.round(performance.now() - t0);
    expectStatus(opened, 201, `POST /api/rounds ${SUBMISSION_PERIOD}`);
    const roundIds: { id: string; kind: BurstResult['kind'] }[] = [
      { id: json<TRound>(opened).id, kind: 'periodic' },
    ];
    const reportsAnswer = await call(
      secretariat,
      'GET',
      `/api/rounds/${roundIds[0]!.id}/reports?pageSize=200`,
    );
    expectStatus(reportsAnswer, 200, 'GET round reports');
    const roundReports = json<{ items: TRoundReport[]; total: number }>(reportsAnswer);
    if (roundReports.total < OFFICERS)
      throw new Error(`the round has ${roundReports.total} reports, fewer than ${OFFICERS} officers`);
    // units with tasks to report on first (the heavier reports), then units with indicators only
    const chosen = [...roundReports.items]
      .sort(
        (a, b) =>
          Number(b.itemCount > 0) - Number(a.itemCount > 0) || a.orgUnit.code.localeCompare(b.orgUnit.code),
      )
      .slice(0, OFFICERS);
    log(`${kind}: creating ${OFFICERS} officers and signing them in…`);
    const { officers, createUser, signIn, peakRssAfterCreateMb } = await createOfficers(
      base,
      chosen.map((r) => ({ id: r.orgUnit.id, code: r.orgUnit.code })),
      pid,
    );
    const peakRssAfterSignInMb = mb(procStatusKb(pid, 'VmHWM'));
    const reportOf = new Map(chosen.map((r) => [r.orgUnit.id, r.reportId]));
    const temporaryPasswordReportStatus = await probeTemporaryPassword(officers[0]!, chosen[0]!.reportId);
    const passwordsChanged = temporaryPasswordReportStatus !== 200;
    if (passwordsChanged) {
      log(
        `${kind}: a temporary password gets ${temporaryPasswordReportStatus} on a report: changing passwords…`,
      );
      await changePasswords(officers);
    }
    const peakRssAfterPasswordChangeMb = passwordsChanged ? mb(procStatusKb(pid, 'VmHWM')) : null;

    const bursts: BurstResult[] = [];
    const samples: BurstSamples[] = [];
    for (let b = 0; b < BURSTS; b++) {
      if (b > 0) {
        // the same obligations again: an ad hoc round of the same period
        const adHoc = await call(secretariat, 'POST', '/api/rounds', {
          planId: history.planId,
          period: SUBMISSION_PERIOD,
          kind: 'ad_hoc',
          title: `Báo cáo đột xuất ${b} — bench`,
        });
        expectStatus(adHoc, 201, 'POST /api/rounds (ad hoc)');
        const id = json<TRound>(adHoc).id;
        roundIds.push({ id, kind: 'ad_hoc' });
        const list = await call(secretariat, 'GET', `/api/rounds/${id}/reports?pageSize=200`);
        expectStatus(list, 200, 'GET ad hoc round reports');
        reportOf.clear();
        for (const r of json<{ items: TRoundReport[] }>(list).items) reportOf.set(r.orgUnit.id, r.reportId);
        const without = officers.filter((o) => !reportOf.has(o.orgUnitId));
        if (without.length) throw new Error(`ad hoc round: no report for ${without.length} officers' units`);
      }
      const { id, kind: roundKind } = roundIds[b]!;
      log(`${kind}: burst ${b + 1}/${BURSTS}: ${OFFICERS} officers read, save and submit at once…`);
      const one = await burst(officers, reportOf, id, roundKind, `bench-${b}`, pid);
      bursts.push(one.result);
      samples.push(one.samples);
    }
    const afterAnswer = await call(secretariat, 'GET', `/api/rounds/${roundIds[0]!.id}`);
    expectStatus(afterAnswer, 200, 'GET round after the bursts');
    const completenessAfter = json<TRound>(afterAnswer).completeness;
    for (const [b, { id }] of roundIds.entries()) {
      const list = await call(secretariat, 'GET', `/api/rounds/${id}/reports?pageSize=200&status=submitted`);
      const submitted = json<{ total: number }>(list).total;
      if (submitted !== OFFICERS) {
        bursts[b]!.errors++;
        bursts[b]!.errorSamples.push(`round ${id}: ${submitted} reports submitted, expected ${OFFICERS}`);
      }
    }
    const peakRssMb = mb(procStatusKb(pid, 'VmHWM'));
    const rssAfterMb = mb(procStatusKb(pid, 'VmRSS'));
    await benchServer.stop();

    const budgetMb = kind === 'pglite' ? 800 : 300;
    return {
      database: kind,
      startEmptyMs,
      startFilledMs,
      settleAfterStart: settled,
      history,
      overview,
      overviewRound: {
        id: overviewRound.id,
        period: overviewRound.period,
        reports: overviewRound.completeness.expected,
        completeness: overviewRound.completeness,
      },
      roundsListed: rounds.items.length,
      submissions: {
        officers: OFFICERS,
        roundReports: roundReports.total,
        temporaryPasswordReportStatus,
        passwordsChanged,
        openRoundMs,
        createUser,
        signIn,
        bursts,
        all: allBursts(bursts, samples),
        completenessAfter,
      },
      memory: {
        peakRssSeedMb,
        initPeakRssMb: seedRun.initPeakRssMb,
        peakRssAfterOverviewMb,
        peakRssAfterCreateMb,
        peakRssAfterSignInMb,
        peakRssAfterPasswordChangeMb,
        peakRssMb,
        rssAfterMb,
        budgetMb,
        withinBudget: Math.max(peakRssSeedMb, peakRssMb) <= budgetMb,
      },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Report

function markdown(results: DbResult[]): string {
  const lines: string[] = [];
  const lat = (l: Latency) => `${l.p50} | ${l.p95} | ${l.max}`;
  lines.push(
    `Submissions: ${OFFICERS} officers on ${OFFICERS} units at once, each GET + PATCH (save) + POST submit ` +
      `(Idempotency-Key); ${BURSTS} burst(s); milliseconds.`,
  );
  lines.push('');
  lines.push(
    '| database | burst | submissions/s | wall ms | GET p50 | GET p95 | GET max | save p50 | save p95 | save max | submit p50 | submit p95 | submit max | replay p50 | flow p95 | report items | errors | peak RSS after |',
  );
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    for (const [i, b] of r.submissions.bursts.entries()) {
      lines.push(
        `| ${r.database} | ${i + 1} (${b.kind}) | ${b.submissionsPerSecond} | ${b.wallMs} | ${lat(b.get)} | ${lat(b.save)} | ${lat(b.submit)} | ${b.replay.p50} | ${b.flow.p95} | ${b.reportItems} | ${b.errors} | ${b.peakRssMb} MB |`,
      );
    }
    const a = r.submissions.all;
    if (r.submissions.bursts.length > 1) {
      lines.push(
        `| ${r.database} | all (${a.submissions}) | ${a.submissionsPerSecond} | — | ${lat(a.get)} | ${lat(a.save)} | ${lat(a.submit)} | — | — | — | ${a.errors} | — |`,
      );
    }
  }
  lines.push('');
  for (const r of results) {
    lines.push(
      `${r.database}: opening the round (${r.submissions.roundReports} reports) took ${r.submissions.openRoundMs} ms; ` +
        `a user with a temporary password got ${r.submissions.temporaryPasswordReportStatus} on GET /api/reports/{id}` +
        `${r.submissions.passwordsChanged ? ' (passwords changed before the burst)' : ' (not blocked: no password change needed)'}; ` +
        `creating an officer p50 ${r.submissions.createUser.p50} ms, signing in (8 at a time) p50 ${r.submissions.signIn.p50} / p95 ${r.submissions.signIn.p95} ms.`,
    );
  }
  lines.push('');
  lines.push(
    `Round overview: ${HISTORY_ROUNDS} rounds × ${HISTORY_UNITS} units, as the secretariat; ${REQUESTS} requests per case; milliseconds.`,
  );
  lines.push('');
  lines.push(
    '| database | endpoint | clients | p50 | p95 | p99 | max | req/s | server CPU ms/req | bytes | errors | peak RSS after | RSS after |',
  );
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    for (const o of r.overview) {
      lines.push(
        `| ${r.database} | ${o.endpoint} | ${o.clients} | ${o.p50} | ${o.p95} | ${o.p99} | ${o.max} | ${o.rps} | ${o.serverCpuMsPerRequest} | ${o.bytes} | ${o.errors} | ${o.peakRssMb} MB | ${o.rssMb} MB |`,
      );
    }
  }
  lines.push('');
  lines.push(
    '| database | history insert | start, empty (migrate + seed) | start, filled | peak RSS, seed run | peak RSS, cluster creation (child) | peak RSS after overview | after creating officers | after their sign-ins | after password changes | after submissions (whole run) | RSS at end | budget |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const r of results) {
    const m = r.memory;
    lines.push(
      `| ${r.database} | ${r.history.reports} reports, ${r.history.reportItems} items, ${r.history.insertMs} ms | ${r.startEmptyMs} ms | ${r.startFilledMs} ms | ${m.peakRssSeedMb} MB | ${m.initPeakRssMb === undefined ? '—' : `${m.initPeakRssMb} MB`} | ${m.peakRssAfterOverviewMb} MB | ${m.peakRssAfterCreateMb} MB | ${m.peakRssAfterSignInMb} MB | ${m.peakRssAfterPasswordChangeMb === null ? '—' : `${m.peakRssAfterPasswordChangeMb} MB`} | ${m.peakRssMb} MB | ${m.rssAfterMb} MB | ≤ ${m.budgetMb} MB: ${m.withinBudget ? 'yes' : '**no**'} |`,
    );
  }
  return lines.join('\n');
}

const date = new Date().toISOString().slice(0, 10);
const loadAverageAtStart = os.loadavg().map((x) => Math.round(x * 100) / 100);
const results: DbResult[] = [];
for (const kind of kinds) results.push(await benchDatabase(kind));

const report = {
  name: 'reporting',
  date: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  officers: OFFICERS,
  bursts: BURSTS,
  submissionPeriod: SUBMISSION_PERIOD,
  historyRounds: HISTORY_ROUNDS,
  historyUnits: HISTORY_UNITS,
  requestsPerCase: REQUESTS,
  warmupPerCase: WARMUP,
  serverNodeOptions: serverNodeOptions ?? null,
  machine: machine(),
  loadAverageAtStart,
  results,
};
const outFile = resultFile(outArg, `${date}-reporting${quick ? '-quick' : ''}.json`);
writeBenchResult(outFile, report);

const m = report.machine;
console.log(`## Benchmark "reporting" — ${report.date} (${report.mode})\n`);
console.log(
  `${describeMachine(m)}; ` +
    `load average ${loadAverageAtStart.join(' / ')} at the start, ${Object.values(m.loadAverage).join(' / ')} at the end` +
    `${serverNodeOptions ? `; server started with NODE_OPTIONS="${serverNodeOptions}"` : ''}\n`,
);
console.log(markdown(results));
console.log(`\nJSON: ${path.relative(ROOT, outFile)}`);
const failed = results.some(
  (r) => r.overview.some((o) => o.errors > 0) || r.submissions.bursts.some((b) => b.errors > 0),
);
if (failed) {
  for (const r of results)
    for (const b of r.submissions.bursts)
      for (const e of b.errorSamples) console.error(`${r.database}: ${e}`);
  console.error('Some requests failed: see the errors columns.');
  process.exit(1);
}
