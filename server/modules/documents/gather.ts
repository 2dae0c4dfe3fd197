/**
 * What a report document is built from, read once when a draft is generated: the round's ACCEPTED
 * reports only (drafts, sent and returned reports say nothing here), the plan tree for the groups,
 * and the indicator figures of the analytics module.
 */
import { sql } from 'drizzle-orm';
import type {
  TaskOutcome,
  TDocumentData,
  TDocumentIndicator,
  TDocumentTask,
} from '../../../common/contracts/documents';
import type { Attainment, ItemStatus } from '../../../common/enums';
import { periodLabel, periodType } from '../../../common/periods';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { notFound, RESOURCE_NAMES } from '../../errors/app-error';
import { getPerformance } from '../analytics/performance';
import { runAnalytics } from '../analytics/service';
import { itemStatusSql } from '../plan-items/status';
import { type DocumentNarrative, documentNarrative } from '../synthesis/document-narrative';

/** The general parts of the accepted reports, each with its unit. */
export interface UnitGeneral {
  unit: string;
  summary: string | null;
  obstacles: string | null;
  proposals: string | null;
}

export interface Gathered {
  data: TDocumentData;
  generals: UnitGeneral[];
  /** the round's synthesis, sorted into sections: the province's report only, when one was drafted */
  narrative: DocumentNarrative | null;
  /** names used for the default header */
  rootName: string;
  unitName: string | null;
  parentName: string | null;
}

const OUTCOME: Record<ItemStatus, TaskOutcome> = {
  done: 'done',
  done_late: 'done',
  overdue: 'late',
  at_risk: 'in_progress',
  in_progress: 'in_progress',
  not_started: 'in_progress',
};

export async function gatherDocumentData(
  db: Executor,
  options: { roundId: string; orgUnitId: string | null; today: string },
): Promise<Gathered> {
  const { roundId, orgUnitId, today } = options;
  const [round] = rowsOf<{
    id: string;
    title: string;
    period: string;
    plan_id: string;
    number: string;
    plan_title: string;
  }>(
    await db.execute(sql`select r.id, r.title, r.period, r.plan_id, p.number, p.title as plan_title
      from rounds r join plans p on p.id = r.plan_id where r.id = ${roundId}`),
  );
  if (!round) throw notFound(RESOURCE_NAMES.round);
  const unitFilter = orgUnitId ? sql`and r.org_unit_id = ${orgUnitId}` : sql``;
  const [counts] = rowsOf<{ expected: number; accepted: number }>(
    await db.execute(sql`select count(*)::int as expected, count(*) filter (where r.status = 'accepted')::int as accepted
      from reports r where r.round_id = ${roundId} ${unitFilter}`),
  );
  const units = await unitNames(db, orgUnitId);
  const tasks = await acceptedTasks(db, {
    roundId,
    planId: round.plan_id,
    unitFilter,
    today,
    withUnit: !orgUnitId,
  });
  const generals = rowsOf<{ unit: string; general: Omit<UnitGeneral, 'unit'> }>(
    await db.execute(sql`select ou.name as unit, r.general from reports r join org_units ou on ou.id = r.org_unit_id
      where r.round_id = ${roundId} and r.status = 'accepted' ${unitFilter} order by ou.name_sort_key collate "C"`),
  ).map((row) => ({ unit: row.unit, ...row.general }));
  const indicators = await indicatorFigures(db, {
    roundId,
    unitFilter,
    orgUnitId: orgUnitId ?? units.rootId,
    period: round.period,
    today,
  });
  return {
    data: {
      round: {
        id: round.id,
        title: round.title,
        period: round.period,
        periodLabel: periodLabel(round.period),
      },
      plan: { number: round.number, title: round.plan_title },
      orgUnit: orgUnitId && units.unitName ? { id: orgUnitId, name: units.unitName } : null,
      acceptedReports: counts?.accepted ?? 0,
      expectedReports: counts?.expected ?? 0,
      tasks,
      indicators,
      asOf: today,
    },
    generals,
    narrative: orgUnitId ? null : await documentNarrative(db, roundId),
    rootName: units.rootName,
    unitName: units.unitName,
    parentName: units.parentName,
  };
}

async function unitNames(db: Executor, orgUnitId: string | null) {
  const [root] = rowsOf<{ id: string; name: string }>(
    await db.execute(sql`select id, name from org_units where parent_id is null order by created_at limit 1`),
  );
  if (!root) throw notFound(RESOURCE_NAMES.orgUnit);
  if (!orgUnitId) return { rootId: root.id, rootName: root.name, unitName: null, parentName: null };
  const [unit] = rowsOf<{ name: string; parent_name: string | null }>(
    await db.execute(sql`select u.name, p.name as parent_name from org_units u
      left join org_units p on p.id = u.parent_id where u.id = ${orgUnitId}`),
  );
  if (!unit) throw notFound(RESOURCE_NAMES.orgUnit);
  return { rootId: root.id, rootName: root.name, unitName: unit.name, parentName: unit.parent_name };
}

