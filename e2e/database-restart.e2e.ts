/**
 * The service survives its database: a PostgreSQL cluster of the test's own (initdb in a temporary
 * folder, its own port — never the shared server) is restarted, then stopped and started again,
 * while the secretariat keeps adding tasks. The app process lives through it; while the database
 * is down `/api/health` and writes answer 503 with Retry-After; once it is back the app serves
 * again within seconds without a restart; and every write acknowledged with 201 is in the database.
 *
 * It needs PostgreSQL's server binaries (Debian's postgresql package); without them it is skipped,
 * saying so. It runs once per CI run, in the run without TEST_DATABASE_URL, since it brings its
 * own PostgreSQL either way.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, signIn } from './api-client';
import { freePort, type RunningServer, startServer } from './server';

/** The newest installed PostgreSQL's bin folder with initdb and pg_ctl, if any. */
function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  return fs
    .readdirSync(root)
    .filter((version) => /^\d+$/.test(version))
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => path.join(root, version, 'bin'))
    .find((bin) => fs.existsSync(path.join(bin, 'initdb')) && fs.existsSync(path.join(bin, 'pg_ctl')));
}

const bin = findPostgresBin();
// as root the cluster runs as the postgres OS user, which Debian's package creates
const asRootWithoutPostgresUser =
  process.getuid?.() === 0 && !/^postgres:/m.test(fs.readFileSync('/etc/passwd', 'utf8'));
const skipReason = !bin
  ? 'no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)'
  : asRootWithoutPostgresUser
    ? 'running as root, and there is no postgres OS user to run the cluster (apt-get install postgresql)'
    : process.env.TEST_DATABASE_URL
      ? 'runs in the test run without TEST_DATABASE_URL (it starts a PostgreSQL of its own either way)'
      : undefined;
if (skipReason) console.warn(`database-restart.e2e.ts skipped: ${skipReason}`);

