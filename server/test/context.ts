import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type App, buildApp } from '../app';
import { fixedClock } from '../clock';
import { type Database, type DatabaseHandle, openDatabase } from '../db/client';
import { orgUnits } from '../modules/org-units/tables';
import { type Injector, signInAs } from './sessions';

export interface TestContext {
  app: App;
  db: Database;
  database: DatabaseHandle;
  /** a root org unit ("the province") of this test database */
  rootOrgUnitId: string;
  /** requests as a system administrator of the whole tree */
  inject: Injector;
  close(): Promise<void>;
}

/** "Today" for every API test, so derived statuses are stable. */
export const TEST_TODAY = '2026-11-27';

/**
 * A migrated, empty database and an app on it. PGlite in memory by default; with
 * TEST_DATABASE_URL a fresh PostgreSQL database per test file, dropped afterwards.
 */
export async function createTestContext(
  options: {
    today?: string;
    /** no root unit and no admin user: for tests of what an empty database looks like */
    empty?: boolean;
  } = {},
): Promise<TestContext> {
  const url = process.env.TEST_DATABASE_URL;
  let database: DatabaseHandle;
  let drop = async () => {};
  if (url) {
    const name = `lotrinh_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    // a copy of the migrated template (global-setup.ts): a file skips the migrations
    const template = inject('postgresTemplate');
    await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
    await admin.end();
    const testUrl = new URL(url);
    testUrl.pathname = `/${name}`;
    database = await openDatabase({ url: testUrl.toString(), poolSize: 4 });
    drop = async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    };
  } else {
    const template = inject('pgliteTemplatePath');
    database = await openDatabase(template ? { loadDataDir: new Blob([fs.readFileSync(template)]) } : {});
  }
  await database.migrate();
  const app = await buildApp({ database, clock: fixedClock(options.today ?? TEST_TODAY) });
  await app.ready();
  const close = async () => {
    await app.close();
    await database.close();
    await drop();
  };
  if (options.empty) {
    const refuse: Injector = () =>
      Promise.reject(new Error('createTestContext({ empty: true }) has no admin session'));
    return { app, db: database.db, database, rootOrgUnitId: '', inject: refuse, close };
  }
  const [root] = await database.db
    .insert(orgUnits)
    .values({ code: `ROOT-${randomBytes(3).toString('hex')}`, name: 'Tỉnh thử nghiệm', kind: 'province' })
    .returning({ id: orgUnits.id });
  const admin = await signInAs(app, database.db, 'admin', root!.id);
  return {
    app,
    db: database.db,
    database,
    rootOrgUnitId: root!.id,
    inject: admin.inject,
    close,
  };
}
