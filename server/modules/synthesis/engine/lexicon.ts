/**
 * The concept lexicon: themes the secretariat recognises in obstacles and proposals, each with the
 * words units use for it. Concepts become features (two sentences about "kinh phí" and "nguồn vốn"
 * meet) and label clusters and sections. Plain JSON, edited by the secretariat.
 */
import { normalizeText } from './normalize';
import { foldDiacritics, syllablesOf } from './tokens';
import type { Lexicon } from './types';

export const DEFAULT_LEXICON: Lexicon = {
  concepts: [
    {
      key: 'FUNDING',
      label: 'Kinh phí, nguồn vốn',
      terms: [
        'kinh phí',
        'ngân sách',
        'nguồn vốn',
        'vốn đầu tư',
        'dự toán',
        'giải ngân',
        'cấp phát',
        'nguồn lực tài chính',
        'định mức chi',
        'chi thường xuyên',
        'vốn đối ứng',
        'tài chính',
        'nguồn kinh phí',
      ],
    },
    {
      key: 'STAFF',
      label: 'Nhân lực, cán bộ chuyên trách',
      terms: [
        'nhân lực',
        'cán bộ chuyên trách',
        'biên chế',
        'kiêm nhiệm',
        'nhân sự',
        'công chức',
        'viên chức',
        'cán bộ phụ trách',
        'thu hút',
        'chế độ đãi ngộ',
        'phụ cấp',
        'nghỉ việc',
        'thiếu người',
      ],
    },
    {
      key: 'INFRASTRUCTURE',
      label: 'Hạ tầng viễn thông, đường truyền',
      terms: [
        'hạ tầng',
        'đường truyền',
        'internet',
        'cáp quang',
        'sóng di động',
        'vùng lõm sóng',
        'lõm sóng',
        'băng thông',
        'kết nối mạng',
        'mạng chuyên dùng',
        'trạm phát sóng',
        'mất kết nối',
        'tốc độ mạng',
      ],
    },
    {
      key: 'EQUIPMENT',
      label: 'Trang thiết bị',
      terms: [
        'thiết bị',
        'trang thiết bị',
        'máy tính',
        'máy chủ',
        'máy quét',
        'máy in',
        'máy scan',
        'cấu hình',
        'xuống cấp',
        'hư hỏng',
        'màn hình',
        'camera',
      ],
    },
    {
      key: 'DATA',
      label: 'Dữ liệu, số hóa',
      terms: [
        'dữ liệu',
        'cơ sở dữ liệu',
        'số hóa',
        'liên thông',
        'chia sẻ dữ liệu',
        'đồng bộ',
        'hồ sơ giấy',
        'làm sạch',
        'dữ liệu dân cư',
        'kho dữ liệu',
        'sổ sách',
        'trùng lặp',
      ],
    },
    {
      key: 'SOFTWARE',
      label: 'Phần mềm, hệ thống thông tin',
      terms: [
        'phần mềm',
        'hệ thống thông tin',
        'ứng dụng',
        'nền tảng',
        'lỗi',
        'chập chờn',
        'treo',
        'tính năng',
        'quản lý văn bản',
        'một cửa điện tử',
        'chữ ký số',
        'đăng nhập',
        'nâng cấp',
      ],
    },
    {
      key: 'TRAINING',
      label: 'Đào tạo, bồi dưỡng, kỹ năng số',
      terms: [
        'tập huấn',
        'đào tạo',
        'bồi dưỡng',
        'kỹ năng số',
        'kỹ năng',
        'trình độ',
        'năng lực',
        'hướng dẫn sử dụng',
        'lớp học',
        'chuyển giao kiến thức',
      ],
    },
    {
      key: 'PROCEDURES',
      label: 'Thể chế, thủ tục, văn bản hướng dẫn',
      terms: [
        'thủ tục',
        'quy trình',
        'văn bản hướng dẫn',
        'hướng dẫn',
        'quy định',
        'cơ chế',
        'chính sách',
        'pháp lý',
        'thông tư',
        'nghị định',
        'chồng chéo',
        'ban hành',
        'sửa đổi',
      ],
    },
    {
      key: 'SECURITY',
      label: 'An toàn, an ninh mạng',
      terms: [
        'an toàn thông tin',
        'an ninh mạng',
        'mã độc',
        'tấn công',
        'bảo mật',
        'lộ lọt',
        'lừa đảo',
        'mật khẩu',
        'phần mềm diệt vi rút',
        'sao lưu',
        'rò rỉ',
      ],
    },
    {
      key: 'CITIZENS',
      label: 'Người dân, doanh nghiệp sử dụng dịch vụ số',
      terms: [
        'người dân',
        'dịch vụ công trực tuyến',
        'thanh toán trực tuyến',
        'thanh toán không dùng tiền mặt',
        'điện thoại thông minh',
        'người cao tuổi',
        'thói quen',
        'tài khoản định danh',
        'định danh điện tử',
        'nộp hồ sơ trực tuyến',
        'tỷ lệ hồ sơ trực tuyến',
      ],
    },
    {
      key: 'RESEARCH',
      label: 'Nghiên cứu, ứng dụng khoa học công nghệ',
      terms: [
        'đề tài',
        'nhiệm vụ khoa học',
        'nghiên cứu',
        'chuyển giao công nghệ',
        'sở hữu trí tuệ',
        'sáng kiến',
        'nhà khoa học',
        'phòng thí nghiệm',
        'nghiệm thu',
        'thương mại hóa',
        'kết quả nghiên cứu',
      ],
    },
    {
      key: 'INNOVATION',
      label: 'Doanh nghiệp, khởi nghiệp, đổi mới sáng tạo',
      terms: [
        'doanh nghiệp',
        'khởi nghiệp',
        'đổi mới sáng tạo',
        'vườn ươm',
        'quỹ đầu tư',
        'hợp tác xã',
        'hệ sinh thái',
        'nhà đầu tư',
        'sản phẩm ocop',
        'sàn thương mại điện tử',
        'thương mại điện tử',
      ],
    },
    {
      key: 'COORDINATION',
      label: 'Chỉ đạo, phối hợp',
      terms: [
        'phối hợp',
        'chỉ đạo',
        'người đứng đầu',
        'trách nhiệm',
        'vào cuộc',
        'đôn đốc',
        'nhận thức',
        'thống nhất',
        'đầu mối',
        'liên ngành',
        'quyết liệt',
      ],
    },
  ],
};

