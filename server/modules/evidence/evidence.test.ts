import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAttachedEvidence, TReport } from '../../../common/contracts/reports';
import type { TProblem } from '../../../common/problem';
import { buildApp } from '../../app';
import { createTestContext, type TestContext } from '../../test/context';
import { buildItem, buildOrgUnit, buildPlan } from '../../test/factories';
import { openRoundReport } from '../../test/reports';
import { type Injector, signInAs } from '../../test/sessions';
import { sha256Of } from './store';

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
  report = await openRoundReport(ctx.inject, officer, plan.id);
});

afterAll(async () => {
  await ctx?.close();
});

/** The report as the officer sees it now. */
const latest = async () =>
  (await officer({ method: 'GET', url: `/api/reports/${report.id}` })).json<TReport>();

/** Attaches a file based on the given version of the report (by default the current one). */
const upload = async (
  inject: Injector,
  body: Buffer,
  fileName: string,
  contentType = 'application/octet-stream',
  version?: number,
) =>
  inject({
    method: 'POST',
    url: `/api/reports/${report.id}/evidence?fileName=${encodeURIComponent(fileName)}&planItemId=${report.items[0]!.planItem.id}&version=${version ?? (await latest()).version}`,
    headers: { 'content-type': contentType },
    payload: body,
  });

const remove = (inject: Injector, evidenceId: string, version: number) =>
  inject({ method: 'DELETE', url: `/api/reports/${report.id}/evidence/${evidenceId}?version=${version}` });

describe('evidence files', () => {
  it('stores a file by content, once, and gives it back whole with its Vietnamese name', async () => {
    const first = await upload(officer, PDF, 'Biên bản nghiệm thu.pdf', 'application/pdf', report.version);
    expect(first.statusCode, first.body).toBe(201);
    const evidence = first.json<TAttachedEvidence>();
    expect(evidence).toMatchObject({
      contentType: 'application/pdf',
      size: PDF.length,
      fileName: 'Biên bản nghiệm thu.pdf',
      reportVersion: report.version + 1,
    });
    const again = await upload(officer, PDF, 'Bản sao.pdf', undefined, evidence.reportVersion);
    expect(again.json<TAttachedEvidence>()).toMatchObject({
      sha256: evidence.sha256,
      reportVersion: report.version + 2,
    });

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
    expect(image.json<TAttachedEvidence>().contentType).toBe('image/png');
    const page = await upload(
      officer,
      Buffer.from('<html><script>alert(1)</script></html>'),
      'bao-cao.pdf',
      'application/pdf',
    );
    expect(page.statusCode).toBe(415);
    expect(page.json<TProblem>().code).toBe('unsupported_file');
  });

  it('refuses a change based on an old version (409) and leaves the report as it was', async () => {
    const before = await latest();
    const stale = before.version - 1;
    const late = await upload(officer, PDF, 'ban-cu.pdf', 'application/pdf', stale);
    expect(late.statusCode, late.body).toBe(409);
    expect(late.json<TProblem>()).toMatchObject({
      code: 'version_conflict',
      current: { version: before.version },
    });
    expect(late.json<TProblem>().detail).toContain('người khác thay đổi');
    const lateRemoval = await remove(officer, before.evidence[0]!.id, stale);
    expect(lateRemoval.statusCode).toBe(409);
    expect(await latest()).toMatchObject({ version: before.version, evidence: before.evidence });
    // a version is required: a change cannot skip the check by leaving it out
    const unversioned = await officer({
      method: 'DELETE',
      url: `/api/reports/${report.id}/evidence/${before.evidence[0]!.id}`,
    });
    expect(unversioned.statusCode).toBe(400);
  });

  it('hides another unit’s evidence and refuses changes once the report is sent', async () => {
    const current = await latest();
    const someone = await stranger({
      method: 'GET',
      url: `/api/reports/${report.id}/evidence/${current.evidence[0]!.id}`,
    });
    expect(someone.statusCode).toBe(404);
    expect((await upload(stranger, PDF, 'x.pdf')).statusCode).toBe(404);
    expect((await remove(stranger, current.evidence[0]!.id, current.version)).statusCode).toBe(404);
    const removed = await remove(officer, current.evidence[1]!.id, current.version);
    expect(removed.statusCode, removed.body).toBe(200);
    const after = removed.json<TReport>();
    expect(after.version).toBe(current.version + 1);
    expect(after.evidence.map((e) => e.id)).not.toContain(current.evidence[1]!.id);
    await officer({
      method: 'POST',
      url: `/api/reports/${report.id}/submit`,
      payload: { version: after.version },
    });
    const sent = await upload(officer, PDF, 'muon.pdf');
    expect(sent.statusCode).toBe(409);
    expect(sent.json<TProblem>().code).toBe('report_not_editable');
  });
});

