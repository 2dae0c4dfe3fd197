import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TEvidence, TReport } from '../../../common/contracts/reports';
import type { TRound, TRoundReport } from '../../../common/contracts/rounds';
import type { TProblem } from '../../../common/problem';
import { createTestContext, type TestContext } from '../../test/context';
import { buildItem, buildOrgUnit, buildPlan } from '../../test/factories';
import { type Injector, signInAs } from '../../test/sessions';

let ctx: TestContext;
let officer: Injector;
let stranger: Injector;
let report: TReport;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5e1f1a80000000049454e44ae426082',
  'hex',
);

beforeAll(async () => {
  ctx = await createTestContext();
  const unit = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId });
  const other = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId });
  const plan = await buildPlan(ctx.db);
  await buildItem(ctx.db, { planId: plan.id, code: '3.1', leadOrgUnitId: unit.id });
  officer = (await signInAs(ctx.app, ctx.db, 'officer', unit.id)).inject;
  stranger = (await signInAs(ctx.app, ctx.db, 'officer', other.id)).inject;
  const round = (
    await ctx.inject({ method: 'POST', url: '/api/rounds', payload: { planId: plan.id, period: '2026M10' } })
  ).json<TRound>();
  const rows = (await ctx.inject({ method: 'GET', url: `/api/rounds/${round.id}/reports` })).json<{
    items: TRoundReport[];
  }>();
  report = (await officer({ method: 'GET', url: `/api/reports/${rows.items[0]!.reportId}` })).json<TReport>();
});

afterAll(async () => {
  await ctx?.close();
});

const upload = (inject: Injector, body: Buffer, fileName: string, contentType = 'application/octet-stream') =>
  inject({
    method: 'POST',
    url: `/api/reports/${report.id}/evidence?fileName=${encodeURIComponent(fileName)}&planItemId=${report.items[0]!.planItem.id}`,
    headers: { 'content-type': contentType },
    payload: body,
  });

describe('evidence files', () => {
  it('stores a file by content, once, and gives it back whole with its Vietnamese name', async () => {
    const first = await upload(officer, PDF, 'Biên bản nghiệm thu.pdf', 'application/pdf');
    expect(first.statusCode, first.body).toBe(201);
    const evidence = first.json<TEvidence>();
    expect(evidence).toMatchObject({
      contentType: 'application/pdf',
      size: PDF.length,
      fileName: 'Biên bản nghiệm thu.pdf',
    });
    const again = await upload(officer, PDF, 'Bản sao.pdf');
    expect(again.json<TEvidence>().sha256).toBe(evidence.sha256);

    const download = await officer({
      method: 'GET',
      url: `/api/reports/${report.id}/evidence/${evidence.id}`,
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('Biên bản nghiệm thu.pdf')}`,
    );
    const listed = (await officer({ method: 'GET', url: `/api/reports/${report.id}` })).json<TReport>();
    expect(listed.evidence.map((e) => e.fileName)).toEqual(['Biên bản nghiệm thu.pdf', 'Bản sao.pdf']);
  });

  it('trusts the content, not the name or the declared type', async () => {
    const image = await upload(officer, PNG, 'anh-chup.pdf', 'application/pdf');
    expect(image.json<TEvidence>().contentType).toBe('image/png');
    const page = await upload(
      officer,
      Buffer.from('<html><script>alert(1)</script></html>'),
      'bao-cao.pdf',
      'application/pdf',
    );
    expect(page.statusCode).toBe(415);
    expect(page.json<TProblem>().code).toBe('unsupported_file');
  });

  it('hides another unit’s evidence and refuses changes once the report is sent', async () => {
    const current = (await officer({ method: 'GET', url: `/api/reports/${report.id}` })).json<TReport>();
    const someone = await stranger({
      method: 'GET',
      url: `/api/reports/${report.id}/evidence/${current.evidence[0]!.id}`,
    });
    expect(someone.statusCode).toBe(404);
    expect((await upload(stranger, PDF, 'x.pdf')).statusCode).toBe(404);
    const removed = await officer({
      method: 'DELETE',
      url: `/api/reports/${report.id}/evidence/${current.evidence[1]!.id}`,
    });
    expect(removed.statusCode).toBe(204);
    const latest = (await officer({ method: 'GET', url: `/api/reports/${report.id}` })).json<TReport>();
    await officer({
      method: 'POST',
      url: `/api/reports/${report.id}/submit`,
      payload: { version: latest.version },
    });
    expect((await upload(officer, PDF, 'muon.pdf')).statusCode).toBe(422);
  });
});
