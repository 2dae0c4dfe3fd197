import type { TableColumnsType } from 'antd';
import type { HTMLAttributes, MouseEvent, ReactNode } from 'react';
import type { NavigateFunction } from 'react-router';
import type { TRoundReport } from '../../../../common/contracts/rounds';
import { type Messages, useT } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { ReportStatusTag, TimelinessTag } from './tags';

/** One report as a row: of a round's table (by unit) or of a unit's record (by round). */
export type ReportRow = Omit<TRoundReport, 'orgUnit' | 'itemCount'>;

function ReportTimeliness({ row }: { row: ReportRow }) {
  return <TimelinessTag timeliness={row.timeliness} daysLate={row.daysLate} dueDate={row.dueDate} />;
}

/** Status, timeliness, first sent and accepted: the columns both tables show on a wide screen. */
export function reportColumns<T extends ReportRow>(t: Messages): TableColumnsType<T> {
  return [
    {
      key: 'status',
      title: t.rounds.columns.status,
      width: 170,
      render: (_, row) => <ReportStatusTag status={row.status} />,
    },
    {
      key: 'timeliness',
      title: t.rounds.timelinessFilter,
      width: 200,
      render: (_, row) => <ReportTimeliness row={row} />,
    },
    {
      key: 'submittedAt',
      title: t.rounds.columns.submittedAt,
      width: 150,
      render: (_, row) => formatDateTime(row.firstSubmittedAt),
    },
    {
      key: 'acceptedAt',
      title: t.rounds.columns.acceptedAt,
      width: 150,
      responsive: ['lg'],
      render: (_, row) => formatDateTime(row.acceptedAt),
    },
  ];
}

/** The same on a phone, in a line under the row's title; `children` go at its end. */
export function ReportRowMeta({ row, children }: { row: ReportRow; children?: ReactNode }) {
  const t = useT();
  return (
    <div className="lt-row-meta">
      <ReportStatusTag status={row.status} />
      <ReportTimeliness row={row} />
      {row.firstSubmittedAt ? (
        <span>
          {t.rounds.columns.submittedAt}: {formatDateTime(row.firstSubmittedAt)}
        </span>
      ) : null}
      {children}
    </div>
  );
}

/** A row that opens its report when clicked anywhere but on a link or a button. */
export function reportRowProps(
  row: ReportRow,
  navigate: NavigateFunction,
  data: Record<`data-${string}`, string>,
): HTMLAttributes<HTMLElement> {
  return {
    ...data,
    'data-status': row.status,
    onClick: (e: MouseEvent<HTMLElement>) => {
      if ((e.target as HTMLElement).closest('a, button')) return;
      navigate(`/bao-cao/${row.reportId}`);
    },
  } as HTMLAttributes<HTMLElement>;
}
