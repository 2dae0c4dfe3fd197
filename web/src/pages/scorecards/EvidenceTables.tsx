import { Table, Tag } from 'antd';
import { Link } from 'react-router';
import type {
  TScorecardFigure,
  TScorecardReport,
  TScorecardTask,
} from '../../../../common/contracts/scorecards';
import { useT } from '../../i18n';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { periodText } from './filters';

/** The tasks behind "tasks done on time", each linking to the task. */
export function TaskTable({ tasks }: { tasks: TScorecardTask[] }) {
  const s = useT().scorecards;
  return (
    <Table<TScorecardTask>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={tasks}
      locale={{ emptyText: s.noData }}
      data-testid="scorecard-tasks"
      columns={[
        {
          title: s.tasks,
          key: 'title',
          render: (_, task) => (
            <Link to={`/items/${task.id}`} data-testid="scorecard-task-link">
              {task.code} {task.title}
            </Link>
          ),
        },
        { title: s.deadline, key: 'deadline', render: (_, task) => formatDate(task.deadline) },
        { title: s.progress, key: 'progress', align: 'right', render: (_, task) => `${task.progress}%` },
        { title: s.completedOn, key: 'completedOn', render: (_, task) => formatDate(task.completedOn) },
        {
          title: s.components.tasksOnTime,
          key: 'onTime',
          render: (_, task) =>
            task.onTime ? <Tag color="green">{s.onTime}</Tag> : <Tag color="red">{s.notOnTime}</Tag>,
        },
      ]}
    />
  );
}

/** The reports behind "reports on time" and "not returned", each linking to the report. */
export function ReportTable({ reports }: { reports: TScorecardReport[] }) {
  const t = useT();
  const s = t.scorecards;
  return (
    <Table<TScorecardReport>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={reports}
      locale={{ emptyText: s.noData }}
      data-testid="scorecard-reports"
      columns={[
        {
          title: s.round,
          key: 'round',
          render: (_, r) => (
            <Link to={`/bao-cao/${r.id}`} data-testid="scorecard-report-link">
              {r.roundTitle}
            </Link>
          ),
        },
        { title: s.dueDate, key: 'due', render: (_, r) => formatDate(r.dueDate) },
        { title: s.submittedAt, key: 'sent', render: (_, r) => formatDateTime(r.firstSubmittedAt) },
        {
          title: s.components.reportsOnTime,
          key: 'timeliness',
          render: (_, r) => (
            <Tag color={r.timeliness === 'on_time' ? 'green' : 'red'}>{s.timeliness[r.timeliness]}</Tag>
          ),
        },
        {
          title: s.returns,
          key: 'returns',
          render: (_, r) =>
            r.firstSubmittedAt === null ? (
              '—'
            ) : (
              <Tag color={r.returns === 0 ? 'green' : 'orange'}>{s.returnsCount(r.returns)}</Tag>
            ),
        },
      ]}
    />
  );
}

const FIGURE_COLORS = {
  on_track: 'green',
  at_risk: 'orange',
  off_track: 'red',
  entered: 'blue',
  missing: 'red',
};

/** The indicator figures behind "indicators", each linking to the indicator and to the report. */
export function FigureTable({ figures }: { figures: TScorecardFigure[] }) {
  const t = useT();
  const s = t.scorecards;
  return (
    <Table<TScorecardFigure>
      size="small"
      rowKey={(f) => `${f.reportId}:${f.indicatorId}`}
      pagination={false}
      dataSource={figures}
      locale={{ emptyText: s.noData }}
      data-testid="scorecard-figures"
      columns={[
        {
          title: s.indicator,
          key: 'indicator',
          render: (_, f) => (
            <Link to={`/chi-tieu/${f.indicatorId}`}>
              {f.code} {f.name}
            </Link>
          ),
        },
        {
          title: s.period,
          key: 'period',
          render: (_, f) => <Link to={`/bao-cao/${f.reportId}`}>{periodLabelOf(t, f.period)}</Link>,
        },
        {
          title: s.value,
          key: 'value',
          align: 'right',
          render: (_, f) => (f.value === null ? '—' : formatNumber(f.value)),
        },
        {
          title: s.expected,
          key: 'expected',
          align: 'right',
          render: (_, f) => (f.expected === null ? '—' : formatNumber(Math.round(f.expected * 10) / 10)),
        },
        {
          title: s.components.indicators,
          key: 'status',
          render: (_, f) => <Tag color={FIGURE_COLORS[f.status]}>{s.figureStatus[f.status]}</Tag>,
        },
      ]}
    />
  );
}

/** A figure's period is a month, quarter… (the round's), not only a scorecard period. */
function periodLabelOf(t: ReturnType<typeof useT>, period: string) {
  const month = /^(\d{4})M(\d{2})$/.exec(period);
  if (month) return `${Number(month[2])}/${month[1]}`;
  return /^\d{4}(Q[1-4])?$/.test(period) ? periodText(t, period) : period;
}
