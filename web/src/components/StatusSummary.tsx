import { Tooltip, Typography } from 'antd';
import type { ItemStatus } from '../../../common/enums';
import { useT } from '../i18n';
import { formatNumber } from '../lib/format';
import { countOf, STATUS_FILL, STATUS_ORDER, type StatusCounts } from '../lib/status';

/** "12 nhiệm vụ · 3 quá hạn · 2 có nguy cơ": the total, then every non-zero status in reading order. */
export function StatusCountsText({ counts, total }: { counts: StatusCounts; total: number }) {
  const t = useT();
  const parts = STATUS_ORDER.filter((s) => countOf(counts, s) > 0).map((s) => (
    <span key={s} className={`lt-count lt-count-${s}`}>
      {formatNumber(countOf(counts, s))} {t.statusCount[s]}
    </span>
  ));
  return (
    <Typography.Text type="secondary" className="lt-counts">
      <span>{t.plan.taskCount(total)}</span>
      {parts.map((p) => (
        <span key={p.key}>
          {' · '}
          {p}
        </span>
      ))}
    </Typography.Text>
  );
}

/** A thin stacked bar of the status shares, with the numbers in a tooltip. */
export function StatusBar({ counts, height = 8 }: { counts: StatusCounts; height?: number }) {
  const t = useT();
  const order: ItemStatus[] = ['done', 'done_late', 'in_progress', 'not_started', 'at_risk', 'overdue'];
  const total = order.reduce((sum, s) => sum + countOf(counts, s), 0);
  if (total === 0) return <div className="lt-status-bar lt-status-bar-empty" style={{ height }} />;
  return (
    <div className="lt-status-bar" style={{ height }} role="img" aria-label={describe(t, counts)}>
      {order
        .filter((s) => countOf(counts, s) > 0)
        .map((s) => (
          <Tooltip key={s} title={`${t.status[s]}: ${formatNumber(countOf(counts, s))}`}>
            <div
              className="lt-status-bar-part"
              style={{
                width: `${(countOf(counts, s) / total) * 100}%`,
                background: STATUS_FILL[s],
              }}
            />
          </Tooltip>
        ))}
    </div>
  );
}

function describe(t: ReturnType<typeof useT>, counts: StatusCounts): string {
  return STATUS_ORDER.filter((s) => countOf(counts, s) > 0)
    .map((s) => `${t.status[s]}: ${formatNumber(countOf(counts, s))}`)
    .join(', ');
}
