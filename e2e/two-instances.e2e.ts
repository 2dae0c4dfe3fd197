/**
 * Two app instances on one PostgreSQL database: a session opened on one is served by the other
 * and ends on both; two saves of one report from the same version through different instances
 * give one success and one 409 (no lost update); one Idempotency-Key sent to both at once is
 * applied once; queued jobs are run once although both instances run a worker.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TReport } from '../common/contracts/reports';
import type { TRound, TRoundReport } from '../common/contracts/rounds';
import { signIn, signInAdmin } from './api-client';
import { createPostgresLocation, type DataLocation, type RunningServer, startServer } from './server';

const adminUrl = process.env.TEST_DATABASE_URL;
let location: DataLocation;
let a: RunningServer;
let b: RunningServer;

describe.skipIf(!adminUrl)('two instances on one PostgreSQL (needs TEST_DATABASE_URL)', () => {
  beforeAll(async () => {
    location = await createPostgresLocation(adminUrl!, 'lotrinh_two_');
    a = await startServer({ launcher: 'node-tsx', env: location.env });
    // the second finds the database seeded and migrated, and starts as a peer
    b = await startServer({ launcher: 'node-tsx', env: location.env });
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await location?.dispose();
  });

  it('serves a session on both instances and ends it on both', async () => {
    const onA = await signIn(a.baseUrl, 'truongvinh.canbo');
    const onB = onA.on(b.baseUrl);
    expect((await onB.request('GET', '/auth/me')).status).toBe(200);
    expect((await onB.request('POST', '/auth/logout')).status).toBe(204);
    expect((await onA.request('GET', '/auth/me')).status).toBe(401);
  });

  it('loses no update and applies one Idempotency-Key once across instances', async () => {
    const secretariat = await signIn(a.baseUrl, 'secretariat');
    const plans = await secretariat.request<{ items: { id: string }[] }>('GET', '/plans');
    const round = await secretariat.request<TRound>('POST', '/rounds', {
      planId: plans.body.items[0]!.id,
      period: '2026M09',
    });
    expect(round.status).toBe(201);
    const adminA = await signInAdmin(a.baseUrl);
    const adminB = adminA.on(b.baseUrl);
    const reports = (
      await adminA.request<{ items: TRoundReport[] }>('GET', `/rounds/${round.body.id}/reports?pageSize=500`)
    ).body.items;

    // Two saves from version 1 at the same moment, one per instance.
    const first = reports[0]!.reportId;
    const saves = await Promise.all(
      [adminA, adminB].map((api, i) =>
        api.request<TReport>('PATCH', `/reports/${first}`, { version: 1, general: { summary: `bản ${i}` } }),
      ),
    );
    expect(saves.map((s) => s.status).sort()).toEqual([200, 409]);
    const kept = (await adminB.request<TReport>('GET', `/reports/${first}`)).body;
    expect(kept.version).toBe(2);
    expect(kept.general.summary).toBe(saves.find((s) => s.status === 200)!.body.general.summary);

    // One key, both instances, at once: one submission, the same answer twice.
    const second = reports[1]!.reportId;
    const answers = await Promise.all(
      [adminA, adminB].map((api) =>
        api.request<TReport>(
          'POST',
          `/reports/${second}/submit`,
          { version: 1 },
          { 'idempotency-key': 'hai-may' },
        ),
      ),
    );
    expect(answers.map((x) => x.status)).toEqual([200, 200]);
    expect(answers[0]!.body).toEqual(answers[1]!.body);
    const events = await adminA.request<{ total: number }>(
      'GET',
      `/audit-events?action=report.submit&resourceId=${second}`,
    );
    expect(events.body.total).toBe(1);
  });

  it('runs each queued job once although both instances run a worker', async () => {
    const db = new pg.Client({ connectionString: location.env.DATABASE_URL });
    await db.connect();
    try {
      const hasJobs = await db.query(`select to_regclass('jobs') is not null as present`);
      expect(hasJobs.rows[0].present).toBe(true);
      await db.query(`insert into jobs (kind, payload, run_at)
        select 'mail.send', jsonb_build_object('to', 'kiemthu' || g || '@example.vn', 'subject', 'Nhắc báo cáo', 'text', 'Kiểm thử'), now()
        from generate_series(1, 200) g`);
      const deadline = Date.now() + 60_000;
      for (;;) {
        const left = await db.query(
          `select count(*)::int as n from jobs where kind = 'mail.send' and status <> 'done'`,
        );
        if (left.rows[0].n === 0 || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const done = await db.query(
        `select count(*)::int as n, max(attempts)::int as most
         from jobs where kind = 'mail.send' and status = 'done'`,
      );
      expect(done.rows[0].n).toBe(200);
      // a job run twice would show a second attempt
      expect(done.rows[0].most).toBe(1);
    } finally {
      await db.end();
    }
  });
});
