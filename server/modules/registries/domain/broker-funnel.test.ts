/** The broker funnel as a state machine: allowed steps, declines with reasons, funnel and decline counts. */
import { describe, expect, it } from 'vitest';
import {
  advanceMatch,
  DECLINE_REASON_LABELS,
  DECLINE_REASONS,
  declineTally,
  FUNNEL_MESSAGES,
  funnelCounts,
  MATCH_STATE_LABELS,
  type MatchEvent,
  type MatchRecord,
  NEW_MATCH,
} from './broker-funnel';

function run(...events: MatchEvent[]): MatchRecord {
  let match = NEW_MATCH;
  for (const e of events) {
    const next = advanceMatch(match, e);
    if (!next.ok) throw new Error(next.error);
    match = next.match;
  }
  return match;
}

describe('advanceMatch', () => {
  it('walks interest → meeting → NDA → agreement and keeps the contract value', () => {
    expect(
      run(
        { to: 'interest' },
        { to: 'meeting' },
        { to: 'nda' },
        { to: 'agreement', contractValueVnd: 1_200_000_000 },
      ),
    ).toEqual({ state: 'agreement', contractValueVnd: 1_200_000_000, declineReason: null, declinedAt: null });
  });

  it('refuses skipped or backward steps and anything after the end', () => {
    expect(advanceMatch(NEW_MATCH, { to: 'meeting' })).toEqual({ ok: false, error: FUNNEL_MESSAGES.order });
    const meeting = run({ to: 'interest' }, { to: 'meeting' });
    expect(advanceMatch(meeting, { to: 'interest' })).toEqual({ ok: false, error: FUNNEL_MESSAGES.order });
    expect(advanceMatch(meeting, { to: 'agreement', contractValueVnd: 1 })).toEqual({
      ok: false,
      error: FUNNEL_MESSAGES.order,
    });
    const declined = run({ to: 'declined', reason: 'price' });
    expect(advanceMatch(declined, { to: 'interest' })).toEqual({ ok: false, error: FUNNEL_MESSAGES.final });
  });

  it('declines only with a listed reason, remembering the step reached', () => {
    const nda = run({ to: 'interest' }, { to: 'meeting' }, { to: 'nda' });
    expect(advanceMatch(nda, { to: 'declined', reason: 'whatever' as never })).toEqual({
      ok: false,
      error: FUNNEL_MESSAGES.reason,
    });
    expect(advanceMatch(nda, { to: 'declined', reason: 'route-unclear' })).toEqual({
      ok: true,
      match: { state: 'declined', contractValueVnd: null, declineReason: 'route-unclear', declinedAt: 'nda' },
    });
  });

  it('wants a whole, non-negative contract value', () => {
    const nda = run({ to: 'interest' }, { to: 'meeting' }, { to: 'nda' });
    for (const bad of [-1, 1.5, Number.NaN]) {
      expect(advanceMatch(nda, { to: 'agreement', contractValueVnd: bad })).toEqual({
        ok: false,
        error: FUNNEL_MESSAGES.value,
      });
    }
  });
});

describe('funnel and decline counts', () => {
  const matches = [
    run(),
    run({ to: 'interest' }),
    run({ to: 'declined', reason: 'vague' }),
    run({ to: 'interest' }, { to: 'meeting' }, { to: 'declined', reason: 'price' }),
    run({ to: 'interest' }, { to: 'meeting' }, { to: 'nda' }, { to: 'declined', reason: 'price' }),
    run({ to: 'interest' }, { to: 'meeting' }, { to: 'nda' }, { to: 'agreement', contractValueVnd: 0 }),
  ];

  it('counts each match at every step up to the furthest it reached', () => {
    expect(funnelCounts(matches)).toEqual({ suggested: 6, interest: 4, meeting: 3, nda: 2, agreement: 1 });
  });

  it('tallies declines by reason, every reason present', () => {
    expect(declineTally(matches)).toEqual({
      'too-early': 0,
      'benefit-unclear': 0,
      price: 2,
      'route-unclear': 0,
      vague: 1,
    });
  });

  it('labels every reason and state in Vietnamese', () => {
    expect(DECLINE_REASONS.map((r) => DECLINE_REASON_LABELS[r]).every((l) => l.length > 0)).toBe(true);
    expect(MATCH_STATE_LABELS.nda).toBe('Đã ký thỏa thuận bảo mật');
  });
});
