import type { ErrorCode, TFieldError } from '../../common/problem';

/** A text in both languages, for message parameters such as a resource's name. */
export interface Localized {
  vi: string;
  en: string;
}
export type MessageParam = string | number | Localized;

export interface AppErrorOptions {
  /** values for the message template, e.g. { resource: RESOURCE_NAMES.planItem } */
  params?: Record<string, MessageParam>;
  errors?: TFieldError[];
  conflicts?: { id: string; code?: string; title: string }[];
  current?: unknown;
  /** a 404 the policy answered to hide another unit's record: a refusal the audit log records */
  deniedByPolicy?: boolean;
}

/** An expected failure with a stable code; the error handler turns it into problem details. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly options: AppErrorOptions = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export const RESOURCE_NAMES = {
  orgUnit: { vi: 'đơn vị', en: 'org unit' },
  plan: { vi: 'kế hoạch', en: 'plan' },
  planItem: { vi: 'nhiệm vụ', en: 'plan item' },
  indicator: { vi: 'chỉ tiêu', en: 'indicator' },
  round: { vi: 'đợt báo cáo', en: 'reporting round' },
  report: { vi: 'báo cáo', en: 'report' },
  resource: { vi: 'bản ghi', en: 'record' },
} satisfies Record<string, Localized>;

export const notFound = (resource: Localized) => new AppError('not_found', { params: { resource } });

/** A 400 naming one field, for checks a schema cannot express. */
export const invalidField = (field: string, message: Localized) =>
  new AppError('validation_failed', {
    errors: [{ field, code: 'invalid', message: message.vi }],
    params: { message },
  });

/** Optimistic concurrency: a write based on another version than the stored one answers 409 with the current one. */
export function assertVersion(row: { version: number }, expected: number): void {
  if (row.version !== expected) {
    throw new AppError('version_conflict', {
      params: { version: row.version },
      current: { version: row.version },
    });
  }
}
