/**
 * Global setup of the `e2e` vitest project: checks Chromium, builds the web app when stale, starts
 * the real server (`npx tsx server/main.ts`) on a fresh database with the demo data and hands its
 * address to the tests through `inject('baseUrl')`. PGlite in a temporary folder by default; with
 * TEST_DATABASE_URL a fresh PostgreSQL database on that server, dropped afterwards.
 */
import type { TestProject } from 'vitest/node';
import {
  assertChromium,
  createTestLocation,
  type DataLocation,
  ensureWebBuild,
  type RunningServer,
  startServer,
} from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    databaseKind: 'pglite' | 'postgresql';
  }
}

export default async function setup(project: TestProject) {
  assertChromium();
  ensureWebBuild();
  const location: DataLocation = await createTestLocation('e2e');
  let server: RunningServer;
  try {
    server = await startServer({ launcher: 'npx-tsx', env: location.env });
  } catch (error) {
    await location.dispose();
    throw error;
  }
  project.provide('baseUrl', server.baseUrl);
  project.provide('databaseKind', location.kind);
  return async () => {
    await server.stop();
    await location.dispose();
  };
}
