import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;
/** The one database type the services use, whichever driver is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A service accepts either: it runs inside the caller's transaction when given one. */
export type Executor = Database | Transaction;

export type DatabaseKind = 'pglite' | 'postgresql';

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the whole cluster as a tarball, to reopen later with `loadDataDir` */
  dumpDataDir?: () => Promise<Blob>;
}

const MIGRATIONS_FOLDER = path.resolve(import.meta.dirname, 'migrations');

export interface OpenDatabaseOptions {
  /** postgres://… ; when absent PGlite is used */
  url?: string;
  /** PGlite data folder; absent means in memory */
  dataDir?: string;
  poolSize?: number;
  /** PGlite only: start from this dump (`dumpDataDir()`) instead of an empty cluster — tests use a migrated template */
  loadDataDir?: Blob;
}

/** Creates the cluster of a new PGlite folder in a child process (see init-pglite-data-dir.mjs). */
async function initializePgliteDataDir(dataDir: string): Promise<void> {
  fs.mkdirSync(dataDir, { recursive: true });
  const script = path.resolve(import.meta.dirname, 'init-pglite-data-dir.mjs');
  const { stdout } = await promisify(execFile)(process.execPath, [script, dataDir]);
  const { initializedMs, peakRssMb } = JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
  console.log(
    `Đã khởi tạo cơ sở dữ liệu nhúng tại ${dataDir} (${initializedMs} ms; bộ nhớ đỉnh của bước khởi tạo ${peakRssMb} MB).`,
  );
}

/** How long a request waits for a connection (or the database's answer to connect) before failing. */
const CONNECTION_TIMEOUT_MS = 10_000;
/** How long a dead connection may stay checked out before the pool takes it back itself. */
const DEAD_CLIENT_RELEASE_MS = 5_000;

/**
 * Every connection of the pool gets an 'error' listener for its whole life. The pool listens only
 * while a connection is idle; one held by a transaction (a request's, a background loop's) that
 * the server ends (a restart, `pg_terminate_backend`, a network cut) would otherwise emit an
 * unheard 'error' and end the process. The holder's query fails with the same error, so its
 * transaction fails cleanly (503, see errors/handler.ts) and the pool opens a new connection when
 * next needed. A holder that never gives the dead connection back (drizzle releases nothing when
 * its `begin` fails) would shrink the pool for good: it is taken back after a few seconds.
 */
function handleConnectionErrors(pool: pg.Pool, closing: () => boolean) {
  const checkedOut = new Set<pg.PoolClient>();
  pool.on('acquire', (client) => checkedOut.add(client));
  pool.on('release', (_error, client) => checkedOut.delete(client));
  pool.on('remove', (client) => checkedOut.delete(client));
  const reported = new WeakSet<pg.PoolClient>();
  pool.on('connect', (client) => {
    client.on('error', (error) => {
      // an idle connection's error reaches the pool's listener below; only a held one is ours
      if (!checkedOut.has(client)) return;
      // one warning per connection (the server's message, then the socket's end)
      if (reported.has(client)) return;
      reported.add(client);
      if (!closing()) console.warn(`Mất một kết nối cơ sở dữ liệu đang dùng: ${error.message}`);
      setTimeout(() => {
        if (!checkedOut.has(client)) return;
        const release = client.release;
        // the holder's own release, if it ever comes, must not throw "released twice"
        client.release = () => {};
        release(error);
      }, DEAD_CLIENT_RELEASE_MS).unref();
    });
  });
  // An idle connection the server ends emits 'error' on the pool; the pool drops it.
  pool.on('error', (error) => {
    if (!closing())
      console.warn(`Mất một kết nối cơ sở dữ liệu đang rảnh (sẽ mở lại khi cần): ${error.message}`);
  });
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      // While the database is down a request waits this long for a connection, then answers 503,
      // instead of queueing for ever.
      connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
      // a peer that vanished without closing (a network cut) is noticed instead of waited on
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      // Server-side dates (now(), ::date casts) follow Vietnam, whatever the server's own zone.
      // No JIT: our statements are meant to run in milliseconds, and its compilation took 3 s of a
      // 3.2 s scorecard statement at national scale (inlining and optimisation cross their cost
      // thresholds on 16k reports); off, the same statement ran in 0.45 s.
      options: '-c timezone=Asia/Ho_Chi_Minh -c jit=off',
    });
    let closing = false;
    handleConnectionErrors(pool, () => closing);
    const db = drizzleNodePg(pool, { schema }) as unknown as Database;
    return {
      db,
      kind: 'postgresql',
      migrate: () => migrateNodePg(drizzleNodePg(pool, { schema }), { migrationsFolder: MIGRATIONS_FOLDER }),
      close: () => {
        closing = true;
        return pool.end();
      },
    };
  }
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : undefined;
  if (dataDir && !options.loadDataDir && !fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await initializePgliteDataDir(dataDir);
  }
  // Loaded only for PGlite: on PostgreSQL they would cost an instance ~30 MB for nothing.
  const [{ PGlite }, { pg_trgm }, { unaccent }, { drizzle: drizzlePglite }, { migrate: migratePglite }] =
    await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite/contrib/pg_trgm'),
      import('@electric-sql/pglite/contrib/unaccent'),
      import('drizzle-orm/pglite'),
      import('drizzle-orm/pglite/migrator'),
    ]);
  const client = await PGlite.create(dataDir, {
    extensions: { unaccent, pg_trgm },
    ...(options.loadDataDir && { loadDataDir: options.loadDataDir }),
  });
  await client.exec("SET TIME ZONE 'Asia/Ho_Chi_Minh'");
  const pgliteDb = drizzlePglite(client, { schema });
  return {
    db: pgliteDb as unknown as Database,
    kind: 'pglite',
    migrate: () => migratePglite(pgliteDb, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: () => client.close(),
    dumpDataDir: () => client.dumpDataDir('none'),
  };
}
