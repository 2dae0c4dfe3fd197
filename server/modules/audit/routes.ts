import { inArray } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type TAuditEventFilters,
  ZAuditEventFilters,
  ZAuditEventList,
  ZListAuditEventsQuery,
} from '../../../common/contracts/audit';
import { escapeSpreadsheetCell } from '../../../common/spreadsheet';
import { loadAuditConfig } from '../../config';
import type { Executor } from '../../db/client';
import { CONTENT_TYPES, fileResponse, problemResponses } from '../../http';
import { type Actor, authorize, readScope } from '../../policy';
import { orgUnits } from '../org-units/tables';
import { CHECKPOINT_FILE_FORMAT, type CheckpointFile, listCheckpoints, writeCheckpoint } from './checkpoint';
import { auditActionLabel } from './events';
import { type AuditEvent, type ListAuditEventsOptions, listAuditEvents } from './queries';
import { chainPendingEvents } from './sequencer';

const tags = ['audit'];

/** Checkpoints a download holds at most, the newest: the latest one alone vouches for everything before it. */
export const CHECKPOINT_EXPORT_MAX = 10_000;

/** Rows an export holds at most; a last row says when there were more. */
export const AUDIT_EXPORT_MAX_ROWS = 50_000;

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** Midnight at the start of a Vietnamese day (UTC+7, no daylight saving). */
const vietnamDayStart = (day: string) => new Date(Date.parse(`${day}T00:00:00+07:00`));
const nextDay = (day: string) => new Date(vietnamDayStart(day).getTime() + 24 * 60 * 60 * 1000);

/** The query's filters, narrowed to the units the actor may read. */
function queryOptions(actor: Actor, filters: TAuditEventFilters) {
  const scope = readScope(actor, 'audit_event');
  return {
    actorUserId: filters.actor,
    orgUnitId: filters.orgUnit,
    resourceType: filters.resourceType,
    resourceId: filters.resourceId,
    action: filters.action,
    from: filters.from ? vietnamDayStart(filters.from) : undefined,
    to: filters.to ? nextDay(filters.to) : undefined,
    orgUnitIds: scope.all ? undefined : scope.orgUnitIds,
  } satisfies Omit<ListAuditEventsOptions, 'page' | 'pageSize'>;
}

const present = (e: AuditEvent) => ({
  id: e.id,
  occurredAt: e.occurredAt,
  action: e.action,
  actionLabel: auditActionLabel(e.action),
  actor: { userId: e.actorUserId, name: e.actorName, roles: e.actorRoles },
  ip: e.ip,
  requestId: e.requestId,
  resource: { type: e.resourceType, id: e.resourceId },
  orgUnitId: e.orgUnitId,
  before: e.before,
  after: e.after,
  chainSeq: e.chainSeq,
  occurrences: e.occurrences,
});

