import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZCreateDocumentRequest,
  ZDocument,
  ZDocumentList,
  ZDocumentVersionParams,
  ZIssueDocumentRequest,
  ZListDocumentsQuery,
  ZUpdateDocumentRequest,
} from '../../../common/contracts/documents';
import { problemResponses, ZIdParams } from '../../http';
import { authorize } from '../../policy';
import { assertRoundExists } from '../rounds/queries';
import { annexWorkbook, XLSX_CONTENT_TYPE } from './annexes';
import { DOCX_CONTENT_TYPE, reportDocx } from './docx';
import { PDF_CONTENT_TYPE, reportPdf } from './pdf';
import {
  documentOwner,
  getDocument,
  getDraftContent,
  getVersionFile,
  getVersionPdf,
  listDocuments,
  ownerOf,
} from './queries';
import { createDocument, issueDocument, updateDocument } from './service';

const tags = ['documents'];

/** A file answer, documented in OpenAPI as binary of its content type. */
const file = (description: string) => z.any().meta({ type: 'string', format: 'binary', description });

function sendFile(reply: FastifyReply, bytes: Buffer, contentType: string, name: string) {
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('cache-control', 'private, no-store')
    .send(bytes);
}

export const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.get(
    '/documents',
    {
      schema: {
        tags,
        summary: 'Các báo cáo (văn bản) của một đợt báo cáo mà người dùng được xem',
        querystring: ZListDocumentsQuery,
        response: { 200: ZDocumentList, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', { type: 'document' });
      await assertRoundExists(db, request.query.roundId);
      return { items: await listDocuments(db, request.query.roundId, request.actor) };
    },
  );

  app.post(
    '/documents',
    {
      schema: {
        tags,
        summary: 'Tạo dự thảo báo cáo của đợt từ các báo cáo đã tiếp nhận (của tỉnh, hoặc của một đơn vị)',
        body: ZCreateDocumentRequest,
        response: { 201: ZDocument, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { body, actor } = request;
      authorize(actor, 'create', { type: 'document', orgUnitIds: ownerOf(body.orgUnitId ?? null) });
      const today = app.clock.today();
      const id = await db.transaction((tx) => createDocument({ tx, input: body, actor, today }));
      reply.status(201);
      return getDocument(db, id, actor);
    },
  );

  app.get(
    '/documents/:id',
    {
      schema: {
        tags,
        summary: 'Dự thảo báo cáo: các mục, số liệu, các phiên bản đã ban hành',
        params: ZIdParams,
        response: { 200: ZDocument, ...problemResponses },
      },
    },
    async (request) => {
      const { owner } = await documentOwner(db, request.params.id);
      authorize(request.actor, 'read', { type: 'document', orgUnitIds: owner });
      return getDocument(db, request.params.id, request.actor);
    },
  );

  app.patch(
    '/documents/:id',
    {
      schema: {
        tags,
        summary: 'Sửa phần đầu và nội dung các mục của dự thảo (theo phiên bản đã mở)',
        params: ZIdParams,
        body: ZUpdateDocumentRequest,
        response: { 200: ZDocument, ...problemResponses },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { owner } = await documentOwner(db, id);
      authorize(request.actor, 'update', { type: 'document', orgUnitIds: owner });
      await db.transaction((tx) => updateDocument({ tx, id, input: request.body, actor: request.actor }));
      return getDocument(db, id, request.actor);
    },
  );

  app.post(
    '/documents/:id/issue',
    {
      schema: {
        tags,
        summary: 'Ban hành: ghi số, ngày, người ký; lưu phiên bản không đổi cùng tệp .docx và phụ lục',
        params: ZIdParams,
        body: ZIssueDocumentRequest,
        response: { 201: ZDocument, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { owner } = await documentOwner(db, id);
      authorize(request.actor, 'approve', { type: 'document', orgUnitIds: owner });
      await db.transaction((tx) => issueDocument({ tx, id, input: request.body, actor: request.actor }));
      reply.status(201);
      return getDocument(db, id, request.actor);
    },
  );

  app.get(
    '/documents/:id/draft.docx',
    {
      schema: {
        tags,
        summary: 'Tải dự thảo (.docx, chưa có số, ngày, người ký)',
        params: ZIdParams,
        response: { 200: file(DOCX_CONTENT_TYPE), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { owner } = await documentOwner(db, request.params.id);
      authorize(request.actor, 'read', { type: 'document', orgUnitIds: owner });
      const content = await getDraftContent(db, request.params.id);
      return sendFile(
        reply,
        await reportDocx(content),
        DOCX_CONTENT_TYPE,
        `du-thao-bao-cao-${content.data.round.period}.docx`,
      );
    },
  );

  app.get(
    '/documents/:id/draft.pdf',
    {
      schema: {
        tags,
        summary: 'Tải dự thảo (.pdf, chưa có số, ngày, người ký)',
        params: ZIdParams,
        response: { 200: file(PDF_CONTENT_TYPE), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { owner } = await documentOwner(db, request.params.id);
      authorize(request.actor, 'read', { type: 'document', orgUnitIds: owner });
      const content = await getDraftContent(db, request.params.id);
      return sendFile(
        reply,
        await reportPdf(content),
        PDF_CONTENT_TYPE,
        `du-thao-bao-cao-${content.data.round.period}.pdf`,
      );
    },
  );

  app.get(
    '/documents/:id/draft-annexes.xlsx',
    {
      schema: {
        tags,
        summary: 'Tải phụ lục của dự thảo (.xlsx): bảng tình hình nhiệm vụ và bảng chỉ tiêu',
        params: ZIdParams,
        response: { 200: file(XLSX_CONTENT_TYPE), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { owner } = await documentOwner(db, request.params.id);
      authorize(request.actor, 'read', { type: 'document', orgUnitIds: owner });
      const content = await getDraftContent(db, request.params.id);
      return sendFile(
        reply,
        await annexWorkbook(content),
        XLSX_CONTENT_TYPE,
        `phu-luc-du-thao-${content.data.round.period}.xlsx`,
      );
    },
  );

  app.get(
    '/documents/:id/versions/:no/report.docx',
    {
      schema: {
        tags,
        summary: 'Tải báo cáo đã ban hành (.docx, đúng tệp đã lưu khi ban hành)',
        params: ZDocumentVersionParams,
        response: { 200: file(DOCX_CONTENT_TYPE), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { id, no } = request.params;
      const { owner } = await documentOwner(db, id);
      authorize(request.actor, 'read', { type: 'document', orgUnitIds: owner });
      const version = await getVersionFile(db, id, no, 'docx');
      return sendFile(reply, version.bytes, DOCX_CONTENT_TYPE, `bao-cao-so-${version.number}-v${no}.docx`);
    },
  );

  app.get(
    '/documents/:id/versions/:no/report.pdf',
    {
      schema: {
        tags,
        summary: 'Tải báo cáo đã ban hành (.pdf, tệp đã lưu khi ban hành)',
        params: ZDocumentVersionParams,
        response: { 200: file(PDF_CONTENT_TYPE), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { id, no } = request.params;
      const { owner } = await documentOwner(db, id);
      authorize(request.actor, 'read', { type: 'document', orgUnitIds: owner });
      const version = await getVersionPdf(db, id, no);
      return sendFile(reply, version.bytes, PDF_CONTENT_TYPE, `bao-cao-so-${version.number}-v${no}.pdf`);
    },
  );

  app.get(
    '/documents/:id/versions/:no/annexes.xlsx',
    {
      schema: {
        tags,
        summary: 'Tải phụ lục của báo cáo đã ban hành (.xlsx)',
        params: ZDocumentVersionParams,
        response: { 200: file(XLSX_CONTENT_TYPE), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { id, no } = request.params;
      const { owner } = await documentOwner(db, id);
      authorize(request.actor, 'read', { type: 'document', orgUnitIds: owner });
      const version = await getVersionFile(db, id, no, 'annexes');
      return sendFile(
        reply,
        version.bytes,
        XLSX_CONTENT_TYPE,
        `phu-luc-bao-cao-so-${version.number}-v${no}.xlsx`,
      );
    },
  );
};
