import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZVersioned } from '../../../common/contracts/fields';
import {
  type CatalogueSheet,
  ZBudgetLine,
  ZBudgetLineList,
  ZCatalogueImportPreview,
  ZCatalogueKindQuery,
  ZCreateBudgetLineRequest,
  ZCreatePolicyRequest,
  ZCreateProgrammeRequest,
  ZListBudgetLinesQuery,
  ZListPoliciesQuery,
  ZListProgrammesQuery,
  ZPolicy,
  ZPolicyList,
  ZProgramme,
  ZProgrammeList,
  ZUpdateBudgetLineRequest,
  ZUpdatePolicyRequest,
  ZUpdateProgrammeRequest,
} from '../../../common/contracts/programmes';
import { ZProblem } from '../../../common/problem';
import type { Executor } from '../../db/client';
import { notFound } from '../../errors/app-error';
import { FILE_LIMITS_DESCRIPTION } from '../../files/parse-file';
import { CONTENT_TYPES, fileResponse, problemResponses, uploadProblemResponses, ZIdParams } from '../../http';
import {
  type Action,
  type Actor,
  authorize,
  PROVINCE_WIDE,
  type ResourceType,
  readScope,
} from '../../policy';
import { spoolToFile } from '../../spool';
import { FILE_NAMES } from './excel/columns';
import {
  CATALOGUE_UPLOAD_BYTES,
  importCatalogue,
  previewCatalogueImport,
  readCatalogueFile,
} from './excel/import';
import {
  budgetLineCells,
  catalogueExport,
  catalogueTemplate,
  policyCells,
  programmeCells,
} from './excel/workbook';
import {
  budgetLineOwners,
  getBudgetLine,
  getPolicy,
  getProgramme,
  listBudgetLines,
  listPolicies,
  listProgrammes,
  NAMES,
  type Owners,
  policyOwners,
  programmeOwners,
  targetOwners,
} from './queries';
import {
  createBudgetLine,
  createPolicy,
  createProgramme,
  deleteBudgetLine,
  setPolicyArchived,
  setProgrammeArchived,
  updateBudgetLine,
  updatePolicy,
  updateProgramme,
} from './service';

const tags = ['programmes'];
const FILE_TYPES = [CONTENT_TYPES.xlsx, CONTENT_TYPES.octetStream];
const TYPE_OF = {
  programmes: 'programme',
  policies: 'support_policy',
  budgetLines: 'programme',
} as const satisfies Record<CatalogueSheet, ResourceType>;

const ref = (owners: Owners) => (owners === 'province' ? PROVINCE_WIDE : owners);
/** A new or changed owner (absent: the province's). */
const ownerRef = (id: string | null | undefined) => (id ? [id] : PROVINCE_WIDE);

/** Authorizes an action on a stored record; an unknown id answers 404 after the type-wide check. */
function authorizeOn(
  actor: Actor,
  action: Action,
  type: ResourceType,
  owners: Owners | null,
  name: (typeof NAMES)[keyof typeof NAMES],
) {
  if (owners === null) {
    authorize(actor, action, { type });
    throw notFound(name);
  }
  authorize(actor, action, { type, orgUnitIds: ref(owners) });
}

const ZDeleteQuery = z.strictObject({ version: z.coerce.number().int().min(1) });

/** Every row of a list the actor may read, page by page, for the export. */
async function allRows<T>(fetch: (page: number) => Promise<{ items: T[]; total: number }>) {
  const rows: T[] = [];
  for (let page = 1; ; page++) {
    const { items, total } = await fetch(page);
    rows.push(...items);
    if (items.length === 0 || rows.length >= total) return rows;
  }
}

async function exportRows(db: Executor, actor: Actor, sheet: CatalogueSheet) {
  const base = { pageSize: 500, order: 'asc' as const };
  if (sheet === 'programmes') {
    const scope = readScope(actor, 'programme');
    return (await allRows((page) => listProgrammes(db, { ...base, page }, scope))).map(programmeCells);
  }
  if (sheet === 'policies') {
    const scope = readScope(actor, 'support_policy');
    return (await allRows((page) => listPolicies(db, { ...base, page }, scope))).map(policyCells);
  }
  const scope = readScope(actor, 'programme');
  return (await allRows((page) => listBudgetLines(db, { ...base, page }, scope))).map(budgetLineCells);
}

