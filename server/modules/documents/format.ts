/** Dates and numbers as Vietnamese documents write them. */
import type { Attainment } from '../../../common/enums';

/** 2026-01-05 → "05/01/2026" */
export const shortDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/**
 * The date line of Decree 30 (art. 9 of Appendix I): days below 10 and the months January and
 * February take a leading zero — "ngày 05 tháng 01 năm 2026", "ngày 15 tháng 3 năm 2026".
 */
export function documentDate(iso: string): string {
  const day = Number(iso.slice(8, 10));
  const month = Number(iso.slice(5, 7));
  const dd = day < 10 ? `0${day}` : String(day);
  const mm = month < 3 ? `0${month}` : String(month);
  return `ngày ${dd} tháng ${mm} năm ${iso.slice(0, 4)}`;
}

/** 1234567.891 → "1.234.567,89": a dot between thousands, a comma before decimals. */
export function formatNumber(value: number | null, digits = 2): string {
  if (value === null || !Number.isFinite(value)) return '–';
  const [whole, fraction] = Math.abs(value).toFixed(digits).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const decimals = fraction?.replace(/0+$/, '');
  return `${value < 0 ? '-' : ''}${grouped}${decimals ? `,${decimals}` : ''}`;
}

export const ATTAINMENT_LABELS: Record<Attainment, string> = {
  on_track: 'Đạt tiến độ',
  at_risk: 'Có nguy cơ không đạt',
  off_track: 'Chậm tiến độ',
  no_target: 'Chưa có chỉ tiêu',
  no_data: 'Chưa có số liệu',
};
