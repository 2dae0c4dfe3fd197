import { Card, Typography } from 'antd';
import type { TReport } from '../../../../common/contracts/reports';
import { useLocale, useT } from '../../i18n';
import { formatDate } from '../../lib/format';
import { periodText } from '../data-entry/periods';
import { ReportStatusTag, TimelinessTag } from './tags';

/** Round, unit, period, due date, where the report stands and whether it is on time. */
export function ReportHeader({ report }: { report: TReport }) {
  const t = useT();
  const { lang } = useLocale();
  return (
    <Card size="small" className="lt-report-header" data-testid="report-header">
      <Typography.Text type="secondary" className="lt-report-round">
        {report.round.title}
      </Typography.Text>
      <Typography.Title level={4} className="lt-page-title">
        {report.orgUnit.name}
      </Typography.Title>
      <dl className="lt-report-meta">
        <div>
          <dt>{t.reports.period}</dt>
          <dd>{periodText(report.round.period, lang)}</dd>
        </div>
        <div>
          <dt>{t.reports.dueDate}</dt>
          <dd>{formatDate(report.dueDate)}</dd>
        </div>
      </dl>
      <div className="lt-report-tags">
        <ReportStatusTag status={report.status} />
        <TimelinessTag timeliness={report.timeliness} dueDate={report.dueDate} />
      </div>
    </Card>
  );
}
