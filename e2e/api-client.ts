/**
 * A signed-in API client over real HTTP, for tests that drive server processes (crash, two
 * instances) and for what browser tests prepare through the API: the session cookie and CSRF token
 * of a sign-in, and JSON requests with them.
 */
import { TOTP } from 'otpauth';
import { DEMO_PASSWORD } from './server';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
}

export interface ApiClient {
  baseUrl: string;
  request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResponse<T>>;
  /** the same session against another instance */
  on(baseUrl: string): ApiClient;
}

function client(baseUrl: string, cookie: string, csrfToken: string): ApiClient {
  return {
    baseUrl,
    async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
      const response = await fetch(`${baseUrl}/api${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
    },
    on: (other) => client(other, cookie, csrfToken),
  };
}

async function login(baseUrl: string, username: string, password: string, otp?: string) {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, ...(otp ? { otp } : {}) }),
  });
  const body = (await response.json()) as { csrfToken?: string; code?: string };
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { status: response.status, body, cookie };
}

export async function signIn(
  baseUrl: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<ApiClient> {
  const res = await login(baseUrl, username, password);
  if (res.status !== 200)
    throw new Error(`sign-in of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return client(baseUrl, res.cookie, res.body.csrfToken!);
}

/**
 * The body of a request that must succeed; any other answer throws, naming the request and the
 * answer. (No vitest `expect` here: the benches import this module outside a test run.)
 */
export async function expectOk<T>(api: ApiClient, method: string, path: string, body?: unknown): Promise<T> {
  const res = await api.request<T>(method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** An org unit of the demo data by its code (a ward's '16690', a department's '40.SKHCN'). */
export async function findUnitByCode(
  api: ApiClient,
  code: string,
): Promise<{ id: string; code: string; kind: string }> {
  const units = await expectOk<{ items: { id: string; code: string; kind: string }[] }>(
    api,
    'GET',
    `/org-units?q=${encodeURIComponent(code)}`,
  );
  const unit = units.items.find((u) => u.code === code);
  if (!unit) throw new Error(`no org unit with the code ${code}`);
  return unit;
}

/** A plan of a test's own (other tests must not see its tasks): active over 2026–2030, the province's. */
export function createActivePlan(api: ApiClient, number: string, title: string): Promise<{ id: string }> {
  return expectOk<{ id: string }>(api, 'POST', '/plans', {
    number,
    title,
    issuingBody: 'Ủy ban nhân dân tỉnh',
    horizonStartYear: 2026,
    horizonEndYear: 2030,
    status: 'active',
  });
}

/** The id of a unit's report in a round. */
export async function findReportId(api: ApiClient, roundId: string, orgUnitId: string): Promise<string> {
  const rows = await expectOk<{ items: { reportId: string; orgUnit: { id: string } }[] }>(
    api,
    'GET',
    `/rounds/${roundId}/reports?pageSize=500`,
  );
  const row = rows.items.find((r) => r.orgUnit.id === orgUnitId);
  if (!row) throw new Error(`no report of ${orgUnitId} in the round ${roundId}`);
  return row.reportId;
}

/** Signs the demo admin in, enrolling the required second factor on the way. */
export async function signInAdmin(baseUrl: string): Promise<ApiClient> {
  const first = await signIn(baseUrl, 'admin');
  const setup = await first.request<{ secret: string }>('POST', '/auth/totp/setup', {});
  if (setup.status !== 200)
    throw new Error(`TOTP setup failed: ${setup.status} ${JSON.stringify(setup.body)}`);
  const totp = new TOTP({ secret: setup.body.secret });
  const confirm = await first.request('POST', '/auth/totp/confirm', { code: totp.generate() });
  if (confirm.status !== 200)
    throw new Error(`TOTP confirm failed: ${confirm.status} ${JSON.stringify(confirm.body)}`);
  return first;
}
