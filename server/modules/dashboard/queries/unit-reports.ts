import type { TUnitReports } from '../../../../common/contracts/unit-overview';
import type { Executor } from '../../../db/client';
import { getReportHistory } from '../../rounds/queries';

/**
 * The unit's reporting record, as its record page (rounds/queries.ts getReportHistory) counts it —
 * one definition of on time, late and missing — cut to the `rounds` newest; the rest are on that page.
 */
export async function getUnitReports(
  db: Executor,
  options: { orgUnitId: string; today: string; rounds: number },
): Promise<TUnitReports> {
  const { orgUnitId, today, rounds } = options;
  const history = await getReportHistory(db, orgUnitId, today);
  return {
    summary: history.summary,
    roundCount: history.items.length,
    recent: history.items.slice(0, rounds),
  };
}
