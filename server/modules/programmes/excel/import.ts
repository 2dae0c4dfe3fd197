/**
 * Importing one sheet (programmes, support policies or budget lines) from Excel. The file is read
 * in the parse worker under the upload limits (server/files/xlsx-upload.ts, as the plan annex: the
 * same checks for passwords, macros, bombs); each row becomes the same request the form sends, checked by the same
 * zod schema and resolved (unit, programme and task codes) against the database, with the actor's
 * scope checked per row. The preview lists every error and warning by row and column; the import
 * re-runs the whole check inside one transaction and writes every row or none.
 */
import { eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type CatalogueSheet,
  FUNDING_SOURCE_LABELS,
  type FundingSource,
  POLICY_STATUS_LABELS,
  PROGRAMME_STATUS_LABELS,
  type TCatalogueImportIssue,
  type TCatalogueImportPreview,
  ZCreateBudgetLineRequest,
  ZCreatePolicyRequest,
  ZCreateProgrammeRequest,
} from '../../../../common/contracts/programmes';
import type { Executor, Transaction } from '../../../db/client';
import { describeIssue } from '../../../errors/validation';
import type { FileSource } from '../../../files/source';
import type { FileRecord } from '../../../files/spreadsheet';
import { readXlsxUpload } from '../../../files/xlsx-upload';
import { type Actor, type ResourceType, scopeOf } from '../../../policy';
import { orgUnits } from '../../org-units/tables';
import { planItems } from '../../plan-items/tables';
import { lockCatalogue, saveBudgetLine, savePolicy, saveProgramme } from '../service';
import { budgetLines, programmes, supportPolicies } from '../tables';
import {
  type Parsed,
  parseChoice,
  parseDate,
  parsePercent,
  parseVnd,
  parseYear,
  parseYesNo,
  sameHeader,
  splitCodes,
} from './cells';
import { type Column, ONGOING, SHEET_COLUMNS, SHEET_NAMES } from './columns';

type Cells = Record<string, string>;

/** A checked row: what it does, and the write it makes on import. */
interface PlannedRow {
  action: 'create' | 'update';
  apply: (tx: Transaction) => Promise<unknown>;
}

const SOURCE_ALIASES: Record<string, FundingSource> = {
  nstw: 'central',
  'ngan sach trung uong': 'central',
  'ns tinh': 'provincial',
  nsdp: 'provincial',
  'ngan sach dia phuong': 'provincial',
  oda: 'oda',
  'xa hoi hoa': 'private',
  'tu nhan': 'private',
  ppp: 'ppp',
};

/** The rows of a sheet, the issues found, and the lookups rows are resolved against. */
class SheetCheck {
  readonly issues: TCatalogueImportIssue[] = [];
  readonly planned: PlannedRow[] = [];
  private readonly columns: readonly Column[];

  constructor(
    readonly sheet: CatalogueSheet,
    readonly actor: Actor,
  ) {
    this.columns = SHEET_COLUMNS[sheet];
  }

  header(key: string) {
    return this.columns.find((c) => c.key === key)?.header ?? key;
  }

  error(row: number | null, key: string | null, message: string) {
    this.add('error', row, key, message);
  }

  warn(row: number, key: string, message: string) {
    this.add('warning', row, key, message);
  }

  private add(severity: 'error' | 'warning', row: number | null, key: string | null, message: string) {
    const column = key ? this.header(key) : null;
    const where = [
      `Trang “${SHEET_NAMES[this.sheet]}”`,
      row ? `dòng ${row}` : null,
      column ? `cột “${column}”` : null,
    ]
      .filter(Boolean)
      .join(', ');
    this.issues.push({ severity, sheet: this.sheet, row, column, message: `${where}: ${message}` });
  }

