/**
 * Loads the synthetic world into a fresh database with the app's own migrations: org units,
 * indicators, a bench user, then the data values in bulk (COPY … FROM STDIN on PostgreSQL,
 * COPY … FROM '/dev/blob' on PGlite), then the roll-ups with the app's `rebuildRollups`, then
 * ANALYZE. Every step is timed.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { cutoffWindow } from '../../common/periods';
import { type Database, type DatabaseHandle, openDatabase } from '../../server/db/client';
import { rebuildRollups } from '../../server/modules/data-values/rollups';
import { hashPassword } from '../../server/modules/identity/passwords';
import { roleAssignments, users } from '../../server/modules/identity/tables';
import { indicators as indicatorsTable } from '../../server/modules/indicators/tables';
import { orgUnits } from '../../server/modules/org-units/tables';
import {
  type BenchIndicator,
  type BenchTree,
  cellValue,
  monthOrdinal,
  months as monthsOf,
  reportingUnits,
  type ScaleSpec,
} from './model';

export const BENCH_USERNAME = 'bench.secretariat';
export const BENCH_PASSWORD = 'Bench@Lo-Trinh-2026';

export interface LoadFigures {
  migrateMs: number;
  /** org units, indicators and the bench user */
  catalogueMs: number;
  valueRows: number;
  copyMs: number;
  copyRowsPerSecond: number;
  /** bytes of COPY text sent */
  copyBytes: number;
  rebuildRollupsMs: number;
  rollupRows: number;
  analyzeMs: number;
  /** data_values + data_rollups with their indexes, after ANALYZE */
  dataValuesMb: number;
  dataRollupsMb: number;
  /** the whole database (PostgreSQL) */
  databaseMb?: number;
  /** how the values were bulk-loaded */
  method: string;
}

const COLUMNS = 'data_values (indicator_id, org_unit_id, period, value, updated_at)';

/**
 * COPY text for one indicator, in primary-key order (unit id, then month), ~1 MB per chunk.
 * `updated_at` is the end of the month's Decree 09 window plus a few minutes per unit, so
 * "latest" roll-ups have an order to follow.
 */
export function* copyText(
  tree: BenchTree,
  indicator: BenchIndicator,
  monthIds: readonly string[],
): Generator<string> {
  const stamps = monthIds.map((m) => {
    const day = cutoffWindow(m).end;
    return Array.from({ length: 60 }, (_, k) => `${day} 16:${String(k).padStart(2, '0')}:00+07`);
  });
  const ordinals = monthIds.map(monthOrdinal);
  let chunk = '';
  let rows = 0;
  for (const unit of reportingUnits(tree, indicator)) {
    const prefix = `${indicator.id}\t${unit.id}\t`;
    const minute = unit.index % 60;
    for (let m = 0; m < monthIds.length; m++) {
      chunk += `${prefix}${monthIds[m]}\t${cellValue(indicator, unit.index, ordinals[m]!)}\t${stamps[m]![minute]}\n`;
      if (++rows === 8_000) {
        yield chunk;
        chunk = '';
        rows = 0;
      }
    }
  }
  if (chunk) yield chunk;
}

async function insertCatalogue(db: Database, tree: BenchTree, catalogue: readonly BenchIndicator[]) {
  const BATCH = 500;
  await db.transaction(async (tx) => {
    // parents come first in `units`: root, provinces, then communes and bodies
    for (let i = 0; i < tree.units.length; i += BATCH) {
      await tx.insert(orgUnits).values(
        tree.units.slice(i, i + BATCH).map((u) => ({
          id: u.id,
          code: u.code,
          name: u.name,
          shortName: u.shortName,
          kind: u.kind,
          parentId: u.parentIndex === null ? null : tree.units[u.parentIndex]!.id,
        })),
      );
    }
    await tx.insert(indicatorsTable).values(
      catalogue.map((ind) => ({
        id: ind.id,
        code: ind.code,
        name: ind.name,
        unit: ind.unit,
        valueType: ind.valueType,
        direction: 'higher_is_better' as const,
        aggregation: ind.aggregation,
        timeAggregation: ind.timeAggregation,
        formula: ind.formula,
        frequency: 'month' as const,
        reportedBy: ind.reportedBy,
        ruleInteger: ind.profile?.decimals === 0,
        ruleMin: ind.profile ? '0' : null,
        ruleMax: ind.valueType === 'percent' && ind.profile ? '100' : null,
      })),
    );
    // A secretariat over the root may enter values everywhere and needs no second factor
    const [user] = await tx
      .insert(users)
      .values({
        username: BENCH_USERNAME,
        displayName: 'Bench secretariat',
        passwordHash: await hashPassword(BENCH_PASSWORD),
      })
      .returning({ id: users.id });
    await tx
      .insert(roleAssignments)
      .values({ userId: user!.id, role: 'secretariat', orgUnitId: tree.root.id });
  });
}

