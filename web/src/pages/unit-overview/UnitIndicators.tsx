import { Card, Empty, Table, type TableColumnsType, Tag } from 'antd';
import { Link } from 'react-router';
import type { TUnitIndicator } from '../../../../common/contracts/unit-overview';
import { AttainmentTag } from '../../components/AttainmentTag';
import { useLocale, useT } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { periodText } from '../data-entry/periods';

/** The indicators the unit enters or answers for: its own latest figure and, where it means something, attainment. */
export function UnitIndicators({ indicators }: { indicators: TUnitIndicator[] }) {
  const t = useT();
  const { lang } = useLocale();
  const u = t.drilldown.unit;
  const columns: TableColumnsType<TUnitIndicator> = [
    {
      key: 'indicator',
      title: u.indicator,
      render: (_, row) => (
        <Link to={`/chi-tieu/${row.id}`} className="lt-task-link">
          <span className="lt-code">{row.code}</span> {row.name}
        </Link>
      ),
    },
    {
      key: 'latest',
      title: u.latest,
      width: 200,
      render: (_, row) =>
        row.latest ? (
          <div data-testid="unit-indicator-value">
            <b>{formatNumber(row.latest.value)}</b> {row.unit}
            <div className="lt-unit-hint">{periodText(row.latest.period, lang)}</div>
          </div>
        ) : (
          <span className="lt-unit-hint">{u.noValue}</span>
        ),
    },
    {
      key: 'attainment',
      title: u.attainment,
      width: 190,
      render: (_, row) =>
        row.attainment ? (
          <AttainmentTag
            status={row.attainment.status}
            title={
              row.attainment.expected !== null && row.attainment.target !== null
                ? u.attainmentHint(
                    formatNumber(Math.round(row.attainment.expected * 10) / 10),
                    formatNumber(row.attainment.target),
                    row.attainment.year,
                  )
                : undefined
            }
          />
        ) : row.latest ? (
          <Tag title={u.notComparableHint}>{u.notComparable}</Tag>
        ) : null,
    },
  ];
  return (
    <Card size="small" title={u.indicators} data-testid="unit-indicators">
      <Table<TUnitIndicator>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={indicators}
        pagination={{ pageSize: 20, hideOnSinglePage: true, size: 'small' }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={u.noIndicators} /> }}
      />
    </Card>
  );
}
