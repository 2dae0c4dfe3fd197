import { searchTokens, synonymKey, synonymPattern } from '../../db/search';

/**
 * The abbreviations Vietnamese plans and reports use most, shipped with the migration that creates
 * the table (0016) so that a fresh install searches with them; the secretariat edits them after.
 */
export const SHIPPED_SYNONYMS: readonly (readonly string[])[] = [
  ['KH&CN', 'KHCN', 'KH,CN', 'khoa học và công nghệ', 'khoa học, công nghệ'],
  ['ĐMST', 'đổi mới sáng tạo'],
  ['CĐS', 'chuyển đổi số'],
  ['CNTT', 'công nghệ thông tin'],
  ['CNS', 'công nghệ số'],
  ['CNC', 'công nghệ cao'],
  ['UBND', 'ủy ban nhân dân'],
  ['HĐND', 'hội đồng nhân dân'],
  ['KT-XH', 'KTXH', 'kinh tế - xã hội'],
  ['NC&PT', 'NCPT', 'R&D', 'nghiên cứu và phát triển'],
  ['KH&ĐT', 'kế hoạch và đầu tư'],
  ['TT&TT', 'thông tin và truyền thông'],
  ['SHTT', 'sở hữu trí tuệ'],
  ['TCĐLCL', 'tiêu chuẩn đo lường chất lượng'],
  ['CCHC', 'cải cách hành chính'],
  ['NTM', 'nông thôn mới'],
  ['HTX', 'hợp tác xã'],
  ['DNNVV', 'doanh nghiệp nhỏ và vừa'],
];

/** A group's derived columns: the keys its forms are found by, the patterns that find them. */
export function deriveSynonymGroup(forms: readonly string[]) {
  const tokens = forms.map(searchTokens);
  return {
    keys: [...new Set(tokens.map(synonymKey).filter(Boolean))],
    patterns: [...new Set(tokens.filter((t) => synonymKey(t)).map(synonymPattern))],
  };
}
