import { Link } from 'react-router';
import type { TDashboardQuery } from '../../../../common/contracts/dashboard';
import { useCurrentRound } from '../../api/dashboard';
import { QueryError } from '../../components/Feedback';
import { useT } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { roundLink } from './links';
import { Panel } from './Panel';

const percent = (n: number, of: number) => (of > 0 ? Math.round((100 * n) / of) : 0);

/**
 * The current round: how many reports came in (sent at least once, on time or late), and how many on
 * time, out of those expected — the rounds module's own counts; each opens the round's table.
 */
export function RoundPanel({ query }: { query: TDashboardQuery }) {
  const t = useT();
  const { data, error, refetch } = useCurrentRound(query);
  const round = data?.round;
  const c = data?.completeness;
  return (
    <Panel
      id="round"
      title={t.dashboard.round.title}
      subtitle={
        round ? (
          <>
            <Link to={roundLink(round.id)}>{round.title}</Link> ·{' '}
            {round.status === 'open' ? t.dashboard.round.open : t.dashboard.round.closed} ·{' '}
            {t.dashboard.round.due(formatDate(round.dueDate))}
          </>
        ) : undefined
      }
    >
      {error ? <QueryError error={error} onRetry={() => void refetch()} /> : null}
      {data && !round ? <p className="lt-dash-empty">{t.dashboard.round.none}</p> : null}
      {round && c ? (
        <>
          <div className="lt-dash-gauges">
            <Gauge
              label={t.dashboard.round.completeness}
              value={percent(c.onTime + c.late, c.expected)}
              detail={t.dashboard.round.ofExpected(c.onTime + c.late, c.expected)}
              to={roundLink(round.id)}
              testId="round-completeness"
            />
            <Gauge
              label={t.dashboard.round.timeliness}
              value={percent(c.onTime, c.expected)}
              detail={t.dashboard.round.ofExpected(c.onTime, c.expected)}
              to={roundLink(round.id, ['on_time'])}
            />
          </div>
          <dl className="lt-dash-counts">
            <Count label={t.dashboard.round.accepted} n={c.accepted} to={roundLink(round.id)} />
            <Count label={t.dashboard.round.onTime} n={c.onTime} to={roundLink(round.id, ['on_time'])} />
            <Count label={t.dashboard.round.late} n={c.late} to={roundLink(round.id, ['late'])} />
            <Count
              label={t.dashboard.round.overdue}
              n={c.overdue}
              to={roundLink(round.id, ['overdue', 'missing'])}
              alarm
            />
            <Count
              label={t.dashboard.round.pending}
              n={Math.max(0, c.expected - c.onTime - c.late - c.overdue)}
              to={roundLink(round.id, ['pending'])}
            />
          </dl>
        </>
      ) : null}
    </Panel>
  );
}

function Gauge({
  label,
  value,
  detail,
  to,
  testId,
}: {
  label: string;
  value: number;
  detail: string;
  to: string;
  testId?: string;
}) {
  return (
    <Link to={to} className="lt-dash-gauge" data-testid={testId}>
      <span
        className="lt-dash-gauge-ring"
        style={{ ['--lt-gauge' as string]: `${value}%` }}
        role="img"
        aria-label={`${label}: ${value}%`}
      >
        <span>{formatNumber(value)}%</span>
      </span>
      <span className="lt-dash-gauge-label">{label}</span>
      <span className="lt-dash-gauge-detail">{detail}</span>
    </Link>
  );
}

function Count({ label, n, to, alarm }: { label: string; n: number; to: string; alarm?: boolean }) {
  return (
    <div className={alarm && n > 0 ? 'lt-dash-alarm' : undefined}>
      <dt>{label}</dt>
      <dd>
        <Link to={to}>{formatNumber(n)}</Link>
      </dd>
    </div>
  );
}
