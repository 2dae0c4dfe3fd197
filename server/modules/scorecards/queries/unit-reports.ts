import { sql } from 'drizzle-orm';
import type { OrgUnitKind, Timeliness } from '../../../../common/enums';
import type { Executor } from '../../../db/client';
import { rowsOf } from '../../../db/sql';
import { timelinessSql } from '../../rounds/queries';
import { inArea, type PeerArea } from './peer-area';

export interface UnitReportRow {
  id: string;
  org_unit_id: string;
  round_title: string;
  period: string;
  due_date: string;
  first_submitted_at: string | null;
  timeliness: Timeliness;
  returns: number;
}

/**
 * The reports of the units in the rounds of the given periods whose timeliness is known (due, or
 * sent): pending ones have not had their chance yet. `returns` counts the times the secretariat
 * sent it back — a return at its stage (from approved) or the reopening of an accepted report; a
 * head's return is the unit's own review and does not count.
 */
export async function listUnitReports(
  db: Executor,
  options: {
    kinds: readonly OrgUnitKind[];
    periods: readonly string[];
    today: string;
    area: PeerArea;
    orgUnitId?: string;
  },
): Promise<UnitReportRow[]> {
  return rowsOf<UnitReportRow>(
    await db.execute(sql`
      select * from (
        select r.id, r.org_unit_id, rd.title as round_title, rd.period, r.due_date::text as due_date,
          r.first_submitted_at::text as first_submitted_at, ${timelinessSql(options.today)} as timeliness,
          (select count(*)::int from report_snapshots s where s.report_id = r.id
            and ((s.action = 'return' and s.from_status = 'approved') or s.action = 'reopen')) as returns
        from reports r
        join rounds rd on rd.id = r.round_id
        join org_units o on o.id = r.org_unit_id
        where rd.period = any(${sql.param([...options.periods])}::text[])
          and o.kind = any(${sql.param([...options.kinds])}::text[])
          and (${options.orgUnitId ?? null}::uuid is null or o.id = ${options.orgUnitId ?? null}::uuid)
          and ${inArea(sql`o.id`, options.area)}
      ) x
      where timeliness <> 'pending'
      order by due_date, round_title, id`),
  );
}
