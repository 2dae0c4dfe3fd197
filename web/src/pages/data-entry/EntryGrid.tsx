import { SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { App, Button, Input, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import {
  type ClipboardEvent,
  type HTMLAttributes,
  type KeyboardEvent,
  useCallback,
  useEffect,
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

interface Props {
  sheet: TEntrySheet;
  /** the catalogue entry of each row's indicator (direction, aggregation), by id */
  catalogue: ReadonlyMap<string, TIndicator>;
  /** the unit is the province: the yearly targets are its own figures */
  isRoot: boolean;
  narrow: boolean;
  /** reads the sheet again (new versions) after a save */
  refetch: () => Promise<unknown>;
}

const COLUMN_VALUE = 'value';
const COLUMN_COMMENT = 'comment';

/**
 * One unit × one period: a row per indicator with its value and comment. Enter / ↓ / ↑ move
 * between the rows' values, Tab goes value → comment → next value; Ctrl+S saves the changed rows.
 */
export function EntryGrid({ sheet, catalogue, isRoot, narrow, refetch }: Props) {
  const t = useT();
  const { lang } = useLocale();
  const { message, modal } = App.useApp();
  const container = useRef<HTMLDivElement>(null);
  const [drafts, setDrafts] = useState<Drafts>({});
  const [rowErrors, setRowErrors] = useState<Record<string, TRowError[]>>({});
  const [problem, setProblem] = useState<TProblem | null>(null);
  const write = useWriteDataValues();
  const rows = sheet.rows;
  const changed = useMemo(() => changedRows(rows, drafts), [rows, drafts]);
  const dirty = changed.length > 0;

  // ---- leaving with unsaved edits: another page, another unit or period, closing the tab
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

  const edit = useCallback((row: EntryRow, patch: Partial<Draft>) => {
    setDrafts((prev) => withDraft(prev, row, { ...draftOf(row, prev), ...patch }));
    setRowErrors((prev) => {
      if (!prev[row.indicator.id]) return prev;
      const { [row.indicator.id]: _, ...rest } = prev;
      return rest;
    });
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
    if (result.invalidRows.length)
      void message.warning(t.dataEntry.pasteInvalid(result.invalidRows.join(', ')));
    if (result.overflow) void message.warning(t.dataEntry.pasteOverflow(result.overflow));
    if (result.filled > 1) void message.info(t.dataEntry.pasted(result.filled));
  };

  const save = async () => {
    if (!dirty || write.isPending) return;
    setProblem(null);
    const sent = changed;
    const sentDrafts = drafts;
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
      const saved = result.created + result.updated + result.cleared;
      if (result.rejected > 0) void message.warning(t.dataEntry.partlySaved(saved, result.rejected));
      else if (saved > 0) void message.success(t.dataEntry.saved(saved));
      else void message.info(t.dataEntry.nothingWritten);
    } catch (error) {
      if (!isApiError(error)) throw error;
      setProblem(error.problem);
    }
  };

  const latestSave = useRef(save);
  latestSave.current = save;
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
      {narrow ? null : (
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
          ].join(' ')
        }
        onRow={(row) => ({ 'data-code': row.indicator.code }) as HTMLAttributes<HTMLElement>}
      />
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
    </div>
  );
}
