/**
 * Helpers to run the real server as a child process, for the browser tests and the benchmark:
 * a free port, a fresh database (PGlite folder or PostgreSQL database), start and wait for
 * `/api/health`, stop, and a web build when the sources are newer than `web/dist`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const CHROMIUM_PATH = '/usr/bin/chromium';
/** The demo users' password (the server seeds them with DEMO_PASSWORD, default below). */
export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'LoTrinh@2026';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Throws a clear message when Debian Chromium is not installed. */
export function assertChromium(): void {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: the browser tests need Debian Chromium — run "apt-get install chromium".`,
    );
  }
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export { ensureWebBuild } from '../scripts/web-build';

/** Where the server keeps its data: a fresh PGlite folder or a fresh PostgreSQL database. */
export interface DataLocation {
  kind: 'pglite' | 'postgresql';
  /** environment for the server: DATA_DIR or DATABASE_URL */
  env: Record<string, string>;
  /** the PGlite folder, for its size on disk */
  dataDir?: string;
  /** removes the folder or drops the database */
  dispose(): Promise<void>;
}

export function createPgliteLocation(prefix = 'lotrinh-'): DataLocation {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dataDir = path.join(parent, 'data');
  return {
    kind: 'pglite',
    env: { DATA_DIR: dataDir },
    dataDir,
    dispose: async () => fs.rmSync(parent, { recursive: true, force: true }),
  };
}

/**
 * A fresh database for one test file's own server: on PostgreSQL when TEST_DATABASE_URL names a
 * server (`lotrinh_<name>_<random>`), else a PGlite folder (`lotrinh-<name>-<random>`).
 */
export async function createTestLocation(name: string): Promise<DataLocation> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  return adminUrl
    ? await createPostgresLocation(adminUrl, `lotrinh_${name.replace(/-/g, '_')}_`)
    : createPgliteLocation(`lotrinh-${name}-`);
}

/** Creates `<prefix><random>` on the server of `adminUrl`; dispose drops it `with (force)`. */
export async function createPostgresLocation(
  adminUrl: string,
  prefix = 'lotrinh_e2e_',
): Promise<DataLocation> {
  const name = `${prefix}${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgresql',
    env: { DATABASE_URL: url.toString() },
    dispose: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

export interface RunningServer {
  /** pid of the spawned process (the server itself with `node --import tsx`) */
  pid: number;
  port: number;
  baseUrl: string;
  /** milliseconds from spawn to the first healthy `/api/health` */
  startMs: number;
  /** everything the server printed so far */
  output(): string;
  /** SIGTERM to the process group, SIGKILL after 10 s */
  stop(): Promise<void>;
}

export interface StartServerOptions {
  /** `npx-tsx` runs `npx tsx server/main.ts` (as `npm start` users do); `node-tsx` runs
   *  `node --import tsx server/main.ts`, so that the pid is the server's own. */
  launcher?: 'npx-tsx' | 'node-tsx';
  env: Record<string, string>;
  port?: number;
  timeoutMs?: number;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) killGroup(child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/** The old-generation limit `npm start` runs with (package.json), so tests and benches measure it. */
const HEAP_LIMIT = '--max-old-space-size=160';

/** Spawns the server in its own process group and resolves once `/api/health` answers 200. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  // a bench trying another limit passes it in NODE_OPTIONS; the command line would override it
  const limit = options.env?.NODE_OPTIONS?.includes('--max-old-space-size') ? [] : [HEAP_LIMIT];
  const [command, args] =
    options.launcher === 'node-tsx'
      ? [process.execPath, [...limit, '--import', 'tsx', 'server/main.ts']]
      : ['npx', ['tsx', ...limit, 'server/main.ts']];
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'true',
      HOST: '127.0.0.1',
      ...options.env,
      PORT: String(port),
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => live.delete(child));

  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = started + (options.timeoutMs ?? 180_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `The server exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${output}`,
      );
    }
    if (performance.now() > deadline) {
      await stop();
      throw new Error(`The server was not healthy after ${options.timeoutMs ?? 180_000} ms:\n${output}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    pid: child.pid!,
    port,
    baseUrl,
    startMs: performance.now() - started,
    output: () => output,
    stop,
  };
}
