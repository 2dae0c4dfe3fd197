/**
 * `npm run seed`: loads the demo province and Plan 328-KH/TU into the configured database.
 * Seeds only an empty database (no org units); otherwise it says so and leaves the data alone.
 * The demo accounts open with DEMO_PASSWORD.
 */
import { loadConfig } from '../config';
import { openDatabase } from '../db/client';
import { createEvidenceStore, evidenceStoreSettings } from '../modules/evidence/storage';
import { seedDemoIfEmpty } from './seed';

async function main(): Promise<void> {
  const cfg = loadConfig();
  const h = await openDatabase({ url: cfg.DATABASE_URL, dataDir: cfg.DATA_DIR });
  try {
    await h.migrate();
    const counts = await seedDemoIfEmpty(h.db, cfg, createEvidenceStore(evidenceStoreSettings(cfg)));
    if (!counts) {
      console.log('Cơ sở dữ liệu đã có dữ liệu (đơn vị tổ chức); không nạp dữ liệu mẫu.');
      return;
    }
    console.log(
      `Đã nạp dữ liệu mẫu: ${counts.orgUnits} đơn vị, ${counts.plans} kế hoạch, ${counts.items} mục kế hoạch.`,
    );
  } finally {
    await h.close();
  }
}

main().catch((error: unknown) => {
  console.error('Nạp dữ liệu mẫu thất bại:', error);
  process.exitCode = 1;
});
