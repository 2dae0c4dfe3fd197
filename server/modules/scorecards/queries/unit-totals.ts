import { sql } from 'drizzle-orm';
import type { OrgUnitKind } from '../../../../common/enums';
import type { Executor } from '../../../db/client';
import { rowsOf } from '../../../db/sql';
import { timelinessSql } from '../../rounds/queries';
import { inArea, type PeerArea } from './peer-area';

export interface UnitTotalsRow {
  id: string;
  code: string;
  name: string;
  kind: OrgUnitKind;
  tasks_good: number;
  tasks_total: number;
  reports_on_time: number;
  reports_total: number;
  /** reports sent at least once, and those of them the secretariat never sent back */
  reports_sent: number;
  reports_not_returned: number;
  /** those reports: their indicator figures are counted per report (judged-figures.ts) */
  report_ids: string[];
}

/**
 * Every active unit of the peer kinds in the area (or one unit) with the counts behind its scorecard, in one
 * statement grouped by unit — the same rules as the lists a card shows (lead-tasks.ts,
 * unit-reports.ts), counted in the database instead of in JavaScript:
 * - tasks and milestones it leads whose deadline falls in [start, end] and is judged (past, or done);
 *   good when done by the deadline (no completion date: today);
 * - its reports of the rounds of `periods` whose timeliness is known (not pending): on time; and of
 *   those sent, the ones the secretariat never returned (a return from approved, or a reopening).
 * The indicator figures of those reports are counted per report once per version of the values
 * (judged-figures.ts): they move with the values, not with report steps, tasks or the day.
 * In Vietnamese name order.
 */
export async function listUnitTotals(
  db: Executor,
  options: {
    kinds: readonly OrgUnitKind[];
    start: string;
    end: string;
    periods: readonly string[];
    today: string;
    area: PeerArea;
    orgUnitId?: string;
  },
): Promise<UnitTotalsRow[]> {
  const { start, end, today } = options;
  const unit = options.orgUnitId ?? null;
  return rowsOf<UnitTotalsRow>(
    await db.execute(sql`
      with peers as (
        select id, code, name, kind, name_sort_key from org_units
        where active and kind = any(${sql.param([...options.kinds])}::text[])
          and (${unit}::uuid is null or id = ${unit}::uuid) and ${inArea(sql`id`, options.area)}
      ),
      tasks as (
        select i.lead_org_unit_id as unit_id, count(*)::int as total,
          count(*) filter (where i.progress >= 100 and coalesce(i.completed_on, ${today}::date) <= i.deadline)::int
            as good
        from plan_items i
        join plans p on p.id = i.plan_id and p.archived_at is null
        where i.lead_org_unit_id in (select id from peers)
          and i.archived_at is null and i.kind in ('task', 'milestone')
          and i.deadline between ${start}::date and ${end}::date
          and (i.deadline < ${today}::date or i.progress >= 100)
        group by 1
      ),
      judged_reports as (
        select * from (
          select r.id, r.org_unit_id, rd.period, r.first_submitted_at, ${timelinessSql(today)} as timeliness
          from reports r
          join rounds rd on rd.id = r.round_id
          where rd.period = any(${sql.param([...options.periods])}::text[])
            and r.org_unit_id in (select id from peers)
        ) x
        where timeliness <> 'pending'
      ),
      report_counts as (
        select jr.org_unit_id as unit_id, count(*)::int as total,
          count(*) filter (where jr.timeliness = 'on_time')::int as on_time,
          count(*) filter (where jr.first_submitted_at is not null)::int as sent,
          count(*) filter (where jr.first_submitted_at is not null and ret.report_id is null)::int as not_returned,
          array_agg(jr.id::text) as report_ids
        from judged_reports jr
        -- a probe of each report's own snapshots (their index): as "not exists", the planner hashed the
        -- whole table instead (48 MB at national scale, most of the statement's time)
        left join lateral (
          select s.report_id from report_snapshots s where s.report_id = jr.id
            and ((s.action = 'return' and s.from_status = 'approved') or s.action = 'reopen')
          limit 1
        ) ret on true
        group by 1
      )
      select p.id, p.code, p.name, p.kind,
        coalesce(t.good, 0) as tasks_good, coalesce(t.total, 0) as tasks_total,
        coalesce(rc.on_time, 0) as reports_on_time, coalesce(rc.total, 0) as reports_total,
        coalesce(rc.sent, 0) as reports_sent, coalesce(rc.not_returned, 0) as reports_not_returned,
        coalesce(rc.report_ids, '{}') as report_ids
      from peers p
      left join tasks t on t.unit_id = p.id
      left join report_counts rc on rc.unit_id = p.id
      order by p.name_sort_key collate "C", p.code`),
  );
}
