/**
 * The report as a PDF, read back with Debian's poppler-utils (`pdftotext`, `pdffonts`, `pdfinfo`):
 * the Vietnamese text extracts intact and in NFC, Liberation Serif is embedded, A4, page numbers
 * from page 2; an issued version's PDF is the one stored at issue. And LibreOffice (Debian's
 * `libreoffice-writer`, headless) converts the generated .docx without error.
 *
 * The external tools are installed by .ci/run. Without them a developer's run skips these tests
 * with a message saying what to install; in CI (CI=true) a missing tool fails them.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDocument } from '../../../common/contracts/documents';
import type { TReport } from '../../../common/contracts/reports';
import type { TRound, TRoundReport } from '../../../common/contracts/rounds';
import { createTestContext, type TestContext } from '../../test/context';
import { buildItem, buildOrgUnit, buildPlan } from '../../test/factories';
import { type Injector, signInAs } from '../../test/sessions';

const run = promisify(execFile);
const IN_CI = process.env.CI === 'true';

function installed(command: string): boolean {
  const dirs = (process.env.PATH ?? '').split(path.delimiter);
  return dirs.some((dir) => fs.existsSync(path.join(dir, command)));
}

/** Runs the tests when the tool is there or in CI (where its absence fails them), else skips them, saying why. */
function needs(commands: string[], packageName: string) {
  const missing = commands.filter((c) => !installed(c));
  if (!missing.length) return describe;
  const install = `apt-get install --no-install-recommends ${packageName}`;
  if (IN_CI) {
    console.error(
      `${missing.join(', ')} not installed in CI (.ci/run should have run ${install}): these tests fail.`,
    );
    return describe;
  }
  console.warn(`Skipped: ${missing.join(', ')} not installed (${install}); CI runs these tests.`);
  return describe.skip;
}

const describePoppler = needs(['pdftotext', 'pdffonts', 'pdfinfo'], 'poppler-utils');
const describeLibreOffice = needs(['soffice'], 'libreoffice-writer');

let ctx: TestContext;
let secretariat: Injector;
let officerB: Injector;
let doc: TDocument;
let dir: string;

const TASK = 'Xây dựng cổng dữ liệu mở của tỉnh';
const RESULTS = 'Đã công bố 35 bộ dữ liệu mở; hướng dẫn người dân khai thác ở 12 phường, xã.';
const MOTTO = 'Độc lập - Tự do - Hạnh phúc';
const LONG_LINE =
  'Ủy ban nhân dân các xã, phường tiếp tục rà soát, cập nhật dữ liệu về đất đai, dân cư, hộ kinh doanh; ' +
  'bảo đảm dữ liệu "đúng, đủ, sạch, sống", kết nối với cơ sở dữ liệu quốc gia.';

const act = (inject: Injector, reportId: string, action: string, version: number) =>
  inject({ method: 'POST', url: `/api/reports/${reportId}/${action}`, payload: { version } });

