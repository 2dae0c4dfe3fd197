import { Empty, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import type { TChangeSource, TPlanItemChange } from '../../../../common';
import type { ItemStatus, OrgUnitKind, PlanItemKind, Recurrence } from '../../../../common/enums';
import { type Messages, useLocale, useT } from '../../i18n';
import { formatDate, formatDateTime, formatNumber, isIsoDate, isIsoDateTime } from '../../lib/format';
import { periodText } from '../data-entry/periods';

/** Turns an id in a history entry into a name: org units, parent groups. */
export type ResolveRef = (id: string) => string | undefined;

const ACTION_COLOR: Record<TPlanItemChange['action'], string> = {
  create: 'green',
  update: 'blue',
  archive: 'gray',
  restore: 'cyan',
};
const LONG_TEXT = 160;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A field's name as people say it; a field without a label is "other information", never its key. */
function historyFieldLabel(t: Messages, field: string): string {
  return (t.field as Record<string, string>)[field] ?? t.item.otherField;
}

function formatValue(t: Messages, field: string, value: unknown, resolve: ResolveRef): string {
  if (value === null || value === undefined || value === '') return t.common.empty;
  if (Array.isArray(value)) {
    return value.length === 0
      ? t.common.empty
      : value.map((v) => formatValue(t, field, v, resolve)).join(', ');
  }
  if (typeof value === 'boolean') return value ? t.common.yes : t.common.no;
  if (typeof value === 'number')
    return field === 'progress' ? `${formatNumber(value)}%` : formatNumber(value);
  if (typeof value === 'object') {
    const o = value as { shortName?: string | null; name?: string; code?: string; title?: string };
    return o.shortName ?? o.name ?? ([o.code, o.title].filter(Boolean).join(' ') || JSON.stringify(value));
  }
  const s = String(value);
  if (field === 'kind') return t.kind[s as PlanItemKind] ?? s;
  if (field === 'status') return t.status[s as ItemStatus] ?? s;
  if (field === 'recurrence') return t.recurrence[s as Recurrence] ?? s;
  if (field === 'orgUnitKind') return t.orgUnitKind[s as OrgUnitKind] ?? s;
  if (isIsoDate(s)) return formatDate(s);
  if (isIsoDateTime(s)) return formatDateTime(s);
  const name = resolve(s);
  if (name) return name;
  // a unit or item we cannot name (deleted, or out of the reader's sight): never its raw id
  if (UUID.test(s)) return t.item.unknownRef;
  return s.length > LONG_TEXT ? `${s.slice(0, LONG_TEXT)}…` : s;
}

function changedKeys(change: TPlanItemChange): string[] {
  const keys = new Set([...Object.keys(change.before ?? {}), ...Object.keys(change.after ?? {})]);
  return [...keys].filter(
    (k) => JSON.stringify(change.before?.[k] ?? null) !== JSON.stringify(change.after?.[k] ?? null),
  );
}

function ChangeLines({ change, resolve }: { change: TPlanItemChange; resolve: ResolveRef }) {
  const t = useT();
  // A creation lists the initial values only; its "before" is empty.
  if (change.action !== 'update') return null;
  const keys = changedKeys(change);
  if (keys.length === 0) return null;
  return (
    <ul className="lt-change-list">
      {keys.map((k) => (
        <li key={k}>
          <span className="lt-change-field">{historyFieldLabel(t, k)}:</span>{' '}
          <span className="lt-change-before">{formatValue(t, k, change.before?.[k], resolve)}</span>
          {' → '}
          <span className="lt-change-after">{formatValue(t, k, change.after?.[k], resolve)}</span>
        </li>
      ))}
    </ul>
  );
}

/** "theo báo cáo tháng 11/2026 của Phường Trường Vinh", a link to the report. */
function SourceLine({ source }: { source: TChangeSource }) {
  const t = useT();
  const { lang } = useLocale();
  const period = lang === 'vi' ? source.periodLabel : periodText(source.period, lang);
  return (
    <div className="lt-history-source" data-testid="history-source">
      <Link to={`/bao-cao/${source.reportId}`}>{t.item.fromReport(period, source.orgUnitName)}</Link>
    </div>
  );
}

export function HistoryTimeline({ entries, resolve }: { entries: TPlanItemChange[]; resolve: ResolveRef }) {
  const t = useT();
  if (entries.length === 0) {
    return <Empty description={t.item.noHistory} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  }
  // Newest first: the latest change is what people come to check.
  const sorted = [...entries].sort((a, b) =>
    a.changedAt < b.changedAt ? 1 : a.changedAt > b.changedAt ? -1 : b.id - a.id,
  );
  return (
    <Timeline
      data-testid="history"
      items={sorted.map((change) => ({
        key: change.id,
        color: ACTION_COLOR[change.action],
        content: (
          <div className="lt-history-entry" data-action={change.action}>
            <div className="lt-history-head">
              <Typography.Text strong>{t.item.actions[change.action]}</Typography.Text>{' '}
              <Typography.Text type="secondary">
                {t.item.by(change.actor)} · {formatDateTime(change.changedAt)}
              </Typography.Text>
            </div>
            <ChangeLines change={change} resolve={resolve} />
            {change.source ? <SourceLine source={change.source} /> : null}
          </div>
        ),
      }))}
    />
  );
}
