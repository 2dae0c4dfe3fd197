import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ANNEX_MAX_ROWS,
  ZAnnexExportQuery,
  ZPlanImportPreview,
  ZPlanImportPreviewQuery,
  ZPlanImportRequest,
  ZPlanImportResult,
} from '../../../common/contracts/plan-import';
import { ZProblem } from '../../../common/problem';
import { FILE_LIMITS_DESCRIPTION } from '../../files/parse-file';
import { CONTENT_TYPES, fileResponse, problemResponses, uploadProblemResponses, ZIdParams } from '../../http';
import { authorize, PROVINCE_WIDE, readScope } from '../../policy';
import { spoolToFile } from '../../spool';
import { ANNEX_UPLOAD_BYTES } from './annex-file';
import { annexFileName, annexWorkbook, XLSX_CONTENT_TYPE } from './export';
import { communeLevelUnits, loadAnnexPlan, sharedUnitNames } from './queries';
import { importAnnexRows, previewAnnexFile } from './service';

const tags = ['plans'];
/** What browsers and scripts call an Excel file; the content decides how it is read. */
const FILE_TYPES = [
  CONTENT_TYPES.xlsx,
  'application/vnd.ms-excel.sheet.macroEnabled.12',
  'application/vnd.ms-excel',
  CONTENT_TYPES.octetStream,
];
/** 5,000 rows of JSON with long titles. */
const ROWS_BODY_BYTES = 16 * 1024 * 1024;
const COLUMNS_DESCRIPTION =
  'Cột (tìm theo tên ở dòng tiêu đề trong 30 dòng đầu): STT, Nhiệm vụ, Cơ quan chủ trì (bắt buộc); ' +
  'Cơ quan phối hợp, Thời gian hoàn thành, Sản phẩm, Thời gian bắt đầu (nếu có); Ghi chú, Kinh phí được bỏ qua.';

// Plans span the province (PROVINCE_WIDE): only assignments covering every unit import them.
export const planImportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  app.addContentTypeParser(FILE_TYPES, (_request, payload, done) => done(null, payload));

  app.get(
    '/plans/:id/annex.xlsx',
    {
      schema: {
        tags,
        summary:
          'Tải phụ lục kế hoạch (.xlsx): STT, Nhiệm vụ, Cơ quan chủ trì, Cơ quan phối hợp, Thời gian hoàn thành, Sản phẩm',
        description: 'Nhập lại tệp này (POST /api/plans/import/preview) cho đúng kế hoạch như cũ.',
        params: ZIdParams,
        querystring: ZAnnexExportQuery,
        response: { 200: fileResponse('Phụ lục kế hoạch (.xlsx)', CONTENT_TYPES.xlsx), ...problemResponses },
      },
    },
    async (request, reply) => {
      authorize(request.actor, 'read', { type: 'plan' });
      const plan = await loadAnnexPlan(db, request.params.id, readScope(request.actor, 'plan_item'));
      const [communeLevel, sharedNames] = await Promise.all([communeLevelUnits(db), sharedUnitNames(db)]);
      const file = await annexWorkbook(plan, {
        numbering: request.query.numbering,
        communeLevel,
        sharedNames,
      });
      return reply
        .header('content-type', XLSX_CONTENT_TYPE)
        .header('content-disposition', `attachment; filename="${annexFileName(plan.number)}"`)
        .send(file);
    },
  );

  app.post(
    '/plans/import/preview',
    {
      schema: {
        tags,
        summary: 'Đọc và kiểm tra phụ lục kế hoạch từ tệp Excel (.xlsx); không ghi gì',
        description:
          `Thân yêu cầu là nội dung tệp (tối đa ${ANNEX_UPLOAD_BYTES / 1024 / 1024} MB, ${ANNEX_MAX_ROWS.toLocaleString('vi-VN')} dòng). ` +
          `${COLUMNS_DESCRIPTION} Trả về từng dòng với nội dung đã đọc, lỗi và cảnh báo theo dòng, cột. ` +
          `Tệp có mật khẩu, có macro, không phải .xlsx: 415; quá giới hạn: 413; bảng sai mẫu: 422. ${FILE_LIMITS_DESCRIPTION}`,
        querystring: ZPlanImportPreviewQuery,
        consumes: FILE_TYPES,
        response: { 200: ZPlanImportPreview, ...uploadProblemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'create', { type: 'plan', orgUnitIds: PROVINCE_WIDE });
      const file = await spoolToFile(request.body as Readable, ANNEX_UPLOAD_BYTES);
      // removed before the answer, whatever it is
      return previewAnnexFile({
        db,
        file,
        planId: request.query.planId,
        today: app.clock.today(),
      }).finally(file.dispose);
    },
  );

  app.post(
    '/plans/import',
    {
      bodyLimit: ROWS_BODY_BYTES,
      schema: {
        tags,
        summary:
          'Ghi phụ lục đã kiểm tra: tạo kế hoạch mới hoặc thêm vào kế hoạch dự thảo, trong một giao dịch',
        description:
          'Gửi lại các dòng của bản xem trước (có thể đã sửa). dryRun=true: chỉ kiểm tra. Có lỗi: 422 kèm bản xem trước, không ghi gì.',
        body: ZPlanImportRequest,
        response: {
          200: ZPlanImportPreview,
          201: ZPlanImportResult,
          ...problemResponses,
          422: z.union([ZPlanImportPreview, ZProblem]),
        },
      },
    },
    async (request, reply) => {
      authorize(request.actor, 'create', { type: 'plan', orgUnitIds: PROVINCE_WIDE });
      const { layout, rows, target, fileName, dryRun } = request.body;
      const { preview, result } = await db.transaction((tx) =>
        importAnnexRows({
          tx,
          layout,
          rows,
          target,
          fileName: fileName ?? null,
          dryRun,
          actor: request.actor,
        }),
      );
      if (result) return reply.status(201).send(result);
      return reply.status(dryRun ? 200 : 422).send(preview);
    },
  );
};