interface TaskRow {
  id: string;
  code: string;
  title: string;
  deadline: string | null;
  progress: number;
  status: ItemStatus;
  lead: string | null;
  unit: string;
  results: string | null;
  obstacles: string | null;
  proposals: string | null;
}

/** The tasks the accepted reports speak of, with what each report said, under their top-level group. */
async function acceptedTasks(
  db: Executor,
  options: {
    roundId: string;
    planId: string;
    unitFilter: ReturnType<typeof sql>;
    today: string;
    withUnit: boolean;
  },
): Promise<TDocumentTask[]> {
  const rows = rowsOf<TaskRow>(
    await db.execute(sql`select plan_items.id, plan_items.code, plan_items.title, plan_items.deadline::text as deadline,
        plan_items.progress, ${itemStatusSql(options.today)} as status, lead.name as lead, ou.name as unit,
        ri.results, ri.obstacles, ri.proposals
      from reports r
      join report_items ri on ri.report_id = r.id
      join plan_items on plan_items.id = ri.plan_item_id
      join org_units ou on ou.id = r.org_unit_id
      left join org_units lead on lead.id = plan_items.lead_org_unit_id
      where r.round_id = ${options.roundId} and r.status = 'accepted' ${options.unitFilter}
      order by plan_items.code_sort_key, ri.role, ou.name_sort_key collate "C"`),
  );
  const tree = rowsOf<{ id: string; parent_id: string | null; code: string; title: string }>(
    await db.execute(
      sql`select id, parent_id, code, title from plan_items where plan_id = ${options.planId}`,
    ),
  );
  const byId = new Map(tree.map((item) => [item.id, item]));
  const topOf = (id: string) => {
    let item = byId.get(id);
    let guard = 0;
    while (item?.parent_id && byId.has(item.parent_id) && guard++ < 50) item = byId.get(item.parent_id);
    return item && item.id !== id ? item : null;
  };
  const said = (unit: string, value: string | null) =>
    value?.trim() ? [options.withUnit ? `${unit}: ${value.trim()}` : value.trim()] : [];
  const tasks = new Map<string, TDocumentTask>();
  for (const row of rows) {
    let task = tasks.get(row.id);
    if (!task) {
      const group = topOf(row.id);
      task = {
        code: row.code,
        title: row.title,
        groupCode: group?.code ?? null,
        groupTitle: group?.title ?? null,
        lead: row.lead,
        deadline: row.deadline,
        progress: row.progress,
        status: row.status,
        outcome: OUTCOME[row.status],
        results: [],
        obstacles: [],
        proposals: [],
      };
      tasks.set(row.id, task);
    }
    task.results.push(...said(row.unit, row.results));
    task.obstacles.push(...said(row.unit, row.obstacles));
    task.proposals.push(...said(row.unit, row.proposals));
  }
  return [...tasks.values()];
}

/** The indicators the accepted reports carry, with the period's figure, the year's target and attainment. */
async function indicatorFigures(
  db: Executor,
  options: {
    roundId: string;
    unitFilter: ReturnType<typeof sql>;
    orgUnitId: string;
    period: string;
    today: string;
  },
): Promise<TDocumentIndicator[]> {
  const rows = rowsOf<{ code: string; name: string; unit: string }>(
    await db.execute(sql`select distinct i.code, i.name, i.unit from reports r
      join report_indicators ri on ri.report_id = r.id join indicators i on i.id = ri.indicator_id
      where r.round_id = ${options.roundId} and r.status = 'accepted' ${options.unitFilter}
      order by i.code`),
  );
  const year = Number(options.period.slice(0, 4));
  const type = periodType(options.period);
  const figures: TDocumentIndicator[] = [];
  for (const row of rows) {
    const performance = await getPerformance(db, {
      code: row.code,
      orgUnitId: options.orgUnitId,
      year,
      today: options.today,
    });
    figures.push({
      code: row.code,
      name: row.name,
      unit: row.unit,
      periodValue: await periodFigure(db, row.code, options.orgUnitId, type, options.period),
      yearTarget: performance.attainment.target,
      yearActual: performance.attainment.actual,
      attainment: performance.attainment.status as Attainment,
    });
  }
  return figures;
}

async function periodFigure(
  db: Executor,
  code: string,
  orgUnitId: string,
  type: ReturnType<typeof periodType>,
  period: string,
): Promise<number | null> {
  const result = await runAnalytics(db, {
    indicators: [code],
    orgUnitId,
    periodType: type,
    from: period,
    to: period,
    by: 'total',
  });
  return result.rows[0]?.value ?? null;
}
