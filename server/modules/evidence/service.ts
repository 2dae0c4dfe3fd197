/**
 * Attaching and removing a report's evidence files. Each is a change of the report: it locks the
 * report, refuses one that is no longer editable or was changed since the caller's version (409),
 * moves the report to a new version and is audited, in the caller's transaction.
 *
 * The bytes go to the store inside that transaction, after its `evidence_files` row is inserted:
 * the row's key serialises every writer of the same content, so a committed row always names bytes
 * that are there. When the transaction fails, `discardUnreferenced` removes bytes this request
 * wrote, unless a committed row names them by then.
 */
import { sql } from 'drizzle-orm';
import type { TAttachedEvidence } from '../../../common/contracts/reports';
import type { Database, Transaction } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { assertVersion, notFound, RESOURCE_NAMES } from '../../errors/app-error';
import type { Actor } from '../../policy';
import { auditChange } from '../audit/service';
import { lockEditableReport } from '../reports/service';
import { type EvidenceStore, sha256Of } from './store';

export interface StoredFile {
  sha256: string;
  size: number;
  contentType: string;
}

export async function attachEvidence(options: {
  tx: Transaction;
  store: EvidenceStore;
  reportId: string;
  version: number;
  content: Buffer;
  /** from the content (magic bytes) */
  contentType: string;
  fileName: string;
  planItemId: string | null;
  actor: Actor;
  /** told the SHA-256 of bytes this call wrote to the store, for `discardUnreferenced` on failure */
  onWritten: (sha256: string) => void;
}): Promise<TAttachedEvidence> {
  const { tx, store, content, contentType, fileName, planItemId, actor } = options;
  const report = await lockEditableReport(tx, options.reportId);
  assertVersion(report, options.version);
  if (planItemId) {
    const [item] = rowsOf(
      await tx.execute(
        sql`select 1 from report_items where report_id = ${report.id} and plan_item_id = ${planItemId}`,
      ),
    );
    if (!item) throw notFound(RESOURCE_NAMES.planItem);
  }
  const sha256 = sha256Of(content);
  // First the row (waiting for any other writer of the same content), then the bytes.
  await tx.execute(sql`insert into evidence_files (sha256, size, content_type)
    values (${sha256}, ${content.length}, ${contentType}) on conflict do nothing`);
  const stored = await store.put(content);
  if (stored.created) options.onWritten(stored.sha256);
  const file: StoredFile = { sha256, size: content.length, contentType };
  const [row] = rowsOf<{ id: string; uploaded_at: string }>(
    await tx.execute(sql`insert into report_evidence (report_id, plan_item_id, sha256, file_name, uploaded_by)
      values (${report.id}, ${planItemId}, ${file.sha256}, ${fileName}, ${actor.userId})
      returning id, uploaded_at::text as uploaded_at`),
  );
  const reportVersion = await nextVersion(tx, report.id, actor);
  await auditChange(
    tx,
    actor,
    'report.evidence_add',
    { type: 'report', id: report.id, orgUnitId: report.org_unit_id },
    { after: { fileName, ...file, planItemId } },
  );
  return {
    id: row!.id,
    fileName,
    ...file,
    planItemId,
    uploadedAt: new Date(row!.uploaded_at).toISOString(),
    reportVersion,
  };
}

/** Takes a file off the report; its bytes stay in the store (another report may hold the same content). */
export async function removeEvidence(options: {
  tx: Transaction;
  reportId: string;
  evidenceId: string;
  version: number;
  actor: Actor;
}): Promise<void> {
  const { tx, actor } = options;
  const report = await lockEditableReport(tx, options.reportId);
  assertVersion(report, options.version);
  const [removed] = rowsOf<{ file_name: string; sha256: string }>(
    await tx.execute(sql`delete from report_evidence where id = ${options.evidenceId} and report_id = ${report.id}
      returning file_name, sha256`),
  );
  if (!removed) throw notFound(RESOURCE_NAMES.resource);
  await nextVersion(tx, report.id, actor);
  await auditChange(
    tx,
    actor,
    'report.evidence_remove',
    { type: 'report', id: report.id, orgUnitId: report.org_unit_id },
    { before: { fileName: removed.file_name, sha256: removed.sha256 } },
  );
}

async function nextVersion(tx: Transaction, reportId: string, actor: Actor): Promise<number> {
  const [row] = rowsOf<{ version: number }>(
    await tx.execute(sql`update reports set version = version + 1, updated_by = ${actor.userId}, updated_at = now()
      where id = ${reportId} returning version`),
  );
  return row!.version;
}

/**
 * Removes bytes a failed attachment wrote, unless a committed `evidence_files` row names them
 * (another report attached the same content meanwhile). The placeholder row inserted here holds
 * the key while the bytes go, so no writer of the same content can commit in between; it is
 * deleted again in the same transaction.
 */
export async function discardUnreferenced(db: Database, store: EvidenceStore, sha256: string): Promise<void> {
  await db.transaction(async (tx) => {
    const claimed = rowsOf(
      await tx.execute(sql`insert into evidence_files (sha256, size, content_type)
        values (${sha256}, 0, 'application/octet-stream') on conflict do nothing returning sha256`),
    );
    if (claimed.length === 0) return;
    await store.remove(sha256);
    await tx.execute(sql`delete from evidence_files where sha256 = ${sha256}`);
  });
}
