import { ArrowRightOutlined } from '@ant-design/icons';
import type { TReport } from '../../../../common/contracts/reports';
import { useT } from '../../i18n';
import { formatDateTime, formatNumber } from '../../lib/format';
import { Panel, Secondary } from './ui';

/**
 * "Điều chỉnh của Văn phòng": values of the report the secretariat corrected after it was sent,
 * read-only, so the unit and the reviewers see what changed behind the figures they signed.
 */
export function CorrectionsCard({ report }: { report: TReport }) {
  const t = useT();
  const shown = (value: number | null) =>
    value === null ? <span className="lt-diff-empty">{t.reports.diff.empty}</span> : formatNumber(value);
  return (
    <Panel
      className="lt-report-diff"
      data-testid="report-corrections"
      title={t.reports.corrections.title}
      extra={
        <Secondary className="lt-nowrap">{t.reports.corrections.count(report.corrections.length)}</Secondary>
      }
    >
      <ul className="lt-diff-list">
        {report.corrections.map((c) => (
          <li
            key={`${c.indicatorCode}-${c.correctedAt}`}
            className="lt-diff-item"
            data-testid="correction-item"
          >
            <div className="lt-diff-label">
              {c.indicatorCode} — {c.indicatorName}
            </div>
            <div className="lt-diff-values">
              <div className="lt-diff-before">
                <span className="lt-diff-side">{t.reports.diff.before}</span>
                {shown(c.before)}
              </div>
              <ArrowRightOutlined className="lt-diff-arrow" aria-hidden />
              <div className="lt-diff-after">
                <span className="lt-diff-side">{t.reports.diff.after}</span>
                {shown(c.after)}
              </div>
            </div>
            <p className="lt-paragraph">
              {t.reports.corrections.reason}: {c.reason}
            </p>
            <Secondary>
              {t.reports.corrections.by(
                c.correctedBy ?? t.reports.corrections.unknown,
                formatDateTime(c.correctedAt),
              )}
            </Secondary>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
