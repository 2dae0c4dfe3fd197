import type { TDashboardQuery } from '../../../../common/contracts/dashboard';
import { useT } from '../../i18n';
import { Panel } from './Panel';

/**
 * THE COMMUNE MAP GOES HERE (issue 11, item 3): web/src/components/map is being built beside this
 * page; until its component lands, the panel keeps its place and says so.
 */
export function MapSlot(_props: { query: TDashboardQuery }) {
  const t = useT();
  return (
    <Panel id="map" className="lt-dash-map" title={t.dashboard.map.title}>
      <p className="lt-dash-empty">{t.dashboard.map.pending}</p>
    </Panel>
  );
}
