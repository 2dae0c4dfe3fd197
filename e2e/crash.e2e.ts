/**
 * Nothing lost, nothing half-written: a burst of concurrent report submissions, the server killed
 * with SIGKILL in the middle, a restart on the same database. Every submission the server
 * acknowledged is there, whole; every other one is either wholly there or wholly absent (status,
 * version and its audit event agree); re-sending the unacknowledged ones with their
 * Idempotency-Keys completes each exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TReport } from '../common/contracts/reports';
import type { TRound, TRoundReport } from '../common/contracts/rounds';
import { type ApiClient, signIn, signInAdmin } from './api-client';
import { createTestLocation, type DataLocation, type RunningServer, startServer } from './server';

let location: DataLocation;
let server: RunningServer | null = null;

beforeAll(async () => {
  location = await createTestLocation('crash');
  // node-tsx: the pid is the server's own, so SIGKILL hits exactly it
  server = await startServer({ launcher: 'node-tsx', env: location.env });
});

afterAll(async () => {
  await server?.stop();
  await location?.dispose();
});

async function reportsOf(api: ApiClient, roundId: string): Promise<TRoundReport[]> {
  const res = await api.request<{ items: TRoundReport[] }>('GET', `/rounds/${roundId}/reports?pageSize=500`);
  expect(res.status).toBe(200);
  return res.body.items;
}

async function submitEvents(api: ApiClient): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let page = 1; ; page++) {
    const res = await api.request<{ items: { resource: { id: string | null } }[]; total: number }>(
      'GET',
      `/audit-events?action=report.submit&pageSize=500&page=${page}`,
    );
    for (const e of res.body.items) counts.set(e.resource.id!, (counts.get(e.resource.id!) ?? 0) + 1);
    if (page * 500 >= res.body.total) return counts;
  }
}

describe('a crash during a burst of submissions', () => {
  it('keeps every acknowledged submission whole and no other half-written', async () => {
    const secretariat = await signIn(server!.baseUrl, 'secretariat');
    const plans = await secretariat.request<{ items: { id: string }[] }>('GET', '/plans');
    const opened = await secretariat.request<TRound>('POST', '/rounds', {
      planId: plans.body.items[0]!.id,
      period: '2026M10',
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const roundId = opened.body.id;
    const admin = await signInAdmin(server!.baseUrl);
    const drafts = await reportsOf(admin, roundId);
    expect(drafts.length).toBeGreaterThanOrEqual(20);

    // The burst: 16 at a time; SIGKILL once a third have been acknowledged.
    const acknowledged = new Map<string, number>();
    const killAfter = Math.floor(drafts.length / 3);
    let killed = false;
    const queue = [...drafts];
    const submitOne = async (reportId: string) => {
      try {
        const res = await admin.request<TReport>(
          'POST',
          `/reports/${reportId}/submit`,
          { version: 1 },
          {
            'idempotency-key': `crash-${reportId}`,
          },
        );
        if (res.status === 200) acknowledged.set(reportId, res.body.version);
      } catch {
        // the connection died with the server: not acknowledged
      }
      if (!killed && acknowledged.size >= killAfter) {
        killed = true;
        process.kill(server!.pid, 'SIGKILL');
      }
    };
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await submitOne(next.reportId);
      }),
    );
    console.info(
      `crash test (${location.kind}): ${drafts.length} reports, ${acknowledged.size} acknowledged before SIGKILL`,
    );
    expect(killed).toBe(true);
    expect(acknowledged.size).toBeGreaterThanOrEqual(killAfter);
    expect(acknowledged.size).toBeLessThan(drafts.length);

    // Restart on the same database; the sessions live in it, so the same cookies still work.
    await server!.stop();
    server = await startServer({ launcher: 'node-tsx', env: location.env });
    const api = admin.on(server.baseUrl);
    const after = new Map((await reportsOf(api, roundId)).map((r) => [r.reportId, r]));
    const events = await submitEvents(api);
    for (const { reportId } of drafts) {
      const report = (await api.request<TReport>('GET', `/reports/${reportId}`)).body;
      if (acknowledged.has(reportId)) {
        expect(report.status, reportId).toBe('submitted');
        expect(report.version, reportId).toBe(acknowledged.get(reportId));
      }
      // Whole or absent: the status, the version and the audit event tell the same story.
      const submitted = report.status === 'submitted';
      expect(report.version, reportId).toBe(submitted ? 2 : 1);
      expect(events.get(reportId) ?? 0, reportId).toBe(submitted ? 1 : 0);
      expect(after.get(reportId)?.status).toBe(report.status);
    }

    // Re-sending what was not acknowledged completes it, once.
    for (const { reportId } of drafts.filter((d) => !acknowledged.has(d.reportId))) {
      const res = await api.request<TReport>(
        'POST',
        `/reports/${reportId}/submit`,
        { version: 1 },
        {
          'idempotency-key': `crash-${reportId}`,
        },
      );
      // applied before the crash but unheard, or not applied at all: either way the same answer, 200
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.status).toBe('submitted');
    }
    const final = await submitEvents(api);
    for (const { reportId } of drafts) expect(final.get(reportId), reportId).toBe(1);
  });
});
