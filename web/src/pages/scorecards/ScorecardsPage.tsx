import { DownloadOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, Button, Radio, Select, Space, Table, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router';
import {
  SCORECARD_COMPONENTS,
  SCORECARD_PEER_GROUPS,
  type TScorecardComponent,
  type TScorecardRow,
} from '../../../../common/contracts/scorecards';
import { scorecardsXlsxUrl, useScorecards } from '../../api/scorecards';
import { useAuth } from '../../auth/auth-context';
import { PageLoading, QueryError } from '../../components/Feedback';
import { useT } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { FormulaExplainer, StatusNote } from './FormulaExplainer';
import { periodOptions, periodText, useScorecardFilters } from './filters';
import './scorecards.css';

// the secretariat's screen, loaded only when opened
const ManageScorecards = lazy(() => import('./ManageScorecards'));

/** A component's cell: its value (or "no data") and the counts behind it. */
export function ComponentValue({ component }: { component: TScorecardComponent }) {
  const s = useT().scorecards;
  if (component.value === null) return <span className="lt-scorecard-hint">{s.noData}</span>;
  return (
    <span>
      {formatNumber(component.value)}
      <span className="lt-scorecard-hint"> ({s.counts(component.good, component.total)})</span>
    </span>
  );
}

/** `/bang-diem`: units of one kind ranked for a period, the formula explained, XLSX export. */
export default function ScorecardsPage() {
  const t = useT();
  const s = t.scorecards;
  const { can } = useAuth();
  const { period, kind, update } = useScorecardFilters();
  const list = useScorecards({ period, kind });
  const [managing, setManaging] = useState(false);
  useDocumentTitle(s.title);

  const columns = [
    {
      title: s.rank,
      key: 'rank',
      width: 72,
      align: 'right' as const,
      render: (_: unknown, r: TScorecardRow) => (r.rank === null ? '—' : formatNumber(r.rank)),
    },
    {
      title: s.unit,
      key: 'unit',
      render: (_: unknown, r: TScorecardRow) => (
        <Link to={`/bang-diem/${r.unit.id}?ky=${period}`} data-testid="scorecard-unit-link">
          {r.unit.name}
        </Link>
      ),
    },
    {
      title: s.score,
      key: 'score',
      align: 'right' as const,
      render: (_: unknown, r: TScorecardRow) =>
        r.score === null ? (
          <span className="lt-scorecard-hint">{s.noScore}</span>
        ) : (
          <span className="lt-scorecards-score">{formatNumber(r.score)}</span>
        ),
    },
    ...SCORECARD_COMPONENTS.map((key, i) => ({
      title: s.components[key],
      key,
      align: 'right' as const,
      render: (_: unknown, r: TScorecardRow) => <ComponentValue component={r.components[i]!} />,
    })),
  ];

  return (
    <div className="lt-page lt-scorecards" data-testid="scorecards-page">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {s.title}
        </Typography.Title>
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            href={scorecardsXlsxUrl({ period, kind })}
            download
            data-testid="scorecards-export"
          >
            {s.export}
          </Button>
          {can('scorecards.manage') ? (
            <Button
              icon={<SettingOutlined />}
              onClick={() => setManaging(true)}
              data-testid="scorecards-manage"
            >
              {s.manage.open}
            </Button>
          ) : null}
        </Space>
      </Space>
      <div className="lt-scorecards-filters">
        <Select
          aria-label={s.period}
          value={period}
          style={{ minWidth: 160 }}
          onChange={(value) => update({ period: value })}
          options={periodOptions().map((p) => ({ value: p, label: periodText(t, p) }))}
          data-testid="scorecards-period"
        />
        <Radio.Group
          aria-label={s.kindLabel}
          optionType="button"
          value={kind}
          onChange={(e) => update({ kind: e.target.value })}
          options={SCORECARD_PEER_GROUPS.map((k) => ({ value: k, label: s.kinds[k] }))}
          data-testid="scorecards-kind"
        />
      </div>
      {list.error ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.data ? (
        <PageLoading />
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <StatusNote
            status={list.data.status}
            publication={list.data.publication}
            formulaVersion={list.data.formula.version}
          />
          {list.data.complete ? null : <Alert type="info" showIcon title={s.onlyOwn} />}
          <FormulaExplainer formula={list.data.formula} />
          <Table<TScorecardRow>
            rowKey={(r) => r.unit.id}
            columns={columns}
            dataSource={list.data.items}
            pagination={false}
            size="middle"
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: s.empty }}
            loading={list.isFetching && list.isPlaceholderData}
            data-testid="scorecards-table"
          />
        </Space>
      )}
      {managing ? (
        <Suspense fallback={null}>
          <ManageScorecards period={period} onClose={() => setManaging(false)} />
        </Suspense>
      ) : null}
    </div>
  );
}
