/**
 * Known answers for matching on the fixed set of matching.fixture.ts. O1 worked by hand: sector
 * C2651 = C2651 → 25; tags {iot, cam bien, thuy san} vs {cam bien, iot, nuoi trong thuy san} →
 * 2/4 → 12.5; readiness 7 ≥ 6 → 15; purchase in common → 10; price band below budget → 10; text
 * cosine 0.884 → 13.3; total 85.8. O5: C2651 vs C2660 share "C26" → 0.6 × 25 = 15; tags 1/3 → 8.3.
 */
import { describe, expect, it } from 'vitest';
import {
  EXPIRED_REASON,
  jaccard,
  needsForOffer,
  offersForNeed,
  scorePair,
  sharedVsicPrefix,
  textSimilarity,
} from './matching';
import { NEEDS, OFFERS, SHRIMP_NEED } from './matching.fixture';

const AS_OF = '2026-12-08';

describe('building blocks', () => {
  it('shares VSIC prefixes within a section only', () => {
    expect(sharedVsicPrefix('C2651', 'C2651')).toBe('C2651');
    expect(sharedVsicPrefix('C2651', 'c2660')).toBe('C26');
    expect(sharedVsicPrefix('C2651', 'C1010')).toBe('C');
    expect(sharedVsicPrefix('C2651', 'J6201')).toBeNull();
    expect(sharedVsicPrefix(null, 'J6201')).toBeNull();
  });

  it('computes Jaccard overlap', () => {
    expect(jaccard(new Set(['a', 'b', 'c']), new Set(['b', 'c', 'd']))).toBe(0.5);
    expect(jaccard(new Set(), new Set())).toBe(0);
  });

  it('compares texts ignoring diacritics, case and stop words', () => {
    expect(textSimilarity('Cảm biến MẶN nước', 'cam bien man nuoc')).toBeCloseTo(1, 10);
    expect(textSimilarity('cảm biến và các thiết bị', 'cảm biến thiết bị')).toBeCloseTo(1, 10);
    expect(textSimilarity('robot đóng gói', 'cảm biến nước')).toBe(0);
  });
});

describe('offersForNeed', () => {
  it('ranks the fixed set with exact scores and reasons, and says why the others are left out', () => {
    expect(offersForNeed(SHRIMP_NEED, OFFERS, { asOf: AS_OF })).toEqual({
      suggestions: [
        {
          id: 'O1',
          score: 85.8,
          reasons: [
            'Cùng ngành C2651',
            'Trùng từ khóa: IoT, cảm biến (hệ số 0,50)',
            'Mức sẵn sàng 7 ≥ 6 yêu cầu',
            'Cùng hình thức: mua bán công nghệ',
            'Giá dự kiến (dưới 500 triệu đồng) trong mức kinh phí (từ 500 triệu đến 2 tỷ đồng)',
            'Nội dung mô tả tương đồng 88%',
          ],
        },
        {
          id: 'O5',
          score: 66.2,
          reasons: [
            'Cùng ngành C26',
            'Trùng từ khóa: IoT (hệ số 0,33)',
            'Mức sẵn sàng 6 ≥ 6 yêu cầu',
            'Cùng hình thức: chuyển giao quyền sử dụng (li-xăng)',
            'Giá dự kiến (từ 500 triệu đến 2 tỷ đồng) trong mức kinh phí (từ 500 triệu đến 2 tỷ đồng)',
            'Nội dung mô tả tương đồng 53%',
          ],
        },
        {
          id: 'O2',
          score: 33.4,
          reasons: [
            'Trùng từ khóa: thủy sản (hệ số 0,25)',
            'Mức sẵn sàng 8 ≥ 6 yêu cầu',
            'Cùng hình thức: chuyển giao quyền sử dụng (li-xăng)',
            'Giá dự kiến (từ 2 tỷ đến 10 tỷ đồng) vượt mức kinh phí (từ 500 triệu đến 2 tỷ đồng)',
            'Nội dung mô tả tương đồng 14%',
          ],
        },
      ],
      excluded: [
        { id: 'O3', score: 0, reasons: ['Mức sẵn sàng 4 thấp hơn mức 6 yêu cầu (thiếu 2 mức)'] },
        { id: 'O4', score: 0, reasons: [EXPIRED_REASON] },
      ],
    });
  });

  it('is deterministic whatever the input order, and honours minScore and limit', () => {
    const ids = (r: ReturnType<typeof offersForNeed>) => r.suggestions.map((s) => s.id);
    const reversed = offersForNeed(SHRIMP_NEED, [...OFFERS].reverse(), { asOf: AS_OF });
    expect(reversed).toEqual(offersForNeed(SHRIMP_NEED, OFFERS, { asOf: AS_OF }));
    expect(ids(offersForNeed(SHRIMP_NEED, OFFERS, { asOf: AS_OF, minScore: 50 }))).toEqual(['O1', 'O5']);
    expect(ids(offersForNeed(SHRIMP_NEED, OFFERS, { asOf: AS_OF, limit: 1 }))).toEqual(['O1']);
    // Before O4 expired it ranks, ties broken by id.
    expect(ids(offersForNeed(SHRIMP_NEED, OFFERS, { asOf: '2025-12-31' }))[1]).toBe('O4');
  });

  it('excludes an offer below the minimum readiness whatever else it has', () => {
    const twin = { ...OFFERS[0], id: 'O1-early', trl: 5 } as (typeof OFFERS)[number];
    expect(scorePair(SHRIMP_NEED, twin)).toEqual({
      excluded: true,
      score: 0,
      reasons: ['Mức sẵn sàng 5 thấp hơn mức 6 yêu cầu (thiếu 1 mức)'],
    });
  });
});

describe('needsForOffer', () => {
  it('ranks needs for the software offer the other way round, with the same pair scores', () => {
    const result = needsForOffer(OFFERS[1] as (typeof OFFERS)[number], NEEDS, { asOf: AS_OF });
    expect(result.suggestions.map((s) => [s.id, s.score])).toEqual([
      ['N2', 62.3],
      ['N1', 33.4],
    ]);
    expect(result.suggestions[0]?.reasons.slice(0, 2)).toEqual([
      'Cùng ngành J62',
      'Trùng từ khóa: phần mềm, thủy sản (hệ số 0,67)',
    ]);
    expect(result.excluded).toEqual([
      { id: 'N3', score: 0, reasons: ['Mức sẵn sàng 8 thấp hơn mức 9 yêu cầu (thiếu 1 mức)'] },
    ]);
  });
});
