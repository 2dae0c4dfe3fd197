import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZEvidence, ZEvidenceParams, ZEvidenceUploadQuery } from '../../../common/contracts/reports';
import { rowsOf } from '../../db/sql';
import { AppError, notFound, RESOURCE_NAMES } from '../../errors/app-error';
import { problemResponses } from '../../http';
import { authorize } from '../../policy';
import { auditChange } from '../audit/service';
import { reportOrgUnitId } from '../reports/queries';
import { lockEditableReport } from '../reports/service';
import { detectEvidenceType, openEvidence, storeEvidence } from './storage';

const tags = ['reports'];
const ZIdOnly = z.strictObject({ id: z.uuid() });

/** RFC 6266/5987: the Vietnamese file name survives the download. */
const disposition = (fileName: string) =>
  `attachment; filename="${fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

export const evidenceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  const { dir, maxBytes } = app.evidence;

  // The body is the file; its content decides what it is.
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBytes }, (_req, body, done) =>
    done(null, body),
  );

  app.post(
    '/reports/:id/evidence',
    {
      bodyLimit: maxBytes,
      schema: {
        tags,
        summary: `Đính kèm minh chứng (PDF, DOCX, XLSX, ảnh; tối đa ${Math.round(maxBytes / 1024 / 1024)} MB)`,
        description: 'Thân yêu cầu là nội dung tệp; loại tệp được xác định theo nội dung.',
        params: ZIdOnly,
        querystring: ZEvidenceUploadQuery,
        response: { 201: ZEvidence, ...problemResponses },
      },
    },
    async (request, reply) => {
      const reportId = request.params.id;
      const orgUnitId = await reportOrgUnitId(db, reportId);
      authorize(request.actor, 'update', { type: 'report', orgUnitIds: [orgUnitId] });
      const content = request.body as Buffer;
      if (!Buffer.isBuffer(content) || content.length === 0) {
        throw new AppError('bad_request', { params: { reason: { vi: 'tệp rỗng', en: 'empty file' } } });
      }
      const contentType = await detectEvidenceType(content);
      const { sha256, size } = await storeEvidence(dir, content);
      const { fileName, planItemId } = request.query;
      const row = await db.transaction(async (tx) => {
        await lockEditableReport(tx, reportId);
        if (planItemId) {
          const [item] = rowsOf(
            await tx.execute(
              sql`select 1 from report_items where report_id = ${reportId} and plan_item_id = ${planItemId}`,
            ),
          );
          if (!item) throw notFound(RESOURCE_NAMES.planItem);
        }
        await tx.execute(sql`insert into evidence_files (sha256, size, content_type) values (${sha256}, ${size}, ${contentType})
          on conflict do nothing`);
        const [inserted] = rowsOf<{ id: string; uploaded_at: string }>(
          await tx.execute(sql`insert into report_evidence (report_id, plan_item_id, sha256, file_name, uploaded_by)
            values (${reportId}, ${planItemId ?? null}, ${sha256}, ${fileName}, ${request.actor.userId})
            returning id, uploaded_at::text as uploaded_at`),
        );
        await tx.execute(
          sql`update reports set version = version + 1, updated_at = now() where id = ${reportId}`,
        );
        await auditChange(
          tx,
          request.actor,
          'report.evidence_add',
          { type: 'report', id: reportId, orgUnitId },
          { after: { fileName, sha256, size, contentType, planItemId: planItemId ?? null } },
        );
        return inserted!;
      });
      reply.status(201);
      return {
        id: row.id,
        fileName,
        contentType,
        size,
        sha256,
        planItemId: planItemId ?? null,
        uploadedAt: new Date(row.uploaded_at).toISOString(),
      };
    },
  );

  app.get(
    '/reports/:id/evidence/:evidenceId',
    {
      schema: {
        tags,
        summary: 'Tải tệp minh chứng',
        params: ZEvidenceParams,
        response: { 200: z.any().describe('Tệp'), ...problemResponses },
      },
    },
    async (request, reply) => {
      const orgUnitId = await reportOrgUnitId(db, request.params.id);
      authorize(request.actor, 'read', { type: 'report', orgUnitIds: [orgUnitId] });
      const [file] = rowsOf<{ sha256: string; file_name: string; content_type: string; size: number }>(
        await db.execute(sql`select e.sha256, e.file_name, f.content_type, f.size from report_evidence e
          join evidence_files f on f.sha256 = e.sha256
          where e.id = ${request.params.evidenceId} and e.report_id = ${request.params.id}`),
      );
      if (!file) throw notFound(RESOURCE_NAMES.resource);
      return reply
        .header('content-type', file.content_type)
        .header('content-length', String(file.size))
        .header('content-disposition', disposition(file.file_name))
        .send(openEvidence(dir, file.sha256));
    },
  );

  app.delete(
    '/reports/:id/evidence/:evidenceId',
    {
      schema: {
        tags,
        summary: 'Gỡ tệp minh chứng khỏi báo cáo đang soạn',
        params: ZEvidenceParams,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { id: reportId, evidenceId } = request.params;
      const orgUnitId = await reportOrgUnitId(db, reportId);
      authorize(request.actor, 'update', { type: 'report', orgUnitIds: [orgUnitId] });
      await db.transaction(async (tx) => {
        await lockEditableReport(tx, reportId);
        const removed = rowsOf<{ file_name: string; sha256: string }>(
          await tx.execute(sql`delete from report_evidence where id = ${evidenceId} and report_id = ${reportId}
            returning file_name, sha256`),
        );
        if (!removed.length) throw notFound(RESOURCE_NAMES.resource);
        await tx.execute(
          sql`update reports set version = version + 1, updated_at = now() where id = ${reportId}`,
        );
        await auditChange(
          tx,
          request.actor,
          'report.evidence_remove',
          { type: 'report', id: reportId, orgUnitId },
          { before: { fileName: removed[0]!.file_name, sha256: removed[0]!.sha256 } },
        );
      });
      return reply.status(204).send(null);
    },
  );
};