  /** A cell's value by its parser; an unparsable cell is reported and gives undefined. */
  cell<T>(row: number, cells: Cells, key: string, parse: (text: string) => Parsed<T>): T | null | undefined {
    if (!(key in cells)) return undefined;
    const value = parse(cells[key]!);
    if (value instanceof Error) {
      this.error(row, key, `${this.header(key)} ${value.message}`);
      return undefined;
    }
    return value;
  }

  /** Zod's findings on a row's request, each mapped back to its column. */
  schemaIssues<T>(row: number, schema: z.ZodType<T>, input: unknown, paths: Record<string, string> = {}) {
    const parsed = schema.safeParse(input);
    if (parsed.success) return parsed.data;
    const reported = new Set(this.issues.filter((i) => i.row === row).map((i) => i.column));
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      const key = paths[path] ?? path.split('.')[0]!;
      // a cell that could not be read is reported once, not again as missing
      if (reported.has(this.header(key))) continue;
      // the API's own wording of a zod issue (server/errors/validation.ts)
      const { path: _p, code, message, ...params } = issue;
      const [described] = describeIssue(
        { keyword: code, instancePath: `/${issue.path.join('/')}`, message, params },
        key,
        'vi',
      );
      this.error(row, key, described?.message ?? message);
    }
    return null;
  }

  /** May the actor create or change a record of this owner (null: the province's)? */
  reaches(type: ResourceType, owner: string | null) {
    const scope = scopeOf(this.actor, 'create', type);
    if (scope.kind === 'everywhere') return true;
    return owner !== null && scope.kind === 'units' && scope.orgUnitIds.includes(owner);
  }
}

// ---------------------------------------------------------------- lookups

async function unitsByCode(db: Executor) {
  const rows = await db
    .select({ id: orgUnits.id, code: orgUnits.code })
    .from(orgUnits)
    .where(eq(orgUnits.active, true));
  return new Map(rows.map((r) => [r.code.toUpperCase(), r.id]));
}

async function programmesByCode(db: Executor) {
  const rows = await db.select().from(programmes);
  return new Map(rows.map((r) => [r.code, r]));
}

/** Tasks by outline code; a code found in several plans is ambiguous. */
async function itemsByCode(db: Executor) {
  const rows = await db
    .select({ id: planItems.id, code: planItems.code, lead: planItems.leadOrgUnitId })
    .from(planItems)
    .where(isNull(planItems.archivedAt));
  const map = new Map<string, { id: string; lead: string | null }[]>();
  for (const r of rows) map.set(r.code, [...(map.get(r.code) ?? []), { id: r.id, lead: r.lead }]);
  return map;
}

function resolveItem(
  check: SheetCheck,
  row: number,
  key: string,
  code: string,
  items: Map<string, { id: string; lead: string | null }[]>,
) {
  const found = items.get(code) ?? [];
  if (found.length === 1) return found[0]!;
  check.error(
    row,
    key,
    found.length === 0
      ? `không có nhiệm vụ mã “${code}” trong kế hoạch.`
      : `mã nhiệm vụ “${code}” có ở ${found.length} kế hoạch; hãy tách ra nhập riêng.`,
  );
  return null;
}

function resolveUnit(
  check: SheetCheck,
  row: number,
  key: string,
  code: string | undefined,
  units: Map<string, string>,
) {
  if (code === undefined) return undefined;
  if (code === '') return null;
  const id = units.get(code.toUpperCase());
  if (!id) check.error(row, key, `không có đơn vị mã “${code}”.`);
  return id;
}

// ---------------------------------------------------------------- the three sheets

const legalBasis = (cells: Cells, check: SheetCheck, row: number) =>
  'legalNumber' in cells || 'legalDate' in cells || 'legalIssuer' in cells
    ? {
        number: cells.legalNumber ?? null,
        date: check.cell(row, cells, 'legalDate', parseDate) ?? null,
        issuer: cells.legalIssuer ?? null,
      }
    : undefined;
const LEGAL_PATHS = {
  'legalBasis.number': 'legalNumber',
  'legalBasis.date': 'legalDate',
  'legalBasis.issuer': 'legalIssuer',
};

