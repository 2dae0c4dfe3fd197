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
import { type Actor, authorize } from '../../policy';
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

  /** A document's files are read under the same rule as the document (its owner's scope). */
  async function assertCanRead(actor: Actor, id: string) {
    const { owner } = await documentOwner(db, id);
    authorize(actor, 'read', { type: 'document', orgUnitIds: owner });
  }

  // The draft rendered now, in each format (no number, date or signer yet)
  const draftFiles = [
    {
      path: 'draft.docx',
      summary: 'Tải dự thảo (.docx, chưa có số, ngày, người ký)',
      contentType: DOCX_CONTENT_TYPE,
      render: reportDocx,
      name: (period: string) => `du-thao-bao-cao-${period}.docx`,
    },
    {
      path: 'draft.pdf',
      summary: 'Tải dự thảo (.pdf, chưa có số, ngày, người ký)',
      contentType: PDF_CONTENT_TYPE,
      render: reportPdf,
      name: (period: string) => `du-thao-bao-cao-${period}.pdf`,
    },
    {
      path: 'draft-annexes.xlsx',
      summary: 'Tải phụ lục của dự thảo (.xlsx): bảng tình hình nhiệm vụ và bảng chỉ tiêu',
      contentType: XLSX_CONTENT_TYPE,
      render: annexWorkbook,
      name: (period: string) => `phu-luc-du-thao-${period}.xlsx`,
    },
  ];
  for (const draft of draftFiles) {
    app.get(
      `/documents/:id/${draft.path}`,
      {
        schema: {
          tags,
          summary: draft.summary,
          params: ZIdParams,
          response: { 200: file(draft.contentType), ...problemResponses },
        },
      },
      async (request, reply) => {
        await assertCanRead(request.actor, request.params.id);
        const content = await getDraftContent(db, request.params.id);
        const bytes = await draft.render(content);
        return sendFile(reply, bytes, draft.contentType, draft.name(content.data.round.period));
      },
    );
  }

  // An issued version's files: the bytes stored when it was issued
  const versionFiles = [
    {
      path: 'report.docx',
      summary: 'Tải báo cáo đã ban hành (.docx, đúng tệp đã lưu khi ban hành)',
      contentType: DOCX_CONTENT_TYPE,
      load: (id: string, no: number) => getVersionFile(db, id, no, 'docx'),
      name: (number: string, no: number) => `bao-cao-so-${number}-v${no}.docx`,
    },
    {
      path: 'report.pdf',
      summary: 'Tải báo cáo đã ban hành (.pdf, tệp đã lưu khi ban hành)',
      contentType: PDF_CONTENT_TYPE,
      load: (id: string, no: number) => getVersionPdf(db, id, no),
      name: (number: string, no: number) => `bao-cao-so-${number}-v${no}.pdf`,
    },
    {
      path: 'annexes.xlsx',
      summary: 'Tải phụ lục của báo cáo đã ban hành (.xlsx)',
      contentType: XLSX_CONTENT_TYPE,
      load: (id: string, no: number) => getVersionFile(db, id, no, 'annexes'),
      name: (number: string, no: number) => `phu-luc-bao-cao-so-${number}-v${no}.xlsx`,
    },
  ];
  for (const issued of versionFiles) {
    app.get(
      `/documents/:id/versions/:no/${issued.path}`,
      {
        schema: {
          tags,
          summary: issued.summary,
          params: ZDocumentVersionParams,
          response: { 200: file(issued.contentType), ...problemResponses },
        },
      },
      async (request, reply) => {
        const { id, no } = request.params;
        await assertCanRead(request.actor, id);
        const version = await issued.load(id, no);
        return sendFile(reply, version.bytes, issued.contentType, issued.name(version.number, no));
      },
    );
  }
};
