import { Link } from 'react-router';
import type { TDashboardQuery, TIndicatorAttainment } from '../../../../common/contracts/dashboard';
import { AttainmentTag } from '../../components/AttainmentTag';
import { QueryError } from '../../components/Feedback';
import { useT } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { catalogueLink, indicatorLink } from './links';
import { Panel, XlsxButton } from './Panel';
import { Sparkline } from './Sparkline';

const figure = (v: number | null) => (v === null ? '—' : formatNumber(Math.round(v * 100) / 100));

/** Indicator tiles, worst first: figure, target, status, and the sparkline against the target path. */
export function IndicatorPanel({
  query,
  data,
  error,
  onRetry,
  limit = 8,
  offset = 0,
  big,
}: {
  query: TDashboardQuery;
  data: TIndicatorAttainment | undefined;
  error: unknown;
  onRetry: () => void;
  limit?: number;
  offset?: number;
  big?: boolean;
}) {
  const t = useT();
  const tiles = data?.tiles.slice(offset, offset + limit) ?? [];
  return (
    <Panel
      id="indicators"
      className="lt-dash-indicators"
      title={t.dashboard.indicators.title}
      subtitle={data?.orgUnit ? t.dashboard.indicators.of(data.orgUnit.name, data.year) : undefined}
      actions={big ? undefined : <XlsxButton query={query} table="indicators" />}
    >
      {error ? <QueryError error={error} onRetry={onRetry} /> : null}
      {data && data.tiles.length === 0 ? (
        <p className="lt-dash-empty">{t.dashboard.indicators.none}</p>
      ) : null}
      <ul className="lt-dash-tiles">
        {tiles.map((tile) => (
          <li key={tile.id} className={`lt-dash-tile lt-dash-tile-${tile.status}`}>
            <Link to={indicatorLink(tile.id, data?.orgUnit?.id)} className="lt-dash-tile-name">
              {tile.name}
            </Link>
            <div className="lt-dash-tile-figures">
              <span className="lt-dash-tile-value" data-testid="indicator-value">
                {figure(tile.actual)}
              </span>
              <span className="lt-dash-tile-target">
                {t.dashboard.indicators.target} {figure(tile.target)} {tile.unit}
              </span>
            </div>
            <div className="lt-dash-tile-foot">
              <AttainmentTag status={tile.status} />
              <Sparkline tile={tile} label={t.dashboard.indicators.spark(tile.name)} />
            </div>
          </li>
        ))}
      </ul>
      {data && !big ? (
        <div className="lt-dash-foot">
          <Link to={catalogueLink()}>{t.dashboard.indicators.more(data.tiles.length)}</Link>
          <details className="lt-dash-method">
            <summary>{t.dashboard.indicators.rule}</summary>
            <p>{data.rule}</p>
          </details>
        </div>
      ) : null}
    </Panel>
  );
}
