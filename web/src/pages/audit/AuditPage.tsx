import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import {
  AutoComplete,
  Button,
  DatePicker,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { TAuditEvent, TAuditEventFilters } from '../../../../common/contracts/audit';
import type { Role } from '../../../../common/roles';
import {
  AUDIT_CHECKPOINTS_URL,
  type AuditEventsQuery,
  auditExportUrl,
  useAuditEvents,
} from '../../api/audit';
import { useAuth } from '../../auth/auth-context';
import { Forbidden, QueryError } from '../../components/Feedback';
import { OrgUnitSelect } from '../../components/OrgUnitSelect';
import { type Messages, useT } from '../../i18n';
import { DATE_FORMAT, isIsoDate, parseIsoDate, toIsoDate } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';

const TIME_FORMAT = 'DD/MM/YYYY HH:mm:ss';
const PAGE_SIZES = [20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 50;

/** A few common actions for the picker; any other action can still be typed in. */
const COMMON_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.password_change',
  'plan_item.create',
  'plan_item.update',
  'plan_item.archive',
  'org_unit.update',
  'user.create',
  'user.reset_password',
  'security.denied',
] as const;
const RESOURCE_TYPES = ['plan_item', 'org_unit', 'plan', 'user', 'session'] as const;

const FILTER_KEYS = ['actor', 'orgUnit', 'resourceType', 'resourceId', 'action', 'from', 'to'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** The filters and the page, all in the URL so that a reload or a shared link shows the same events. */
function useAuditSearch() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<TAuditEventFilters>(() => {
    const f: TAuditEventFilters = {};
    for (const key of FILTER_KEYS) {
      const value = params.get(key)?.trim();
      if (!value) continue;
      if ((key === 'from' || key === 'to') && !isIsoDate(value)) continue;
      f[key] = value;
    }
    return f;
  }, [params]);
  const pageNum = Number(params.get('page'));
  const page = Number.isInteger(pageNum) && pageNum >= 1 ? pageNum : 1;
  const sizeNum = Number(params.get('pageSize'));
  const pageSize = (PAGE_SIZES as readonly number[]).includes(sizeNum) ? sizeNum : DEFAULT_PAGE_SIZE;

  /** Change some filters (undefined/empty removes one); the page goes back to 1. */
  const update = useCallback(
    (patch: Partial<Record<FilterKey | 'page' | 'pageSize', string | number | undefined>>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (!('page' in patch)) next.delete('page');
          for (const [key, value] of Object.entries(patch)) {
            if (value === undefined || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          if (next.get('page') === '1') next.delete('page');
          if (next.get('pageSize') === String(DEFAULT_PAGE_SIZE)) next.delete('pageSize');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  const clear = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);
  return { filters, page, pageSize, update, clear, hasFilters: Object.keys(filters).length > 0 };
}

function formatValue(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2) ?? String(value);
}

/** The fields whose values differ between `before` and `after`. */
function changedFields(event: TAuditEvent): { field: string; before: unknown; after: unknown }[] {
  const before = event.before ?? {};
  const after = event.after ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => ({ field: k, before: before[k], after: after[k] }));
}

function AuditDiff({ event, t }: { event: TAuditEvent; t: Messages }) {
  const rows = changedFields(event);
  return (
    <div className="lt-audit-detail" data-testid="audit-diff">
      {rows.length === 0 ? (
        <Typography.Text type="secondary">{t.audit.noChanges}</Typography.Text>
      ) : (
        <dl className="lt-audit-diff">
          {rows.map((r) => (
            <div key={r.field} className="lt-audit-diff-row">
              <dt>{r.field}</dt>
              <dd>
                <pre className="lt-audit-value lt-audit-before" title={t.audit.before}>
                  {formatValue(r.before)}
                </pre>
                <span className="lt-audit-arrow" aria-hidden="true">
                  →
                </span>
                <pre className="lt-audit-value lt-audit-after" title={t.audit.after}>
                  {formatValue(r.after)}
                </pre>
              </dd>
            </div>
          ))}
        </dl>
      )}
      {event.requestId ? (
        <Typography.Text type="secondary" className="lt-audit-request">
          {t.audit.requestId}: {event.requestId}
        </Typography.Text>
      ) : null}
    </div>
  );
}

function ActionFilter({ value, onChange }: { value?: string; onChange: (v: string | undefined) => void }) {
  const t = useT();
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const commit = (v: string) => onChange(v.trim() || undefined);
  return (
    <AutoComplete
      className="lt-audit-filter"
      value={text}
      options={COMMON_ACTIONS.map((a) => ({ value: a, label: `${t.audit.actions[a]} (${a})` }))}
      onChange={(v: string) => {
        setText(v);
        if (!v) commit('');
      }}
      onSelect={(v: string) => commit(v)}
      onBlur={() => commit(text)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit(text);
      }}
      placeholder={t.audit.action}
      allowClear
      maxLength={100}
      aria-label={t.audit.action}
      data-testid="audit-filter-action"
    />
  );
}

export default function AuditPage() {
  const t = useT();
  const { can } = useAuth();
  const allowed = can('audit.read');
  const { filters, page, pageSize, update, clear, hasFilters } = useAuditSearch();
  const query: AuditEventsQuery = { ...filters, page, pageSize };
  const events = useAuditEvents(query, allowed);
  useDocumentTitle(t.audit.title);

  if (!allowed) return <Forbidden />;
  if (events.error && !events.data)
    return <QueryError error={events.error} onRetry={() => void events.refetch()} />;

  const resourceLabel = (type: string) => (t.audit.resourceTypes as Record<string, string>)[type] ?? type;

  const columns: TableColumnsType<TAuditEvent> = [
    {
      key: 'time',
      title: t.audit.time,
      render: (_, e) => <span className="lt-nowrap">{dayjs(e.occurredAt).format(TIME_FORMAT)}</span>,
    },
    {
      key: 'actor',
      title: t.audit.actor,
      render: (_, e) => (
        <div>
          <div>{e.actor.name}</div>
          {e.actor.roles.length > 0 ? (
            <Space size={[0, 4]} wrap>
              {e.actor.roles.map((r) => (
                <Tag key={r}>{t.roles[r as Role] ?? r}</Tag>
              ))}
            </Space>
          ) : null}
        </div>
      ),
    },
    {
      key: 'action',
      title: t.audit.action,
      render: (_, e) => (
        <div>
          <span title={e.action}>{e.actionLabel}</span>
          {e.occurrences !== null && e.occurrences > 1 ? (
            <div>
              <Tag color="orange">{t.audit.occurrences(e.occurrences)}</Tag>
            </div>
          ) : null}
        </div>
      ),
    },
    {
      key: 'resource',
      title: t.audit.resource,
      render: (_, e) => (
        <div>
          <div>{resourceLabel(e.resource.type)}</div>
          {e.resource.id ? (
            <Typography.Text type="secondary" className="lt-audit-id">
              {e.resource.type === 'plan_item' ? (
                <Link to={`/items/${e.resource.id}`}>{e.resource.id}</Link>
              ) : (
                e.resource.id
              )}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    { key: 'ip', title: t.audit.ip, render: (_, e) => e.ip ?? t.common.none },
    {
      key: 'seal',
      title: t.audit.seal,
      render: (_, e) =>
        e.chainSeq !== null ? (
          <Tag color="green" title={`${t.audit.sealedHint} ${t.audit.chainSeq(e.chainSeq)}`}>
            {t.audit.sealed}
          </Tag>
        ) : (
          <Tag>{t.audit.pending}</Tag>
        ),
    },
  ];

  const [fromDay, toDay] = [parseIsoDate(filters.from), parseIsoDate(filters.to)];

  return (
    <div className="lt-page">
      <div className="lt-page-head">
        <Typography.Title level={4} className="lt-page-title">
          {t.audit.title}
        </Typography.Title>
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            href={auditExportUrl(filters)}
            download
            data-testid="audit-export"
          >
            {t.audit.export}
          </Button>
          <Tooltip title={t.audit.checkpointsHint}>
            <Button
              icon={<SafetyCertificateOutlined />}
              href={AUDIT_CHECKPOINTS_URL}
              download
              data-testid="audit-checkpoints"
            >
              {t.audit.checkpoints}
            </Button>
          </Tooltip>
        </Space>
      </div>
      <div className="lt-audit-filters">
        <ActionFilter value={filters.action} onChange={(v) => update({ action: v })} />
        <Select<string>
          className="lt-audit-filter"
          allowClear
          placeholder={t.audit.resourceType}
          aria-label={t.audit.resourceType}
          value={filters.resourceType}
          onChange={(v) => update({ resourceType: v, resourceId: undefined })}
          options={RESOURCE_TYPES.map((r) => ({ value: r, label: t.audit.resourceTypes[r] }))}
          data-testid="audit-filter-resource"
        />
        <OrgUnitSelect
          className="lt-audit-filter"
          placeholder={t.audit.unit}
          aria-label={t.audit.unit}
          value={filters.orgUnit}
          onChange={(v) => update({ orgUnit: typeof v === 'string' ? v : undefined })}
          data-testid="audit-filter-unit"
        />
        <DatePicker.RangePicker
          className="lt-audit-range"
          format={DATE_FORMAT}
          allowEmpty={[true, true]}
          placeholder={[t.audit.from, t.audit.to]}
          value={fromDay || toDay ? [fromDay, toDay] : null}
          onChange={(range) =>
            update({
              from: toIsoDate(range?.[0]) ?? undefined,
              to: toIsoDate(range?.[1]) ?? undefined,
            })
          }
          data-testid="audit-filter-dates"
        />
        {hasFilters ? <Button onClick={clear}>{t.common.reset}</Button> : null}
      </div>
      <Table<TAuditEvent>
        data-testid="audit-table"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={events.data?.items ?? []}
        loading={events.isFetching}
        locale={{ emptyText: t.audit.empty }}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (e) => <AuditDiff event={e} t={t} /> }}
        pagination={{
          current: page,
          pageSize,
          total: events.data?.total ?? 0,
          pageSizeOptions: PAGE_SIZES.map(String),
          showSizeChanger: true,
          showTotal: (n) => t.common.total(n),
          onChange: (p, size) =>
            update(size !== pageSize ? { pageSize: size, page: undefined } : { page: p }),
        }}
      />
    </div>
  );
}
