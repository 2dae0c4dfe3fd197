import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import {
  SCORECARD_PEER_GROUPS,
  SCORECARD_PERIOD_PATTERN,
  type ScorecardPeerGroup,
} from '../../../../common/contracts/scorecards';
import type { Messages } from '../../i18n';

/** The calendar year in Vietnam (UTC+7): the period a scorecard page opens on. */
export const currentYear = () => new Date(Date.now() + 7 * 3600_000).getUTCFullYear();

/** This year and last, each whole and by quarter, newest first. */
export function periodOptions(year = currentYear()): string[] {
  return [year, year - 1].flatMap((y) => [String(y), ...[4, 3, 2, 1].map((q) => `${y}Q${q}`)]);
}

export function periodText(t: Messages, period: string): string {
  const year = Number(period.slice(0, 4));
  return period.length > 4
    ? t.scorecards.quarter(Number(period.slice(5)), year)
    : t.scorecards.wholeYear(year);
}

/** The period and kind in the URL (?ky=2026Q3&loai=commune); malformed values fall back to the defaults. */
export function useScorecardFilters() {
  const [params, setParams] = useSearchParams();
  const rawPeriod = params.get('ky') ?? '';
  const rawKind = params.get('loai') ?? '';
  const period = SCORECARD_PERIOD_PATTERN.test(rawPeriod) ? rawPeriod : String(currentYear());
  const kind: ScorecardPeerGroup = (SCORECARD_PEER_GROUPS as readonly string[]).includes(rawKind)
    ? (rawKind as ScorecardPeerGroup)
    : 'agency';
  const update = useCallback(
    (patch: { period?: string; kind?: ScorecardPeerGroup }) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (patch.period) next.set('ky', patch.period);
          if (patch.kind) next.set('loai', patch.kind);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return useMemo(() => ({ period, kind, update }), [period, kind, update]);
}

/** The period alone (a unit's card: ?ky=2026Q3). */
export function useCardPeriod(): [string, (period: string) => void] {
  const { period, update } = useScorecardFilters();
  return [period, (p: string) => update({ period: p })];
}
