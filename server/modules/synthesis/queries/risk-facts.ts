/**
 * What the risk flags of a round are computed from, read in a handful of queries: the plan's open
 * tasks with their schedule, the round's reports with their timeliness (rounds/queries.ts, the same
 * definition the completeness table shows), and the indicators the round covers with the analytics
 * module's series, attainment and forecast (getPerformance: the one judgement of an indicator).
 */
import { sql } from 'drizzle-orm';
import type { TPerformance } from '../../../../common/contracts/analytics';
import type { Timeliness } from '../../../../common/contracts/rounds';
import type { Direction } from '../../../../common/enums';
import type { Executor } from '../../../db/client';
import { rowsOf } from '../../../db/sql';
import { notFound, RESOURCE_NAMES } from '../../../errors/app-error';
import { getPerformance } from '../../analytics/performance';
import { daysLateSql, timelinessSql } from '../../rounds/queries';

export interface RiskRound {
  id: string;
  planId: string;
  period: string;
  title: string;
}

export interface TaskFact {
  id: string;
  code: string;
  title: string;
  lead: string | null;
  startDate: string | null;
  deadline: string | null;
  progress: number;
}

export interface ReportFact {
  reportId: string;
  unitId: string;
  unitName: string;
  dueDate: string;
  timeliness: Timeliness;
  daysLate: number | null;
}

export interface IndicatorFact {
  id: string;
  code: string;
  name: string;
  unit: string;
  direction: Direction;
  performance: TPerformance;
}

export async function riskRound(db: Executor, roundId: string): Promise<RiskRound> {
  const [row] = rowsOf<{ id: string; plan_id: string; period: string; title: string }>(
    await db.execute(sql`select id, plan_id, period, title from rounds where id = ${roundId}`),
  );
  if (!row) throw notFound(RESOURCE_NAMES.round);
  return { id: row.id, planId: row.plan_id, period: row.period, title: row.title };
}

/** The plan's tasks and milestones not yet done, with a deadline. */
export async function openTasks(db: Executor, planId: string): Promise<TaskFact[]> {
  const rows = rowsOf<{
    id: string;
    code: string;
    title: string;
    lead: string | null;
    start_date: string | null;
    deadline: string | null;
    progress: number;
  }>(
    await db.execute(sql`select i.id, i.code, i.title, o.name as lead, i.start_date::text as start_date,
        i.deadline::text as deadline, i.progress
      from plan_items i left join org_units o on o.id = i.lead_org_unit_id
      where i.plan_id = ${planId} and i.kind <> 'group' and i.archived_at is null
        and i.progress < 100 and i.deadline is not null
      order by i.code_sort_key`),
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    title: r.title,
    lead: r.lead,
    startDate: r.start_date,
    deadline: r.deadline,
    progress: Number(r.progress),
  }));
}

/** The round's reports with their timeliness as of `today`. */
export async function roundReportTimeliness(
  db: Executor,
  roundId: string,
  today: string,
): Promise<ReportFact[]> {
  const rows = rowsOf<{
    report_id: string;
    unit_id: string;
    unit_name: string;
    due_date: string;
    timeliness: Timeliness;
    days_late: number | null;
  }>(
    await db.execute(sql`select r.id as report_id, o.id as unit_id, o.name as unit_name, r.due_date::text as due_date,
        ${timelinessSql(today)} as timeliness, ${daysLateSql(today)} as days_late
      from reports r join rounds rd on rd.id = r.round_id join org_units o on o.id = r.org_unit_id
      where r.round_id = ${roundId}
      order by o.name_sort_key collate "C", r.id`),
  );
  return rows.map((r) => ({
    reportId: r.report_id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    dueDate: r.due_date,
    timeliness: r.timeliness,
    daysLate: r.days_late === null ? null : Number(r.days_late),
  }));
}

/**
 * The indicators the round is about — those its reports must give values for and those measuring
 * the plan's tasks — each with its province-wide performance for the round's year.
 */
export async function roundIndicators(
  db: Executor,
  options: { round: RiskRound; rootOrgUnitId: string; today: string },
): Promise<IndicatorFact[]> {
  const { round, today } = options;
  const rows = rowsOf<{ id: string; code: string; name: string; unit: string; direction: Direction }>(
    await db.execute(sql`select i.id, i.code, i.name, i.unit, i.direction from indicators i
      where i.archived_at is null and (
        exists (select 1 from report_indicators ri join reports r on r.id = ri.report_id
          where ri.indicator_id = i.id and r.round_id = ${round.id})
        or exists (select 1 from indicator_plan_items ip join plan_items p on p.id = ip.plan_item_id
          where ip.indicator_id = i.id and p.plan_id = ${round.planId}))
      order by i.code`),
  );
  const year = Number(round.period.slice(0, 4));
  const facts: IndicatorFact[] = [];
  // one after another: PGlite is one connection
  for (const row of rows) {
    const performance = await getPerformance(db, {
      code: row.code,
      orgUnitId: options.rootOrgUnitId,
      year,
      today,
    });
    facts.push({ ...row, performance });
  }
  return facts;
}

/** The province: the root of the org tree (the first made, if several). */
export async function rootOrgUnit(db: Executor): Promise<string> {
  const [root] = rowsOf<{ id: string }>(
    await db.execute(sql`select id from org_units where parent_id is null order by created_at, id limit 1`),
  );
  if (!root) throw notFound(RESOURCE_NAMES.orgUnit);
  return root.id;
}
