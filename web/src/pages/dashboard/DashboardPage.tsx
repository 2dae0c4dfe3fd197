import { DesktopOutlined } from '@ant-design/icons';
import { Empty } from 'antd';
import { Link } from 'react-router';
import type { TDashboardQuery } from '../../../../common/contracts/dashboard';
import { useIndicatorAttainment } from '../../api/dashboard';
import { useDefaultPlan } from '../../app/current-plan';
import { PageLoading } from '../../components/Feedback';
import { useT } from '../../i18n';
import { useDocumentTitle } from '../../lib/use-document-title';
import { FiltersBar } from './FiltersBar';
import { useDashboardFilters } from './filters';
import { HealthStrip } from './HealthStrip';
import { IndicatorPanel } from './IndicatorPanel';
import { MapSlot } from './MapSlot';
import { RoundPanel } from './RoundPanel';
import { TaskListPanel, TaskStatusPanel } from './TaskPanels';
import { ThemesPanel } from './ThemesPanel';
import { useFreshness } from './use-freshness';
import './dashboard.css';

/**
 * /dieu-hanh: where the plan stands, who is behind and why, for leaders and the secretariat. Every
 * figure links to what made it; the panels ask the server again every 30 s (ETag, 304 while nothing
 * changed), so an accepted report shows without reloading.
 */
export default function DashboardPage() {
  const t = useT();
  useDocumentTitle(t.dashboard.title);
  const { filters, query, update } = useDashboardFilters();
  const { isLoading: planLoading } = useDefaultPlan();
  if (!query) return planLoading ? <PageLoading /> : <Empty description={t.dashboard.noPlan} />;
  return (
    <div className="lt-dash" data-testid="dashboard-page">
      <div className="lt-dash-top">
        <h1>{t.dashboard.title}</h1>
        <Link
          to={`/dieu-hanh/man-hinh${window.location.search}`}
          className="lt-dash-wall-link"
          data-testid="open-wall"
        >
          <DesktopOutlined aria-hidden /> {t.dashboard.openWall}
        </Link>
      </div>
      <FiltersBar planId={query.planId} filters={filters} update={update} />
      <Freshness />
      <Body query={query} />
    </div>
  );
}

function Freshness() {
  const t = useT();
  const updated = useFreshness();
  return updated ? (
    <p className="lt-dash-fresh" aria-live="polite">
      {t.dashboard.updatedAt(updated)}
    </p>
  ) : null;
}

function Body({ query }: { query: TDashboardQuery }) {
  const indicators = useIndicatorAttainment(query);
  return (
    <>
      <HealthStrip query={query} indicators={indicators.data} />
      <div className="lt-dash-grid">
        <TaskStatusPanel query={query} />
        <RoundPanel query={query} />
        <TaskListPanel query={query} list="overdue" />
        <TaskListPanel query={query} list="at_risk" />
        <TaskListPanel query={query} list="due_soon" />
        <ThemesPanel query={query} />
        <IndicatorPanel
          query={query}
          data={indicators.data}
          error={indicators.error}
          onRetry={() => void indicators.refetch()}
        />
        <MapSlot />
      </div>
    </>
  );
}
