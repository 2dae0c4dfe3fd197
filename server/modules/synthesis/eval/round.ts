/**
 * The labelled set (labelled-sentences.json, written by us) and a deterministic generator of whole
 * rounds from it: units, reports, groups of tasks, and each labelled sentence rewritten as another
 * officer would write it (other opening words, other synonyms, a place, a figure, the other tone-mark
 * placement). Used by the evaluation's traceability check and by the bench (150 reports, 3,000
 * sentences).
 */

import type { SentenceKind, SourceSentence } from '../engine/types';
import labelled from './labelled-sentences.json' with { type: 'json' };

export interface LabelledSentence {
  id: string;
  theme: string;
  kind: 'obstacle' | 'proposal';
  text: string;
}

export const LABELLED: readonly LabelledSentence[] = labelled.sentences as LabelledSentence[];
export const THEMES: readonly string[] = labelled.themes;

/** mulberry32: a small seeded generator, so that a round is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

const PLACES = [
  'Hưng',
  'Thanh',
  'Diễn',
  'Quỳnh',
  'Nghi',
  'Đô',
  'Nam',
  'Yên',
  'Tân',
  'Con',
  'Anh',
  'Kỳ',
  'Quế',
  'Tương',
];
const PLACES2 = [
  'Sơn',
  'Lộc',
  'Phú',
  'Thành',
  'Hòa',
  'Lương',
  'Xuân',
  'Hợp',
  'Châu',
  'Lạc',
  'Đông',
  'Tiến',
  'Mỹ',
  'Bình',
];
const AGENCIES = [
  'Sở Khoa học và Công nghệ',
  'Sở Tài chính',
  'Sở Nội vụ',
  'Sở Giáo dục và Đào tạo',
  'Sở Y tế',
  'Sở Nông nghiệp và Môi trường',
  'Sở Xây dựng',
  'Sở Công Thương',
  'Sở Tư pháp',
  'Sở Văn hóa, Thể thao và Du lịch',
];

/** Unit names: departments first, then communes and wards with names made of two syllables. */
export function unitNames(count: number): string[] {
  const names: string[] = [...AGENCIES.slice(0, Math.min(count, AGENCIES.length))];
  let i = 0;
  while (names.length < count) {
    const a = PLACES[i % PLACES.length]!;
    const b = PLACES2[Math.floor(i / PLACES.length) % PLACES2.length]!;
    const kind = i % 5 === 4 ? 'phường' : 'xã';
    const suffix =
      i >= PLACES.length * PLACES2.length ? ` ${Math.floor(i / (PLACES.length * PLACES2.length)) + 1}` : '';
    names.push(`UBND ${kind} ${a} ${b}${suffix}`);
    i++;
  }
  return names;
}

/** The plan's groups of tasks, and which themes' sentences a report files under each. */
export const GROUPS: { key: string; label: string; themes: string[] }[] = [
  {
    key: 'g1',
    label: 'Nhóm 1. Hoàn thiện thể chế, nâng cao nhận thức',
    themes: ['PROCEDURES', 'COORDINATION'],
  },
  { key: 'g2', label: 'Nhóm 2. Phát triển hạ tầng số', themes: ['INFRASTRUCTURE', 'EQUIPMENT', 'SECURITY'] },
  { key: 'g3', label: 'Nhóm 3. Chính quyền số, dữ liệu số', themes: ['DATA', 'SOFTWARE', 'CITIZENS'] },
  { key: 'g4', label: 'Nhóm 4. Nguồn nhân lực, nguồn lực', themes: ['STAFF', 'TRAINING', 'FUNDING'] },
  { key: 'g5', label: 'Nhóm 5. Khoa học, công nghệ và đổi mới sáng tạo', themes: ['RESEARCH', 'INNOVATION'] },
];
const GROUP_OF_THEME = new Map(GROUPS.flatMap((g) => g.themes.map((t) => [t, g] as const)));

const RESULTS = [
  'Đã số hóa {n}% hồ sơ, tài liệu lưu trữ theo kế hoạch',
  'Tổ chức {n} lớp tập huấn kỹ năng số cho cán bộ, công chức',
  'Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận trực tuyến đạt {n}%',
  'Đã kết nối mạng chuyên dùng đến trụ sở và {n} điểm cầu họp trực tuyến',
  'Hoàn thành rà soát, cập nhật {n} quy trình nội bộ giải quyết thủ tục hành chính',
  'Thành lập {n} tổ công nghệ số cộng đồng tại các thôn, khối',
  'Đăng ký {n} đề tài, sáng kiến cấp cơ sở trong năm',
  'Hỗ trợ {n} hợp tác xã đưa sản phẩm lên sàn thương mại điện tử',
];

