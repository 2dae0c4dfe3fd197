/**
 * The plan annex against the real routes: Plan 328's export reads back into the same plan; an
 * annex typed the usual ways (Roman groups, merged headings, a), quarters, "Hằng năm", KH&CN,
 * "UBND các xã, phường") becomes the items it says; row errors are named by row and column and
 * block the write; a draft plan takes rows under its groups; only the secretariat imports.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  TAnnexLayout,
  TAnnexRow,
  TPlanImportPreview,
  TPlanImportResult,
} from '../../../common/contracts/plan-import';
import { PLAN_328_ITEMS } from '../../demo/plan-328';
import { seedDemoUnitsAndPlan } from '../../demo/seed';
import { createTestContext, type TestContext } from '../../test/context';
import { buildPlan } from '../../test/factories';
import { type Injector, signInAs } from '../../test/sessions';
import { auditEvents } from '../audit/tables';
import { orgUnits } from '../org-units/tables';
import { planItemChanges, planItemCooperators, planItems } from '../plan-items/tables';
import { plans } from '../plans/tables';
import { annexXlsx, XLSX_TYPE } from './test-helpers';

let ctx: TestContext;
let secretariat: Injector;
let demoPlanId: string;
let unitIds: Map<string, string>;

beforeAll(async () => {
  ctx = await createTestContext();
  ({ planId: demoPlanId, unitIds } = await seedDemoUnitsAndPlan(ctx.db));
  secretariat = (await signInAs(ctx.app, ctx.db, 'secretariat', ctx.rootOrgUnitId)).inject;
}, 120_000);

afterAll(async () => {
  await ctx?.close();
});

const preview = async (file: Buffer, query = '', as: Injector = secretariat) => {
  const res = await as({
    method: 'POST',
    url: `/api/plans/import/preview${query}`,
    headers: { 'content-type': XLSX_TYPE },
    payload: file,
  });
  return { res, body: res.json<TPlanImportPreview>() };
};

const commit = (body: {
  layout: TAnnexLayout;
  rows: TAnnexRow[];
  target: unknown;
  dryRun?: boolean;
  fileName?: string;
}) => secretariat({ method: 'POST', url: '/api/plans/import', payload: body });

const newPlan = (number: string, years: [number, number] = [2025, 2030]) => ({
  kind: 'new',
  plan: {
    number,
    title: 'Kế hoạch nhập từ phụ lục',
    issuingBody: 'UBND tỉnh Nghệ An',
    horizonStartYear: years[0],
    horizonEndYear: years[1],
  },
});

/** A plan's items as the annex carries them, by code. */
async function outline(planId: string) {
  const items = await ctx.db
    .select()
    .from(planItems)
    .where(and(eq(planItems.planId, planId), sql`${planItems.archivedAt} is null`));
  const codeOf = new Map(items.map((i) => [i.id, i.code]));
  const cooperators = await ctx.db
    .select()
    .from(planItemCooperators)
    .where(
      inArray(
        planItemCooperators.itemId,
        items.map((i) => i.id),
      ),
    );
  return new Map(
    items.map((i) => [
      i.code,
      {
        parent: i.parentId ? codeOf.get(i.parentId) : null,
        group: i.kind === 'group',
        title: i.title,
        lead: i.leadOrgUnitId,
        cooperators: cooperators
          .filter((c) => c.itemId === i.id)
          .map((c) => c.orgUnitId)
          .sort(),
        deadline: i.deadline,
        recurrence: i.recurrence,
        product: i.expectedProduct,
      },
    ]),
  );
}

const planCount = async () => (await ctx.db.select({ id: plans.id }).from(plans)).length;
const itemCount = async () => (await ctx.db.select({ id: planItems.id }).from(planItems)).length;

