import { FileTextOutlined, LeftOutlined } from '@ant-design/icons';
import { Card, Empty, Grid, Table, type TableColumnsType, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import type { TCompleteness, Timeliness, TReportHistoryItem } from '../../../../common/contracts/rounds';
import { useReportHistory } from '../../api/rounds';
import { PageLoading, QueryError } from '../../components/Feedback';
import { LinkButton } from '../../components/LinkButton';
import { useLocale, useT } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { periodText } from '../data-entry/periods';
import '../rounds/rounds.css';
import './report-history.css';
import { ReportRowMeta, reportColumns, reportRowProps } from '../report/report-rows';

const PAGE_SIZE = 20;

interface Count {
  key: string;
  label: string;
  value: string;
  /** the colour of the round page's on-time / late / overdue / missing line */
  timeliness?: Timeliness;
  zero?: boolean;
  hint?: string;
}

/** Reports on time out of those due, in per cent to one decimal; null when none was due. */
function onTimeRate(c: TCompleteness): number | null {
  return c.expected > 0 ? Math.round((c.onTime / c.expected) * 1000) / 10 : null;
}

/** `/dot-bao-cao/don-vi/:orgUnitId`: one unit's report in every round, on time or not. */
export default function ReportHistoryPage() {
  const t = useT();
  const { lang } = useLocale();
  const { orgUnitId } = useParams();
  const navigate = useNavigate();
  const narrow = Grid.useBreakpoint().md !== true;
  const history = useReportHistory(orgUnitId);
  useDocumentTitle(history.data ? t.reportHistory.heading(history.data.orgUnit.name) : t.reportHistory.title);

  if (history.error && !history.data)
    return <QueryError error={history.error} onRetry={() => void history.refetch()} />;
  if (!history.data) return <PageLoading />;
  const { orgUnit, summary: s, items } = history.data;
  const c = t.rounds.completeness;
  const rate = onTimeRate(s);
  const timelinessCount = (key: keyof TCompleteness, timeliness: Timeliness, label: string): Count => ({
    key,
    label,
    value: formatNumber(s[key]),
    timeliness,
    zero: s[key] === 0,
  });
  const counts: Count[] = [
    { key: 'expected', label: c.expected, value: formatNumber(s.expected) },
    { key: 'submitted', label: c.submitted, value: formatNumber(s.submitted) },
    { key: 'accepted', label: c.accepted, value: formatNumber(s.accepted) },
    {
      key: 'onTimeRate',
      label: t.reportHistory.onTimeRate,
      value: rate === null ? t.common.none : t.reportHistory.percent(rate),
      hint: t.reportHistory.onTimeRateHint,
    },
    timelinessCount('onTime', 'on_time', c.onTime),
    timelinessCount('late', 'late', c.late),
    timelinessCount('overdue', 'overdue', c.overdue),
  ];

  const roundLink = (row: TReportHistoryItem) => (
    <Link to={`/dot-bao-cao/${row.round.id}`} className="lt-task-link lt-round-title">
      {row.round.title}
    </Link>
  );
  const reportLink = (row: TReportHistoryItem) => (
    <Link to={`/bao-cao/${row.reportId}`} className="lt-nowrap" data-testid="history-report-link">
      <FileTextOutlined /> {t.rounds.openReport}
    </Link>
  );

  const columns: TableColumnsType<TReportHistoryItem> = narrow
    ? [
        {
          key: 'round',
          title: t.rounds.columns.round,
          render: (_, row) => (
            <div className="lt-round-cell">
              {roundLink(row)}
              <div className="lt-row-meta">
                <span>{periodText(row.round.period, lang)}</span>
                <span>{t.rounds.due(formatDate(row.dueDate))}</span>
              </div>
              <ReportRowMeta row={row}>{reportLink(row)}</ReportRowMeta>
            </div>
          ),
        },
      ]
    : [
        {
          key: 'round',
          title: t.rounds.columns.round,
          render: (_, row) => (
            <div>
              {roundLink(row)}
              <div className="lt-row-meta">{periodText(row.round.period, lang)}</div>
            </div>
          ),
        },
        {
          key: 'dueDate',
          title: t.rounds.columns.dueDate,
          width: 110,
          render: (_, row) => formatDate(row.dueDate),
        },
        ...reportColumns<TReportHistoryItem>(t),
        { key: 'report', title: t.reportHistory.report, width: 120, render: (_, row) => reportLink(row) },
      ];

  return (
    <div className="lt-page" data-testid="report-history-page">
      <LinkButton to="/dot-bao-cao" type="link" icon={<LeftOutlined />} className="lt-round-back">
        {t.rounds.back}
      </LinkButton>
      <Card size="small" data-testid="history-header">
        <Typography.Title level={4} className="lt-page-title">
          {t.reportHistory.heading(orgUnit.name)}
        </Typography.Title>
        <div className="lt-row-meta lt-round-meta">
          <span>
            {t.orgUnits.code}: {orgUnit.code}
          </span>
          <span>{t.reportHistory.rounds(items.length)}</span>
        </div>
        <div className="lt-round-counts lt-history-counts">
          {counts.map((item) => (
            <div
              key={item.key}
              className={`lt-round-count${item.timeliness ? ` lt-timeliness-${item.timeliness}` : ''}${item.zero ? ' lt-timeliness-zero' : ''}`}
              title={item.hint}
              data-testid={`history-count-${item.key}`}
            >
              <b className="lt-round-count-value">{item.value}</b>
              <span className="lt-round-count-label">{item.label}</span>
            </div>
          ))}
        </div>
      </Card>
      <div data-testid="report-history-items">
        <Table<TReportHistoryItem>
          size="small"
          rowKey="reportId"
          columns={columns}
          dataSource={items}
          sticky={{ offsetHeader: 56 }}
          rowClassName="lt-row-clickable"
          onRow={(row) => reportRowProps(row, navigate, { 'data-report': row.reportId })}
          pagination={{ pageSize: PAGE_SIZE, hideOnSinglePage: true, simple: narrow, size: 'small' }}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.reportHistory.empty} />,
          }}
        />
      </div>
    </div>
  );
}
