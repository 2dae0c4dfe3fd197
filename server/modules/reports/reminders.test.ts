import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TRound, TRoundReport } from '../../../common/contracts/rounds';
import { rowsOf } from '../../db/sql';
import { createTestContext, type TestContext } from '../../test/context';
import { buildItem, buildOrgUnit, buildPlan } from '../../test/factories';
import { type Injector, signInAs } from '../../test/sessions';
import { runDueJobs } from '../jobs/worker';
import { queueReminders, reminderStage } from './reminders';

describe('reminder stages', () => {
  it.each([
    ['2026-10-17', null],
    ['2026-10-18', 'due_soon'],
    ['2026-10-20', 'due_soon'],
    ['2026-10-21', 'due_today'],
    ['2026-10-22', 'overdue'],
    ['2026-10-24', 'overdue'],
    ['2026-10-25', 'escalated'],
  ])('on %s a report due on 21/10 with 3 days of grace is %s', (today, stage) => {
    expect(reminderStage(today, '2026-10-21', 3)).toBe(stage);
  });
});

let ctx: TestContext;
let smtp: SMTPServer;
const received: { to: string[]; subject: string; text: string }[] = [];
const savedSmtp = process.env.SMTP_URL;
let unit: { id: string };
let officer: { user: { id: string }; inject: Injector };
let head: { user: { id: string } };
let secretariat: { user: { id: string }; inject: Injector };
let reportId: string;

beforeAll(async () => {
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;

  ctx = await createTestContext();
  unit = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId, name: 'Xã Thử Nghiệm' });
  const plan = await buildPlan(ctx.db);
  await buildItem(ctx.db, { planId: plan.id, code: '2.1', leadOrgUnitId: unit.id });
  officer = await signInAs(ctx.app, ctx.db, 'officer', unit.id);
  head = await signInAs(ctx.app, ctx.db, 'head', unit.id);
  secretariat = await signInAs(ctx.app, ctx.db, 'secretariat', ctx.rootOrgUnitId);
  await ctx.db.execute(sql`update users set email = 'canbo@xa.example.vn' where id = ${officer.user.id}`);
  await ctx.db.execute(sql`update users set email = 'lanhdao@xa.example.vn' where id = ${head.user.id}`);
  const round = await secretariat.inject({
    method: 'POST',
    url: '/api/rounds',
    payload: { planId: plan.id, period: '2026M10' },
  });
  expect(round.statusCode, round.body).toBe(201);
  const reports = await secretariat.inject({
    method: 'GET',
    url: `/api/rounds/${round.json<TRound>().id}/reports`,
  });
  reportId = reports.json<{ items: TRoundReport[] }>().items[0]!.reportId;
});

afterAll(async () => {
  process.env.SMTP_URL = savedSmtp;
  await ctx?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const notificationsOf = async (userId: string) =>
  rowsOf<{ kind: string; title: string }>(
    await ctx.db.execute(
      sql`select kind, title from notifications where user_id = ${userId} order by created_at`,
    ),
  ).map((n) => n.kind);

/** A day's hourly job as the worker runs it: queue what is due, then run the queue. */
async function runDay(today: string, times = 1) {
  for (let i = 0; i < times; i++) {
    await queueReminders(ctx.db, today);
    await runDueJobs(ctx.db);
  }
}

describe('reminders and escalation', () => {
  it('reminds the officer before and on the due day, once each however often the job runs', async () => {
    await runDay('2026-10-19', 3);
    await runDay('2026-10-21', 2);
    expect(await notificationsOf(officer.user.id)).toEqual(['report.due_soon', 'report.due_today']);
    expect(await notificationsOf(head.user.id)).toEqual([]);
  });

  it('escalates to the head when overdue, then to the secretariat after the grace period', async () => {
    await runDay('2026-10-22');
    expect(await notificationsOf(head.user.id)).toEqual(['report.overdue']);
    await runDay('2026-10-26', 2);
    expect(await notificationsOf(head.user.id)).toEqual(['report.overdue', 'report.escalated']);
    expect(await notificationsOf(secretariat.user.id)).toEqual(['report.escalated']);
    expect(await notificationsOf(officer.user.id)).toHaveLength(4);
  });

  it('e-mails those with an address through the SMTP server, in Vietnamese', async () => {
    const toOfficer = received.filter((m) => m.to.includes('canbo@xa.example.vn'));
    const toHead = received.filter((m) => m.to.includes('lanhdao@xa.example.vn'));
    expect(toOfficer).toHaveLength(4);
    expect(toHead).toHaveLength(2);
    expect(toOfficer[0]!.subject).toBe('Sắp đến hạn: báo cáo tháng 10/2026 của Xã Thử Nghiệm');
  });

  it('says nothing more once the report is sent, and shows the user their notifications', async () => {
    const report = await officer.inject({ method: 'GET', url: `/api/reports/${reportId}` });
    await officer.inject({
      method: 'POST',
      url: `/api/reports/${reportId}/submit`,
      payload: { version: report.json<{ version: number }>().version },
    });
    const before = received.length;
    await ctx.db.execute(sql`delete from jobs where dedupe_key like 'remind:%'`);
    await runDay('2026-10-27');
    expect(received.length).toBe(before);
    const mine = await officer.inject({ method: 'GET', url: '/api/notifications' });
    const body = mine.json<{ items: { id: string; link: string }[]; unread: number }>();
    expect(body.unread).toBe(4);
    expect(body.items[0]!.link).toBe(`/bao-cao/${reportId}`);
    expect(
      (await officer.inject({ method: 'POST', url: `/api/notifications/${body.items[0]!.id}/read` }))
        .statusCode,
    ).toBe(204);
    // someone else's notification is not there for anyone else
    const other = await ctx.inject({ method: 'POST', url: `/api/notifications/${body.items[1]!.id}/read` });
    expect(other.statusCode).toBe(404);
    await officer.inject({ method: 'POST', url: '/api/notifications/read-all' });
    expect(
      (await officer.inject({ method: 'GET', url: '/api/notifications' })).json<{ unread: number }>().unread,
    ).toBe(0);
  });
});
