/**
 * Where each figure of the dashboard leads: the task table filtered to the tasks counted, a round's
 * page filtered to the reports counted, an indicator's page for the unit. Every number is a link.
 */
import type { TaskListKind, TDashboardQuery } from '../../../../common/contracts/dashboard';
import type { ItemStatus, Timeliness } from '../../../../common/enums';

const withParams = (path: string, params: Record<string, string | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const s = search.toString();
  return s ? `${path}?${s}` : path;
};

/** The task table of the plan with these statuses, under a group. */
export const tasksLink = (
  query: TDashboardQuery,
  options: { status?: ItemStatus[]; group?: string | null; from?: string; to?: string } = {},
) =>
  withParams(`/plans/${query.planId}/tasks`, {
    status: options.status?.join(','),
    group: options.group ?? query.group,
    deadlineFrom: options.from,
    deadlineTo: options.to,
    sort: options.from ? 'deadline' : undefined,
  });

export const taskListLink = (query: TDashboardQuery, list: TaskListKind, from?: string, to?: string) =>
  list === 'due_soon'
    ? tasksLink(query, {
        status: ['not_started', 'in_progress', 'at_risk'],
        from,
        to,
      })
    : tasksLink(query, { status: [list] });

export const roundLink = (roundId: string, timeliness?: Timeliness[]) =>
  withParams(`/dot-bao-cao/${roundId}`, { timeliness: timeliness?.join(',') });

export const indicatorLink = (indicatorId: string, orgUnitId: string | undefined) =>
  withParams(`/chi-tieu/${indicatorId}`, { orgUnitId });

export const catalogueLink = (attainment?: string) => withParams('/chi-tieu', { attainment });

export const reportLink = (reportId: string) => `/bao-cao/${reportId}`;
