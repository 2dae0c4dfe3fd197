import { sql } from 'drizzle-orm';
import type { Direction, OrgUnitKind, TimeAggregation } from '../../../../common/enums';
import type { Executor } from '../../../db/client';
import { rowsOf } from '../../../db/sql';
import { inArea, type PeerArea } from './peer-area';

export interface IndicatorFigureRow {
  report_id: string;
  org_unit_id: string;
  period: string;
  indicator_id: string;
  /** the unit's own value for the round's period, as text (numeric) */
  value: string | null;
}

export interface FigureIndicatorRow {
  id: string;
  code: string;
  name: string;
  aggregation: string;
  time_aggregation: TimeAggregation;
  direction: Direction;
  baseline_year: number | null;
  baseline_value: string | null;
  targets: Record<string, number>;
}

/**
 * The indicator figures the units' reports in the rounds of the given periods had to carry (one
 * per report and indicator), with the unit's own value for the round's period. Each value is one
 * probe of the primary key (indicator, unit, period), so the cost follows the figures asked for,
 * not the size of data_values. The caller keeps those of reports whose timeliness is known.
 */
export async function listIndicatorFigures(
  db: Executor,
  options: { kinds: readonly OrgUnitKind[]; periods: readonly string[]; area: PeerArea; orgUnitId?: string },
): Promise<IndicatorFigureRow[]> {
  return rowsOf<IndicatorFigureRow>(
    await db.execute(sql`
      select ri.report_id, r.org_unit_id, rd.period, ri.indicator_id,
        (select v.value::text from data_values v where v.indicator_id = ri.indicator_id
          and v.org_unit_id = r.org_unit_id and v.period = rd.period) as value
      from rounds rd
      join reports r on r.round_id = rd.id
      join org_units o on o.id = r.org_unit_id
      join report_indicators ri on ri.report_id = r.id
      where rd.period = any(${sql.param([...options.periods])}::text[])
        and o.kind = any(${sql.param([...options.kinds])}::text[])
        and (${options.orgUnitId ?? null}::uuid is null or o.id = ${options.orgUnitId ?? null}::uuid)
        and ${inArea(sql`o.id`, options.area)}`),
  );
}

/** The catalogue entries of those figures: name, rules and targets, once per indicator. */
export async function listFigureIndicators(
  db: Executor,
  ids: readonly string[],
): Promise<FigureIndicatorRow[]> {
  if (ids.length === 0) return [];
  return rowsOf<FigureIndicatorRow>(
    await db.execute(sql`select id, code, name, aggregation, time_aggregation, direction, baseline_year,
        baseline_value::text as baseline_value, targets
      from indicators where id = any(${sql.param([...ids])}::uuid[])`),
  );
}
