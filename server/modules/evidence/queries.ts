import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { notFound, RESOURCE_NAMES } from '../../errors/app-error';

/** One evidence file of one report, as a download needs it. */
export async function findEvidenceFile(db: Executor, reportId: string, evidenceId: string) {
  const [file] = rowsOf<{ sha256: string; file_name: string; content_type: string; size: number }>(
    await db.execute(sql`select e.sha256, e.file_name, f.content_type, f.size from report_evidence e
      join evidence_files f on f.sha256 = e.sha256
      where e.id = ${evidenceId} and e.report_id = ${reportId}`),
  );
  if (!file) throw notFound(RESOURCE_NAMES.resource);
  return file;
}
