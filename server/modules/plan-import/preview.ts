/**
 * Rows of an annex → what each becomes in the plan, with every error and warning on its row and
 * column. Pure: the agencies come from a matcher built beforehand, the target plan's codes from
 * the caller. The same function checks an uploaded file and the rows sent back to be written.
 */
import type { TOrgUnitRef } from '../../../common/contracts/fields';
import type {
  AnnexColumn,
  TAnnexLayout,
  TAnnexRow,
  TImportedItem,
  TImportIssue,
  TPlanHints,
  TPlanImportPreview,
  TPreviewRow,
} from '../../../common/contracts/plan-import';
import type { PlanItemKind } from '../../../common/enums';
import { LIMITS } from '../../../common/limits';
import { formatDay, parseWhen } from './deadline';
import type { AgencyMatcher, Match, MatchUnit } from './matcher';
import { CodeReader, parentCodeOf, parseNumbering } from './numbering';
import { COLUMN_LABELS } from './parser';

export interface PreviewContext {
  matcher: AgencyMatcher;
  /** the plan's years: "Hằng năm" runs to the end; deadlines outside are flagged */
  horizon: { start: number; end: number };
  /** items already in the target plan, by code (empty for a new plan) */
  existing: ReadonlyMap<string, { kind: PlanItemKind; archived: boolean }>;
}

const ref = (u: MatchUnit): TOrgUnitRef => ({ id: u.id, code: u.code, name: u.name, shortName: u.shortName });
const quote = (text: string) => `“${text.length > 80 ? `${text.slice(0, 80)}…` : text}”`;

/** The findings of one row, each naming the row and the column as the file has them. */
class RowIssues {
  readonly list: TImportIssue[] = [];
  constructor(
    private readonly row: number,
    private readonly letters: ReadonlyMap<AnnexColumn, string>,
  ) {}

  add(severity: TImportIssue['severity'], code: string, column: AnnexColumn | null, text: string) {
    const letter = column ? this.letters.get(column) : undefined;
    const where = column
      ? `Dòng ${this.row}, cột ${letter ? `${letter} ` : ''}(${COLUMN_LABELS[column]})`
      : `Dòng ${this.row}`;
    this.list.push({
      severity,
      code,
      row: this.row,
      column,
      cell: column && letter ? `${letter}${this.row}` : null,
      message: `${where}: ${text}`,
    });
  }
}

function describeAgencyProblem(match: Match, issues: RowIssues, column: 'lead' | 'cooperators') {
  if (match.kind === 'unknown') {
    const hint = match.suggestion ? ` Có phải ${quote(match.suggestion.name)}?` : '';
    issues.add(
      'error',
      'unknown_agency',
      column,
      `không tìm thấy cơ quan ${quote(match.text.trim())} trong danh mục đơn vị.${hint}`,
    );
  } else if (match.kind === 'ambiguous') {
    const names = match.units
      .slice(0, 4)
      .map((u) => `${u.name} (${u.code})`)
      .join('; ');
    issues.add(
      'error',
      'ambiguous_agency',
      column,
      `${quote(match.text.trim())} có thể là nhiều đơn vị: ${names}. Hãy ghi tên đầy đủ hoặc mã đơn vị trong ngoặc.`,
    );
  }
}

interface Agencies {
  lead: TOrgUnitRef | null;
  cooperators: TOrgUnitRef[];
  groups: { label: string; count: number }[];
  /** the units of the groups, not named one by one (kept out of the preview: 130 communes a row) */
  members: string[];
}

