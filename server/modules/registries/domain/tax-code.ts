/**
 * Mã số thuế (Vietnamese tax code), the natural key of a firm in the registries.
 *
 * - 10 digits: an enterprise or organisation (also the older personal codes). The 10th digit checks
 *   the first nine: weights 31, 29, 23, 19, 17, 13, 7, 5, 3; check = 10 − (sum mod 11), and a code
 *   whose sum is divisible by 11 (check would be 10) is never issued. Rule as implemented and
 *   documented by python-stdnum (stdnum/vn/mst.py, which cites vi.wikipedia "Thuế Việt Nam – Mã số
 *   thuế của doanh nghiệp"); its examples 0100233488 and 0314409058-002 pass here, and so does
 *   Viettel's published code 0100109106.
 * - 10 digits + "-" + 3 digits: a dependent unit (branch), the first ten being the parent's code;
 *   the suffix is a sequence 001–999 and carries no check.
 * - 12 digits: since 1/7/2025 (Law on Tax Administration as guided by Circular 86/2024/TT-BTC) an
 *   individual or household uses the citizen's personal identification number as tax code; there
 *   is no public check digit for it, so only its shape is checked and the kind says what it is.
 */

export type TaxCodeKind = 'organisation' | 'branch' | 'citizen-id';

export type TaxCodeParse =
  | { ok: true; taxCode: string; kind: TaxCodeKind; parent: string | null }
  | { ok: false; error: string };

export const TAX_CODE_MESSAGES = {
  empty: 'Chưa nhập mã số thuế.',
  characters: 'Mã số thuế chỉ gồm chữ số (đơn vị phụ thuộc viết thêm dấu gạch ngang và 3 chữ số).',
  shape:
    'Mã số thuế phải gồm 10 chữ số, hoặc 10 chữ số kèm 3 chữ số của đơn vị phụ thuộc (0100109106-001), hoặc 12 chữ số của số định danh cá nhân.',
  sequence: 'Mã số thuế không đúng: phần số thứ tự (chữ số 3 đến 9) không thể toàn số 0.',
  branch: 'Mã số thuế của đơn vị phụ thuộc không đúng: 3 chữ số cuối phải từ 001 đến 999.',
  checksum: 'Mã số thuế không đúng (sai chữ số kiểm tra), đề nghị kiểm tra lại.',
} as const;

const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3] as const;

/** The 10th digit for nine leading digits, or null when no valid code can start with them. */
export function taxCodeCheckDigit(first9: string): string | null {
  if (!/^\d{9}$/.test(first9)) throw new Error('taxCodeCheckDigit needs 9 digits');
  let sum = 0;
  WEIGHTS.forEach((weight, i) => {
    sum += weight * Number(first9[i]);
  });
  const check = 10 - (sum % 11);
  return check === 10 ? null : String(check);
}

/** Spaces, dots and the usual dash variants people type; the branch dash is restored on output. */
function compact(input: string): string {
  return input.replace(/[\s.\u2010-\u2015-]/g, '');
}

export function parseTaxCode(input: string): TaxCodeParse {
  const raw = compact(input);
  if (raw.length === 0) return { ok: false, error: TAX_CODE_MESSAGES.empty };
  if (!/^\d+$/.test(raw)) return { ok: false, error: TAX_CODE_MESSAGES.characters };
  if (raw.length === 12) return { ok: true, taxCode: raw, kind: 'citizen-id', parent: null };
  if (raw.length !== 10 && raw.length !== 13) return { ok: false, error: TAX_CODE_MESSAGES.shape };
  const main = raw.slice(0, 10);
  if (main.slice(2, 9) === '0000000') return { ok: false, error: TAX_CODE_MESSAGES.sequence };
  if (taxCodeCheckDigit(main.slice(0, 9)) !== main[9])
    return { ok: false, error: TAX_CODE_MESSAGES.checksum };
  if (raw.length === 10) return { ok: true, taxCode: main, kind: 'organisation', parent: null };
  const suffix = raw.slice(10);
  if (suffix === '000') return { ok: false, error: TAX_CODE_MESSAGES.branch };
  return { ok: true, taxCode: `${main}-${suffix}`, kind: 'branch', parent: main };
}

export function isValidTaxCode(input: string): boolean {
  return parseTaxCode(input).ok;
}