export const CONCEPT_KEY = /^[A-Z][A-Z0-9_]{0,39}$/;

/** Problems of an edited lexicon, in Vietnamese (empty → usable). */
export function checkLexicon(lexicon: Lexicon): string[] {
  const problems: string[] = [];
  const keys = new Set<string>();
  const termOwner = new Map<string, { index: number; label: string }>();
  if (lexicon.concepts.length > 100) problems.push('Bộ từ khóa có quá 100 chủ đề.');
  lexicon.concepts.forEach((c, i) => {
    const where = `Chủ đề thứ ${i + 1}${c.label.trim() ? ` (${c.label.trim()})` : ''}`;
    if (!CONCEPT_KEY.test(c.key)) {
      problems.push(`${where}: mã chủ đề chỉ gồm chữ in hoa không dấu, chữ số và dấu gạch dưới.`);
    }
    if (keys.has(c.key)) problems.push(`${where}: mã chủ đề "${c.key}" bị trùng.`);
    keys.add(c.key);
    if (!c.label.trim()) problems.push(`${where}: chưa có tên chủ đề.`);
    if (c.terms.length === 0) problems.push(`${where}: chưa có từ khóa nào.`);
    if (c.terms.length > 200) problems.push(`${where}: có quá 200 từ khóa.`);
    for (const term of c.terms) {
      const key = syllablesOf(normalizeText(term).text).join(' ');
      if (!key) {
        problems.push(`${where}: từ khóa "${term}" không có chữ nào.`);
        continue;
      }
      const owner = termOwner.get(key);
      if (owner && owner.index !== i) {
        problems.push(`${where}: từ khóa "${term}" đã thuộc chủ đề thứ ${owner.index + 1} (${owner.label}).`);
      }
      if (!owner) termOwner.set(key, { index: i, label: c.label.trim() });
    }
  });
  return problems;
}

