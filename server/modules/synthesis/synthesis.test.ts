/**
 * A round's synthesis through the API: drafted from the SENT reports only (a draft report says
 * nothing yet), every sentence naming report sentences of the round; the secretariat's edit saved
 * from the version read, refused when stale or citing a sentence of no report; drafting again keeps
 * the edit among the versions; the audit events; "out of date" once another report is sent; the
 * periodic report takes the synthesis as its narrative; the lexicon saved, versioned, checked and
 * previewed; the optional model's rewording accepted, and refused when it invents a source. Only the
 * secretariat (and administrators) may read or write any of it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDocument } from '../../../common/contracts/documents';
import type { TReport } from '../../../common/contracts/reports';
import type { TRound, TRoundReport } from '../../../common/contracts/rounds';
import type {
  TLexicon,
  TLexiconPreview,
  TRoundSynthesis,
  TSaveSynthesisRequest,
  TSynthesisVersionDetail,
  TSynthesisVersionList,
} from '../../../common/contracts/synthesis';
import type { TProblem } from '../../../common/problem';
import { rowsOf } from '../../db/sql';
import { createTestContext, type TestContext } from '../../test/context';
import { buildItem, buildOrgUnit, buildPlan } from '../../test/factories';
import { type Injector, signInAs } from '../../test/sessions';
import { DEFAULT_LEXICON } from './engine';

let ctx: TestContext;
let secretariat: Injector;
let officer: Injector;
let roundId: string;
const officers: Record<string, Injector> = {};
const reportIds: Record<string, string> = {};

const TEXTS = {
  A: {
    obstacles:
      'Kinh phí được giao trong năm chưa đủ để triển khai các hạng mục. Đơn vị thiếu cán bộ chuyên trách.',
    proposals: 'Đề nghị Sở Tài chính bổ sung kinh phí cho nhiệm vụ.',
    item: 'Dự toán chi cho nhiệm vụ chưa được phê duyệt nên chưa ký được hợp đồng.',
  },
  B: {
    obstacles: 'Nguồn vốn đầu tư công chưa được bố trí. Đường truyền mạng tại trụ sở thường xuyên gián đoạn.',
    proposals: 'Đề nghị tỉnh ưu tiên bố trí vốn cho hạ tầng số cấp xã.',
    item: 'Ngân sách xã hạn hẹp, không cân đối được vốn đối ứng.',
  },
  C: {
    obstacles: 'Câu của một báo cáo chưa gửi, không được tổng hợp.',
    proposals: null,
    item: null,
  },
} as const;

async function saveAndSend(unit: 'A' | 'B' | 'C', planItemId: string, send: boolean) {
  const inject = officers[unit]!;
  const report = (await inject({ method: 'GET', url: `/api/reports/${reportIds[unit]}` })).json<TReport>();
  const saved = await inject({
    method: 'PATCH',
    url: `/api/reports/${report.id}`,
    payload: {
      version: report.version,
      general: {
        summary: 'Đơn vị đã triển khai nhiệm vụ được giao.',
        obstacles: TEXTS[unit].obstacles,
        proposals: TEXTS[unit].proposals,
      },
      items: [{ planItemId, progress: 50, results: 'Đã khảo sát hiện trạng.', obstacles: TEXTS[unit].item }],
    },
  });
  expect(saved.statusCode, saved.body).toBe(200);
  if (!send) return;
  const sent = await inject({
    method: 'POST',
    url: `/api/reports/${report.id}/submit`,
    payload: { version: saved.json<TReport>().version },
  });
  expect(sent.statusCode, sent.body).toBe(200);
}

let items: Record<'A' | 'B' | 'C', string>;

beforeAll(async () => {
  ctx = await createTestContext();
  const units = {
    A: await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId, name: 'Xã An' }),
    B: await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId, name: 'Xã Bình' }),
    C: await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId, name: 'Xã Cát' }),
  };
  const planId = (await buildPlan(ctx.db)).id;
  const group = await buildItem(ctx.db, { planId, code: '1', kind: 'group', title: 'Hạ tầng số' });
  items = {
    A: (await buildItem(ctx.db, { planId, code: '1.1', parentId: group.id, leadOrgUnitId: units.A.id })).id,
    B: (await buildItem(ctx.db, { planId, code: '1.2', parentId: group.id, leadOrgUnitId: units.B.id })).id,
    C: (await buildItem(ctx.db, { planId, code: '1.3', parentId: group.id, leadOrgUnitId: units.C.id })).id,
  };
  secretariat = (await signInAs(ctx.app, ctx.db, 'secretariat', ctx.rootOrgUnitId)).inject;
  for (const unit of ['A', 'B', 'C'] as const)
    officers[unit] = (await signInAs(ctx.app, ctx.db, 'officer', units[unit].id)).inject;
  officer = officers.A!;
  const opened = await secretariat({
    method: 'POST',
    url: '/api/rounds',
    payload: { planId, period: '2026M11', kind: 'ad_hoc', dueDate: '2026-12-10' },
  });
  expect(opened.statusCode, opened.body).toBe(201);
  roundId = opened.json<TRound>().id;
  const list = (await secretariat({ method: 'GET', url: `/api/rounds/${roundId}/reports` })).json<{
    items: TRoundReport[];
  }>();
  for (const unit of ['A', 'B', 'C'] as const)
    reportIds[unit] = list.items.find((r) => r.orgUnit.id === units[unit].id)!.reportId;
  await saveAndSend('A', items.A, true);
  await saveAndSend('B', items.B, true);
  await saveAndSend('C', items.C, false);
});

afterAll(() => ctx?.close());

const synthesisUrl = () => `/api/rounds/${roundId}/synthesis`;
const read = async () => {
  const res = await secretariat({ method: 'GET', url: synthesisUrl() });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TRoundSynthesis>();
};
const generate = (version: number | null, reword = false) =>
  secretariat({ method: 'POST', url: `${synthesisUrl()}/generate`, payload: { version, reword } });

/** The edit of a draft as the editor sends it: its sections with the first sentence's text replaced. */
function edited(s: TRoundSynthesis, text: string): TSaveSynthesisRequest {
  return {
    version: s.draft!.version,
    sections: s.draft!.sections.map((section, i) => ({
      key: section.key,
      kind: section.kind,
      title: section.title,
      sentences: section.sentences.map((d, j) => ({
        text: i === 0 && j === 0 ? text : d.text,
        sourceSentenceIds: d.sourceSentenceIds,
      })),
    })),
  };
}