/** Ways officers open, close and word the same point; each used at random. */
const OPENINGS = [
  '',
  '',
  'Hiện nay, ',
  'Trong kỳ báo cáo, ',
  'Tại đơn vị, ',
  'Thực tế cho thấy, ',
  'Qua rà soát, ',
];
const OBSTACLE_ENDINGS = [
  '',
  '',
  ', ảnh hưởng đến tiến độ chung',
  ', gây khó khăn cho công tác chuyên môn',
  ' ({n}% số thôn, khối)',
  ', chưa có hướng khắc phục',
];
const PROPOSAL_ENDINGS = ['', '', ' trong năm 2026', ' trong thời gian tới', ', bảo đảm hoàn thành kế hoạch'];
const SWAPS: [RegExp, string[]][] = [
  [/^Đề nghị /, ['Kiến nghị ', 'Đề xuất ', 'Kính đề nghị ', 'Đề nghị ']],
  [/^Kiến nghị /, ['Đề nghị ', 'Kiến nghị ']],
  [/^Đề xuất /, ['Đề nghị ', 'Đề xuất ']],
  [/^Mong /, ['Rất mong ', 'Mong ', 'Đề nghị ']],
  [/\bcông chức\b/, ['cán bộ, công chức', 'công chức']],
  [/\bxã\b/, ['xã, phường', 'xã', 'cơ sở']],
  [/\btỉnh\b/, ['UBND tỉnh', 'tỉnh']],
];
/** the other tone-mark placement, as some keyboards type it: the engine must read both alike */
const NEW_STYLE: [RegExp, string][] = [
  [/hóa/g, 'hoá'],
  [/hòa/g, 'hoà'],
  [/Ủy/g, 'Uỷ'],
  [/thủy/g, 'thuỷ'],
];

/** One labelled sentence as another officer might write it. Keeps its theme and kind. */
export function vary(text: string, kind: 'obstacle' | 'proposal', rnd: () => number): string {
  let out = text.replace(/\.$/, '');
  for (const [pattern, options] of SWAPS)
    if (pattern.test(out) && rnd() < 0.5) out = out.replace(pattern, pick(rnd, options));
  if (kind === 'obstacle') {
    const opening = pick(rnd, OPENINGS);
    if (opening) out = opening + out.charAt(0).toLowerCase() + out.slice(1);
  }
  out += pick(rnd, kind === 'obstacle' ? OBSTACLE_ENDINGS : PROPOSAL_ENDINGS).replace(
    '{n}',
    String(5 + Math.floor(rnd() * 60)),
  );
  if (rnd() < 0.3) for (const [p, r] of NEW_STYLE) out = out.replace(p, r);
  return `${out}.`;
}

export interface GeneratedRound {
  sentences: SourceSentence[];
  unitCount: number;
  /** gold theme of each obstacle or proposal sentence, by sentence id */
  gold: Map<string, string>;
}

/**
 * A round of `reports` unit reports with about `perReport` sentences each (a third results, the rest
 * obstacles and proposals drawn from the labelled set, varied unless `verbatim`). Deterministic.
 */
export function generateRound(options: {
  reports: number;
  perReport: number;
  seed?: number;
  verbatim?: boolean;
  pool?: readonly LabelledSentence[];
}): GeneratedRound {
  const rnd = seededRandom(options.seed ?? 13);
  const pool = options.pool ?? LABELLED;
  const names = unitNames(options.reports);
  const sentences: SourceSentence[] = [];
  const gold = new Map<string, string>();
  for (let u = 0; u < options.reports; u++) {
    const unitId = `unit-${String(u + 1).padStart(3, '0')}`;
    const reportId = `report-${String(u + 1).padStart(3, '0')}`;
    const results = Math.round(options.perReport / 3);
    for (let k = 0; k < options.perReport; k++) {
      const id = `${reportId}-s${String(k + 1).padStart(2, '0')}`;
      const base = { id, reportId, unitId, unitName: names[u]! };
      if (k < results) {
        const group = GROUPS[k % GROUPS.length]!;
        const text = pick(rnd, RESULTS).replace('{n}', String(3 + Math.floor(rnd() * 90)));
        sentences.push({
          ...base,
          groupKey: group.key,
          groupLabel: group.label,
          kind: 'result' as SentenceKind,
          text,
        });
        continue;
      }
      const item = pick(rnd, pool);
      const group = GROUP_OF_THEME.get(item.theme) ?? GROUPS[0]!;
      const text = options.verbatim ? item.text : vary(item.text, item.kind, rnd);
      sentences.push({ ...base, groupKey: group.key, groupLabel: group.label, kind: item.kind, text });
      gold.set(id, item.theme);
    }
  }
  return { sentences, unitCount: options.reports, gold };
}
