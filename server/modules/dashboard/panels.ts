/**
 * What the panels share: the reader's scopes (from the policy, narrowed to the chosen kind of unit)
 * and, for the XLSX export, a table loaded by its panel's query.
 */
import { sql } from 'drizzle-orm';
import type { DashboardTable, TDashboardQuery } from '../../../common/contracts/dashboard';
import { periodLabel } from '../../../common/periods';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { notFound, RESOURCE_NAMES } from '../../errors/app-error';
import { type Actor, type ReadScope, readScope } from '../../policy';
import type { DashboardTableData } from './export';
import { scopeOfKind } from './filters';
import { getDataVersion } from './queries/data-version';
import { getIndicatorAttainment } from './queries/indicator-attainment';
import { getRoundThemes } from './queries/round-themes';
import { getTaskList } from './queries/task-list';
import { getTaskStatusByGroup } from './queries/task-status-by-group';

/** 404 for an unknown plan (plan headers are directory-wide: naming one reveals nothing). */
export async function assertPlanExists(db: Executor, planId: string): Promise<void> {
  const rows = rowsOf<unknown>(await db.execute(sql`select 1 from plans where id = ${planId}`));
  if (rows.length === 0) throw notFound(RESOURCE_NAMES.plan);
}

/**
 * The reader's scopes per kind of record. Tasks keep the task list's own rule (a unit kind narrows
 * by the lead unit in the query); reports and values are narrowed to the kind's units here.
 */
export async function panelScopes(
  db: Executor,
  actor: Actor,
  query: TDashboardQuery,
): Promise<{ tasks: ReadScope; reports: ReadScope; values: ReadScope }> {
  return {
    tasks: readScope(actor, 'plan_item'),
    reports: await scopeOfKind(db, readScope(actor, 'report'), query.unitKind),
    // the figures are of the reader's unit whatever the kind: the kind narrows the indicators instead
    values: readScope(actor, 'data_value'),
  };
}

/** A table of the dashboard, whole (no panel limit), for the export. */
export async function loadTable(options: {
  db: Executor;
  actor: Actor;
  query: TDashboardQuery;
  table: DashboardTable;
  today: string;
}): Promise<{ input: DashboardTableData; subtitle: string }> {
  const { db, actor, query, table, today } = options;
  const scopes = await panelScopes(db, actor, query);
  const subtitle = `Số liệu ngày ${today.slice(8, 10)}/${today.slice(5, 7)}/${today.slice(0, 4)}${
    query.period ? ` · ${periodLabel(query.period)}` : ''
  }`;
  switch (table) {
    case 'groups':
      return {
        subtitle,
        input: { table, data: await getTaskStatusByGroup({ db, query, scope: scopes.tasks, today }) },
      };
    case 'overdue':
    case 'at_risk':
    case 'due_soon': {
      const data = await getTaskList({
        db,
        query: { ...query, list: table, limit: 10_000 },
        scope: scopes.tasks,
        today,
      });
      return { subtitle, input: { table, data } };
    }
    case 'indicators': {
      const { values: version } = await getDataVersion(db);
      const data = await getIndicatorAttainment({ db, query, scope: scopes.values, today, version });
      return { subtitle, input: { table, data } };
    }
    case 'themes':
      return { subtitle, input: { table, data: await getRoundThemes({ db, query, scope: scopes.reports }) } };
  }
}
