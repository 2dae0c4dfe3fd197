import { Tooltip } from 'antd';
import type { TCompleteness } from '../../../../common/contracts/rounds';
import { useT } from '../../i18n';
import { formatNumber } from '../../lib/format';

interface Part {
  key: string;
  label: string;
  count: number;
  color: string;
}

/** Where the expected reports stand: accepted, approved, submitted, returned, not yet submitted. */
function stageParts(c: TCompleteness, t: ReturnType<typeof useT>): Part[] {
  const notSubmitted = Math.max(0, c.expected - c.submitted - c.returned);
  return [
    { key: 'accepted', label: t.rounds.completeness.accepted, count: c.accepted, color: '#389e0d' },
    {
      key: 'approved',
      label: t.rounds.completeness.approved,
      count: c.approved - c.accepted,
      color: '#2f54eb',
    },
    {
      key: 'submitted',
      label: t.rounds.completeness.submitted,
      count: c.submitted - c.approved,
      color: '#69b1ff',
    },
    { key: 'returned', label: t.rounds.completeness.returned, count: c.returned, color: '#fa8c16' },
    { key: 'missing', label: t.rounds.completeness.missing, count: notSubmitted, color: '#e3e6ea' },
  ];
}

/** A stacked bar of the round's reports by stage, the numbers in tooltips and in the label. */
export function CompletenessBar({
  completeness,
  height = 10,
}: {
  completeness: TCompleteness;
  height?: number;
}) {
  const t = useT();
  const parts = stageParts(completeness, t).filter((p) => p.count > 0);
  const total = Math.max(completeness.expected, 1);
  const described = parts.map((p) => `${p.label}: ${formatNumber(p.count)}`).join(', ');
  return (
    <div className="lt-completeness">
      <div className="lt-status-bar" style={{ height }} role="img" aria-label={described}>
        {parts.map((p) => (
          <Tooltip key={p.key} title={`${p.label}: ${formatNumber(p.count)}`}>
            <div
              className="lt-status-bar-part"
              style={{ width: `${(p.count / total) * 100}%`, background: p.color }}
            />
          </Tooltip>
        ))}
      </div>
      <div className="lt-completeness-text" data-testid="round-completeness">
        {t.rounds.summary(completeness.submitted, completeness.expected)}
        {completeness.accepted > 0
          ? ` · ${t.rounds.completeness.accepted.toLowerCase()} ${formatNumber(completeness.accepted)}`
          : ''}
      </div>
    </div>
  );
}

/**
 * "Đúng hạn 3 · Nộp trễ 2 · Quá hạn 1 · Chưa đến hạn 40": a partition of the expected reports, with
 * the server's one definition of overdue (unsent and past due, as each row's tag says) in a tooltip.
 */
export function TimelinessCounts({ completeness }: { completeness: TCompleteness }) {
  const t = useT();
  const c = t.rounds.completeness;
  const { expected, onTime, late, overdue } = completeness;
  const parts = [
    { key: 'on_time', label: c.onTime, count: onTime },
    { key: 'late', label: c.late, count: late },
    { key: 'overdue', label: c.overdue, count: overdue },
    { key: 'pending', label: c.notDue, count: Math.max(0, expected - onTime - late - overdue) },
  ];
  return (
    <Tooltip title={c.definition}>
      <span className="lt-timeliness-counts" data-testid="round-timeliness-counts">
        {parts.map((p) => (
          <span
            key={p.key}
            className={`lt-timeliness-count lt-timeliness-${p.key}${p.count ? '' : ' lt-timeliness-zero'}`}
            data-count={p.key}
          >
            {p.label} <b>{formatNumber(p.count)}</b>
          </span>
        ))}
      </span>
    </Tooltip>
  );
}
