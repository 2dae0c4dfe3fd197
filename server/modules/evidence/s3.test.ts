/**
 * Evidence in an S3-compatible bucket: a real S3 server (s3rver, checking SigV4 signatures) on
 * loopback, the real API routes in front, the test database behind.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from '@20minutes/s3rver';
import { AwsClient } from 'aws4fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAttachedEvidence, TReport } from '../../../common/contracts/reports';
import type { TProblem } from '../../../common/problem';
import { type App, buildApp } from '../../app';
import { fixedClock } from '../../clock';
import { loadConfig } from '../../config';
import { createTestContext, TEST_TODAY, type TestContext } from '../../test/context';
import { buildItem, buildOrgUnit, buildPlan } from '../../test/factories';
import { openRoundReport } from '../../test/reports';
import { type Injector, signInAs } from '../../test/sessions';
import { createS3Store, type S3StoreSettings } from './s3-store';
import { evidenceKey } from './store';

const BUCKET = 'minh-chung';
/** s3rver's built-in account */
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

let ctx: TestContext;
let s3: S3rver;
let s3Dir: string;
let settings: S3StoreSettings;
/** the app with its evidence in the bucket, on the test context's database */
let app: App;
let officer: Injector;
let report: TReport;

/** A PNG header, then 1.5 MB of noise: binary, and long enough to arrive in many chunks. */
const BIG_PNG = Buffer.concat([
  Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5e1f1a80000000049454e44ae426082',
    'hex',
  ),
  randomBytes(1_500_000),
]);

beforeAll(async () => {
  ctx = await createTestContext();
  s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotrinh-s3rver-'));
  s3 = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: s3Dir,
    configureBuckets: [{ name: BUCKET }],
  });
  const { port } = await s3.run();
  settings = {
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    bucket: BUCKET,
    forcePathStyle: true,
    ...CREDENTIALS,
  };
  app = await buildApp({
    database: ctx.database,
    clock: fixedClock(TEST_TODAY),
    evidence: { store: createS3Store(settings), maxBytes: 20 * 1024 * 1024 },
  });
  await app.ready();

  const unit = await buildOrgUnit(ctx.db, { kind: 'commune', parentId: ctx.rootOrgUnitId });
  const plan = await buildPlan(ctx.db);
  await buildItem(ctx.db, { planId: plan.id, code: '4.1', leadOrgUnitId: unit.id });
  officer = (await signInAs(app, ctx.db, 'officer', unit.id)).inject;
  report = await openRoundReport(ctx.inject, officer, plan.id);
});

afterAll(async () => {
  await app?.close();
  await stopS3().catch(() => {});
  await ctx?.close();
  if (s3Dir) fs.rmSync(s3Dir, { recursive: true, force: true });
});

/** Stops the S3 server now, dropping the connections fetch keeps alive (else they would still be served). */
async function stopS3() {
  const closed = s3.close();
  s3.httpServer.closeAllConnections();
  await closed;
}

const latestVersion = async () =>
  (await officer({ method: 'GET', url: `/api/reports/${report.id}` })).json<TReport>().version;

const upload = async (inject: Injector, body: Buffer, fileName: string) =>
  inject({
    method: 'POST',
    url: `/api/reports/${report.id}/evidence?fileName=${encodeURIComponent(fileName)}&version=${await latestVersion()}`,
    headers: { 'content-type': 'application/octet-stream' },
    payload: body,
  });

const download = (evidenceId: string) =>
  officer({ method: 'GET', url: `/api/reports/${report.id}/evidence/${evidenceId}` });

/** The bucket's keys, through the S3 API itself. */
async function bucketKeys(): Promise<string[]> {
  const client = new AwsClient({ ...CREDENTIALS, region: settings.region, service: 's3' });
  const response = await client.fetch(`${settings.endpoint}/${BUCKET}?list-type=2`);
  expect(response.status).toBe(200);
  return [...(await response.text()).matchAll(/<Key>([^<]+)<\/Key>/g)].map((m) => m[1]!);
}

