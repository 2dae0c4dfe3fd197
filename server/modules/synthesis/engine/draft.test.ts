/**
 * draftSynthesis: the Vietnamese templates, sources set by construction, N/M counts, sections per
 * theme and per group of tasks, determinism; and the traceability check going red on a tampered draft.
 */
import { describe, expect, it } from 'vitest';
import { checkTraceability } from '../eval/evaluate';
import { generateRound } from '../eval/round';
import { draftSynthesis } from './draft';
import { DEFAULT_LEXICON } from './lexicon';
import type { SourceSentence, Synthesis } from './types';

const unit = (n: number) => ({ unitId: `u${n}`, reportId: `r${n}`, unitName: `UBND xã Số ${n}` });
const G1 = { groupKey: 'g1', groupLabel: 'Nhóm 1. Hạ tầng số' };
const G2 = { groupKey: 'g2', groupLabel: 'Nhóm 2. Nguồn lực' };

const SENTENCES: SourceSentence[] = [
  { id: 'a1', ...unit(1), ...G2, kind: 'obstacle', text: 'Kinh phí bố trí cho chuyển đổi số còn hạn hẹp.' },
  { id: 'a2', ...unit(2), ...G2, kind: 'obstacle', text: 'Ngân sách xã không đủ chi cho chuyển đổi số.' },
  { id: 'a3', ...unit(3), ...G2, kind: 'obstacle', text: 'Chưa được giao dự toán kinh phí riêng.' },
  { id: 'a4', ...unit(1), ...G1, kind: 'obstacle', text: 'Đường truyền internet thường xuyên mất kết nối.' },
  { id: 'a5', ...unit(4), ...G1, kind: 'obstacle', text: 'Nhiều thôn còn là vùng lõm sóng.' },
  {
    id: 'p1',
    ...unit(2),
    ...G2,
    kind: 'proposal',
    text: 'Đề nghị tỉnh bố trí kinh phí riêng cho chuyển đổi số.',
  },
  { id: 'p2', ...unit(3), ...G2, kind: 'proposal', text: 'Kiến nghị bổ sung dự toán năm 2026.' },
  { id: 'r1', ...unit(1), ...G1, kind: 'result', text: 'Đã kéo mạng chuyên dùng đến trụ sở xã.' },
  { id: 'r2', ...unit(4), kind: 'result', text: 'Hoàn thành số hoá 80% hồ sơ.' },
];

const allSentences = (s: Synthesis) => s.sections.flatMap((x) => x.sentences);

