import { describe, expect, it } from 'vitest';
import { FUNDING_SOURCE_LABELS } from '../../../../common/contracts/programmes';
import { parseChoice, parseDate, parsePercent, parseVnd, parseYesNo, sameHeader } from './cells';

describe('cells as officials type them', () => {
  it('reads amounts with dots, spaces or Excel’s exponent, and refuses decimals of a đồng', () => {
    expect(parseVnd('1.500.000.000')).toBe(1_500_000_000);
    expect(parseVnd('1 500 000 đ')).toBe(1_500_000);
    expect(parseVnd('2e+12')).toBe(2_000_000_000_000);
    expect(parseVnd('')).toBeNull();
    expect(parseVnd('mười triệu')).toBeInstanceOf(Error);
    expect(parseVnd('1,5')).toBeInstanceOf(Error);
  });

  it('reads percents with a comma, dates dd/mm/yyyy and refuses a day not on the calendar', () => {
    expect(parsePercent('12,5%')).toBe(12.5);
    expect(parsePercent('120')).toBeInstanceOf(Error);
    expect(parseDate('1/2/2026')).toBe('2026-02-01');
    expect(parseDate('2026-02-01')).toBe('2026-02-01');
    expect((parseDate('29/02/2026') as Error).message).toBe('ngày 29/02/2026 không có trên lịch.');
  });

  it('reads yes/no, labels and headers without caring for diacritics or case', () => {
    expect(parseYesNo('có')).toBe(true);
    expect(parseYesNo('KHONG')).toBe(false);
    expect(parseChoice('ngan sach tinh', FUNDING_SOURCE_LABELS)).toBe('provincial');
    expect(parseChoice('PPP', FUNDING_SOURCE_LABELS, { ppp: 'ppp' })).toBe('ppp');
    expect(parseChoice('vốn vay', FUNDING_SOURCE_LABELS)).toBeInstanceOf(Error);
    expect(sameHeader('NĂM *', 'Năm')).toBe(true);
  });
});
