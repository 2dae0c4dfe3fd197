import { HistoryOutlined, TrophyOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Col, Result, Row, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import type { TUnitOverview } from '../../../../common/contracts/unit-overview';
import { ApiError } from '../../api/client';
import { useUnitOverview } from '../../api/unit-overview';
import { PageLoading, QueryError } from '../../components/Feedback';
import { LinkButton } from '../../components/LinkButton';
import { useT } from '../../i18n';
import { useDocumentTitle } from '../../lib/use-document-title';
import { UnitIndicators } from './UnitIndicators';
import { UnitReports } from './UnitReports';
import { UnitTasks } from './UnitTasks';
import './unit-overview.css';

/** 404 from the API: no such unit, or one outside the caller's scope — the same page for both. */
function UnitNotFound() {
  const t = useT();
  return (
    <Result
      status="404"
      data-testid="unit-not-found"
      title={t.drilldown.unit.notFoundTitle}
      subTitle={t.drilldown.unit.notFoundText}
      extra={
        <Link to="/org-units">
          <Button type="primary">{t.drilldown.unit.backToUnits}</Button>
        </Link>
      }
    />
  );
}

/** `/don-vi/:orgUnitId`: an agency or a commune — its tasks, reports, indicators and scorecard. */
export default function UnitOverviewPage() {
  const t = useT();
  const { orgUnitId } = useParams();
  const overview = useUnitOverview(orgUnitId);
  useDocumentTitle(overview.data ? overview.data.unit.name : t.drilldown.unit.title);

  if (overview.error) {
    if (overview.error instanceof ApiError && overview.error.status === 404) return <UnitNotFound />;
    return <QueryError error={overview.error} onRetry={() => void overview.refetch()} />;
  }
  if (!overview.data) return <PageLoading />;
  const data = overview.data;

  return (
    <div className="lt-page lt-unit-overview" data-testid="unit-overview">
      <Breadcrumb
        className="lt-breadcrumb"
        items={[
          { title: <Link to="/org-units">{t.nav.orgUnits}</Link> },
          ...(data.unit.parent
            ? [{ title: <Link to={`/don-vi/${data.unit.parent.id}`}>{data.unit.parent.name}</Link> }]
            : []),
          { title: data.unit.shortName ?? data.unit.name },
        ]}
      />
      <UnitHeader unit={data.unit} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <UnitTasks tasks={data.tasks} />
        </Col>
        <Col xs={24} xl={10}>
          <UnitReports orgUnitId={data.unit.id} reports={data.reports} />
        </Col>
        <Col xs={24}>
          <UnitIndicators indicators={data.indicators} />
        </Col>
      </Row>
    </div>
  );
}

function UnitHeader({ unit }: { unit: TUnitOverview['unit'] }) {
  const t = useT();
  const u = t.drilldown.unit;
  return (
    <Card size="small" className="lt-unit-overview-head" data-testid="unit-header">
      <div className="lt-unit-overview-title">
        <Typography.Title level={4} className="lt-page-title">
          {unit.name}
        </Typography.Title>
        <Space size={[6, 6]} wrap>
          <Tag color="blue" data-testid="unit-kind">
            {t.orgUnitKind[unit.kind]}
          </Tag>
          {unit.active ? null : <Tag>{u.inactive}</Tag>}
        </Space>
      </div>
      <div className="lt-row-meta">
        <span>
          {u.code}: <span className="lt-code">{unit.code}</span>
        </span>
        {unit.parent ? (
          <span>
            {u.parent}:{' '}
            <Link to={`/don-vi/${unit.parent.id}`} data-testid="unit-parent">
              {unit.parent.name}
            </Link>
          </span>
        ) : null}
        {unit.childCount > 0 ? <span>{u.children(unit.childCount)}</span> : null}
      </div>
      <Space wrap className="lt-unit-overview-actions">
        <LinkButton to={`/bang-diem/${unit.id}`} icon={<TrophyOutlined />} data-testid="unit-scorecard-link">
          {u.scorecard}
        </LinkButton>
        <LinkButton
          to={`/dot-bao-cao/don-vi/${unit.id}`}
          icon={<HistoryOutlined />}
          data-testid="unit-history-link"
        >
          {u.reportHistory}
        </LinkButton>
      </Space>
    </Card>
  );
}
