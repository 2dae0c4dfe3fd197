import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDocument, TDocumentList } from '../../../common/contracts/documents';
import type { TReport } from '../../../common/contracts/reports';
import type { TRound, TRoundReport } from '../../../common/contracts/rounds';
import type { TProblem } from '../../../common/problem';
import { rowsOf } from '../../db/sql';
import { createTestContext, type TestContext } from '../../test/context';
import { buildIndicator, buildItem, buildOrgUnit, buildPlan } from '../../test/factories';
import { type Injector, signInAs } from '../../test/sessions';
import { indicatorPlanItems } from '../indicators/tables';
import { type ParagraphInfo, paragraphsOf, unzipEntries } from './read-docx';

let ctx: TestContext;
let unitA: { id: string; code: string };
let unitB: { id: string; code: string };
let round: TRound;
let secretariat: Injector;
let officerA: Injector;
let headA: Injector;
let officerB: Injector;
let steering: Injector;
let indicator: { id: string; code: string; name: string };

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const ACCEPTED_TEXT = 'Đã lắp đặt 12 điểm wifi công cộng';
const DRAFT_TEXT = 'NỘI DUNG NHÁP CHƯA GỬI';
const FORMULA_TEXT = '=1+2 (đã số hóa 40% hồ sơ)';

const act = (inject: Injector, reportId: string, action: string, version: number) =>
  inject({ method: 'POST', url: `/api/reports/${reportId}/${action}`, payload: { version } });

beforeAll(async () => {
  ctx = await createTestContext();
  unitA = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId, name: 'Xã Hưng Lộc' });
  unitB = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId, name: 'Xã Nghi Phú' });
  const plan = await buildPlan(ctx.db, { number: '328-KH/TU' });
  const groupOne = await buildItem(ctx.db, {
    planId: plan.id,
    code: '1',
    kind: 'group',
    title: 'Hạ tầng số',
  });
  const groupTwo = await buildItem(ctx.db, {
    planId: plan.id,
    code: '2',
    kind: 'group',
    title: 'Chuyển đổi số',
  });
  const wifi = await buildItem(ctx.db, {
    planId: plan.id,
    parentId: groupOne.id,
    code: '1.1',
    title: 'Phủ sóng wifi công cộng',
    leadOrgUnitId: unitA.id,
    deadline: '2026-12-31',
  });
  await buildItem(ctx.db, {
    planId: plan.id,
    parentId: groupTwo.id,
    code: '2.1',
    title: 'Số hóa hồ sơ',
    leadOrgUnitId: unitA.id,
    deadline: '2026-06-30',
  });
  await buildItem(ctx.db, { planId: plan.id, parentId: groupOne.id, code: '1.2', leadOrgUnitId: unitB.id });
  indicator = await buildIndicator(ctx.db, {
    reportedBy: ['commune'],
    frequency: 'month',
    name: 'Số điểm wifi công cộng',
    targets: { '2026': 100 },
  });
  await ctx.db.insert(indicatorPlanItems).values({ indicatorId: indicator.id, planItemId: wifi.id });
  secretariat = (await signInAs(ctx.app, ctx.db, 'secretariat', ctx.rootOrgUnitId)).inject;
  steering = (await signInAs(ctx.app, ctx.db, 'steering', ctx.rootOrgUnitId)).inject;
  officerA = (await signInAs(ctx.app, ctx.db, 'officer', unitA.id)).inject;
  headA = (await signInAs(ctx.app, ctx.db, 'head', unitA.id)).inject;
  officerB = (await signInAs(ctx.app, ctx.db, 'officer', unitB.id)).inject;

  round = (
    await secretariat({ method: 'POST', url: '/api/rounds', payload: { planId: plan.id, period: '2026M10' } })
  ).json<TRound>();
  const rows = (await secretariat({ method: 'GET', url: `/api/rounds/${round.id}/reports` })).json<{
    items: TRoundReport[];
  }>().items;
  const reportOf = async (inject: Injector, unitId: string) =>
    (
      await inject({
        method: 'GET',
        url: `/api/reports/${rows.find((r) => r.orgUnit.id === unitId)!.reportId}`,
      })
    ).json<TReport>();
  // unit A: filled in, sent, approved by its head, accepted by the secretariat
  let a = await reportOf(officerA, unitA.id);
  const saved = await officerA({
    method: 'PATCH',
    url: `/api/reports/${a.id}`,
    payload: {
      version: a.version,
      general: {
        summary: 'Xã triển khai đồng bộ các nhiệm vụ',
        obstacles: 'Thiếu kinh phí duy trì đường truyền',
        proposals: '=HYPERLINK("http://x") đề nghị hỗ trợ kinh phí',
      },
      items: a.items.map((item) => ({
        planItemId: item.planItem.id,
        progress: item.planItem.code === '1.1' ? 60 : 30,
        results: item.planItem.code === '1.1' ? ACCEPTED_TEXT : FORMULA_TEXT,
      })),
    },
  });
  expect(saved.statusCode, saved.body).toBe(200);
  const value = await officerA({
    method: 'POST',
    url: '/api/data-values',
    payload: {
      values: [{ indicatorCode: indicator.code, orgUnitCode: unitA.code, period: '2026M10', value: 12 }],
    },
  });
  expect(value.statusCode, value.body).toBe(200);
  a = saved.json<TReport>();
  a = (await act(officerA, a.id, 'submit', a.version)).json<TReport>();
  a = (await act(headA, a.id, 'approve', a.version)).json<TReport>();
  const accepted = await act(secretariat, a.id, 'accept', a.version);
  expect(accepted.json<TReport>().status, accepted.body).toBe('accepted');
  // unit B: a draft that must appear nowhere
  const b = await reportOf(officerB, unitB.id);
  const draft = await officerB({
    method: 'PATCH',
    url: `/api/reports/${b.id}`,
    payload: {
      version: b.version,
      general: { summary: DRAFT_TEXT, obstacles: DRAFT_TEXT },
      items: b.items.map((item) => ({ planItemId: item.planItem.id, results: DRAFT_TEXT })),
    },
  });
  expect(draft.statusCode, draft.body).toBe(200);
});

