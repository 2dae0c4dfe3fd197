import { Alert, Col, Grid, Row, Spin, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { TMe } from '../../../../common/contracts/auth';
import { ApiError } from '../../api/client';
import { useEntrySheet } from '../../api/data-values';
import { useIndicatorCatalogue } from '../../api/indicators';
import { useAllOrgUnits } from '../../api/org-units';
import { useAuth } from '../../auth/auth-context';
import { Forbidden, QueryError } from '../../components/Feedback';
import { OrgUnitSelect } from '../../components/OrgUnitSelect';
import { useT } from '../../i18n';
import { formatDate } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { EntryGrid } from './EntryGrid';
import { PeriodFields } from './PeriodFields';
import { defaultPeriod, isEntryPeriod } from './periods';
import './data-entry.css';

/** The user's own unit: the first one they enter values for. */
export function ownEntryUnit(me: TMe | null | undefined): string | undefined {
  return me?.assignments.find((a) => a.abilities.includes('data_values.enter'))?.orgUnit.id;
}

/** `/nhap-so-lieu?orgUnitId=…&period=2026M03`: the unit and period live in the URL. */
export default function DataEntryPage() {
  const t = useT();
  const { me, can } = useAuth();
  const narrow = Grid.useBreakpoint().md !== true;
  const [params, setParams] = useSearchParams();
  const urlUnit = params.get('orgUnitId') ?? undefined;
  const urlPeriod = params.get('period');
  const orgUnitId = urlUnit ?? ownEntryUnit(me);
  const period = isEntryPeriod(urlPeriod) ? urlPeriod : defaultPeriod('month');
  const sheet = useEntrySheet(orgUnitId, period);
  const catalogue = useIndicatorCatalogue();
  const { byId } = useAllOrgUnits();
  useDocumentTitle(t.dataEntry.title);

  // the defaults go into the address, so that it can be shared or bookmarked as it is
  useEffect(() => {
    if (orgUnitId && (urlUnit !== orgUnitId || urlPeriod !== period)) {
      setParams({ orgUnitId, period }, { replace: true });
    }
  }, [orgUnitId, period, urlUnit, urlPeriod, setParams]);

  const catalogueById = useMemo(
    () => new Map((catalogue.data ?? []).map((i) => [i.id, i])),
    [catalogue.data],
  );

  if (!can('data_values.enter')) return <Forbidden />;

  const go = (next: { orgUnitId?: string; period?: string }) =>
    setParams({ orgUnitId: next.orgUnitId ?? orgUnitId ?? '', period: next.period ?? period });

  const noAccess =
    sheet.error instanceof ApiError && (sheet.error.status === 404 || sheet.error.status === 403);
  const isRoot = orgUnitId ? byId.get(orgUnitId)?.parentId === null : false;

  return (
    <div className="lt-page" data-testid="data-entry-page">
      <div className="lt-page-head">
        <Typography.Title level={4} className="lt-page-title">
          {t.dataEntry.title}
        </Typography.Title>
        <Link
          to={`/nhap-so-lieu/tu-tep?orgUnitId=${orgUnitId ?? ''}&period=${period}`}
          data-testid="entry-import-link"
        >
          {t.dataImport.link}
        </Link>
      </div>
      <Row gutter={[8, 8]} className="lt-entry-controls">
        <Col xs={24} md={10}>
          <label className="lt-entry-label" htmlFor="lt-entry-unit">
            {t.dataEntry.orgUnit}
          </label>
          <OrgUnitSelect
            id="lt-entry-unit"
            style={{ width: '100%' }}
            allowClear={false}
            value={orgUnitId}
            placeholder={t.form.selectUnit}
            onChange={(value) => typeof value === 'string' && go({ orgUnitId: value })}
            data-testid="entry-unit"
          />
        </Col>
        <PeriodFields
          prefix="entry"
          labelClassName="lt-entry-label"
          period={period}
          onChange={(next) => go({ period: next })}
        />
      </Row>
      {sheet.data ? (
        <Typography.Text type="secondary" className="lt-entry-window" data-testid="entry-window">
          {t.dataEntry.window(formatDate(sheet.data.window.start), formatDate(sheet.data.window.end))}
        </Typography.Text>
      ) : null}
      {!orgUnitId ? <Alert type="info" showIcon title={t.dataEntry.noUnit} /> : null}
      {noAccess ? (
        <Alert type="warning" showIcon title={t.dataEntry.noAccess} data-testid="entry-no-access" />
      ) : null}
      {sheet.error && !noAccess ? (
        <QueryError error={sheet.error} onRetry={() => void sheet.refetch()} />
      ) : null}
      {sheet.isLoading ? <Spin className="lt-entry-loading" /> : null}
      {sheet.data ? (
        <EntryGrid
          key={`${sheet.data.orgUnit.id}|${sheet.data.period}`}
          sheet={sheet.data}
          catalogue={catalogueById}
          isRoot={isRoot}
          narrow={narrow}
          refetch={sheet.refetch}
        />
      ) : null}
    </div>
  );
}
