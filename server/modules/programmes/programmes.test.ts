/**
 * Programmes, support policies and budget lines through the API: create, edit, archive; field
 * errors naming the field; an officer reading only his unit's records and changing none; audit
 * events in the same transaction; search ignoring diacritics; the Excel template, the preview's
 * row errors and the all-or-nothing import; and what the public portal may read.
 */
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  TBudgetLine,
  TCatalogueImportPreview,
  TPolicy,
  TProgramme,
} from '../../../common/contracts/programmes';
import { createTestContext, type TestContext } from '../../test/context';
import { buildItem, buildOrgUnit, buildPlan } from '../../test/factories';
import { type Injector, signInAs } from '../../test/sessions';
import { auditEvents } from '../audit/tables';
import { listPublicCatalogue } from './public-read';
import { budgetLines, programmes } from './tables';

let ctx: TestContext;
let secretariat: Injector;
let officer: Injector;
let unitA: { id: string; code: string };
let unitB: { id: string; code: string };
let task: { id: string; code: string };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Trang 1');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const upload = (inject: Injector, url: string, payload: Buffer) =>
  inject({ method: 'POST', url, headers: { 'content-type': XLSX }, payload });

const newProgramme = (overrides: Record<string, unknown> = {}) => ({
  code: 'CT-CDS-01',
  name: 'Chương trình chuyển đổi số tỉnh Nghệ An',
  legalBasis: { number: '57-NQ/TW', date: '2024-12-22', issuer: 'Bộ Chính trị' },
  ownerOrgUnitId: unitA.id,
  planItemIds: [task.id],
  fromYear: 2025,
  toYear: 2030,
  status: 'ongoing',
  isPublic: true,
  ...overrides,
});

beforeAll(async () => {
  ctx = await createTestContext();
  unitA = await buildOrgUnit(ctx.db, {
    code: 'SKHCN',
    name: 'Sở Khoa học và Công nghệ',
    parentId: ctx.rootOrgUnitId,
  });
  unitB = await buildOrgUnit(ctx.db, { code: 'STC', name: 'Sở Tài chính', parentId: ctx.rootOrgUnitId });
  const plan = await buildPlan(ctx.db);
  task = await buildItem(ctx.db, { planId: plan.id, code: '3.1', leadOrgUnitId: unitB.id });
  secretariat = (await signInAs(ctx.app, ctx.db, 'secretariat', ctx.rootOrgUnitId)).inject;
  officer = (await signInAs(ctx.app, ctx.db, 'officer', unitA.id)).inject;
});

afterAll(async () => {
  await ctx?.close();
});

