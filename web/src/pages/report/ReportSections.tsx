import { DownOutlined, UpOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { lazy, type RefObject, Suspense, useEffect, useMemo } from 'react';
import { Link } from 'react-router';
import type { TReport, TReportItem } from '../../../../common/contracts/reports';
import { useEntrySheet } from '../../api/data-values';
import { useIndicatorCatalogue } from '../../api/indicators';
import { useAllOrgUnits } from '../../api/org-units';
import { PageLoading, QueryError } from '../../components/Feedback';
import { ProgressBar } from '../../components/ProgressBar';
import { useLocale, useT } from '../../i18n';
import { formatDate } from '../../lib/format';
import type { EntryGridHandle, GridSaveState } from '../data-entry/EntryGrid';
import { periodText } from '../data-entry/periods';
import { EvidenceField, LinksField } from './AttachmentFields';
import { useReportField } from './field-context';
import { ProgressField, TextField } from './ReportFields';
import { generalField, itemField } from './report-fields';
import { type FillState, taskElementId } from './task-navigation';
import { Panel } from './ui';
import '../data-entry/data-entry.css';

/** The indicator grid (antd Table): downloaded after the page shows, beside the sheet (./deferred). */
const loadEntryGrid = () => import('./deferred').then((m) => ({ default: m.EntryGrid }));
const EntryGrid = lazy(loadEntryGrid);

const STATE_TAG: Record<FillState, string> = { filled: 'green', carried: 'gold', todo: 'default' };

/** A task's fill state as a tag: "Đã điền", "Kỳ trước", "Chưa điền". */
export function FillTag({ state }: { state: FillState }) {
  const t = useT();
  return (
    <Tag
      color={STATE_TAG[state]}
      className="lt-report-fill-tag"
      data-testid="task-state"
      data-state={state}
      title={t.reports.taskNav.state[state]}
    >
      {t.reports.taskNav.stateShort[state]}
    </Tag>
  );
}

/**
 * One task of the report: a header (code, title, state) that opens and closes the card, then what
 * the plan says and the unit's progress, results, obstacles…
 */
export function TaskCard({
  item,
  state,
  expanded,
  onToggle,
}: {
  item: TReportItem;
  state: FillState;
  expanded: boolean;
  onToggle: () => void;
}) {
  const t = useT();
  const { planItem } = item;
  const id = planItem.id;
  const f = t.reports.fields;
  const p = t.reports.placeholders;
  const bodyId = `${taskElementId(id)}-body`;
  return (
    <Panel
      className={`lt-report-task${expanded ? '' : ' lt-report-task-collapsed'}`}
      data-testid="report-task"
      data-code={planItem.code}
      data-item={id}
      data-expanded={expanded}
      id={taskElementId(id)}
    >
      <button
        type="button"
        className="lt-report-task-toggle"
        aria-expanded={expanded}
        aria-controls={bodyId}
        // named by what it shows (code, title, state: WCAG 2.5.3 label in name), the action as a hint
        title={expanded ? t.reports.taskNav.collapse(planItem.code) : t.reports.taskNav.expand(planItem.code)}
        onClick={onToggle}
        data-testid="task-toggle"
      >
        <span className="lt-report-task-title">
          <span className="lt-code">{planItem.code}</span> {planItem.title}
        </span>
        <span className="lt-report-task-toggle-side">
          <FillTag state={state} />
          {expanded ? <UpOutlined aria-hidden /> : <DownOutlined aria-hidden />}
        </span>
      </button>
      {expanded ? (
        <div id={bodyId}>
          <div className="lt-report-task-meta">
            <Tag color={item.role === 'lead' ? 'blue' : 'default'}>{t.reports.role[item.role]}</Tag>
            <span>
              {planItem.deadline ? t.reports.deadline(formatDate(planItem.deadline)) : t.reports.noDeadline}
            </span>
            <span className="lt-report-plan-progress">
              {t.reports.planProgress(t.common.percent(planItem.progress))}
              <ProgressBar percent={planItem.progress} size={{ width: 80, height: 6 }} showInfo={false} />
            </span>
            <Link to={`/items/${id}`} className="lt-task-link">
              {t.reports.openTask}
            </Link>
          </div>
          <ProgressField
            field={itemField(id, 'progress')}
            label={f.progress}
            code={planItem.code}
            carried={item.carriedProgress}
          />
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
            suggestion={item.carriedObstacles}
          />
          <TextField
            field={itemField(id, 'proposals')}
            label={f.proposals}
            placeholder={p.proposals}
            testId="field-proposals"
          />
          <LinksField field={itemField(id, 'links')} label={f.links} />
          <EvidenceField planItemId={id} label={f.evidence} />
        </div>
      ) : null}
    </Panel>
  );
}

export function GeneralCard() {
  const t = useT();
  const f = t.reports.fields;
  const p = t.reports.placeholders;
  return (
    <Panel className="lt-report-general" data-testid="report-general" title={t.reports.generalTitle}>
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
    </Panel>
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
  // the grid's code downloads beside the sheet, not after it
  useEffect(() => void loadEntryGrid(), []);
  const catalogue = useIndicatorCatalogue();
  const { byId } = useAllOrgUnits();
  const catalogueById = useMemo(
    () => new Map((catalogue.data ?? []).map((i) => [i.id, i])),
    [catalogue.data],
  );
  const isRoot = byId.get(report.orgUnit.id)?.parentId === null;
  return (
    <Panel
      className="lt-report-indicators"
      data-testid="report-indicators"
      title={t.reports.indicatorsTitle(periodText(report.round.period, lang))}
    >
      {editable ? (
        <p className="lt-paragraph lt-text-secondary lt-entry-hint">{t.reports.indicatorsHint}</p>
      ) : null}
      {sheet.error ? <QueryError error={sheet.error} onRetry={() => void sheet.refetch()} /> : null}
      {sheet.isLoading ? <PageLoading /> : null}
      {sheet.data ? (
        <Suspense fallback={<PageLoading />}>
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
        </Suspense>
      ) : null}
    </Panel>
  );
}
