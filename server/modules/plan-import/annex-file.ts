/**
 * An uploaded annex → the rows of its first sheet, or a clear refusal: the checks of any uploaded
 * spreadsheet (server/files/xlsx-upload.ts) under the annex's own row limit.
 */
import { ANNEX_MAX_ROWS } from '../../../common/contracts/plan-import';
import type { FileSource } from '../../files/source';
import type { FileRecord } from '../../files/spreadsheet';
import { readXlsxUpload } from '../../files/xlsx-upload';

/** An annex of 5,000 rows is well under 1 MB; a file this size is something else. */
export const ANNEX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** The non-empty rows of the annex's first sheet, read under the file limits. */
export function readAnnexRecords(file: FileSource): Promise<FileRecord[]> {
  return readXlsxUpload(file, ANNEX_MAX_ROWS);
}
