import { Tag } from 'antd';
import type { ItemStatus } from '../../../common/enums';
import { useT } from '../i18n';
import { STATUS_TAG_COLOR } from '../lib/status';

export function StatusTag({ status, suffix }: { status: ItemStatus; suffix?: string }) {
  const t = useT();
  return (
    <Tag color={STATUS_TAG_COLOR[status]} data-status={status} style={{ marginInlineEnd: 0 }}>
      {t.status[status]}
      {suffix ? ` · ${suffix}` : ''}
    </Tag>
  );
}

/** "Quá hạn 12 ngày" / "Còn 30 ngày" for open items with a deadline. */
export function useDeadlineText() {
  const t = useT();
  return (status: ItemStatus, daysToDeadline: number | null): string | undefined => {
    if (daysToDeadline === null || status === 'done' || status === 'done_late') return undefined;
    if (status === 'overdue') return t.deadline.overdueBy(Math.abs(daysToDeadline));
    if (daysToDeadline === 0) return t.deadline.dueToday;
    return daysToDeadline > 0 ? t.deadline.dueIn(daysToDeadline) : undefined;
  };
}
