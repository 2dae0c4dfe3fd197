import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZCorrectDataValueRequest,
  ZEntryQuery,
  ZEntrySheet,
  ZImportDataValuesQuery,
  ZValueHistory,
  ZValueHistoryQuery,
  ZWriteDataValuesRequest,
  ZWriteDataValuesResult,
} from '../../../common/contracts/data-values';
import { ZProblem } from '../../../common/problem';
import { FILE_LIMITS_DESCRIPTION } from '../../files/parse-file';
import { CONTENT_TYPES, fileResponse, problemResponses, uploadProblemResponses } from '../../http';
import { authorize } from '../../policy';
import { spoolToFile } from '../../spool';
import { importDataValues } from './import';
import { findOrgUnit, getEntrySheet, getValueHistory } from './queries';
import { writeDataValues } from './service';
import { createCatalogueCache, writeOneValue } from './single-write';
import { entryTemplateWorkbook, templateFileName } from './template';

const tags = ['data-values'];
/** 422: nothing written (all_or_nothing with bad rows): the row report; or a problem. */
const ZWriteOrProblem = z.union([ZWriteDataValuesResult, ZProblem]);
/** A file of a million values is about 60 MB of CSV. */
const FILE_LIMIT_BYTES = 200 * 1024 * 1024;
const FILE_TYPES = [CONTENT_TYPES.csv, CONTENT_TYPES.xlsx, CONTENT_TYPES.octetStream];

