import { Link } from 'react-router';
import type { TDashboardQuery, TIndicatorAttainment } from '../../../../common/contracts/dashboard';
import type { Attainment } from '../../../../common/enums';
import { useTaskStatus } from '../../api/dashboard';
import { useT } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { catalogueLink, tasksLink } from './links';

/** The headline counts: tasks done, overdue, at risk; indicators on track, at risk, off track. */
export function HealthStrip({
  query,
  indicators,
}: {
  query: TDashboardQuery;
  indicators: TIndicatorAttainment | undefined;
}) {
  const t = useT();
  const { data: tasks } = useTaskStatus(query);
  const done = tasks ? tasks.counts.done + tasks.counts.done_late : 0;
  const attainment: { key: Attainment; label: string }[] = [
    { key: 'on_track', label: t.dashboard.health.onTrack },
    { key: 'at_risk', label: t.dashboard.health.atRisk },
    { key: 'off_track', label: t.dashboard.health.offTrack },
  ];
  return (
    <section className="lt-dash-health" aria-label={t.dashboard.health.title} data-testid="dashboard-health">
      <div className="lt-dash-stat">
        <Link to={tasksLink(query, { status: ['done', 'done_late'] })} className="lt-dash-stat-value">
          {tasks ? `${formatNumber(done)}/${formatNumber(tasks.total)}` : '…'}
        </Link>
        <span className="lt-dash-stat-label">{t.statusCount.done}</span>
      </div>
      <div className="lt-dash-stat lt-dash-stat-overdue">
        <Link
          to={tasksLink(query, { status: ['overdue'] })}
          className="lt-dash-stat-value"
          data-testid="stat-overdue"
        >
          {tasks ? formatNumber(tasks.counts.overdue) : '…'}
        </Link>
        <span className="lt-dash-stat-label">{t.dashboard.health.overdueTasks}</span>
      </div>
      <div className="lt-dash-stat lt-dash-stat-at_risk">
        <Link to={tasksLink(query, { status: ['at_risk'] })} className="lt-dash-stat-value">
          {tasks ? formatNumber(tasks.counts.at_risk) : '…'}
        </Link>
        <span className="lt-dash-stat-label">{t.dashboard.health.atRiskTasks}</span>
      </div>
      {attainment.map(({ key, label }) => (
        <div key={key} className={`lt-dash-stat lt-dash-stat-${key}`}>
          <Link to={catalogueLink(key)} className="lt-dash-stat-value" data-testid={`stat-${key}`}>
            {indicators ? formatNumber(indicators.counts[key]) : '…'}
          </Link>
          <span className="lt-dash-stat-label">
            {label}
            {indicators ? (
              <span className="lt-dash-stat-of">
                {' '}
                · {t.dashboard.health.indicatorsLine(indicators.tiles.length, indicators.year)}
              </span>
            ) : null}
          </span>
        </div>
      ))}
    </section>
  );
}