/** A PDF no other test (or earlier run sharing the store folder) has sent. */
const uniquePdf = () => Buffer.concat([PDF, Buffer.from(`% ${randomBytes(12).toString('hex')}\n`)]);

/** Whether the store holds content with this SHA-256. */
const stored = (sha256: string) =>
  ctx.app.evidence.store.open(sha256).then(
    (stream) => {
      stream.destroy();
      return true;
    },
    () => false,
  );

describe('evidence files that are not attached', () => {
  let draft: TReport;

  beforeAll(async () => {
    const unit = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId });
    const plan = await buildPlan(ctx.db);
    await buildItem(ctx.db, { planId: plan.id, code: '4.1', leadOrgUnitId: unit.id });
    const owner = (await signInAs(ctx.app, ctx.db, 'officer', unit.id)).inject;
    // upload() and latest() work on `officer` and `report`: a fresh draft of their own from here on
    officer = owner;
    report = draft = await openRoundReport(ctx.inject, owner, plan.id, '2026M09');
    // A failure after the bytes are stored, inside the attachment's transaction: a serialization
    // failure, as PostgreSQL may answer any transaction under load (answered 409).
    await ctx.db.execute(sql`create or replace function fail_evidence_for_test() returns trigger
      language plpgsql as $$ begin
        if new.file_name like 'that%' then
          raise exception 'serialization failure for the test' using errcode = '40001';
        end if;
        return new;
      end $$`);
    await ctx.db.execute(sql`create trigger fail_evidence_for_test before insert on report_evidence
      for each row execute function fail_evidence_for_test()`);
  });

  afterAll(async () => {
    await ctx.db.execute(sql`drop trigger if exists fail_evidence_for_test on report_evidence`);
  });

  it('a file name with a control character: 400 naming it, and nothing stored', async () => {
    const content = uniquePdf();
    const res = await upload(officer, content, 'bien-ban\u0000.pdf');
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json<TProblem>().errors).toContainEqual(
      expect.objectContaining({ field: 'fileName', code: 'control_character' }),
    );
    expect(await stored(sha256Of(content))).toBe(false);
  });

  it('bytes written for an attachment whose transaction fails are removed', async () => {
    const content = uniquePdf();
    const res = await upload(officer, content, 'that-fails.pdf', 'application/pdf');
    expect(res.statusCode, res.body).toBe(409);
    expect(await stored(sha256Of(content))).toBe(false);
    expect((await latest()).version).toBe(draft.version);
  });

  it('bytes another attachment holds stay when a second one fails', async () => {
    const content = uniquePdf();
    const first = await upload(officer, content, 'giu-lai.pdf', 'application/pdf');
    expect(first.statusCode, first.body).toBe(201);
    const second = await upload(officer, content, 'that-fails-too.pdf', 'application/pdf');
    expect(second.statusCode).toBe(409);
    expect(await stored(sha256Of(content))).toBe(true);
    const attached = first.json<TAttachedEvidence>();
    const download = await officer({
      method: 'GET',
      url: `/api/reports/${draft.id}/evidence/${attached.id}`,
    });
    expect(download.rawPayload.equals(content)).toBe(true);
  });
});

