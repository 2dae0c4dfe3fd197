/**
 * The pure parts of the annex import: numbering, deadlines, the agency matcher and the layout
 * reader, without a database.
 */
import { describe, expect, it } from 'vitest';
import { SHIPPED_SYNONYMS } from '../search-synonyms/shipped';
import { parseWhen } from './deadline';
import { AgencyMatcher, type MatchUnit } from './matcher';
import { CodeReader, fitsRomanNumbering, fromRoman, parseNumbering, romanStt, toRoman } from './numbering';
import { parseAnnex } from './parser';

describe('numbering', () => {
  it('reads Roman numerals, outline numbers and letters', () => {
    expect(parseNumbering('IV')).toEqual({ kind: 'roman', n: 4 });
    expect(parseNumbering('XII.')).toEqual({ kind: 'roman', n: 12 });
    expect(parseNumbering('1.')).toEqual({ kind: 'outline', parts: [1], suffix: '' });
    expect(parseNumbering(' 3.1.2 ')).toEqual({ kind: 'outline', parts: [3, 1, 2], suffix: '' });
    expect(parseNumbering('1.1a')).toEqual({ kind: 'outline', parts: [1, 1], suffix: 'a' });
    expect(parseNumbering('a)')).toEqual({ kind: 'letter', n: 1 });
    expect(parseNumbering('đ)')).toEqual({ kind: 'letter', n: 5 });
    expect(parseNumbering('e)')).toEqual({ kind: 'letter', n: 6 });
    expect(parseNumbering('g)')).toEqual({ kind: 'letter', n: 7 });
    for (const bad of ['', 'x1', '1,2', '-', 'IIII', '0', 'A)', 'x'])
      expect(parseNumbering(bad), bad).toBeNull();
  });

  it('writes and reads back Roman numerals', () => {
    for (const n of [1, 4, 9, 14, 40, 90, 400, 1994, 3999]) expect(fromRoman(toRoman(n))).toBe(n);
  });

  it('turns the Roman way of numbering into outline codes, and back', () => {
    const reader = new CodeReader(true);
    const read = (stt: string) => {
      const r = reader.read(parseNumbering(stt)!);
      return 'code' in r ? r.code : r.error;
    };
    expect(['I', '1.', '2.', '1.1', 'a)', 'b)', '1.1.3', 'III', '1.', 'a)'].map(read)).toEqual([
      '1',
      '1.1',
      '1.2',
      '1.1.1',
      '1.1.1.1',
      '1.1.1.2',
      '1.1.1.3',
      '3',
      '3.1',
      '3.1.1',
    ]);
    for (const code of ['1', '3.1', '3.1.2', '3.1.2.4', '2.1.1.30', '1.2.3.4.5']) {
      const back = new CodeReader(true);
      back.read(parseNumbering(romanStt(code.split('.')[0]!))!);
      if (code.split('.').length >= 4)
        back.read(parseNumbering(romanStt(code.split('.').slice(0, 3).join('.')))!);
      const r = back.read(parseNumbering(romanStt(code))!);
      expect('code' in r && r.code, code).toBe(code);
    }
  });

  it('without Roman groups, numbers are the codes themselves; a letter needs a numbered row above', () => {
    const reader = new CodeReader(false);
    expect(reader.read(parseNumbering('a)')!)).toEqual({ error: 'letter_without_parent' });
    expect(reader.read(parseNumbering('3.1')!)).toEqual({ code: '3.1' });
    expect(reader.read(parseNumbering('b)')!)).toEqual({ code: '3.1.2' });
  });

  it('uses the Roman way only where every code follows its parent', () => {
    expect(
      fitsRomanNumbering([
        { code: '1', parentCode: null },
        { code: '1.2', parentCode: '1' },
      ]),
    ).toBe(true);
    expect(fitsRomanNumbering([{ code: '1.2', parentCode: '3' }])).toBe(false);
    expect(fitsRomanNumbering([{ code: '1.1a', parentCode: '1' }])).toBe(false);
  });
});

