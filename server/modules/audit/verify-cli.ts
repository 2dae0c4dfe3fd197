/**
 * `npm run audit:verify [-- --checkpoints=file.json]`: seals the events still waiting for the
 * sequencer, then checks the whole hash chain of the audit log against the signed checkpoints
 * stored in the database (their MACs with AUDIT_HMAC_KEY) and, when given, against a checkpoint
 * file the auditor exported earlier (GET /api/audit-checkpoints.json). Exit code 0 when intact,
 * 1 when an event was altered, removed or inserted, the chain cut short or re-hashed, or a
 * checkpoint forged (the first problem is named), 2 when the check could not run.
 * With the embedded database (no DATABASE_URL) stop the app first: one process at a time may open
 * a PGlite folder.
 */
import fs from 'node:fs';
import { loadAuditConfig, loadConfig } from '../../config';
import { openDatabase } from '../../db/client';
import { type AuditCheckpoint, ZCheckpointFile } from './checkpoint';
import { auditActionLabel } from './events';
import { chainPendingEvents } from './sequencer';
import { type AuditChainProblem, type AuditEventSummary, verifyAuditChain } from './verify';

const PROBLEM_TITLES: Record<AuditChainProblem, string> = {
  altered: 'bị sửa',
  removed: 'bị xoá',
  inserted: 'bị chèn',
  truncated: 'bị cắt mất phần cuối',
  rehashed: 'bị sửa rồi băm lại',
  checkpoint_forged: 'có điểm kiểm bị giả mạo',
};

/** `--checkpoints=file.json` or `--checkpoints file.json`; throws with a message for people. */
function readCheckpointFile(args: string[]): AuditCheckpoint[] | undefined {
  const at = args.findIndex((a) => a === '--checkpoints' || a.startsWith('--checkpoints='));
  if (at < 0) return undefined;
  const file = args[at]!.includes('=') ? args[at]!.slice('--checkpoints='.length) : args[at + 1];
  if (!file) throw new Error('Thiếu tên tệp sau --checkpoints.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Không đọc được tệp điểm kiểm ${file}: ${(error as Error).message}`);
  }
  const result = ZCheckpointFile.safeParse(parsed);
  if (!result.success) {
    throw new Error(
      `Tệp ${file} không phải tệp điểm kiểm của Lộ Trình: ${result.error.issues[0]?.path.join('.')} ${result.error.issues[0]?.message}`,
    );
  }
  return result.data.checkpoints;
}

function describeEvent(event: AuditEventSummary): string {
  const time = new Date(event.occurredAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });
  const resource = event.resourceId ? `${event.resourceType} ${event.resourceId}` : event.resourceType;
  return `sự kiện #${event.id} lúc ${time}: ${auditActionLabel(event.action)} (${event.action}), đối tượng ${resource}`;
}

async function main(): Promise<number> {
  const externalCheckpoints = readCheckpointFile(process.argv.slice(2));
  const cfg = loadConfig();
  const { hmacKey } = loadAuditConfig();
  const h = await openDatabase({ url: cfg.DATABASE_URL, dataDir: cfg.DATA_DIR });
  try {
    await h.migrate();
    const sealed = await chainPendingEvents(h.db);
    if (sealed.skipped) {
      console.log('Một phiên bản ứng dụng khác đang niêm phong sự kiện; chỉ kiểm tra phần đã niêm phong.');
    } else if (sealed.chained) {
      console.log(`Đã niêm phong ${sealed.chained} sự kiện đang chờ.`);
    }
    const result = await verifyAuditChain(h.db, { hmacKey, externalCheckpoints });
    if (result.ok) {
      console.log(
        `Nhật ký kiểm toán toàn vẹn: ${result.events} sự kiện đã niêm phong, không có sự kiện nào bị sửa, xoá hay chèn.`,
      );
      console.log(
        `Đã đối chiếu ${result.checkpoints.database} điểm kiểm đã ký trong cơ sở dữ liệu` +
          (externalCheckpoints ? ` và ${result.checkpoints.file} điểm kiểm trong tệp đối chiếu.` : '.'),
      );
      if (result.pending)
        console.log(`Còn ${result.pending} sự kiện chờ niêm phong (ghi trong lúc kiểm tra).`);
      console.log(`Mã băm cuối chuỗi (mắt xích #${result.lastChainSeq}): ${result.headHash}`);
      console.log(
        'Hãy tải tệp điểm kiểm (trang Nhật ký hệ thống) và lưu ở nơi khác; lần sau chạy: npm run audit:verify -- --checkpoints=<tệp>.',
      );
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
    // the reason, not a stack: this is read by an auditor
    console.error('Không kiểm tra được nhật ký kiểm toán:', error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
