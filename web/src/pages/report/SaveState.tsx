import {
  CheckCircleOutlined,
  CloudSyncOutlined,
  ExclamationCircleOutlined,
  LoadingOutlined,
} from '@ant-design/icons';
import { Alert, Button } from 'antd';
import dayjs from 'dayjs';
import { useFeedback } from '../../app/feedback';
import { ProblemAlert } from '../../components/Feedback';
import { useT } from '../../i18n';
import type { GridSaveState } from '../data-entry/EntryGrid';
import { fieldLabel } from './report-fields';
import { Row } from './ui';
import type { ReportAutosave, SaveStatus } from './use-report-autosave';

/** The save state of the fields and the grid together: the worst of the two wins. */
export function combinedStatus(autosave: ReportAutosave, grid: GridSaveState): SaveStatus {
  if (autosave.failure) return autosave.failure.kind;
  if (grid.problem) return 'transient';
  if (grid.refusedRows > 0) return 'refused';
  if (autosave.status === 'saving' || grid.saving) return 'saving';
  if (autosave.status === 'pending' || grid.dirty) return 'pending';
  if (autosave.savedAt || grid.savedAt) return 'saved';
  return 'idle';
}

export function SaveIndicator({
  autosave,
  grid,
  retryNow,
}: {
  autosave: ReportAutosave;
  grid: GridSaveState;
  retryNow: () => void;
}) {
  const t = useT();
  const status = combinedStatus(autosave, grid);
  const savedAt = Math.max(autosave.savedAt ?? 0, grid.savedAt ?? 0);
  const s = t.reports.save;
  const text: Record<SaveStatus, string> = {
    idle: s.idle,
    pending: s.pending,
    saving: s.saving,
    saved: s.savedAt(dayjs(savedAt).format('HH:mm')),
    transient: autosave.retryInMs !== null ? s.failedRetry(Math.round(autosave.retryInMs / 1000)) : s.failed,
    refused: s.refused,
    conflict: s.conflict,
    locked: s.refused,
  };
  const icon =
    status === 'saving' ? (
      <LoadingOutlined />
    ) : status === 'saved' ? (
      <CheckCircleOutlined />
    ) : status === 'pending' || status === 'idle' ? (
      <CloudSyncOutlined />
    ) : (
      <ExclamationCircleOutlined />
    );
  const bad = status === 'transient' || status === 'refused' || status === 'conflict' || status === 'locked';
  return (
    <span
      className={`lt-report-save${bad ? ' lt-report-save-bad' : ''}`}
      data-testid="save-status"
      data-status={status}
      role="status"
      aria-live="polite"
    >
      {icon} <span>{text[status]}</span>
      {status === 'transient' || status === 'refused' ? (
        <Button size="small" type="link" onClick={retryNow}>
          {s.retryNow}
        </Button>
      ) : null}
    </span>
  );
}

/** What stopped saving, in words, with the way out. */
export function SaveProblems({
  autosave,
  grid,
  retryNow,
}: {
  autosave: ReportAutosave;
  grid: GridSaveState;
  retryNow: () => void;
}) {
  const t = useT();
  const { modal } = useFeedback();
  const { failure, report } = autosave;
  if (failure?.kind === 'conflict') {
    const fields = autosave.unsaved.map((f) => fieldLabel(t, report, f)).join('; ');
    return (
      <Alert
        type="error"
        showIcon
        data-testid="save-conflict"
        title={t.reports.conflictTitle}
        description={
          <div>
            <p>{t.reports.conflictText(fields)}</p>
            <Row wrap>
              <Button
                type="primary"
                onClick={() =>
                  modal.confirm({
                    title: t.reports.conflictReloadTitle,
                    content: t.reports.conflictReloadText,
                    okText: t.reports.conflictReload,
                    okButtonProps: { danger: true },
                    cancelText: t.common.cancel,
                    onOk: () => autosave.reload(false),
                  })
                }
                data-testid="conflict-reload"
              >
                {t.reports.conflictReload}
              </Button>
              <Button
                onClick={() =>
                  modal.confirm({
                    title: t.reports.conflictKeepTitle,
                    content: t.reports.conflictKeepText,
                    okText: t.reports.conflictKeepMine,
                    cancelText: t.common.cancel,
                    onOk: () => autosave.reload(true),
                  })
                }
                data-testid="conflict-keep"
              >
                {t.reports.conflictKeepMine}
              </Button>
            </Row>
          </div>
        }
      />
    );
  }
  if (failure?.kind === 'locked') {
    return (
      <Alert
        type="warning"
        showIcon
        title={t.reports.stateChangedTitle}
        description={failure.problem.detail || t.reports.stateChangedText}
        action={
          <Button size="small" onClick={() => void autosave.reload(false)}>
            {t.reports.reload}
          </Button>
        }
      />
    );
  }
  if (failure?.kind === 'refused') {
    return <ProblemAlert problem={failure.problem} title={t.reports.saveFailedTitle} />;
  }
  if (failure?.kind === 'transient' || grid.problem) {
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="save-failed"
        title={t.reports.saveFailedTitle}
        description={`${(failure?.problem ?? grid.problem)?.detail ?? ''} ${t.reports.saveFailedText}`}
        action={
          <Button size="small" onClick={retryNow}>
            {t.reports.save.retryNow}
          </Button>
        }
      />
    );
  }
  return null;
}
