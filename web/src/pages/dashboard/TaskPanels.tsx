import { lazy, Suspense, useRef } from 'react';
import { Link } from 'react-router';
import type {
  TaskListKind,
  TDashboardQuery,
  TTaskStatusByGroup,
} from '../../../../common/contracts/dashboard';
import { useTaskList, useTaskStatus } from '../../api/dashboard';
import { QueryError } from '../../components/Feedback';
import { ProgressBar } from '../../components/ProgressBar';
import { StatusTag, useDeadlineText } from '../../components/StatusTag';
import { useT } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { STATUS_FILL, STATUS_ORDER } from '../../lib/status';
import { taskListLink, tasksLink } from './links';
import { Panel, PngButton, XlsxButton } from './Panel';
import type { ChartHandle } from './StatusChart';

// ECharts comes with the chart, after the page's figures are on screen
const StatusChart = lazy(() => import('./StatusChart'));

/** Tasks by status per group: the chart, and the same figures as a table whose every count is a link. */
export function TaskStatusPanel({ query, dark }: { query: TDashboardQuery; dark?: boolean }) {
  const t = useT();
  const { data, error, refetch } = useTaskStatus(query);
  const chart = useRef<ChartHandle>(null);
  return (
    <Panel
      id="tasks"
      className="lt-dash-status"
      title={t.dashboard.tasks.title}
      subtitle={data ? t.dashboard.tasks.total(data.total) : undefined}
      actions={
        <>
          <PngButton
            toPng={() => chart.current?.toPng() ?? null}
            fileName="dieu-hanh-nhiem-vu-theo-nhom.png"
          />
          <XlsxButton query={query} table="groups" />
        </>
      }
    >
      {error ? <QueryError error={error} onRetry={() => void refetch()} /> : null}
      {data && data.total === 0 ? <p className="lt-dash-empty">{t.dashboard.tasks.empty}</p> : null}
      {data && data.total > 0 ? (
        <div className="lt-dash-status-body">
          <Suspense fallback={<div style={{ height: 60 + data.groups.length * 31 }} />}>
            <StatusChart
              ref={chart}
              data={data}
              statusLabels={t.status}
              ungrouped={t.dashboard.tasks.ungrouped}
              dark={dark}
              fontSize={dark ? 20 : 12}
            />
          </Suspense>
          {dark ? null : <StatusTable data={data} query={query} />}
        </div>
      ) : null}
    </Panel>
  );
}

function StatusTable({ data, query }: { data: TTaskStatusByGroup; query: TDashboardQuery }) {
  const t = useT();
  return (
    <div className="lt-dash-table-wrap">
      <table className="lt-dash-table" data-testid="dashboard-status-table">
        <thead>
          <tr>
            <th scope="col">{t.dashboard.tasks.group}</th>
            {STATUS_ORDER.map((s) => (
              <th scope="col" key={s}>
                <span className="lt-dash-swatch" style={{ background: STATUS_FILL[s] }} aria-hidden="true" />
                {t.status[s]}
              </th>
            ))}
            <th scope="col">{t.dashboard.tasks.count}</th>
          </tr>
        </thead>
        <tbody>
          {data.groups.map((g) => {
            const name = g.id ? `${g.code} ${g.title}` : t.dashboard.tasks.ungrouped;
            return (
              <tr key={g.id ?? 'none'}>
                <th scope="row" className="lt-dash-group">
                  {name}
                </th>
                {STATUS_ORDER.map((s) => (
                  <td key={s}>
                    {g.counts[s] ? (
                      <Link
                        to={tasksLink(query, { status: [s], group: g.id ?? undefined })}
                        title={t.dashboard.tasks.countTitle(t.status[s], name)}
                      >
                        {formatNumber(g.counts[s])}
                      </Link>
                    ) : (
                      <span className="lt-dash-zero">0</span>
                    )}
                  </td>
                ))}
                <td>
                  <Link to={tasksLink(query, { group: g.id ?? undefined })}>{formatNumber(g.total)}</Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Overdue, at-risk or due-soon tasks: each a link to the task, and "all" to the filtered table. */
export function TaskListPanel({
  query,
  list,
  limit = 6,
  big,
}: {
  query: TDashboardQuery;
  list: TaskListKind;
  limit?: number;
  big?: boolean;
}) {
  const t = useT();
  const deadlineText = useDeadlineText();
  const { data, error, refetch } = useTaskList(query, list, limit);
  return (
    <Panel
      id={`list-${list}`}
      className={`lt-dash-list lt-dash-list-${list}`}
      title={
        <>
          {t.dashboard.lists[list]}
          {data ? (
            <Link className="lt-dash-count" to={taskListLink(query, list, data.from, data.to)}>
              {formatNumber(data.total)}
            </Link>
          ) : null}
        </>
      }
      actions={big ? undefined : <XlsxButton query={query} table={list} />}
    >
      {error ? <QueryError error={error} onRetry={() => void refetch()} /> : null}
      {data && data.items.length === 0 ? (
        <p className="lt-dash-empty">{t.dashboard.lists.empty[list]}</p>
      ) : null}
      {data && data.items.length > 0 ? (
        <ul className="lt-dash-tasks">
          {data.items.map((item) => (
            <li key={item.id}>
              <Link to={`/items/${item.id}`} className="lt-dash-task-title">
                <span className="lt-dash-code">{item.code}</span> {item.title}
              </Link>
              <div className="lt-dash-task-meta">
                <StatusTag status={item.status} suffix={deadlineText(item.status, item.daysToDeadline)} />
                {item.lead ? <span>{item.lead.shortName ?? item.lead.name}</span> : null}
                {item.deadline ? (
                  <span>
                    {t.dashboard.lists.deadline} {formatDate(item.deadline)}
                  </span>
                ) : null}
                <ProgressBar percent={item.progress} size={{ width: 80 }} />
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {data && data.total > data.items.length ? (
        <Link className="lt-dash-more" to={taskListLink(query, list, data.from, data.to)}>
          {t.dashboard.lists.all(data.total)}
        </Link>
      ) : null}
    </Panel>
  );
}