/** A compiled lexicon: term syllables indexed by their first syllable, for matching. */
export interface LexiconMatcher {
  concepts: { key: string; label: string }[];
  /** first syllable → [term syllables, concept index], longest terms first */
  byFirst: Map<string, [string[], number][]>;
  /** the same for multi-syllable terms, folded (for text typed without diacritics) */
  byFirstFolded: Map<string, [string[], number][]>;
}

export function compileLexicon(lexicon: Lexicon): LexiconMatcher {
  const byFirst = new Map<string, [string[], number][]>();
  const byFirstFolded = new Map<string, [string[], number][]>();
  const add = (map: Map<string, [string[], number][]>, syllables: string[], index: number) => {
    const list = map.get(syllables[0]!) ?? [];
    list.push([syllables, index]);
    map.set(syllables[0]!, list);
  };
  lexicon.concepts.forEach((c, index) => {
    for (const term of c.terms) {
      const syllables = syllablesOf(normalizeText(term).text);
      if (syllables.length === 0) continue;
      add(byFirst, syllables, index);
      if (syllables.length > 1) add(byFirstFolded, syllables.map(foldDiacritics), index);
    }
  });
  for (const map of [byFirst, byFirstFolded]) {
    for (const list of map.values()) list.sort((a, b) => b[0].length - a[0].length || a[1] - b[1]);
  }
  return { concepts: lexicon.concepts.map((c) => ({ key: c.key, label: c.label })), byFirst, byFirstFolded };
}

function matchAt(
  list: [string[], number][] | undefined,
  syllables: string[],
  at: number,
): [number, number] | null {
  if (!list) return null;
  for (const [term, index] of list) {
    if (at + term.length > syllables.length) continue;
    let ok = true;
    for (let k = 1; k < term.length; k++) {
      if (syllables[at + k] !== term[k]) {
        ok = false;
        break;
      }
    }
    if (ok) return [term.length, index];
  }
  return null;
}

/**
 * The concept indices (with multiplicity) whose terms occur in the syllables, longest term first,
 * a syllable counted once: "cơ sở dữ liệu" is DATA once, not twice.
 */
export function conceptHits(matcher: LexiconMatcher, syllables: string[]): number[] {
  const hits: number[] = [];
  let folded: string[] | null = null;
  for (let i = 0; i < syllables.length; ) {
    let m = matchAt(matcher.byFirst.get(syllables[i]!), syllables, i);
    if (!m) {
      folded ??= syllables.map(foldDiacritics);
      m = matchAt(matcher.byFirstFolded.get(folded[i]!), folded, i);
    }
    if (m) {
      hits.push(m[1]);
      i += m[0];
    } else i++;
  }
  return hits;
}

/**
 * Compiled lexicons by content: a preview matches every sentence of a round against two lexicons, and
 * compiling normalises every term. Keyed by the JSON text, so an edited lexicon object is never
 * matched with its old terms. A few entries are enough (the saved lexicon and the one being edited).
 */
const compiled = new Map<string, LexiconMatcher>();
const COMPILED_KEPT = 4;

export function compiledLexicon(lexicon: Lexicon): LexiconMatcher {
  const key = JSON.stringify(lexicon.concepts);
  let matcher = compiled.get(key);
  if (matcher) {
    // most recently used last
    compiled.delete(key);
  } else {
    matcher = compileLexicon(lexicon);
    if (compiled.size >= COMPILED_KEPT) compiled.delete(compiled.keys().next().value!);
  }
  compiled.set(key, matcher);
  return matcher;
}

/** The keys of the lexicon concepts whose terms occur in the text (for the lexicon preview). */
export function matchConcepts(text: string, lexicon: Lexicon = DEFAULT_LEXICON): string[] {
  const matcher = compiledLexicon(lexicon);
  const hits = new Set(conceptHits(matcher, syllablesOf(normalizeText(text).text)));
  return [...hits].sort((a, b) => a - b).map((i) => matcher.concepts[i]!.key);
}
