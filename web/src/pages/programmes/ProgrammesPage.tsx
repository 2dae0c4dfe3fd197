import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  type CatalogueSheet,
  POLICY_STATUSES,
  type PolicyStatus,
  PROGRAMME_STATUSES,
  type ProgrammeStatus,
  type TPolicy,
  type TProgramme,
} from '../../../../common/contracts/programmes';
import { useAuth } from '../../auth/auth-context';
import { QueryError } from '../../components/Feedback';
import { SearchBox } from '../../components/SearchBox';
import { useT } from '../../i18n';
import { formatDate } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { exportUrl, useArchive, usePolicies, useProgrammes } from './api';
import { BudgetDrawer, vnd } from './BudgetLines';
import { PolicyForm } from './PolicyForm';
import { ProgrammeForm } from './ProgrammeForm';

const PAGE_SIZE = 20;
type Tab = 'programmes' | 'policies';

/** The list's filters, kept in the URL so a link shows the same list. */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const set = useCallback(
    (key: string, value: string | undefined) =>
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          if (value) next.set(key, value);
          else next.delete(key);
          if (key !== 'page') next.delete('page');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return {
    tab: (params.get('tab') === 'policies' ? 'policies' : 'programmes') as Tab,
    q: params.get('q') ?? '',
    status: params.get('status') ?? undefined,
    page: Number(params.get('page') ?? 1) || 1,
    set,
  };
}

function ExportButton({ kind }: { kind: CatalogueSheet }) {
  const m = useT().programmes;
  return (
    <Button icon={<DownloadOutlined />} href={exportUrl(kind)} data-testid={`export-${kind}`}>
      {m.export}
    </Button>
  );
}

function ArchiveButton({
  path,
  record,
}: {
  path: 'programmes' | 'support-policies';
  record: TProgramme | TPolicy;
}) {
  const m = useT().programmes;
  const { message } = App.useApp();
  const archive = useArchive();
  return (
    <Button
      size="small"
      loading={archive.isPending}
      onClick={() =>
        archive
          .mutateAsync({ path, id: record.id, version: record.version, archived: !record.archived })
          .then(
            () => void message.success(record.archived ? m.restored : m.archived),
            () => void message.error(m.saveFailed),
          )
      }
    >
      {record.archived ? m.restore : m.archive}
    </Button>
  );
}

const PublicTag = ({ isPublic }: { isPublic: boolean }) => {
  const m = useT().programmes;
  return isPublic ? <Tag color="green">{m.publicTag}</Tag> : <Tag>{m.internalTag}</Tag>;
};

