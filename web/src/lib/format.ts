import dayjs from 'dayjs';

/** Dates and numbers look the same in both languages: dd/mm/yyyy and vi-VN grouping. */
export const DATE_FORMAT = 'DD/MM/YYYY';
export const DATE_TIME_FORMAT = 'DD/MM/YYYY HH:mm';
/** The wire format of calendar dates. */
export const ISO_DATE = 'YYYY-MM-DD';

const numberFormat = new Intl.NumberFormat('vi-VN');
const ISO_DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

export function formatDate(value: string | null | undefined): string {
  return value ? dayjs(value).format(DATE_FORMAT) : '—';
}

export function formatDateTime(value: string | null | undefined): string {
  return value ? dayjs(value).format(DATE_TIME_FORMAT) : '—';
}

export function isIsoDate(value: string): boolean {
  return ISO_DATE_RE.test(value);
}

export function isIsoDateTime(value: string): boolean {
  return ISO_DATE_TIME_RE.test(value);
}

/** A wire date (YYYY-MM-DD) as a dayjs value for pickers; invalid or empty → null. */
export function parseIsoDate(value: string | null | undefined): dayjs.Dayjs | null {
  if (!value || !ISO_DATE_RE.test(value)) return null;
  const d = dayjs(value);
  return d.isValid() ? d : null;
}

export function toIsoDate(value: dayjs.Dayjs | null | undefined): string | null {
  return value ? value.format(ISO_DATE) : null;
}
