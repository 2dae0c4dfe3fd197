import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { ErrorCode, TProblem } from '../../../../common';
import type { TReport } from '../../../../common/contracts/reports';
import { apiFetch, isApiError } from '../../api/client';
import { saveReport } from '../../api/reports';
import { type FieldValue, type LocalValues, savedValue, saveRequest, unsavedFields } from './report-fields';

/**
 * The report can no longer be changed here: it was sent (or accepted) meanwhile, or its round was
 * closed. Reloading shows it as it is now; saving again would not help.
 */
export const REPORT_LOCKED_CODES: readonly ErrorCode[] = ['report_not_editable', 'round_closed'];

/** After an edit, wait this long for more typing… */
const DEBOUNCE_MS = 1_500;
/** …but never hold edits longer than this while the user keeps typing. */
const MAX_WAIT_MS = 10_000;
/** Retries of a lost save wait longer each time, up to this. */
const RETRY_MAX_MS = 30_000;

/**
 * Why the last save did not go through:
 * - transient: no answer or a server error; retried automatically, with back-off, and when the
 *   browser comes back online;
 * - refused: the server refused the content (or the session is gone); waits for the next edit;
 * - conflict: someone else saved first (409); the user decides, nothing is overwritten silently;
 * - locked: the report is no longer editable (it moved on, or access changed).
 */
export type SaveFailure = { kind: 'transient' | 'refused' | 'conflict' | 'locked'; problem: TProblem };

export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | SaveFailure['kind'];

interface State {
  /** the report as the server last gave it: what the edits are based on */
  report: TReport;
  /** what the user typed, by field key */
  local: LocalValues;
  /** counts edits; `savedTick` is the count a save last covered */
  editTick: number;
  savedTick: number;
  /** when the oldest unsaved edit was made */
  pendingSince: number | null;
  saving: boolean;
  savedAt: number | null;
  failure: SaveFailure | null;
  /** transient failures in a row (for the back-off) */
  failures: number;
}

export interface ReportAutosave {
  report: TReport;
  status: SaveStatus;
  savedAt: number | null;
  failure: SaveFailure | null;
  /** delay of the next automatic retry (ms), while one is planned */
  retryInMs: number | null;
  /** fields typed but not saved yet */
  unsaved: string[];
  value(field: string): FieldValue;
  setValue(field: string, value: FieldValue): void;
  /** saves what is pending now; true when nothing is left unsaved */
  flush(): Promise<boolean>;
  retryNow(): void;
  /** after a conflict or a state change: read the latest version, dropping or keeping the edits */
  reload(keepMine: boolean): Promise<void>;
  /** a workflow step answered a new report: start from it */
  replace(report: TReport): void;
  /** the report as the server last gave it, read now (after an await, `report` may be a render old) */
  latest(): TReport;
}

/**
 * Autosave of a report: edits are kept per field and PATCHed (changed fields only, with the
 * version they were made on) after a pause in typing. Nothing typed is dropped by a failed save:
 * it stays on the page, marked unsaved, and is retried. A 409 stops saving until the user chooses.
 */
