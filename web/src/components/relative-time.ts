import type { Lang } from '../i18n';
import { formatDate } from '../lib/format';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "5 phút trước", "hôm qua", "3 ngày trước"; older than a week, the date (dd/mm/yyyy). The
 * browser's Intl does the wording in either language; `justNow` covers the first minute.
 */
export function relativeTime(iso: string, lang: Lang, justNow: string, now = Date.now()): string {
  const elapsed = now - Date.parse(iso);
  if (elapsed < MINUTE) return justNow;
  if (elapsed >= 7 * DAY) return formatDate(iso);
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  if (elapsed < HOUR) return format.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return format.format(-Math.floor(elapsed / HOUR), 'hour');
  return format.format(-Math.floor(elapsed / DAY), 'day');
}
