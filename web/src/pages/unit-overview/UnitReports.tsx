import { FileTextOutlined } from '@ant-design/icons';
import { Card, Empty } from 'antd';
import { Link } from 'react-router';
import type { TUnitReports } from '../../../../common/contracts/unit-overview';
import { useLocale, useT } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { periodText } from '../data-entry/periods';
import { ReportRowMeta } from '../report/report-rows';

/**
 * The unit's latest rounds and its counts over all of them. The full record is the unit's
 * reporting history page (/dot-bao-cao/don-vi/:id), linked rather than repeated.
 */
export function UnitReports({ orgUnitId, reports }: { orgUnitId: string; reports: TUnitReports }) {
  const t = useT();
  const { lang } = useLocale();
  const u = t.drilldown.unit;
  const c = t.rounds.completeness;
  const s = reports.summary;
  const counts = [
    ['expected', c.expected, s.expected],
    ['submitted', c.submitted, s.submitted],
    ['accepted', c.accepted, s.accepted],
    ['onTime', c.onTime, s.onTime],
    ['late', c.late, s.late],
    ['overdue', c.overdue, s.overdue],
  ] as const;
  return (
    <Card
      size="small"
      title={u.reports}
      data-testid="unit-reports"
      extra={
        reports.roundCount > 0 ? (
          <Link to={`/dot-bao-cao/don-vi/${orgUnitId}`} data-testid="unit-all-rounds">
            {u.allRounds}
          </Link>
        ) : null
      }
    >
      {reports.roundCount === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={u.noReports} />
      ) : (
        <>
          <dl className="lt-uo-counts">
            {counts.map(([key, label, value]) => (
              <div key={key} className="lt-uo-count" data-testid={`unit-count-${key}`}>
                <dt>{label}</dt>
                <dd>{formatNumber(value)}</dd>
              </div>
            ))}
          </dl>
          <ul className="lt-unit-rounds">
            {reports.recent.map((row) => (
              <li key={row.reportId} data-testid="unit-round">
                <Link to={`/bao-cao/${row.reportId}`} className="lt-task-link">
                  <FileTextOutlined /> {row.round.title}
                </Link>
                <span className="lt-unit-hint"> · {periodText(row.round.period, lang)}</span>
                <ReportRowMeta row={row} />
              </li>
            ))}
          </ul>
          {reports.roundCount > reports.recent.length ? (
            <div className="lt-unit-hint">{u.recent(reports.recent.length, reports.roundCount)}</div>
          ) : null}
        </>
      )}
    </Card>
  );
}
