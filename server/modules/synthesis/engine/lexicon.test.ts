/** The concept lexicon: matching (longest term, tone marks, no diacritics) and its checks. */
import { describe, expect, it } from 'vitest';
import { checkLexicon, DEFAULT_LEXICON, matchConcepts } from './lexicon';

describe('matchConcepts', () => {
  it('finds the concepts of a sentence, whatever the tone-mark placement or case', () => {
    expect(matchConcepts('Thiếu KINH PHÍ và cán bộ chuyên trách để số hoá hồ sơ')).toEqual([
      'FUNDING',
      'STAFF',
      'DATA',
    ]);
    expect(matchConcepts('Đường truyền chậm')).toEqual(['INFRASTRUCTURE']);
    expect(matchConcepts('Không có gì đáng kể')).toEqual([]);
  });
  it('reads multi-syllable terms typed without diacritics, not single syllables', () => {
    expect(matchConcepts('thieu kinh phi, duong truyen yeu')).toEqual(['FUNDING', 'INFRASTRUCTURE']);
    // "loi" alone is not "lỗi"
    expect(matchConcepts('loi ich')).toEqual([]);
  });
  it('uses the lexicon it is given, as it is now (an object edited in place is read again)', () => {
    const lexicon = {
      concepts: [{ key: 'LAND', label: 'Đất đai', terms: ['mặt bằng', 'giải phóng mặt bằng'] }],
    };
    expect(matchConcepts('Vướng giải phóng mặt bằng', lexicon)).toEqual(['LAND']);
    expect(matchConcepts('Thiếu kinh phí', lexicon)).toEqual([]);
    lexicon.concepts[0]!.terms.push('kinh phí');
    expect(matchConcepts('Thiếu kinh phí', lexicon)).toEqual(['LAND']);
  });
});

describe('checkLexicon', () => {
  it('accepts the default lexicon', () => {
    expect(checkLexicon(DEFAULT_LEXICON)).toEqual([]);
    expect(DEFAULT_LEXICON.concepts.length).toBeGreaterThanOrEqual(10);
    expect(JSON.parse(JSON.stringify(DEFAULT_LEXICON))).toEqual(DEFAULT_LEXICON);
  });
  it('names each problem in Vietnamese', () => {
    const problems = checkLexicon({
      concepts: [
        { key: 'kinh phi', label: 'Kinh phí', terms: ['kinh phí'] },
        { key: 'STAFF', label: '', terms: [] },
        { key: 'STAFF', label: 'Nhân lực', terms: ['kinh phí', '...'] },
      ],
    });
    expect(problems).toEqual([
      'Chủ đề thứ 1 (Kinh phí): mã chủ đề chỉ gồm chữ in hoa không dấu, chữ số và dấu gạch dưới.',
      'Chủ đề thứ 2: chưa có tên chủ đề.',
      'Chủ đề thứ 2: chưa có từ khóa nào.',
      'Chủ đề thứ 3 (Nhân lực): mã chủ đề "STAFF" bị trùng.',
      'Chủ đề thứ 3 (Nhân lực): từ khóa "kinh phí" đã thuộc chủ đề thứ 1 (Kinh phí).',
      'Chủ đề thứ 3 (Nhân lực): từ khóa "..." không có chữ nào.',
    ]);
  });
});