describe('a round’s synthesis', () => {
  it('is empty before the first draft', async () => {
    const s = await read();
    expect(s).toMatchObject({ draft: null, unitCount: 3, reportingUnitCount: 2, clusters: [], stale: false });
  });

  it('drafts from the sent reports, every sentence tracing to their sentences', async () => {
    const res = await generate(null);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json<TRoundSynthesis>();
    expect(s.draft).toMatchObject({
      version: 1,
      origin: 'template',
      model: { configured: false, asked: false },
    });
    expect(s.unitCount).toBe(3);
    expect(s.reportingUnitCount).toBe(2);
    // the sent reports' sentences, none of the draft report's
    const sentReports = [reportIds.A, reportIds.B];
    expect(new Set(s.sentences.map((x) => x.reportId))).toEqual(new Set(sentReports));
    expect(s.sentences.some((x) => x.text.startsWith('Đơn vị thiếu cán bộ chuyên trách'))).toBe(true);
    expect(s.sentences.find((x) => x.text.startsWith('Ngân sách xã'))).toMatchObject({
      kind: 'obstacle',
      reportId: reportIds.B,
      unit: { name: 'Xã Bình' },
      task: { id: items.B, code: '1.2' },
    });
    expect(JSON.stringify(s)).not.toContain('không được tổng hợp');
    const byId = new Map(s.sentences.map((x) => [x.id, x]));
    const all = s.draft!.sections.flatMap((section) => section.sentences);
    expect(all.length).toBeGreaterThan(0);
    for (const d of all) {
      expect(d.sourceSentenceIds.length, d.text).toBeGreaterThan(0);
      for (const id of d.sourceSentenceIds) expect(byId.has(id), id).toBe(true);
      expect(d.sourceReportIds).toEqual(
        [...new Set(d.sourceSentenceIds.map((id) => byId.get(id)!.reportId))].sort(),
      );
    }
    // obstacle and proposal clusters cover each such sentence exactly once
    const clustered = s.clusters.flatMap((c) => c.ids).sort();
    const expected = s.sentences
      .filter((x) => x.kind !== 'result')
      .map((x) => x.id)
      .sort();
    expect(clustered).toEqual(expected);
  });

  it('saves an edit from the version read; refuses a stale version and a source of no report', async () => {
    const s = await read();
    const res = await secretariat({
      method: 'PUT',
      url: synthesisUrl(),
      payload: edited(s, 'Câu đã được văn phòng sửa.'),
    });
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json<TRoundSynthesis>();
    expect(saved.draft).toMatchObject({ version: 2, origin: 'edited' });
    expect(saved.draft!.sections[0]!.sentences[0]!.text).toBe('Câu đã được văn phòng sửa.');
    expect(saved.draft!.sections[0]!.sentences[0]!.sourceReportIds).toEqual(
      s.draft!.sections[0]!.sentences[0]!.sourceReportIds,
    );
    const stale = await secretariat({ method: 'PUT', url: synthesisUrl(), payload: edited(s, 'Lần nữa.') });
    expect(stale.statusCode).toBe(409);
    const invented = edited(saved, 'Câu có nguồn bịa.');
    invented.sections[0]!.sentences[0]!.sourceSentenceIds = [`${reportIds.C}:obstacles:1`];
    const refused = await secretariat({ method: 'PUT', url: synthesisUrl(), payload: invented });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<TProblem>().errors?.[0]?.field).toBe('sections.0.sentences.0.sourceSentenceIds.0');
    const empty = await secretariat({ method: 'PUT', url: synthesisUrl(), payload: edited(saved, '   ') });
    expect(empty.statusCode).toBe(400);
  });

  it('drafts again from the version read, keeping the edit among the versions; audited', async () => {
    expect((await generate(1)).statusCode).toBe(409);
    const res = await generate(2);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<TRoundSynthesis>().draft).toMatchObject({ version: 3, origin: 'template' });
    const versions = (
      await secretariat({ method: 'GET', url: `${synthesisUrl()}/versions` })
    ).json<TSynthesisVersionList>();
    expect(versions.items.map((v) => [v.version, v.origin])).toEqual([
      [3, 'template'],
      [2, 'edited'],
      [1, 'template'],
    ]);
    const two = await secretariat({ method: 'GET', url: `${synthesisUrl()}/versions/2` });
    expect(two.statusCode, two.body).toBe(200);
    expect(two.json<TSynthesisVersionDetail>().sections[0]!.sentences[0]!.text).toBe(
      'Câu đã được văn phòng sửa.',
    );
    expect((await secretariat({ method: 'GET', url: `${synthesisUrl()}/versions/9` })).statusCode).toBe(404);
    const events = rowsOf<{ action: string; after: { version: number } }>(
      await ctx.db.execute(sql`select action, after from audit_events
        where resource_type = 'synthesis' and resource_id = ${roundId} order by id`),
    );
    expect(events.map((e) => [e.action, e.after.version])).toEqual([
      ['synthesis.generate', 1],
      ['synthesis.update', 2],
      ['synthesis.generate', 3],
    ]);
  });

  it('is out of date once another report is sent', async () => {
    expect((await read()).stale).toBe(false);
    await saveAndSend('C', items.C, true);
    expect((await read()).stale).toBe(true);
  });

  it('goes into the province’s periodic report as its narrative', async () => {
    const s = await read();
    const kindOf = new Map(s.sentences.map((x) => [x.id, x.kind]));
    const themes = s
      .draft!.sections.filter((section) => section.kind === 'theme')
      .flatMap((x) => x.sentences);
    const only = (kind: string) =>
      themes.find((d) => d.sourceSentenceIds.every((id) => kindOf.get(id) === kind))!.text;
    const overview = s.draft!.sections.find((section) => section.kind === 'overview')!.sentences[0]!.text;
    const res = await secretariat({ method: 'POST', url: '/api/documents', payload: { roundId } });
    expect(res.statusCode, res.body).toBe(201);
    const document = res.json<TDocument>();
    const body = (kind: string) => document.sections.find((section) => section.kind === kind)!.body;
    expect(body('obstacles')).toContain(only('obstacle'));
    expect(body('proposals')).toContain(only('proposal'));
    expect(body('obstacles')).not.toContain(only('proposal'));
    expect(body('overall')).toContain(overview);
    // the synthesis in place of each unit's words one by one
    expect(body('obstacles')).not.toContain('Xã An: ');
  });

  it('is the secretariat’s alone', async () => {
    expect((await officer({ method: 'GET', url: synthesisUrl() })).statusCode).toBe(403);
    expect(
      (await officer({ method: 'POST', url: `${synthesisUrl()}/generate`, payload: { version: null } }))
        .statusCode,
    ).toBe(403);
    expect((await officer({ method: 'GET', url: '/api/synthesis-lexicon' })).statusCode).toBe(403);
    const unknown = await secretariat({
      method: 'GET',
      url: '/api/rounds/00000000-0000-4000-8000-000000000000/synthesis',
    });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('the lexicon', () => {
  it('starts as the engine’s default, is saved from the version read, checked and audited', async () => {
    const initial = (await secretariat({ method: 'GET', url: '/api/synthesis-lexicon' })).json<TLexicon>();
    expect(initial).toMatchObject({ version: 0, concepts: DEFAULT_LEXICON.concepts });
    const concepts = [...initial.concepts, { key: 'OFFICE', label: 'Trụ sở làm việc', terms: ['trụ sở'] }];
    const put = (version: number, list: unknown) =>
      secretariat({ method: 'PUT', url: '/api/synthesis-lexicon', payload: { version, concepts: list } });
    const saved = await put(0, concepts);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<TLexicon>()).toMatchObject({ version: 1, concepts });
    expect((await put(0, concepts)).statusCode).toBe(409);
    const badKey = await put(1, [{ key: 'kinh phí', label: 'Kinh phí', terms: ['kinh phí'] }]);
    expect(badKey.statusCode).toBe(400);
    expect(badKey.json<TProblem>().errors?.[0]?.field).toBe('concepts.0.key');
    const twice = await put(1, [concepts.at(-1), concepts.at(-1)]);
    expect(twice.statusCode).toBe(400);
    expect(twice.json<TProblem>().errors?.[0]?.field).toBe('concepts.1.key');
    const [event] = rowsOf<{ after: { changed: string[] } }>(
      await ctx.db.execute(sql`select after from audit_events where action = 'synthesis.lexicon_update'`),
    );
    expect(event?.after.changed).toEqual(['OFFICE']);
  });

  it('previews what an edit changes in the round’s clusters, saving nothing', async () => {
    const current = (await secretariat({ method: 'GET', url: '/api/synthesis-lexicon' })).json<TLexicon>();
    const without = current.concepts.filter((c) => c.key !== 'OFFICE');
    const res = await secretariat({
      method: 'POST',
      url: '/api/synthesis-lexicon/preview',
      payload: { roundId, concepts: without },
    });
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json<TLexiconPreview>();
    expect(preview.sentenceCount).toBeGreaterThan(0);
    const change = preview.changed.find((c) => c.text.startsWith('Đường truyền mạng tại trụ sở'))!;
    expect(change).toMatchObject({ count: 1 });
    expect(change.before).toContain('Trụ sở làm việc');
    expect(change.after).not.toContain('Trụ sở làm việc');
    expect(preview.before.reduce((n, c) => n + c.size, 0)).toBe(
      preview.after.reduce((n, c) => n + c.size, 0),
    );
    expect(
      (await secretariat({ method: 'GET', url: '/api/synthesis-lexicon' })).json<TLexicon>().version,
    ).toBe(1);
  });
});

describe('the optional model', () => {
  let server: http.Server;
  let mode: 'reword' | 'invent' = 'reword';
  const saved = { ...process.env };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => {
        raw += c;
      });
      req.on('end', () => {
        const prompt = (JSON.parse(raw) as { messages: { content: string }[] }).messages.at(-1)!.content;
        const content = prompt
          .split('\n')
          .map((line) =>
            mode === 'reword'
              ? line.replace(/^\[(C\d+)\] (.*) ((?:\[N\d+\])+)$/, '[$1] (viết lại) $2 $3')
              : line.replace(/((?:\[N\d+\])+)$/, '$1[N999]'),
          )
          .join('\n');
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ choices: [{ message: { content } }] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    process.env.SYNTHESIS_MODEL_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    process.env.SYNTHESIS_MODEL_TIMEOUT_MS = '5000';
  });

  afterAll(async () => {
    process.env = saved;
    await new Promise((resolve) => server.close(resolve));
  });

  it('rewords the draft, every sentence keeping its sources', async () => {
    const before = await read();
    mode = 'reword';
    const res = await generate(before.draft!.version, true);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json<TRoundSynthesis>();
    expect(s.modelConfigured).toBe(true);
    const count = s.draft!.sections.flatMap((x) => x.sentences).length;
    expect(s.draft).toMatchObject({ origin: 'model', model: { asked: true, accepted: count, rejected: 0 } });
    for (const d of s.draft!.sections.flatMap((x) => x.sentences))
      expect(d.text.startsWith('(viết lại) ')).toBe(true);
  });

  it('keeps the template text when the model invents a source', async () => {
    const before = await read();
    mode = 'invent';
    const res = await generate(before.draft!.version, true);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json<TRoundSynthesis>();
    expect(s.draft!.origin).toBe('template');
    expect(s.draft!.model.accepted).toBe(0);
    expect(s.draft!.model.note).toContain('đổi nguồn');
    for (const d of s.draft!.sections.flatMap((x) => x.sentences)) expect(d.text).not.toContain('(viết lại)');
  });
});