describe('export → import of Plan 328', () => {
  let file: Buffer;

  it('exports the annex: title lines, a frozen header, I / 1. numbering, dates', async () => {
    const res = await secretariat({ method: 'GET', url: `/api/plans/${demoPlanId}/annex.xlsx` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    expect(res.headers['content-disposition']).toBe('attachment; filename="phu-luc-328-KH-TU.xlsx"');
    file = res.rawPayload;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').text).toBe('PHỤ LỤC');
    expect(sheet.getCell('A3').text).toBe(
      '(Kèm theo Kế hoạch số 328-KH/TU ngày 24/04/2025 của Ban Chấp hành Đảng bộ tỉnh Nghệ An)',
    );
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 7 });
    expect((sheet.getRow(7).values as string[]).slice(1)).toEqual([
      'STT',
      'Nhiệm vụ',
      'Cơ quan chủ trì',
      'Cơ quan phối hợp',
      'Thời gian hoàn thành',
      'Sản phẩm',
    ]);
    expect(sheet.getCell('A8').text).toBe('I');
    expect(sheet.getCell('A9').text).toBe('1.');
    expect(sheet.getCell('B9').text).toBe(PLAN_328_ITEMS[1]!.title);
    expect(sheet.getCell('E9').value).toEqual(new Date(`${PLAN_328_ITEMS[1]!.deadline}T00:00:00Z`));
    expect(sheet.getCell('E9').numFmt).toBe('dd/mm/yyyy');
    const yearly = PLAN_328_ITEMS.findIndex((i) => i.recurrence === 'yearly');
    expect(sheet.getCell(`E${8 + yearly}`).text).toBe('Hằng năm');
    const nested = PLAN_328_ITEMS.findIndex((i) => i.code === '3.1.1');
    expect(sheet.getCell(`A${8 + nested}`).text).toBe('1.1');
  });

  it('reads back with no error and no warning, the header filled from the title lines', async () => {
    const { res, body } = await preview(file);
    expect(res.statusCode, res.body).toBe(200);
    expect(body.issues).toEqual([]);
    expect(body.rows.flatMap((r) => r.issues)).toEqual([]);
    expect(body.counts).toEqual({
      rows: PLAN_328_ITEMS.length,
      groups: PLAN_328_ITEMS.filter((i) => i.kind === 'group').length,
      tasks: PLAN_328_ITEMS.filter((i) => i.kind !== 'group').length,
      errors: 0,
      warnings: 0,
    });
    expect(body.canCommit).toBe(true);
    expect(body.hints).toMatchObject({
      number: '328-KH/TU',
      issueDate: '2025-04-24',
      issuingBody: 'Ban Chấp hành Đảng bộ tỉnh Nghệ An',
      horizonStartYear: 2025,
      horizonEndYear: 2030,
    });
    expect(body.hints.title).toMatch(/^Kế hoạch hành động thực hiện Nghị quyết số 57-NQ\/TW/);
  });

  it('writes a plan with the same tree, codes, titles, agencies, deadlines and products', async () => {
    const { body } = await preview(file);
    const before = await planCount();
    const res = await commit({
      layout: body.layout,
      rows: body.rows.map((r) => ({ row: r.row, cells: r.cells })),
      target: newPlan('328-KH/TU-BS'),
      fileName: 'phu-luc-328-KH-TU.xlsx',
    });
    expect(res.statusCode, res.body).toBe(201);
    const result = res.json<TPlanImportResult>();
    expect(await planCount()).toBe(before + 1);
    const original = await outline(demoPlanId);
    const imported = await outline(result.planId);
    expect([...imported.keys()].sort()).toEqual([...original.keys()].sort());
    expect(Object.fromEntries(imported)).toEqual(Object.fromEntries(original));
    // as if created one by one: each item's history entry and audit event
    const ids = (
      await ctx.db.select({ id: planItems.id }).from(planItems).where(eq(planItems.planId, result.planId))
    ).map((r) => r.id);
    const history = await ctx.db.select().from(planItemChanges).where(inArray(planItemChanges.itemId, ids));
    expect(history).toHaveLength(PLAN_328_ITEMS.length);
    const audit = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'plan_item.create'), inArray(auditEvents.resourceId, ids)));
    expect(audit).toHaveLength(PLAN_328_ITEMS.length);
    expect(audit[0]!.after).toMatchObject({
      source: { via: 'annex_import', fileName: 'phu-luc-328-KH-TU.xlsx' },
    });
    const [planEvent] = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'plan.create'), eq(auditEvents.resourceId, result.planId)));
    expect(planEvent).toBeDefined();
  });

  it('writes text that starts like a formula as text, and reads it back as typed', async () => {
    const plan = await buildPlan(ctx.db, { status: 'draft' });
    const item = await secretariat({
      method: 'POST',
      url: `/api/plans/${plan.id}/items`,
      payload: {
        kind: 'task',
        code: '1',
        title: '=HYPERLINK("http://x","bấm")',
        expectedProduct: '+84 báo cáo',
      },
    });
    expect(item.statusCode, item.body).toBe(201);
    const res = await secretariat({
      method: 'GET',
      url: `/api/plans/${plan.id}/annex.xlsx?numbering=outline`,
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const row = workbook.worksheets[0]!.getRow(8);
    expect(row.getCell(2).value).toBe(`'=HYPERLINK("http://x","bấm")`);
    expect(row.getCell(6).value).toBe("'+84 báo cáo");
    const { body } = await preview(res.rawPayload);
    expect(body.rows[0]!.item).toMatchObject({
      title: '=HYPERLINK("http://x","bấm")',
      expectedProduct: '+84 báo cáo',
    });
  });

  it('with the codes as STT (numbering=outline) reads back the same too', async () => {
    const res = await secretariat({
      method: 'GET',
      url: `/api/plans/${demoPlanId}/annex.xlsx?numbering=outline`,
    });
    const { body } = await preview(res.rawPayload);
    expect(body.counts.errors).toBe(0);
    const codes = body.rows.map((r) => r.item!.code);
    expect(codes).toEqual(PLAN_328_ITEMS.map((i) => i.code));
  });
});