describe('programmes', () => {
  let programme: TProgramme;

  it('creates a programme with its legal basis and linked task, and audits it', async () => {
    const res = await secretariat({ method: 'POST', url: '/api/programmes', payload: newProgramme() });
    expect(res.statusCode, res.body).toBe(201);
    programme = res.json<TProgramme>();
    expect(programme).toMatchObject({
      code: 'CT-CDS-01',
      legalBasis: { number: '57-NQ/TW', date: '2024-12-22', issuer: 'Bộ Chính trị' },
      ownerOrgUnit: { code: 'SKHCN' },
      planItems: [{ code: '3.1' }],
      version: 1,
    });
    const events = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'programme.create'), eq(auditEvents.resourceId, programme.id)));
    expect(events).toHaveLength(1);
    expect(events[0]!.after).toMatchObject({ code: 'CT-CDS-01', planItemIds: [task.id] });
  });

  it('names the field of a bad or duplicate input', async () => {
    const bad = await secretariat({
      method: 'POST',
      url: '/api/programmes',
      payload: newProgramme({ code: 'CT 2', fromYear: 2031, toYear: 2030 }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain('code');
    const years = await secretariat({
      method: 'POST',
      url: '/api/programmes',
      payload: newProgramme({ code: 'CT-2', fromYear: 2031, toYear: 2030 }),
    });
    expect(years.statusCode).toBe(400);
    expect(years.json().errors[0]).toMatchObject({ field: 'toYear' });
    const dup = await secretariat({ method: 'POST', url: '/api/programmes', payload: newProgramme() });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0]).toMatchObject({ field: 'code' });
  });

  it('edits with the version read, and refuses a stale one', async () => {
    const ok = await secretariat({
      method: 'PATCH',
      url: `/api/programmes/${programme.id}`,
      payload: { version: 1, name: 'Chương trình Chuyển đổi số Nghệ An 2025–2030', planItemIds: [] },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, planItems: [] });
    const stale = await secretariat({
      method: 'PATCH',
      url: `/api/programmes/${programme.id}`,
      payload: { version: 1, name: 'Khác' },
    });
    expect(stale.statusCode).toBe(409);
    programme = ok.json();
  });

  it('finds a programme without diacritics', async () => {
    const res = await secretariat({ method: 'GET', url: '/api/programmes?q=chuyen%20doi%20so' });
    expect(res.json().items.map((p: TProgramme) => p.code)).toEqual(['CT-CDS-01']);
    const none = await secretariat({ method: 'GET', url: '/api/programmes?q=nong%20nghiep' });
    expect(none.json().total).toBe(0);
  });

  it('lets an officer read his unit’s programmes, not change them, and hides other units’', async () => {
    const other = await secretariat({
      method: 'POST',
      url: '/api/programmes',
      payload: newProgramme({ code: 'CT-TC-01', name: 'Đề án tài chính số', ownerOrgUnitId: unitB.id }),
    });
    expect(other.statusCode).toBe(201);
    const list = await officer({ method: 'GET', url: '/api/programmes' });
    expect(list.json().items.map((p: TProgramme) => p.code)).toEqual(['CT-CDS-01']);
    expect((await officer({ method: 'GET', url: `/api/programmes/${programme.id}` })).statusCode).toBe(200);
    expect((await officer({ method: 'GET', url: `/api/programmes/${other.json().id}` })).statusCode).toBe(
      404,
    );
    const edit = await officer({
      method: 'PATCH',
      url: `/api/programmes/${programme.id}`,
      payload: { version: programme.version, name: 'Sửa trái phép' },
    });
    expect(edit.statusCode).toBe(403);
    const create = await officer({
      method: 'POST',
      url: '/api/programmes',
      payload: newProgramme({ code: 'CT-X' }),
    });
    expect(create.statusCode).toBe(403);
  });
});

describe('support policies', () => {
  let policy: TPolicy;
  const newPolicy = (overrides: Record<string, unknown> = {}) => ({
    name: 'Hỗ trợ doanh nghiệp đổi mới công nghệ',
    eligibility: 'Doanh nghiệp nhỏ và vừa có trụ sở trên địa bàn tỉnh',
    supportLevel: 'Hỗ trợ 50% chi phí chuyển giao công nghệ',
    maxAmount: 500_000_000,
    maxPercent: 50,
    deadline: null,
    contact: {
      office: 'Phòng Quản lý công nghệ, Sở KH&CN',
      phone: '0238 3844 500',
      email: 'qlcn@nghean.gov.vn',
    },
    ownerOrgUnitId: unitA.id,
    isPublic: true,
    ...overrides,
  });

  it('creates a policy open all year, with an office contact', async () => {
    const res = await secretariat({ method: 'POST', url: '/api/support-policies', payload: newPolicy() });
    expect(res.statusCode, res.body).toBe(201);
    policy = res.json();
    expect(policy).toMatchObject({ deadline: null, maxAmount: 500_000_000, status: 'active' });
  });

  it('names the field of a bad contact or a missing eligibility', async () => {
    const res = await secretariat({
      method: 'POST',
      url: '/api/support-policies',
      payload: newPolicy({ name: 'Khác', eligibility: '  ', contact: { email: 'khong-phai-thu' } }),
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['eligibility', 'contact.email']));
  });

  it('finds policies by words typed without diacritics', async () => {
    const res = await secretariat({ method: 'GET', url: '/api/support-policies?q=doi%20moi%20cong%20nghe' });
    expect(res.json().items.map((p: TPolicy) => p.id)).toEqual([policy.id]);
  });

  it('archives and restores a policy, each audited', async () => {
    const archived = await secretariat({
      method: 'POST',
      url: `/api/support-policies/${policy.id}/archive`,
      payload: { version: policy.version },
    });
    expect(archived.json()).toMatchObject({ archived: true });
    const restored = await secretariat({
      method: 'POST',
      url: `/api/support-policies/${policy.id}/restore`,
      payload: { version: archived.json().version },
    });
    expect(restored.json()).toMatchObject({ archived: false });
    const actions = await ctx.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.resourceId, policy.id));
    expect(actions.map((a) => a.action).sort()).toEqual([
      'support_policy.archive',
      'support_policy.create',
      'support_policy.restore',
    ]);
  });
});