function ProgrammesTab({ manage }: { manage: boolean }) {
  const t = useT();
  const m = t.programmes;
  const f = useFilters();
  const status = PROGRAMME_STATUSES.includes(f.status as ProgrammeStatus)
    ? (f.status as ProgrammeStatus)
    : undefined;
  const list = useProgrammes({ q: f.q || undefined, status, page: f.page, pageSize: PAGE_SIZE });
  const [editing, setEditing] = useState<TProgramme | 'new' | null>(null);
  const [budget, setBudget] = useState<TProgramme | null>(null);
  const commitQ = useCallback((q: string) => f.set('q', q), [f.set]);
  if (list.error) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <SearchBox
          value={f.q}
          onCommit={commitQ}
          placeholder={m.searchProgrammes}
          data-testid="programme-search"
        />
        <Select
          allowClear
          style={{ minWidth: 180 }}
          placeholder={m.status}
          aria-label={m.status}
          value={status}
          onChange={(v) => f.set('status', v)}
          options={PROGRAMME_STATUSES.map((s) => ({ value: s, label: m.programmeStatus[s] }))}
        />
        {manage ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="programme-add"
          >
            {m.addProgramme}
          </Button>
        ) : null}
        <ExportButton kind="programmes" />
      </Space>
      <Table<TProgramme>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        data-testid="programme-table"
        pagination={{
          current: f.page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          onChange: (page) => f.set('page', String(page)),
        }}
        columns={[
          { key: 'code', title: m.code, dataIndex: 'code', width: 120 },
          {
            key: 'name',
            title: m.programmeName,
            render: (_, p) => (
              <Space orientation="vertical" size={0}>
                <span>{p.name}</span>
                {p.legalBasis.number ? (
                  <Typography.Text type="secondary">
                    {m.basedOn(p.legalBasis.number, formatDate(p.legalBasis.date))}
                  </Typography.Text>
                ) : null}
              </Space>
            ),
          },
          {
            key: 'owner',
            title: m.ownerUnit,
            render: (_, p) => p.ownerOrgUnit?.shortName ?? p.ownerOrgUnit?.name ?? m.province,
          },
          {
            key: 'period',
            title: m.period,
            render: (_, p) => (p.fromYear ? `${p.fromYear}–${p.toYear ?? ''}` : '—'),
          },
          { key: 'status', title: m.status, render: (_, p) => m.programmeStatus[p.status] },
          { key: 'allocated', title: m.allocated, align: 'right', render: (_, p) => vnd(p.allocated) },
          { key: 'public', title: m.isPublic, render: (_, p) => <PublicTag isPublic={p.isPublic} /> },
          {
            key: 'actions',
            title: '',
            render: (_, p) => (
              <Space wrap>
                <Button size="small" onClick={() => setBudget(p)} data-testid={`budget-${p.code}`}>
                  {m.budget}
                </Button>
                {manage ? (
                  <>
                    <Button size="small" onClick={() => setEditing(p)}>
                      {t.common.edit}
                    </Button>
                    <ArchiveButton path="programmes" record={p} />
                  </>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {editing ? <ProgrammeForm programme={editing} onClose={() => setEditing(null)} /> : null}
      {budget ? <BudgetDrawer programme={budget} manage={manage} onClose={() => setBudget(null)} /> : null}
    </>
  );
}

function PoliciesTab({ manage }: { manage: boolean }) {
  const t = useT();
  const m = t.programmes;
  const f = useFilters();
  const status = POLICY_STATUSES.includes(f.status as PolicyStatus) ? (f.status as PolicyStatus) : undefined;
  const list = usePolicies({ q: f.q || undefined, status, page: f.page, pageSize: PAGE_SIZE });
  const [editing, setEditing] = useState<TPolicy | 'new' | null>(null);
  const commitQ = useCallback((q: string) => f.set('q', q), [f.set]);
  if (list.error) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <SearchBox
          value={f.q}
          onCommit={commitQ}
          placeholder={m.searchPolicies}
          data-testid="policy-search"
        />
        <Select
          allowClear
          style={{ minWidth: 180 }}
          placeholder={m.status}
          aria-label={m.status}
          value={status}
          onChange={(v) => f.set('status', v)}
          options={POLICY_STATUSES.map((s) => ({ value: s, label: m.policyStatus[s] }))}
        />
        {manage ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="policy-add"
          >
            {m.addPolicy}
          </Button>
        ) : null}
        <ExportButton kind="policies" />
      </Space>
      <Table<TPolicy>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        data-testid="policy-table"
        pagination={{
          current: f.page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          onChange: (page) => f.set('page', String(page)),
        }}
        columns={[
          { key: 'name', title: m.policyName, dataIndex: 'name' },
          { key: 'eligibility', title: m.eligibility, dataIndex: 'eligibility', ellipsis: true },
          { key: 'level', title: m.supportLevel, dataIndex: 'supportLevel', ellipsis: true },
          {
            key: 'deadline',
            title: m.deadline,
            render: (_, p) => (p.deadline ? formatDate(p.deadline) : m.ongoing),
          },
          { key: 'status', title: m.status, render: (_, p) => m.policyStatus[p.status] },
          { key: 'public', title: m.isPublic, render: (_, p) => <PublicTag isPublic={p.isPublic} /> },
          ...(manage
            ? [
                {
                  key: 'actions',
                  title: '',
                  render: (_: unknown, p: TPolicy) => (
                    <Space wrap>
                      <Button size="small" onClick={() => setEditing(p)}>
                        {t.common.edit}
                      </Button>
                      <ArchiveButton path="support-policies" record={p} />
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing ? <PolicyForm policy={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

/** "Chương trình, chính sách": the secretariat's catalogue of programmes and support policies. */
export default function ProgrammesPage() {
  const m = useT().programmes;
  const { can } = useAuth();
  const manage = can('programmes.manage');
  const f = useFilters();
  useDocumentTitle(m.title);
  return (
    <div className="lt-page">
      <div className="lt-page-head">
        <Typography.Title level={4} className="lt-page-title">
          {m.title}
        </Typography.Title>
        <Space wrap>
          <ExportButton kind="budgetLines" />
          {manage ? (
            <Link to="/chuong-trinh/nhap-tu-excel">
              <Button icon={<UploadOutlined />} data-testid="programme-import">
                {m.import}
              </Button>
            </Link>
          ) : null}
        </Space>
      </div>
      <Typography.Paragraph type="secondary">{m.lead}</Typography.Paragraph>
      <Tabs
        activeKey={f.tab}
        onChange={(key) => {
          f.set('q', undefined);
          f.set('status', undefined);
          f.set('tab', key === 'policies' ? 'policies' : undefined);
        }}
        items={[
          {
            key: 'programmes',
            label: m.programmesTab,
            children: f.tab === 'programmes' ? <ProgrammesTab manage={manage} /> : null,
          },
          {
            key: 'policies',
            label: m.policiesTab,
            children: f.tab === 'policies' ? <PoliciesTab manage={manage} /> : null,
          },
        ]}
      />
    </div>
  );
}
