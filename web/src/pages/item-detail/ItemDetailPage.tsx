import {
  EditOutlined,
  InboxOutlined,
  PlusOutlined,
  RollbackOutlined,
  TableOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  type DescriptionsProps,
  Row,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { TPlanItemDetail, TPlanTreeNode, TProblem } from '../../../../common';
import { isApiError } from '../../api/client';
import { useArchiveItem, useItem, useItemHistory } from '../../api/items';
import { useAllOrgUnits } from '../../api/org-units';
import { usePlan, usePlanTree } from '../../api/plans';
import { useRememberPlan } from '../../app/current-plan';
import { useAuth } from '../../auth/auth-context';
import { PageLoading, ProblemAlert, QueryError } from '../../components/Feedback';
import { LinkButton } from '../../components/LinkButton';
import { ProgressBar } from '../../components/ProgressBar';
import { StatusTag, useDeadlineText } from '../../components/StatusTag';
import { useT } from '../../i18n';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { HistoryTimeline } from './HistoryTimeline';
import { TrailSection } from './TrailSection';

function indexTree(nodes: TPlanTreeNode[], acc = new Map<string, string>()) {
  for (const n of nodes) {
    acc.set(n.id, `${n.code} ${n.title}`);
    indexTree(n.children, acc);
  }
  return acc;
}

export default function ItemDetailPage() {
  const { itemId } = useParams<{ itemId: string }>();
  const t = useT();
  const item = useItem(itemId);
  const planId = item.data?.planId;
  const plan = usePlan(planId);
  const history = useItemHistory(itemId);
  const tree = usePlanTree(planId);
  const orgUnits = useAllOrgUnits();
  useRememberPlan(planId);
  useDocumentTitle(item.data ? `${item.data.code} ${item.data.title}` : undefined);

  const treeNames = useMemo(() => indexTree(tree.data?.roots ?? []), [tree.data]);
  const resolve = useCallback(
    (id: string) => {
      const unit = orgUnits.byId.get(id);
      // the history names the units and items it mentions, also those archived since
      return unit ? (unit.shortName ?? unit.name) : (treeNames.get(id) ?? history.data?.names?.[id]);
    },
    [orgUnits.byId, treeNames, history.data],
  );

  if (item.error) return <QueryError error={item.error} onRetry={() => void item.refetch()} />;
  if (!item.data) return <PageLoading />;
  const data = item.data;

  return (
    <div className="lt-page" data-testid="item-detail">
      <Breadcrumb
        className="lt-breadcrumb"
        items={[
          {
            title: plan.data ? (
              <Link to={`/plans/${data.planId}`}>{t.plan.number(plan.data.number)}</Link>
            ) : (
              <Link to={`/plans/${data.planId}`}>{t.nav.plan}</Link>
            ),
          },
          ...data.path.map((p) => ({
            title: (
              <Link to={`/items/${p.id}`} className="lt-crumb" title={`${p.code} ${p.title}`}>
                {p.code} {p.title}
              </Link>
            ),
          })),
          { title: data.code },
        ]}
      />
      <ItemHeader item={data} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card size="small" title={t.item.fields}>
            <ItemFields item={data} />
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small" title={t.item.history}>
            {history.error ? (
              <QueryError error={history.error} onRetry={() => void history.refetch()} />
            ) : history.data ? (
              <HistoryTimeline entries={history.data.items} resolve={resolve} />
            ) : (
              <PageLoading />
            )}
          </Card>
        </Col>
        {data.kind === 'group' ? null : (
          <Col xs={24}>
            <TrailSection itemId={data.id} />
          </Col>
        )}
      </Row>
    </div>
  );
}

function ItemHeader({ item }: { item: TPlanItemDetail }) {
  const t = useT();
  const canManage = useAuth().can('plan_items.manage');
  const { modal, message } = App.useApp();
  const archive = useArchiveItem(item.id);
  const [problem, setProblem] = useState<TProblem | null>(null);
  const deadlineText = useDeadlineText();
  const hint = deadlineText(item.status, item.daysToDeadline);

  const run = async (action: 'archive' | 'restore') => {
    setProblem(null);
    try {
      await archive.mutateAsync({ action, version: item.version });
      void message.success(action === 'archive' ? t.item.archived : t.item.restored);
    } catch (error) {
      if (isApiError(error)) setProblem(error.problem);
      else throw error;
    }
  };

  const confirmArchive = () =>
    modal.confirm({
      title: t.item.archiveConfirmTitle,
      content: t.item.archiveConfirmText,
      okText: t.common.archive,
      cancelText: t.common.cancel,
      okButtonProps: { danger: true },
      onOk: () => run('archive'),
    });

  return (
    <div className="lt-item-head">
      <div className="lt-item-head-main">
        <Typography.Title level={4} className="lt-page-title">
          <span className="lt-code">{item.code}</span> {item.title}
        </Typography.Title>
        <Space size={[6, 6]} wrap>
          {item.kind === 'group' ? null : <StatusTag status={item.status} />}
          {hint ? (
            <Typography.Text
              type={item.status === 'overdue' ? 'danger' : 'secondary'}
              data-testid="deadline-hint"
            >
              {hint}
            </Typography.Text>
          ) : null}
          {item.kind !== 'task' ? <Tag>{t.kind[item.kind]}</Tag> : null}
          {item.archived ? <Tag color="default">{t.common.archived}</Tag> : null}
        </Space>
      </div>
      <Space wrap className="lt-item-actions">
        {item.kind === 'group' ? (
          <>
            <LinkButton to={`/plans/${item.planId}/tasks?group=${item.id}`} icon={<TableOutlined />}>
              {t.item.viewChildren}
            </LinkButton>
            {canManage && !item.archived ? (
              <LinkButton to={`/plans/${item.planId}/items/new?parent=${item.id}`} icon={<PlusOutlined />}>
                {t.item.addChild}
              </LinkButton>
            ) : null}
          </>
        ) : null}
        {canManage ? (
          <>
            {!item.archived ? (
              <LinkButton
                type="primary"
                to={`/items/${item.id}/edit`}
                icon={<EditOutlined />}
                data-testid="edit-button"
              >
                {t.common.edit}
              </LinkButton>
            ) : null}
            {item.archived ? (
              <Button
                icon={<RollbackOutlined />}
                loading={archive.isPending}
                onClick={() => void run('restore')}
                data-testid="restore-button"
              >
                {t.common.restore}
              </Button>
            ) : (
              <Button danger icon={<InboxOutlined />} onClick={confirmArchive} data-testid="archive-button">
                {t.common.archive}
              </Button>
            )}
          </>
        ) : null}
      </Space>
      {item.archived ? (
        <Alert type="info" showIcon title={t.item.archivedBanner} className="lt-wide" />
      ) : null}
      {problem ? (
        <div className="lt-wide">
          <ProblemAlert
            problem={problem}
            conflictHref={(id) => `/items/${id}`}
            onClose={() => setProblem(null)}
          />
        </div>
      ) : null}
    </div>
  );
}

function ItemFields({ item }: { item: TPlanItemDetail }) {
  const t = useT();
  const deadlineText = useDeadlineText();
  const hint = deadlineText(item.status, item.daysToDeadline);
  const unitTitle = (u: { name: string; shortName: string | null }) =>
    u.shortName && u.shortName !== u.name ? `${u.name} (${u.shortName})` : u.name;

  const items: DescriptionsProps['items'] = [
    {
      key: 'status',
      label: t.field.status,
      children:
        item.kind === 'group' ? (
          t.item.childCount(item.childCount)
        ) : (
          <Space size={6} wrap>
            <StatusTag status={item.status} />
            {hint ? <span>{hint}</span> : null}
          </Space>
        ),
    },
    {
      key: 'progress',
      label: t.field.progress,
      children: (
        <ProgressBar percent={item.progress} size="small" status="normal" className="lt-detail-progress" />
      ),
    },
    {
      key: 'lead',
      label: t.field.leadOrgUnitId,
      children: item.lead ? (
        <Link to={`/don-vi/${item.lead.id}`} data-testid="lead-unit-link">
          {unitTitle(item.lead)}
        </Link>
      ) : (
        t.common.none
      ),
    },
    {
      key: 'cooperators',
      label: t.field.cooperatorIds,
      children:
        item.cooperators.length > 0 ? (
          <Space size={[4, 4]} wrap>
            {item.cooperators.map((u) => (
              <Tooltip key={u.id} title={u.name}>
                <Link to={`/don-vi/${u.id}`}>
                  <Tag style={{ marginInlineEnd: 0 }}>{u.shortName ?? u.name}</Tag>
                </Link>
              </Tooltip>
            ))}
          </Space>
        ) : (
          t.common.none
        ),
    },
    { key: 'startDate', label: t.field.startDate, children: formatDate(item.startDate) },
    { key: 'deadline', label: t.field.deadline, children: formatDate(item.deadline) },
    { key: 'recurrence', label: t.field.recurrence, children: t.recurrence[item.recurrence] },
    { key: 'completedOn', label: t.field.completedOn, children: formatDate(item.completedOn) },
    {
      key: 'expectedProduct',
      label: t.field.expectedProduct,
      children: item.expectedProduct ?? t.common.none,
      span: 'filled',
    },
    { key: 'weight', label: t.field.weight, children: formatNumber(item.weight) },
    {
      key: 'updatedAt',
      label: t.item.updatedAt,
      children: `${formatDateTime(item.updatedAt)} · ${t.common.version(item.version)}`,
    },
    {
      key: 'description',
      label: t.field.description,
      span: 'filled',
      children: item.description ? <div className="lt-prewrap">{item.description}</div> : t.common.none,
    },
  ];

  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
      items={items}
      styles={{ label: { width: 150 } }}
      data-testid="item-fields"
    />
  );
}
