import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'api',
          globalSetup: ['server/test/global-setup.ts'],
          include: ['server/**/*.test.ts', 'common/**/*.test.ts'],
          pool: 'forks',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          // builds the web app when stale, starts the real server on a fresh database, stops it after
          globalSetup: ['e2e/global-setup.ts'],
          pool: 'forks',
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
