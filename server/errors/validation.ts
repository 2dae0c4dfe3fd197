import {
  CONTROL_CHARACTER_ISSUE,
  CONTROL_CHARACTER_MESSAGE,
  CONTROL_CHARACTERS,
} from '../../common/contracts/fields';
import type { TFieldError } from '../../common/problem';
import type { Language } from './catalogue';

const controlCharacterError = (field: string, lang: Language): TFieldError => ({
  field,
  code: CONTROL_CHARACTER_ISSUE,
  message: lang === 'vi' ? CONTROL_CHARACTER_MESSAGE : 'Must not contain control characters.',
});

/**
 * Half of a UTF-16 surrogate pair without its other half: no character at all. JSON may carry one
 * ("\ud800"), but PostgreSQL refuses it in json/jsonb and turns it into U+FFFD in text.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const brokenCharacterError = (field: string, lang: Language): TFieldError => ({
  field,
  code: 'invalid_character',
  message:
    lang === 'vi'
      ? 'Chứa ký tự không hợp lệ (nửa cặp mã Unicode).'
      : 'Contains an invalid character (half a Unicode surrogate pair).',
});

/** The error for a string that cannot be stored as sent, if any. */
function badCharacterError(text: string, field: string, lang: Language): TFieldError | null {
  if (CONTROL_CHARACTERS.test(text)) return controlCharacterError(field, lang);
  if (LONE_SURROGATE.test(text)) return brokenCharacterError(field, lang);
  return null;
}

/** How many offending fields one answer names, and how much of a request body is walked. */
const MAX_REPORTED = 20;
const MAX_VISITED = 200_000;

/**
 * Every string (and object key) of a parsed request part holding a control character other than
 * tab and line breaks, or a lone surrogate, as field errors. PostgreSQL cannot store NUL at all,
 * nor a lone surrogate in JSON, and no field of the API has a use for the other controls: refused
 * here once for every route, whatever its schema says.
 * Iterative, so a deeply nested body cannot overflow the stack.
 */
export function controlCharacterErrors(value: unknown, scope: string, lang: Language): TFieldError[] {
  const errors: TFieldError[] = [];
  const stack: [unknown, string][] = [[value, '']];
  let visited = 0;
  while (stack.length > 0 && errors.length < MAX_REPORTED && visited++ < MAX_VISITED) {
    const [current, path] = stack.pop()!;
    if (typeof current === 'string') {
      const error = badCharacterError(current, path || scope, lang);
      if (error) errors.push(error);
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--) {
        stack.push([current[index], path ? `${path}.${index}` : String(index)]);
      }
    } else if (current !== null && typeof current === 'object') {
      // The data a parser produced (JSON, query string), never a file's bytes or stream.
      if (ArrayBuffer.isView(current) || typeof (current as { pipe?: unknown }).pipe === 'function') continue;
      for (const [key, item] of Object.entries(current).reverse()) {
        const field = path ? `${path}.${key}` : key;
        const keyError = badCharacterError(key, path || scope, lang);
        if (keyError) {
          errors.push(keyError);
          continue;
        }
        stack.push([item, field]);
      }
    }
  }
  return errors;
}

/** The parts of a zod issue that fastify-type-provider-zod hands to the error handler. */
export interface ValidationIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

const ORIGIN_NAMES = {
  string: { vi: 'ký tự', en: 'characters' },
  array: { vi: 'phần tử', en: 'items' },
  set: { vi: 'phần tử', en: 'items' },
} as const;

function unitOf(origin: unknown, lang: Language): string {
  return origin === 'string' || origin === 'array' || origin === 'set' ? ORIGIN_NAMES[origin][lang] : '';
}

/** A zod issue → one or more field errors with a message in the caller's language. */
export function describeIssue(issue: ValidationIssue, scope: string, lang: Language): TFieldError[] {
  const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const field = path || scope;
  const p = issue.params ?? {};
  const vi = lang === 'vi';
  switch (issue.keyword) {
    case 'unrecognized_keys': {
      const keys = Array.isArray(p.keys) ? (p.keys as string[]) : [];
      return keys.map((key) => ({
        field: path ? `${path}.${key}` : key,
        code: 'unknown_field',
        message: vi ? `Trường "${key}" không được chấp nhận.` : `Unknown field "${key}".`,
      }));
    }
    case 'too_big': {
      const unit = unitOf(p.origin, lang);
      const max = String(p.maximum);
      return [
        {
          field,
          code: 'too_long',
          message: unit
            ? vi
              ? `Tối đa ${max} ${unit}.`
              : `At most ${max} ${unit}.`
            : vi
              ? `Giá trị tối đa là ${max}.`
              : `The maximum is ${max}.`,
        },
      ];
    }
    case 'too_small': {
      const unit = unitOf(p.origin, lang);
      const min = String(p.minimum);
      if (unit && min === '1') {
        return [{ field, code: 'required', message: vi ? 'Không được để trống.' : 'Required.' }];
      }
      return [
        {
          field,
          code: 'too_short',
          message: unit
            ? vi
              ? `Tối thiểu ${min} ${unit}.`
              : `At least ${min} ${unit}.`
            : vi
              ? `Giá trị tối thiểu là ${min}.`
              : `The minimum is ${min}.`,
        },
      ];
    }
    case 'invalid_type': {
      const missing = issue.message?.includes('received undefined');
      return [
        {
          field,
          code: missing ? 'required' : 'invalid_type',
          message: missing
            ? vi
              ? 'Bắt buộc nhập.'
              : 'Required.'
            : vi
              ? `Sai kiểu dữ liệu (cần ${String(p.expected)}).`
              : `Wrong type (expected ${String(p.expected)}).`,
        },
      ];
    }
    case 'invalid_format':
      // A schema's own message (e.g. the outline-code pattern) says more than the generic one.
      if (issue.message && !issue.message.startsWith('Invalid')) {
        return [{ field, code: 'invalid_format', message: issue.message }];
      }
      return [
        {
          field,
          code: 'invalid_format',
          message:
            p.format === 'date'
              ? vi
                ? 'Ngày không hợp lệ (định dạng YYYY-MM-DD).'
                : 'Invalid date (YYYY-MM-DD).'
              : p.format === 'uuid'
                ? vi
                  ? 'Mã định danh không hợp lệ.'
                  : 'Invalid identifier.'
                : vi
                  ? `Sai định dạng (${String(p.format)}).`
                  : `Invalid format (${String(p.format)}).`,
        },
      ];
    case 'invalid_value': {
      const values = Array.isArray(p.values) ? (p.values as unknown[]).map(String).join(', ') : '';
      return [
        {
          field,
          code: 'invalid_value',
          message: vi ? `Giá trị không hợp lệ; chấp nhận: ${values}.` : `Invalid value; allowed: ${values}.`,
        },
      ];
    }
    case 'custom':
      if ((p.params as { code?: unknown } | undefined)?.code === CONTROL_CHARACTER_ISSUE) {
        return [controlCharacterError(field, lang)];
      }
      return [{ field, code: issue.keyword, message: issue.message ?? (vi ? 'Không hợp lệ.' : 'Invalid.') }];
    default:
      return [{ field, code: issue.keyword, message: issue.message ?? (vi ? 'Không hợp lệ.' : 'Invalid.') }];
  }
}
