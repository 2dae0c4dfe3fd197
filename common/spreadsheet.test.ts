import { describe, expect, it } from 'vitest';
import { escapeSpreadsheetCell } from './spreadsheet';

describe('escapeSpreadsheetCell', () => {
  it('prefixes an apostrophe to text a spreadsheet could run as a formula', () => {
    expect(escapeSpreadsheetCell('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    expect(escapeSpreadsheetCell('+1+2')).toBe("'+1+2");
    expect(escapeSpreadsheetCell('-5')).toBe("'-5");
    expect(escapeSpreadsheetCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(escapeSpreadsheetCell('\t=1')).toBe("'\t=1");
    expect(escapeSpreadsheetCell('\r=1')).toBe("'\r=1");
    expect(escapeSpreadsheetCell('=Sửa mục')).toBe("'=Sửa mục");
  });

  it('leaves other text as it is, Vietnamese included', () => {
    expect(escapeSpreadsheetCell('Sửa mục kế hoạch')).toBe('Sửa mục kế hoạch');
    expect(escapeSpreadsheetCell('Đơn vị = Sở Tài chính')).toBe('Đơn vị = Sở Tài chính');
    expect(escapeSpreadsheetCell('5')).toBe('5');
    expect(escapeSpreadsheetCell(' =1')).toBe(' =1');
    expect(escapeSpreadsheetCell("'=1")).toBe("'=1");
    expect(escapeSpreadsheetCell('')).toBe('');
  });

  it('turns a missing value into an empty cell', () => {
    expect(escapeSpreadsheetCell(null)).toBe('');
    expect(escapeSpreadsheetCell(undefined)).toBe('');
  });
});
