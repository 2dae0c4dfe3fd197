import { sql } from 'drizzle-orm';
import type { TBreakdown, TBreakdownQuery } from '../../../common/contracts/analytics';
import type { ReportingFrequency } from '../../../common/enums';
import { type PeriodType, periodType } from '../../../common/periods';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { notFound, RESOURCE_NAMES } from '../../errors/app-error';
import { nativePeriodsWithin, runAnalytics } from './service';

/** The commune level: what a commune breakdown lists. */
export const COMMUNE_LEVEL_KINDS: readonly string[] = ['commune', 'ward', 'special_zone'];

/**
 * Every commune and ward of a subtree with its figure for one period and how many of the
 * indicator's own periods inside it it has reported. Communes sit directly under the province
 * (the two-tier government of 2025), so they are the subtree's children — or the unit itself.
 */
export async function getCommuneBreakdown(db: Executor, query: TBreakdownQuery): Promise<TBreakdown> {
  const { indicator: code, orgUnitId, period } = query;
  const [indicator] = rowsOf<{ frequency: ReportingFrequency; computed: boolean }>(
    await db.execute(
      sql`select frequency, formula is not null as computed from indicators where code = ${code}`,
    ),
  );
  if (!indicator) throw notFound(RESOURCE_NAMES.indicator);
  const [unit] = rowsOf<{ kind: string }>(
    await db.execute(sql`select kind from org_units where id = ${orgUnitId}`),
  );
  const isCommune = unit !== undefined && COMMUNE_LEVEL_KINDS.includes(unit.kind);
  const type = periodType(period) as PeriodType;
  const answer = await runAnalytics(db, {
    indicators: [code],
    orgUnitId,
    periodType: type,
    from: period,
    to: period,
    by: isCommune ? 'total' : 'children',
  });
  const units = isCommune
    ? [{ ...answer.orgUnit, kind: unit.kind }]
    : answer.children.filter((c) => COMMUNE_LEVEL_KINDS.includes(c.kind));
  const byUnit = new Map(answer.rows.map((r) => [r.orgUnitId, r]));
  return {
    indicatorCode: code,
    orgUnitId,
    period,
    expected: nativePeriodsWithin(indicator.frequency, period).length,
    rows: units.map((u) => {
      const row = byUnit.get(u.id);
      return {
        orgUnit: { id: u.id, code: u.code, name: u.name, kind: u.kind },
        value: row?.value ?? null,
        reported: indicator.computed ? null : (row?.count ?? 0),
      };
    }),
  };
}