describe('evidence in an S3-compatible bucket', () => {
  it('uploads through the API, stores each content once, and downloads it byte for byte', async () => {
    const first = await upload(officer, BIG_PNG, 'Ảnh hiện trường.png');
    expect(first.statusCode, first.body).toBe(201);
    const evidence = first.json<TAttachedEvidence>();
    expect(evidence).toMatchObject({ contentType: 'image/png', size: BIG_PNG.length });
    const again = await upload(officer, BIG_PNG, 'Bản sao ảnh.png');
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json<TAttachedEvidence>().sha256).toBe(evidence.sha256);
    expect(await bucketKeys()).toEqual([evidenceKey(evidence.sha256)]);

    for (const id of [evidence.id, again.json<TAttachedEvidence>().id]) {
      const file = await download(id);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('image/png');
      expect(file.rawPayload.equals(BIG_PNG)).toBe(true);
    }
  });

  it('says whether a put wrote the content, and removes content (twice is harmless)', async () => {
    const store = createS3Store(settings);
    const content = randomPdf();
    const first = await store.put(content);
    expect(first.created).toBe(true);
    expect((await store.put(content)).created).toBe(false);
    expect(await bucketKeys()).toContain(evidenceKey(first.sha256));
    await store.remove(first.sha256);
    await store.remove(first.sha256);
    expect(await bucketKeys()).not.toContain(evidenceKey(first.sha256));
  });

  it('is refused by the server with wrong credentials: a 500 problem, nothing attached', async () => {
    const intruder = await buildApp({
      database: ctx.database,
      clock: fixedClock(TEST_TODAY),
      evidence: {
        store: createS3Store({ ...settings, secretAccessKey: 'sai-mat-khau' }),
        maxBytes: 1024 * 1024,
      },
    });
    try {
      const unit = (await officer({ method: 'GET', url: `/api/reports/${report.id}` })).json<TReport>()
        .orgUnit.id;
      const someone = (await signInAs(intruder, ctx.db, 'officer', unit)).inject;
      const refused = await upload(someone, randomPdf(), 'x.pdf');
      expect(refused.statusCode).toBe(500);
      expect(refused.json<TProblem>().code).toBe('internal');
      expect(await bucketKeys()).toHaveLength(1);
    } finally {
      await intruder.close();
    }
  });

  it('answers a clear 500 problem, without internals, while the S3 server is down', async () => {
    const before = (await officer({ method: 'GET', url: `/api/reports/${report.id}` })).json<TReport>();
    await stopS3();

    const lost = await upload(officer, randomPdf(), 'Biên bản.pdf');
    expect(lost.statusCode).toBe(500);
    expect(lost.headers['content-type']).toContain('application/problem+json');
    const problem = lost.json<TProblem>();
    expect(problem).toMatchObject({ status: 500, code: 'internal' });
    expect(problem.detail).toContain('Xin thử lại sau');
    expect(lost.body).not.toMatch(/ECONNREFUSED|at .*\.ts|stack/);
    // nothing was attached, the version did not move
    const after = (await officer({ method: 'GET', url: `/api/reports/${report.id}` })).json<TReport>();
    expect(after).toMatchObject({ version: before.version, evidence: before.evidence });

    const unreadable = await download(before.evidence[0]!.id);
    expect(unreadable.statusCode).toBe(500);
    expect(unreadable.json<TProblem>().code).toBe('internal');
  });
});

describe('the S3 settings', () => {
  it('keeps evidence on disk unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({
      EVIDENCE_STORE: 'disk',
      S3_REGION: 'us-east-1',
      S3_FORCE_PATH_STYLE: true,
    });
    expect(loadConfig({ EVIDENCE_STORE: 's3', ...S3_ENV, S3_FORCE_PATH_STYLE: 'false' })).toMatchObject({
      EVIDENCE_STORE: 's3',
      S3_BUCKET: 'minh-chung',
      S3_FORCE_PATH_STYLE: false,
    });
  });

  it('refuses to start with S3 chosen and a setting missing, naming it and never the secret', () => {
    const start = () =>
      loadConfig({
        EVIDENCE_STORE: 's3',
        ...S3_ENV,
        S3_BUCKET: '',
        S3_ACCESS_KEY_ID: undefined,
        S3_ENDPOINT: 'ftp://khoa:bi-mat-cua-tinh@s3.example.vn',
      });
    expect(start).toThrow(/S3_BUCKET: bắt buộc khi EVIDENCE_STORE=s3/);
    expect(start).toThrow(/S3_ACCESS_KEY_ID/);
    expect(start).toThrow(/S3_ENDPOINT/);
    expect(start).not.toThrow(/bi-mat-cua-tinh/);
  });
});

const S3_ENV = {
  S3_ENDPOINT: 'https://s3.example.vn',
  S3_BUCKET: 'minh-chung',
  S3_ACCESS_KEY_ID: 'khoa',
  S3_SECRET_ACCESS_KEY: 'bi-mat-cua-tinh',
};

/** A PDF no other test stored, so the store has to write it. */
const randomPdf = () => Buffer.from(`%PDF-1.4\n% ${randomBytes(8).toString('hex')}\n%%EOF\n`);
