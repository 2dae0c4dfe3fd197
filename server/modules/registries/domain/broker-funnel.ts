/**
 * A brokered match's steps (interest → meeting → NDA → agreement) and why a match is declined,
 * from a short fixed list so the funnel and the reasons deals fail can be counted. Steps go
 * forward one at a time; a match can be declined at any open step, and only with a reason.
 */

export const DECLINE_REASONS = ['too-early', 'benefit-unclear', 'price', 'route-unclear', 'vague'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];
export const DECLINE_REASON_LABELS: Readonly<Record<DeclineReason, string>> = {
  'too-early': 'Công nghệ chưa đủ độ chín để áp dụng',
  'benefit-unclear': 'Chưa thấy rõ lợi ích so với giải pháp hiện có',
  price: 'Giá hoặc chi phí chưa phù hợp',
  'route-unclear': 'Chưa rõ cách thức chuyển giao, triển khai',
  vague: 'Nhu cầu hoặc hồ sơ công nghệ còn chung chung',
};

export const FUNNEL_STEPS = ['suggested', 'interest', 'meeting', 'nda', 'agreement'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];
export type MatchState = FunnelStep | 'declined';
export const MATCH_STATE_LABELS: Readonly<Record<MatchState, string>> = {
  suggested: 'Được gợi ý',
  interest: 'Bày tỏ quan tâm',
  meeting: 'Đã gặp gỡ, trao đổi',
  nda: 'Đã ký thỏa thuận bảo mật',
  agreement: 'Đã ký hợp đồng',
  declined: 'Từ chối',
};

/** Where each state may go next; agreement and declined are final. */
export const MATCH_TRANSITIONS: Readonly<Record<MatchState, readonly MatchState[]>> = {
  suggested: ['interest', 'declined'],
  interest: ['meeting', 'declined'],
  meeting: ['nda', 'declined'],
  nda: ['agreement', 'declined'],
  agreement: [],
  declined: [],
};

export type MatchEvent =
  | { to: 'interest' | 'meeting' | 'nda' }
  | { to: 'agreement'; contractValueVnd: number }
  | { to: 'declined'; reason: DeclineReason; note?: string };

export interface MatchRecord {
  state: MatchState;
  /** Set once, at agreement. */
  contractValueVnd: number | null;
  declineReason: DeclineReason | null;
  /** The last step reached before the match was declined (for the funnel). */
  declinedAt: FunnelStep | null;
}

export const FUNNEL_MESSAGES = {
  final: 'Kết nối này đã kết thúc, không chuyển tiếp được.',
  order: 'Phải đi lần lượt: quan tâm → gặp gỡ → thỏa thuận bảo mật → hợp đồng.',
  reason: 'Phải chọn lý do từ chối trong danh sách.',
  value: 'Giá trị hợp đồng phải là số tiền (đồng) không âm.',
} as const;

export const NEW_MATCH: MatchRecord = {
  state: 'suggested',
  contractValueVnd: null,
  declineReason: null,
  declinedAt: null,
};

export function advanceMatch(
  match: MatchRecord,
  event: MatchEvent,
): { ok: true; match: MatchRecord } | { ok: false; error: string } {
  const allowed = MATCH_TRANSITIONS[match.state];
  if (allowed.length === 0) return { ok: false, error: FUNNEL_MESSAGES.final };
  if (!allowed.includes(event.to)) return { ok: false, error: FUNNEL_MESSAGES.order };
  if (event.to === 'declined') {
    if (!(DECLINE_REASONS as readonly string[]).includes(event.reason)) {
      return { ok: false, error: FUNNEL_MESSAGES.reason };
    }
    const declinedAt = match.state as FunnelStep;
    return { ok: true, match: { ...match, state: 'declined', declineReason: event.reason, declinedAt } };
  }
  if (event.to === 'agreement') {
    const value = event.contractValueVnd;
    if (!Number.isSafeInteger(value) || value < 0) return { ok: false, error: FUNNEL_MESSAGES.value };
    return { ok: true, match: { ...match, state: 'agreement', contractValueVnd: value } };
  }
  return { ok: true, match: { ...match, state: event.to } };
}

/** How far a match got: its step, or the step it was declined at. */
export function furthestStep(match: MatchRecord): FunnelStep {
  return match.state === 'declined' ? (match.declinedAt ?? 'suggested') : match.state;
}

/** The funnel: how many matches reached each step (a match counts at every step up to its furthest). */
export function funnelCounts(matches: readonly MatchRecord[]): Record<FunnelStep, number> {
  const counts = Object.fromEntries(FUNNEL_STEPS.map((s) => [s, 0])) as Record<FunnelStep, number>;
  for (const m of matches) {
    const reached = FUNNEL_STEPS.indexOf(furthestStep(m));
    for (const step of FUNNEL_STEPS.slice(0, reached + 1)) counts[step] += 1;
  }
  return counts;
}

/** Declines by reason, every reason listed (zero when none). */
export function declineTally(matches: readonly MatchRecord[]): Record<DeclineReason, number> {
  const tally = Object.fromEntries(DECLINE_REASONS.map((r) => [r, 0])) as Record<DeclineReason, number>;
  for (const m of matches) if (m.declineReason) tally[m.declineReason] += 1;
  return tally;
}
