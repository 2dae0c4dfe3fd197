/** Known answers for readiness levels: parsing, stages, and a need's minimum against an offer. */
import { describe, expect, it } from 'vitest';
import { compareTrl, parseTrl, TRL_LABELS, TRL_LEVELS, TRL_MESSAGES, trlLabel, trlStage } from './trl';

describe('TRL scale', () => {
  it('has nine distinct Vietnamese labels', () => {
    expect(TRL_LEVELS).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Set(TRL_LEVELS.map((l) => TRL_LABELS[l])).size).toBe(9);
    expect(trlLabel(4)).toBe('Mức 4: Đã kiểm chứng trong phòng thí nghiệm');
  });

  it('parses what people type and refuses the rest', () => {
    expect(parseTrl('TRL 7')).toEqual({ ok: true, level: 7 });
    expect(parseTrl(' trl3 ')).toEqual({ ok: true, level: 3 });
    expect(parseTrl(9)).toEqual({ ok: true, level: 9 });
    for (const bad of [0, 10, 4.5, '', 'bảy', null, undefined, '1e1']) {
      expect(parseTrl(bad)).toEqual({ ok: false, error: TRL_MESSAGES.range });
    }
  });

  it('bands levels into research, development and deployment at 3/4 and 6/7', () => {
    expect(TRL_LEVELS.map(trlStage)).toEqual([
      'research',
      'research',
      'research',
      'development',
      'development',
      'development',
      'deployment',
      'deployment',
      'deployment',
    ]);
  });
});

describe('compareTrl', () => {
  it('an offer at or above the minimum meets it, with the reason shown on the board', () => {
    expect(compareTrl(5, 7)).toEqual({ meets: true, gap: 2, reason: 'Mức sẵn sàng 7 ≥ 5 yêu cầu' });
    expect(compareTrl(5, 5)).toEqual({ meets: true, gap: 0, reason: 'Mức sẵn sàng 5 ≥ 5 yêu cầu' });
  });

  it('an offer below the minimum does not, and says by how much', () => {
    expect(compareTrl(6, 3)).toEqual({
      meets: false,
      gap: -3,
      reason: 'Mức sẵn sàng 3 thấp hơn mức 6 yêu cầu (thiếu 3 mức)',
    });
    expect(compareTrl(5, 4).meets).toBe(false);
  });
});
