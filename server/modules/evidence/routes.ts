import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZAttachEvidenceQuery,
  ZAttachedEvidence,
  ZEvidenceParams,
  ZRemoveEvidenceQuery,
  ZReport,
} from '../../../common/contracts/reports';
import { AppError } from '../../errors/app-error';
import { CONTENT_TYPES, fileResponse, problemResponses, uploadProblemResponses } from '../../http';
import { authorize } from '../../policy';
import { getReport, reportOrgUnitId } from '../reports/queries';
import { findEvidenceFile } from './queries';
import { attachEvidence, discardUnreferenced, removeEvidence } from './service';
import { detectEvidenceType, EVIDENCE_TYPES } from './storage';

const tags = ['reports'];
const ZIdOnly = z.strictObject({ id: z.uuid() });

/** RFC 6266/5987: the Vietnamese file name survives the download. */
const disposition = (fileName: string) =>
  `attachment; filename="${fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

export const evidenceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  const { store, maxBytes } = app.evidence;

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
        description:
          'Thân yêu cầu là nội dung tệp; loại tệp được xác định theo nội dung. Trả về tệp đã đính kèm và phiên bản mới của báo cáo.',
        params: ZIdOnly,
        querystring: ZAttachEvidenceQuery,
        // any content type is read: the bytes decide (storage.ts)
        consumes: [CONTENT_TYPES.octetStream, ...Object.keys(EVIDENCE_TYPES)],
        response: { 201: ZAttachedEvidence, ...uploadProblemResponses },
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
      const { fileName, planItemId, version } = request.query;
      const written: string[] = [];
      try {
        const attached = await db.transaction((tx) =>
          attachEvidence({
            tx,
            store,
            reportId,
            version,
            content,
            contentType,
            fileName,
            planItemId: planItemId ?? null,
            actor: request.actor,
            onWritten: (sha256) => written.push(sha256),
          }),
        );
        reply.status(201);
        return attached;
      } catch (error) {
        // Bytes this request added and no committed row names are not left behind.
        for (const sha256 of written) {
          await discardUnreferenced(db, store, sha256).catch((cleanupError: unknown) =>
            request.log.warn(
              { err: cleanupError, sha256 },
              'evidence bytes of a failed attachment not removed',
            ),
          );
        }
        throw error;
      }
    },
  );

  app.get(
    '/reports/:id/evidence/:evidenceId',
    {
      schema: {
        tags,
        summary: 'Tải tệp minh chứng',
        params: ZEvidenceParams,
        response: {
          200: fileResponse('Tệp minh chứng', ...(Object.keys(EVIDENCE_TYPES) as [string, ...string[]])),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const orgUnitId = await reportOrgUnitId(db, request.params.id);
      authorize(request.actor, 'read', { type: 'report', orgUnitIds: [orgUnitId] });
      const file = await findEvidenceFile(db, request.params.id, request.params.evidenceId);
      const content = await store.open(file.sha256);
      return reply
        .header('content-type', file.content_type)
        .header('content-length', String(file.size))
        .header('content-disposition', disposition(file.file_name))
        .send(content);
    },
  );

  app.delete(
    '/reports/:id/evidence/:evidenceId',
    {
      schema: {
        tags,
        summary: 'Gỡ tệp minh chứng khỏi báo cáo đang soạn; trả về báo cáo (phiên bản mới)',
        params: ZEvidenceParams,
        querystring: ZRemoveEvidenceQuery,
        response: { 200: ZReport, ...problemResponses },
      },
    },
    async (request) => {
      const { id: reportId, evidenceId } = request.params;
      const orgUnitId = await reportOrgUnitId(db, reportId);
      authorize(request.actor, 'update', { type: 'report', orgUnitIds: [orgUnitId] });
      await db.transaction((tx) =>
        removeEvidence({ tx, reportId, evidenceId, version: request.query.version, actor: request.actor }),
      );
      return getReport(db, reportId, request.actor, app.clock.today());
    },
  );
};