function readAgencies(cells: TAnnexRow['cells'], matcher: AgencyMatcher, issues: RowIssues): Agencies {
  const out: Agencies = { lead: null, cooperators: [], groups: [], members: [] };
  const cooperators = new Map<string, TOrgUnitRef>();
  const members = new Set<string>();
  const leads = matcher.matchList(cells.lead);
  const named = leads.filter((m): m is Extract<Match, { kind: 'unit' }> => m.kind === 'unit');
  for (const match of leads) {
    describeAgencyProblem(match, issues, 'lead');
    if (match.kind === 'vague') {
      issues.add('error', 'vague_lead', 'lead', `${quote(match.text.trim())} không chỉ rõ cơ quan chủ trì.`);
    } else if (match.kind === 'collective') {
      // many units cannot lead one task: they take part in it, and the task has no lead of its own
      for (const u of match.units) members.add(u.id);
      out.groups.push({ label: match.text.trim(), count: match.units.length });
      issues.add(
        'warning',
        'collective_lead',
        'lead',
        `${quote(match.text.trim())} là ${match.units.length} đơn vị, không thể cùng chủ trì: nhiệm vụ không có cơ quan chủ trì, các đơn vị này được ghi là đơn vị phối hợp.`,
      );
    }
  }
  if (named.length > 1) {
    issues.add(
      'error',
      'several_leads',
      'lead',
      `có ${named.length} cơ quan (${named.map((m) => m.unit.name).join('; ')}); mỗi nhiệm vụ chỉ một cơ quan chủ trì — hãy chuyển các cơ quan còn lại sang cột ${COLUMN_LABELS.cooperators}.`,
    );
  } else if (named[0]) out.lead = ref(named[0].unit);

  for (const match of matcher.matchList(cells.cooperators)) {
    describeAgencyProblem(match, issues, 'cooperators');
    if (match.kind === 'unit') cooperators.set(match.unit.id, ref(match.unit));
    else if (match.kind === 'collective') {
      for (const u of match.units) members.add(u.id);
      out.groups.push({ label: match.text.trim(), count: match.units.length });
    } else if (match.kind === 'vague') {
      issues.add(
        'warning',
        'vague_agency',
        'cooperators',
        `${quote(match.text.trim())} không chỉ rõ đơn vị nào: không được ghi là đơn vị phối hợp.`,
      );
    }
  }
  if (out.lead) {
    cooperators.delete(out.lead.id);
    members.delete(out.lead.id);
  }
  out.cooperators = [...cooperators.values()];
  out.members = [...members].filter((id) => !cooperators.has(id));
  return out;
}

/** One row on its own: numbering → code, title, agencies, dates. Kinds and parents come after. */
function readRow(
  row: TAnnexRow,
  codes: CodeReader,
  ctx: PreviewContext,
  letters: ReadonlyMap<AnnexColumn, string>,
  members: Map<number, string[]>,
): TPreviewRow {
  const { cells } = row;
  const issues = new RowIssues(row.row, letters);
  if (cells.stt === '' && cells.title === '') {
    issues.add('warning', 'no_task', null, 'không có số thứ tự và tên nhiệm vụ: dòng được bỏ qua.');
    return { row: row.row, cells, item: null, issues: issues.list };
  }
  let code: string | null = null;
  const numbering = parseNumbering(cells.stt);
  if (cells.stt === '') {
    issues.add('error', 'missing_numbering', 'stt', 'chưa có số thứ tự (I, II…, 1, 1.1, a)…).');
  } else if (!numbering) {
    issues.add(
      'error',
      'bad_numbering',
      'stt',
      `${quote(cells.stt)} không phải số thứ tự (I, II…; 1, 1.1…; a), b)…).`,
    );
  } else {
    const read = codes.read(numbering);
    if ('error' in read) {
      issues.add(
        'error',
        'letter_without_parent',
        'stt',
        `mục ${quote(cells.stt)} không có mục đánh số nào ở trên.`,
      );
    } else if (read.code.length > LIMITS.codeLength) {
      issues.add('error', 'code_too_long', 'stt', `số thứ tự quá dài (tối đa ${LIMITS.codeLength} ký tự).`);
    } else code = read.code;
  }
  if (cells.title === '') {
    issues.add('error', 'missing_title', 'title', 'chưa có tên nhiệm vụ.');
  } else if (cells.title.length > LIMITS.titleLength) {
    issues.add(
      'error',
      'too_long',
      'title',
      `tên nhiệm vụ dài ${cells.title.length} ký tự (tối đa ${LIMITS.titleLength}).`,
    );
  }
  if (cells.product.length > LIMITS.nameLength) {
    issues.add(
      'error',
      'too_long',
      'product',
      `dài ${cells.product.length} ký tự (tối đa ${LIMITS.nameLength}).`,
    );
  }
  const agencies = readAgencies(cells, ctx.matcher, issues);
  const deadline = parseWhen(cells.deadline, 'end', ctx.horizon.end);
  if (!deadline.ok) issues.add('error', 'bad_deadline', 'deadline', `${deadline.reason}.`);
  const start = parseWhen(cells.start, 'start', ctx.horizon.end);
  if (!start.ok) issues.add('error', 'bad_start', 'start', `${start.reason}.`);
  const deadlineDate = deadline.ok ? deadline.date : null;
  const startDate = start.ok ? start.date : null;
  if (startDate && deadlineDate && startDate > deadlineDate) {
    issues.add(
      'error',
      'start_after_deadline',
      'start',
      `ngày bắt đầu ${formatDay(startDate)} sau thời gian hoàn thành ${formatDay(deadlineDate)}.`,
    );
  }
  if (agencies.members.length) members.set(row.row, agencies.members);
  const item: TImportedItem | null =
    code === null
      ? null
      : {
          code,
          parentCode: parentCodeOf(code),
          kind: numbering?.kind === 'roman' ? 'group' : 'task',
          title: cells.title.normalize('NFC'),
          lead: agencies.lead,
          cooperators: agencies.cooperators,
          cooperatorGroups: agencies.groups,
          startDate,
          deadline: deadlineDate,
          recurrence: deadline.ok ? deadline.recurrence : 'none',
          expectedProduct: cells.product === '' ? null : cells.product.normalize('NFC'),
        };
  return { row: row.row, cells, item, issues: issues.list };
}

