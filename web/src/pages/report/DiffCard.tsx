import { ArrowRightOutlined } from '@ant-design/icons';
import type { TReport, TReportDiff } from '../../../../common/contracts/reports';
import { useT } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { fieldLabel } from './report-fields';
import { Panel, Secondary } from './ui';

function Shown({ value }: { value: unknown }) {
  const t = useT();
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return <span className="lt-diff-empty">{t.reports.diff.empty}</span>;
  }
  if (Array.isArray(value)) {
    return (
      <ul className="lt-diff-array">
        {value.map((v) => (
          <li key={String(v)}>{String(v)}</li>
        ))}
      </ul>
    );
  }
  if (typeof value === 'number') return <>{formatNumber(value)}</>;
  return <>{String(value)}</>;
}

/** "Những thay đổi so với bản bị trả lại": every changed field, before → after. */
export function DiffCard({ report, diff }: { report: TReport; diff: TReportDiff }) {
  const t = useT();
  return (
    <Panel
      className="lt-report-diff"
      data-testid="report-diff"
      title={t.reports.diff.title}
      extra={<Secondary className="lt-nowrap">{t.reports.diff.count(diff.changes.length)}</Secondary>}
    >
      {diff.changes.length === 0 ? (
        <Secondary>{t.reports.diff.none}</Secondary>
      ) : (
        <ul className="lt-diff-list">
          {diff.changes.map((change) => (
            <li key={change.field} className="lt-diff-item" data-field={change.field} data-testid="diff-item">
              <div className="lt-diff-label">{fieldLabel(t, report, change.field, change.label)}</div>
              <div className="lt-diff-values">
                <div className="lt-diff-before" data-testid="diff-before">
                  <span className="lt-diff-side">{t.reports.diff.before}</span>
                  <Shown value={change.before} />
                </div>
                <ArrowRightOutlined className="lt-diff-arrow" aria-hidden />
                <div className="lt-diff-after" data-testid="diff-after">
                  <span className="lt-diff-side">{t.reports.diff.after}</span>
                  <Shown value={change.after} />
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