const HEADER_LINES = [
  'PHỤ LỤC',
  '(Kèm theo Kế hoạch số 77/KH-UBND ngày 15/01/2026 của UBND tỉnh Nghệ An)',
  '',
];

describe('an annex as people type it', () => {
  it('Roman groups, merged headings, a), quarters, years, "Hằng năm", abbreviations, all communes', async () => {
    const file = await annexXlsx({
      above: HEADER_LINES,
      rows: [
        ['I. PHÁT TRIỂN HẠ TẦNG SỐ'],
        [
          '1',
          'Phủ sóng 5G các khu công nghiệp',
          'Sở KH&CN',
          'Viettel Nghệ An; VNPT Nghệ An',
          'Quý II/2026',
          'Báo cáo',
        ],
        ['2', 'Số hóa hồ sơ', 'Văn phòng UBND tỉnh', 'UBND các xã, phường', '2027', ''],
        [
          'a)',
          'Hồ sơ đất đai',
          'Sở Nông nghiệp và Môi trường',
          'Sở Tài chính, Sở Văn hóa, Thể thao và Du lịch',
          'Hằng năm',
          '',
        ],
        ['b)', 'Hồ sơ hộ tịch', 'Sở Tư pháp', 'Các cơ quan, đơn vị liên quan', 'Thường xuyên', ''],
        ['II', 'NGUỒN NHÂN LỰC'],
        ['1.', 'Đào tạo cán bộ', 'sở nội vụ', '', new Date(Date.UTC(2026, 11, 31)), 'Kế hoạch đào tạo'],
      ],
      merge: ['A5:F5', 'B10:F10'],
    });
    const { res, body } = await preview(file);
    expect(res.statusCode, res.body).toBe(200);
    expect(body.hints).toMatchObject({
      number: '77/KH-UBND',
      issueDate: '2026-01-15',
      issuingBody: 'UBND tỉnh Nghệ An',
    });
    const items = body.rows.map((r) => r.item!);
    expect(items.map((i) => [i.code, i.kind, i.parentCode])).toEqual([
      ['1', 'group', null],
      ['1.1', 'task', '1'],
      ['1.2', 'group', '1'],
      ['1.2.1', 'task', '1.2'],
      ['1.2.2', 'task', '1.2'],
      ['2', 'group', null],
      ['2.1', 'task', '2'],
    ]);
    expect(items[0]!.title).toBe('PHÁT TRIỂN HẠ TẦNG SỐ');
    expect(items[1]).toMatchObject({
      lead: { code: '40.SKHCN' },
      cooperators: [{ code: '40.VIETTEL' }, { code: '40.VNPT' }],
      deadline: '2026-06-30',
      expectedProduct: 'Báo cáo',
    });
    const communes = await ctx.db
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(inArray(orgUnits.kind, ['commune', 'ward']));
    // every commune and ward, counted in the preview, each written as a co-operator
    expect(items[2]!.cooperators).toEqual([]);
    expect(items[2]!.cooperatorGroups).toEqual([{ label: 'UBND các xã, phường', count: communes.length }]);
    expect(items[2]!.deadline).toBe('2027-12-31');
    expect(items[3]!.cooperators.map((u) => u.code)).toEqual(['40.STC', '40.SVHTTDL']);
    // no horizon in the file: the years of its deadlines
    expect(items[3]).toMatchObject({ recurrence: 'yearly', deadline: '2027-12-31' });
    expect(items[4]).toMatchObject({ recurrence: 'none', deadline: '2027-12-31', cooperators: [] });
    expect(items[6]).toMatchObject({ lead: { code: '40.SNV' }, deadline: '2026-12-31' });
    expect(body.counts).toMatchObject({ errors: 0, warnings: 1 });
    expect(body.rows[4]!.issues[0]).toMatchObject({ code: 'vague_agency', cell: 'D9', severity: 'warning' });
    const res2 = await commit({
      layout: body.layout,
      rows: body.rows.map((r) => ({ row: r.row, cells: r.cells })),
      target: newPlan('77/KH-UBND', [2026, 2027]),
    });
    expect(res2.statusCode, res2.body).toBe(201);
    const written = await outline(res2.json<TPlanImportResult>().planId);
    expect(written.get('1.2')!.cooperators.sort()).toEqual(communes.map((c) => c.id).sort());
    expect(written.get('1.2.1')!.cooperators.sort()).toEqual(
      [unitIds.get('40.STC'), unitIds.get('40.SVHTTDL')].sort(),
    );
    // and the export writes them back as the one phrase, the yearly task as "Hằng năm"
    const exported = await secretariat({
      method: 'GET',
      url: `/api/plans/${res2.json<TPlanImportResult>().planId}/annex.xlsx`,
    });
    const again = (await preview(exported.rawPayload)).body;
    expect(again.rows[2]!.cells.cooperators).toBe('UBND các xã, phường');
    expect(again.rows[3]!.cells.deadline).toBe('Hằng năm');
  });
});

