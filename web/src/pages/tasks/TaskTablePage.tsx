import { Empty, Grid, Table, type TableColumnsType, type TableProps, Tooltip, Typography } from 'antd';
import type { SortOrder as AntSortOrder } from 'antd/es/table/interface';
import { Link, useNavigate, useParams } from 'react-router';
import type { TPlanItem } from '../../../../common';
import { usePlanItems } from '../../api/items';
import { usePlan, usePlanTree } from '../../api/plans';
import { useRememberPlan } from '../../app/current-plan';
import { QueryError } from '../../components/Feedback';
import { ProgressBar } from '../../components/ProgressBar';
import { StatusTag, useDeadlineText } from '../../components/StatusTag';
import { useT } from '../../i18n';
import { formatDate } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { TaskFiltersBar } from './TaskFiltersBar';
import { ITEM_SORT_KEYS, type ItemSort, PAGE_SIZES, toItemsQuery, useTaskFilters } from './task-filters';

function isSortKey(key: unknown): key is ItemSort {
  return typeof key === 'string' && (ITEM_SORT_KEYS as readonly string[]).includes(key);
}

export default function TaskTablePage() {
  const { planId } = useParams<{ planId: string }>();
  const t = useT();
  const navigate = useNavigate();
  const narrow = Grid.useBreakpoint().md !== true;
  const { filters, update, reset } = useTaskFilters();
  const plan = usePlan(planId);
  const tree = usePlanTree(planId);
  const items = usePlanItems(planId, toItemsQuery(filters));
  const deadlineText = useDeadlineText();
  useRememberPlan(plan.data?.id);
  useDocumentTitle(plan.data ? `${t.tasks.title} — ${t.plan.number(plan.data.number)}` : t.tasks.title);

  const sortOrder = (key: ItemSort): AntSortOrder =>
    filters.sort === key ? (filters.order === 'asc' ? 'ascend' : 'descend') : null;
  const sortable = (key: ItemSort) => ({
    key,
    sorter: true,
    sortOrder: sortOrder(key),
    sortDirections: ['ascend', 'descend'] as AntSortOrder[],
  });

  const columns: TableColumnsType<TPlanItem> = narrow
    ? [
        {
          ...sortable('title'),
          sorter: false,
          title: t.columns.title,
          render: (_, item) => (
            <div>
              <Link to={`/items/${item.id}`} className="lt-task-link">
                <span className="lt-code">{item.code}</span> {item.title}
              </Link>
              {item.kind === 'milestone' ? <span className="lt-kind-badge">{t.tasks.milestone}</span> : null}
              <div className="lt-row-meta">
                <StatusTag status={item.status} />
                {item.deadline ? <span>{formatDate(item.deadline)}</span> : null}
                {item.lead ? <span>{item.lead.shortName ?? item.lead.name}</span> : null}
                <span>{item.progress}%</span>
              </div>
            </div>
          ),
        },
      ]
    : [
        {
          ...sortable('code'),
          title: t.columns.code,
          width: 96,
          render: (_, item) => <span className="lt-code lt-nowrap">{item.code}</span>,
        },
        {
          ...sortable('title'),
          title: t.columns.title,
          render: (_, item) => (
            <>
              <Link to={`/items/${item.id}`} className="lt-task-link">
                {item.title}
              </Link>
              {item.kind === 'milestone' ? <span className="lt-kind-badge">{t.tasks.milestone}</span> : null}
            </>
          ),
        },
        {
          ...sortable('lead'),
          title: t.columns.lead,
          width: 160,
          render: (_, item) =>
            item.lead ? (
              <Tooltip title={item.lead.name}>
                <span>{item.lead.shortName ?? item.lead.name}</span>
              </Tooltip>
            ) : null,
        },
        {
          ...sortable('deadline'),
          title: t.columns.deadline,
          width: 124,
          render: (_, item) => {
            const hint = deadlineText(item.status, item.daysToDeadline);
            return (
              <div className="lt-nowrap">
                {formatDate(item.deadline)}
                {hint ? (
                  <div className={item.status === 'overdue' ? 'lt-hint lt-hint-danger' : 'lt-hint'}>
                    {hint}
                  </div>
                ) : null}
              </div>
            );
          },
        },
        {
          ...sortable('progress'),
          title: t.columns.progress,
          width: 120,
          responsive: ['lg'],
          render: (_, item) => <ProgressBar percent={item.progress} size="small" status="normal" />,
        },
        {
          ...sortable('status'),
          title: t.columns.status,
          width: 160,
          render: (_, item) => <StatusTag status={item.status} />,
        },
      ];

  const onChange: TableProps<TPlanItem>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const key = s?.columnKey;
      if (s?.order && isSortKey(key)) update({ sort: key, order: s.order === 'ascend' ? 'asc' : 'desc' });
      else update({ sort: 'code', order: 'asc' });
      return;
    }
    if (extra.action === 'paginate') {
      update({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? filters.pageSize });
    }
  };

  if (plan.error) return <QueryError error={plan.error} onRetry={() => void plan.refetch()} />;
  const total = items.data?.total ?? 0;

  return (
    <div className="lt-page">
      <div className="lt-page-head">
        <div>
          <Typography.Title level={4} className="lt-page-title">
            {t.tasks.title}
          </Typography.Title>
          {plan.data ? (
            <Link to={`/plans/${plan.data.id}`} className="lt-page-subtitle">
              {t.plan.number(plan.data.number)} — {plan.data.title}
            </Link>
          ) : null}
        </div>
        <Typography.Text strong data-testid="task-total" className="lt-total">
          {items.data ? t.tasks.total(total) : null}
        </Typography.Text>
      </div>
      <TaskFiltersBar
        filters={filters}
        update={update}
        reset={reset}
        groups={tree.data?.roots ?? []}
        narrow={narrow}
      />
      {items.error ? <QueryError error={items.error} onRetry={() => void items.refetch()} /> : null}
      <div data-testid="task-table">
        <Table<TPlanItem>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={items.data?.items ?? []}
          loading={items.isFetching}
          onChange={onChange}
          sticky={{ offsetHeader: 56 }}
          onRow={(item) => ({
            onClick: (e) => {
              if ((e.target as HTMLElement).closest('a, button')) return;
              navigate(`/items/${item.id}`);
            },
          })}
          rowClassName="lt-row-clickable"
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total,
            showSizeChanger: !narrow,
            pageSizeOptions: PAGE_SIZES.map(String),
            showTotal: narrow ? undefined : (n, [from, to]) => t.tasks.range(from, to, n),
            simple: narrow,
            size: 'small',
          }}
          locale={{ emptyText: <Empty description={t.tasks.empty} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        />
      </div>
    </div>
  );
}
