/**
 * Technology Readiness Levels (Mức sẵn sàng công nghệ), 1 to 9, as in the NASA/EU scale the
 * Ministry of Science and Technology uses. An offer states its level; a need states the minimum it
 * can take. Labels are our own short Vietnamese wording of each level.
 */

export const TRL_LEVELS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
export type Trl = (typeof TRL_LEVELS)[number];

export const TRL_LABELS: Readonly<Record<Trl, string>> = {
  1: 'Nguyên lý cơ bản đã được quan sát và công bố',
  2: 'Đã hình thành khái niệm công nghệ và hướng ứng dụng',
  3: 'Đã chứng minh khái niệm bằng phân tích và thực nghiệm',
  4: 'Đã kiểm chứng trong phòng thí nghiệm',
  5: 'Đã kiểm chứng trong môi trường gần với thực tế',
  6: 'Đã trình diễn mẫu thử trong môi trường gần với thực tế',
  7: 'Đã trình diễn mẫu thử trong môi trường vận hành thực tế',
  8: 'Hệ thống hoàn chỉnh, đã thử nghiệm và được chứng nhận',
  9: 'Đã được chứng minh qua vận hành thực tế',
};

/** Three bands used for filters and charts. */
export type TrlStage = 'research' | 'development' | 'deployment';
export const TRL_STAGE_LABELS: Readonly<Record<TrlStage, string>> = {
  research: 'Nghiên cứu (mức 1–3)',
  development: 'Phát triển (mức 4–6)',
  deployment: 'Triển khai (mức 7–9)',
};

export const TRL_MESSAGES = {
  range: 'Mức sẵn sàng công nghệ phải là số nguyên từ 1 đến 9.',
} as const;

export function isTrl(value: unknown): value is Trl {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 9;
}

/** "TRL 7", "trl7", "7", 7 → 7; anything else → a Vietnamese message. */
export function parseTrl(input: unknown): { ok: true; level: Trl } | { ok: false; error: string } {
  const value = typeof input === 'string' ? Number(input.trim().replace(/^trl\s*/i, '')) : input;
  return isTrl(value) ? { ok: true, level: value } : { ok: false, error: TRL_MESSAGES.range };
}

export function trlLabel(level: Trl): string {
  return `Mức ${level}: ${TRL_LABELS[level]}`;
}

export function trlStage(level: Trl): TrlStage {
  return level <= 3 ? 'research' : level <= 6 ? 'development' : 'deployment';
}

export interface TrlFit {
  /** The offer is at least as ready as the need requires. */
  meets: boolean;
  /** offer − minimum: how many levels above (≥ 0) or below (< 0). */
  gap: number;
  /** Vietnamese sentence for the matching board. */
  reason: string;
}

/** A need's minimum level against an offer's level. */
export function compareTrl(needMinimum: Trl, offerLevel: Trl): TrlFit {
  const gap = offerLevel - needMinimum;
  return gap >= 0
    ? { meets: true, gap, reason: `Mức sẵn sàng ${offerLevel} ≥ ${needMinimum} yêu cầu` }
    : {
        meets: false,
        gap,
        reason: `Mức sẵn sàng ${offerLevel} thấp hơn mức ${needMinimum} yêu cầu (thiếu ${-gap} mức)`,
      };
}