afterAll(async () => {
  await ctx?.close();
});

const bodyOf = (res: { rawPayload: Buffer }) => res.rawPayload;
const docXml = (docx: Buffer) => unzipEntries(docx).get('word/document.xml')!.toString('utf8');
const find = (paragraphs: ParagraphInfo[], text: string) => {
  const found = paragraphs.find((p) => p.text === text);
  expect(found, `a paragraph "${text}"`).toBeDefined();
  return found!;
};

describe('the province report of a round', () => {
  let doc: TDocument;

  it('is generated from accepted reports only', async () => {
    const res = await secretariat({ method: 'POST', url: '/api/documents', payload: { roundId: round.id } });
    expect(res.statusCode, res.body).toBe(201);
    doc = res.json<TDocument>();
    expect(doc.data).toMatchObject({ acceptedReports: 1, expectedReports: 2, orgUnit: null });
    expect(doc.data.tasks.map((t) => [t.code, t.groupTitle])).toEqual([
      ['1.1', 'Hạ tầng số'],
      ['2.1', 'Chuyển đổi số'],
    ]);
    expect(doc.data.indicators).toMatchObject([{ code: indicator.code, periodValue: 12, yearTarget: 100 }]);
    const all = JSON.stringify(doc);
    expect(all).toContain(ACCEPTED_TEXT);
    expect(all).toContain('Thiếu kinh phí duy trì đường truyền');
    expect(all).not.toContain(DRAFT_TEXT);
    expect(doc.sections.map((s) => s.kind)).toEqual([
      'overall',
      'results',
      'group',
      'group',
      'indicators',
      'obstacles',
      'proposals',
      'next_tasks',
    ]);
    expect(doc.header).toMatchObject({ style: 'state', symbol: 'BC-BCĐ', place: 'thử nghiệm' });
    expect(doc.actions).toEqual(['edit', 'issue']);
  });

  it('edits the header and a section from the version opened, refusing a stale one', async () => {
    const sections = doc.sections.map((s) =>
      s.kind === 'overall' ? { ...s, body: `${s.body}\nĐoạn do Văn phòng bổ sung.` } : s,
    );
    const header = {
      ...doc.header,
      parentBody: 'UBND TỈNH NGHỆ AN',
      issuingBody: 'Sở Khoa học và Công nghệ',
      symbol: 'BC-SKHCN',
      place: 'Nghệ An',
    };
    const res = await secretariat({
      method: 'PATCH',
      url: `/api/documents/${doc.id}`,
      payload: { version: doc.version, header, sections },
    });
    expect(res.statusCode, res.body).toBe(200);
    const stale = await secretariat({
      method: 'PATCH',
      url: `/api/documents/${doc.id}`,
      payload: { version: doc.version, sections },
    });
    expect(stale.statusCode).toBe(409);
    doc = res.json<TDocument>();
    expect(doc.sections[0]!.body).toContain('Đoạn do Văn phòng bổ sung.');
    const bad = await secretariat({
      method: 'PATCH',
      url: `/api/documents/${doc.id}`,
      payload: { version: doc.version, header: { ...header, symbol: 'BC SKHCN <x>' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<TProblem>().errors?.[0]?.field).toBe('header.symbol');
  });

  it('draws the draft in the Decree 30 layout: A4, margins, Times New Roman, header blocks', async () => {
    const res = await secretariat({ method: 'GET', url: `/api/documents/${doc.id}/draft.docx` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(DOCX);
    const xml = docXml(bodyOf(res));
    // A4 portrait; top and bottom 20 mm, left 30 mm, right 15 mm (twips)
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(xml).toContain('<w:titlePg/>'); // the page number starts on page 2
    const paragraphs = paragraphsOf(xml);
    const runs = paragraphs.flatMap((p) => p.runs).filter((r) => r.text);
    expect(new Set(runs.map((r) => r.font))).toEqual(new Set(['Times New Roman']));
    expect(find(paragraphs, 'UBND TỈNH NGHỆ AN').runs[0]).toMatchObject({ bold: false, size: 26 });
    expect(find(paragraphs, 'SỞ KHOA HỌC VÀ CÔNG NGHỆ').runs[0]).toMatchObject({ bold: true, size: 26 });
    expect(find(paragraphs, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM').runs[0]).toMatchObject({
      bold: true,
      size: 24,
    });
    expect(find(paragraphs, 'Độc lập - Tự do - Hạnh phúc').runs[0]).toMatchObject({
      bold: true,
      underline: true,
      size: 28,
    });
    // a draft has no number and no date yet
    find(paragraphs, 'Số:      /BC-SKHCN');
    expect(find(paragraphs, 'Nghệ An, ngày      tháng      năm 2026').runs[0]).toMatchObject({
      italic: true,
    });
    expect(find(paragraphs, 'BÁO CÁO').runs[0]).toMatchObject({ bold: true, size: 28 });
    const overall = find(paragraphs, 'Đoạn do Văn phòng bổ sung.');
    expect(overall.runs[0]).toMatchObject({ size: 28, bold: false });
    expect(overall.properties).toContain('<w:jc w:val="both"/>');
    expect(overall.properties).toMatch(/<w:ind w:firstLine="720"\/>/);
    expect(overall.properties).toMatch(/w:after="120"/);
    expect(xml).toContain(ACCEPTED_TEXT);
    expect(xml).not.toContain(DRAFT_TEXT);
    expect(find(paragraphs, 'Nơi nhận:').runs[0]).toMatchObject({ bold: true, italic: true, size: 24 });
    expect(find(paragraphs, '- Lưu: VT.').runs[0]).toMatchObject({ size: 22 });
  });

  it('issues a version with number, date and signer, kept unchanged by later edits', async () => {
    const issue = {
      version: doc.version,
      number: '05',
      issuedOn: '2026-01-05',
      signer: { authority: 'KT. GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC', name: 'Nguyễn Văn An' },
    };
    const forbidden = await steering({
      method: 'POST',
      url: `/api/documents/${doc.id}/issue`,
      payload: issue,
    });
    expect(forbidden.statusCode).toBe(403);
    const res = await secretariat({ method: 'POST', url: `/api/documents/${doc.id}/issue`, payload: issue });
    expect(res.statusCode, res.body).toBe(201);
    doc = res.json<TDocument>();
    expect(doc.versions).toMatchObject([{ no: 1, number: '05', symbol: 'BC-SKHCN', issuedOn: '2026-01-05' }]);
    const twice = await secretariat({
      method: 'POST',
      url: `/api/documents/${doc.id}/issue`,
      payload: issue,
    });
    expect(twice.statusCode).toBe(409); // same view: the draft's version has moved on
    const issued = await secretariat({
      method: 'GET',
      url: `/api/documents/${doc.id}/versions/1/report.docx`,
    });
    expect(issued.statusCode).toBe(200);
    expect(issued.headers['content-type']).toBe(DOCX);
    const paragraphs = paragraphsOf(docXml(bodyOf(issued)));
    find(paragraphs, 'Số: 05/BC-SKHCN');
    expect(find(paragraphs, 'Nghệ An, ngày 05 tháng 01 năm 2026').runs[0]).toMatchObject({
      italic: true,
      size: 28,
    });
    expect(find(paragraphs, 'KT. GIÁM ĐỐC').runs[0]).toMatchObject({ bold: true });
    expect(find(paragraphs, 'PHÓ GIÁM ĐỐC').runs[0]).toMatchObject({ bold: true });
    expect(find(paragraphs, 'Nguyễn Văn An').runs[0]).toMatchObject({ bold: true });
    const [audit] = rowsOf<{ after: { sha256: string } }>(
      await ctx.db.execute(
        sql`select after from audit_events where action = 'document.issue' and resource_id = ${doc.id}`,
      ),
    );
    expect(audit!.after.sha256).toBe(doc.versions[0]!.sha256);

    // a later edit changes the draft, not what was issued
    const edited = await secretariat({
      method: 'PATCH',
      url: `/api/documents/${doc.id}`,
      payload: {
        version: doc.version,
        sections: doc.sections.map((s, i) => (i === 0 ? { ...s, body: 'Văn bản sửa sau khi ban hành.' } : s)),
      },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const again = await secretariat({
      method: 'GET',
      url: `/api/documents/${doc.id}/versions/1/report.docx`,
    });
    expect(bodyOf(again).equals(bodyOf(issued))).toBe(true);
    expect(docXml(bodyOf(again))).not.toContain('Văn bản sửa sau khi ban hành.');
    const draft = await secretariat({ method: 'GET', url: `/api/documents/${doc.id}/draft.docx` });
    expect(docXml(bodyOf(draft))).toContain('Văn bản sửa sau khi ban hành.');
    // and the database refuses to change it behind the API's back
    await expect(
      ctx.db.execute(sql`update document_versions set number = '06' where document_id = ${doc.id}`),
    ).rejects.toThrow();
    doc = edited.json<TDocument>();
  });

  it('refuses a number already used this year for the same symbol', async () => {
    const res = await secretariat({
      method: 'POST',
      url: `/api/documents/${doc.id}/issue`,
      payload: {
        version: doc.version,
        number: '05',
        issuedOn: '2026-02-01',
        signer: { authority: '', title: 'GIÁM ĐỐC', name: 'Trần Thị Bình' },
      },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json<TProblem>()).toMatchObject({ code: 'duplicate', errors: [{ field: 'number' }] });
  });

  it('writes the annexes: frozen header, filters, dates and numbers typed, formulas as text', async () => {
    const res = await secretariat({ method: 'GET', url: `/api/documents/${doc.id}/versions/1/annexes.xlsx` });
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bodyOf(res) as unknown as ArrayBuffer);
    const [tasks, indicators] = workbook.worksheets;
    expect(tasks!.name).toBe('Phụ lục 1 - Nhiệm vụ');
    expect(tasks!.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(tasks!.autoFilter).toBe('A3:L3');
    expect(tasks!.getColumn(3).width).toBe(50);
    const first = tasks!.getRow(4);
    expect(first.getCell(2).value).toBe('1.1');
    expect(first.getCell(6).value).toEqual(new Date('2026-12-31T00:00:00Z'));
    expect(first.getCell(6).numFmt).toBe('dd/mm/yyyy');
    expect(first.getCell(7).value).toBe(60);
    const proposals = tasks!.getRow(4).getCell(12).value;
    expect(proposals === '' || typeof proposals === 'string').toBe(true);
    expect(indicators!.autoFilter).toBe('A3:H3');
    expect(indicators!.getRow(4).getCell(5).value).toBe(12);
    expect(indicators!.getRow(4).getCell(5).numFmt).toBe('#,##0.##');
    // nothing a unit typed is a formula: every cell is a value, a leading "=" stays text
    for (const sheet of workbook.worksheets)
      sheet.eachRow((row) =>
        row.eachCell((cell) => expect(cell.type, cell.address).not.toBe(ExcelJS.ValueType.Formula)),
      );
  });
});

describe('who may see and do what', () => {
  let unitDoc: TDocument;
  let provinceId: string;

  it("lets a unit's head draft and issue the unit's own report, from its accepted report", async () => {
    const res = await headA({
      method: 'POST',
      url: '/api/documents',
      payload: { roundId: round.id, orgUnitId: unitA.id, style: 'party' },
    });
    expect(res.statusCode, res.body).toBe(201);
    unitDoc = res.json<TDocument>();
    expect(unitDoc.data.orgUnit).toEqual({ id: unitA.id, name: 'Xã Hưng Lộc' });
    expect(unitDoc.header).toMatchObject({ style: 'party', issuingBody: 'XÃ HƯNG LỘC', symbol: 'BC/XHL' });
    const docx = await headA({ method: 'GET', url: `/api/documents/${unitDoc.id}/draft.docx` });
    const paragraphs = paragraphsOf(docXml(bodyOf(docx)));
    expect(find(paragraphs, 'ĐẢNG CỘNG SẢN VIỆT NAM').runs[0]).toMatchObject({ bold: true, underline: true });
    find(paragraphs, 'Số      -BC/XHL');
    expect(find(paragraphs, 'Nơi nhận:').runs[0]).toMatchObject({ underline: true, bold: false });
  });

  it('keeps what a unit typed as text in the annexes, a leading "=" included', async () => {
    expect(unitDoc.data.tasks.find((t) => t.code === '2.1')!.results).toEqual([FORMULA_TEXT]);
    const res = await headA({ method: 'GET', url: `/api/documents/${unitDoc.id}/draft-annexes.xlsx` });
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bodyOf(res) as unknown as ArrayBuffer);
    const cell = workbook.worksheets[0]!.getRow(5).getCell(10);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(`'${FORMULA_TEXT}`);
  });

  it('answers 401 → 403 → 404 as the policy says', async () => {
    const anonymous = await ctx.app.inject({ method: 'GET', url: `/api/documents/${unitDoc.id}` });
    expect(anonymous.statusCode).toBe(401);
    // unit B sees neither unit A's document nor the province's
    const list = await secretariat({ method: 'GET', url: `/api/documents?roundId=${round.id}` });
    provinceId = list.json<TDocumentList>().items.find((d) => d.orgUnit === null)!.id;
    expect((await officerB({ method: 'GET', url: `/api/documents/${unitDoc.id}` })).statusCode).toBe(404);
    expect((await officerB({ method: 'GET', url: `/api/documents/${provinceId}` })).statusCode).toBe(404);
    expect(
      (await officerB({ method: 'GET', url: `/api/documents/${provinceId}/versions/1/report.docx` }))
        .statusCode,
    ).toBe(404);
    expect(
      (await officerB({ method: 'GET', url: `/api/documents?roundId=${round.id}` })).json<TDocumentList>()
        .items,
    ).toEqual([]);
    // the officer of unit A may edit its draft but not issue it; the steering committee only reads
    expect(
      (
        await officerA({
          method: 'POST',
          url: `/api/documents/${unitDoc.id}/issue`,
          payload: {
            version: unitDoc.version,
            number: '7',
            issuedOn: '2026-11-30',
            signer: { authority: 'TM. ĐẢNG ỦY', title: 'BÍ THƯ', name: 'Lê Văn Cường' },
          },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await steering({
          method: 'PATCH',
          url: `/api/documents/${provinceId}`,
          payload: { version: 1, sections: unitDoc.sections },
        })
      ).statusCode,
    ).toBe(403);
    expect((await steering({ method: 'GET', url: `/api/documents/${provinceId}` })).statusCode).toBe(200);
    // an officer cannot draft the province's report
    expect(
      (await officerA({ method: 'POST', url: '/api/documents', payload: { roundId: round.id } })).statusCode,
    ).toBe(403);
    expect(
      (
        await secretariat({
          method: 'GET',
          url: '/api/documents/00000000-0000-4000-8000-000000000000/versions/1/report.docx',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await secretariat({ method: 'GET', url: `/api/documents/${unitDoc.id}/versions/9/report.docx` }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await secretariat({
          method: 'POST',
          url: '/api/documents',
          payload: { roundId: '00000000-0000-4000-8000-000000000000' },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('audits each change in its transaction', async () => {
    const events = rowsOf<{ action: string }>(
      await ctx.db.execute(sql`select action from audit_events where resource_type = 'document' order by id`),
    );
    expect(events.map((e) => e.action)).toEqual([
      'document.create',
      'document.update',
      'document.issue',
      'document.update',
      'document.create',
    ]);
  });
});
