import { ApartmentOutlined, DashboardOutlined, TableOutlined } from '@ant-design/icons';
import {
  Card,
  Col,
  Descriptions,
  Drawer,
  Empty,
  Grid,
  Input,
  Row,
  Tag,
  Tree,
  type TreeDataNode,
  Typography,
} from 'antd';
import { type Key, useDeferredValue, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { OrgUnitKind } from '../../../../common/enums';
import { LIMITS } from '../../../../common/limits';
import { foldForSearch } from '../../../../common/vietnamese';
import { useOrgUnitTree } from '../../api/org-units';
import { useCurrentPlanId } from '../../app/current-plan';
import { PageLoading, QueryError } from '../../components/Feedback';
import { Highlight } from '../../components/Highlight';
import { LinkButton } from '../../components/LinkButton';
import { type Messages, useT } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { buildUnitViews, filterUnits, idsWithChildren, indexUnits, type UnitView } from './unit-tree';

const KIND_COLOR: Record<OrgUnitKind, string> = {
  province: 'geekblue',
  party_body: 'red',
  department: 'blue',
  commune: 'green',
  ward: 'cyan',
  special_zone: 'purple',
  enterprise: 'gold',
  other: 'default',
};
/** Which counts a parent shows, in this order. */
const COUNTED_KINDS: readonly OrgUnitKind[] = ['department', 'commune', 'ward', 'special_zone'];

function toTreeData(views: UnitView[]): TreeDataNode[] {
  return views.map((v) => ({
    key: v.unit.id,
    title: v.unit.name,
    children: v.children.length > 0 ? toTreeData(v.children) : undefined,
    isLeaf: v.children.length === 0,
  }));
}

export default function OrgUnitsPage() {
  const t = useT();
  const tree = useOrgUnitTree();
  const wide = Grid.useBreakpoint().lg === true;
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('unit') ?? undefined;
  const [search, setSearch] = useState('');
  const needle = foldForSearch(useDeferredValue(search).trim());
  const [expanded, setExpanded] = useState<Key[] | null>(null);
  useDocumentTitle(t.orgUnits.title);

  const views = useMemo(() => buildUnitViews(tree.data?.roots ?? []), [tree.data]);
  const byId = useMemo(() => indexUnits(views), [views]);
  const filtered = useMemo(() => filterUnits(views, needle), [views, needle]);
  const treeData = useMemo(() => toTreeData(filtered.views), [filtered.views]);
  const expandedKeys = needle ? idsWithChildren(filtered.views) : (expanded ?? views.map((v) => v.unit.id));
  const selected = selectedId ? byId.get(selectedId) : undefined;

  const select = (id: string | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set('unit', id);
        else next.delete('unit');
        return next;
      },
      { replace: true },
    );

  if (tree.error) return <QueryError error={tree.error} onRetry={() => void tree.refetch()} />;
  if (!tree.data) return <PageLoading />;

  const details = selected ? (
    <UnitDetails
      view={selected}
      parent={selected.parentId ? byId.get(selected.parentId) : undefined}
      onSelect={select}
    />
  ) : (
    <Empty image={<ApartmentOutlined className="lt-empty-icon" />} description={t.orgUnits.selectHint} />
  );

  return (
    <div className="lt-page">
      <Typography.Title level={4} className="lt-page-title">
        {t.orgUnits.title}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" className="lt-unit-tree-card">
            <Input.Search
              allowClear
              placeholder={t.orgUnits.search}
              value={search}
              maxLength={LIMITS.searchLength}
              onChange={(e) => setSearch(e.target.value)}
              data-testid="org-unit-search"
            />
            {needle ? (
              <Typography.Text type="secondary" className="lt-match-count" data-testid="org-unit-matches">
                {filtered.matches > 0 ? t.orgUnits.matches(filtered.matches) : t.orgUnits.noMatch}
              </Typography.Text>
            ) : null}
            <div data-testid="org-unit-tree" className="lt-unit-tree">
              <Tree
                blockNode
                showLine
                treeData={treeData}
                expandedKeys={expandedKeys}
                onExpand={(keys) => setExpanded(keys)}
                selectedKeys={selectedId ? [selectedId] : []}
                onSelect={(keys) => select(keys[0] === undefined ? undefined : String(keys[0]))}
                titleRender={(node) => {
                  const view = byId.get(String(node.key));
                  return view ? <UnitTitle view={view} needle={needle} /> : String(node.title);
                }}
              />
            </div>
          </Card>
        </Col>
        {wide ? (
          <Col lg={10}>
            <Card size="small" title={t.orgUnits.details} className="lt-unit-details-card">
              {details}
            </Card>
          </Col>
        ) : (
          <Drawer
            placement="bottom"
            size="70vh"
            open={Boolean(selected)}
            onClose={() => select(undefined)}
            title={selected?.unit.shortName ?? selected?.unit.name}
          >
            {details}
          </Drawer>
        )}
      </Row>
    </div>
  );
}

