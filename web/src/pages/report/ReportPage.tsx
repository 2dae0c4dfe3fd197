import { ArrowDownOutlined, LeftOutlined } from '@ant-design/icons';
import { Alert, Button, type ButtonProps, Grid } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useBlocker, useParams } from 'react-router';
import type { TProblem } from '../../../../common';
import type { TReport } from '../../../../common/contracts/reports';
import type { ReportAction } from '../../../../common/enums';
import { isApiError } from '../../api/client';
import { transitionReport, useAfterReportChange, useReport, useReportDiff } from '../../api/reports';
import { useFeedback } from '../../app/feedback';
import { PageLoading, ProblemAlert, QueryError } from '../../components/Feedback';
import { LinkButton } from '../../components/LinkButton';
import { useT } from '../../i18n';
import { useDocumentTitle } from '../../lib/use-document-title';
import type { EntryGridHandle, GridSaveState } from '../data-entry/EntryGrid';
import { CorrectionsCard } from './CorrectionsCard';
import { DiffCard } from './DiffCard';
import { type ReportComment, ReportFieldContext, type ReportFieldContextValue } from './field-context';
import { newIdempotencyKey } from './idempotency';
import { ReportHeader } from './ReportHeader';
import { GeneralCard, IndicatorsCard } from './ReportSections';
import { itemField, parseField } from './report-fields';
import { SaveIndicator, SaveProblems } from './SaveState';
import { TaskSection } from './TaskSection';
import { EXPAND_ALL_UP_TO, useTaskNavigation } from './task-navigation';
import { Row, Secondary } from './ui';
import { REPORT_LOCKED_CODES, useReportAutosave } from './use-report-autosave';
import './report.css';

/** The reviewer's return and reopen dialogs: downloaded after the page shows (./deferred). */
const ReturnModal = lazy(() => import('./deferred').then((m) => ({ default: m.ReturnModal })));
const ReopenModal = lazy(() => import('./deferred').then((m) => ({ default: m.ReopenModal })));

/** `/bao-cao/:id`: a unit's report in a round — filled in, reviewed, returned, accepted here. */
export default function ReportPage() {
  const { id } = useParams();
  const query = useReport(id);
  const t = useT();
  useDocumentTitle(
    query.data
      ? `${t.reports.title} · ${query.data.orgUnit.shortName ?? query.data.orgUnit.name}`
      : t.reports.title,
  );
  if (query.error && !query.data)
    return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <PageLoading />;
  return <ReportForm key={query.data.id} initial={query.data} />;
}

const ACTION_ORDER: readonly ReportAction[] = ['return', 'reopen', 'submit', 'approve', 'accept'];
const CONFIRMED: readonly ReportAction[] = ['submit', 'approve', 'accept'];
const NO_GRID: GridSaveState = { dirty: false, saving: false, problem: null, refusedRows: 0, savedAt: null };