async function finish(
  handle: DatabaseHandle,
  log: (m: string) => void,
): Promise<Pick<LoadFigures, 'rebuildRollupsMs' | 'rollupRows' | 'analyzeMs'>> {
  log('rebuildRollups…');
  let t0 = performance.now();
  await handle.db.transaction((tx) => rebuildRollups(tx));
  const rebuildRollupsMs = Math.round(performance.now() - t0);
  log(`rebuildRollups: ${rebuildRollupsMs} ms; ANALYZE…`);
  t0 = performance.now();
  await handle.db.execute(sql`analyze`);
  const analyzeMs = Math.round(performance.now() - t0);
  const rollupRows = Number(
    (await rows<{ n: string }>(handle.db, sql`select count(*)::text as n from data_rollups`))[0]!.n,
  );
  return { rebuildRollupsMs, rollupRows, analyzeMs };
}

/** Rows of a raw query, whichever driver (node-postgres answers { rows }, PGlite too). */
export async function rows<T>(db: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

async function sizeMb(db: Database, relation: string): Promise<number> {
  const [row] = await rows<{ b: string }>(
    db,
    sql`select pg_total_relation_size(${relation}::regclass)::text as b`,
  );
  return Math.round(Number(row!.b) / 1024 / 1024);
}

/** PostgreSQL: a fresh database (already created) at `url`. */
export async function loadPostgres(
  url: string,
  tree: BenchTree,
  catalogue: readonly BenchIndicator[],
  spec: ScaleSpec,
  log: (m: string) => void,
): Promise<LoadFigures> {
  const handle = await openDatabase({ url, poolSize: 2 });
  try {
    let t0 = performance.now();
    await handle.migrate();
    const migrateMs = Math.round(performance.now() - t0);
    t0 = performance.now();
    await insertCatalogue(handle.db, tree, catalogue);
    const catalogueMs = Math.round(performance.now() - t0);

    const monthIds = monthsOf(spec);
    const pool = (handle.db as unknown as { $client: pg.Pool }).$client;
    const client = await pool.connect();
    let valueRows = 0;
    let copyBytes = 0;
    t0 = performance.now();
    try {
      const stored = catalogue.filter((ind) => ind.profile);
      for (const [n, indicator] of stored.entries()) {
        // one COPY statement per indicator: the foreign-key checks of a statement are queued in
        // memory until it ends, so twenty million rows in one statement would need gigabytes
        const stream = client.query(copyFrom(`copy ${COLUMNS} from stdin`));
        await pipeline(
          Readable.from(
            (function* () {
              for (const chunk of copyText(tree, indicator, monthIds)) {
                copyBytes += Buffer.byteLength(chunk);
                yield chunk;
              }
            })(),
          ),
          stream,
        );
        valueRows += stream.rowCount;
        if ((n + 1) % 10 === 0 || n === stored.length - 1) {
          const s = (performance.now() - t0) / 1000;
          log(
            `COPY: ${n + 1}/${stored.length} indicators, ${valueRows.toLocaleString('en')} rows, ${Math.round(valueRows / s).toLocaleString('en')} rows/s`,
          );
        }
      }
    } finally {
      client.release();
    }
    const copyMs = Math.round(performance.now() - t0);
    const rest = await finish(handle, log);
    const [db] = await rows<{ b: string }>(
      handle.db,
      sql`select pg_database_size(current_database())::text as b`,
    );
    return {
      migrateMs,
      catalogueMs,
      valueRows,
      copyMs,
      copyRowsPerSecond: Math.round((valueRows / copyMs) * 1000),
      copyBytes,
      ...rest,
      dataValuesMb: await sizeMb(handle.db, 'data_values'),
      dataRollupsMb: await sizeMb(handle.db, 'data_rollups'),
      databaseMb: Math.round(Number(db!.b) / 1024 / 1024),
      method: 'COPY data_values FROM STDIN (pg-copy-streams), one statement per indicator',
    };
  } finally {
    await handle.close();
  }
}

/** PGlite: a new data folder, which the server opens afterwards. */
export async function loadPglite(
  dataDir: string,
  tree: BenchTree,
  catalogue: readonly BenchIndicator[],
  spec: ScaleSpec,
  log: (m: string) => void,
): Promise<LoadFigures> {
  let t0 = performance.now();
  const handle = await openDatabase({ dataDir });
  try {
    await handle.migrate();
    const migrateMs = Math.round(performance.now() - t0);
    t0 = performance.now();
    await insertCatalogue(handle.db, tree, catalogue);
    const catalogueMs = Math.round(performance.now() - t0);

    const client = (handle.db as unknown as { $client: PGlite }).$client;
    const monthIds = monthsOf(spec);
    let valueRows = 0;
    let copyBytes = 0;
    t0 = performance.now();
    const stored = catalogue.filter((ind) => ind.profile);
    for (const [n, indicator] of stored.entries()) {
      // PGlite's driver has no COPY FROM STDIN; it reads a Blob as the file /dev/blob instead
      const text = [...copyText(tree, indicator, monthIds)].join('');
      copyBytes += Buffer.byteLength(text);
      const result = await client.query(`copy ${COLUMNS} from '/dev/blob'`, [], {
        blob: new Blob([text]),
      });
      valueRows += result.affectedRows ?? 0;
      if ((n + 1) % 20 === 0 || n === stored.length - 1) {
        const s = (performance.now() - t0) / 1000;
        log(
          `COPY: ${n + 1}/${stored.length} indicators, ${valueRows.toLocaleString('en')} rows, ${Math.round(valueRows / s).toLocaleString('en')} rows/s`,
        );
      }
    }
    const copyMs = Math.round(performance.now() - t0);
    const rest = await finish(handle, log);
    // checkpoint so that the server starts on a clean folder
    await client.exec('checkpoint');
    return {
      migrateMs,
      catalogueMs,
      valueRows,
      copyMs,
      copyRowsPerSecond: Math.round((valueRows / copyMs) * 1000),
      copyBytes,
      ...rest,
      dataValuesMb: await sizeMb(handle.db, 'data_values'),
      dataRollupsMb: await sizeMb(handle.db, 'data_rollups'),
      method: "COPY data_values FROM '/dev/blob' (PGlite), one statement per indicator",
    };
  } finally {
    await handle.close();
  }
}

/**
 * A database loaded by an earlier run (`--keep`): deletes what the HTTP part wrote (periods of
 * 2026, never generated) so that the import creates every value again. No load figures.
 */
export async function reuseLoaded(url: string, log: (m: string) => void): Promise<LoadFigures> {
  const handle = await openDatabase({ url, poolSize: 1 });
  try {
    await handle.db.execute(sql`delete from data_values where period >= '2026'`);
    await handle.db.execute(sql`delete from data_rollups where period >= '2026'`);
    await handle.db.execute(sql`delete from data_rollup_deltas where period >= '2026'`);
    await handle.db.execute(sql`vacuum analyze data_values`);
    await handle.db.execute(sql`vacuum analyze data_rollups`);
    const [count] = await rows<{ n: string }>(handle.db, sql`select count(*)::text as n from data_values`);
    log(`reusing ${url}: ${count!.n} values`);
    return {
      migrateMs: 0,
      catalogueMs: 0,
      valueRows: Number(count!.n),
      copyMs: 0,
      copyRowsPerSecond: 0,
      copyBytes: 0,
      rebuildRollupsMs: 0,
      rollupRows: 0,
      analyzeMs: 0,
      dataValuesMb: await sizeMb(handle.db, 'data_values'),
      dataRollupsMb: await sizeMb(handle.db, 'data_rollups'),
      method: 'reused a database loaded by an earlier run (no load figures)',
    };
  } finally {
    await handle.close();
  }
}
