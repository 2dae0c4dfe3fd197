import { CheckOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { TReportItem } from '../../../../common/contracts/reports';
import { Segmented } from '../../components/Segmented';
import { useT } from '../../i18n';
import { useReportField } from './field-context';
import { TaskCard } from './ReportSections';
import { EXPAND_ALL_UP_TO, TASK_FILTERS, type TaskFilter, type TaskNavigation } from './task-navigation';
import { Panel, Secondary } from './ui';

/**
 * The index of the report's tasks: a chip per task, coloured by its state, lead tasks first, a tap
 * opens the task and scrolls to it. Compact enough for 50 tasks on one phone screen.
 */
function TaskIndex({ nav }: { nav: TaskNavigation }) {
  const t = useT();
  const tn = t.reports.taskNav;
  const filled = [...nav.states.values()].filter((s) => s === 'filled').length;
  const groups: [string, TReportItem[]][] = [
    [
      tn.leadHeading(nav.shown.filter((i) => i.role === 'lead').length),
      nav.shown.filter((i) => i.role === 'lead'),
    ],
    [
      tn.cooperatorHeading(nav.shown.filter((i) => i.role !== 'lead').length),
      nav.shown.filter((i) => i.role !== 'lead'),
    ],
  ];
  return (
    <Panel
      className="lt-report-index"
      data-testid="task-index"
      title={tn.indexTitle}
      extra={
        <span className="lt-nowrap" data-testid="task-index-count">
          {tn.counts(filled, nav.tasks.length)}
        </span>
      }
    >
      <nav aria-label={tn.indexTitle}>
        {groups
          .filter(([, items]) => items.length > 0)
          .map(([heading, items]) => (
            <div key={heading} className="lt-report-index-group">
              <div className="lt-report-index-heading">{heading}</div>
              <ul className="lt-report-index-list">
                {items.map((item) => {
                  const state = nav.states.get(item.planItem.id)!;
                  return (
                    <li key={item.planItem.id}>
                      <button
                        type="button"
                        className={`lt-report-index-chip lt-report-index-${state}`}
                        onClick={() => nav.open(item.planItem.id)}
                        aria-label={tn.indexLabel(item.planItem.code, tn.state[state])}
                        title={`${item.planItem.code} ${item.planItem.title} — ${tn.state[state]}`}
                        data-testid="task-index-item"
                        data-item={item.planItem.id}
                        data-code={item.planItem.code}
                        data-state={state}
                      >
                        {state === 'filled' ? <CheckOutlined aria-hidden /> : null}
                        {item.planItem.code}
                      </button>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
      </nav>
      <div className="lt-report-index-legend" aria-hidden>
        <span className="lt-report-index-chip lt-report-index-filled">{tn.stateShort.filled}</span>
        <span className="lt-report-index-chip lt-report-index-carried">{tn.stateShort.carried}</span>
        <span className="lt-report-index-chip lt-report-index-todo">{tn.stateShort.todo}</span>
      </div>
    </Panel>
  );
}

/**
 * The report's tasks: the index, a filter (all / not finished / lead / co-operating), "keep last
 * period's progress" for every unconfirmed task at once, and the cards, lead tasks first under a
 * heading each. A short report (≤ 5 tasks) needs none of the index and opens every card.
 */
export function TaskSection({
  nav,
  onConfirmCarried,
}: {
  nav: TaskNavigation;
  /** keeps last period's progress for every task not entered yet; null when there is none */
  onConfirmCarried: (() => void) | null;
}) {
  const t = useT();
  const tn = t.reports.taskNav;
  const { editable } = useReportField();
  const many = nav.tasks.length > EXPAND_ALL_UP_TO;
  const lead = nav.shown.filter((i) => i.role === 'lead');
  const cooperating = nav.shown.filter((i) => i.role !== 'lead');
  const count = (filter: TaskFilter) =>
    filter === 'all'
      ? nav.tasks.length
      : filter === 'todo'
        ? [...nav.states.values()].filter((s) => s !== 'filled').length
        : nav.tasks.filter((i) => i.role === filter).length;
  const cards = (items: TReportItem[]) =>
    items.map((item) => (
      <TaskCard
        key={item.planItem.id}
        item={item}
        state={nav.states.get(item.planItem.id)!}
        expanded={nav.isExpanded(item.planItem.id)}
        onToggle={() => nav.toggle(item.planItem.id)}
      />
    ));
  const hasBothRoles = nav.tasks.some((i) => i.role === 'lead') && nav.tasks.some((i) => i.role !== 'lead');
  return (
    <>
      {many ? <TaskIndex nav={nav} /> : null}
      {many || onConfirmCarried ? (
        <div className="lt-report-task-tools">
          {many ? (
            <Segmented<TaskFilter>
              size="small"
              value={nav.filter}
              onChange={nav.setFilter}
              aria-label={tn.filterLabel}
              data-testid="task-filter"
              options={TASK_FILTERS.map((f) => ({
                value: f,
                label: `${tn.filter[f]} (${count(f)})`,
              }))}
            />
          ) : null}
          {many ? (
            <span className="lt-report-task-tools-right">
              <Button size="small" type="link" onClick={() => nav.setAllExpanded(true)}>
                {tn.expandAll}
              </Button>
              <Button size="small" type="link" onClick={() => nav.setAllExpanded(false)}>
                {tn.collapseAll}
              </Button>
            </span>
          ) : null}
          {editable && onConfirmCarried ? (
            <Button size="small" onClick={onConfirmCarried} data-testid="confirm-carried">
              {tn.confirmAll(nav.unconfirmed.length)}
            </Button>
          ) : null}
        </div>
      ) : null}
      {nav.shown.length === 0 ? (
        <Secondary>{tn.noneInFilter}</Secondary>
      ) : hasBothRoles ? (
        <>
          {lead.length > 0 ? (
            <h5 className="lt-h5 lt-report-role-heading">{tn.leadHeading(lead.length)}</h5>
          ) : null}
          {cards(lead)}
          {cooperating.length > 0 ? (
            <h5 className="lt-h5 lt-report-role-heading">{tn.cooperatorHeading(cooperating.length)}</h5>
          ) : null}
          {cards(cooperating)}
        </>
      ) : (
        cards(nav.shown)
      )}
    </>
  );
}