function countsText(t: Messages, view: UnitView): string {
  return COUNTED_KINDS.filter((k) => (view.below[k] ?? 0) > 0)
    .map((k) => t.orgUnitKindCount[k](view.below[k]!))
    .join(' · ');
}

function UnitCounts({ view }: { view: UnitView }) {
  const text = countsText(useT(), view);
  return text ? <span className="lt-unit-counts">{text}</span> : null;
}

function UnitTitle({ view, needle }: { view: UnitView; needle: string }) {
  const t = useT();
  const { unit } = view;
  return (
    <span className="lt-unit-title" data-kind={unit.kind}>
      <span className="lt-unit-name">
        <Highlight text={unit.name} needle={needle} />
      </span>
      <Tag color={KIND_COLOR[unit.kind]} className="lt-unit-kind">
        {t.orgUnitKind[unit.kind]}
      </Tag>
      <UnitCounts view={view} />
      {unit.leadCount > 0 ? <span className="lt-unit-counts">{t.orgUnits.leads(unit.leadCount)}</span> : null}
    </span>
  );
}

function UnitDetails({
  view,
  parent,
  onSelect,
}: {
  view: UnitView;
  parent: UnitView | undefined;
  onSelect: (id: string) => void;
}) {
  const t = useT();
  const planId = useCurrentPlanId();
  const { unit } = view;
  return (
    <div data-testid="org-unit-details">
      <Typography.Title level={5} className="lt-unit-details-title">
        {unit.name}
      </Typography.Title>
      <Descriptions
        size="small"
        column={1}
        bordered
        styles={{ label: { width: 170 } }}
        items={[
          { key: 'shortName', label: t.orgUnits.shortName, children: unit.shortName ?? t.common.none },
          { key: 'code', label: t.orgUnits.code, children: <span className="lt-code">{unit.code}</span> },
          {
            key: 'kind',
            label: t.orgUnits.kind,
            children: <Tag color={KIND_COLOR[unit.kind]}>{t.orgUnitKind[unit.kind]}</Tag>,
          },
          {
            key: 'parent',
            label: t.orgUnits.parent,
            children: parent ? (
              <Typography.Link onClick={() => onSelect(parent.unit.id)}>{parent.unit.name}</Typography.Link>
            ) : (
              t.common.none
            ),
          },
          {
            key: 'children',
            label: t.orgUnits.childCount,
            children: (
              <span>
                {formatNumber(view.children.length)}
                {countsText(t, view) ? (
                  <Typography.Text type="secondary"> ({countsText(t, view)})</Typography.Text>
                ) : null}
              </span>
            ),
          },
          { key: 'leadCount', label: t.orgUnits.leadCount, children: formatNumber(unit.leadCount) },
          { key: 'active', label: t.orgUnits.active, children: unit.active ? t.common.yes : t.common.no },
        ]}
      />
      <div className="lt-unit-actions">
        <LinkButton
          to={`/don-vi/${unit.id}`}
          icon={<DashboardOutlined />}
          data-testid="org-unit-overview-link"
        >
          {t.drilldown.unit.open}
        </LinkButton>
      </div>
      {planId ? (
        <div className="lt-unit-actions">
          <LinkButton
            type="primary"
            icon={<TableOutlined />}
            to={`/plans/${planId}/tasks?lead=${unit.id}`}
            data-testid="org-unit-tasks-link"
          >
            {t.orgUnits.viewTasks}
          </LinkButton>
        </div>
      ) : (
        <Link to="/">{t.nav.plan}</Link>
      )}
    </div>
  );
}
