/**
 * The themes of obstacles and proposals: a small lexicon of words, matched without diacritics or
 * case (common/vietnamese.ts foldForSearch) as whole words. A passage counts once for every theme
 * whose words it contains; a passage no word matches is "other". A stand-in, stated on the page,
 * until a later issue clusters the passages with a language model.
 */
import { foldForSearch } from '../../../common/vietnamese';

export interface Theme {
  key: string;
  label: string;
  /** as people write them; folded once below */
  words: readonly string[];
}

export const THEMES: readonly Theme[] = [
  {
    key: 'funding',
    label: 'Kinh phí, nguồn vốn',
    words: ['kinh phí', 'ngân sách', 'nguồn vốn', 'vốn', 'tài chính', 'chi phí', 'dự toán'],
  },
  {
    key: 'staff',
    label: 'Nhân lực, cán bộ',
    words: ['nhân lực', 'cán bộ', 'biên chế', 'nhân sự', 'chuyên gia'],
  },
  {
    key: 'infrastructure',
    label: 'Hạ tầng, thiết bị',
    words: ['hạ tầng', 'thiết bị', 'máy tính', 'đường truyền', 'mạng', 'sóng', 'cáp quang', 'máy chủ'],
  },
  {
    key: 'procedures',
    label: 'Thủ tục, hướng dẫn',
    words: ['thủ tục', 'hướng dẫn', 'quy định', 'văn bản', 'cơ chế', 'chính sách', 'phê duyệt'],
  },
  {
    key: 'data',
    label: 'Dữ liệu, kết nối',
    words: ['dữ liệu', 'kết nối', 'liên thông', 'đồng bộ', 'cơ sở dữ liệu', 'phần mềm', 'hệ thống'],
  },
  { key: 'training', label: 'Đào tạo, kỹ năng', words: ['đào tạo', 'tập huấn', 'bồi dưỡng', 'kỹ năng'] },
  {
    key: 'coordination',
    label: 'Phối hợp',
    words: ['phối hợp', 'chậm trễ', 'chưa thống nhất', 'liên ngành'],
  },
  {
    key: 'awareness',
    label: 'Nhận thức, người dân',
    words: ['nhận thức', 'người dân', 'tuyên truyền', 'thói quen'],
  },
];

export const OTHER_THEME = { key: 'other', label: 'Nội dung khác' } as const;

export const THEME_METHOD =
  'Mỗi đoạn khó khăn, vướng mắc hoặc đề xuất (chung của báo cáo và của từng nhiệm vụ) trong các báo cáo đã gửi của đợt ' +
  'được xếp vào một hay nhiều nhóm theo từ khoá (không phân biệt dấu, hoa thường, so khớp nguyên từ); ' +
  'đoạn không chứa từ khoá nào thuộc nhóm "Nội dung khác". Số lần nêu là số đoạn; đơn vị là đơn vị gửi báo cáo.';

const folded = THEMES.map((theme) => ({
  key: theme.key,
  patterns: theme.words.map(
    (w) => new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(foldForSearch(w))}($|[^\\p{L}\\p{N}])`, 'u'),
  ),
}));

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The keys of the themes a passage mentions, or ['other']. */
export function themesOf(passage: string): string[] {
  const text = foldForSearch(passage);
  const keys = folded.filter((t) => t.patterns.some((p) => p.test(text))).map((t) => t.key);
  return keys.length ? keys : [OTHER_THEME.key];
}
