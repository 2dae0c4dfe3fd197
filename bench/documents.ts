/**
 * `npm run bench:documents -- [--quick] [--db=pglite|postgresql|both] [--n=N] [--out=FILE]`
 *
 * The province's quarterly report (issue 12) on the demo data: the real server (`node --import tsx
 * server/main.ts`) on a fresh database (default PGlite) seeded with the demo (a year of rounds, about
 * 160 reports each), restarted, signed in as the secretariat. On the closed quarter with the most
 * accepted reports it measures, N times each (default 10, --quick 3), one after another:
 *  - drafting: POST /api/documents (gathers the accepted reports, tasks and indicator figures);
 *  - the draft as .docx, .xlsx (annexes) and .pdf: GET …/draft.docx, draft-annexes.xlsx, draft.pdf;
 *  - issuing: POST …/issue (renders all three and stores them, in one transaction).
 * p50/p95 of each, the size of each file, and the server's peak RSS (VmHWM) over the restart and these
 * requests, beside its RSS before them. Target: each ≤ 2 s. Prints Markdown; writes
 * bench/results/<date>-documents[-quick].json (or --out=FILE).
 */
import path from 'node:path';
import { DEMO_PASSWORD, ROOT } from '../e2e/server';
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
  summarise,
} from './server-setup';

const { args, quick, kinds: allKinds, outArg } = parseBenchArgs();
// PGlite unless asked: the demo seed is most of the run, and the documents' work is rendering
const kinds: DbKind[] = args.some((a) => a.startsWith('--db=')) ? allKinds : ['pglite'];
const N = Number(args.find((a) => a.startsWith('--n='))?.slice(4) ?? (quick ? 3 : 10));
const TARGET_MS = 2000;

interface Session {
  json<T>(method: string, path: string, body?: unknown): Promise<T>;
  file(path: string): Promise<Buffer>;
}

async function signIn(baseUrl: string): Promise<Session> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'secretariat', password: DEMO_PASSWORD }),
  });
  const body = (await response.json()) as { csrfToken?: string };
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(body)}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const headers = { cookie, 'x-csrf-token': body.csrfToken ?? '' };
  const call = async (method: string, url: string, payload?: unknown) => {
    const res = await fetch(`${baseUrl}/api${url}`, {
      method,
      headers: payload === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    if (!res.ok) throw new Error(`${method} ${url} → ${res.status}: ${bytes.toString('utf8', 0, 500)}`);
    return bytes;
  };
  return {
    json: async <T>(method: string, url: string, payload?: unknown) =>
      JSON.parse((await call(method, url, payload)).toString('utf8')) as T,
    file: (url: string) => call('GET', url),
  };
}

interface Case {
  name: string;
  latency: Latency;
  /** bytes of the answer (files), or undefined */
  bytes?: number;
}

async function time<T>(runs: number, step: (i: number) => Promise<T>) {
  const times: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = await step(i);
    times.push(performance.now() - t0);
  }
  return { latency: summarise(times), last: last as T };
}

interface RoundRow {
  id: string;
  period: string;
  title: string;
  status: string;
  completeness: { expected: number; accepted: number };
}

