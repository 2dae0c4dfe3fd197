import { HistoryOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { Link } from 'react-router';
import type { TReport } from '../../../../common/contracts/reports';
import { useLocale, useT } from '../../i18n';
import { formatDate, formatDateTime } from '../../lib/format';
import { periodText } from '../data-entry/periods';
import { ReportStatusTag, TimelinessTag } from './tags';
import { Panel, Secondary } from './ui';

/**
 * Round, unit, period, due date, when it was first sent, where the report stands and how late it
 * is, and the way to the unit's record over earlier rounds. Lateness is the server's (`daysLate`),
 * counted as in the round's completeness table.
 */
export function ReportHeader({ report }: { report: TReport }) {
  const t = useT();
  const { lang } = useLocale();
  return (
    <Panel className="lt-report-header" data-testid="report-header">
      <Secondary className="lt-report-round">{report.round.title}</Secondary>
      <h4 className="lt-h4 lt-page-title">{report.orgUnit.name}</h4>
      <dl className="lt-report-meta">
        <div>
          <dt>{t.reports.period}</dt>
          <dd>{periodText(report.round.period, lang)}</dd>
        </div>
        <div>
          <dt>{t.reports.dueDate}</dt>
          <dd>{formatDate(report.dueDate)}</dd>
        </div>
        <div>
          <dt>{t.reports.firstSubmitted}</dt>
          <dd data-testid="report-first-submitted">
            {report.firstSubmittedAt ? formatDateTime(report.firstSubmittedAt) : t.reports.notSubmitted}
          </dd>
        </div>
      </dl>
      <div className="lt-report-tags">
        <ReportStatusTag status={report.status} />
        <TimelinessTag timeliness={report.timeliness} daysLate={report.daysLate} dueDate={report.dueDate} />
        {report.round.status === 'closed' ? (
          <Tag data-testid="report-round-closed">{t.reports.roundClosed}</Tag>
        ) : null}
        <Link
          to={`/dot-bao-cao/don-vi/${report.orgUnit.id}`}
          className="lt-nowrap"
          data-testid="report-unit-history"
        >
          <HistoryOutlined /> {t.reportHistory.title}
        </Link>
      </div>
    </Panel>
  );
}
