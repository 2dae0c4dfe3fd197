import { defineConfig } from 'vitest/config';

/**
 * The browser tests whose outcome depends on the database kind: the process tests (a crash during
 * submissions, two instances on one database) and the reporting round trip as a smoke test. CI's
 * PostgreSQL pass sets E2E_SUBSET=database and runs only these in the browser: every screen is
 * tested in the PGlite pass, and every API behaviour on both (the api project runs whole on both).
 * Run by hand, every file runs whatever the database.
 */
const E2E_DATABASE_SUBSET = [
  'e2e/crash.e2e.ts',
  'e2e/two-instances.e2e.ts',
  'e2e/reporting.e2e.ts',
  'e2e/sign-in.e2e.ts',
  // two server processes on one PostgreSQL database (skipped without one)
  'e2e/session-cache.e2e.ts',
];
/**
 * Slow browser files whose outcome does not depend on the database: CI runs them in its PostgreSQL
 * pass (E2E_SUBSET=database), which is otherwise done long before the PGlite one (E2E_SUBSET=screens).
 */
const E2E_BALANCED_TO_POSTGRESQL = [
  'e2e/accessibility.e2e.ts',
  'e2e/public-portal.e2e.ts',
  'e2e/phone-report-large.e2e.ts',
];
const e2eFiles =
  process.env.E2E_SUBSET === 'database'
    ? [...E2E_DATABASE_SUBSET, ...E2E_BALANCED_TO_POSTGRESQL]
    : ['e2e/**/*.e2e.ts'];
const e2eExcluded = process.env.E2E_SUBSET === 'screens' ? E2E_BALANCED_TO_POSTGRESQL : [];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'api',
          globalSetup: ['server/test/global-setup.ts'],
          include: ['server/**/*.test.ts', 'common/**/*.test.ts'],
          pool: 'forks',
          // Each file builds its own app on its own database, so files may share a worker and its
          // imported modules (importing the server costs ~3 s a file; 70 files). Two workers even on
          // two cores: a file waits on its database as much as it computes. Tests that change
          // process.env put it back.
          isolate: false,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: e2eFiles,
          exclude: e2eExcluded,
          // builds the web app when stale, starts the real server on a fresh database, stops it after
          globalSetup: ['e2e/global-setup.ts'],
          pool: 'forks',
          // after the API tests (they would compete for the same two cores), one file at a time:
          // the files share one server and its database
          sequence: { groupOrder: 1 },
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // the page follows the server within a second alone, but CI runs the API tests beside
          // it on a shared 2-core machine: a state that never comes still fails, after 15 s
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