describe('budget lines', () => {
  let programmeId: string;

  beforeAll(async () => {
    const [row] = await ctx.db.select().from(programmes).where(eq(programmes.code, 'CT-CDS-01'));
    programmeId = row!.id;
  });

  it('adds lines, warns of disbursement above allocation, refuses a duplicate year and source', async () => {
    const add = (payload: Record<string, unknown>) =>
      secretariat({ method: 'POST', url: '/api/budget-lines', payload: { programmeId, ...payload } });
    const first = await add({
      year: 2025,
      source: 'provincial',
      allocated: 2_000_000_000,
      disbursed: 2_500_000_000,
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json<TBudgetLine>()).toMatchObject({ overDisbursed: true });
    expect((await add({ year: 2026, source: 'central', allocated: 5_000_000_000 })).statusCode).toBe(201);
    const dup = await add({ year: 2025, source: 'provincial', allocated: 1 });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0]).toMatchObject({ field: 'source' });
    const none = await secretariat({
      method: 'POST',
      url: '/api/budget-lines',
      payload: { year: 2025, source: 'oda', allocated: 1 },
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0]).toMatchObject({ field: 'programmeId' });
    const negative = await add({ year: 2025, source: 'oda', allocated: -5 });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().errors[0].field).toBe('allocated');
  });

  it('totals the lines by year and by source', async () => {
    const res = await secretariat({ method: 'GET', url: `/api/budget-lines?programmeId=${programmeId}` });
    expect(res.json().totals).toMatchObject({
      allocated: 7_000_000_000,
      disbursed: 2_500_000_000,
      byYear: [
        { year: 2025, allocated: 2_000_000_000 },
        { year: 2026, allocated: 5_000_000_000 },
      ],
    });
  });

  it('deletes a line with its version, audited', async () => {
    const line = (await secretariat({ method: 'GET', url: `/api/budget-lines?year=2026` })).json().items[0];
    const res = await secretariat({
      method: 'DELETE',
      url: `/api/budget-lines/${line.id}?version=${line.version}`,
    });
    expect(res.statusCode).toBe(204);
    const events = await ctx.db.select().from(auditEvents).where(eq(auditEvents.resourceId, line.id));
    expect(events.map((e) => e.action).sort()).toEqual(['budget_line.create', 'budget_line.delete']);
  });
});

