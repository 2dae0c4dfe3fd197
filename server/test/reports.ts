import type { TReport } from '../../common/contracts/reports';
import type { TRound, TRoundReport } from '../../common/contracts/rounds';
import type { Injector } from './sessions';

/**
 * Opens a round of `planId` as `admin` (who may open rounds) and returns the first report as
 * `officer` sees it: the usual start of a test about one unit's report.
 */
export async function openRoundReport(
  admin: Injector,
  officer: Injector,
  planId: string,
  period = '2026M10',
): Promise<TReport> {
  const round = (
    await admin({ method: 'POST', url: '/api/rounds', payload: { planId, period } })
  ).json<TRound>();
  const rows = (await admin({ method: 'GET', url: `/api/rounds/${round.id}/reports` })).json<{
    items: TRoundReport[];
  }>();
  return (await officer({ method: 'GET', url: `/api/reports/${rows.items[0]!.reportId}` })).json<TReport>();
}
