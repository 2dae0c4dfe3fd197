import type { TDataValueInput, TEntrySheet, TRowError } from '../../../../common/contracts/data-values';
import { parseLocaleNumber } from '../../../../common/pasted-numbers';

export type EntryRow = TEntrySheet['rows'][number];

/** What the grid shows for a row: the saved value and comment, or the user's edit of them. */
export interface Draft {
  value: number | null;
  comment: string;
}

/** Edits by indicator id; a row without an entry shows what is saved. */
export type Drafts = Readonly<Record<string, Draft>>;

const commentOrNull = (comment: string): string | null => comment.trim() || null;

export function savedDraft(row: EntryRow): Draft {
  return { value: row.value, comment: row.comment ?? '' };
}

export function draftOf(row: EntryRow, drafts: Drafts): Draft {
  return drafts[row.indicator.id] ?? savedDraft(row);
}

export function isChanged(row: EntryRow, draft: Draft): boolean {
  return draft.value !== row.value || commentOrNull(draft.comment) !== (row.comment ?? null);
}

/** Records an edit; an edit back to what is saved is no edit. */
export function withDraft(drafts: Drafts, row: EntryRow, draft: Draft): Drafts {
  const { [row.indicator.id]: _, ...rest } = drafts;
  return isChanged(row, draft) ? { ...rest, [row.indicator.id]: draft } : rest;
}

export function changedRows(rows: readonly EntryRow[], drafts: Drafts): EntryRow[] {
  return rows.filter((row) => {
    const draft = drafts[row.indicator.id];
    return draft !== undefined && isChanged(row, draft);
  });
}

/** The request rows for the changed rows, in grid order, each with the version it was based on. */
export function toInputs(
  changed: readonly EntryRow[],
  drafts: Drafts,
  orgUnitCode: string,
  period: string,
): TDataValueInput[] {
  return changed.map((row) => {
    const draft = draftOf(row, drafts);
    return {
      indicatorCode: row.indicator.code,
      orgUnitCode,
      period,
      value: draft.value,
      comment: commentOrNull(draft.comment),
      ...(row.version === null ? {} : { version: row.version }),
    };
  });
}

/** The write result numbers its errors by position in the sent array (from 1): back to indicator ids. */
export function errorsByIndicator(
  errors: readonly TRowError[],
  sentIds: readonly string[],
): Record<string, TRowError[]> {
  const byId: Record<string, TRowError[]> = {};
  for (const error of errors) {
    const id = sentIds[error.row - 1];
    if (id === undefined) continue;
    byId[id] = [...(byId[id] ?? []), error];
  }
  return byId;
}

export interface PasteResult {
  drafts: Drafts;
  /** rows of the grid that took a value or a comment */
  filled: number;
  /** 1-based rows of the block whose first cell is not a number */
  invalidRows: number[];
  /** block rows below the last row of the grid */
  overflow: number;
}

/**
 * A block pasted into the value cell of row `start`: its first column fills the values of that
 * row and the ones below, its second column their comments. Numbers are read by
 * `parseLocaleNumber` ("85,5", "1.234"). Empty cells, and cells that are not numbers, leave the
 * grid's cell as it is (as re-sending a file with empty cells changes nothing).
 */
export function applyPaste(
  rows: readonly EntryRow[],
  start: number,
  block: readonly (readonly string[])[],
  drafts: Drafts,
): PasteResult {
  let next = drafts;
  let filled = 0;
  const invalidRows: number[] = [];
  let overflow = 0;
  block.forEach((cells, k) => {
    const row = rows[start + k];
    if (!row) {
      overflow += 1;
      return;
    }
    const draft = { ...draftOf(row, next) };
    let touched = false;
    const parsed = parseLocaleNumber(cells[0] ?? '');
    if (!parsed.ok) invalidRows.push(k + 1);
    else if (parsed.value !== null) {
      draft.value = parsed.value;
      touched = true;
    }
    const comment = cells[1]?.trim();
    if (comment) {
      draft.comment = comment;
      touched = true;
    }
    if (touched) {
      next = withDraft(next, row, draft);
      filled += 1;
    }
  });
  return { drafts: next, filled, invalidRows, overflow };
}