describe('the same new content attached at once to several reports, some attachments failing', () => {
  it('keeps the bytes whenever one attachment commits, and each committed file downloads whole', async () => {
    const drafts = await Promise.all(
      ['6.1', '6.2', '6.3', '6.4', '6.5', '6.6'].map(async (code, i) => {
        const unit = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId });
        const plan = await buildPlan(ctx.db);
        await buildItem(ctx.db, { planId: plan.id, code, leadOrgUnitId: unit.id });
        const owner = (await signInAs(ctx.app, ctx.db, 'officer', unit.id)).inject;
        return { owner, draft: await openRoundReport(ctx.inject, owner, plan.id), fails: i % 2 === 0 };
      }),
    );
    await ctx.db.execute(sql`create trigger fail_evidence_for_test before insert on report_evidence
      for each row execute function fail_evidence_for_test()`);
    try {
      for (const round of [1, 2, 3]) {
        const content = uniquePdf();
        // round 3: every attachment fails, so nothing may stay
        const versions = await Promise.all(
          drafts.map(
            async ({ owner, draft }) =>
              (await owner({ method: 'GET', url: `/api/reports/${draft.id}` })).json<TReport>().version,
          ),
        );
        const results = await Promise.all(
          drafts.map(({ owner, draft, fails }, i) =>
            owner({
              method: 'POST',
              url: `/api/reports/${draft.id}/evidence?fileName=${fails || round === 3 ? 'that' : 'giu'}.pdf&version=${versions[i]}`,
              headers: { 'content-type': 'application/pdf' },
              payload: content,
            }),
          ),
        );
        const committed = results.flatMap((res, i) =>
          res.statusCode === 201 ? [{ res, ...drafts[i]! }] : [],
        );
        expect(results.map((r) => r.statusCode).sort()).toEqual(
          round === 3 ? [409, 409, 409, 409, 409, 409] : [201, 201, 201, 409, 409, 409],
        );
        expect(await stored(sha256Of(content))).toBe(committed.length > 0);
        for (const { res, owner, draft } of committed) {
          const file = await owner({
            method: 'GET',
            url: `/api/reports/${draft.id}/evidence/${res.json<TAttachedEvidence>().id}`,
          });
          expect(file.rawPayload.equals(content)).toBe(true);
        }
      }
    } finally {
      await ctx.db.execute(sql`drop trigger if exists fail_evidence_for_test on report_evidence`);
    }
  });
});

describe('the evidence size limit', () => {
  it('a file just over EVIDENCE_MAX_MB: 413 naming that limit, not the JSON body limit', async () => {
    const small = await buildApp({
      database: ctx.database,
      evidence: { store: ctx.app.evidence.store, maxBytes: 64 * 1024 },
    });
    try {
      const unit = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId });
      const plan = await buildPlan(ctx.db);
      await buildItem(ctx.db, { planId: plan.id, code: '5.1', leadOrgUnitId: unit.id });
      const owner = (await signInAs(small, ctx.db, 'officer', unit.id)).inject;
      const draft = await openRoundReport(ctx.inject, owner, plan.id, '2026M08');
      const send = (size: number, lang = 'vi') =>
        owner({
          method: 'POST',
          url: `/api/reports/${draft.id}/evidence?fileName=lon.pdf&version=${draft.version}`,
          headers: { 'content-type': 'application/pdf', 'accept-language': lang },
          payload: Buffer.concat([PDF, Buffer.alloc(size - PDF.length, 0x20)]),
        });
      const over = await send(64 * 1024 + 1);
      expect(over.statusCode).toBe(413);
      expect(over.json<TProblem>()).toMatchObject({
        code: 'payload_too_large',
        detail: 'Dữ liệu gửi lên vượt quá giới hạn 64 KB.',
      });
      expect((await send(64 * 1024 + 1, 'en')).json<TProblem>().detail).toBe(
        'The request exceeds the 64 KB limit.',
      );
      expect((await send(64 * 1024)).statusCode).toBe(201);
    } finally {
      await small.close();
    }
  });
});
