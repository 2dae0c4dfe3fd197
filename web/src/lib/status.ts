import { ITEM_STATUSES_BY_URGENCY, type ItemStatus } from '../../../common/enums';

/** antd Tag preset colours per derived status. */
export const STATUS_TAG_COLOR: Record<ItemStatus, string> = {
  not_started: 'default',
  in_progress: 'blue',
  at_risk: 'orange',
  overdue: 'red',
  done: 'green',
  done_late: 'gold',
};

/** The same colours as solid fills, for the stacked summary bar. */
export const STATUS_FILL: Record<ItemStatus, string> = {
  not_started: '#bfc5cc',
  in_progress: '#1677ff',
  at_risk: '#fa8c16',
  overdue: '#f5222d',
  done: '#52c41a',
  done_late: '#faad14',
};

/** Reading order for summaries: what needs attention first. */
export const STATUS_ORDER = ITEM_STATUSES_BY_URGENCY;

export type StatusCounts = Partial<Record<ItemStatus, number>>;

export function countOf(counts: StatusCounts, status: ItemStatus): number {
  return counts[status] ?? 0;
}
