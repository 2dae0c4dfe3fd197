import { Card, Empty, Typography } from 'antd';
import { Link } from 'react-router';
import type { TUnitTask } from '../../../../common/contracts/unit-overview';
import type { TaskRole } from '../../../../common/enums';
import { ProgressBar } from '../../components/ProgressBar';
import { StatusCountsText } from '../../components/StatusSummary';
import { StatusTag, useDeadlineText } from '../../components/StatusTag';
import { useT } from '../../i18n';
import { formatDate } from '../../lib/format';
import type { StatusCounts } from '../../lib/status';

/** The unit's tasks: those it leads, then those it co-operates on, each with status and progress. */
export function UnitTasks({ tasks }: { tasks: TUnitTask[] }) {
  const t = useT();
  const u = t.drilldown.unit;
  const groups: { role: TaskRole; title: string; items: TUnitTask[] }[] = (
    ['lead', 'cooperator'] as const
  ).map((role) => {
    const items = tasks.filter((task) => task.role === role);
    return {
      role,
      items,
      title: role === 'lead' ? u.leadTasks(items.length) : u.cooperatorTasks(items.length),
    };
  });
  const counts: StatusCounts = {};
  for (const task of tasks) counts[task.status] = (counts[task.status] ?? 0) + 1;
  return (
    <Card size="small" title={u.tasks} data-testid="unit-tasks">
      {tasks.length > 0 ? (
        <div className="lt-unit-task-counts" data-testid="unit-task-counts">
          <StatusCountsText counts={counts} total={tasks.length} />
        </div>
      ) : null}
      {tasks.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={u.noTasks} />
      ) : (
        groups
          .filter((group) => group.items.length > 0)
          .map((group) => (
            <section key={group.role} className="lt-unit-task-group" data-role={group.role}>
              <Typography.Title level={5} className="lt-unit-section-title">
                {group.title}
              </Typography.Title>
              <ul className="lt-unit-task-list">
                {group.items.map((task) => (
                  <TaskRow key={task.id} task={task} />
                ))}
              </ul>
            </section>
          ))
      )}
    </Card>
  );
}

function TaskRow({ task }: { task: TUnitTask }) {
  const t = useT();
  const deadlineText = useDeadlineText();
  const hint = deadlineText(task.status, task.daysToDeadline);
  return (
    <li className="lt-unit-task" data-testid="unit-task" data-status={task.status}>
      <Link to={`/items/${task.id}`} className="lt-task-link">
        <span className="lt-code">{task.code}</span> {task.title}
      </Link>
      <div className="lt-row-meta">
        <StatusTag status={task.status} />
        {task.deadline ? <span>{t.drilldown.unit.deadline(formatDate(task.deadline))}</span> : null}
        {hint ? <span>{hint}</span> : null}
      </div>
      <ProgressBar percent={task.progress} size="small" status="normal" className="lt-unit-task-progress" />
    </li>
  );
}
