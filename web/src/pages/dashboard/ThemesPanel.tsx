import { Link } from 'react-router';
import type { TDashboardQuery, TTheme } from '../../../../common/contracts/dashboard';
import { useRoundThemes } from '../../api/dashboard';
import { QueryError } from '../../components/Feedback';
import { useT } from '../../i18n';
import { reportLink, roundLink } from './links';
import { Panel, XlsxButton } from './Panel';

/**
 * The most frequent obstacles and proposals of the round, by theme, with the units that raised them
 * (each a link to its report). How passages are sorted is stated under the panel.
 */
export function ThemesPanel({
  query,
  limit = 5,
  big,
}: {
  query: TDashboardQuery;
  limit?: number;
  big?: boolean;
}) {
  const t = useT();
  const { data, error, refetch } = useRoundThemes(query);
  return (
    <Panel
      id="themes"
      className="lt-dash-themes"
      title={t.dashboard.themes.title}
      subtitle={
        data?.round ? (
          <Link to={roundLink(data.round.id)}>{t.dashboard.themes.ofRound(data.round.title)}</Link>
        ) : undefined
      }
      actions={big ? undefined : <XlsxButton query={query} table="themes" />}
    >
      {error ? <QueryError error={error} onRetry={() => void refetch()} /> : null}
      {data ? (
        <div className="lt-dash-theme-columns">
          <ThemeList title={t.dashboard.themes.obstacles} themes={data.obstacles.slice(0, limit)} />
          <ThemeList title={t.dashboard.themes.proposals} themes={data.proposals.slice(0, limit)} />
        </div>
      ) : null}
      {data && !big ? (
        <details className="lt-dash-method">
          <summary>{t.dashboard.themes.method}</summary>
          <p>{data.method}</p>
          <p>{t.dashboard.themes.lexicon}:</p>
          <ul>
            {data.lexicon.map((l) => (
              <li key={l.key}>
                <strong>{l.label}</strong>: {l.words.join(', ')}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </Panel>
  );
}

function ThemeList({ title, themes }: { title: string; themes: TTheme[] }) {
  const t = useT();
  const max = Math.max(1, ...themes.map((theme) => theme.mentions));
  return (
    <div>
      <h3>{title}</h3>
      {themes.length === 0 ? <p className="lt-dash-empty">{t.dashboard.themes.none}</p> : null}
      <ol className="lt-dash-theme-list">
        {themes.map((theme) => (
          <li key={theme.key}>
            <div className="lt-dash-theme-head">
              <span className="lt-dash-theme-label">{theme.label}</span>
              <span className="lt-dash-theme-n">
                {t.dashboard.themes.mentions(theme.mentions)} · {t.dashboard.themes.units(theme.units.length)}
              </span>
            </div>
            <div className="lt-dash-theme-bar" aria-hidden="true">
              <span style={{ width: `${(100 * theme.mentions) / max}%` }} />
            </div>
            {theme.example ? <q className="lt-dash-theme-example">{theme.example}</q> : null}
            <div className="lt-dash-theme-units">
              {theme.units.slice(0, 8).map((u, i) => (
                <span key={u.id}>
                  {i > 0 ? ', ' : ''}
                  <Link to={reportLink(u.reportId)}>{u.shortName ?? u.name}</Link>
                </span>
              ))}
              {theme.units.length > 8 ? ` +${theme.units.length - 8}` : ''}
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
