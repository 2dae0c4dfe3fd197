/**
 * Known answers for tax codes: Viettel's published code 0100109106 and the examples of python-stdnum
 * (0100233488, 0314409058-002, 0100112437 valid; 0100233480 invalid), each sum worked out below.
 */
import { describe, expect, it } from 'vitest';
import { isValidTaxCode, parseTaxCode, TAX_CODE_MESSAGES, taxCodeCheckDigit } from './tax-code';

describe('taxCodeCheckDigit', () => {
  it('weights 31,29,23,19,17,13,7,5,3 and takes 10 − (sum mod 11)', () => {
    // 0100109106: 0·31+1·29+0·23+0·19+1·17+0·13+9·7+1·5+0·3 = 114; 114 mod 11 = 4; 10 − 4 = 6.
    expect(taxCodeCheckDigit('010010910')).toBe('6');
    // 0100233488: 1·29 + 2·17 + 3·13 + 3·7 + 4·5 + 8·3 = 167; 167 mod 11 = 2; 10 − 2 = 8.
    expect(taxCodeCheckDigit('010023348')).toBe('8');
    // remainder 10 gives 0 — 010124315: 29 + 19 + 2·17 + 4·13 + 3·7 + 5 + 5·3 = 175; 175 mod 11 = 10.
    expect(taxCodeCheckDigit('010124315')).toBe('0');
  });

  it('has no digit when the sum is divisible by 11 (such codes are never issued)', () => {
    // 001000007: 1·23 + 7·3 = 44 = 4·11.
    expect(taxCodeCheckDigit('001000007')).toBeNull();
  });
});

describe('parseTaxCode', () => {
  it('accepts published organisation codes and gives the canonical form', () => {
    for (const code of ['0100109106', '0100233488', '0100112437', '0300588569']) {
      expect(parseTaxCode(code)).toEqual({ ok: true, taxCode: code, kind: 'organisation', parent: null });
    }
  });

  it('normalises spaces, dots and dashes; a branch keeps its parent', () => {
    expect(parseTaxCode('01.00.112.437')).toMatchObject({ ok: true, taxCode: '0100112437' });
    expect(parseTaxCode(' 0100 109 106 ')).toMatchObject({ ok: true, taxCode: '0100109106' });
    expect(parseTaxCode('0312 68 78 78 - 001')).toEqual({
      ok: true,
      taxCode: '0312687878-001',
      kind: 'branch',
      parent: '0312687878',
    });
    expect(parseTaxCode('0314409058002')).toMatchObject({
      ok: true,
      taxCode: '0314409058-002',
      kind: 'branch',
    });
  });

  it('accepts a 12-digit personal identification number, marked as such', () => {
    expect(parseTaxCode('001 095 012 345')).toEqual({
      ok: true,
      taxCode: '001095012345',
      kind: 'citizen-id',
      parent: null,
    });
  });

  it('rejects every one-digit change of a valid organisation code', () => {
    for (const code of ['0100109106', '0100233488', '0300588569']) {
      for (let pos = 0; pos < 10; pos += 1) {
        for (const ch of '0123456789') {
          if (ch === code[pos]) continue;
          const changed = code.slice(0, pos) + ch + code.slice(pos + 1);
          expect(isValidTaxCode(changed), changed).toBe(false);
        }
      }
    }
  });

  it('says in Vietnamese what is wrong', () => {
    expect(parseTaxCode('')).toEqual({ ok: false, error: TAX_CODE_MESSAGES.empty });
    expect(parseTaxCode('01001O9106')).toEqual({ ok: false, error: TAX_CODE_MESSAGES.characters });
    expect(parseTaxCode('010010910')).toEqual({ ok: false, error: TAX_CODE_MESSAGES.shape });
    expect(parseTaxCode('01001091060')).toEqual({ ok: false, error: TAX_CODE_MESSAGES.shape });
    expect(parseTaxCode('0100233480')).toEqual({ ok: false, error: TAX_CODE_MESSAGES.checksum });
    expect(parseTaxCode('0100000000')).toEqual({ ok: false, error: TAX_CODE_MESSAGES.sequence });
    expect(parseTaxCode('0314409058-000')).toEqual({ ok: false, error: TAX_CODE_MESSAGES.branch });
    expect(parseTaxCode('0010000073')).toEqual({ ok: false, error: TAX_CODE_MESSAGES.checksum });
  });
});
