import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the module tables and applied by the app at start
// (server/db/migrate.ts) on both PGlite and PostgreSQL.
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/modules/*/tables.ts',
  out: './server/db/migrations',
});
