import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n';

// The commune map (web/src/components/map): its panel, its controls and ECharts' map series come
// when the leader scrolls near it, never with the page's first figures.
const CommuneMapPanel = lazy(() =>
  import('../../components/map/CommuneMapPanel').then((m) => ({ default: m.CommuneMapPanel })),
);

/** The commune map panel, loaded once it is about to scroll into view. */
export function MapSlot() {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (!element || near) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setNear(true);
      },
      { rootMargin: '300px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [near]);
  const placeholder = (
    <section className="lt-dash-panel" aria-label={t.dashboard.map.title}>
      <p className="lt-dash-empty">{t.dashboard.map.pending}</p>
    </section>
  );
  return (
    <div ref={box} className="lt-dash-map" data-testid="dashboard-map">
      {near ? (
        <Suspense fallback={placeholder}>
          <CommuneMapPanel title={t.dashboard.map.title} height={480} />
        </Suspense>
      ) : (
        placeholder
      )}
    </div>
  );
}
