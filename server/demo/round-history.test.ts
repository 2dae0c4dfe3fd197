/**
 * The demo rounds (round-history.ts): what they contain, and that the set-based steps write what
 * the services write. Two databases are seeded: A all set-based, B with the reports of a few units
 * (every kind of story among them) sent, approved, returned, accepted and given evidence through
 * reports/service.ts and evidence/service.ts. Every row the rounds touch must be the same in both
 * (ids replaced by codes): the set-based writer is the services' equal, and the seed is
 * deterministic.
 */
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCompleteness } from '../../common/contracts/rounds';
import type { Executor } from '../db/client';
import { rowsOf } from '../db/sql';
import { createDiskStore } from '../modules/evidence/disk-store';
import { createTestContext, type TestContext } from '../test/context';
import { signInAs } from '../test/sessions';
import { demoOrgUnits } from './org-units';
import { demoPdf, demoPng, outcomeOf } from './round-history';
import { seedDemo } from './seed';

const TODAY = '2026-12-07';
const PERIODS = ['2026Q1', '2026Q2', '2026Q3', '2026Q4'];
/** where the test app's evidence route reads (server/app.ts default store) */
const APP_EVIDENCE_DIR = path.join(os.tmpdir(), 'lotrinh-evidence');

/** Units whose reports go through the services in B: the demo units and a few with other stories. */
function serviceUnits(): Set<string> {
  const units = new Set(['16690', '16681', '40.SKHCN', '40.STC']);
  const wanted = new Set(['missing', 'waiting_head', 'waiting_secretariat', 'returned_open', 'late']);
  for (const unit of demoOrgUnits()) {
    for (const [i, period] of PERIODS.entries()) {
      const outcome = outcomeOf(period, unit.code, i === 3, i, PERIODS.length);
      if (wanted.delete(outcome)) units.add(unit.code);
    }
  }
  return units;
}