describe('draftSynthesis', () => {
  const draft = draftSynthesis({ sentences: SENTENCES, unitCount: 10 });

  it('writes the overview, a section per theme and per group of tasks', () => {
    expect(draft.unitCount).toBe(10);
    expect(draft.reportingUnitCount).toBe(4);
    expect(draft.sections.map((s) => s.key)).toEqual([
      'overview',
      'theme:FUNDING',
      'theme:INFRASTRUCTURE',
      'group:g1',
      'group:g2',
      'group:',
    ]);
    expect(draft.sections.map((s) => s.title)).toEqual([
      'Tổng quan',
      'Kinh phí, nguồn vốn',
      'Hạ tầng viễn thông, đường truyền',
      'Nhóm 1. Hạ tầng số',
      'Nhóm 2. Nguồn lực',
      'Nhiệm vụ khác',
    ]);
  });

  it('says "N/M đơn vị" with the units of its sources and quotes them word for word', () => {
    const funding = draft.sections.find((s) => s.key === 'theme:FUNDING')!;
    expect(funding.sentences[0]).toEqual({
      text: '3/10 đơn vị nêu khó khăn, vướng mắc về kinh phí, nguồn vốn, điển hình: “Chưa được giao dự toán kinh phí riêng” (UBND xã Số 3); “Ngân sách xã không đủ chi cho chuyển đổi số” (UBND xã Số 2).',
      sourceSentenceIds: ['a1', 'a2', 'a3'],
      sourceReportIds: ['r1', 'r2', 'r3'],
    });
    expect(funding.sentences[1]!.text).toMatch(
      /^2\/10 đơn vị kiến nghị, đề xuất về kinh phí, nguồn vốn, điển hình: “/,
    );
    expect(funding.sentences[1]!.sourceSentenceIds).toEqual(['p1', 'p2']);
    expect(draft.sections[0]!.sentences[0]!.text).toBe(
      'Các khó khăn, vướng mắc được nêu nhiều nhất là về: kinh phí, nguồn vốn (3/10 đơn vị); hạ tầng viễn thông, đường truyền (2/10 đơn vị).',
    );
    const group = draft.sections.find((s) => s.key === 'group:')!;
    expect(group.sentences).toEqual([
      {
        text: '1/10 đơn vị báo cáo kết quả, như: “Hoàn thành số hóa 80% hồ sơ” (UBND xã Số 4).',
        sourceSentenceIds: ['r2'],
        sourceReportIds: ['r4'],
      },
    ]);
  });

  it('gives every sentence its sources, and the clusters theirs', () => {
    for (const s of allSentences(draft)) {
      expect(s.sourceSentenceIds.length).toBeGreaterThan(0);
      expect(s.sourceReportIds.length).toBeGreaterThan(0);
    }
    expect(checkTraceability(draft, SENTENCES, DEFAULT_LEXICON).problems).toEqual([]);
    const clustered = draft.clusters.flatMap((c) => c.ids).sort();
    expect(clustered).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'p1', 'p2']);
    expect(draft.clusters[0]).toMatchObject({
      kind: 'obstacle',
      conceptKey: 'FUNDING',
      unitIds: ['u1', 'u2', 'u3'],
    });
  });

  it('is the same whatever the input order', () => {
    expect(draftSynthesis({ sentences: [...SENTENCES].reverse(), unitCount: 10 })).toEqual(draft);
  });

  it('is the same whatever the order on a generated round with many repeated sentences', () => {
    const round = generateRound({ reports: 30, perReport: 12, seed: 5 });
    const shuffled = [...round.sentences].sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    const once = draftSynthesis({ sentences: round.sentences, unitCount: 30 });
    expect(draftSynthesis({ sentences: shuffled, unitCount: 30 })).toEqual(once);
    expect(checkTraceability(once, round.sentences, DEFAULT_LEXICON).problems).toEqual([]);
  });

  it('handles an empty round and refuses a bad unit count', () => {
    expect(draftSynthesis({ sentences: [], unitCount: 5 })).toEqual({
      unitCount: 5,
      reportingUnitCount: 0,
      sections: [],
      clusters: [],
    });
    expect(() => draftSynthesis({ sentences: SENTENCES, unitCount: -1 })).toThrow(RangeError);
  });
});

describe('checkTraceability', () => {
  it('goes red when a sentence names another source, quotes a stranger or miscounts', () => {
    const draft = draftSynthesis({ sentences: SENTENCES, unitCount: 10 });
    const tampered: Synthesis = structuredClone(draft);
    const funding = tampered.sections.find((s) => s.key === 'theme:FUNDING')!;
    funding.sentences[0]!.sourceSentenceIds = ['a1', 'a2'];
    funding.sentences[0]!.sourceReportIds = ['r1', 'r2'];
    funding.sentences[1]!.text = funding.sentences[1]!.text.replace('“', '“Bịa ra: ');
    funding.sentences[1]!.sourceSentenceIds = ['p1', 'zz'];
    const problems = checkTraceability(tampered, SENTENCES, DEFAULT_LEXICON).problems;
    expect(problems.some((p) => p.includes('quotes text none of its sources has'))).toBe(true);
    expect(problems.some((p) => p.includes('claims 3 units, its sources have 2'))).toBe(true);
    expect(problems.some((p) => p.includes('a source that does not exist'))).toBe(true);
  });
});
