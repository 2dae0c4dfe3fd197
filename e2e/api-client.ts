/**
 * A signed-in API client over real HTTP, for tests that drive server processes (crash, two
 * instances): the session cookie and CSRF token of a sign-in, and JSON requests with them.
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
