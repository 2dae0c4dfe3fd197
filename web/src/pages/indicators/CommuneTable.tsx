import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Grid, Select, Table, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { TBreakdown } from '../../../../common/contracts/analytics';
import type { TIndicator } from '../../../../common/contracts/indicators';
import { periodsBetween } from '../../../../common/periods';
import { compareVietnamese } from '../../../../common/vietnamese';
import { breakdownExportUrl, useBreakdown } from '../../api/analytics';
import { QueryError } from '../../components/Feedback';
import { useLocale, useT } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { periodText } from '../data-entry/periods';

type Row = TBreakdown['rows'][number];

const FIRST = { month: 'M01', quarter: 'Q1', half_year: 'S1', year: '' } as const;
const LAST = { month: 'M12', quarter: 'Q4', half_year: 'S1', year: '' } as const;

/** The year, then the indicator's own periods in it: what a commune's figure can be asked for. */
export function periodsOfYear(indicator: Pick<TIndicator, 'frequency'>, year: number): string[] {
  const own =
    indicator.frequency === 'year'
      ? []
      : periodsBetween(
          indicator.frequency,
          `${year}${FIRST[indicator.frequency]}`,
          `${year}${LAST[indicator.frequency]}`,
        );
  return [String(year), ...own];
}

/** Units with data first (nulls last whichever way), then by value. */
const byValue = (a: Row, b: Row) =>
  a.value === null || b.value === null
    ? (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0)
    : a.value - b.value;

/** Every commune and ward's figure for a period with how much it has reported, sortable and exportable. */
export function CommuneTable({
  indicator: i,
  orgUnitId,
  year,
}: {
  indicator: TIndicator;
  orgUnitId: string;
  year: number;
}) {
  const t = useT();
  const { lang } = useLocale();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const narrow = Grid.useBreakpoint().sm !== true;
  const [period, setPeriod] = useState(String(year));
  const breakdown = useBreakdown(i.code, orgUnitId, period);
  const data = breakdown.data;
  const rows = useMemo(() => data?.rows ?? [], [data]);
  const reporting = rows.filter((r) => r.value !== null).length;

  if (breakdown.error) return <QueryError error={breakdown.error} onRetry={() => void breakdown.refetch()} />;

  const columns: TableColumnsType<Row> = [
    {
      key: 'unit',
      title: t.indicatorDrill.communeColumn,
      sorter: (a, b) => compareVietnamese(a.orgUnit.name, b.orgUnit.name),
      render: (_, r) => r.orgUnit.name,
    },
    {
      key: 'value',
      title: t.indicatorDrill.valueColumn(i.unit),
      align: 'right',
      width: narrow ? 110 : 160,
      sorter: byValue,
      defaultSortOrder: i.direction === 'lower_is_better' ? 'ascend' : 'descend',
      render: (_, r) => (
        <span className="lt-nowrap">
          {r.value === null ? '—' : formatNumber(Math.round(r.value * 100) / 100)}
        </span>
      ),
    },
    {
      key: 'completeness',
      title: t.indicatorDrill.completenessColumn,
      width: narrow ? 90 : 130,
      sorter: (a, b) => (a.reported ?? 0) - (b.reported ?? 0),
      render: (_, r) =>
        r.reported === null
          ? t.indicatorDrill.completenessComputed
          : t.indicatorDrill.completeness(r.reported, data?.expected ?? 0),
    },
  ];

  return (
    <Card size="small" title={t.indicatorDrill.communesTitle} data-testid="indicator-communes">
      <div className="lt-drill-toolbar">
        <label className="lt-entry-label" htmlFor="lt-commune-period">
          {t.indicatorDrill.period}
        </label>
        <Select
          id="lt-commune-period"
          value={period}
          onChange={setPeriod}
          style={{ minWidth: 160 }}
          options={periodsOfYear(i, year).map((p) => ({ value: p, label: periodText(p, lang) }))}
          data-testid="commune-period"
        />
        {data ? (
          <Typography.Text type="secondary" data-testid="commune-count">
            {t.indicatorDrill.reportedCount(reporting, rows.length)}
          </Typography.Text>
        ) : null}
        <Button
          icon={<DownloadOutlined />}
          href={breakdownExportUrl(i.code, orgUnitId, period)}
          download
          data-testid="commune-export"
        >
          {t.indicatorDrill.export}
        </Button>
      </div>
      <Table<Row>
        size="small"
        rowKey={(r) => r.orgUnit.id}
        columns={columns}
        dataSource={rows}
        loading={breakdown.isFetching}
        rowClassName="lt-row-clickable"
        onRow={(r) => ({
          onClick: () => {
            const next = new URLSearchParams(params);
            next.set('orgUnitId', r.orgUnit.id);
            navigate({ search: next.toString() });
          },
        })}
        pagination={{
          pageSize: 10,
          showSizeChanger: false,
          simple: narrow,
          size: 'small',
          hideOnSinglePage: true,
        }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.indicatorDrill.noCommunes} />,
        }}
      />
    </Card>
  );
}