const orUndefined = <T>(v: T | null | undefined) => (v === null ? undefined : v);

async function checkProgrammes(db: Executor, check: SheetCheck, records: { row: number; cells: Cells }[]) {
  const [units, existing, items] = await Promise.all([
    unitsByCode(db),
    programmesByCode(db),
    itemsByCode(db),
  ]);
  const seen = new Map<string, number>();
  for (const { row, cells } of records) {
    const before = check.issues.length;
    const code = (cells.code ?? '').trim().toUpperCase();
    if (seen.has(code)) check.error(row, 'code', `mã “${code}” đã có ở dòng ${seen.get(code)}.`);
    seen.set(code, row);
    const input = check.schemaIssues(
      row,
      ZCreateProgrammeRequest,
      {
        code,
        name: cells.name ?? '',
        legalBasis: legalBasis(cells, check, row),
        fromYear: check.cell(row, cells, 'fromYear', parseYear),
        toYear: check.cell(row, cells, 'toYear', parseYear),
        description: cells.description,
        status: orUndefined(check.cell(row, cells, 'status', (t) => parseChoice(t, PROGRAMME_STATUS_LABELS))),
        isPublic: orUndefined(check.cell(row, cells, 'isPublic', parseYesNo)),
      },
      LEGAL_PATHS,
    );
    const owner = resolveUnit(check, row, 'owner', cells.owner, units);
    const itemIds =
      cells.items === undefined
        ? undefined
        : splitCodes(cells.items).map((c) => resolveItem(check, row, 'items', c, items)?.id ?? '');
    const current = existing.get(code) ?? null;
    if (input?.fromYear && input.toYear && input.fromYear > input.toYear) {
      check.error(row, 'toYear', 'năm kết thúc phải không trước năm bắt đầu.');
    }
    const newOwner = owner === undefined ? (current?.ownerOrgUnitId ?? null) : owner;
    if (
      !check.reaches('programme', newOwner) ||
      (current !== null && !check.reaches('programme', current.ownerOrgUnitId))
    ) {
      check.error(row, current ? 'code' : 'owner', 'chương trình này không thuộc phạm vi quản lý của bạn.');
    }
    if (!input || check.issues.length > before) continue;
    const { code: _c, ...fields } = input;
    const values = {
      ...(current ? {} : { code }),
      name: fields.name,
      ...(fields.legalBasis
        ? {
            legalBasisNumber: fields.legalBasis.number ?? null,
            legalBasisDate: fields.legalBasis.date ?? null,
            legalBasisIssuer: fields.legalBasis.issuer ?? null,
          }
        : {}),
      ...(owner !== undefined ? { ownerOrgUnitId: owner } : {}),
      ...('fromYear' in cells ? { fromYear: fields.fromYear ?? null } : {}),
      ...('toYear' in cells ? { toYear: fields.toYear ?? null } : {}),
      ...('description' in cells ? { description: fields.description ?? null } : {}),
      ...(fields.status ? { status: fields.status } : {}),
      ...(fields.isPublic !== undefined ? { isPublic: fields.isPublic } : {}),
    };
    check.planned.push({
      action: current ? 'update' : 'create',
      apply: async (tx) => {
        const [fresh] = current
          ? await tx.select().from(programmes).where(eq(programmes.id, current.id)).for('update')
          : [null];
        return saveProgramme(tx, check.actor, fresh ?? null, values, itemIds);
      },
    });
  }
}

