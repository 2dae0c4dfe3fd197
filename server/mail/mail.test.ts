import net, { type AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, loadMailConfig } from '../config';
import { enqueueJob } from '../modules/jobs/queue';
import { jobs } from '../modules/jobs/tables';
import { runDueJobs } from '../modules/jobs/worker';
import { createTestContext, type TestContext } from '../test/context';
import { mailSendJob } from './job';
import { sendMail } from './mailer';

/** A real SMTP server on loopback that keeps what it receives. */
interface Received {
  user: string | undefined;
  mailFrom: string | null;
  rcptTo: string[];
  message: ParsedMail;
}

const USER = 'nhac-viec';
const PASSWORD = 'mật:khẩu@2026';
let smtp: SMTPServer;
let smtpPort: number;
let received: Received[] = [];
let ctx: TestContext;
const savedEnv = { SMTP_URL: process.env.SMTP_URL, MAIL_FROM: process.env.MAIL_FROM };

const reminder = {
  to: 'truongphong.khtc@skhcn.nghean.gov.vn',
  subject: 'Nhắc nộp báo cáo quý IV/2026 — Sở Khoa học và Công nghệ',
  text: [
    'Kính gửi đồng chí Trưởng phòng Kế hoạch – Tài chính,',
    'Báo cáo kết quả thực hiện Kế hoạch 328-KH/TU quý IV/2026 đến hạn ngày 05/01/2027.',
    'Khó khăn, vướng mắc và kiến nghị, đề xuất xin gửi kèm. Trân trọng!',
  ].join('\n'),
};

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function smtpUrl(port: number) {
  return `smtp://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}`;
}

async function jobRow(id: number) {
  const [row] = await ctx.db.select().from(jobs).where(eq(jobs.id, id));
  return row!;
}

beforeAll(async () => {
  ctx = await createTestContext({ empty: true });
  smtp = new SMTPServer({
    // plain SMTP on loopback: no STARTTLS (its self-signed certificate), password login allowed
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASSWORD) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((message) => {
          received.push({
            user: session.user as string | undefined,
            mailFrom: session.envelope.mailFrom === false ? null : session.envelope.mailFrom.address,
            rcptTo: session.envelope.rcptTo.map((r) => r.address),
            message,
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  await ctx?.close();
});

afterEach(async () => {
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  received = [];
  await ctx.db.delete(jobs);
});

describe('mail.send', () => {
  it('delivers through the SMTP server of SMTP_URL, Vietnamese text intact', async () => {
    process.env.SMTP_URL = smtpUrl(smtpPort);
    process.env.MAIL_FROM = 'Lộ Trình <nhac-viec@lotrinh.test>';
    const id = await ctx.db.transaction((tx) => enqueueJob(tx, mailSendJob, reminder));

    expect(await runDueJobs(ctx.db)).toMatchObject({ claimed: 1, done: 1 });

    expect(await jobRow(id!)).toMatchObject({ status: 'done', attempts: 1, lastError: null });
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail!.user).toBe(USER);
    expect(mail!.mailFrom).toBe('nhac-viec@lotrinh.test');
    expect(mail!.rcptTo).toEqual([reminder.to]);
    expect(mail!.message.subject).toBe(reminder.subject);
    expect(mail!.message.from?.value).toEqual([{ address: 'nhac-viec@lotrinh.test', name: 'Lộ Trình' }]);
    expect(mail!.message.to).toMatchObject({ value: [{ address: reminder.to }] });
    expect(mail!.message.text?.trimEnd()).toBe(reminder.text);
  });

  it('is retried with back-off while the mail server is down', async () => {
    process.env.SMTP_URL = smtpUrl(await freePort());
    const id = await enqueueJob(ctx.db, mailSendJob, reminder);
    const before = new Date();

    expect(await runDueJobs(ctx.db)).toMatchObject({ claimed: 1, retried: 1 });

    const row = await jobRow(id!);
    expect(row).toMatchObject({ status: 'queued', attempts: 1, lockedBy: null });
    expect(row.runAt.getTime()).toBeGreaterThan(before.getTime() + 25_000);
    expect(row.lastError).toMatch(/ECONNREFUSED/);
    expect(received).toEqual([]);

    // the server is back by the time the back-off has passed
    process.env.SMTP_URL = smtpUrl(smtpPort);
    expect(await runDueJobs(ctx.db, { now: new Date(row.runAt.getTime() + 1000) })).toMatchObject({
      done: 1,
    });
    expect(await jobRow(id!)).toMatchObject({ status: 'done', attempts: 2 });
    expect(received.map((r) => r.message.subject)).toEqual([reminder.subject]);
  });

  it('a wrong password is an error, kept on the job', async () => {
    process.env.SMTP_URL = `smtp://${USER}:sai@127.0.0.1:${smtpPort}`;
    const id = await enqueueJob(ctx.db, mailSendJob, reminder);
    expect(await runDueJobs(ctx.db)).toMatchObject({ retried: 1 });
    expect((await jobRow(id!)).lastError).toMatch(/Invalid username or password/);
  });

  it('completes without sending while e-mail is off', async () => {
    delete process.env.SMTP_URL;
    expect(await sendMail(reminder)).toEqual({ status: 'skipped', reason: 'mail_not_configured' });
    const id = await enqueueJob(ctx.db, mailSendJob, reminder);
    expect(await runDueJobs(ctx.db)).toMatchObject({ done: 1 });
    expect(await jobRow(id!)).toMatchObject({ status: 'done' });
    expect(received).toEqual([]);
  });

  it('refuses a payload without a valid address when enqueued', async () => {
    await expect(
      enqueueJob(ctx.db, mailSendJob, { ...reminder, to: 'không phải địa chỉ' }),
    ).rejects.toThrow();
    expect(await ctx.db.$count(jobs)).toBe(0);
  });
});

describe('mail configuration', () => {
  it('is off unless SMTP_URL is set; an empty value counts as unset', () => {
    expect(loadMailConfig({}).SMTP_URL).toBeUndefined();
    expect(loadMailConfig({ SMTP_URL: '' }).SMTP_URL).toBeUndefined();
    expect(loadMailConfig({}).MAIL_FROM).toBe('Lộ Trình <no-reply@localhost>');
    expect(loadConfig({ SMTP_URL: 'smtps://u:p@mail.example.vn:465' }).SMTP_URL).toBe(
      'smtps://u:p@mail.example.vn:465',
    );
  });

  it('refuses a URL that is not smtp:// or smtps://', () => {
    expect(() => loadMailConfig({ SMTP_URL: 'http://mail.example.vn' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ SMTP_URL: 'not a url' })).toThrow(/SMTP_URL/);
  });
});