/** A throw-away PostgreSQL cluster; as root, run as the `postgres` OS user (initdb refuses root). */
class Cluster {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotrinh-pg-restart-'));
  readonly dataDir = path.join(this.dir, 'data');
  private readonly asRoot = process.getuid?.() === 0;
  constructor(
    private readonly binDir: string,
    readonly port: number,
  ) {
    if (this.asRoot) execFileSync('chown', ['postgres:', this.dir]);
  }
  get url() {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }
  private run(tool: string, args: string[]) {
    const command = path.join(this.binDir, tool);
    const [file, argv] = this.asRoot
      ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
      : [command, args];
    execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  }
  init() {
    this.run('initdb', ['-D', this.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  }
  private ctl(...args: string[]) {
    // the server's output goes to the log file, never to the pipe this process waits on
    this.run('pg_ctl', ['-D', this.dataDir, '-w', '-t', '30', '-l', path.join(this.dir, 'log'), ...args]);
  }
  start() {
    this.ctl('-o', `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c fsync=off`, 'start');
  }
  restart() {
    this.ctl('-m', 'fast', 'restart');
  }
  stop() {
    this.ctl('-m', 'fast', 'stop');
  }
  dispose() {
    try {
      this.ctl('-m', 'immediate', 'stop');
    } catch {
      // not running
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(Boolean(skipReason))('a PostgreSQL restart and stop under write load', () => {
  let cluster: Cluster;
  let server: RunningServer | null = null;

  beforeAll(async () => {
    cluster = new Cluster(bin!, await freePort());
    cluster.init();
    cluster.start();
    server = await startServer({ launcher: 'node-tsx', env: { DATABASE_URL: cluster.url } });
  });

  afterAll(async () => {
    await server?.stop();
    cluster?.dispose();
  });

  it('keeps the app alive, answers 503 while the database is down, and serves again once it is back', async () => {
    const baseUrl = server!.baseUrl;
    const secretariat = await signIn(baseUrl, 'secretariat');
    const plans = await secretariat.request<{ items: { id: string }[] }>('GET', '/plans');
    const planId = plans.body.items[0]!.id;

    // The load: four writers adding tasks with codes of their own, each answer recorded.
    const acknowledged = new Set<string>();
    const answers = new Map<number | string, number>();
    const unexpected: string[] = [];
    let phase = 'before';
    const ackedIn = new Map<string, number>();
    let next = 0;
    let writing = true;
    const write = async (api: ApiClient) => {
      const code = `90.${++next}`;
      let status: number | string;
      try {
        const res = await api.request<{ code?: string }>('POST', `/plans/${planId}/items`, {
          kind: 'task',
          code,
          title: `Nhiệm vụ thử khởi động lại ${code}`,
        });
        status = res.status;
        if (res.status === 201) {
          acknowledged.add(code);
          ackedIn.set(phase, (ackedIn.get(phase) ?? 0) + 1);
        } else if (res.status !== 503) {
          unexpected.push(`${phase} ${code}: ${res.status} ${JSON.stringify(res.body)}`);
        }
      } catch (error) {
        status = 'no answer';
        unexpected.push(`${phase} ${code}: no answer (${String(error)})`);
      }
      answers.set(status, (answers.get(status) ?? 0) + 1);
    };
    const writers = Array.from({ length: 4 }, async () => {
      while (writing) {
        await write(secretariat);
        await sleep(10);
      }
    });

    const alive = () => {
      try {
        process.kill(server!.pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    const health = async () => {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(15_000) });
      return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
    };

    try {
      await sleep(1_500);
      // 1. A fast restart: every connection, idle or inside a transaction, is ended by the server.
      phase = 'restart';
      cluster.restart();
      await sleep(2_000);
      expect(alive(), server!.output()).toBe(true);

      // 2. A stop of a few seconds: the app says the database is unavailable, and how long to wait.
      phase = 'down';
      cluster.stop();
      await sleep(3_000);
      expect(alive(), server!.output()).toBe(true);
      const down = await health();
      expect(down.status).toBe(503);
      expect(down.retryAfter).toBe('5');
      expect(down.body).toMatchObject({ status: 'unavailable', database: 'postgresql' });
      const refused = await secretariat.request<{ code: string; detail: string }>(
        'POST',
        `/plans/${planId}/items`,
        { kind: 'task', code: '91.1', title: 'Khi cơ sở dữ liệu dừng' },
      );
      expect(refused.status).toBe(503);
      expect(refused.body.code).toBe('database_unavailable');
      expect(refused.body.detail).toContain('cơ sở dữ liệu');

      // 3. Back: healthy within seconds, without restarting the app.
      phase = 'back';
      cluster.start();
      const back = performance.now();
      for (;;) {
        if ((await health()).status === 200) break;
        expect(performance.now() - back, 'healthy again within 10 s').toBeLessThan(10_000);
        await sleep(100);
      }
      const recoveredMs = performance.now() - back;
      await sleep(2_000);
      phase = 'after';
      await sleep(1_000);
      console.info(
        `database restart: healthy ${Math.round(recoveredMs)} ms after the database's return; answers ${JSON.stringify(
          Object.fromEntries(answers),
        )}; acknowledged per phase ${JSON.stringify(Object.fromEntries(ackedIn))}`,
      );
    } finally {
      writing = false;
      await Promise.all(writers);
    }

    expect(alive(), server!.output()).toBe(true);
    expect(server!.output()).not.toMatch(/Unhandled 'error' event|uncaughtException/);
    expect(unexpected, unexpected.join('\n')).toEqual([]);
    expect(ackedIn.get('before') ?? 0).toBeGreaterThan(0);
    expect(answers.get(503) ?? 0, 'writes refused with 503 while the database was away').toBeGreaterThan(0);
    expect(ackedIn.get('after') ?? 0, 'writes succeed again').toBeGreaterThan(0);

    // Every acknowledged write is in the database.
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ code: string }>(
        `select code from plan_items where plan_id = $1 and code like '90.%'`,
        [planId],
      );
      const stored = new Set(rows.map((r) => r.code));
      const lost = [...acknowledged].filter((code) => !stored.has(code));
      expect(lost, 'acknowledged but not stored').toEqual([]);
      // The background loops came back too: the audit sequencer seals every event written.
      const unsealed = async () =>
        Number(
          (
            await client.query<{ n: string }>(
              'select count(*) as n from audit_events e where not exists (select 1 from audit_chain c where c.event_id = e.id)',
            )
          ).rows[0]!.n,
        );
      const sealDeadline = performance.now() + 15_000;
      while ((await unsealed()) > 0 && performance.now() < sealDeadline) await sleep(200);
      expect(await unsealed(), 'audit events left unsealed after the database came back').toBe(0);
    } finally {
      await client.end();
    }
  });
});