async function checkPolicies(db: Executor, check: SheetCheck, records: { row: number; cells: Cells }[]) {
  const [units, programmeRows, existing] = await Promise.all([
    unitsByCode(db),
    programmesByCode(db),
    db.select().from(supportPolicies),
  ]);
  const byName = new Map(existing.map((p) => [p.name, p]));
  const seen = new Map<string, number>();
  for (const { row, cells } of records) {
    const before = check.issues.length;
    const deadlineText = (cells.deadline ?? '').trim();
    const ongoing = sameHeader(deadlineText, ONGOING);
    const input = check.schemaIssues(
      row,
      ZCreatePolicyRequest,
      {
        name: cells.name ?? '',
        legalBasis: legalBasis(cells, check, row),
        eligibility: cells.eligibility ?? '',
        supportLevel: cells.supportLevel ?? '',
        maxAmount: check.cell(row, cells, 'maxAmount', parseVnd),
        maxPercent: check.cell(row, cells, 'maxPercent', parsePercent),
        howToApply: cells.howToApply,
        applyAt: cells.applyAt,
        deadline: ongoing ? null : check.cell(row, cells, 'deadline', parseDate),
        contact: { office: cells.contactOffice, phone: cells.contactPhone, email: cells.contactEmail },
        status: orUndefined(check.cell(row, cells, 'status', (t) => parseChoice(t, POLICY_STATUS_LABELS))),
        isPublic: orUndefined(check.cell(row, cells, 'isPublic', parseYesNo)),
      },
      {
        ...LEGAL_PATHS,
        'contact.office': 'contactOffice',
        'contact.phone': 'contactPhone',
        'contact.email': 'contactEmail',
      },
    );
    if ('deadline' in cells && deadlineText === '') {
      check.error(row, 'deadline', `ghi ngày (dd/mm/yyyy) hoặc “${ONGOING}”.`);
    }
    if (input) {
      if (seen.has(input.name))
        check.error(row, 'name', `chính sách “${input.name}” đã có ở dòng ${seen.get(input.name)}.`);
      seen.set(input.name, row);
    }
    const owner = resolveUnit(check, row, 'owner', cells.owner, units);
    let programmeId: string | null | undefined;
    if (cells.programme !== undefined) {
      const code = cells.programme.trim().toUpperCase();
      programmeId = code ? (programmeRows.get(code)?.id ?? undefined) : null;
      if (programmeId === undefined) check.error(row, 'programme', `không có chương trình mã “${code}”.`);
    }
    const current = input ? (byName.get(input.name) ?? null) : null;
    const newOwner = owner === undefined ? (current?.ownerOrgUnitId ?? null) : owner;
    if (
      !check.reaches('support_policy', newOwner) ||
      (current !== null && !check.reaches('support_policy', current.ownerOrgUnitId))
    ) {
      check.error(row, current ? 'name' : 'owner', 'chính sách này không thuộc phạm vi quản lý của bạn.');
    }
    if (!input || check.issues.length > before) continue;
    const values = {
      name: input.name,
      eligibility: input.eligibility,
      supportLevel: input.supportLevel,
      ...(input.legalBasis
        ? {
            legalBasisNumber: input.legalBasis.number ?? null,
            legalBasisDate: input.legalBasis.date ?? null,
            legalBasisIssuer: input.legalBasis.issuer ?? null,
          }
        : {}),
      ...('maxAmount' in cells ? { maxAmount: input.maxAmount ?? null } : {}),
      ...('maxPercent' in cells ? { maxPercent: input.maxPercent ?? null } : {}),
      ...('howToApply' in cells ? { howToApply: input.howToApply ?? null } : {}),
      ...('applyAt' in cells ? { applyAt: input.applyAt ?? null } : {}),
      ...('deadline' in cells ? { deadline: input.deadline ?? null } : {}),
      ...('contactOffice' in cells ? { contactOffice: input.contact?.office ?? null } : {}),
      ...('contactPhone' in cells ? { contactPhone: input.contact?.phone ?? null } : {}),
      ...('contactEmail' in cells ? { contactEmail: input.contact?.email ?? null } : {}),
      ...(input.status ? { status: input.status } : {}),
      ...(programmeId !== undefined ? { programmeId } : {}),
      ...(owner !== undefined ? { ownerOrgUnitId: owner } : {}),
      ...(input.isPublic !== undefined ? { isPublic: input.isPublic } : {}),
    };
    check.planned.push({
      action: current ? 'update' : 'create',
      apply: async (tx) => {
        const [fresh] = current
          ? await tx.select().from(supportPolicies).where(eq(supportPolicies.id, current.id)).for('update')
          : [null];
        return savePolicy(tx, check.actor, fresh ?? null, values);
      },
    });
  }
}

