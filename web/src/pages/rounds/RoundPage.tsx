import {
  ClearOutlined,
  DownloadOutlined,
  HistoryOutlined,
  LeftOutlined,
  ReadOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Grid,
  Row,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useCallback } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { TRoundReport } from '../../../../common/contracts/rounds';
import { REPORT_STATUSES, TIMELINESS } from '../../../../common/enums';
import { roundReportsExportUrl, useRound, useRoundReports } from '../../api/rounds';
import { useAuth } from '../../auth/auth-context';
import { PageLoading, QueryError } from '../../components/Feedback';
import { LinkButton } from '../../components/LinkButton';
import { MultiSelectFilter } from '../../components/MultiSelectFilter';
import { useLocale, useT } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { periodText } from '../data-entry/periods';
import { RoundDocumentsButton } from '../documents/RoundDocumentsButton';
import { ReportRowMeta, reportColumns, reportRowProps } from '../report/report-rows';
import { CompletenessBar, TimelinessCounts } from './Completeness';
import { RoundActionButton } from './RoundActionButton';
import { ROUND_PAGE_SIZES, toRoundReportFilters, useRoundReportFilters } from './round-filters';
import './rounds.css';
import { SearchBox } from '../../components/SearchBox';

/** `/dot-bao-cao/:id`: each unit's report in the round, filterable, and the table as XLSX. */
export default function RoundPage() {
  const t = useT();
  const { lang } = useLocale();
  const { id } = useParams();
  const navigate = useNavigate();
  const narrow = Grid.useBreakpoint().md !== true;
  const { can } = useAuth();
  const round = useRound(id);
  const { filters, update, reset } = useRoundReportFilters();
  const reports = useRoundReports(id, {
    ...toRoundReportFilters(filters),
    page: filters.page,
    pageSize: filters.pageSize,
  });
  const commitSearch = useCallback((q: string) => update({ q }, { replace: true }), [update]);
  useDocumentTitle(round.data?.title ?? t.rounds.title);

  if (round.error && !round.data)
    return <QueryError error={round.error} onRetry={() => void round.refetch()} />;
  if (!round.data) return <PageLoading />;
  const r = round.data;
  const c = r.completeness;
  const counts: { key: keyof typeof c; label: string }[] = [
    { key: 'expected', label: t.rounds.completeness.expected },
    { key: 'submitted', label: t.rounds.completeness.submitted },
    { key: 'approved', label: t.rounds.completeness.approved },
    { key: 'accepted', label: t.rounds.completeness.accepted },
    { key: 'returned', label: t.rounds.completeness.returned },
  ];

  const unitLink = (row: TRoundReport) => (
    <>
      <Link to={`/bao-cao/${row.reportId}`} className="lt-task-link" data-testid="round-report-link">
        {row.orgUnit.name}
      </Link>{' '}
      <LinkButton
        to={`/dot-bao-cao/don-vi/${row.orgUnit.id}`}
        type="text"
        size="small"
        icon={<HistoryOutlined />}
        aria-label={t.reportHistory.heading(row.orgUnit.name)}
        title={t.reportHistory.title}
        data-testid="round-unit-history"
      />
    </>
  );

  const columns: TableColumnsType<TRoundReport> = narrow
    ? [
        {
          key: 'unit',
          title: t.rounds.columns.unit,
          render: (_, row) => (
            <div>
              {unitLink(row)}
              <ReportRowMeta row={row} />
            </div>
          ),
        },
      ]
    : [
        { key: 'unit', title: t.rounds.columns.unit, render: (_, row) => unitLink(row) },
        ...reportColumns<TRoundReport>(t),
        {
          key: 'items',
          title: t.rounds.columns.items,
          width: 90,
          align: 'right',
          responsive: ['lg'],
          render: (_, row) => formatNumber(row.itemCount),
        },
      ];

  const total = reports.data?.total ?? 0;
  const exportHref = roundReportsExportUrl(r.id, toRoundReportFilters(filters));
  return (
    <div className="lt-page" data-testid="round-page">
      <LinkButton to="/dot-bao-cao" type="link" icon={<LeftOutlined />} className="lt-round-back">
        {t.rounds.back}
      </LinkButton>
      <Card size="small" data-testid="round-header" data-status={r.status}>
        <div className="lt-round-title-row">
          <Typography.Title level={4} className="lt-page-title">
            {r.title}
          </Typography.Title>
          {r.actions.map((action) => (
            <RoundActionButton key={action} round={r} action={action} />
          ))}
          <RoundDocumentsButton roundId={r.id} />
          {can('synthesis.manage') ? (
            <LinkButton
              to={`/dot-bao-cao/${r.id}/tong-hop`}
              icon={<ReadOutlined />}
              data-testid="round-synthesis"
            >
              {t.synthesis.roundButton}
            </LinkButton>
          ) : null}
        </div>
        <div className="lt-row-meta lt-round-meta">
          <span>{periodText(r.period, lang)}</span>
          <span>
            {t.rounds.due(formatDate(r.dueDate))} · {t.rounds.grace(r.graceDays)}
          </span>
          <Tag color={r.status === 'open' ? 'processing' : 'default'}>{t.rounds.status[r.status]}</Tag>
        </div>
        <div className="lt-round-counts">
          {counts.map((item) => (
            <div key={item.key} className="lt-round-count" data-testid={`round-count-${item.key}`}>
              <span className="lt-round-count-value">{formatNumber(c[item.key])}</span>
              <span className="lt-round-count-label">{item.label}</span>
            </div>
          ))}
        </div>
        <CompletenessBar completeness={c} height={12} />
        <TimelinessCounts completeness={c} />
        {r.status === 'closed' ? (
          <Alert
            type="info"
            showIcon
            className="lt-round-closed"
            title={t.rounds.closedNotice}
            data-testid="round-closed"
          />
        ) : null}
      </Card>
      <Row gutter={[8, 8]} className="lt-filters" data-testid="round-filters">
        <Col xs={24} md={8}>
          <SearchBox
            value={filters.q}
            onCommit={commitSearch}
            placeholder={t.rounds.search}
            data-testid="round-search"
          />
        </Col>
        <Col xs={24} sm={12} md={5}>
          <MultiSelectFilter
            label={t.rounds.statusFilter}
            value={filters.status}
            onChange={(status) => update({ status })}
            options={REPORT_STATUSES.map((s) => ({ value: s, label: t.reports.status[s] }))}
            data-testid="round-status-filter"
          />
        </Col>
        <Col xs={24} sm={12} md={5}>
          <MultiSelectFilter
            label={t.rounds.timelinessFilter}
            value={filters.timeliness}
            onChange={(value) => update({ timeliness: value })}
            options={TIMELINESS.map((s) => ({ value: s, label: t.rounds.timelinessOption[s] }))}
            data-testid="round-timeliness-filter"
          />
        </Col>
        <Col xs={12} md={3}>
          <Button icon={<ClearOutlined />} onClick={reset} block>
            {t.rounds.resetFilters}
          </Button>
        </Col>
        <Col xs={12} md={3}>
          <Button icon={<DownloadOutlined />} href={exportHref} download block data-testid="round-export">
            {t.rounds.export}
          </Button>
        </Col>
      </Row>
      {reports.error ? <QueryError error={reports.error} onRetry={() => void reports.refetch()} /> : null}
      <div data-testid="round-reports">
        <Typography.Text strong className="lt-total" data-testid="round-report-total">
          {reports.data ? t.rounds.units(total) : null}
        </Typography.Text>
        <Table<TRoundReport>
          size="small"
          rowKey="reportId"
          columns={columns}
          dataSource={reports.data?.items ?? []}
          loading={reports.isFetching}
          sticky={{ offsetHeader: 56 }}
          rowClassName="lt-row-clickable"
          onRow={(row) => reportRowProps(row, navigate, { 'data-unit': row.orgUnit.code })}
          onChange={(pagination, _f, _s, extra) => {
            if (extra.action === 'paginate') {
              update({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? filters.pageSize });
            }
          }}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total,
            showSizeChanger: !narrow,
            pageSizeOptions: ROUND_PAGE_SIZES.map(String),
            showTotal: narrow ? undefined : (n, [from, to]) => t.rounds.range(from, to, n),
            simple: narrow,
            size: 'small',
          }}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.rounds.reportsEmpty} />,
          }}
        />
      </div>
    </div>
  );
}
