import type { ErrorCode, TProblem } from '../../../common';
import { en } from '../i18n/en';
import { vi } from '../i18n/vi';

type Lang = 'vi' | 'en';
let language: Lang = 'vi';

/** Called by the locale provider; every request then asks for problem details in this language. */
export function setApiLanguage(lang: Lang) {
  language = lang;
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
}

export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const messages = language === 'en' ? en : vi;
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(`/api${path}${toSearchParams(options.query)}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
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