function ReportForm({ initial }: { initial: TReport }) {
  const t = useT();
  const { modal, message } = useFeedback();
  const narrow = Grid.useBreakpoint().md !== true;
  const afterChange = useAfterReportChange();
  const autosave = useReportAutosave(initial, (saved) => afterChange(saved, false));
  const report = autosave.report;
  const editable = report.actions.includes('save');
  const canComment = report.actions.includes('return');
  const gridRef = useRef<EntryGridHandle>(null);
  const [grid, setGrid] = useState<GridSaveState>(NO_GRID);
  const [draftComments, setDraftComments] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<ReportAction | null>(null);
  const [actionProblem, setActionProblem] = useState<TProblem | null>(null);
  const [modalOpen, setModalOpen] = useState<'return' | 'reopen' | null>(null);
  /** the key of each step being tried: a retry after a lost answer sends the same key */
  const keys = useRef<Partial<Record<ReportAction, string>>>({});

  // a report that was returned once: reviewers see what changed since
  const showDiff = report.returnReason !== null && !editable && report.status !== 'draft';
  const diff = useReportDiff(report.id, showDiff, report.version);
  const changed = useMemo(() => new Set(diff.data?.changes.map((c) => c.field) ?? []), [diff.data]);
  const changedIndicators = useMemo(() => {
    const codes = new Set<string>();
    for (const field of changed) {
      const ref = parseField(field);
      if (ref?.kind === 'indicator') codes.add(ref.code);
    }
    return codes;
  }, [changed]);

  const comments = useMemo(() => {
    const byField = new Map<string, ReportComment[]>();
    for (const c of report.comments) byField.set(c.field, [...(byField.get(c.field) ?? []), c]);
    return byField;
  }, [report.comments]);

  const setDraftComment = useCallback((field: string, body: string | null) => {
    setDraftComments((prev) => {
      const { [field]: _, ...rest } = prev;
      return body === null ? rest : { ...rest, [field]: body };
    });
  }, []);

  const context: ReportFieldContextValue = {
    report,
    autosave,
    editable,
    canComment,
    comments,
    draftComments,
    setDraftComment,
    changed,
    narrow,
  };

  // ---- saving: the report's fields and the grid's values as one
  const unsavedAnything = autosave.unsaved.length > 0 || grid.dirty;
  const flushAll = useCallback(async () => {
    const [fields, values] = await Promise.all([
      autosave.flush(),
      gridRef.current ? gridRef.current.flush() : Promise.resolve(true),
    ]);
    return fields && values;
  }, [autosave]);
  const retryNow = useCallback(() => {
    autosave.retryNow();
    void gridRef.current?.flush();
  }, [autosave]);

  // closing the tab with indicator values not written yet asks first (the fields' hook does the same)
  useEffect(() => {
    if (!grid.dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [grid.dirty]);

  // leaving the page: save what is pending first; ask only if that fails
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      unsavedAnything && currentLocation.pathname !== nextLocation.pathname,
  );
  const leaving = useRef(false);
  useEffect(() => {
    if (blocker.state !== 'blocked' || leaving.current) return;
    leaving.current = true;
    const { proceed, reset } = blocker;
    void flushAll().then((saved) => {
      if (saved) {
        leaving.current = false;
        proceed();
        return;
      }
      modal.confirm({
        title: t.reports.leaveTitle,
        content: t.reports.leaveText,
        okText: t.reports.leave,
        okButtonProps: { danger: true },
        cancelText: t.reports.stay,
        onOk: () => {
          leaving.current = false;
          proceed();
        },
        onCancel: () => {
          leaving.current = false;
          reset();
        },
      });
    });
  }, [blocker, flushAll, modal, t]);

  // ---- workflow steps
  const run = async (
    action: ReportAction,
    extra: { reason?: string; comments?: { field: string; body: string }[] } = {},
  ) => {
    setBusy(action);
    setActionProblem(null);
    try {
      if (editable && !(await flushAll())) {
        void message.error(t.reports.saveFailedTitle);
        return false;
      }
      keys.current[action] ??= newIdempotencyKey();
      const next = await transitionReport(
        report.id,
        action,
        // read after the flush: the save it may have made moved the version on
        { version: autosave.latest().version, ...extra },
        keys.current[action],
      );
      delete keys.current[action];
      autosave.replace(next);
      afterChange(next, true);
      if (action === 'return') setDraftComments({});
      void message.success(t.reports.done[action]);
      return true;
    } catch (error) {
      if (!isApiError(error)) throw error;
      // the server answered (a refusal): the next try is a new request; no answer: same key again
      if (error.status !== 0 && error.status < 500) delete keys.current[action];
      setActionProblem(error.problem);
      return false;
    } finally {
      setBusy(null);
    }
  };

  const nav = useTaskNavigation(report, autosave.value, editable);
  // last period's progress is kept only when the unit says so: one tap for every task at once
  const confirmCarried = () => {
    for (const item of nav.unconfirmed) {
      autosave.setValue(itemField(item.planItem.id, 'progress'), item.carriedProgress);
    }
  };
  const unconfirmedCodes = nav.unconfirmed.map((i) => i.planItem.code).join(', ');

  const onAction = (action: ReportAction) => {
    if (action === 'return' || action === 'reopen') {
      setModalOpen(action);
      return;
    }
    if (CONFIRMED.includes(action)) {
      const key = action as 'submit' | 'approve' | 'accept';
      modal.confirm({
        title: t.reports.confirm[key],
        content: (
          <>
            <p>{t.reports.confirmText[key]}</p>
            {action === 'submit' && nav.unconfirmed.length > 0 ? (
              <Alert
                type="warning"
                showIcon
                title={t.reports.taskNav.unconfirmed(unconfirmedCodes)}
                data-testid="unconfirmed-progress"
              />
            ) : null}
          </>
        ),
        okText:
          action === 'submit' && nav.unconfirmed.length > 0
            ? t.reports.taskNav.keepAndSubmit
            : t.reports.actions[action],
        cancelText: t.common.cancel,
        okButtonProps: { 'data-testid': 'confirm-ok' } as ButtonProps,
        onOk: () => {
          if (action === 'submit') confirmCarried();
          return run(action);
        },
      });
    }
  };

  const actions = ACTION_ORDER.filter((a) => report.actions.includes(a));

  return (
    <ReportFieldContext.Provider value={context}>
      <div className="lt-page lt-report" data-testid="report-page" data-status={report.status}>
        <div className="lt-report-nav">
          <LinkButton to="/viec-cua-toi" type="link" icon={<LeftOutlined />} className="lt-report-back">
            {t.reports.back}
          </LinkButton>
          <Link to={`/dot-bao-cao/${report.round.id}`} className="lt-report-round-link">
            {t.reports.toRound}
          </Link>
        </div>
        <ReportHeader report={report} />
        <SaveProblems autosave={autosave} grid={grid} retryNow={retryNow} />
        {actionProblem ? (
          <ProblemAlert
            problem={actionProblem}
            title={t.reports.actionFailed}
            onClose={() => setActionProblem(null)}
            action={
              // the report moved on meanwhile (another step, or its round closed): show it as it is now
              actionProblem.code === 'version_conflict' ||
              actionProblem.code === 'invalid_transition' ||
              REPORT_LOCKED_CODES.includes(actionProblem.code) ? (
                <Button
                  size="small"
                  onClick={() => void autosave.reload(false).then(() => setActionProblem(null))}
                >
                  {t.reports.reload}
                </Button>
              ) : undefined
            }
          />
        ) : null}
        {report.status === 'returned' && report.returnReason ? (
          <Alert
            type="warning"
            showIcon
            className="lt-report-returned"
            data-testid="return-reason"
            title={t.reports.returnedTitle}
            description={
              <div>
                {report.returnedStage === 'head' || report.returnedStage === 'secretariat' ? (
                  <div>{t.reports.returnedBy[report.returnedStage]}</div>
                ) : null}
                <div className="lt-report-returned-reason">
                  <b>{t.reports.reasonLabel}</b> {report.returnReason}
                </div>
                {report.comments.length > 0 ? (
                  <div className="lt-hint">{t.reports.returnedComments(report.comments.length)}</div>
                ) : null}
              </div>
            }
          />
        ) : null}
        {report.round.status === 'closed' ? (
          <Alert
            type="info"
            showIcon
            data-testid="report-round-closed-notice"
            title={
              report.status === 'draft' || report.status === 'returned'
                ? t.reports.roundClosedUnsent
                : t.reports.roundClosedSent
            }
          />
        ) : null}
        {report.status === 'accepted' ? (
          <Alert type="success" showIcon title={t.reports.locked} data-testid="report-locked" />
        ) : !editable && !canComment ? (
          <Alert type="info" showIcon title={t.reports.readOnly} />
        ) : null}
        {showDiff && diff.data ? <DiffCard report={report} diff={diff.data} /> : null}
        {report.corrections.length > 0 ? <CorrectionsCard report={report} /> : null}

        <section className="lt-report-section" aria-label={t.reports.tasksTitle(report.items.length)}>
          <h5 className="lt-h5 lt-report-section-title">{t.reports.tasksTitle(report.items.length)}</h5>
          {report.items.length === 0 ? (
            <Secondary>{t.reports.tasksEmpty}</Secondary>
          ) : (
            <TaskSection nav={nav} onConfirmCarried={nav.unconfirmed.length > 0 ? confirmCarried : null} />
          )}
        </section>
        <GeneralCard />
        {report.indicatorCodes.length > 0 ? (
          <IndicatorsCard
            report={report}
            gridRef={gridRef}
            onSaveState={setGrid}
            highlight={changedIndicators}
          />
        ) : null}

        {editable || actions.length > 0 ? (
          <div className="lt-report-actionbar" data-testid="report-actionbar">
            {editable && report.items.length > EXPAND_ALL_UP_TO ? (
              <Button
                className="lt-report-next-task"
                icon={<ArrowDownOutlined />}
                disabled={nav.next === null}
                onClick={() => nav.next && nav.open(nav.next.planItem.id)}
                data-testid="next-task"
                data-item={nav.next?.planItem.id}
              >
                {nav.next ? t.reports.taskNav.next(nav.next.planItem.code) : t.reports.taskNav.allFilled}
              </Button>
            ) : null}
            {editable ? <SaveIndicator autosave={autosave} grid={grid} retryNow={retryNow} /> : <span />}
            <Row wrap className="lt-report-actions">
              {actions.map((action) => (
                <Button
                  key={action}
                  type={action === 'return' || action === 'reopen' ? 'default' : 'primary'}
                  danger={action === 'return'}
                  loading={busy === action}
                  disabled={busy !== null && busy !== action}
                  onClick={() => onAction(action)}
                  data-testid={`action-${action}`}
                >
                  {t.reports.actions[action]}
                </Button>
              ))}
            </Row>
          </div>
        ) : null}
      </div>
      <Suspense fallback={null}>
        {canComment ? (
          <ReturnModal
            open={modalOpen === 'return'}
            report={report}
            drafts={draftComments}
            setDraft={setDraftComment}
            busy={busy === 'return'}
            onCancel={() => setModalOpen(null)}
            onSubmit={(reason, comments) =>
              void run('return', { reason, comments }).then((ok) => ok && setModalOpen(null))
            }
          />
        ) : null}
        {report.actions.includes('reopen') ? (
          <ReopenModal
            open={modalOpen === 'reopen'}
            busy={busy === 'reopen'}
            onCancel={() => setModalOpen(null)}
            onSubmit={(reason) => void run('reopen', { reason }).then((ok) => ok && setModalOpen(null))}
          />
        ) : null}
      </Suspense>
    </ReportFieldContext.Provider>
  );
}
