/**
 * `npm run audit:verify`: seals the events still waiting for the sequencer, then checks the whole
 * hash chain of the audit log. Exit code 0 when intact, 1 when an event was altered, removed or
 * inserted (the first one is named), 2 when the check could not run.
 * With the embedded database (no DATABASE_URL) stop the app first: one process at a time may open
 * a PGlite folder.
 */
import { loadConfig } from '../../config';
import { openDatabase } from '../../db/client';
import { auditActionLabel } from './events';
import { chainPendingEvents } from './sequencer';
import { type AuditEventSummary, verifyAuditChain } from './verify';

const PROBLEM_TITLES = {
  altered: 'bị sửa',
  removed: 'bị xoá',
  inserted: 'bị chèn',
} as const;

function describeEvent(event: AuditEventSummary): string {
  const time = new Date(event.occurredAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });
  const resource = event.resourceId ? `${event.resourceType} ${event.resourceId}` : event.resourceType;
  return `sự kiện #${event.id} lúc ${time}: ${auditActionLabel(event.action)} (${event.action}), đối tượng ${resource}`;
}

async function main(): Promise<number> {
  const cfg = loadConfig();
  const h = await openDatabase({ url: cfg.DATABASE_URL, dataDir: cfg.DATA_DIR });
  try {
    await h.migrate();
    const sealed = await chainPendingEvents(h.db);
    if (sealed.skipped) {
      console.log('Một phiên bản ứng dụng khác đang niêm phong sự kiện; chỉ kiểm tra phần đã niêm phong.');
    } else if (sealed.chained) {
      console.log(`Đã niêm phong ${sealed.chained} sự kiện đang chờ.`);
    }
    const result = await verifyAuditChain(h.db);
    if (result.ok) {
      console.log(
        `Nhật ký kiểm toán toàn vẹn: ${result.events} sự kiện đã niêm phong, không có sự kiện nào bị sửa, xoá hay chèn.`,
      );
      if (result.pending)
        console.log(`Còn ${result.pending} sự kiện chờ niêm phong (ghi trong lúc kiểm tra).`);
      console.log(`Mã băm cuối chuỗi (mắt xích #${result.lastChainSeq}): ${result.headHash}`);
      console.log('Hãy lưu mã băm này ở nơi khác để đối chiếu lần sau.');
      return 0;
    }
    console.error(`PHÁT HIỆN SAI LỆCH — nhật ký kiểm toán đã ${PROBLEM_TITLES[result.problem]}.`);
    console.error(result.message);
    if (result.event) console.error(`Chi tiết: ${describeEvent(result.event)}.`);
    return 1;
  } finally {
    await h.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('Không kiểm tra được nhật ký kiểm toán:', error);
    process.exitCode = 2;
  },
);