describe('deadlines', () => {
  const when = (text: string) => parseWhen(text, 'end', 2030);
  it('reads dates, months, quarters, half-years, years and spans as their last day', () => {
    expect(when('31/12/2026')).toMatchObject({ ok: true, date: '2026-12-31' });
    expect(when('ngày 5.6.2027')).toMatchObject({ date: '2027-06-05' });
    expect(when('2026-09-30')).toMatchObject({ date: '2026-09-30' });
    expect(when('46022')).toMatchObject({ date: '2025-12-31' });
    expect(when('2027')).toMatchObject({ date: '2027-12-31' });
    expect(when('Năm 2028')).toMatchObject({ date: '2028-12-31' });
    expect(when('Quý II/2026')).toMatchObject({ date: '2026-06-30' });
    expect(when('quý 4 năm 2026')).toMatchObject({ date: '2026-12-31' });
    expect(when('QIII/2027')).toMatchObject({ date: '2027-09-30' });
    expect(when('Tháng 2/2028')).toMatchObject({ date: '2028-02-29' });
    expect(when('6 tháng đầu năm 2026')).toMatchObject({ date: '2026-06-30' });
    expect(when('Trước 30/6/2026')).toMatchObject({ date: '2026-06-30' });
    expect(when('2026 – 2030')).toMatchObject({ date: '2030-12-31' });
    expect(when('Giai đoạn 2025-2027')).toMatchObject({ date: '2027-12-31' });
    expect(parseWhen('Quý II/2026', 'start', 2030)).toMatchObject({ date: '2026-04-01' });
  });

  it('reads "Hằng năm" as yearly and "Thường xuyên" as ongoing, until the plan ends or the year given', () => {
    expect(when('Hằng năm')).toEqual({ ok: true, date: '2030-12-31', recurrence: 'yearly', ongoing: false });
    expect(when('Hàng năm (2026 - 2028)')).toMatchObject({ date: '2028-12-31', recurrence: 'yearly' });
    expect(when('Hằng năm, đến 30/06/2029')).toMatchObject({ date: '2029-06-30', recurrence: 'yearly' });
    expect(when('Thường xuyên')).toMatchObject({ date: '2030-12-31', recurrence: 'none', ongoing: true });
    expect(when('')).toEqual({ ok: true, date: null, recurrence: 'none' });
  });

  it('refuses what is not a time, naming it', () => {
    for (const bad of ['sớm', '31/02/2026', 'Quý V/2026', '13/2026', 'Hằng năm sớm', '12']) {
      const r = when(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.reason).toContain(bad);
    }
  });
});

const unit = (
  code: string,
  name: string,
  kind: MatchUnit['kind'],
  shortName: string | null = null,
): MatchUnit => ({
  id: `id-${code}`,
  code,
  name,
  shortName,
  kind,
});
const UNITS = [
  unit('40', 'Tỉnh Nghệ An', 'province', 'Nghệ An'),
  unit('40.SKHCN', 'Sở Khoa học và Công nghệ', 'department', 'Sở KH&CN'),
  unit('40.SVHTTDL', 'Sở Văn hóa, Thể thao và Du lịch', 'department', 'Sở VHTT&DL'),
  unit('40.STC', 'Sở Tài chính', 'department', 'Sở Tài chính'),
  unit('40.VPUBND', 'Văn phòng Ủy ban nhân dân tỉnh', 'department', 'VP UBND tỉnh'),
  unit('40.CA', 'Công an tỉnh Nghệ An', 'department', 'Công an tỉnh'),
  unit('40.BPTTH', 'Báo và Phát thanh, Truyền hình Nghệ An', 'other'),
  unit('16690', 'Phường Trường Vinh', 'ward', 'Trường Vinh'),
  unit('16681', 'Phường Thành Vinh', 'ward', 'Thành Vinh'),
  unit('16813', 'Xã Mường Xén', 'commune', 'Mường Xén'),
  unit('17000', 'Xã Hưng Hòa', 'commune', 'Hưng Hòa'),
  unit('17001', 'Xã Hưng Hòa', 'commune', 'Hưng Hòa'),
];

