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

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      // Server-side dates (now(), ::date casts) follow Vietnam, whatever the server's own zone.
      options: '-c timezone=Asia/Ho_Chi_Minh',
    });
    // An idle connection the server ends (a restart, a dropped database, a network cut) emits
    // 'error' on the pool; unheard, it would crash the process. The pool opens a new one when needed.
    let closing = false;
    pool.on('error', (error) => {
      if (!closing)
        console.warn(`Mất một kết nối cơ sở dữ liệu đang rảnh (sẽ mở lại khi cần): ${error.message}`);
    });
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
