import { Breadcrumb, Button, Card, Result, Select, Space, Tabs, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type {
  ScorecardComponentKey,
  TScorecardComponent,
  TScorecardDetail,
} from '../../../../common/contracts/scorecards';
import { ApiError } from '../../api/client';
import { useScorecard } from '../../api/scorecards';
import { PageLoading, QueryError } from '../../components/Feedback';
import { useT } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { FigureTable, ReportTable, TaskTable } from './EvidenceTables';
import { FormulaExplainer, StatusNote } from './FormulaExplainer';
import { periodOptions, periodText, useCardPeriod } from './filters';
import { ComponentValue } from './ScorecardsPage';
import { TrendLine } from './TrendLine';
import './scorecards.css';

type ListKey = 'tasks' | 'reports' | 'figures';
/** The list each component is counted from. */
const LIST_OF: Record<ScorecardComponentKey, ListKey> = {
  tasksOnTime: 'tasks',
  reportsOnTime: 'reports',
  indicators: 'figures',
  reportsNotReturned: 'reports',
};

function NotFound() {
  const s = useT().scorecards;
  return (
    <Result
      status="404"
      title={s.notFoundTitle}
      subTitle={s.notFoundText}
      extra={
        <Link to="/bang-diem">
          <Button type="primary">{s.back}</Button>
        </Link>
      }
    />
  );
}

/** `/bang-diem/:orgUnitId`: one unit's card — score, rank, weights, each component and what made it. */
export default function ScorecardPage() {
  const t = useT();
  const s = t.scorecards;
  const { orgUnitId } = useParams();
  const [period, setPeriod] = useCardPeriod();
  const card = useScorecard(orgUnitId, period);
  useDocumentTitle(card.data ? `${s.nav} · ${card.data.unit.name}` : s.nav);

  if (card.error) {
    if (card.error instanceof ApiError && card.error.status === 404) return <NotFound />;
    return <QueryError error={card.error} onRetry={() => void card.refetch()} />;
  }
  if (!card.data) return <PageLoading />;
  const data = card.data;
  return (
    <div className="lt-page lt-scorecard" data-testid="scorecard-page">
      <Breadcrumb
        className="lt-breadcrumb"
        items={[
          { title: <Link to={`/bang-diem?ky=${period}&loai=${data.kind}`}>{s.back}</Link> },
          { title: data.unit.name },
        ]}
      />
      <Card size="small">
        <div className="lt-scorecard-head">
          <div>
            <Typography.Title level={2} style={{ margin: 0 }}>
              <Link to={`/don-vi/${data.unit.id}`}>{data.unit.name}</Link>
            </Typography.Title>
            <Space wrap style={{ marginTop: 8 }}>
              <Select
                aria-label={s.period}
                value={period}
                style={{ minWidth: 160 }}
                onChange={setPeriod}
                options={periodOptions().map((p) => ({ value: p, label: periodText(t, p) }))}
              />
              <Tag>{s.kinds[data.kind]}</Tag>
              <Tag data-testid="scorecard-version">{s.formulaVersion(data.formula.version)}</Tag>
            </Space>
          </div>
          <div>
            <div className="lt-scorecard-big" data-testid="scorecard-score">
              {data.score === null ? '—' : formatNumber(data.score)}
            </div>
            <div className="lt-scorecard-hint" data-testid="scorecard-rank">
              {data.rank === null ? s.noScore : s.rankOf(data.rank, data.peers)}
            </div>
          </div>
          <TrendLine trend={data.trend} label={s.trendLabel} periodText={(p) => periodText(t, p)} />
        </div>
      </Card>
      <div style={{ marginTop: 12 }}>
        <StatusNote
          status={data.status}
          publication={data.publication}
          formulaVersion={data.formula.version}
        />
      </div>
      <CardBody data={data} />
    </div>
  );
}

function CardBody({ data }: { data: TScorecardDetail }) {
  const t = useT();
  const s = t.scorecards;
  const [list, setList] = useState<ListKey>('tasks');
  const lists = useRef<HTMLDivElement>(null);
  const open = (key: ScorecardComponentKey) => {
    setList(LIST_OF[key]);
    lists.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };
  return (
    <>
      <div className="lt-scorecard-components">
        {data.components.map((c) => (
          <ComponentButton
            key={c.key}
            component={c}
            active={LIST_OF[c.key] === list}
            onOpen={() => open(c.key)}
          />
        ))}
      </div>
      <FormulaExplainer formula={data.formula} />
      <div ref={lists} style={{ marginTop: 16 }}>
        <Tabs
          activeKey={list}
          onChange={(key) => setList(key as ListKey)}
          items={[
            {
              key: 'tasks',
              label: `${s.tasks} (${data.evidence.tasks.length})`,
              children: <TaskTable tasks={data.evidence.tasks} />,
            },
            {
              key: 'reports',
              label: `${s.reports} (${data.evidence.reports.length})`,
              children: <ReportTable reports={data.evidence.reports} />,
            },
            {
              key: 'figures',
              label: `${s.figures} (${data.evidence.figures.length})`,
              children: <FigureTable figures={data.evidence.figures} />,
            },
          ]}
        />
      </div>
    </>
  );
}

/** A component: its value and counts, its weight and actual share; a click opens the list behind it. */
function ComponentButton({
  component,
  active,
  onOpen,
}: {
  component: TScorecardComponent;
  active: boolean;
  onOpen: () => void;
}) {
  const s = useT().scorecards;
  return (
    <button
      type="button"
      className="lt-scorecard-component"
      aria-pressed={active}
      onClick={onOpen}
      data-testid={`scorecard-component-${component.key}`}
    >
      <div>{s.components[component.key]}</div>
      <div className="lt-scorecard-component-value">
        <ComponentValue component={component} />
      </div>
      <div className="lt-scorecard-hint">
        {s.weight} {formatNumber(component.weight)}
        {component.share > 0 ? ` · ${s.share} ${formatNumber(Math.round(component.share * 1000) / 10)}%` : ''}
      </div>
    </button>
  );
}