async function checkBudgetLines(db: Executor, check: SheetCheck, records: { row: number; cells: Cells }[]) {
  const [programmeRows, items, existing] = await Promise.all([
    programmesByCode(db),
    itemsByCode(db),
    db.select().from(budgetLines),
  ]);
  const keyOf = (p: string | null, i: string | null, year: number, source: string) =>
    `${p}|${i}|${year}|${source}`;
  const byKey = new Map(existing.map((l) => [keyOf(l.programmeId, l.planItemId, l.year, l.source), l]));
  const seen = new Map<string, number>();
  for (const { row, cells } of records) {
    const before = check.issues.length;
    const programmeCode = (cells.programme ?? '').trim().toUpperCase();
    const itemCode = (cells.item ?? '').trim();
    const programme = programmeCode ? programmeRows.get(programmeCode) : undefined;
    if (programmeCode && !programme)
      check.error(row, 'programme', `không có chương trình mã “${programmeCode}”.`);
    const item = itemCode ? resolveItem(check, row, 'item', itemCode, items) : null;
    if (!programmeCode && !itemCode)
      check.error(row, 'programme', 'ghi mã chương trình hoặc mã nhiệm vụ (hoặc cả hai).');
    const source = check.cell(row, cells, 'source', (t) =>
      parseChoice(t, FUNDING_SOURCE_LABELS, SOURCE_ALIASES),
    );
    const input = check.schemaIssues(row, ZCreateBudgetLineRequest, {
      year: check.cell(row, cells, 'year', parseYear) ?? undefined,
      source: source ?? undefined,
      allocated: check.cell(row, cells, 'allocated', parseVnd) ?? undefined,
      disbursed: orUndefined(check.cell(row, cells, 'disbursed', parseVnd)),
      note: cells.note,
      isPublic: orUndefined(check.cell(row, cells, 'isPublic', parseYesNo)),
    });
    const owner = programme ? programme.ownerOrgUnitId : (item?.lead ?? null);
    if (!check.reaches('programme', owner)) {
      check.error(
        row,
        programme ? 'programme' : 'item',
        'dòng ngân sách này không thuộc phạm vi quản lý của bạn.',
      );
    }
    if (!input || check.issues.length > before) continue;
    const key = keyOf(programme?.id ?? null, item?.id ?? null, input.year, input.source);
    if (seen.has(key)) {
      check.error(row, 'source', `trùng chương trình, nhiệm vụ, năm và nguồn vốn với dòng ${seen.get(key)}.`);
      continue;
    }
    seen.set(key, row);
    if ((input.disbursed ?? 0) > input.allocated) {
      check.warn(
        row,
        'disbursed',
        'số đã giải ngân lớn hơn kinh phí được giao (được chấp nhận nếu là vốn năm trước chuyển sang).',
      );
    }
    const current = byKey.get(key) ?? null;
    const values = {
      programmeId: programme?.id ?? null,
      planItemId: item?.id ?? null,
      year: input.year,
      source: input.source,
      allocated: input.allocated,
      ...('disbursed' in cells ? { disbursed: input.disbursed ?? 0 } : {}),
      ...('note' in cells ? { note: input.note ?? null } : {}),
      ...(input.isPublic !== undefined ? { isPublic: input.isPublic } : {}),
    };
    check.planned.push({
      action: current ? 'update' : 'create',
      apply: async (tx) => {
        const [fresh] = current
          ? await tx.select().from(budgetLines).where(eq(budgetLines.id, current.id)).for('update')
          : [null];
        return saveBudgetLine(tx, check.actor, fresh ?? null, values);
      },
    });
  }
}

