import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { notFound } from '../../errors/app-error';
import { getVersionPdf } from '../documents/queries';
import { documentVersions } from '../documents/tables';

/**
 * The PDF of an issued version, by the version's id (what a publication lists), as the documents
 * module keeps it: issued versions never change, so the snapshot names them rather than copying.
 */
export async function getReportPdf(db: Executor, versionId: string): Promise<Buffer> {
  const [version] = await db
    .select({ documentId: documentVersions.documentId, no: documentVersions.no })
    .from(documentVersions)
    .where(eq(documentVersions.id, versionId));
  if (!version) throw notFound({ vi: 'báo cáo', en: 'report' });
  return (await getVersionPdf(db, version.documentId, version.no)).bytes;
}
