import { ClearOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Col,
  Empty,
  Grid,
  Row,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { TIndicator, TIndicatorListItem } from '../../../../common/contracts/indicators';
import { ATTAINMENTS, REPORTING_FREQUENCIES } from '../../../../common/enums';
import { useIndicators } from '../../api/indicators';
import { useAuth } from '../../auth/auth-context';
import { AttainmentTag } from '../../components/AttainmentTag';
import { QueryError } from '../../components/Feedback';
import { MultiSelectFilter } from '../../components/MultiSelectFilter';
import { type Messages, useLocale, useT } from '../../i18n';
import { useDocumentTitle } from '../../lib/use-document-title';
import {
  CATALOGUE_PAGE_SIZES,
  type CatalogueFilters,
  type IndicatorKind,
  toIndicatorsQuery,
  useCatalogueFilters,
} from './catalogue-filters';
import { IndicatorFormDrawer } from './IndicatorFormDrawer';
import { indicatorName } from './names';
import './indicators.css';
import { SearchBox } from '../../components/SearchBox';

function KindTags({ indicator, t }: { indicator: TIndicator; t: Messages }) {
  return (
    <>
      {indicator.formula ? (
        <Tooltip title={t.indicators.computedHint(indicator.formula)}>
          <Tag color="purple" data-testid="computed-tag">
            {t.indicators.computedTag}
          </Tag>
        </Tooltip>
      ) : null}
      {indicator.archived ? <Tag>{t.indicators.archivedTag}</Tag> : null}
    </>
  );
}

function Filters({
  filters,
  update,
  reset,
}: {
  filters: CatalogueFilters;
  update: (patch: Partial<CatalogueFilters>, options?: { replace?: boolean }) => void;
  reset: () => void;
}) {
  const t = useT();
  const commitSearch = useCallback((q: string) => update({ q }, { replace: true }), [update]);
  return (
    <Row gutter={[8, 8]} className="lt-filters" data-testid="indicator-filters">
      <Col xs={24} md={7}>
        <SearchBox
          value={filters.q}
          onCommit={commitSearch}
          placeholder={t.indicators.search}
          data-testid="indicator-search"
        />
      </Col>
      <Col xs={24} sm={12} md={5}>
        <MultiSelectFilter
          label={t.indicators.frequencyFilter}
          value={filters.frequency}
          onChange={(frequency) => update({ frequency })}
          options={REPORTING_FREQUENCIES.map((f) => ({ value: f, label: t.indicators.frequency[f] }))}
          data-testid="frequency-filter"
        />
      </Col>
      <Col xs={24} sm={12} md={4}>
        <Select<IndicatorKind>
          allowClear
          style={{ width: '100%' }}
          placeholder={t.indicators.kindFilter}
          aria-label={t.indicators.kindFilter}
          value={filters.kind}
          onChange={(kind) => update({ kind: kind ?? undefined })}
          options={(['entered', 'computed'] as const).map((k) => ({
            value: k,
            label: t.indicators.kinds[k],
          }))}
          data-testid="kind-filter"
        />
      </Col>
      <Col xs={24} sm={12} md={5}>
        <MultiSelectFilter
          label={t.indicatorDrill.statusFilter}
          value={filters.attainment}
          onChange={(attainment) => update({ attainment })}
          options={ATTAINMENTS.map((a) => ({ value: a, label: t.indicators.attainment[a] }))}
          data-testid="attainment-filter"
        />
      </Col>
      <Col xs={24} md={3}>
        <Button icon={<ClearOutlined />} onClick={reset} block data-testid="indicator-reset">
          {t.indicators.resetFilters}
        </Button>
      </Col>
    </Row>
  );
}

export default function IndicatorsPage() {
  const t = useT();
  const { lang } = useLocale();
  const navigate = useNavigate();
  const { can } = useAuth();
  const narrow = Grid.useBreakpoint().md !== true;
  const canManage = can('indicators.manage');
  const { filters, update, reset } = useCatalogueFilters();
  const list = useIndicators(toIndicatorsQuery(filters));
  /** null: closed; 'new': creating; an indicator: editing it */
  const [editing, setEditing] = useState<TIndicator | 'new' | null>(null);
  useDocumentTitle(t.indicators.title);

  const open = (indicator: TIndicator) => navigate(`/chi-tieu/${indicator.id}`);
  const editButton = (indicator: TIndicator) => (
    <Button
      size="small"
      icon={<EditOutlined />}
      onClick={() => setEditing(indicator)}
      data-testid="indicator-edit"
      aria-label={`${t.indicators.edit} ${indicator.code}`}
    >
      {t.indicators.edit}
    </Button>
  );

  const statusTag = (i: TIndicatorListItem) =>
    i.attainment ? <AttainmentTag status={i.attainment.status} title={t.indicatorDrill.statusHint} /> : null;
  const year = list.data?.items.find((i) => i.attainment)?.attainment?.year;
  const columns: TableColumnsType<TIndicatorListItem> = narrow
    ? [
        {
          key: 'indicator',
          title: t.indicators.columns.name,
          render: (_, i) => (
            <div>
              <Link to={`/chi-tieu/${i.id}`} className="lt-task-link">
                <span className="lt-code">{i.code}</span> {indicatorName(i, lang)}
              </Link>
              <div className="lt-row-meta">
                <span>{i.unit}</span>
                <span>{t.indicators.frequency[i.frequency]}</span>
                <span>{t.indicators.aggregation[i.aggregation]}</span>
                <KindTags indicator={i} t={t} />
                {statusTag(i)}
              </div>
              {canManage ? <div className="lt-indicator-row-actions">{editButton(i)}</div> : null}
            </div>
          ),
        },
      ]
    : [
        {
          key: 'code',
          title: t.indicators.columns.code,
          width: 190,
          render: (_, i) => <span className="lt-code lt-nowrap">{i.code}</span>,
        },
        {
          key: 'name',
          title: t.indicators.columns.name,
          render: (_, i) => (
            <>
              <Link to={`/chi-tieu/${i.id}`} className="lt-task-link">
                {indicatorName(i, lang)}
              </Link>{' '}
              <KindTags indicator={i} t={t} />
            </>
          ),
        },
        { key: 'unit', title: t.indicators.columns.unit, width: 110, render: (_, i) => i.unit },
        ...(year
          ? [
              {
                key: 'attainment',
                title: t.indicatorDrill.statusColumn(year),
                width: 130,
                render: (_: unknown, i: TIndicatorListItem) => statusTag(i),
              },
            ]
          : []),
        {
          key: 'frequency',
          title: t.indicators.columns.frequency,
          width: 100,
          render: (_, i) => t.indicators.frequency[i.frequency],
        },
        {
          key: 'aggregation',
          title: t.indicators.columns.aggregation,
          width: 150,
          responsive: ['lg'],
          render: (_, i) => t.indicators.aggregation[i.aggregation],
        },
        {
          key: 'responsible',
          title: t.indicators.columns.responsible,
          width: 170,
          responsive: ['xl'],
          render: (_, i) =>
            i.responsibleOrgUnit ? (
              <Tooltip title={i.responsibleOrgUnit.name}>
                <span>{i.responsibleOrgUnit.shortName ?? i.responsibleOrgUnit.name}</span>
              </Tooltip>
            ) : null,
        },
        ...(canManage
          ? [
              {
                key: 'actions',
                title: t.columns.actions,
                width: 90,
                render: (_: unknown, i: TIndicatorListItem) => editButton(i),
              },
            ]
          : []),
      ];

  const total = list.data?.total ?? 0;
  return (
    <div className="lt-page">
      <div className="lt-page-head">
        <Typography.Title level={4} className="lt-page-title">
          {t.indicators.title}
        </Typography.Title>
        <Space>
          <Typography.Text strong className="lt-total" data-testid="indicator-total">
            {list.data ? t.indicators.total(total) : null}
          </Typography.Text>
          {canManage ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="indicator-create"
            >
              {t.indicators.create}
            </Button>
          ) : null}
        </Space>
      </div>
      <Filters filters={filters} update={update} reset={reset} />
      {list.error ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <div data-testid="indicator-table">
        <Table<TIndicatorListItem>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          sticky={{ offsetHeader: 56 }}
          rowClassName="lt-row-clickable"
          onRow={(indicator) => ({
            onClick: (e) => {
              if ((e.target as HTMLElement).closest('a, button')) return;
              open(indicator);
            },
          })}
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
            pageSizeOptions: CATALOGUE_PAGE_SIZES.map(String),
            showTotal: narrow ? undefined : (n, [from, to]) => t.indicators.range(from, to, n),
            simple: narrow,
            size: 'small',
          }}
          locale={{
            emptyText: <Empty description={t.indicators.empty} image={Empty.PRESENTED_IMAGE_SIMPLE} />,
          }}
        />
      </div>
      {canManage ? (
        <IndicatorFormDrawer
          indicator={editing === 'new' ? null : editing}
          open={editing !== null}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </div>
  );
}