/** dd/mm/yyyy HH:mm:ss in Vietnam. */
function vietnamTime(iso: string): string {
  const d = new Date(Date.parse(iso) + VIETNAM_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

async function orgUnitNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(inArray(orgUnits.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

const COLUMNS = [
  { header: 'Thời gian', width: 20 },
  { header: 'Người thực hiện', width: 28 },
  { header: 'Vai trò', width: 16 },
  { header: 'Hành động', width: 26 },
  { header: 'Loại bản ghi', width: 16 },
  { header: 'Mã bản ghi', width: 38 },
  { header: 'Đơn vị', width: 32 },
  { header: 'IP', width: 16 },
  { header: 'Mã yêu cầu', width: 24 },
  { header: 'Trước', width: 50 },
  { header: 'Sau', width: 50 },
  /** security.denied: refusals of that actor and kind in that minute */
  { header: 'Số lần', width: 10 },
];

const json = (value: Record<string, unknown> | null) => (value === null ? '' : JSON.stringify(value));

async function buildWorkbook(events: AuditEvent[], units: Map<string, string>, total: number) {
  // loaded on the first export, not at start: most instances never export
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  const sheet = workbook.addWorksheet('Nhật ký kiểm toán', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const e of events) {
    const cells: (string | number)[] = [
      vietnamTime(e.occurredAt),
      e.actorName,
      e.actorRoles.join(', '),
      auditActionLabel(e.action),
      e.resourceType,
      e.resourceId,
      e.orgUnitId ? (units.get(e.orgUnitId) ?? e.orgUnitId) : '',
      e.ip,
      e.requestId,
      json(e.before),
      json(e.after),
    ].map(escapeSpreadsheetCell);
    // a number, so that the auditor can sum it
    if (e.occurrences !== null) cells.push(e.occurrences);
    sheet.addRow(cells);
  }
  if (total > events.length) {
    sheet.addRow([
      escapeSpreadsheetCell(
        `Đã giới hạn ${events.length.toLocaleString('vi-VN')} trên tổng số ${total.toLocaleString('vi-VN')} sự kiện; hãy thu hẹp bộ lọc.`,
      ),
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  const { hmacKey } = loadAuditConfig();

  app.get(
    '/audit-events',
    {
      schema: {
        tags,
        summary: 'Nhật ký kiểm toán (mới nhất trước)',
        querystring: ZListAuditEventsQuery,
        response: { 200: ZAuditEventList, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', { type: 'audit_event' });
      const { page, pageSize, ...filters } = request.query;
      const result = await listAuditEvents(db, { ...queryOptions(request.actor, filters), page, pageSize });
      return { items: result.items.map(present), total: result.total, page, pageSize };
    },
  );

  app.get(
    '/audit-events.xlsx',
    {
      schema: {
        tags,
        summary: `Tải nhật ký kiểm toán (XLSX, tối đa ${AUDIT_EXPORT_MAX_ROWS} dòng)`,
        querystring: ZAuditEventFilters,
        response: { 200: fileResponse('Tệp XLSX', CONTENT_TYPES.xlsx), ...problemResponses },
      },
    },
    async (request, reply) => {
      authorize(request.actor, 'read', { type: 'audit_event' });
      const { items, total } = await listAuditEvents(db, {
        ...queryOptions(request.actor, request.query),
        page: 1,
        pageSize: AUDIT_EXPORT_MAX_ROWS,
      });
      const unitIds = [...new Set(items.map((e) => e.orgUnitId).filter((x): x is string => x !== null))];
      const body = await buildWorkbook(items, await orgUnitNames(db, unitIds), total);
      return reply
        .header('content-type', CONTENT_TYPES.xlsx)
        .header('content-disposition', `attachment; filename="nhat-ky-kiem-toan-${app.clock.today()}.xlsx"`)
        .send(body);
    },
  );

  app.get(
    '/audit-checkpoints.json',
    {
      schema: {
        tags,
        summary:
          'Tải các điểm kiểm đã ký của chuỗi niêm phong, để lưu ngoài hệ thống và đối chiếu bằng audit:verify',
        response: { 200: z.any().describe('Tệp JSON'), ...problemResponses },
      },
    },
    async (request, reply) => {
      authorize(request.actor, 'read', { type: 'audit_event' });
      // On demand: seal what is waiting and sign the head now, so the file vouches for everything so far.
      try {
        await chainPendingEvents(db, { maxEvents: 20_000 });
        await writeCheckpoint(db, hmacKey, { everyMs: 0 });
      } catch (err) {
        // a chain that no longer matches its checkpoints is not signed; the stored ones still export
        request.log.error({ err }, 'audit checkpoint on export failed');
      }
      const file: CheckpointFile = {
        format: CHECKPOINT_FILE_FORMAT,
        exportedAt: new Date().toISOString(),
        checkpoints: await listCheckpoints(db, CHECKPOINT_EXPORT_MAX),
      };
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="diem-kiem-nhat-ky-${app.clock.today()}.json"`)
        .send(JSON.stringify(file, null, 2));
    },
  );
};
