import { ArrowLeftOutlined, EditOutlined, FormOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Grid,
  Spin,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { TAnalyticsResult } from '../../../../common/contracts/analytics';
import type { TIndicator } from '../../../../common/contracts/indicators';
import { periodYear } from '../../../../common/periods';
import { useAnalytics, usePerformance } from '../../api/analytics';
import { ApiError } from '../../api/client';
import { useIndicator } from '../../api/indicators';
import { useAllOrgUnits } from '../../api/org-units';
import { useAuth } from '../../auth/auth-context';
import { AttainmentTag } from '../../components/AttainmentTag';
import { QueryError } from '../../components/Feedback';
import { LinkButton } from '../../components/LinkButton';
import { OrgUnitSelect } from '../../components/OrgUnitSelect';
import { useLocale, useT } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { defaultPeriod, periodText, shortPeriodText } from '../data-entry/periods';
import { simpleAttainment, targetAppliesToUnit } from './attainment';
import { CommuneTable } from './CommuneTable';
import { ForecastPanel } from './ForecastPanel';
import { IndicatorFormDrawer } from './IndicatorFormDrawer';
import { indicatorName } from './names';
import { SeriesTable } from './SeriesTable';
import { chartDataOf } from './series';
import { TrendChart } from './TrendChart';

const COMMUNE_LEVEL_KINDS: readonly string[] = ['commune', 'ward', 'special_zone'];

import './indicators.css';

const fmt = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : formatNumber(Math.round(value * 100) / 100);

/** The unit shown first: the province for those who see all of it, else the user's own unit. */
function useDefaultUnit(): string | undefined {
  const { me } = useAuth();
  const { units } = useAllOrgUnits();
  const root = units.find((u) => u.parentId === null);
  const assigned = me?.assignments ?? [];
  if (root && assigned.some((a) => a.orgUnit.id === root.id)) return root.id;
  return assigned[0]?.orgUnit.id ?? root?.id;
}

function isNoAccess(error: unknown) {
  return error instanceof ApiError && (error.status === 404 || error.status === 403);
}

export default function IndicatorPage() {
  const { id } = useParams<{ id: string }>();
  const t = useT();
  const { can } = useAuth();
  const indicator = useIndicator(id);
  const [params, setParams] = useSearchParams();
  const fallbackUnit = useDefaultUnit();
  const orgUnitId = params.get('orgUnitId') ?? fallbackUnit;
  const [editing, setEditing] = useState(false);
  useDocumentTitle(indicator.data ? `${indicator.data.code} — ${t.indicators.title}` : t.indicators.title);

  if (indicator.error) return <QueryError error={indicator.error} onRetry={() => void indicator.refetch()} />;
  if (!indicator.data) return <Spin className="lt-indicator-loading" />;
  const i = indicator.data;
  const canEnter = can('data_values.enter') && !i.formula;

  return (
    <div className="lt-page" data-testid="indicator-page">
      <Link to="/chi-tieu" className="lt-indicator-back">
        <ArrowLeftOutlined /> {t.indicators.back}
      </Link>
      <IndicatorHeader
        indicator={i}
        onEdit={can('indicators.manage') ? () => setEditing(true) : undefined}
        entryHref={
          canEnter && orgUnitId
            ? `/nhap-so-lieu?orgUnitId=${orgUnitId}&period=${defaultPeriod(i.frequency)}`
            : undefined
        }
      />
      <div className="lt-indicator-unit">
        <label className="lt-entry-label" htmlFor="lt-indicator-unit">
          {t.indicators.orgUnit}
        </label>
        <OrgUnitSelect
          id="lt-indicator-unit"
          allowClear={false}
          value={orgUnitId}
          onChange={(value) => {
            if (typeof value === 'string') setParams({ orgUnitId: value }, { replace: true });
          }}
          style={{ width: '100%', maxWidth: 420 }}
          data-testid="indicator-unit"
        />
      </div>
      {orgUnitId ? <IndicatorFigures indicator={i} orgUnitId={orgUnitId} /> : null}
      {can('indicators.manage') ? (
        <IndicatorFormDrawer indicator={i} open={editing} onClose={() => setEditing(false)} />
      ) : null}
    </div>
  );
}

function IndicatorHeader({
  indicator: i,
  onEdit,
  entryHref,
}: {
  indicator: TIndicator;
  onEdit?: () => void;
  entryHref?: string;
}) {
  const t = useT();
  const { lang } = useLocale();
  const targets = Object.entries(i.targets).sort(([a], [b]) => Number(a) - Number(b));
  return (
    <div className="lt-indicator-header" data-testid="indicator-header">
      <div className="lt-page-head">
        <div>
          <div className="lt-indicator-code">
            <span className="lt-code">{i.code}</span>
            {i.formula ? <Tag color="purple">{t.indicators.computedTag}</Tag> : null}
            <Tag>{t.indicators.frequency[i.frequency]}</Tag>
          </div>
          <Typography.Title level={4} className="lt-page-title">
            {indicatorName(i, lang)}
          </Typography.Title>
        </div>
        <div className="lt-indicator-actions">
          {entryHref ? (
            <LinkButton to={entryHref} icon={<FormOutlined />} data-testid="indicator-enter">
              {t.indicators.enterValues}
            </LinkButton>
          ) : null}
          {onEdit ? (
            <Button icon={<EditOutlined />} onClick={onEdit} data-testid="indicator-edit">
              {t.indicators.edit}
            </Button>
          ) : null}
        </div>
      </div>
      {i.definition ? (
        <Typography.Paragraph className="lt-indicator-definition">{i.definition}</Typography.Paragraph>
      ) : null}
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} bordered>
        <Descriptions.Item label={t.indicators.unit}>{i.unit}</Descriptions.Item>
        <Descriptions.Item label={t.indicators.fields.direction}>
          {t.indicators.direction[i.direction]}
        </Descriptions.Item>
        <Descriptions.Item label={t.indicators.fields.aggregation}>
          {t.indicators.aggregation[i.aggregation]}
          {i.weightIndicator ? ` (${i.weightIndicator.code})` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t.indicators.responsible}>
          {i.responsibleOrgUnit?.name ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t.indicators.baseline}>
          {i.baseline ? t.indicators.baselineValue(i.baseline.year, fmt(i.baseline.value)) : '—'}
        </Descriptions.Item>
        {i.formula ? (
          <Descriptions.Item label={t.indicators.formula}>
            <code>{i.formula}</code>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <div className="lt-indicator-targets" data-testid="indicator-targets">
        <span className="lt-entry-label">{t.indicators.targets}</span>
        {targets.length ? (
          <div className="lt-indicator-target-list">
            {targets.map(([year, value]) => (
              <span key={year} className="lt-indicator-target">
                <span className="lt-indicator-target-year">{year}</span>
                <strong>{fmt(value)}</strong>
              </span>
            ))}
          </div>
        ) : (
          <Typography.Text type="secondary">{t.indicators.noTargets}</Typography.Text>
        )}
      </div>
    </div>
  );
}

/** The trend chart and the breakdown by child unit, for one unit. */
function IndicatorFigures({ indicator: i, orgUnitId }: { indicator: TIndicator; orgUnitId: string }) {
  const t = useT();
  const { lang } = useLocale();
  const { byId } = useAllOrgUnits();
  // the year being collected (its last weeks collect data for the next year's first period)
  const year = periodYear(defaultPeriod(i.frequency));
  const isRoot = byId.get(orgUnitId)?.parentId === null;
  const performance = usePerformance(i.code, orgUnitId, year);
  // communes and wards enter it (or it is computed from what they enter): list them all
  const byCommune =
    i.reportedBy.length === 0 || i.reportedBy.some((kind) => COMMUNE_LEVEL_KINDS.includes(kind));
  const breakdown = useAnalytics({
    indicators: [i.code],
    orgUnitId,
    periodType: 'year',
    from: String(year),
    to: String(year),
    by: 'children',
  });

  if (isNoAccess(performance.error)) {
    return (
      <Alert type="warning" showIcon title={t.indicators.notFoundUnit} data-testid="indicator-no-access" />
    );
  }
  if (performance.error) {
    return <QueryError error={performance.error} onRetry={() => void performance.refetch()} />;
  }

  const p = performance.data;
  const data = p ? chartDataOf(i, p, isRoot) : null;
  const applies = targetAppliesToUnit(i, isRoot);
  const { actual, target, status, rule } = p?.attainment ?? {
    actual: null,
    target: null,
    status: null,
    rule: '',
  };

  return (
    <>
      <Card size="small" title={t.indicators.trend} data-testid="indicator-trend">
        {p && data ? (
          <>
            <div className="lt-indicator-year" data-testid="indicator-year">
              <span>
                {t.indicators.yearFigure(year)}: <strong>{fmt(actual)}</strong>
              </span>
              {applies && target !== null ? (
                <span>
                  {t.indicators.yearTarget(year)}: <strong>{fmt(target)}</strong>
                </span>
              ) : null}
              {applies && status ? <AttainmentTag status={status} title={rule} /> : null}
              {applies && p.attainment.paceStatus !== status ? (
                <Typography.Text type="secondary" data-testid="indicator-pace">
                  {t.indicatorDrill.paceNote(t.indicators.attainment[p.attainment.paceStatus])}
                </Typography.Text>
              ) : null}
            </div>
            <TrendChart
              labels={data.periods.map((period) => shortPeriodText(period, lang))}
              titles={data.periods.map((period) => periodText(period, lang))}
              actual={data.actual}
              target={data.target}
              actualName={t.indicators.actual}
              targetName={data.perPeriod ? t.indicators.targetPathPerPeriod : t.indicators.targetPath}
              unit={i.unit}
            />
            {data.target === null && Object.keys(i.targets).length > 0 ? (
              <Typography.Text type="secondary" className="lt-indicator-note">
                {t.indicators.targetNotComparable}
              </Typography.Text>
            ) : data.perPeriod ? (
              <Typography.Text type="secondary" className="lt-indicator-note">
                {t.indicators.perPeriodNote}
              </Typography.Text>
            ) : null}
            <ForecastPanel performance={p} unit={i.unit} />
            {/* clipped by a block: a table ignores width and overflow, and would widen the page */}
            <div className="lt-sr-only">
              <table data-testid="indicator-series">
                <caption>{t.indicators.seriesCaption(indicatorName(i, lang), i.unit)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.indicators.period}</th>
                    <th scope="col">{t.indicators.actual}</th>
                    {data.target ? <th scope="col">{t.indicators.targetPath}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {data.periods.map((period, k) => (
                    <tr key={period} data-period={period} data-value={data.actual[k] ?? ''}>
                      <th scope="row">{periodText(period, lang)}</th>
                      <td>{fmt(data.actual[k])}</td>
                      {data.target ? <td>{fmt(data.target[k])}</td> : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <Spin className="lt-indicator-loading" />
        )}
      </Card>
      {p ? <SeriesTable indicator={i} performance={p} /> : null}
      {byCommune ? (
        <CommuneTable indicator={i} orgUnitId={orgUnitId} year={year} />
      ) : (
        <Breakdown
          indicator={i}
          year={year}
          result={breakdown.data}
          loading={breakdown.isFetching}
          error={breakdown.error}
        />
      )}
    </>
  );
}

interface ChildRow {
  id: string;
  name: string;
  kind: string;
  value: number | null;
}

/** Best first by the indicator's direction; units without data last. */
function sortChildren(rows: ChildRow[], direction: TIndicator['direction']): ChildRow[] {
  const sign = direction === 'lower_is_better' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === null ? (b.value === null ? 0 : 1) : -1;
    return sign * (a.value - b.value);
  });
}

function Breakdown({
  indicator: i,
  year,
  result,
  loading,
  error,
}: {
  indicator: TIndicator;
  year: number;
  result: TAnalyticsResult | undefined;
  loading: boolean;
  error: unknown;
}) {
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const narrow = Grid.useBreakpoint().sm !== true;
  const target = i.targets[String(year)] ?? null;
  const perChild = target !== null && targetAppliesToUnit(i, false);
  const rows = useMemo(() => {
    if (!result) return [];
    const values = new Map(
      result.rows.filter((r) => r.period === String(year)).map((r) => [r.orgUnitId, r.value]),
    );
    const reporting = (kind: string) =>
      i.reportedBy.length === 0 || (i.reportedBy as string[]).includes(kind);
    const children = result.children
      .map((c) => ({ id: c.id, name: c.name, kind: c.kind, value: values.get(c.id) ?? null }))
      .filter((c) => c.value !== null || reporting(c.kind));
    return sortChildren(children, i.direction);
  }, [result, year, i]);

  if (isNoAccess(error)) return null;
  if (error) return <QueryError error={error} />;

  const columns: TableColumnsType<ChildRow> = [
    { key: 'unit', title: t.indicators.breakdownUnit, render: (_, r) => r.name },
    {
      key: 'value',
      title: `${t.indicators.value} (${i.unit})`,
      align: 'right',
      width: narrow ? 110 : 160,
      render: (_, r) => <span className="lt-nowrap">{fmt(r.value)}</span>,
    },
    ...(perChild
      ? [
          {
            key: 'attainment',
            title: t.indicators.versusTarget(year),
            width: 110,
            render: (_: unknown, r: ChildRow) => {
              const status = simpleAttainment(r.value, target, i.direction);
              return status ? <AttainmentTag status={status} /> : null;
            },
          },
        ]
      : []),
  ];

  return (
    <Card size="small" title={t.indicators.breakdown(year)} data-testid="indicator-breakdown">
      {result && result.children.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.indicators.noChildren} />
      ) : (
        <>
          <Typography.Text type="secondary" className="lt-indicator-note">
            {t.indicators.drillDown}
          </Typography.Text>
          <Table<ChildRow>
            size="small"
            rowKey="id"
            columns={columns}
            dataSource={rows}
            loading={loading}
            rowClassName="lt-row-clickable"
            onRow={(r) => ({
              onClick: () => {
                const next = new URLSearchParams(params);
                next.set('orgUnitId', r.id);
                navigate({ search: next.toString() });
              },
            })}
            pagination={{
              pageSize: 10,
              showSizeChanger: false,
              simple: narrow,
              size: 'small',
              hideOnSinglePage: true,
            }}
            locale={{
              emptyText: (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.indicators.noChildData} />
              ),
            }}
          />
        </>
      )}
    </Card>
  );
}