const CHECKS = { programmes: checkProgrammes, policies: checkPolicies, budgetLines: checkBudgetLines };

// ---------------------------------------------------------------- the file

/** The header row (within the first ten) and each known column's index in it. */
function layout(check: SheetCheck, records: FileRecord[]) {
  const columns: readonly Column[] = SHEET_COLUMNS[check.sheet];
  const required = columns.filter((c) => c.required).map((c) => c.header);
  // the first of the top ten rows naming a required column (title lines may come before it)
  const headerAt = records
    .slice(0, 10)
    .findIndex((r) => r.cells.some((c) => required.some((header) => sameHeader(c, header))));
  if (headerAt < 0) {
    check.error(null, null, `không tìm thấy dòng tiêu đề có cột “${required[0]}”. Hãy dùng tệp mẫu.`);
    return null;
  }
  const header = records[headerAt]!.cells;
  const index = new Map<string, number>();
  for (const column of columns) {
    const at = header.findIndex((c) => sameHeader(c, column.header));
    if (at >= 0) index.set(column.key, at);
    else if ('required' in column && column.required)
      check.error(null, column.key, 'thiếu cột bắt buộc này.');
  }
  return { headerAt, index };
}

async function checkFile(db: Executor, sheet: CatalogueSheet, records: FileRecord[], actor: Actor) {
  const check = new SheetCheck(sheet, actor);
  const found = layout(check, records);
  if (found) {
    const rows = records.slice(found.headerAt + 1).map((r) => ({
      row: r.row,
      cells: Object.fromEntries(
        [...found.index].map(([key, at]) => [key, (r.cells[at] ?? '').normalize('NFC').trim()]),
      ),
    }));
    if (rows.length === 0) check.error(null, null, 'không có dòng dữ liệu nào dưới dòng tiêu đề.');
    await CHECKS[sheet](db, check, rows);
  }
  return check;
}

function preview(check: SheetCheck): TCatalogueImportPreview {
  const count = (action: PlannedRow['action']) => check.planned.filter((p) => p.action === action).length;
  const empty = { create: 0, update: 0 };
  const counts = { programmes: empty, policies: empty, budgetLines: empty };
  counts[check.sheet] = { create: count('create'), update: count('update') };
  const ok = !check.issues.some((i) => i.severity === 'error');
  return { counts, issues: check.issues, ok };
}

/** Rows a list may have: a province's catalogue is a few hundred. */
export const CATALOGUE_MAX_ROWS = 5000;
/** A file of 5,000 rows is well under 1 MB; a file this size is something else. */
export const CATALOGUE_UPLOAD_BYTES = 10 * 1024 * 1024;

export const readCatalogueFile = (file: FileSource) => readXlsxUpload(file, CATALOGUE_MAX_ROWS);

/** Checks a sheet and writes nothing. */
export async function previewCatalogueImport(opts: {
  db: Executor;
  sheet: CatalogueSheet;
  file: FileSource;
  actor: Actor;
}): Promise<TCatalogueImportPreview> {
  const records = await readCatalogueFile(opts.file);
  return preview(await checkFile(opts.db, opts.sheet, records, opts.actor));
}

/**
 * Checks the sheet again inside the transaction (after taking the catalogue lock, so the checks see
 * what the writes will meet) and writes every row, or nothing when any row has an error.
 */
export async function importCatalogue(opts: {
  tx: Transaction;
  sheet: CatalogueSheet;
  records: FileRecord[];
  actor: Actor;
}): Promise<TCatalogueImportPreview> {
  await lockCatalogue(opts.tx);
  const check = await checkFile(opts.tx, opts.sheet, opts.records, opts.actor);
  const result = preview(check);
  if (!result.ok) return result;
  for (const planned of check.planned) await planned.apply(opts.tx);
  return result;
}