/** A round whose one report is accepted, and the province's document drafted from it. */
beforeAll(async () => {
  ctx = await createTestContext();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotrinh-pdf-'));
  const ward = await buildOrgUnit(ctx.db, {
    kind: 'commune',
    parentId: ctx.rootOrgUnitId,
    name: 'Phường Trường Vinh',
  });
  const other = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId });
  const plan = await buildPlan(ctx.db, { number: '328-KH/TU' });
  const group = await buildItem(ctx.db, { planId: plan.id, code: '1', kind: 'group', title: 'Hạ tầng số' });
  await buildItem(ctx.db, {
    planId: plan.id,
    parentId: group.id,
    code: '1.1',
    title: TASK,
    leadOrgUnitId: ward.id,
    deadline: '2026-12-31',
  });
  secretariat = (await signInAs(ctx.app, ctx.db, 'secretariat', ctx.rootOrgUnitId)).inject;
  const officer = (await signInAs(ctx.app, ctx.db, 'officer', ward.id)).inject;
  const head = (await signInAs(ctx.app, ctx.db, 'head', ward.id)).inject;
  officerB = (await signInAs(ctx.app, ctx.db, 'officer', other.id)).inject;
  const round = (
    await secretariat({ method: 'POST', url: '/api/rounds', payload: { planId: plan.id, period: '2026M10' } })
  ).json<TRound>();
  const rows = (await secretariat({ method: 'GET', url: `/api/rounds/${round.id}/reports` })).json<{
    items: TRoundReport[];
  }>().items;
  const reportId = rows.find((r) => r.orgUnit.id === ward.id)!.reportId;
  let report = (await officer({ method: 'GET', url: `/api/reports/${reportId}` })).json<TReport>();
  const saved = await officer({
    method: 'PATCH',
    url: `/api/reports/${reportId}`,
    payload: {
      version: report.version,
      general: { summary: 'Phường triển khai đúng kế hoạch' },
      items: report.items.map((item) => ({ planItemId: item.planItem.id, progress: 70, results: RESULTS })),
    },
  });
  expect(saved.statusCode, saved.body).toBe(200);
  report = saved.json<TReport>();
  report = (await act(officer, reportId, 'submit', report.version)).json<TReport>();
  report = (await act(head, reportId, 'approve', report.version)).json<TReport>();
  report = (await act(secretariat, reportId, 'accept', report.version)).json<TReport>();
  expect(report.status).toBe('accepted');
  const created = await secretariat({
    method: 'POST',
    url: '/api/documents',
    payload: { roundId: round.id },
  });
  expect(created.statusCode, created.body).toBe(201);
  doc = created.json<TDocument>();
  // enough text for a second page, and the header of a provincial department
  const res = await secretariat({
    method: 'PATCH',
    url: `/api/documents/${doc.id}`,
    payload: {
      version: doc.version,
      header: { ...doc.header, parentBody: 'UBND TỈNH NGHỆ AN', issuingBody: 'Sở Khoa học và Công nghệ' },
      sections: doc.sections.map((s) =>
        s.kind === 'obstacles' ? { ...s, body: Array.from({ length: 30 }, () => LONG_LINE).join('\n') } : s,
      ),
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  doc = res.json<TDocument>();
}, 120_000);

afterAll(async () => {
  await ctx?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function download(inject: Injector, url: string, name: string) {
  const res = await inject({ method: 'GET', url });
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  const file = path.join(dir, name);
  fs.writeFileSync(file, res.rawPayload);
  return { res, file, bytes: res.rawPayload };
}

const text = async (file: string, ...args: string[]) =>
  (await run('pdftotext', ['-enc', 'UTF-8', ...args, file, '-'])).stdout;

describePoppler('the report as a PDF', () => {
  it('extracts the Vietnamese text intact, in NFC', async () => {
    const { res, bytes, file } = await download(
      secretariat,
      `/api/documents/${doc.id}/draft.pdf`,
      'draft.pdf',
    );
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="du-thao-bao-cao-2026M10.pdf"');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const all = await text(file);
    expect(all.normalize('NFC')).toBe(all);
    // pdftotext breaks lines where the page does: compare with single spaces
    const flat = all.replace(/\s+/g, ' ');
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      MOTTO,
      'UBND TỈNH NGHỆ AN',
      'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
      'BÁO CÁO',
      doc.header.summary,
      'I. TÌNH HÌNH CHUNG',
      TASK,
      RESULTS,
      'Số: /BC-BCĐ',
      'Nơi nhận:',
      '- Lưu: VT.',
      '(CHỨC VỤ NGƯỜI KÝ)',
      '(Ký, đóng dấu)',
    ])
      expect(flat, expected).toContain(expected.normalize('NFC'));
  });

  it('embeds Liberation Serif and no other font, on A4 pages numbered from page 2', async () => {
    const { file } = await download(secretariat, `/api/documents/${doc.id}/draft.pdf`, 'fonts.pdf');
    const fonts = (await run('pdffonts', [file])).stdout.trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThanOrEqual(3); // regular, bold, italic at least
    for (const line of fonts) {
      // name type encoding emb sub uni object ID
      expect(line, line).toMatch(
        /^[A-Z]{6}\+LiberationSerif(-Bold|-Italic|-BoldItalic)?\s.*\syes\s+yes\s+yes\s/,
      );
    }
    const info = (await run('pdfinfo', [file])).stdout;
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    const first = (await text(file, '-f', '1', '-l', '1', '-layout')).trim().split('\n');
    expect(first[0]!.trim()).not.toMatch(/^\d+$/);
    for (let page = 2; page <= pages; page++) {
      const lines = (await text(file, '-f', String(page), '-l', String(page), '-layout')).trim().split('\n');
      expect(lines[0]!.trim(), `page ${page}`).toBe(String(page));
    }
  });

  it('keeps the PDF of an issued version as it was issued', async () => {
    const res = await secretariat({
      method: 'POST',
      url: `/api/documents/${doc.id}/issue`,
      payload: {
        version: doc.version,
        number: '05',
        issuedOn: '2026-01-05',
        signer: { authority: 'KT. GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC', name: 'Nguyễn Thị Thanh Hương' },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    doc = res.json<TDocument>();
    const url = `/api/documents/${doc.id}/versions/1/report.pdf`;
    const issued = await download(secretariat, url, 'issued.pdf');
    expect(issued.res.headers['content-disposition']).toBe('attachment; filename="bao-cao-so-05-v1.pdf"');
    const flat = (await text(issued.file)).replace(/\s+/g, ' ');
    for (const expected of [
      'Số: 05/BC-BCĐ',
      'thử nghiệm, ngày 05 tháng 01 năm 2026',
      'KT. GIÁM ĐỐC',
      'Nguyễn Thị Thanh Hương',
    ])
      expect(flat, expected).toContain(expected);
    // a later edit changes the draft's PDF, not the issued one
    const edited = await secretariat({
      method: 'PATCH',
      url: `/api/documents/${doc.id}`,
      payload: {
        version: doc.version,
        sections: doc.sections.map((s, i) => (i === 0 ? { ...s, body: 'Văn bản sửa sau khi ban hành.' } : s)),
      },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const again = await download(secretariat, url, 'again.pdf');
    expect(again.bytes.equals(issued.bytes)).toBe(true);
    const draft = await download(secretariat, `/api/documents/${doc.id}/draft.pdf`, 'edited.pdf');
    expect((await text(draft.file)).replace(/\s+/g, ' ')).toContain('Văn bản sửa sau khi ban hành.');
  });

  it('answers 401, 404 as the .docx routes do', async () => {
    const anonymous = await ctx.app.inject({ method: 'GET', url: `/api/documents/${doc.id}/draft.pdf` });
    expect(anonymous.statusCode).toBe(401);
    for (const url of [
      `/api/documents/${doc.id}/draft.pdf`,
      `/api/documents/${doc.id}/versions/1/report.pdf`,
    ])
      expect((await officerB({ method: 'GET', url })).statusCode, url).toBe(404);
    const missing = await secretariat({
      method: 'GET',
      url: `/api/documents/${doc.id}/versions/9/report.pdf`,
    });
    expect(missing.statusCode).toBe(404);
  });
});

describeLibreOffice('the report as a .docx, opened by LibreOffice', () => {
  it('converts to PDF without error', async () => {
    const { file } = await download(secretariat, `/api/documents/${doc.id}/draft.docx`, 'draft.docx');
    const out = path.join(dir, 'soffice');
    // a profile of its own: another soffice running beside it would hold the default one
    const profile = `file://${path.join(dir, 'soffice-profile')}`;
    const { stderr } = await run(
      'soffice',
      [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', out, file],
      { timeout: 120_000 },
    );
    expect(stderr).not.toMatch(/error/i);
    const pdf = fs.readFileSync(path.join(out, 'draft.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    if (installed('pdftotext')) {
      const flat = (await text(path.join(out, 'draft.pdf'))).replace(/\s+/g, ' ');
      expect(flat).toContain(MOTTO);
      expect(flat).toContain(TASK);
    }
  }, 150_000);
});