describe('Excel', () => {
  it('offers a template with the Vietnamese headers and drop-down lists', async () => {
    const res = await secretariat({
      method: 'GET',
      url: '/api/programme-catalogue/template.xlsx?kind=budgetLines',
    });
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toContain('Nguồn vốn *');
    expect(sheet.getCell('D2').dataValidation).toMatchObject({ type: 'list' });
    expect(String(sheet.getCell('D2').dataValidation.formulae?.[0])).toContain('Ngân sách tỉnh');
  });

  const header = [
    'Mã chương trình',
    'Mã nhiệm vụ',
    'Năm',
    'Nguồn vốn',
    'Kinh phí được giao (đồng)',
    'Đã giải ngân (đồng)',
  ];

  it('previews row errors naming the row and column, and imports nothing while any remains', async () => {
    const file = await xlsx([
      header,
      ['CT-CDS-01', '', 2027, 'Ngân sách tỉnh', '1.000.000.000', '200.000.000'],
      ['CT-KHONG-CO', '', 2027, 'ODA', '5', ''],
      ['', '3.1', 'năm sau', 'Vốn vay', 'mười', ''],
    ]);
    const preview = await upload(
      secretariat,
      '/api/programme-catalogue/import/preview?kind=budgetLines',
      file,
    );
    expect(preview.statusCode, preview.body).toBe(200);
    const body = preview.json<TCatalogueImportPreview>();
    expect(body.ok).toBe(false);
    const messages = body.issues.map((i) => i.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'Trang “Dòng ngân sách”, dòng 3, cột “Mã chương trình”: không có chương trình mã “CT-KHONG-CO”.',
        expect.stringMatching(/^Trang “Dòng ngân sách”, dòng 4, cột “Năm”: /),
        expect.stringMatching(/^Trang “Dòng ngân sách”, dòng 4, cột “Nguồn vốn”: /),
        expect.stringMatching(/^Trang “Dòng ngân sách”, dòng 4, cột “Kinh phí được giao \(đồng\)”: /),
      ]),
    );
    const before = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(budgetLines);
    const imported = await upload(secretariat, '/api/programme-catalogue/import?kind=budgetLines', file);
    expect(imported.statusCode).toBe(422);
    const after = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(budgetLines);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('imports every row of a clean file in one go, updating a line that exists', async () => {
    const file = await xlsx([
      header,
      ['CT-CDS-01', '', 2025, 'Ngân sách tỉnh', '2.000.000.000', '1.800.000.000'],
      ['CT-CDS-01', '3.1', 2027, 'xã hội hóa', 300000000, 0],
      ['', '3.1', 2026, 'PPP', '4.000.000.000', ''],
    ]);
    const res = await upload(secretariat, '/api/programme-catalogue/import?kind=budgetLines', file);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().counts.budgetLines).toEqual({ create: 2, update: 1 });
    const [updated] = await ctx.db
      .select()
      .from(budgetLines)
      .where(and(eq(budgetLines.year, 2025), eq(budgetLines.source, 'provincial')));
    expect(updated).toMatchObject({ disbursed: 1_800_000_000, version: 2 });
  });

  it('reads a sheet without its optional columns, and names a missing required one', async () => {
    const itemsOnly = await xlsx([
      ['Mã nhiệm vụ', 'Năm', 'Nguồn vốn', 'Kinh phí được giao (đồng)'],
      ['3.1', 2028, 'ODA', '1.000'],
    ]);
    const ok = await upload(
      secretariat,
      '/api/programme-catalogue/import/preview?kind=budgetLines',
      itemsOnly,
    );
    expect(ok.json()).toMatchObject({ ok: true, counts: { budgetLines: { create: 1, update: 0 } } });
    const missing = await xlsx([
      ['Mã nhiệm vụ', 'Năm', 'Kinh phí được giao (đồng)'],
      ['3.1', 2028, '1.000'],
    ]);
    const res = await upload(
      secretariat,
      '/api/programme-catalogue/import/preview?kind=budgetLines',
      missing,
    );
    expect(res.json().issues[0].message).toBe(
      'Trang “Dòng ngân sách”, cột “Nguồn vốn”: thiếu cột bắt buộc này.',
    );
  });

  it('refuses a file that is not an Excel workbook, writing nothing', async () => {
    const res = await upload(
      secretariat,
      '/api/programme-catalogue/import?kind=programmes',
      Buffer.from('Mã chương trình;Tên\nCT-1;Thử\n'),
    );
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('unsupported_file');
  });

  it('refuses an officer’s import', async () => {
    const file = await xlsx([header]);
    const res = await upload(officer, '/api/programme-catalogue/import?kind=budgetLines', file);
    expect(res.statusCode).toBe(403);
  });

  it('imports policies: "Thường xuyên" as no deadline, a bad date named by row', async () => {
    const head = ['Tên chính sách', 'Đối tượng được hỗ trợ', 'Mức hỗ trợ', 'Thời hạn nộp hồ sơ', 'Công khai'];
    const bad = await xlsx([
      head,
      ['Hỗ trợ sở hữu trí tuệ', 'Tổ chức, cá nhân', '30 triệu đồng', '31/02/2027', 'Có'],
    ]);
    const preview = (
      await upload(secretariat, '/api/programme-catalogue/import/preview?kind=policies', bad)
    ).json();
    expect(preview.issues[0].message).toBe(
      'Trang “Chính sách hỗ trợ”, dòng 2, cột “Thời hạn nộp hồ sơ”: Thời hạn nộp hồ sơ ngày 31/02/2027 không có trên lịch.',
    );
    const good = await xlsx([
      head,
      ['Hỗ trợ sở hữu trí tuệ', 'Tổ chức, cá nhân', '30 triệu đồng', 'Thường xuyên', 'Có'],
    ]);
    const res = await upload(secretariat, '/api/programme-catalogue/import?kind=policies', good);
    expect(res.statusCode, res.body).toBe(201);
    const list = await secretariat({ method: 'GET', url: '/api/support-policies?q=so%20huu%20tri%20tue' });
    expect(list.json().items[0]).toMatchObject({ deadline: null, isPublic: true });
  });

  it('exports a list in the template’s columns', async () => {
    const res = await secretariat({
      method: 'GET',
      url: '/api/programme-catalogue/export.xlsx?kind=programmes',
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('Mã chương trình *');
    expect(sheet.getCell('A2').value).toBe('CT-CDS-01');
  });
});

describe('what the public portal reads', () => {
  it('lists only public records, and none of their internal fields', async () => {
    // a private programme with a public line, and a private line of the public programme
    const hidden = await secretariat({
      method: 'POST',
      url: '/api/programmes',
      payload: newProgramme({ code: 'CT-NOIBO', name: 'Đề án nội bộ', isPublic: false }),
    });
    await secretariat({
      method: 'POST',
      url: '/api/budget-lines',
      payload: { programmeId: hidden.json().id, year: 2026, source: 'oda', allocated: 9, isPublic: true },
    });
    await secretariat({
      method: 'POST',
      url: '/api/support-policies',
      payload: {
        name: 'Chính sách dự thảo',
        eligibility: 'Chưa công bố',
        supportLevel: 'Chưa công bố',
        isPublic: false,
      },
    });
    const [publicProgramme] = await ctx.db.select().from(programmes).where(eq(programmes.code, 'CT-CDS-01'));
    await secretariat({
      method: 'POST',
      url: '/api/budget-lines',
      payload: {
        programmeId: publicProgramme!.id,
        year: 2028,
        source: 'oda',
        allocated: 7,
        note: 'Ghi chú nội bộ: anh Nguyễn Văn A theo dõi',
        isPublic: false,
      },
    });
    await ctx.db.update(budgetLines).set({ isPublic: true }).where(eq(budgetLines.year, 2025));

    const catalogue = await listPublicCatalogue(ctx.db);
    expect(catalogue.programmes.map((p) => p.code)).toEqual(['CT-CDS-01', 'CT-TC-01']);
    expect(catalogue.policies.map((p) => p.name)).not.toContain('Chính sách dự thảo');
    expect(catalogue.budgetLines.map((l) => [l.year, l.source])).toEqual([[2025, 'provincial']]);
    const text = JSON.stringify(catalogue);
    for (const internal of ['isPublic', 'note', 'version', 'archived', 'Nguyễn Văn A', 'CT-NOIBO', 'actor']) {
      expect(text).not.toContain(internal);
    }
  });

  it('drops an archived programme and unlinks its policies', async () => {
    const [row] = await ctx.db.select().from(programmes).where(eq(programmes.code, 'CT-TC-01'));
    await ctx.db.update(programmes).set({ archivedAt: new Date() }).where(eq(programmes.id, row!.id));
    const catalogue = await listPublicCatalogue(ctx.db);
    expect(catalogue.programmes.map((p) => p.code)).toEqual(['CT-CDS-01']);
  });
});