export const dataValueRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  // this instance's indicators, units and plans by code, for single values (single-write.ts)
  const catalogueCache = createCatalogueCache(db);

  // Files arrive as the raw body, handed on as a stream and spooled to disk by the route; their
  // content, not this header, decides how they are read.
  app.addContentTypeParser(FILE_TYPES, (_request, payload, done) => done(null, payload));

  app.get(
    '/data-values',
    {
      schema: {
        tags,
        summary: 'Bảng nhập số liệu của một đơn vị trong một kỳ',
        querystring: ZEntryQuery,
        response: { 200: ZEntrySheet, ...problemResponses },
      },
    },
    async (request) => {
      const { orgUnitId, period } = request.query;
      await findOrgUnit(db, orgUnitId);
      authorize(request.actor, 'read', { type: 'data_value', orgUnitIds: [orgUnitId] });
      return getEntrySheet(db, orgUnitId, period);
    },
  );

  app.get(
    '/data-values/template.xlsx',
    {
      schema: {
        tags,
        summary: 'Tải mẫu Excel nhập số liệu của một đơn vị trong một kỳ (điền sẵn giá trị hiện có)',
        description:
          'Cột: Mã chỉ tiêu, Tên chỉ tiêu, Đơn vị tính, Mã đơn vị, Kỳ báo cáo, Giá trị, Ghi chú — các chỉ tiêu ' +
          'của bảng nhập số liệu. Gửi lại nguyên mẫu qua /api/data-values/import không thay đổi gì; ' +
          'cột tên và đơn vị tính không được nhập.',
        querystring: ZEntryQuery,
        response: { 200: fileResponse('Tệp XLSX', CONTENT_TYPES.xlsx), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { orgUnitId, period } = request.query;
      await findOrgUnit(db, orgUnitId);
      authorize(request.actor, 'read', { type: 'data_value', orgUnitIds: [orgUnitId] });
      const sheet = await getEntrySheet(db, orgUnitId, period);
      return reply
        .header('content-type', CONTENT_TYPES.xlsx)
        .header('content-disposition', `attachment; filename="${templateFileName(sheet)}"`)
        .send(await entryTemplateWorkbook(sheet));
    },
  );

  app.get(
    '/data-values/history',
    {
      schema: {
        tags,
        summary: 'Lịch sử sửa đổi một giá trị',
        querystring: ZValueHistoryQuery,
        response: { 200: ZValueHistory, ...problemResponses },
      },
    },
    async (request) => {
      await findOrgUnit(db, request.query.orgUnitId);
      authorize(request.actor, 'read', { type: 'data_value', orgUnitIds: [request.query.orgUnitId] });
      return getValueHistory(db, request.query);
    },
  );

  app.post(
    '/data-values',
    {
      bodyLimit: 20 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Ghi một hoặc nhiều giá trị (JSON); báo lỗi từng dòng',
        body: ZWriteDataValuesRequest,
        response: { 200: ZWriteDataValuesResult, ...problemResponses, 422: ZWriteOrProblem },
      },
    },
    async (request, reply) => {
      authorize(request.actor, 'update', { type: 'data_value' });
      const { values, mode, dryRun } = request.body;
      // one value: one statement when the cached catalogue settles it (else the general path below)
      if (values.length === 1 && !dryRun) {
        const written = await writeOneValue({
          database: app.database,
          cache: catalogueCache,
          epoch: app.sessionCache.epochOf(request.actor),
          input: values[0]!,
          actor: request.actor,
          today: app.clock.today(),
        });
        if (written) return reply.status(200).send(written);
      }
      const result = await db.transaction((tx) =>
        writeDataValues({
          tx,
          inputs: values,
          mode,
          dryRun,
          actor: request.actor,
          today: app.clock.today(),
          source: 'json',
        }),
      );
      return reply.status(result.applied || dryRun ? 200 : 422).send(result);
    },
  );

  app.post(
    '/data-values/corrections',
    {
      schema: {
        tags,
        summary: 'Văn phòng Ban Chỉ đạo điều chỉnh một giá trị (kể cả giá trị của báo cáo đã gửi), ghi lý do',
        description:
          'Giá trị của báo cáo đã gửi, đã duyệt hoặc đã tiếp nhận giữ nguyên trạng thái; lý do được lưu cùng ' +
          'lịch sử sửa đổi, nhật ký và hiển thị trên báo cáo. Lỗi của giá trị: 422 kèm báo cáo từng dòng.',
        body: ZCorrectDataValueRequest,
        response: { 200: ZWriteDataValuesResult, ...problemResponses, 422: ZWriteOrProblem },
      },
    },
    async (request, reply) => {
      authorize(request.actor, 'correct', { type: 'data_value' });
      const { reason, ...input } = request.body;
      const result = await db.transaction((tx) =>
        writeDataValues({
          tx,
          inputs: [input],
          mode: 'all_or_nothing',
          dryRun: false,
          actor: request.actor,
          today: app.clock.today(),
          source: 'json',
          correction: { reason },
        }),
      );
      return reply.status(result.applied ? 200 : 422).send(result);
    },
  );

  app.post(
    '/data-values/import',
    {
      schema: {
        tags,
        summary: 'Nhập số liệu từ tệp CSV hoặc Excel (.xlsx); gửi lại cùng tệp không thay đổi gì',
        description:
          'Thân yêu cầu là nội dung tệp. Cột: indicator_code, org_unit_code, period, value, comment ' +
          '(hoặc ma_chi_tieu, ma_don_vi, ky, gia_tri, ghi_chu). Ô giá trị trống: giữ nguyên giá trị đã có. ' +
          `Tệp gửi lên tối đa ${FILE_LIMIT_BYTES / 1024 / 1024} MB. ${FILE_LIMITS_DESCRIPTION}`,
        querystring: ZImportDataValuesQuery,
        consumes: FILE_TYPES,
        response: { 200: ZWriteDataValuesResult, ...uploadProblemResponses, 422: ZWriteOrProblem },
      },
    },
    async (request, reply) => {
      authorize(request.actor, 'update', { type: 'data_value' });
      const { mode, dryRun } = request.query;
      const file = await spoolToFile(request.body as Readable, FILE_LIMIT_BYTES);
      // removed before the answer, whatever it is: a client never sees a file still on disk
      const result = await importDataValues(db, {
        file,
        mode,
        dryRun,
        actor: request.actor,
        today: app.clock.today(),
      }).finally(file.dispose);
      return reply.status(result.applied || dryRun ? 200 : 422).send(result);
    },
  );
};
