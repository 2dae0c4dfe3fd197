import { buildApp } from './app';
import { loadConfig } from './config';
import { openDatabase } from './db/client';
import { refuseDemoPasswords } from './demo/production-check';
import { seedDemoIfEmpty } from './demo/seed';
import { startAuditSequencer } from './modules/audit/sequencer';
import { startRollupCompactor } from './modules/data-values/rollups';
import { createEvidenceStore, evidenceStoreSettings } from './modules/evidence/storage';
import { refuseDemoPassword } from './modules/identity/passwords';
import { startJobWorker } from './modules/jobs/worker';

/** Start the app: open the database, migrate, load the demo plan into an empty one, listen. */
async function main() {
  const config = loadConfig();
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
  });
  await database.migrate();
  // The demo password is no password for a real account either.
  refuseDemoPassword(config.DEMO_PASSWORD);
  // before the demo seed: its reports carry evidence files
  const evidenceStore = createEvidenceStore(evidenceStoreSettings(config));
  const counts =
    config.SEED_DEMO === 'true' ? await seedDemoIfEmpty(database.db, config, evidenceStore) : null;
  if (counts) {
    console.log(
      `Đã nạp dữ liệu mẫu: ${counts.orgUnits} đơn vị, ${counts.plans} kế hoạch, ${counts.items} mục.`,
    );
  }
  if (config.NODE_ENV === 'production') await refuseDemoPasswords(database.db, config.DEMO_PASSWORD);
  const app = await buildApp({
    database,
    webDistDir: config.WEB_DIST_DIR,
    logLevel: config.LOG_LEVEL,
    trustProxy: config.TRUST_PROXY,
    publicRateLimit: { max: config.PUBLIC_RATE_LIMIT_PER_MINUTE, windowSeconds: 60 },
    evidence: { store: evidenceStore, maxBytes: config.EVIDENCE_MAX_MB * 1024 * 1024 },
    sessionSettings: {
      idleMinutes: config.SESSION_IDLE_MINUTES,
      absoluteHours: config.SESSION_ABSOLUTE_HOURS,
    },
  });

  // Seals committed audit events into the hash chain; one instance at a time (advisory lock).
  const stopAuditSequencer = startAuditSequencer(database.db, {
    intervalMs: 1000,
    onError: (err) => app.log.error({ err }, 'audit sequencer failed'),
  });

  // Runs queued jobs (e-mail, reminders); every instance polls, SKIP LOCKED gives each job to one.
  const stopJobWorker = startJobWorker(database.db, {
    intervalMs: 1000,
    onError: (err, job) =>
      job
        ? app.log.warn({ err, job }, 'job run failed (see jobs.last_error; retried while attempts remain)')
        : app.log.error({ err }, 'job worker failed'),
  });
  app.log.info(`evidence files: ${evidenceStore.description}`);
  // Folds writers' pending changes into the roots' roll-up rows; one instance at a time (advisory lock).
  const stopRollupCompactor = startRollupCompactor(database.db, {
    intervalMs: 1000,
    onError: (err) => app.log.error({ err }, 'roll-up compactor failed'),
  });
  if (!config.SMTP_URL) app.log.info('SMTP_URL is not set: e-mail is off, messages are skipped');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await Promise.all([stopAuditSequencer(), stopJobWorker(), stopRollupCompactor()]);
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.PORT, host: config.HOST });
  const where = database.kind === 'pglite' ? `PGlite (${config.DATA_DIR})` : 'PostgreSQL';
  console.log(`Lộ Trình đang chạy tại http://localhost:${config.PORT} — cơ sở dữ liệu: ${where}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
