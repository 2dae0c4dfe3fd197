import { Card, Tag, Typography } from 'antd';
import { type RefObject, useMemo } from 'react';
import { Link } from 'react-router';
import type { TReport, TReportItem } from '../../../../common/contracts/reports';
import { useEntrySheet } from '../../api/data-values';
import { useIndicatorCatalogue } from '../../api/indicators';
import { useAllOrgUnits } from '../../api/org-units';
import { PageLoading, QueryError } from '../../components/Feedback';
import { ProgressBar } from '../../components/ProgressBar';
import { useLocale, useT } from '../../i18n';
import { formatDate } from '../../lib/format';
import { EntryGrid, type EntryGridHandle, type GridSaveState } from '../data-entry/EntryGrid';
import { periodText } from '../data-entry/periods';
import { EvidenceField, LinksField } from './AttachmentFields';
import { useReportField } from './field-context';
import { ProgressField, TextField } from './ReportFields';
import { generalField, itemField } from './report-fields';
import '../data-entry/data-entry.css';

/** One task of the report: what the plan says, then the unit's progress, results, obstacles… */
export function TaskCard({ item }: { item: TReportItem }) {
  const t = useT();
  const { planItem } = item;
  const id = planItem.id;
  const f = t.reports.fields;
  const p = t.reports.placeholders;
  return (
    <Card size="small" className="lt-report-task" data-testid="report-task" data-code={planItem.code}>
      <div className="lt-report-task-title">
        <span className="lt-code">{planItem.code}</span>{' '}
        <Link to={`/items/${id}`} className="lt-task-link">
          {planItem.title}
        </Link>
      </div>
      <div className="lt-report-task-meta">
        <Tag color={item.role === 'lead' ? 'blue' : 'default'}>{t.reports.role[item.role]}</Tag>
        <span>
          {planItem.deadline ? t.reports.deadline(formatDate(planItem.deadline)) : t.reports.noDeadline}
        </span>
        <span className="lt-report-plan-progress">
          {t.reports.planProgress(t.common.percent(planItem.progress))}
          <ProgressBar percent={planItem.progress} size={{ width: 80, height: 6 }} showInfo={false} />
        </span>
      </div>
      <ProgressField field={itemField(id, 'progress')} label={f.progress} code={planItem.code} />
      <TextField
        field={itemField(id, 'results')}
        label={f.results}
        placeholder={p.results}
        testId="field-results"
      />
      <TextField
        field={itemField(id, 'obstacles')}
        label={f.obstacles}
        placeholder={p.obstacles}
        testId="field-obstacles"
      />
      <TextField
        field={itemField(id, 'proposals')}
        label={f.proposals}
        placeholder={p.proposals}
        testId="field-proposals"
      />
      <LinksField field={itemField(id, 'links')} label={f.links} />
      <EvidenceField planItemId={id} label={f.evidence} />
    </Card>
  );
}

export function GeneralCard() {
  const t = useT();
  const f = t.reports.fields;
  const p = t.reports.placeholders;
  return (
    <Card
      size="small"
      className="lt-report-general"
      data-testid="report-general"
      title={t.reports.generalTitle}
    >
      <TextField
        field={generalField('summary')}
        label={f.summary}
        placeholder={p.summary}
        testId="field-summary"
      />
      <TextField
        field={generalField('obstacles')}
        label={f.obstacles}
        placeholder={p.obstacles}
        testId="field-obstacles"
      />
      <TextField
        field={generalField('proposals')}
        label={f.proposals}
        placeholder={p.proposals}
        testId="field-proposals"
      />
      <EvidenceField planItemId={null} label={f.evidence} />
    </Card>
  );
}

/**
 * The unit's values of the report's indicators for the round's period: the data-entry grid,
 * autosaving (to /api/data-values, with the same validation), paste from Excel included.
 */
export function IndicatorsCard({
  report,
  gridRef,
  onSaveState,
  highlight,
}: {
  report: TReport;
  gridRef: RefObject<EntryGridHandle | null>;
  onSaveState: (state: GridSaveState) => void;
  highlight: ReadonlySet<string>;
}) {
  const t = useT();
  const { lang } = useLocale();
  const { editable, narrow } = useReportField();
  const sheet = useEntrySheet(report.orgUnit.id, report.round.period);
  const catalogue = useIndicatorCatalogue();
  const { byId } = useAllOrgUnits();
  const catalogueById = useMemo(
    () => new Map((catalogue.data ?? []).map((i) => [i.id, i])),
    [catalogue.data],
  );
  const isRoot = byId.get(report.orgUnit.id)?.parentId === null;
  return (
    <Card
      size="small"
      className="lt-report-indicators"
      data-testid="report-indicators"
      title={t.reports.indicatorsTitle(periodText(report.round.period, lang))}
    >
      {editable ? (
        <Typography.Paragraph type="secondary" className="lt-entry-hint">
          {t.reports.indicatorsHint}
        </Typography.Paragraph>
      ) : null}
      {sheet.error ? <QueryError error={sheet.error} onRetry={() => void sheet.refetch()} /> : null}
      {sheet.isLoading ? <PageLoading /> : null}
      {sheet.data ? (
        <EntryGrid
          ref={gridRef}
          sheet={sheet.data}
          catalogue={catalogueById}
          isRoot={isRoot}
          narrow={narrow}
          refetch={sheet.refetch}
          mode="auto"
          onSaveState={onSaveState}
          codes={report.indicatorCodes}
          readOnly={!editable}
          highlight={highlight}
        />
      ) : null}
    </Card>
  );
}
