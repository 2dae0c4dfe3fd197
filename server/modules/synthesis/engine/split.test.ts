/** Known answers for the sentence splitting of unit reports. */
import { describe, expect, it } from 'vitest';
import { splitReportText } from './split';

describe('splitReportText', () => {
  it('splits lines, bullets and numbering, and drops headings', () => {
    const text = [
      'II. Khó khăn, vướng mắc:',
      '- Kinh phí bố trí còn thấp.',
      '• Đường truyền yếu',
      '+ Máy tính cũ;',
      '* Thiếu máy quét',
      '1. Chưa có cán bộ chuyên trách.',
      '1.2. Dữ liệu chưa liên thông',
      'a) Hướng dẫn ban hành chậm.',
      '(3) Nhiều phần mềm, nhiều tài khoản',
      '',
      'III. Kiến nghị',
    ].join('\n');
    expect(splitReportText(text)).toEqual([
      'Kinh phí bố trí còn thấp',
      'Đường truyền yếu',
      'Máy tính cũ',
      'Thiếu máy quét',
      'Chưa có cán bộ chuyên trách',
      'Dữ liệu chưa liên thông',
      'Hướng dẫn ban hành chậm',
      'Nhiều phần mềm, nhiều tài khoản',
      'Kiến nghị',
    ]);
  });

  it('splits sentences within a line, but not at abbreviations or in numbers', () => {
    const text =
      'TP. Vinh đã số hóa 85,5% hồ sơ, tương đương 1.250 bộ. ThS. Nguyễn Văn A phụ trách. Kinh phí 3.5 tỷ đồng chưa được cấp! Đề nghị tỉnh xem xét?';
    expect(splitReportText(text)).toEqual([
      'TP. Vinh đã số hóa 85,5% hồ sơ, tương đương 1.250 bộ',
      'ThS. Nguyễn Văn A phụ trách',
      'Kinh phí 3.5 tỷ đồng chưa được cấp!',
      'Đề nghị tỉnh xem xét?',
    ]);
  });

  it('keeps "v.v." and splits on it only before a new sentence; splits ";" lists', () => {
    expect(
      splitReportText('Thiếu máy tính, máy in, v.v. Đường truyền yếu; máy chủ hỏng; (2) chưa sao lưu'),
    ).toEqual(['Thiếu máy tính, máy in, v.v.', 'Đường truyền yếu', 'máy chủ hỏng', 'chưa sao lưu']);
  });

  it('normalises first: legacy text and tone marks', () => {
    expect(splitReportText('- Kinh phÝ h¹n chÕ.\n- Thuû lîi')).toEqual(['Kinh phí hạn chế', 'Thủy lợi']);
  });

  it('returns nothing for text with no letters', () => {
    expect(splitReportText(' \n- \n1.\n...')).toEqual([]);
  });
});
