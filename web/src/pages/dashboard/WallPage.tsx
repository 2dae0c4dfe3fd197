import { ConfigProvider, theme } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { TDashboardQuery } from '../../../../common/contracts/dashboard';
import { useIndicatorAttainment } from '../../api/dashboard';
import { PageLoading } from '../../components/Feedback';
import { useT } from '../../i18n';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useDashboardFilters } from './filters';
import { HealthStrip } from './HealthStrip';
import { IndicatorPanel } from './IndicatorPanel';
import { RoundPanel } from './RoundPanel';
import { TaskListPanel, TaskStatusPanel } from './TaskPanels';
import { ThemesPanel } from './ThemesPanel';
import { useFreshness } from './use-freshness';
import './dashboard.css';

/** Seconds each page of panels stays up. */
export const WALL_ROTATE_MS = 15_000;
const TILES_PER_PAGE = 8;
/** At most three pages of indicator tiles: the worst 24 (the rest are on the page's catalogue). */
const TILE_OFFSETS = [0, TILES_PER_PAGE, 2 * TILES_PER_PAGE];

/**
 * /dieu-hanh/man-hinh: the operations centre's screen. 1920 × 1080, dark, big type, no menus; the
 * panels turn over every 15 s and poll the server like the page (ETag, every 30 s), so the screen
 * stays current all day without anyone touching it. ?page=N holds one page (for screenshots).
 */
export default function WallPage() {
  const t = useT();
  useDocumentTitle(t.dashboard.wall);
  const { query } = useDashboardFilters();
  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm }}>
      <div className="lt-dash lt-wall" data-testid="dashboard-wall">
        {query ? <Wall query={query} /> : <PageLoading />}
      </div>
    </ConfigProvider>
  );
}

function useClock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now.toLocaleString('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
}

function Wall({ query }: { query: TDashboardQuery }) {
  const t = useT();
  const clock = useClock();
  const updated = useFreshness();
  const indicators = useIndicatorAttainment(query);
  const tileCount = indicators.data?.tiles.length ?? 0;
  const tilePages = Math.max(1, Math.min(3, Math.ceil(tileCount / TILES_PER_PAGE)));
  const pages: ReactNode[] = [
    <div className="lt-wall-page" key="tasks">
      <TaskStatusPanel query={query} dark />
      <RoundPanel query={query} />
    </div>,
    <div className="lt-wall-page" key="lists">
      <TaskListPanel query={query} list="overdue" limit={6} big />
      <TaskListPanel query={query} list="at_risk" limit={6} big />
    </div>,
    ...TILE_OFFSETS.slice(0, tilePages).map((offset) => (
      <div className="lt-wall-page" key={`indicators-${offset}`}>
        <div className="lt-wall-wide">
          <IndicatorPanel
            query={query}
            data={indicators.data}
            error={indicators.error}
            onRetry={() => void indicators.refetch()}
            limit={TILES_PER_PAGE}
            offset={offset}
            big
          />
        </div>
      </div>
    )),
    <div className="lt-wall-page" key="themes">
      <div className="lt-wall-wide">
        <ThemesPanel query={query} limit={4} big />
      </div>
    </div>,
    <div className="lt-wall-page" key="due">
      <div className="lt-wall-wide">
        <TaskListPanel query={query} list="due_soon" limit={6} big />
      </div>
    </div>,
  ];
  const held = Number(new URLSearchParams(window.location.search).get('page'));
  const [index, setIndex] = useState(0);
  useEffect(() => {
    if (held) return;
    const timer = setInterval(() => setIndex((i) => i + 1), WALL_ROTATE_MS);
    return () => clearInterval(timer);
  }, [held]);
  const current = held ? Math.min(held, pages.length) - 1 : index % pages.length;
  return (
    <>
      <header className="lt-wall-head">
        <h1>{t.dashboard.title}</h1>
        <span className="lt-wall-clock">{clock}</span>
        <Link to={`/dieu-hanh${window.location.search.replace(/[?&]page=\d+/, '')}`} className="lt-wall-exit">
          {t.dashboard.exitWall}
        </Link>
      </header>
      <HealthStrip query={query} indicators={indicators.data} />
      <main aria-live="off">{pages[current]}</main>
      <div className="lt-wall-dots" aria-hidden="true">
        {pages.map((_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the pages are positions
          <span key={i} className={i === current ? 'lt-wall-dot-on' : undefined} />
        ))}
      </div>
      {updated ? <p className="lt-dash-fresh">{t.dashboard.updatedAt(updated)}</p> : null}
    </>
  );
}