async function benchDatabase(kind: DbKind) {
  return onFreshDatabase(
    kind,
    { pglite: 'lotrinh-bench-doc-', postgresql: 'lotrinh_bench_doc_' },
    async (location, benchServer) => {
      log(`${kind}: first start (migrations + demo seed)…`);
      const seedRun = await firstStart(benchServer, location.env);
      log(`${kind}: seeded in ${Math.round(seedRun.startMs / 1000)} s; restart on the filled database…`);
      const server = await benchServer.start({ launcher: 'node-tsx', env: location.env });
      const session = await signIn(server.baseUrl);
      const plans = await session.json<{ items: { id: string }[] }>('GET', '/plans?pageSize=1');
      const planId = plans.items[0]?.id;
      if (!planId) throw new Error('no plan: did the demo seed run?');
      const rounds = await session.json<{ items: RoundRow[] }>(
        'GET',
        `/rounds?planId=${planId}&pageSize=100`,
      );
      const round = rounds.items
        .filter((r) => /Q\d$/.test(r.period) && r.status === 'closed')
        .sort((a, b) => b.completeness.accepted - a.completeness.accepted)[0];
      if (!round) throw new Error('no closed quarterly round in the demo data');
      const rssBeforeMb = mb(procStatusKb(server.pid, 'VmRSS'));
      const cases: Case[] = [];

      log(
        `${kind}: drafting the report of ${round.title} (${round.completeness.accepted} accepted reports), ${N}×…`,
      );
      const drafts: string[] = [];
      const draft = await time(N, async () => {
        const doc = await session.json<{ id: string; version: number; data: DocumentData }>(
          'POST',
          '/documents',
          {
            roundId: round.id,
          },
        );
        drafts.push(doc.id);
        return doc;
      });
      cases.push({ name: 'draft (gather accepted reports)', latency: draft.latency });
      const documentId = drafts[0]!;
      const files: [string, string][] = [
        ['.docx', `/documents/${documentId}/draft.docx`],
        ['.xlsx (annexes)', `/documents/${documentId}/draft-annexes.xlsx`],
        ['.pdf', `/documents/${documentId}/draft.pdf`],
      ];
      for (const [name, url] of files) {
        log(`${kind}: ${name}, ${N}×…`);
        const result = await time(N, () => session.file(url));
        cases.push({ name, latency: result.latency, bytes: result.last.length });
      }
      log(`${kind}: issuing (all three rendered and stored), ${N}×…`);
      const issued = await time(N, async (i) => {
        const doc = await session.json<{ version: number }>('GET', `/documents/${drafts[i]}`);
        return session.json('POST', `/documents/${drafts[i]}/issue`, {
          version: doc.version,
          number: String(100 + i),
          issuedOn: new Date().toISOString().slice(0, 10),
          signer: { authority: 'KT. TRƯỞNG BAN', title: 'PHÓ TRƯỞNG BAN', name: 'Nguyễn Văn An' },
        });
      });
      cases.push({ name: 'issue (render .docx + .pdf + .xlsx, store)', latency: issued.latency });
      const pdf = await time(N, () => session.file(`/documents/${documentId}/versions/1/report.pdf`));
      cases.push({ name: 'issued .pdf (stored bytes)', latency: pdf.latency, bytes: pdf.last.length });
      const data = draft.last.data;
      return {
        database: kind,
        round: { period: round.period, title: round.title, ...round.completeness },
        content: {
          tasks: data.tasks.length,
          indicators: data.indicators.length,
          acceptedReports: data.acceptedReports,
        },
        seedStartMs: Math.round(seedRun.startMs),
        rssBeforeMb,
        peakRssMb: mb(procStatusKb(server.pid, 'VmHWM')),
        rssAfterMb: mb(procStatusKb(server.pid, 'VmRSS')),
        cases,
      };
    },
  );
}

interface DocumentData {
  tasks: unknown[];
  indicators: unknown[];
  acceptedReports: number;
}

const mb = (kb: number) => Math.round((kb / 1024) * 10) / 10;

function log(message: string) {
  console.error(`[bench:documents] ${message}`);
}

const results = [];
for (const kind of kinds) results.push(await benchDatabase(kind));
const report = {
  name: 'documents',
  date: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  runsPerCase: N,
  targetMs: TARGET_MS,
  machine: machine(),
  results,
};
const outFile = resultFile(outArg, `${report.date.slice(0, 10)}-documents${quick ? '-quick' : ''}.json`);
writeBenchResult(outFile, report);

const m = report.machine;
console.log(`## Benchmark "documents" — ${report.date} (${report.mode}, ${N} runs per case)\n`);
console.log(`${describeMachine(m)}; load average ${Object.values(m.loadAverage).join(' / ')} at the end\n`);
for (const r of results) {
  console.log(
    `${r.database}: ${r.round.title} (${r.round.period}), ${r.content.acceptedReports} accepted reports of ${r.round.expected}, ` +
      `${r.content.tasks} tasks, ${r.content.indicators} indicators. Server RSS ${r.rssBeforeMb} MB before, ` +
      `peak ${r.peakRssMb} MB (VmHWM over restart and runs), ${r.rssAfterMb} MB after.\n`,
  );
  console.log('| case | p50 ms | p95 ms | max ms | size |');
  console.log('|---|---:|---:|---:|---:|');
  for (const c of r.cases)
    console.log(
      `| ${c.name} | ${c.latency.p50} | ${c.latency.p95} | ${c.latency.max} | ${c.bytes === undefined ? '—' : `${Math.round(c.bytes / 1024)} KB`} |`,
    );
  console.log('');
}
console.log(`JSON: ${path.relative(ROOT, outFile)}`);
const over = results.flatMap((r) =>
  r.cases.filter((c) => c.latency.p95 > TARGET_MS).map((c) => `${r.database} ${c.name}`),
);
if (over.length) console.error(`Over the ${TARGET_MS} ms target (p95): ${over.join(', ')}`);
