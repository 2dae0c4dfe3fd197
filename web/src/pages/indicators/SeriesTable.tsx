import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Table, type TableColumnsType } from 'antd';
import type { TPerformance } from '../../../../common/contracts/analytics';
import type { TIndicator } from '../../../../common/contracts/indicators';
import { seriesExportUrl } from '../../api/analytics';
import { useLocale, useT } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { periodText } from '../data-entry/periods';

type Row = TPerformance['series'][number];

/** The indicator's figure period by period (latest first), exportable with targets and forecast. */
export function SeriesTable({
  indicator: i,
  performance: p,
}: {
  indicator: TIndicator;
  performance: TPerformance;
}) {
  const t = useT();
  const { lang } = useLocale();
  const columns: TableColumnsType<Row> = [
    {
      key: 'period',
      title: t.indicatorDrill.periodColumn,
      render: (_, r) => periodText(r.period, lang),
    },
    {
      key: 'value',
      title: t.indicatorDrill.valueColumn(i.unit),
      align: 'right',
      render: (_, r) => (r.value === null ? '—' : formatNumber(Math.round(r.value * 100) / 100)),
    },
  ];
  return (
    <Card
      size="small"
      title={t.indicatorDrill.seriesTitle}
      data-testid="indicator-months"
      extra={
        <Button
          size="small"
          icon={<DownloadOutlined />}
          href={seriesExportUrl(i.code, p.orgUnitId, p.year)}
          download
          data-testid="series-export"
        >
          {t.indicatorDrill.export}
        </Button>
      }
    >
      <Table<Row>
        size="small"
        rowKey="period"
        columns={columns}
        dataSource={[...p.series].reverse()}
        pagination={{ pageSize: 12, showSizeChanger: false, size: 'small', hideOnSinglePage: true }}
      />
    </Card>
  );
}