describe('agency matcher', () => {
  const matcher = new AgencyMatcher(UNITS, SHIPPED_SYNONYMS);
  const name = (text: string) => {
    const m = matcher.matchPhrase(text);
    return m.kind === 'unit' ? m.unit.code : m.kind;
  };

  it('ignores diacritics, case, punctuation and the usual abbreviations', () => {
    for (const text of [
      'Sở Khoa học và Công nghệ',
      'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
      'So Khoa hoc va Cong nghe',
      'Sở KH&CN',
      'Sở KHCN',
      'Sở KH,CN',
      'sở khoa học, công nghệ',
      '40.SKHCN',
    ]) {
      expect(name(text), text).toBe('40.SKHCN');
    }
    expect(name('Văn phòng UBND tỉnh')).toBe('40.VPUBND');
    expect(name('Công an tỉnh')).toBe('40.CA');
    expect(name('UBND phường Trường Vinh')).toBe('16690');
    expect(name('- Sở Tài chính.')).toBe('40.STC');
    expect(name('Sở Tài chính (chủ trì)')).toBe('40.STC');
    expect(name('Xã Hưng Hòa')).toBe('ambiguous');
    expect(name('Xã Hưng Hòa (17001)')).toBe('17001');
  });

  it('reads "UBND các xã, phường" as every commune and ward, and vague phrases as nobody', () => {
    const all = matcher.matchPhrase('UBND các xã, phường');
    expect(all.kind).toBe('collective');
    expect(all.kind === 'collective' && all.units.map((u) => u.code).sort()).toEqual([
      '16681',
      '16690',
      '16813',
      '17000',
      '17001',
    ]);
    const wards = matcher.matchPhrase('các phường');
    expect(wards.kind === 'collective' && wards.units.length).toBe(2);
    expect(name('UBND cấp xã')).toBe('collective');
    expect(name('Các cơ quan, đơn vị liên quan')).toBe('vague');
    expect(name('Xã')).not.toBe('collective');
  });

  it('splits a list where its commas are not inside a name', () => {
    const list = matcher.matchList(
      'Sở Văn hóa, Thể thao và Du lịch, Sở KH&CN và Báo và Phát thanh, Truyền hình Nghệ An; UBND các xã, phường',
    );
    expect(list.map((m) => (m.kind === 'unit' ? m.unit.code : m.kind))).toEqual([
      '40.SVHTTDL',
      '40.SKHCN',
      '40.BPTTH',
      'collective',
    ]);
    const unknown = matcher.matchList('Sở Tài chánh, Sở Tài chính');
    expect(unknown.map((m) => m.kind)).toEqual(['unknown', 'unit']);
    expect(unknown[0]!.kind === 'unknown' && unknown[0]!.suggestion?.code).toBe('40.STC');
  });
});

describe('annex layout', () => {
  const records = (rows: string[][]) => rows.map((cells, i) => ({ cells, row: i + 1 }));

  it('finds the header below the title lines, reads a second header row and skips the column numbers', () => {
    const parsed = parseAnnex(
      records([
        ['PHỤ LỤC'],
        ['(Kèm theo Kế hoạch số 12/KH-UBND ngày 5 tháng 3 năm 2026 của Ủy ban nhân dân tỉnh Nghệ An)'],
        ['Kế hoạch chuyển đổi số năm 2026'],
        ['Giai đoạn 2026 - 2028'],
        [
          'TT',
          'Nội dung nhiệm vụ',
          'Đơn vị chủ trì',
          'Đơn vị phối hợp',
          'Thời gian',
          '',
          'Sản phẩm đầu ra',
          'Ghi chú',
        ],
        ['', '', '', '', 'Bắt đầu', 'Hoàn thành', '', ''],
        ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)'],
        ['I. NHIỆM VỤ CHUNG'],
        ['1', 'Việc một', 'Sở Tài chính', '', 'Quý I/2026', 'Quý II/2026', 'Báo cáo', 'x'],
        ['', '', '', '', '', '', '', '', '', 'lạc chỗ'],
      ]),
    );
    expect(parsed.layout.headerRow).toBe(5);
    expect(parsed.layout.columns.map((c) => `${c.key}:${c.letter}`)).toEqual([
      'stt:A',
      'title:B',
      'lead:C',
      'cooperators:D',
      'start:E',
      'deadline:F',
      'product:G',
    ]);
    expect(parsed.hints).toEqual({
      number: '12/KH-UBND',
      title: 'Kế hoạch chuyển đổi số năm 2026',
      issuingBody: 'Ủy ban nhân dân tỉnh Nghệ An',
      issueDate: '2026-03-05',
      horizonStartYear: 2026,
      horizonEndYear: 2028,
    });
    expect(parsed.rows.map((r) => [r.row, r.cells.stt, r.cells.title])).toEqual([
      [8, 'I', 'NHIỆM VỤ CHUNG'],
      [9, '1', 'Việc một'],
    ]);
    expect(parsed.rows[1]!.cells.start).toBe('Quý I/2026');
    expect(parsed.issues.map((i) => i.cell)).toEqual(['H5', 'J10']);
  });

  it('refuses a table without its needed columns, or with a column it does not know, naming them', () => {
    expect(() => parseAnnex(records([['Tiêu đề'], ['a', 'b']]))).toThrow();
    try {
      parseAnnex(records([['STT', 'Nhiệm vụ', 'Thời gian hoàn thành', 'Sản phẩm']]));
      expect.unreachable();
    } catch (error) {
      expect((error as { options: { errors: { message: string }[] } }).options.errors[0]!.message).toBe(
        'Dòng tiêu đề (dòng 1) thiếu cột “Cơ quan chủ trì”.',
      );
    }
    try {
      parseAnnex(records([['STT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Người ký']]));
      expect.unreachable();
    } catch (error) {
      expect((error as { options: { errors: { field: string }[] } }).options.errors[0]!.field).toBe('D1');
    }
  });
});