export function useReportAutosave(initial: TReport, onSaved: (report: TReport) => void): ReportAutosave {
  const state = useRef<State>({
    report: initial,
    local: {},
    editTick: 0,
    savedTick: 0,
    pendingSince: null,
    saving: false,
    savedAt: null,
    failure: null,
    failures: 0,
  });
  const [renders, rerender] = useReducer((n: number) => n + 1, 0);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;
  const reportId = initial.id;

  const send = useCallback(async (): Promise<boolean> => {
    const s = state.current;
    if (s.failure?.kind === 'conflict' || s.failure?.kind === 'locked') return false;
    const fields = unsavedFields(s.report, s.local);
    if (fields.length === 0) {
      s.pendingSince = null;
      return true;
    }
    const tick = s.editTick;
    const body = saveRequest(s.report.version, s.local, fields);
    s.saving = true;
    rerender();
    try {
      const next = await saveReport(reportId, body);
      s.report = next;
      s.savedTick = tick;
      s.failure = null;
      s.failures = 0;
      s.savedAt = Date.now();
      const left = unsavedFields(next, s.local).length;
      s.pendingSince = left ? Date.now() : null;
      onSavedRef.current(next);
      return left === 0;
    } catch (error) {
      if (!isApiError(error)) throw error;
      const { problem } = error;
      if (problem.code === 'version_conflict') {
        s.failure = { kind: 'conflict', problem };
      } else if (error.status === 0 || error.status >= 500) {
        s.failure = { kind: 'transient', problem };
        s.failures += 1;
      } else if (REPORT_LOCKED_CODES.includes(problem.code) || error.status === 403 || error.status === 404) {
        s.failure = { kind: 'locked', problem };
      } else {
        s.failure = { kind: 'refused', problem };
        s.savedTick = tick;
      }
      return false;
    } finally {
      s.saving = false;
      rerender();
    }
  }, [reportId]);

  const save = useCallback(async (): Promise<boolean> => {
    // one save at a time; a call meanwhile saves what is left once that one is answered
    while (inFlight.current) await inFlight.current;
    const running = send().finally(() => {
      inFlight.current = null;
    });
    inFlight.current = running;
    return running;
  }, [send]);

  // ---- when to save: after a pause in typing, or (after a lost save) with back-off
  const s = state.current;
  const unsaved = unsavedFields(s.report, s.local);
  const blocked = s.failure?.kind === 'conflict' || s.failure?.kind === 'locked';
  const hasNewEdits = s.editTick !== s.savedTick && unsaved.length > 0;
  const retrying = s.failure?.kind === 'transient' && unsaved.length > 0;
  const retryInMs = retrying ? Math.min(DEBOUNCE_MS * 2 ** s.failures, RETRY_MAX_MS) : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: every state change renders; `renders` is that clock
  useEffect(() => {
    const now = state.current;
    if (now.saving || blocked || (!hasNewEdits && !retrying)) return;
    const waited = now.pendingSince ? Date.now() - now.pendingSince : 0;
    const delay = retryInMs ?? Math.max(0, Math.min(DEBOUNCE_MS, MAX_WAIT_MS - waited));
    const timer = setTimeout(() => void save(), delay);
    return () => clearTimeout(timer);
  }, [renders, save]);

  useEffect(() => {
    const online = () => {
      if (state.current.failure?.kind === 'transient') void save();
    };
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [save]);

  // closing the tab with something unsaved asks first
  const anyUnsaved = unsaved.length > 0;
  useEffect(() => {
    if (!anyUnsaved) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [anyUnsaved]);

  const value = useCallback((field: string): FieldValue => {
    const now = state.current;
    return field in now.local ? (now.local[field] ?? null) : savedValue(now.report, field);
  }, []);

  const setValue = useCallback((field: string, next: FieldValue) => {
    const now = state.current;
    now.local = { ...now.local, [field]: next };
    now.editTick += 1;
    now.pendingSince ??= Date.now();
    // a refused save is tried again with the corrected content
    if (now.failure?.kind === 'refused') now.failure = null;
    rerender();
  }, []);

  const reload = useCallback(
    async (keepMine: boolean) => {
      // a save still on its way would answer after the reload and mark a conflict already resolved
      while (inFlight.current) await inFlight.current;
      const latest = await apiFetch<TReport>(`/reports/${reportId}`);
      const now = state.current;
      // only what was typed and not saved is kept: fields saved earlier show the latest version
      const pending = unsavedFields(now.report, now.local);
      now.report = latest;
      now.failure = null;
      now.failures = 0;
      if (keepMine) {
        now.local = Object.fromEntries(pending.map((field) => [field, now.local[field] ?? null]));
        now.editTick += 1;
        now.pendingSince = pending.length ? Date.now() : null;
      } else {
        now.local = {};
        now.savedTick = now.editTick;
        now.pendingSince = null;
      }
      onSavedRef.current(latest);
      rerender();
    },
    [reportId],
  );

  const replace = useCallback((report: TReport) => {
    const now = state.current;
    now.report = report;
    now.local = {};
    now.savedTick = now.editTick;
    now.pendingSince = null;
    now.failure = null;
    now.failures = 0;
    rerender();
  }, []);

  const status: SaveStatus = s.failure
    ? s.failure.kind
    : s.saving
      ? 'saving'
      : unsaved.length > 0
        ? 'pending'
        : s.savedAt
          ? 'saved'
          : 'idle';

  return {
    report: s.report,
    status,
    savedAt: s.savedAt,
    failure: s.failure,
    retryInMs,
    unsaved,
    value,
    setValue,
    flush: save,
    retryNow: () => {
      const now = state.current;
      if (now.failure?.kind === 'transient' || now.failure?.kind === 'refused') now.failure = null;
      void save();
    },
    reload,
    replace,
    latest: () => state.current.report,
  };
}