/** Every uuid of the database, as the code or name it stands for. */
async function labels(db: Executor): Promise<Map<string, string>> {
  const rows = rowsOf<{ id: string; label: string }>(
    await db.execute(sql`
      select id::text, 'unit:' || code as label from org_units
      union all select id::text, 'item:' || code from plan_items
      union all select id::text, 'user:' || username from users
      union all select id::text, 'indicator:' || code from indicators
      union all select id::text, 'plan:' || number from plans
      union all select id::text, 'round:' || period from rounds
      union all select id::text, 'publication:' || number from publications
      union all select r.id::text, 'report:' || rd.period || '/' || o.code from reports r
        join rounds rd on rd.id = r.round_id join org_units o on o.id = r.org_unit_id`),
  );
  return new Map(rows.map((r) => [r.id, r.label]));
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** JSON with every object's keys sorted: jsonb orders keys by their text, and ids become codes after it. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The rows of a query as sorted strings, every uuid replaced by its label. */
async function dump(db: Executor, query: ReturnType<typeof sql>): Promise<string[]> {
  const names = await labels(db);
  return rowsOf<Record<string, unknown>>(await db.execute(query))
    .map((row) =>
      canonical(JSON.parse(JSON.stringify(row).replace(UUID, (id) => names.get(id) ?? `unknown:${id}`))),
    )
    .sort();
}

/** Everything the demo rounds write, table by table (timestamps the services stamp with now() left out when untouched). */
const TABLES = {
  rounds: sql`select plan_id, period, kind, title, cutoff_end::text, due_date::text, grace_days, status,
    opened_by, opened_at::text, version from rounds`,
  reports: sql`select id, round_id, org_unit_id, due_date::text, status, general, returned_stage, return_reason,
    submitted_at::text, first_submitted_at::text, approved_at::text, accepted_at::text, version, updated_by,
    case when version > 1 then updated_at::text end as updated_at from reports`,
  report_items: sql`select * from report_items`,
  report_indicators: sql`select * from report_indicators`,
  report_snapshots: sql`select report_id, version, action, from_status, to_status, reason, content, actor_id,
    at::text from report_snapshots`,
  report_comments: sql`select report_id, field, body, author_id, created_at::text from report_comments`,
  report_evidence: sql`select report_id, plan_item_id, sha256, file_name, uploaded_by, uploaded_at::text
    from report_evidence`,
  evidence_files: sql`select sha256, size, content_type, created_at::text from evidence_files`,
  data_values: sql`select indicator_id, org_unit_id, period, value::text, state from data_values
    where period in ('2026Q1', '2026Q2', '2026Q3', '2026Q4')`,
  data_value_revisions: sql`select indicator_id, org_unit_id, period, value::text, comment, state, changed_by,
    request_id, changed_at::text from data_value_revisions`,
  plan_items: sql`select id, progress, version, completed_on::text,
    case when version > 1 then updated_at::text end as updated_at from plan_items`,
  plan_item_changes: sql`select item_id, action, actor, before, after, changed_at::text from plan_item_changes
    where action <> 'create'`,
  notifications: sql`select user_id, kind, title, body, link, created_at::text, read_at::text from notifications`,
  users: sql`select username, display_name, disabled from users`,
  role_assignments: sql`select user_id, role, org_unit_id from role_assignments`,
  audit_events: sql`select action, actor_user_id, actor_name, actor_roles, ip, request_id, resource_type,
    resource_id, org_unit_id, before, after from audit_events`,
};

describe('the demo rounds', () => {
  let a: TestContext;
  let b: TestContext;
  const viaServices = serviceUnits();

  beforeAll(async () => {
    [a, b] = await Promise.all([
      createTestContext({ today: TODAY, empty: true }),
      createTestContext({ today: TODAY, empty: true }),
    ]);
    await seedDemo(a.db, { today: TODAY, evidenceStore: createDiskStore(APP_EVIDENCE_DIR) });
    await seedDemo(b.db, {
      today: TODAY,
      evidenceStore: createDiskStore(path.join(os.tmpdir(), 'lotrinh-evidence-b')),
      viaServices: ({ unitCode }) => viaServices.has(unitCode),
    });
  }, 600_000);

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  async function secretariat(h: TestContext) {
    const [province] = rowsOf<{ id: string }>(
      await h.db.execute(sql`select id from org_units where parent_id is null`),
    );
    return (await signInAs(h.app, h.db, 'secretariat', province!.id)).inject;
  }

  it('writes through the services what it writes set-based, and the same on every seed', async () => {
    expect(viaServices.size).toBeGreaterThanOrEqual(6);
    for (const [table, query] of Object.entries(TABLES)) {
      const [left, right] = [await dump(a.db, query), await dump(b.db, query)];
      expect(left.length, table).toBeGreaterThan(0);
      const unknown = left.filter((r) => r.includes('unknown:'));
      expect(
        unknown.map((r) => r.slice(Math.max(0, r.indexOf('unknown:') - 150), r.indexOf('unknown:') + 50)),
        table,
      ).toEqual([]);
      expect(right, table).toEqual(left);
    }
  });

  it('closes the three past quarters and leaves the collecting one open, with a realistic mix', async () => {
    const inject = await secretariat(a);
    const res = await inject({ method: 'GET', url: '/api/rounds?pageSize=50' });
    expect(res.statusCode).toBe(200);
    const rounds = (
      res.json() as {
        items: {
          period: string;
          status: string;
          dueDate: string;
          completeness: TCompleteness;
        }[];
      }
    ).items.sort((x, y) => x.period.localeCompare(y.period));
    expect(rounds.map((r) => [r.period, r.status])).toEqual([
      ['2026Q1', 'closed'],
      ['2026Q2', 'closed'],
      ['2026Q3', 'closed'],
      ['2026Q4', 'open'],
    ]);
    expect(rounds[3]!.dueDate > TODAY).toBe(true);
    for (const round of rounds.slice(0, 3)) {
      const c = round.completeness;
      expect(c.expected, round.period).toBeGreaterThan(150);
      expect(c.accepted / c.expected, round.period).toBeGreaterThan(0.75);
      expect(c.late, round.period).toBeGreaterThanOrEqual(5);
      expect(c.missing, round.period).toBeGreaterThanOrEqual(3);
      expect(c.submitted - c.approved, round.period).toBeGreaterThanOrEqual(1); // waiting for the head
      expect(c.approved - c.accepted, round.period).toBeGreaterThanOrEqual(1); // waiting for the secretariat
      expect(c.onTime + c.late + c.missing, round.period).toBe(c.expected);
    }
    const open = rounds[3]!.completeness;
    expect(open.accepted).toBeGreaterThanOrEqual(10);
    expect(open.submitted).toBeGreaterThan(open.approved);
    expect(open.approved).toBeGreaterThan(open.accepted);
    expect(open.returned).toBeGreaterThanOrEqual(1);
    expect(open.expected - open.submitted - open.returned).toBeGreaterThan(40); // not sent yet
    expect(open.late + open.missing).toBe(0);

    const [drafts] = rowsOf<{ started: number; untouched: number; future: number }>(
      await a.db.execute(sql`select
          count(*) filter (where r.status = 'draft' and r.version > 1)::int as started,
          count(*) filter (where r.status = 'draft' and r.version = 1)::int as untouched,
          count(*) filter (where r.version > 1 and r.updated_at >= ${TODAY}::date)::int as future
        from reports r join rounds rd on rd.id = r.round_id where rd.period = '2026Q4'`),
    );
    expect(drafts!.started).toBeGreaterThanOrEqual(10);
    expect(drafts!.untouched).toBeGreaterThanOrEqual(10);
    expect(drafts!.future).toBe(0);
  });

  it('keeps the return of a report returned and then accepted: reason, comment, steps', async () => {
    const returned = rowsOf<{ id: string; return_reason: string; steps: string[]; comments: number }>(
      await a.db.execute(sql`select r.id, r.return_reason,
          (select array_agg(s.action order by s.id) from report_snapshots s where s.report_id = r.id) as steps,
          (select count(*)::int from report_comments c where c.report_id = r.id) as comments
        from reports r where r.status = 'accepted' and r.return_reason is not null`),
    );
    expect(returned.length).toBeGreaterThanOrEqual(6);
    for (const r of returned) {
      expect(r.return_reason.length).toBeGreaterThan(20);
      expect(r.comments).toBe(1);
      expect(r.steps).toContain('return');
      expect(r.steps.at(-1)).toBe('accept');
      expect(r.steps.filter((s) => s === 'submit')).toHaveLength(2);
    }
    // the head approves the corrected report again before the secretariat accepts it
    const secretariatReturns = returned.filter(
      (r) => r.steps.join() === 'submit,approve,return,submit,approve,accept',
    );
    expect(secretariatReturns.length).toBeGreaterThanOrEqual(1);
  });

  it('brings the tasks to the progress of their last accepted report, recorded as from that report', async () => {
    const tasks = rowsOf<{ code: string; progress: number; declared: number | null; changes: number }>(
      await a.db.execute(sql`select i.code, i.progress,
          (select ri.progress from report_items ri join reports r on r.id = ri.report_id
            where ri.plan_item_id = i.id and ri.role = 'lead' and r.status = 'accepted'
            order by r.accepted_at desc limit 1) as declared,
          (select count(*)::int from plan_item_changes c where c.item_id = i.id and c.after ? 'fromReport') as changes
        from plan_items i where i.kind <> 'group' and i.progress < 100`),
    );
    const fed = tasks.filter((t) => t.declared !== null);
    expect(fed.length).toBeGreaterThan(40);
    for (const t of fed) expect(t.progress, t.code).toBe(t.declared);
    expect(fed.filter((t) => t.changes >= 2).length).toBeGreaterThan(20);
    // progress rises round by round: no accepted report of a task declares less than an earlier one
    const [falls] = rowsOf<{ n: number }>(
      await a.db.execute(sql`select count(*)::int as n from plan_item_changes
        where after ? 'fromReport' and (after ->> 'progress')::int < (before ->> 'progress')::int`),
    );
    expect(falls!.n).toBe(0);
  });

  it('writes obstacles and proposals in varied words on every theme', async () => {
    const [texts] = rowsOf<{ obstacles: number; proposals: number; units: number }>(
      await a.db.execute(sql`select count(distinct obstacles)::int as obstacles,
          count(distinct proposals)::int as proposals,
          count(distinct r.org_unit_id) filter (where ri.obstacles ilike '%kinh phí%' or ri.obstacles ilike '%vốn%')::int as units
        from report_items ri join reports r on r.id = ri.report_id`),
    );
    expect(texts!.obstacles).toBeGreaterThanOrEqual(20);
    expect(texts!.proposals).toBeGreaterThanOrEqual(15);
    expect(texts!.units).toBeGreaterThanOrEqual(5);
    for (const word of ['kinh phí', 'cán bộ', 'mạng', 'hướng dẫn', 'dữ liệu', 'kỹ năng số']) {
      const [n] = rowsOf<{ n: number }>(
        await a.db.execute(
          sql`select count(*)::int as n from report_items where obstacles ilike ${`%${word}%`}`,
        ),
      );
      expect(n!.n, word).toBeGreaterThan(0);
    }
  });

  it('attaches evidence files that download as the PDF or PNG they are', async () => {
    const files = rowsOf<{
      report_id: string;
      id: string;
      sha256: string;
      content_type: string;
      plan_item_id: string | null;
    }>(
      await a.db.execute(sql`select e.report_id, e.id, e.sha256, f.content_type, e.plan_item_id
        from report_evidence e join evidence_files f on f.sha256 = e.sha256 order by e.uploaded_at`),
    );
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(files.some((f) => f.content_type === 'application/pdf')).toBe(true);
    expect(files.some((f) => f.content_type === 'image/png')).toBe(true);
    expect(files.filter((f) => f.plan_item_id !== null).length).toBeGreaterThan(10);
    const inject = await secretariat(a);
    for (const file of [
      files.find((f) => f.content_type === 'application/pdf')!,
      files.find((f) => f.content_type === 'image/png')!,
    ]) {
      const res = await inject({ method: 'GET', url: `/api/reports/${file.report_id}/evidence/${file.id}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(file.content_type);
      const magic = res.rawPayload.subarray(0, 4).toString('latin1');
      expect(magic).toBe(file.content_type === 'application/pdf' ? '%PDF' : '\x89PNG');
    }
  });
});

describe('demo evidence bytes', () => {
  it('are a PDF whose cross-reference table points at its objects, and a PNG with valid chunks', () => {
    const pdf = demoPdf(['Lo Trinh', 'test']).toString('latin1');
    const xref = Number(pdf.match(/startxref\n(\d+)/)![1]);
    expect(pdf.slice(xref, xref + 4)).toBe('xref');
    const offsets = [...pdf.matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    for (const [i, offset] of offsets.entries()) expect(pdf.slice(offset, offset + 7)).toBe(`${i + 1} 0 obj`);
    const png = demoPng([20, 60, 100], [10, 120, 200]);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect(png.subarray(-8, -4).toString('latin1')).toBe('IEND');
  });
});