/**
 * The whole check: each row, then codes unique, parents present, kinds, and the counts.
 * `members` receives, by row, the units of phrases like "UBND các xã, phường" (the preview shows
 * only their count).
 */
export function buildPreview(
  input: { layout: TAnnexLayout; hints: TPlanHints; rows: TAnnexRow[]; issues?: TImportIssue[] },
  ctx: PreviewContext,
  members: Map<number, string[]> = new Map(),
): TPlanImportPreview {
  const letters = new Map(input.layout.columns.map((c) => [c.key, c.letter] as const));
  const ordered = [...input.rows].sort((a, b) => a.row - b.row);
  const romanMode = ordered.some((r) => parseNumbering(r.cells.stt)?.kind === 'roman');
  const codes = new CodeReader(romanMode);
  const rows = ordered.map((row) => readRow(row, codes, ctx, letters, members));

  const firstRowOf = new Map<string, number>();
  const parents = new Set<string>();
  for (const r of rows) {
    if (!r.item) continue;
    if (!firstRowOf.has(r.item.code)) firstRowOf.set(r.item.code, r.row);
    if (r.item.parentCode) parents.add(r.item.parentCode);
  }
  for (const r of rows) {
    const item = r.item;
    if (!item) continue;
    const issues = new RowIssues(r.row, letters);
    const first = firstRowOf.get(item.code)!;
    if (first !== r.row) {
      issues.add(
        'error',
        'duplicate_code',
        'stt',
        `số thứ tự ${quote(r.cells.stt)} (mã ${item.code}) trùng với dòng ${first}. Nếu Excel đã đổi “1.10” thành “1.1”, hãy định dạng cột STT là Văn bản (Text).`,
      );
    }
    if (ctx.existing.has(item.code)) {
      issues.add('error', 'code_exists', 'stt', `mã ${item.code} đã có trong kế hoạch.`);
    }
    if (item.parentCode && !firstRowOf.has(item.parentCode)) {
      const existing = ctx.existing.get(item.parentCode);
      if (!existing) {
        issues.add(
          'error',
          'missing_parent',
          'stt',
          `không có mục cha mã ${item.parentCode} (trong tệp hoặc trong kế hoạch).`,
        );
      } else if (existing.archived) {
        issues.add(
          'error',
          'parent_archived',
          'stt',
          `mục cha ${item.parentCode} trong kế hoạch đã lưu trữ.`,
        );
      } else if (existing.kind !== 'group') {
        issues.add(
          'error',
          'parent_not_group',
          'stt',
          `mục cha ${item.parentCode} trong kế hoạch là nhiệm vụ, không phải nhóm.`,
        );
      }
    }
    if (parents.has(item.code)) item.kind = 'group';
    if (item.kind !== 'group') {
      if (!item.lead && item.cooperatorGroups.length === 0 && r.cells.lead === '') {
        issues.add(
          'warning',
          'no_lead',
          'lead',
          'chưa có cơ quan chủ trì: chỉ Văn phòng và lãnh đạo tỉnh thấy nhiệm vụ này.',
        );
      }
      if (!item.deadline && r.cells.deadline === '') {
        issues.add('warning', 'no_deadline', 'deadline', 'chưa có thời gian hoàn thành.');
      }
    }
    const year = item.deadline ? Number(item.deadline.slice(0, 4)) : null;
    if (year !== null && (year < ctx.horizon.start || year > ctx.horizon.end)) {
      issues.add(
        'warning',
        'outside_horizon',
        'deadline',
        `hạn ${formatDay(item.deadline!)} nằm ngoài thời kỳ kế hoạch ${ctx.horizon.start}–${ctx.horizon.end}.`,
      );
    }
    r.issues.push(...issues.list);
  }

  const all = [...(input.issues ?? []), ...rows.flatMap((r) => r.issues)];
  const errors = all.filter((i) => i.severity === 'error').length;
  const items = rows.flatMap((r) => (r.item ? [r.item] : []));
  return {
    layout: input.layout,
    hints: input.hints,
    rows,
    issues: input.issues ?? [],
    counts: {
      rows: rows.length,
      groups: items.filter((i) => i.kind === 'group').length,
      tasks: items.filter((i) => i.kind !== 'group').length,
      errors,
      warnings: all.length - errors,
    },
    canCommit: errors === 0 && items.length > 0,
  };
}
