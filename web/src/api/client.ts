import type { ErrorCode, TProblem } from '../../../common';
import { type Messages, vi } from '../i18n/vi';

type Lang = 'vi' | 'en';
let language: Lang = 'vi';
let messages: Messages = vi;

/**
 * Called by the locale provider; every request then asks for problem details in this language.
 * The messages come with it: English is loaded only when chosen (i18n/index.tsx).
 */
export function setApiLanguage(lang: Lang, langMessages: Messages) {
  language = lang;
  messages = langMessages;
}

let csrfToken: string | undefined;

/** Called by the auth provider with the token of the latest `TMe`; sent back on every unsafe method. */
export function setCsrfToken(token: string | undefined) {
  csrfToken = token;
}

/**
 * How the auth provider takes part when a request fails for session reasons (it registers these):
 * - `sessionExpired`: a non-auth call answered 401 `unauthenticated`. Resolves true once the user
 *   has signed in again (the request is then sent again), false when they gave up.
 * - `csrfRejected`: an unsafe call answered 403 `csrf_failed` (e.g. the session was renewed in
 *   another tab). Resolves true when a fresh token is in place and the request may be retried.
 */
export interface SessionHandlers {
  sessionExpired(problem: TProblem): Promise<boolean>;
  csrfRejected(problem: TProblem): Promise<boolean>;
}
let sessionHandlers: SessionHandlers | undefined;

export function setSessionHandlers(handlers: SessionHandlers | undefined) {
  sessionHandlers = handlers;
}

/** A failed API call, carrying the server's RFC 9457 problem (or one made up for network failures). */
export class ApiError extends Error {
  readonly problem: TProblem;

  constructor(problem: TProblem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): ErrorCode {
    return this.problem.code;
  }
}

export function isApiError(error: unknown, code?: ErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.problem.code === code);
}

type QueryValue = string | number | boolean | readonly string[] | null | undefined;
export type QueryParams = Record<string, QueryValue>;

/** Empty values are left out; lists become "a,b"; booleans "true"/"false", as the API expects. */
export function toSearchParams(query: QueryParams = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

function syntheticProblem(status: number, code: ErrorCode, detail: string): TProblem {
  return { type: 'about:blank', title: detail, status, code, detail };
}

function looksLikeProblem(body: unknown): body is TProblem {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as TProblem).status === 'number' &&
    typeof (body as TProblem).code === 'string'
  );
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
  /** extra request headers, e.g. `Idempotency-Key` on a report transition */
  headers?: Record<string, string>;
}

/** Sign-in, sign-out and /auth/me deal with their own 401 and 403: no session dialog, no retry. */
function isAuthPath(path: string): boolean {
  return path.startsWith('/auth/');
}

function throwIfAborted(signal: AbortSignal | undefined) {
  if (signal?.aborted) throw new DOMException('The request was aborted.', 'AbortError');
}

/**
 * One API call. A session that ended (401 `unauthenticated`) or a stale CSRF token (403
 * `csrf_failed`) is handed to the auth provider; once it is sorted out the same request is sent
 * again, once, so a pending save goes through with the values the user entered.
 */
export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  let retried = false;
  for (;;) {
    const tokenAtSend = csrfToken;
    try {
      return await sendOnce<T>(path, options);
    } catch (error) {
      if (retried || !(error instanceof ApiError) || !sessionHandlers || isAuthPath(path)) throw error;
      const expired = error.status === 401 && error.code === 'unauthenticated';
      const badToken = error.status === 403 && error.code === 'csrf_failed' && method !== 'GET';
      if (!expired && !badToken) throw error;
      // Signed in again while this request was on its way: just send it again with the new session.
      let retry = csrfToken !== undefined && csrfToken !== tokenAtSend;
      if (!retry) {
        retry = expired
          ? await sessionHandlers.sessionExpired(error.problem)
          : await sessionHandlers.csrfRejected(error.problem);
      }
      if (!retry) throw error;
      throwIfAborted(options.signal);
      retried = true;
    }
  }
}

async function sendOnce<T>(path: string, options: RequestOptions): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    ...options.headers,
    Accept: 'application/json',
    'Accept-Language': language,
  };
  // a file goes as it is (e.g. evidence: its content decides its type); anything else as JSON
  const raw = options.body instanceof Blob;
  if (raw) headers['Content-Type'] = (options.body as Blob).type || 'application/octet-stream';
  else if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(`/api${path}${toSearchParams(options.query)}`, {
      method,
      headers,
      body: raw
        ? (options.body as Blob)
        : options.body === undefined
          ? undefined
          : JSON.stringify(options.body),
      signal: options.signal,
      credentials: 'same-origin',
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(syntheticProblem(0, 'internal', messages.errors.network));
  }

  if (response.status === 204) return undefined as T;
  const isJson = /[/+]json\b/.test(response.headers.get('Content-Type') ?? '');
  const body: unknown = isJson ? await response.json().catch(() => undefined) : undefined;

  if (!response.ok) {
    if (looksLikeProblem(body)) throw new ApiError(body);
    const code: ErrorCode = response.status === 404 ? 'not_found' : 'internal';
    throw new ApiError(syntheticProblem(response.status, code, messages.errors.unexpected(response.status)));
  }
  return body as T;
}
