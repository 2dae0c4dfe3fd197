import {
  CaretDownOutlined,
  CaretRightOutlined,
  ColumnHeightOutlined,
  DownloadOutlined,
  PlusOutlined,
  SettingOutlined,
  TableOutlined,
  UploadOutlined,
  VerticalAlignMiddleOutlined,
} from '@ant-design/icons';
import { Button, Empty, Grid, Input, Space, Table, type TableColumnsType, Tooltip, Typography } from 'antd';
import { type Key, useDeferredValue, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { foldForSearch } from '../../../../common/vietnamese';
import { annexUrl } from '../../api/plan-import';
import { usePlan, usePlanTree } from '../../api/plans';
import { useRememberPlan } from '../../app/current-plan';
import { useAuth } from '../../auth/auth-context';
import { PageLoading, QueryError } from '../../components/Feedback';
import { LinkButton } from '../../components/LinkButton';
import { PlanHeader } from '../../components/PlanHeader';
import { ProgressBar } from '../../components/ProgressBar';
import { StatusBar, StatusCountsText } from '../../components/StatusSummary';
import { StatusTag } from '../../components/StatusTag';
import { useT } from '../../i18n';
import { formatDate } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { filterRows, groupIds, type TreeRow, toRows } from './tree-rows';

const HEADER_HEIGHT = 56;

export default function PlanTreePage() {
  const { planId } = useParams<{ planId: string }>();
  const t = useT();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const canManage = useAuth().can('plan_items.manage');
  const canSetUp = useAuth().can('plans.manage');
  const plan = usePlan(planId);
  const tree = usePlanTree(planId);
  useRememberPlan(plan.data?.id);
  useDocumentTitle(plan.data ? `${t.plan.number(plan.data.number)} — ${t.nav.plan}` : t.nav.plan);

  const [search, setSearch] = useState('');
  const needle = foldForSearch(useDeferredValue(search).trim());
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null);

  const allRows = useMemo(() => toRows(tree.data?.roots ?? []), [tree.data]);
  const rows = useMemo(() => filterRows(allRows, needle), [allRows, needle]);
  const allGroupIds = useMemo(() => groupIds(rows), [rows]);
  // Default: top-level groups open. While filtering: everything that matched is open.
  const expandedKeys = needle ? allGroupIds : (expanded ?? rows.map((r) => r.id));

  const toggle = (id: string) => {
    if (needle) return;
    setExpanded((prev) => {
      const current = prev ?? rows.map((r) => r.id);
      return current.includes(id) ? current.filter((k) => k !== id) : [...current, id];
    });
  };

  const narrow = screens.md !== true;
  const columns: TableColumnsType<TreeRow> = [
    {
      key: 'title',
      title: t.columns.title,
      render: (_, row) => (
        <TitleCell
          row={row}
          narrow={narrow}
          indent={narrow ? 12 : 20}
          expanded={expandedKeys.includes(row.id)}
          onToggle={() => toggle(row.id)}
        />
      ),
    },
    {
      key: 'lead',
      title: t.columns.lead,
      width: 150,
      responsive: ['md'],
      render: (_, row) =>
        row.lead ? (
          <Tooltip title={row.lead.name}>
            <span>{row.lead.shortName ?? row.lead.name}</span>
          </Tooltip>
        ) : null,
    },
    {
      key: 'deadline',
      title: t.columns.deadline,
      width: 104,
      responsive: ['md'],
      render: (_, row) =>
        row.deadline ? <span className="lt-nowrap">{formatDate(row.deadline)}</span> : null,
    },
    {
      key: 'progress',
      title: t.columns.progress,
      width: 120,
      responsive: ['lg'],
      // Groups carry no progress of their own; their bar in the status column says more.
      render: (_, row) =>
        row.kind === 'group' ? null : <ProgressBar percent={row.progress} size="small" status="normal" />,
    },
    {
      key: 'status',
      title: t.columns.status,
      width: 156,
      responsive: ['md'],
      render: (_, row) =>
        row.kind === 'group' ? <StatusBar counts={row.statusCounts} /> : <StatusTag status={row.status} />,
    },
    {
      key: 'actions',
      title: <span className="lt-sr-only">{t.columns.actions}</span>,
      width: canManage ? 76 : 44,
      responsive: ['md'],
      render: (_, row) =>
        row.kind === 'group' ? <GroupActions planId={planId!} row={row} canManage={canManage} /> : null,
    },
  ];

  if (plan.error || tree.error) {
    return (
      <QueryError
        error={plan.error ?? tree.error}
        onRetry={() => void Promise.all([plan.refetch(), tree.refetch()])}
      />
    );
  }
  if (!plan.data || !tree.data) return <PageLoading />;

  return (
    <div className="lt-page">
      <PlanHeader plan={plan.data} />
      <div className="lt-toolbar">
        <Input.Search
          allowClear
          className="lt-toolbar-search"
          placeholder={t.plan.treeSearch}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          data-testid="tree-search"
        />
        <Space wrap size={8}>
          <Button
            icon={<ColumnHeightOutlined />}
            onClick={() => setExpanded(groupIds(allRows))}
            disabled={!!needle}
            data-testid="expand-all"
          >
            {t.plan.expandAll}
          </Button>
          <Button
            icon={<VerticalAlignMiddleOutlined />}
            onClick={() => setExpanded([])}
            disabled={!!needle}
            data-testid="collapse-all"
          >
            {t.plan.collapseAll}
          </Button>
          <LinkButton
            to={`/plans/${plan.data.id}/tasks`}
            icon={<TableOutlined />}
            aria-label={t.plan.viewTasks}
          >
            {screens.sm ? t.plan.viewTasks : null}
          </LinkButton>
          {canManage ? (
            <LinkButton
              to={`/plans/${plan.data.id}/items/new`}
              icon={<PlusOutlined />}
              aria-label={t.form.createTitle}
              data-testid="create-item-button"
            >
              {screens.sm ? t.form.createTitle : null}
            </LinkButton>
          ) : null}
          <Button
            icon={<DownloadOutlined />}
            href={annexUrl(plan.data.id)}
            aria-label={t.planImport.export}
            data-testid="annex-export"
          >
            {screens.sm ? t.planImport.export : null}
          </Button>
          {canSetUp ? (
            <LinkButton
              to={`/plans/nhap-tu-excel?planId=${plan.data.id}`}
              icon={<UploadOutlined />}
              aria-label={t.planImport.nav}
              data-testid="annex-import-link"
            >
              {screens.sm ? t.planImport.nav : null}
            </LinkButton>
          ) : null}
          {canSetUp ? (
            <LinkButton
              to={`/plans/${plan.data.id}/cai-dat`}
              icon={<SettingOutlined />}
              aria-label={t.planSettings.nav}
              data-testid="plan-settings-link"
            >
              {screens.sm ? t.planSettings.nav : null}
            </LinkButton>
          ) : null}
        </Space>
      </div>
      <div data-testid="plan-tree" className="lt-plan-tree">
        <Table<TreeRow>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={rows}
          pagination={false}
          sticky={{ offsetHeader: HEADER_HEIGHT }}
          indentSize={0}
          rowClassName={(row) => `lt-row-${row.kind} lt-depth-${Math.min(row.depth, 3)}`}
          // The title cell draws its own indent and toggle, so long titles wrap beside them.
          expandable={{ expandedRowKeys: expandedKeys, expandIcon: () => null }}
          onRow={(row) => ({
            onClick: (e) => {
              if ((e.target as HTMLElement).closest('a, button')) return;
              if (row.kind === 'group') toggle(row.id);
              else navigate(`/items/${row.id}`);
            },
          })}
          locale={{ emptyText: <Empty description={t.plan.noMatch} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        />
      </div>
    </div>
  );
}

interface TitleCellProps {
  row: TreeRow;
  narrow: boolean;
  indent: number;
  expanded: boolean;
  onToggle: () => void;
}

function TitleCell({ row, narrow, indent, expanded, onToggle }: TitleCellProps) {
  const t = useT();
  const toggle = row.children ? (
    <button
      type="button"
      className="lt-tree-toggle"
      aria-expanded={expanded}
      aria-label={expanded ? t.plan.collapseAll : t.plan.expandAll}
      onClick={onToggle}
    >
      {expanded ? <CaretDownOutlined /> : <CaretRightOutlined />}
    </button>
  ) : (
    <span className="lt-tree-toggle" />
  );
  return (
    <div className="lt-tree-cell" style={{ paddingLeft: row.depth * indent }}>
      {toggle}
      {row.kind === 'group' ? (
        <div className="lt-tree-title">
          <Typography.Text strong>
            <span className="lt-code">{row.code}</span> {row.title}
          </Typography.Text>
          <div>
            <StatusCountsText counts={row.statusCounts} total={row.taskCount} />
          </div>
          {narrow ? <StatusBar counts={row.statusCounts} height={5} /> : null}
        </div>
      ) : (
        <div className="lt-tree-title">
          <Link to={`/items/${row.id}`} className="lt-task-link">
            <span className="lt-code">{row.code}</span> {row.title}
          </Link>
          {row.kind === 'milestone' ? <span className="lt-kind-badge">{t.kind.milestone}</span> : null}
          {narrow ? (
            <div className="lt-row-meta">
              <StatusTag status={row.status} />
              {row.deadline ? <span>{formatDate(row.deadline)}</span> : null}
              {row.lead ? <span>{row.lead.shortName ?? row.lead.name}</span> : null}
            </div>
          ) : null}
        </div>
      )}
    </div>
  );
}

function GroupActions({ planId, row, canManage }: { planId: string; row: TreeRow; canManage: boolean }) {
  const t = useT();
  return (
    <Space size={0}>
      <Tooltip title={t.plan.filterGroup}>
        <LinkButton
          to={`/plans/${planId}/tasks?group=${row.id}`}
          aria-label={t.plan.filterGroup}
          type="text"
          size="small"
          icon={<TableOutlined />}
        />
      </Tooltip>
      {canManage ? (
        <Tooltip title={t.plan.addChild}>
          <LinkButton
            to={`/plans/${planId}/items/new?parent=${row.id}`}
            aria-label={t.plan.addChild}
            type="text"
            size="small"
            icon={<PlusOutlined />}
          />
        </Tooltip>
      ) : null}
    </Space>
  );
}
