import type { TWriteDataValuesResult, WriteMode } from '../../../common/contracts/data-values';
import type { TProblem } from '../../../common/problem';
import { en } from '../i18n/en';
import { vi } from '../i18n/vi';
import { ApiError, apiFetch, toSearchParams } from './client';

/** The Excel template of a unit's values for a period (a plain link: the browser downloads it). */
export function templateUrl(orgUnitId: string, period: string): string {
  return `/api/data-values/template.xlsx${toSearchParams({ orgUnitId, period })}`;
}

export interface ImportOptions {
  file: File;
  dryRun: boolean;
  mode: WriteMode;
  csrfToken: string | undefined;
  lang: 'vi' | 'en';
  /** bytes sent so far, of the file's size */
  onUploadProgress?: (sent: number, total: number) => void;
  /** the whole file is on the server: what is left is its checking */
  onUploaded?: () => void;
  signal?: AbortSignal;
}

const isResult = (body: unknown): body is TWriteDataValuesResult =>
  typeof body === 'object' && body !== null && 'applied' in body && 'errors' in body;

/**
 * POST /api/data-values/import with the file as the body. Through XMLHttpRequest, because fetch
 * reports no upload progress; a 422 with a row report (all_or_nothing with bad rows) is an answer,
 * not an error. A session that ended or a stale CSRF token is handed to apiFetch, which asks the
 * user to sign in again and sends the file once more (without progress, as fetch does).
 */
export async function importDataValuesFile(options: ImportOptions): Promise<TWriteDataValuesResult> {
  const query = { dryRun: String(options.dryRun), mode: options.mode };
  // the content decides the format (server/modules/data-values/files.ts): a Windows browser calls
  // a .csv "application/vnd.ms-excel", which the route would refuse as a content type
  const body = new Blob([options.file], { type: 'application/octet-stream' });
  const { status, body: answer } = await sendWithProgress(options, query, body);
  if (status >= 200 && status < 300 && isResult(answer)) return answer;
  if (status === 422 && isResult(answer)) return answer;
  const problem = answer as TProblem | undefined;
  if (
    (status === 401 && problem?.code === 'unauthenticated') ||
    (status === 403 && problem?.code === 'csrf_failed')
  ) {
    return apiFetch<TWriteDataValuesResult>('/data-values/import', {
      method: 'POST',
      query,
      body,
      signal: options.signal,
    }).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 422 && isResult(error.problem)) return error.problem;
      throw error;
    });
  }
  if (problem && typeof problem.status === 'number' && typeof problem.code === 'string') {
    throw new ApiError(problem);
  }
  const messages = options.lang === 'en' ? en : vi;
  const detail = status === 0 ? messages.errors.network : messages.errors.unexpected(status);
  throw new ApiError({ type: 'about:blank', title: detail, status, code: 'internal', detail });
}

function sendWithProgress(
  options: ImportOptions,
  query: Record<string, string>,
  body: Blob,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/data-values/import${toSearchParams(query)}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', options.lang);
    if (options.csrfToken) xhr.setRequestHeader('x-csrf-token', options.csrfToken);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => options.onUploadProgress?.(event.loaded, event.total || body.size);
    xhr.upload.onload = () => options.onUploaded?.();
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.response as unknown });
    xhr.onerror = () => resolve({ status: 0, body: undefined });
    xhr.onabort = () => reject(new DOMException('The request was aborted.', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}
