import { Tag } from 'antd';
import type { Timeliness } from '../../../../common/contracts/rounds';
import type { ReportStatus } from '../../../../common/enums';
import { useT } from '../../i18n';
import { todayInVietnam } from '../data-entry/periods';

const STATUS_COLOR: Record<ReportStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'geekblue',
  accepted: 'success',
  returned: 'warning',
};

const TIMELINESS_COLOR: Record<Timeliness, string> = {
  pending: 'default',
  on_time: 'green',
  late: 'gold',
  overdue: 'orange',
  missing: 'red',
};

export function ReportStatusTag({ status }: { status: ReportStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLOR[status]} data-status={status} data-testid="report-status">
      {t.reports.status[status]}
    </Tag>
  );
}

/** Calendar days from `from` to `to` (ISO dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/** Days past the due date, today in Vietnam (null when not past it). */
export function daysPastDue(dueDate: string, today = todayInVietnam()): number | null {
  const days = daysBetween(dueDate, today);
  return days > 0 ? days : null;
}

/**
 * "Đúng hạn", "Nộp muộn 3 ngày", "Quá hạn 5 ngày", "Chưa đến hạn". `daysLate` as the API gives it; for
 * a report still not submitted it is counted from the due date when the API gives none.
 */
export function TimelinessTag({
  timeliness,
  daysLate,
  dueDate,
}: {
  timeliness: Timeliness;
  daysLate?: number | null;
  dueDate?: string;
}) {
  const t = useT();
  const open = timeliness === 'overdue' || timeliness === 'missing';
  const days = daysLate ?? (open && dueDate ? daysPastDue(dueDate) : null);
  const label =
    timeliness === 'pending' || timeliness === 'on_time'
      ? t.reports.timeliness[timeliness]
      : t.reports.timeliness[timeliness](days);
  return (
    // the hint as a title, not antd's Tooltip: this tag is on the report page's first load (issue 10)
    <Tag
      color={TIMELINESS_COLOR[timeliness]}
      data-timeliness={timeliness}
      data-testid="report-timeliness"
      title={t.reports.timelinessHint[timeliness]}
    >
      {label}
    </Tag>
  );
}
