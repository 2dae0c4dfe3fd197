import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBlockPaste, parseLocaleNumber, parsePastedBlock } from './pasted-numbers';

const value = (text: string) => {
  const parsed = parseLocaleNumber(text);
  return parsed.ok ? parsed.value : 'invalid';
};

describe('parseLocaleNumber', () => {
  it.each([
    ['85,5', 85.5],
    ['85.5', 85.5],
    ['1.234', 1234],
    ['12.500', 12500],
    ['123.456', 123456],
    ['1.234.567', 1234567],
    ['1.234,5', 1234.5],
    ['1.234.567,89', 1234567.89],
    ['1,234.5', 1234.5],
    ['1,234,567', 1234567],
    ['1,234', 1.234],
    ['0.125', 0.125],
    ['0,125', 0.125],
    ['1234.567', 1234.567],
    ['1234', 1234],
    ['1 234 567', 1234567],
    ['1\u00a0234,5', 1234.5],
    ['  42  ', 42],
    ['-3,5', -3.5],
    ['\u22123,5', -3.5],
    ['+7', 7],
    ['98,5%', 98.5],
    ['5,', 5],
    [',5', 0.5],
    ['0', 0],
  ])('%j → %d', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it('reads nothing as no value', () => {
    expect(value('')).toBeNull();
    expect(value('   ')).toBeNull();
  });

  it.each([
    'abc',
    '12a',
    '1.2.3',
    '1,2,3',
    '1.23.456',
    '12.34,5',
    '1,234.5,6',
    '.',
    '-',
    '1..2',
    '1e5',
    '--1',
  ])('%j is not a number', (text) => {
    expect(value(text)).toBe('invalid');
  });

  it('reads back any number written the Vietnamese way (1.234,5)', () => {
    const vi = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 4 });
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 4 }), (n, decimals) => {
        const x = n / 10 ** decimals;
        expect(value(vi.format(x))).toBe(Number(x.toFixed(4)));
      }),
    );
  });

  it('reads back numbers with a fraction written the English way (1,234.5)', () => {
    const en = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 4 });
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 4 }), (n, decimals) => {
        const x = n / 10 ** decimals;
        const text = en.format(x);
        // a single-dot text with exactly three decimals and a short integer part reads as Vietnamese thousands
        fc.pre(!/^-?[1-9]\d{0,2}\.\d{3}$/.test(text));
        expect(value(text)).toBe(Number(x.toFixed(4)));
      }),
    );
  });
});

describe('parsePastedBlock', () => {
  it('splits Excel rows and cells, without an empty row for the final line break', () => {
    expect(parsePastedBlock('85,5\tđạt kế hoạch\r\n1.234\t\r\n')).toEqual([
      ['85,5', 'đạt kế hoạch'],
      ['1.234', ''],
    ]);
    expect(parsePastedBlock('1\n2\n3')).toEqual([['1'], ['2'], ['3']]);
    expect(parsePastedBlock('7\r\n')).toEqual([['7']]);
  });

  it('keeps tabs, line breaks and quotes inside quoted cells', () => {
    expect(parsePastedBlock('1\t"dòng một\r\ndòng hai"\r\n2\t"nói ""có"""\r\n')).toEqual([
      ['1', 'dòng một\r\ndòng hai'],
      ['2', 'nói "có"'],
    ]);
  });

  it('takes a quote that does not close a cell literally', () => {
    expect(parsePastedBlock('"abc" x\t1')).toEqual([['"abc" x', '1']]);
  });

  it('keeps empty rows inside the block', () => {
    expect(parsePastedBlock('1\n\n3\n')).toEqual([['1'], [''], ['3']]);
  });
});

describe('isBlockPaste', () => {
  it('tells spreadsheet cells from a value typed elsewhere', () => {
    expect(isBlockPaste('85,5')).toBe(false);
    expect(isBlockPaste('85,5\r\n')).toBe(true);
    expect(isBlockPaste('1\t2')).toBe(true);
  });
});
