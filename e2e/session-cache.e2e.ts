/**
 * Issue 15: each instance caches sessions and role assignments (server/modules/identity/
 * session-cache.ts) and checks the database's cache epoch once per request. Two server processes
 * on one PostgreSQL database: after each instance has served (and cached) a user, a role granted,
 * a role removed, a sign-out and a disabled account through one instance take effect on the very
 * next request to the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TMe } from '../common/contracts/auth';
import type { TUser } from '../common/contracts/users';
import { type ApiClient, signIn, signInAdmin } from './api-client';
import { createPostgresLocation, type DataLocation, type RunningServer, startServer } from './server';

const adminUrl = process.env.TEST_DATABASE_URL;
let location: DataLocation;
let a: RunningServer;
let b: RunningServer;
/** the administrator (two-step verification set up on the first sign-in), on instance A */
let admin: ApiClient;

describe.skipIf(!adminUrl)('session cache on two instances (needs TEST_DATABASE_URL)', () => {
  beforeAll(async () => {
    location = await createPostgresLocation(adminUrl!, 'lotrinh_cache_');
    a = await startServer({ launcher: 'node-tsx', env: location.env });
    b = await startServer({ launcher: 'node-tsx', env: location.env });
    admin = await signInAdmin(a.baseUrl);
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await location?.dispose();
  });

  const roles = async (api: ApiClient) =>
    (await api.request<TMe>('GET', '/auth/me')).body.assignments.map((x) => x.role).sort();

  it('a role granted or removed on one instance is seen by the other on the next request', async () => {
    const officer = await signIn(a.baseUrl, 'truongvinh.canbo');
    const onB = officer.on(b.baseUrl);
    const before = await roles(onB);
    expect(await roles(officer)).toEqual(before);
    const me = (await officer.request<TMe>('GET', '/auth/me')).body;
    const user = (await admin.request<TUser>('GET', `/users/${me.user.id}`)).body;
    const unit = me.assignments[0]!.orgUnit.id;
    const role = before.includes('head') ? 'auditor' : 'head';
    const granted = await admin.request<TUser>('POST', `/users/${me.user.id}/assignments`, {
      version: user.version,
      role,
      orgUnitId: unit,
    });
    expect(granted.status).toBe(200);
    expect(await roles(onB)).toEqual([...before, role].sort());
    const added = granted.body.assignments.find((x) => x.role === role)!;
    const removed = await admin
      .on(b.baseUrl)
      .request('DELETE', `/users/${me.user.id}/assignments/${added.id}?version=${granted.body.version}`);
    expect(removed.status).toBe(200);
    expect(await roles(officer)).toEqual(before);
  });

  it('a sign-out or a disabled account on one instance is refused by the other at once', async () => {
    const first = await signIn(a.baseUrl, 'truongvinh.canbo');
    expect((await first.on(b.baseUrl).request('GET', '/auth/me')).status).toBe(200);
    expect((await first.request('POST', '/auth/logout')).status).toBe(204);
    expect((await first.on(b.baseUrl).request('GET', '/auth/me')).status).toBe(401);

    const second = await signIn(b.baseUrl, 'truongvinh.canbo');
    expect((await second.on(a.baseUrl).request('GET', '/auth/me')).status).toBe(200);
    const me = (await second.request<TMe>('GET', '/auth/me')).body;
    const adminOnB = admin.on(b.baseUrl);
    const user = (await adminOnB.request<TUser>('GET', `/users/${me.user.id}`)).body;
    expect(
      (await adminOnB.request('POST', `/users/${me.user.id}/disable`, { version: user.version })).status,
    ).toBe(200);
    expect((await second.on(a.baseUrl).request('GET', '/auth/me')).status).toBe(401);
    expect((await second.request('GET', '/auth/me')).status).toBe(401);
  });
});
