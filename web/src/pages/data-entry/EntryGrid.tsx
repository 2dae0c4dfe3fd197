import { SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { App, Button, Input, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import {
  type ClipboardEvent,
  type HTMLAttributes,
  type KeyboardEvent,
  type Ref,
  useCallback,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
} from 'react';
import { Link, useBlocker } from 'react-router';
import type { TProblem } from '../../../../common';
import type { TEntrySheet, TRowError } from '../../../../common/contracts/data-values';
import type { TIndicator } from '../../../../common/contracts/indicators';
import { isBlockPaste, parsePastedBlock } from '../../../../common/pasted-numbers';
import { periodMonths } from '../../../../common/periods';
import { isApiError } from '../../api/client';
import { useWriteDataValues } from '../../api/data-values';
import { AttainmentTag } from '../../components/AttainmentTag';
import { ProblemAlert } from '../../components/Feedback';
import { LocaleNumberInput } from '../../components/LocaleNumberInput';
import { useLocale, useT } from '../../i18n';
import { formatDateTime, formatNumber } from '../../lib/format';
import { simpleAttainment, targetAppliesToUnit, targetShareOfPeriod } from '../indicators/attainment';
import { indicatorName } from '../indicators/names';
import {
  applyPaste,
  changedRows,
  type Draft,
  type Drafts,
  draftOf,
  type EntryRow,
  errorsByIndicator,
  toInputs,
  withDraft,
} from './entry-state';

/** How an autosaving grid stands, for the page around it (the report form shows one save state). */
export interface GridSaveState {
  /** edits not yet written (waiting, being sent, or refused) */
  dirty: boolean;
  saving: boolean;
  /** the last save failed as a whole (network, server, session): retried automatically */
  problem: TProblem | null;
  /** rows the server refused, shown inline; they wait for the user's correction */
  refusedRows: number;
  /** when the last save went through (ms since the epoch) */
  savedAt: number | null;
}

export interface EntryGridHandle {
  /** Writes what is pending now; true when nothing is left unsaved. */
  flush(): Promise<boolean>;
}

/** After an edit, an autosaving grid waits this long for more typing. */
const AUTOSAVE_DELAY_MS = 1_500;
/** Retries of a failed autosave wait longer each time, up to this. */
const AUTOSAVE_RETRY_MAX_MS = 30_000;

interface Props {
  sheet: TEntrySheet;
  /** the catalogue entry of each row's indicator (direction, aggregation), by id */
  catalogue: ReadonlyMap<string, TIndicator>;
  /** the unit is the province: the yearly targets are its own figures */
  isRoot: boolean;
  narrow: boolean;
  /** reads the sheet again (new versions) after a save */
  refetch: () => Promise<unknown>;
  /**
   * manual (the data-entry page): a save bar, Ctrl+S, a warning before leaving with edits.
   * auto (inside a report): edits are written after a pause in typing, failed saves are retried,
   * and the page around it is told how saving stands (`onSaveState`) and may `flush` it.
   */
  mode?: 'manual' | 'auto';
  onSaveState?: (state: GridSaveState) => void;
  /** only these indicators, in the sheet's order (a report's indicators) */
  codes?: readonly string[];
  /** values shown, not editable (a report under review or locked) */
  readOnly?: boolean;
  /** indicator codes to mark as changed (a resubmitted report's difference) */
  highlight?: ReadonlySet<string>;
  ref?: Ref<EntryGridHandle>;
}

const COLUMN_VALUE = 'value';
const COLUMN_COMMENT = 'comment';

/** Leaving with unsaved edits (another page, unit or period, closing the tab) asks first. */
function UnsavedChangesGuard({ dirty }: { dirty: boolean }) {
  const t = useT();
  const { modal } = App.useApp();
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty &&
      (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  );
  const confirming = useRef(false);
  useEffect(() => {
    if (blocker.state !== 'blocked' || confirming.current) return;
    confirming.current = true;
    const { proceed, reset } = blocker;
    modal.confirm({
      title: t.dataEntry.leaveTitle,
      content: t.dataEntry.leaveText,
      okText: t.dataEntry.leave,
      okButtonProps: { danger: true },
      cancelText: t.dataEntry.stay,
      onOk: () => {
        confirming.current = false;
        proceed();
      },
      onCancel: () => {
        confirming.current = false;
        reset();
      },
    });
  }, [blocker, modal, t]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  return null;
}

const NO_HIGHLIGHT: ReadonlySet<string> = new Set();

/**
 * One unit × one period: a row per indicator with its value and comment. Enter / ↓ / ↑ move
 * between the rows' values, Tab goes value → comment → next value; Ctrl+S saves the changed rows.
 */
export function EntryGrid({
  sheet,
  catalogue,
  isRoot,
  narrow,
  refetch,
  mode = 'manual',
  onSaveState,
  codes,
  readOnly = false,
  highlight = NO_HIGHLIGHT,
  ref,
}: Props) {
  const t = useT();
  const { lang } = useLocale();
  const { message } = App.useApp();
  const container = useRef<HTMLDivElement>(null);
  const [drafts, setDrafts] = useState<Drafts>({});
  const [rowErrors, setRowErrors] = useState<Record<string, TRowError[]>>({});
  const [problem, setProblem] = useState<TProblem | null>(null);
  const write = useWriteDataValues();
  const auto = mode === 'auto';
  const rows = useMemo(() => {
    if (!codes) return sheet.rows;
    const wanted = new Set(codes);
    return sheet.rows.filter((row) => wanted.has(row.indicator.code));
  }, [sheet.rows, codes]);
  const changed = useMemo(() => changedRows(rows, drafts), [rows, drafts]);
  const dirty = changed.length > 0;

  // ---- autosave: every user edit ticks; a save covers the edits up to the tick it started at
  const [editTick, setEditTick] = useState(0);
  const [savedTick, setSavedTick] = useState(0);
  const [failures, setFailures] = useState(0);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const inFlight = useRef<Promise<boolean> | null>(null);

  const edit = useCallback((row: EntryRow, patch: Partial<Draft>) => {
    setDrafts((prev) => withDraft(prev, row, { ...draftOf(row, prev), ...patch }));
    setRowErrors((prev) => {
      if (!prev[row.indicator.id]) return prev;
      const { [row.indicator.id]: _, ...rest } = prev;
      return rest;
    });
    setEditTick((n) => n + 1);
  }, []);

  const focusCell = (index: number, column: string) => {
    const input = container.current?.querySelector<HTMLInputElement>(
      `input[data-entry-row="${index}"][data-entry-col="${column}"]`,
    );
    if (!input) return false;
    input.focus();
    input.select();
    return true;
  };

  const onValueKeyDown = (index: number) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === 'ArrowDown') {
      if (focusCell(index + 1, COLUMN_VALUE)) e.preventDefault();
    } else if (e.key === 'ArrowUp') {
      if (focusCell(index - 1, COLUMN_VALUE)) e.preventDefault();
    }
  };
  const onCommentKeyDown = (index: number) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && focusCell(index + 1, COLUMN_VALUE)) e.preventDefault();
  };

  const onValuePaste = (index: number) => (e: ClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData.getData('text/plain');
    if (!isBlockPaste(text)) return;
    e.preventDefault();
    const result = applyPaste(rows, index, parsePastedBlock(text), drafts);
    setDrafts(result.drafts);
    setEditTick((n) => n + 1);
    if (result.invalidRows.length)
      void message.warning(t.dataEntry.pasteInvalid(result.invalidRows.join(', ')));
    if (result.overflow) void message.warning(t.dataEntry.pasteOverflow(result.overflow));
    if (result.filled > 1) void message.info(t.dataEntry.pasted(result.filled));
  };

  /** Writes the changed rows; true when all of them went through. Toasts only in manual mode. */
  const send = async (): Promise<boolean> => {
    if (!dirty || readOnly) return true;
    setProblem(null);
    const sent = changed;
    const sentDrafts = drafts;
    const sentTick = editTick;
    const ids = sent.map((r) => r.indicator.id);
    try {
      const result = await write.mutateAsync(toInputs(sent, drafts, sheet.orgUnit.code, sheet.period));
      const errors = errorsByIndicator(result.errors, ids);
      await refetch();
      // saved rows show the server's copy now; an edit typed meanwhile stays
      setDrafts((prev) => {
        const next: Record<string, Draft> = { ...prev };
        for (const id of ids) if (!errors[id] && prev[id] === sentDrafts[id]) delete next[id];
        return next;
      });
      setRowErrors(errors);
      setSavedTick(sentTick);
      setFailures(0);
      setSavedAt(Date.now());
      const saved = result.created + result.updated + result.cleared;
      if (!auto) {
        if (result.rejected > 0) void message.warning(t.dataEntry.partlySaved(saved, result.rejected));
        else if (saved > 0) void message.success(t.dataEntry.saved(saved));
        else void message.info(t.dataEntry.nothingWritten);
      }
      return result.rejected === 0;
    } catch (error) {
      if (!isApiError(error)) throw error;
      setProblem(error.problem);
      // a request the server refused as a whole waits for the next edit; a lost one is retried
      const transient = error.status === 0 || error.status >= 500;
      if (transient) setFailures((n) => n + 1);
      else setSavedTick(sentTick);
      return false;
    }
  };

  const save = async (): Promise<boolean> => {
    if (inFlight.current) return inFlight.current;
    const running = send().finally(() => {
      inFlight.current = null;
    });
    inFlight.current = running;
    return running;
  };

  const latestSave = useRef(save);
  latestSave.current = save;

  // autosave a moment after the last edit; after a failure, back off (1.5 s, 3 s, 6 s … 30 s)
  const pendingEdits = auto && !readOnly && dirty && editTick !== savedTick;
  const retrying = auto && !readOnly && dirty && failures > 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: each edit (editTick) restarts the wait
  useEffect(() => {
    if ((!pendingEdits && !retrying) || write.isPending) return;
    const delay = Math.min(AUTOSAVE_DELAY_MS * 2 ** failures, AUTOSAVE_RETRY_MAX_MS);
    const timer = setTimeout(() => void latestSave.current(), delay);
    return () => clearTimeout(timer);
  }, [pendingEdits, retrying, editTick, failures, write.isPending]);

  useImperativeHandle(
    ref,
    () => ({
      flush: async () => {
        if (inFlight.current) await inFlight.current;
        // let the outcome of that save render before looking at what is left
        await new Promise((resolve) => setTimeout(resolve, 0));
        return latestSave.current();
      },
    }),
    [],
  );

  const refusedRows = Object.keys(rowErrors).length;
  useEffect(() => {
    onSaveState?.({ dirty, saving: write.isPending, problem, refusedRows, savedAt });
  }, [onSaveState, dirty, write.isPending, problem, refusedRows, savedAt]);
  const onKeyDownCapture = (e: KeyboardEvent<HTMLDivElement>) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      // the focused value is committed on blur: blur first, save once that edit is rendered
      (document.activeElement as HTMLElement | null)?.blur();
      setTimeout(() => void latestSave.current(), 0);
    }
  };

  /** The yearly target, and what of it this period should bring (a flow: its share of the year). */
  const targetOf = (row: EntryRow) => {
    const indicator = catalogue.get(row.indicator.id);
    const yearly = row.indicator.target;
    if (yearly === null || !indicator || !targetAppliesToUnit(indicator, isRoot)) return null;
    const share = targetShareOfPeriod(indicator, periodMonths(sheet.period).length);
    return { yearly, target: yearly * share, partial: share !== 1, indicator };
  };

  const statusOf = (row: EntryRow, draft: Draft) => {
    const unsaved = drafts[row.indicator.id] !== undefined;
    const judged = targetOf(row);
    const attainment = judged
      ? simpleAttainment(draft.value, judged.target, judged.indicator.direction)
      : null;
    return (
      <span className="lt-entry-status">
        {attainment && judged ? (
          <AttainmentTag
            status={attainment}
            title={t.indicators.attainmentTitle(formatNumber(draft.value ?? 0), formatNumber(judged.target))}
          />
        ) : null}
        {unsaved ? (
          <Tag color="gold" data-testid="entry-unsaved">
            {t.dataEntry.unsaved}
          </Tag>
        ) : null}
      </span>
    );
  };

  const errorsFor = (row: EntryRow, fields: 'value' | 'comment' | 'other') =>
    (rowErrors[row.indicator.id] ?? []).filter((e) =>
      fields === 'other' ? e.field !== 'value' && e.field !== 'comment' : e.field === fields,
    );

  const errorText = (errors: TRowError[]) =>
    errors.length ? (
      <div className="lt-entry-error" role="alert" data-testid="entry-row-error">
        {errors.map((e) => e.message).join(' ')}
      </div>
    ) : null;

  const indicatorCell = (row: EntryRow) => (
    <div className="lt-entry-indicator">
      <div>
        <span className="lt-code">{row.indicator.code}</span>{' '}
        <Link to={`/chi-tieu/${row.indicator.id}?orgUnitId=${sheet.orgUnit.id}`} tabIndex={-1}>
          {indicatorName({ name: row.indicator.name, nameEn: catalogue.get(row.indicator.id)?.nameEn }, lang)}
        </Link>
      </div>
      <div className="lt-row-meta">
        <span>{row.indicator.unit}</span>
        {row.updatedAt && row.updatedBy ? (
          <span>{t.dataEntry.updatedBy(row.updatedBy, formatDateTime(row.updatedAt))}</span>
        ) : null}
      </div>
    </div>
  );

  const valueInput = (row: EntryRow, index: number, draft: Draft) => {
    const errors = errorsFor(row, 'value');
    if (readOnly) {
      return (
        <span className="lt-entry-readonly-value" data-testid="entry-value-text">
          {draft.value === null ? '—' : formatNumber(draft.value)}
        </span>
      );
    }
    return (
      <>
        <LocaleNumberInput
          value={draft.value}
          onChange={(value) => edit(row, { value: typeof value === 'number' ? value : null })}
          onKeyDown={onValueKeyDown(index)}
          onPaste={onValuePaste(index)}
          keyboard={false}
          controls={false}
          placeholder={row.indicator.valueType === 'boolean' ? t.dataEntry.booleanHint : undefined}
          status={errors.length ? 'error' : undefined}
          aria-label={t.dataEntry.valueOf(row.indicator.code)}
          aria-invalid={errors.length > 0 || undefined}
          data-entry-row={index}
          data-entry-col={COLUMN_VALUE}
          data-testid="entry-value"
          className="lt-entry-value"
        />
        {errorText(errors)}
      </>
    );
  };

  const commentInput = (row: EntryRow, index: number, draft: Draft) => {
    const errors = errorsFor(row, 'comment');
    if (readOnly) {
      return draft.comment ? <span className="lt-entry-readonly-comment">{draft.comment}</span> : null;
    }
    return (
      <>
        <Input
          value={draft.comment}
          onChange={(e) => edit(row, { comment: e.target.value })}
          onKeyDown={onCommentKeyDown(index)}
          maxLength={2000}
          placeholder={t.dataEntry.commentPlaceholder}
          status={errors.length ? 'error' : undefined}
          aria-label={t.dataEntry.commentOf(row.indicator.code)}
          aria-invalid={errors.length > 0 || undefined}
          data-entry-row={index}
          data-entry-col={COLUMN_COMMENT}
          data-testid="entry-comment"
        />
        {errorText(errors)}
        {errorText(errorsFor(row, 'other'))}
      </>
    );
  };

  const targetCell = (row: EntryRow) => {
    const judged = targetOf(row);
    if (!judged) {
      return row.indicator.target === null ? (
        '—'
      ) : (
        <Tooltip title={t.indicators.targetNotComparable}>
          <span className="lt-entry-target-na">—</span>
        </Tooltip>
      );
    }
    return (
      <span className="lt-nowrap">
        {formatNumber(judged.yearly)}
        {judged.partial ? (
          <span className="lt-entry-target-share"> {t.dataEntry.perPeriod(formatNumber(judged.target))}</span>
        ) : null}
      </span>
    );
  };

  const columns: TableColumnsType<EntryRow> = narrow
    ? [
        {
          key: 'row',
          title: t.dataEntry.indicator,
          render: (_, row, index) => {
            const draft = draftOf(row, drafts);
            return (
              <div className="lt-entry-stack">
                {indicatorCell(row)}
                <div className="lt-entry-stack-line">
                  <div className="lt-entry-stack-value">{valueInput(row, index, draft)}</div>
                  <div className="lt-entry-stack-target">
                    <span className="lt-entry-label">{t.dataEntry.target}</span> {targetCell(row)}
                  </div>
                </div>
                {commentInput(row, index, draft)}
                {statusOf(row, draft)}
              </div>
            );
          },
        },
      ]
    : [
        { key: 'indicator', title: t.dataEntry.indicator, render: (_, row) => indicatorCell(row) },
        {
          key: 'target',
          title: t.dataEntry.target,
          width: 110,
          align: 'right',
          render: (_, row) => targetCell(row),
        },
        {
          key: 'value',
          title: t.dataEntry.value,
          width: 170,
          render: (_, row, index) => valueInput(row, index, draftOf(row, drafts)),
        },
        {
          key: 'comment',
          title: t.dataEntry.comment,
          width: '28%',
          render: (_, row, index) => commentInput(row, index, draftOf(row, drafts)),
        },
        {
          key: 'status',
          title: t.dataEntry.status,
          width: 130,
          render: (_, row) => statusOf(row, draftOf(row, drafts)),
        },
      ];

  return (
    <div ref={container} onKeyDownCapture={onKeyDownCapture} data-testid="entry-grid" className="lt-entry">
      {auto ? null : <UnsavedChangesGuard dirty={dirty} />}
      {narrow || auto ? null : (
        <Typography.Paragraph type="secondary" className="lt-entry-hint">
          {t.dataEntry.keyboardHint}
        </Typography.Paragraph>
      )}
      {problem ? (
        <ProblemAlert problem={problem} title={t.dataEntry.saveFailed} onClose={() => setProblem(null)} />
      ) : null}
      <Table<EntryRow>
        size="small"
        rowKey={(row) => row.indicator.id}
        columns={columns}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t.dataEntry.empty }}
        rowClassName={(row) =>
          [
            drafts[row.indicator.id] ? 'lt-entry-row-changed' : '',
            rowErrors[row.indicator.id] ? 'lt-entry-row-error' : '',
            highlight.has(row.indicator.code) ? 'lt-entry-row-highlight' : '',
          ].join(' ')
        }
        onRow={(row) =>
          ({
            'data-code': row.indicator.code,
            'data-changed': highlight.has(row.indicator.code) || undefined,
          }) as HTMLAttributes<HTMLElement>
        }
      />
      {auto ? null : (
        <div className="lt-entry-savebar" data-testid="entry-savebar">
          <span className="lt-entry-changed" data-testid="entry-changed">
            {dirty ? t.dataEntry.changed(changed.length) : t.dataEntry.noChanges}
          </span>
          <Space>
            <Button
              icon={<UndoOutlined />}
              disabled={!dirty || write.isPending}
              onClick={() => {
                setDrafts({});
                setRowErrors({});
              }}
              aria-label={t.dataEntry.discard}
            >
              {narrow ? null : t.dataEntry.discard}
            </Button>
            <Button
              type="primary"
              icon={<SaveOutlined />}
              loading={write.isPending}
              disabled={!dirty}
              onClick={() => void save()}
              data-testid="entry-save"
            >
              {t.dataEntry.save}
            </Button>
          </Space>
        </div>
      )}
    </div>
  );
}