describe('row errors', () => {
  const badFile = () =>
    annexXlsx({
      rows: [
        ['I', 'NHÓM'],
        ['1', '', 'Sở Tài chính', '', '2026', ''],
        ['2', 'Việc có cơ quan lạ', 'Sở Tài chánh', 'Sở Ngoại giao', '2026', ''],
        ['3', 'Việc có hạn lạ', 'Sở Tài chính', '', 'sớm nhất có thể', ''],
        ['3', 'Việc trùng số', 'Sở Tài chính', '', '2026', ''],
        ['x', 'Việc không số', 'Sở Tài chính', '', '2026', ''],
        ['4', 'Hai cơ quan chủ trì', 'Sở Tài chính; Sở Nội vụ', '', '2026', ''],
      ],
    });

  it('each is named by its row and column, in Vietnamese', async () => {
    const { body } = await preview(await badFile());
    const errors = body.rows.flatMap((r) => r.issues.filter((i) => i.severity === 'error'));
    expect(errors.map((e) => [e.code, e.cell])).toEqual([
      ['missing_title', 'B3'],
      ['unknown_agency', 'C4'],
      ['unknown_agency', 'D4'],
      ['bad_deadline', 'E5'],
      ['duplicate_code', 'A6'],
      ['bad_numbering', 'A7'],
      ['several_leads', 'C8'],
    ]);
    expect(errors[0]!.message).toBe('Dòng 3, cột B (Nhiệm vụ): chưa có tên nhiệm vụ.');
    expect(errors[1]!.message).toBe(
      'Dòng 4, cột C (Cơ quan chủ trì): không tìm thấy cơ quan “Sở Tài chánh” trong danh mục đơn vị. Có phải “Sở Tài chính”?',
    );
    expect(errors[3]!.message).toContain(
      'Dòng 5, cột E (Thời gian hoàn thành): không hiểu thời gian “sớm nhất có thể”',
    );
    expect(errors[4]!.message).toContain('trùng với dòng 5');
    expect(body.canCommit).toBe(false);
    expect(body.counts.errors).toBe(7);
  });

  it('block the write: 422 with the same findings, nothing written', async () => {
    const { body } = await preview(await badFile());
    const [plansBefore, itemsBefore] = [await planCount(), await itemCount()];
    const res = await commit({
      layout: body.layout,
      rows: body.rows.map((r) => ({ row: r.row, cells: r.cells })),
      target: newPlan('KH-LOI-1'),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json<TPlanImportPreview>().counts.errors).toBe(7);
    expect([await planCount(), await itemCount()]).toEqual([plansBefore, itemsBefore]);
  });

  it('corrected in the preview and sent back, they are written', async () => {
    const { body } = await preview(await badFile());
    const fixed = body.rows.map((r) => ({ row: r.row, cells: { ...r.cells } }));
    fixed[1]!.cells.title = 'Việc đã có tên';
    fixed[2]!.cells.lead = 'Sở Tài chính';
    fixed[2]!.cells.cooperators = '';
    fixed[3]!.cells.deadline = 'Quý IV/2026';
    fixed[4]!.cells.stt = '5';
    fixed[5]!.cells.stt = '6';
    fixed[6]!.cells.lead = 'Sở Tài chính';
    fixed[6]!.cells.cooperators = 'Sở Nội vụ';
    const dry = await commit({
      layout: body.layout,
      rows: fixed,
      target: newPlan('KH-SUA-1', [2026, 2026]),
      dryRun: true,
    });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json<TPlanImportPreview>().counts).toMatchObject({ errors: 0, groups: 1, tasks: 6 });
    const res = await commit({ layout: body.layout, rows: fixed, target: newPlan('KH-SUA-1', [2026, 2026]) });
    expect(res.statusCode, res.body).toBe(201);
    const items = await outline(res.json<TPlanImportResult>().planId);
    expect(items.get('1.4')).toMatchObject({
      lead: unitIds.get('40.STC'),
      cooperators: [unitIds.get('40.SNV')],
      deadline: '2026-12-31',
    });
  });

  it('a plan number already used is named before anything is written', async () => {
    const { body } = await preview(
      await annexXlsx({ rows: [['1', 'Việc', 'Sở Tài chính', '', '2026', '']] }),
    );
    const res = await commit({
      layout: body.layout,
      rows: body.rows.map((r) => ({ row: r.row, cells: r.cells })),
      target: newPlan('328-KH/TU'),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json<TPlanImportPreview>().issues[0]).toMatchObject({
      code: 'plan_number_taken',
      message: 'Số hiệu kế hoạch “328-KH/TU” đã được dùng: hãy đặt số hiệu khác.',
    });
  });
});

describe('into a draft plan', () => {
  it('adds rows under its groups, refuses codes it has, and refuses a plan that is not a draft', async () => {
    const draft = await buildPlan(ctx.db, { status: 'draft', horizonStartYear: 2026, horizonEndYear: 2028 });
    const created = await secretariat({
      method: 'POST',
      url: `/api/plans/${draft.id}/items`,
      payload: { kind: 'group', code: '2', title: 'Nhóm có sẵn' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const file = await annexXlsx({
      rows: [
        ['2.1', 'Việc dưới nhóm có sẵn', 'Sở Tài chính', '', 'Hằng năm', ''],
        ['2', 'Trùng nhóm có sẵn', '', '', '', ''],
        ['5.1', 'Không có mục cha', 'Sở Tài chính', '', '2027', ''],
      ],
    });
    const { res: read, body } = await preview(file, `?planId=${draft.id}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(body.rows.flatMap((r) => r.issues.map((i) => [i.code, i.cell]))).toEqual([
      ['code_exists', 'A3'],
      ['missing_parent', 'A4'],
    ]);
    const rows = body.rows.filter((r) => r.row === 2).map((r) => ({ row: r.row, cells: r.cells }));
    const res = await commit({ layout: body.layout, rows, target: { kind: 'existing', planId: draft.id } });
    expect(res.statusCode, res.body).toBe(201);
    const items = await outline(draft.id);
    // "Hằng năm" runs to the end of this plan's years
    expect(items.get('2.1')).toMatchObject({ parent: '2', recurrence: 'yearly', deadline: '2028-12-31' });

    const active = await buildPlan(ctx.db, { status: 'active' });
    const refused = await commit({
      layout: body.layout,
      rows,
      target: { kind: 'existing', planId: active.id },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toContain('dự thảo');
    expect((await preview(file, `?planId=${active.id}`)).res.statusCode).toBe(422);
  });
});

describe('who may', () => {
  it('only the secretariat and administrators import; an officer exports only what it sees', async () => {
    const file = await annexXlsx({ rows: [['1', 'Việc', 'Sở Tài chính', '', '2026', '']] });
    const ward = unitIds.get('16690')!;
    const officer = (await signInAs(ctx.app, ctx.db, 'officer', ward)).inject;
    expect((await preview(file, '', officer)).res.statusCode).toBe(403);
    const steering = (await signInAs(ctx.app, ctx.db, 'steering', ctx.rootOrgUnitId)).inject;
    expect((await preview(file, '', steering)).res.statusCode).toBe(403);
    const anonymous = await ctx.app.inject({
      method: 'POST',
      url: '/api/plans/import/preview',
      headers: { 'content-type': XLSX_TYPE },
      payload: file,
    });
    expect(anonymous.statusCode).toBe(401);

    const exported = await officer({ method: 'GET', url: `/api/plans/${demoPlanId}/annex.xlsx` });
    expect(exported.statusCode).toBe(200);
    const { body } = await preview(exported.rawPayload);
    const tasks = body.rows.filter((r) => r.item!.kind !== 'group').map((r) => r.item!.code);
    const own = PLAN_328_ITEMS.filter(
      (i) => i.kind !== 'group' && (i.leadCode === '16690' || i.cooperatorCodes.includes('16690')),
    ).map((i) => i.code);
    expect(tasks).toEqual(own);
  });
});