export const programmeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  app.addContentTypeParser(FILE_TYPES, (_request, payload, done) => done(null, payload));

  // ------------------------------------------------------------ programmes
  app.get(
    '/programmes',
    {
      schema: {
        tags,
        summary:
          'Chương trình, đề án (tìm không dấu theo mã, tên, văn bản căn cứ; lọc theo trạng thái, công khai)',
        querystring: ZListProgrammesQuery,
        response: { 200: ZProgrammeList, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', { type: 'programme' });
      const { query } = request;
      const result = await listProgrammes(db, query, readScope(request.actor, 'programme'));
      return { ...result, page: query.page, pageSize: query.pageSize };
    },
  );

  app.get(
    '/programmes/:id',
    {
      schema: {
        tags,
        summary: 'Chi tiết chương trình',
        params: ZIdParams,
        response: { 200: ZProgramme, ...problemResponses },
      },
    },
    async (request) => {
      authorizeOn(
        request.actor,
        'read',
        'programme',
        await programmeOwners(db, request.params.id),
        NAMES.programme,
      );
      return getProgramme(db, request.params.id, readScope(request.actor, 'programme'));
    },
  );

  app.post(
    '/programmes',
    {
      schema: {
        tags,
        summary: 'Thêm chương trình, đề án',
        body: ZCreateProgrammeRequest,
        response: { 201: ZProgramme, ...problemResponses },
      },
    },
    async (request, reply) => {
      authorize(request.actor, 'create', {
        type: 'programme',
        orgUnitIds: ownerRef(request.body.ownerOrgUnitId),
      });
      const id = await db.transaction((tx) =>
        createProgramme({ tx, input: request.body, actor: request.actor }),
      );
      reply.status(201);
      return getProgramme(db, id, readScope(request.actor, 'programme'));
    },
  );

  app.patch(
    '/programmes/:id',
    {
      schema: {
        tags,
        summary: 'Sửa chương trình (gửi kèm version đang sửa)',
        params: ZIdParams,
        body: ZUpdateProgrammeRequest,
        response: { 200: ZProgramme, ...problemResponses },
      },
    },
    async (request) => {
      const programmeId = request.params.id;
      authorizeOn(
        request.actor,
        'update',
        'programme',
        await programmeOwners(db, programmeId),
        NAMES.programme,
      );
      const { ownerOrgUnitId } = request.body;
      if (ownerOrgUnitId !== undefined) {
        authorize(request.actor, 'create', { type: 'programme', orgUnitIds: ownerRef(ownerOrgUnitId) });
      }
      await db.transaction((tx) =>
        updateProgramme({ tx, programmeId, input: request.body, actor: request.actor }),
      );
      return getProgramme(db, programmeId, readScope(request.actor, 'programme'));
    },
  );

  for (const [action, archived] of [
    ['archive', true],
    ['restore', false],
  ] as const) {
    app.post(
      `/programmes/:id/${action}`,
      {
        schema: {
          tags,
          summary: archived ? 'Lưu trữ chương trình' : 'Khôi phục chương trình',
          params: ZIdParams,
          body: ZVersioned,
          response: { 200: ZProgramme, ...problemResponses },
        },
      },
      async (request) => {
        const programmeId = request.params.id;
        authorizeOn(
          request.actor,
          'archive',
          'programme',
          await programmeOwners(db, programmeId),
          NAMES.programme,
        );
        await db.transaction((tx) =>
          setProgrammeArchived({
            tx,
            programmeId,
            version: request.body.version,
            archived,
            actor: request.actor,
          }),
        );
        return getProgramme(db, programmeId, readScope(request.actor, 'programme'));
      },
    );
  }

  // ------------------------------------------------------------ support policies
  app.get(
    '/support-policies',
    {
      schema: {
        tags,
        summary:
          'Chính sách hỗ trợ (tìm không dấu theo tên, đối tượng, mức hỗ trợ; lọc theo trạng thái, chương trình)',
        querystring: ZListPoliciesQuery,
        response: { 200: ZPolicyList, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', { type: 'support_policy' });
      const { query } = request;
      const result = await listPolicies(db, query, readScope(request.actor, 'support_policy'));
      return { ...result, page: query.page, pageSize: query.pageSize };
    },
  );

  app.get(
    '/support-policies/:id',
    {
      schema: {
        tags,
        summary: 'Chi tiết chính sách hỗ trợ',
        params: ZIdParams,
        response: { 200: ZPolicy, ...problemResponses },
      },
    },
    async (request) => {
      authorizeOn(
        request.actor,
        'read',
        'support_policy',
        await policyOwners(db, request.params.id),
        NAMES.policy,
      );
      return getPolicy(db, request.params.id, readScope(request.actor, 'support_policy'));
    },
  );

  app.post(
    '/support-policies',
    {
      schema: {
        tags,
        summary: 'Thêm chính sách hỗ trợ (liên hệ: của cơ quan, không phải của cá nhân)',
        body: ZCreatePolicyRequest,
        response: { 201: ZPolicy, ...problemResponses },
      },
    },
    async (request, reply) => {
      authorize(request.actor, 'create', {
        type: 'support_policy',
        orgUnitIds: ownerRef(request.body.ownerOrgUnitId),
      });
      const id = await db.transaction((tx) =>
        createPolicy({ tx, input: request.body, actor: request.actor }),
      );
      reply.status(201);
      return getPolicy(db, id, readScope(request.actor, 'support_policy'));
    },
  );

  app.patch(
    '/support-policies/:id',
    {
      schema: {
        tags,
        summary: 'Sửa chính sách hỗ trợ (gửi kèm version đang sửa)',
        params: ZIdParams,
        body: ZUpdatePolicyRequest,
        response: { 200: ZPolicy, ...problemResponses },
      },
    },
    async (request) => {
      const policyId = request.params.id;
      authorizeOn(request.actor, 'update', 'support_policy', await policyOwners(db, policyId), NAMES.policy);
      const { ownerOrgUnitId } = request.body;
      if (ownerOrgUnitId !== undefined) {
        authorize(request.actor, 'create', { type: 'support_policy', orgUnitIds: ownerRef(ownerOrgUnitId) });
      }
      await db.transaction((tx) => updatePolicy({ tx, policyId, input: request.body, actor: request.actor }));
      return getPolicy(db, policyId, readScope(request.actor, 'support_policy'));
    },
  );

  for (const [action, archived] of [
    ['archive', true],
    ['restore', false],
  ] as const) {
    app.post(
      `/support-policies/:id/${action}`,
      {
        schema: {
          tags,
          summary: archived ? 'Lưu trữ chính sách hỗ trợ' : 'Khôi phục chính sách hỗ trợ',
          params: ZIdParams,
          body: ZVersioned,
          response: { 200: ZPolicy, ...problemResponses },
        },
      },
      async (request) => {
        const policyId = request.params.id;
        authorizeOn(
          request.actor,
          'archive',
          'support_policy',
          await policyOwners(db, policyId),
          NAMES.policy,
        );
        await db.transaction((tx) =>
          setPolicyArchived({ tx, policyId, version: request.body.version, archived, actor: request.actor }),
        );
        return getPolicy(db, policyId, readScope(request.actor, 'support_policy'));
      },
    );
  }

  // ------------------------------------------------------------ budget lines
  app.get(
    '/budget-lines',
    {
      schema: {
        tags,
        summary:
          'Dòng ngân sách (lọc theo chương trình, nhiệm vụ, năm, nguồn vốn; kèm tổng theo năm và theo nguồn)',
        querystring: ZListBudgetLinesQuery,
        response: { 200: ZBudgetLineList, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', { type: 'programme' });
      const { query } = request;
      const result = await listBudgetLines(db, query, readScope(request.actor, 'programme'));
      return { ...result, page: query.page, pageSize: query.pageSize };
    },
  );

  app.post(
    '/budget-lines',
    {
      schema: {
        tags,
        summary: 'Thêm dòng ngân sách (một chương trình và/hoặc nhiệm vụ, một năm, một nguồn vốn)',
        body: ZCreateBudgetLineRequest,
        response: { 201: ZBudgetLine, ...problemResponses },
      },
    },
    async (request, reply) => {
      const owners = await targetOwners(db, request.body);
      authorize(request.actor, 'create', {
        type: 'programme',
        ...(owners ? { orgUnitIds: ref(owners) } : {}),
      });
      const id = await db.transaction((tx) =>
        createBudgetLine({ tx, input: request.body, actor: request.actor }),
      );
      reply.status(201);
      return getBudgetLine(db, id, readScope(request.actor, 'programme'));
    },
  );

  app.patch(
    '/budget-lines/:id',
    {
      schema: {
        tags,
        summary: 'Sửa dòng ngân sách (gửi kèm version đang sửa)',
        params: ZIdParams,
        body: ZUpdateBudgetLineRequest,
        response: { 200: ZBudgetLine, ...problemResponses },
      },
    },
    async (request) => {
      const lineId = request.params.id;
      authorizeOn(request.actor, 'update', 'programme', await budgetLineOwners(db, lineId), NAMES.budgetLine);
      await db.transaction((tx) =>
        updateBudgetLine({ tx, lineId, input: request.body, actor: request.actor }),
      );
      return getBudgetLine(db, lineId, readScope(request.actor, 'programme'));
    },
  );

  app.delete(
    '/budget-lines/:id',
    {
      schema: {
        tags,
        summary: 'Xoá dòng ngân sách (version đang xem trong tham số)',
        params: ZIdParams,
        querystring: ZDeleteQuery,
        response: { 204: z.null().describe('Đã xoá'), ...problemResponses },
      },
    },
    async (request, reply) => {
      const lineId = request.params.id;
      authorizeOn(
        request.actor,
        'archive',
        'programme',
        await budgetLineOwners(db, lineId),
        NAMES.budgetLine,
      );
      await db.transaction((tx) =>
        deleteBudgetLine({ tx, lineId, version: request.query.version, actor: request.actor }),
      );
      return reply.status(204).send(null);
    },
  );

  // ------------------------------------------------------------ Excel
  app.get(
    '/programme-catalogue/template.xlsx',
    {
      schema: {
        tags,
        summary: 'Tải tệp mẫu Excel để nhập chương trình, chính sách hỗ trợ hoặc dòng ngân sách',
        querystring: ZCatalogueKindQuery,
        response: { 200: fileResponse('Tệp mẫu (.xlsx)', CONTENT_TYPES.xlsx), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { kind } = request.query;
      authorize(request.actor, 'create', { type: TYPE_OF[kind] });
      return reply
        .header('content-type', CONTENT_TYPES.xlsx)
        .header('content-disposition', `attachment; filename="mau-${FILE_NAMES[kind]}.xlsx"`)
        .send(await catalogueTemplate(kind));
    },
  );

  app.get(
    '/programme-catalogue/export.xlsx',
    {
      schema: {
        tags,
        summary: 'Xuất danh sách ra Excel, cùng các cột của tệp mẫu (nhập lại để sửa hàng loạt)',
        querystring: ZCatalogueKindQuery,
        response: { 200: fileResponse('Danh sách (.xlsx)', CONTENT_TYPES.xlsx), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { kind } = request.query;
      authorize(request.actor, 'read', { type: TYPE_OF[kind] });
      const rows = await exportRows(db, request.actor, kind);
      return reply
        .header('content-type', CONTENT_TYPES.xlsx)
        .header('content-disposition', `attachment; filename="${FILE_NAMES[kind]}.xlsx"`)
        .send(await catalogueExport(kind, rows));
    },
  );

  const importDescription =
    `Thân yêu cầu là nội dung tệp .xlsx (tối đa ${CATALOGUE_UPLOAD_BYTES / 1024 / 1024} MB), trang đầu theo tệp mẫu. ` +
    `Tệp có mật khẩu, có macro, không phải .xlsx: 415; quá giới hạn: 413. ${FILE_LIMITS_DESCRIPTION}`;

  app.post(
    '/programme-catalogue/import/preview',
    {
      schema: {
        tags,
        summary: 'Kiểm tra tệp Excel trước khi nhập: lỗi, cảnh báo theo dòng và cột; không ghi gì',
        description: importDescription,
        querystring: ZCatalogueKindQuery,
        consumes: FILE_TYPES,
        response: { 200: ZCatalogueImportPreview, ...uploadProblemResponses },
      },
    },
    async (request) => {
      const { kind } = request.query;
      authorize(request.actor, 'create', { type: TYPE_OF[kind] });
      const file = await spoolToFile(request.body as Readable, CATALOGUE_UPLOAD_BYTES);
      return previewCatalogueImport({ db, sheet: kind, file, actor: request.actor }).finally(file.dispose);
    },
  );

  app.post(
    '/programme-catalogue/import',
    {
      schema: {
        tags,
        summary:
          'Nhập tệp Excel: ghi tất cả các dòng trong một giao dịch, hoặc không ghi gì nếu có lỗi (422)',
        description: importDescription,
        querystring: ZCatalogueKindQuery,
        consumes: FILE_TYPES,
        response: {
          201: ZCatalogueImportPreview,
          ...uploadProblemResponses,
          422: z.union([ZCatalogueImportPreview, ZProblem]),
        },
      },
    },
    async (request, reply) => {
      const { kind } = request.query;
      authorize(request.actor, 'create', { type: TYPE_OF[kind] });
      const file = await spoolToFile(request.body as Readable, CATALOGUE_UPLOAD_BYTES);
      const records = await readCatalogueFile(file).finally(file.dispose);
      const result = await db.transaction((tx) =>
        importCatalogue({ tx, sheet: kind, records, actor: request.actor }),
      );
      return reply.status(result.ok ? 201 : 422).send(result);
    },
  );
};
