import { useCallback, useMemo, useState } from 'react';
import type { TReport, TReportItem } from '../../../../common/contracts/reports';
import { type FieldValue, itemField } from './report-fields';

/**
 * Where a task of the report stands for the unit:
 * - todo: nothing written for the period yet (no results);
 * - carried: results written, but the progress shown is last period's, not confirmed;
 * - filled: results written and the progress entered or confirmed.
 */
export type FillState = 'filled' | 'carried' | 'todo';
export type TaskFilter = 'all' | 'todo' | 'lead' | 'cooperator';
export const TASK_FILTERS: readonly TaskFilter[] = ['all', 'todo', 'lead', 'cooperator'];

/** Up to this many tasks, every card starts open: a commune's report reads as one form. */
export const EXPAND_ALL_UP_TO = 5;

export function fillState(item: TReportItem, value: (field: string) => FieldValue): FillState {
  const id = item.planItem.id;
  const results = value(itemField(id, 'results'));
  if (typeof results !== 'string' || results.trim() === '') return 'todo';
  return value(itemField(id, 'progress')) === null ? 'carried' : 'filled';
}

/** Tasks the unit leads first, then those it co-operates on, each in the plan's order. */
export function orderedTasks(report: TReport): TReportItem[] {
  return [...report.items.filter((i) => i.role === 'lead'), ...report.items.filter((i) => i.role !== 'lead')];
}

export function taskElementId(planItemId: string) {
  return `report-task-${planItemId}`;
}

export interface TaskNavigation {
  tasks: TReportItem[];
  states: ReadonlyMap<string, FillState>;
  filter: TaskFilter;
  setFilter(filter: TaskFilter): void;
  /** the tasks the filter shows; the open task stays shown while it is being filled */
  shown: TReportItem[];
  isExpanded(planItemId: string): boolean;
  toggle(planItemId: string): void;
  setAllExpanded(expanded: boolean): void;
  /** opens the task alone and brings it into view */
  open(planItemId: string): void;
  /** the first task after the open one (wrapping round) that is not filled yet, or null */
  next: TReportItem | null;
  /** tasks whose progress still shows last period's figure (nothing entered or kept) */
  unconfirmed: TReportItem[];
}

/**
 * The report's tasks for a long report on a phone: an index with each task's state, a filter, cards
 * that open one at a time, and "next task to fill". Short reports (≤ 5 tasks) start with all open.
 */
export function useTaskNavigation(
  report: TReport,
  value: (field: string) => FieldValue,
  editable: boolean,
): TaskNavigation {
  const tasks = useMemo(() => orderedTasks(report), [report]);
  const states = new Map(tasks.map((item) => [item.planItem.id, fillState(item, value)]));
  const [filter, setFilter] = useState<TaskFilter>('all');
  // the task last opened or closed: "next" counts from it (from the top until then)
  const [current, setCurrent] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => {
    if (tasks.length <= EXPAND_ALL_UP_TO) return new Set(tasks.map((i) => i.planItem.id));
    // the one to fill first is open; after a return, also the tasks a reviewer commented on
    const first = editable ? tasks.find((i) => fillState(i, value) !== 'filled') : undefined;
    const commented = new Set(report.comments.map((c) => c.field.split('.')[1]));
    return new Set([
      ...(first ? [first.planItem.id] : []),
      ...tasks.filter((i) => commented.has(i.planItem.id)).map((i) => i.planItem.id),
    ]);
  });

  const shown = tasks.filter((item) => {
    const id = item.planItem.id;
    if (filter === 'all' || id === current) return true;
    if (filter === 'todo') return states.get(id) !== 'filled';
    return item.role === filter;
  });

  const toggle = useCallback((planItemId: string) => {
    setCurrent(planItemId);
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(planItemId)) next.delete(planItemId);
      else next.add(planItemId);
      return next;
    });
  }, []);

  const open = useCallback((planItemId: string) => {
    setCurrent(planItemId);
    setExpanded(new Set([planItemId]));
    // after the render that opens it: its top under the header, its first control focused
    requestAnimationFrame(() => {
      const card = document.getElementById(taskElementId(planItemId));
      card?.scrollIntoView({ block: 'start' });
      card?.querySelector<HTMLElement>('.lt-report-task-toggle')?.focus({ preventScroll: true });
    });
  }, []);

  const setAllExpanded = useCallback(
    (all: boolean) => setExpanded(new Set(all ? tasks.map((i) => i.planItem.id) : [])),
    [tasks],
  );

  const start = current ? tasks.findIndex((i) => i.planItem.id === current) : -1;
  let next: TReportItem | null = null;
  for (let step = 1; step <= tasks.length; step++) {
    const item = tasks[(start + step + tasks.length) % tasks.length]!;
    if (states.get(item.planItem.id) !== 'filled') {
      next = item;
      break;
    }
  }

  return {
    tasks,
    states,
    filter,
    setFilter,
    shown,
    isExpanded: (id) => expanded.has(id),
    toggle,
    setAllExpanded,
    open,
    next,
    unconfirmed: tasks.filter((i) => value(itemField(i.planItem.id, 'progress')) === null),
  };
}
