/**
 * The evidence routes' own request and response schemas, on top of the shared ones in
 * common/contracts/reports.ts. A change of evidence changes the report, so it names the report's
 * version it is based on and answers the new one, like every other write of a report.
 */
import { z } from 'zod';
import { ZEvidence, ZEvidenceUploadQuery } from '../../../common/contracts/reports';

/** The query string carries it: the body of an upload is the file itself. */
const version = z.coerce
  .number()
  .int()
  .min(1)
  .describe('Phiên bản báo cáo mà thao tác dựa trên; khác phiên bản hiện tại thì trả 409 version_conflict');

export const ZAttachEvidenceQuery = ZEvidenceUploadQuery.extend({ version });
export type TAttachEvidenceQuery = z.infer<typeof ZAttachEvidenceQuery>;

export const ZRemoveEvidenceQuery = z.strictObject({ version });

export const ZAttachedEvidence = ZEvidence.extend({
  /** the report's version after the file was attached */
  reportVersion: z.number().int(),
});
export type TAttachedEvidence = z.infer<typeof ZAttachedEvidence>;
