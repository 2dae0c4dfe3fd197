import { eq, inArray, sql } from 'drizzle-orm';
import type {
  TCreateIndicatorRequest,
  TIndicator,
  TUpdateIndicatorRequest,
} from '../../../common/contracts/indicators';
import type { OrgAggregation, ValueType } from '../../../common/enums';
import { checkFormulas, type FormulaDefinitions, parseFormula } from '../../../common/formula';
import type { TFieldError } from '../../../common/problem';
import type { Transaction } from '../../db/client';
import { changedFields } from '../../db/history';
import { AppError, assertVersion, notFound, RESOURCE_NAMES } from '../../errors/app-error';
import type { Actor } from '../../policy';
import { ARCHIVED, auditChange, RESTORED } from '../audit/service';
import { orgUnits } from '../org-units/tables';
import { planItems } from '../plan-items/tables';
import { getIndicator } from './queries';
import { indicatorPlanItems, indicators } from './tables';

/**
 * Formulas, weights and "not above" rules refer to other indicators by code, and the checks
 * read the whole catalogue: changes to it take this lock so that two concurrent edits cannot
 * each pass and together build a cycle or refer to an indicator being archived.
 */
export const INDICATOR_CATALOGUE_LOCK = 0x4c54_494e;

async function lockCatalogue(tx: Transaction) {
  await tx.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(INDICATOR_CATALOGUE_LOCK))})`);
}

interface CatalogueEntry {
  id: string;
  code: string;
  name: string;
  formula: string | null;
  archived: boolean;
  weightIndicatorId: string | null;
  ruleNotAboveId: string | null;
}

class Catalogue {
  private readonly byCode: Map<string, CatalogueEntry>;
  private readonly byId: Map<string, CatalogueEntry>;

  constructor(readonly entries: CatalogueEntry[]) {
    this.byCode = new Map(entries.map((e) => [e.code, e]));
    this.byId = new Map(entries.map((e) => [e.id, e]));
  }

  static async load(tx: Transaction): Promise<Catalogue> {
    const rows = await tx
      .select({
        id: indicators.id,
        code: indicators.code,
        name: indicators.name,
        formula: indicators.formula,
        archived: sql<boolean>`${indicators.archivedAt} is not null`,
        weightIndicatorId: indicators.weightIndicatorId,
        ruleNotAboveId: indicators.ruleNotAboveId,
      })
      .from(indicators);
    return new Catalogue(rows);
  }

  /** an active indicator with this code */
  active(code: string): CatalogueEntry | undefined {
    const entry = this.byCode.get(code);
    return entry && !entry.archived ? entry : undefined;
  }

  codeOf(id: string | null): string | null {
    return id === null ? null : (this.byId.get(id)?.code ?? null);
  }
}

/**
 * Field errors found while checking a change, reported together: 400 when any is invalid input,
 * 422 when the only problem is a reference to something that does not exist or is archived.
 */
class Problems {
  private readonly invalid: TFieldError[] = [];
  private readonly unknown: TFieldError[] = [];

  fail(field: string, code: string, message: string) {
    this.invalid.push({ field, code, message });
  }

  unknownReference(field: string, message: string) {
    this.unknown.push({ field, code: 'unknown_reference', message });
  }

  throwIfAny() {
    if (this.invalid.length > 0) {
      throw new AppError('validation_failed', { errors: [...this.invalid, ...this.unknown] });
    }
    if (this.unknown.length > 0) {
      throw new AppError('unknown_reference', {
        params: { field: this.unknown[0]!.field },
        errors: this.unknown,
      });
    }
  }
}

async function assertCodeFree(tx: Transaction, code: string) {
  const [taken] = await tx.select({ id: indicators.id }).from(indicators).where(eq(indicators.code, code));
  if (taken) {
    throw new AppError('duplicate', {
      params: { field: { vi: 'Mã chỉ tiêu', en: 'Indicator code' }, value: code },
      errors: [{ field: 'code', code: 'duplicate', message: `Mã "${code}" đã được dùng cho chỉ tiêu khác.` }],
    });
  }
}

/** The weight of a weighted average: an active indicator whose values are entered, not itself. */
function resolveWeight(
  problems: Problems,
  catalogue: Catalogue,
  target: { id: string | null; code: string; aggregation: OrgAggregation; weightCode: string | null },
): string | null {
  const { aggregation, weightCode } = target;
  if (aggregation !== 'weighted_average') {
    if (weightCode !== null) {
      problems.fail(
        'weightCode',
        'not_allowed',
        'Chỉ tiêu trọng số chỉ dùng với cách tổng hợp bình quân gia quyền.',
      );
    }
    return null;
  }
  if (weightCode === null) {
    problems.fail('weightCode', 'required', 'Tổng hợp bình quân gia quyền cần chọn chỉ tiêu trọng số.');
    return null;
  }
  if (weightCode === target.code) {
    problems.fail('weightCode', 'self_reference', 'Chỉ tiêu không thể làm trọng số cho chính nó.');
    return null;
  }
  const weight = catalogue.active(weightCode);
  if (!weight) {
    problems.unknownReference(
      'weightCode',
      `Chỉ tiêu trọng số "${weightCode}" không tồn tại hoặc đã lưu trữ.`,
    );
    return null;
  }
  if (weight.formula !== null) {
    problems.fail(
      'weightCode',
      'computed',
      `Chỉ tiêu trọng số "${weightCode}" là chỉ tiêu tính toán; hãy chọn chỉ tiêu được nhập số liệu.`,
    );
    return null;
  }
  return weight.id;
}

function resolveNotAbove(
  problems: Problems,
  catalogue: Catalogue,
  target: { code: string; notAboveCode: string | null },
): string | null {
  const { notAboveCode } = target;
  if (notAboveCode === null) return null;
  if (notAboveCode === target.code) {
    problems.fail('rules.notAboveCode', 'self_reference', 'Chỉ tiêu không thể bị giới hạn bởi chính nó.');
    return null;
  }
  const bound = catalogue.active(notAboveCode);
  if (!bound) {
    problems.unknownReference(
      'rules.notAboveCode',
      `Chỉ tiêu giới hạn "${notAboveCode}" không tồn tại hoặc đã lưu trữ.`,
    );
    return null;
  }
  return bound.id;
}

function checkBounds(problems: Problems, valueType: ValueType, min: number | null, max: number | null) {
  if (valueType === 'percent') {
    for (const [field, value, label] of [
      ['rules.min', min, 'tối thiểu'],
      ['rules.max', max, 'tối đa'],
    ] as const) {
      if (value !== null && (value < 0 || value > 100)) {
        problems.fail(field, 'out_of_range', `Chỉ tiêu tính theo %: giá trị ${label} phải từ 0 đến 100.`);
      }
    }
  }
  if (min !== null && max !== null && min > max) {
    problems.fail('rules.max', 'below_min', 'Giá trị tối đa phải không nhỏ hơn giá trị tối thiểu.');
  }
}

/**
 * The formula parses, and the catalogue as it would be after the change still checks: every code
 * known and active, no indicator using itself, no cycle. Only errors this indicator takes part in
 * are reported. An indicator that weighs others must stay entered, so it cannot become computed.
 */
function checkFormula(
  problems: Problems,
  catalogue: Catalogue,
  target: { id: string | null; code: string; formula: string | null },
) {
  const { id, code, formula } = target;
  if (formula !== null) {
    const parsed = parseFormula(formula);
    if (!parsed.ok) {
      problems.fail(
        'formula',
        `formula_${parsed.error.code}`,
        `Công thức không hợp lệ: ${parsed.error.message}.`,
      );
      return;
    }
    const weighed = catalogue.entries.filter((e) => !e.archived && id !== null && e.weightIndicatorId === id);
    if (weighed.length > 0) {
      problems.fail(
        'formula',
        'used_as_weight',
        `Chỉ tiêu đang là trọng số của ${weighed.map((e) => e.code).join(', ')} nên phải được nhập số liệu, không thể có công thức.`,
      );
    }
  }
  const definitions: FormulaDefinitions = {};
  for (const e of catalogue.entries) if (!e.archived && e.id !== id) definitions[e.code] = e.formula;
  definitions[code] = formula;
  const result = checkFormulas(definitions);
  if (result.ok) return;
  for (const error of result.errors) {
    if (error.code === code || error.detail?.includes(code)) {
      problems.fail('formula', `formula_${error.kind}`, `${error.message}.`);
    }
  }
}

async function checkResponsible(problems: Problems, tx: Transaction, orgUnitId: string | null | undefined) {
  if (!orgUnitId) return;
  const [unit] = await tx
    .select({ active: orgUnits.active })
    .from(orgUnits)
    .where(eq(orgUnits.id, orgUnitId));
  if (!unit?.active) {
    problems.unknownReference(
      'responsibleOrgUnitId',
      'Đơn vị chịu trách nhiệm không tồn tại hoặc đã lưu trữ.',
    );
  }
}

async function checkPlanItems(problems: Problems, tx: Transaction, planItemIds: string[] | undefined) {
  if (!planItemIds?.length) return;
  const found = await tx
    .select({ id: planItems.id })
    .from(planItems)
    .where(inArray(planItems.id, planItemIds));
  const known = new Set(found.map((r) => r.id));
  planItemIds.forEach((id, index) => {
    if (!known.has(id)) problems.unknownReference(`planItemIds.${index}`, 'Nhiệm vụ không tồn tại.');
  });
}

async function replacePlanItems(tx: Transaction, indicatorId: string, planItemIds: string[]) {
  await tx.delete(indicatorPlanItems).where(eq(indicatorPlanItems.indicatorId, indicatorId));
  const unique = [...new Set(planItemIds)];
  if (unique.length > 0) {
    await tx.insert(indicatorPlanItems).values(unique.map((planItemId) => ({ indicatorId, planItemId })));
  }
}

const numeric = (value: number | null | undefined) =>
  value === undefined ? undefined : value === null ? null : String(value);

/** The indicator as people read it in the audit log: everything but its id and version. */
function audited(indicator: TIndicator): Record<string, unknown> {
  const { id: _id, version: _version, ...fields } = indicator;
  return fields;
}

export async function createIndicator(options: {
  tx: Transaction;
  input: TCreateIndicatorRequest;
  actor: Actor;
}): Promise<string> {
  const { tx, input, actor } = options;
  await lockCatalogue(tx);
  await assertCodeFree(tx, input.code);
  const catalogue = await Catalogue.load(tx);
  const problems = new Problems();
  const rules = input.rules ?? {};
  const target = { id: null, code: input.code, formula: input.formula ?? null };
  const weightIndicatorId = resolveWeight(problems, catalogue, {
    ...target,
    aggregation: input.aggregation,
    weightCode: input.weightCode ?? null,
  });
  const ruleNotAboveId = resolveNotAbove(problems, catalogue, {
    code: input.code,
    notAboveCode: rules.notAboveCode ?? null,
  });
  checkBounds(problems, input.valueType, rules.min ?? null, rules.max ?? null);
  checkFormula(problems, catalogue, target);
  await checkResponsible(problems, tx, input.responsibleOrgUnitId);
  await checkPlanItems(problems, tx, input.planItemIds);
  problems.throwIfAny();

  const [row] = await tx
    .insert(indicators)
    .values({
      code: input.code,
      name: input.name,
      nameEn: input.nameEn ?? null,
      definition: input.definition ?? null,
      unit: input.unit,
      valueType: input.valueType,
      direction: input.direction,
      aggregation: input.aggregation,
      weightIndicatorId,
      timeAggregation: input.timeAggregation,
      formula: input.formula ?? null,
      frequency: input.frequency,
      reportedBy: [...new Set(input.reportedBy)],
      countsUnits: input.countsUnits ? [...new Set(input.countsUnits)] : null,
      responsibleOrgUnitId: input.responsibleOrgUnitId ?? null,
      baselineYear: input.baseline?.year ?? null,
      baselineValue: numeric(input.baseline?.value ?? null),
      targets: input.targets ?? {},
      ruleMin: numeric(rules.min ?? null),
      ruleMax: numeric(rules.max ?? null),
      ruleInteger: rules.integer ?? false,
      ruleNotAboveId,
      ruleCommentWhenOffTarget: rules.commentWhenOffTarget ?? false,
    })
    .returning({ id: indicators.id });
  if (!row) throw new AppError('internal');
  await replacePlanItems(tx, row.id, input.planItemIds ?? []);
  await auditChange(
    tx,
    actor,
    'indicator.create',
    { type: 'indicator', id: row.id, orgUnitId: input.responsibleOrgUnitId ?? null },
    { after: { ...input } },
  );
  return row.id;
}

async function lockIndicator(tx: Transaction, indicatorId: string, version: number) {
  await lockCatalogue(tx);
  const [current] = await tx.select().from(indicators).where(eq(indicators.id, indicatorId)).for('update');
  if (!current) throw notFound(RESOURCE_NAMES.indicator);
  assertVersion(current, version);
  return current;
}

/** The code stays: values, formulas and exports refer to it. */
export async function updateIndicator(options: {
  tx: Transaction;
  indicatorId: string;
  input: TUpdateIndicatorRequest;
  actor: Actor;
}): Promise<void> {
  const { tx, indicatorId, input, actor } = options;
  const current = await lockIndicator(tx, indicatorId, input.version);
  if (current.archivedAt) {
    throw new AppError('invalid_reference', {
      params: {
        reason: {
          vi: 'Chỉ tiêu đã lưu trữ; hãy khôi phục trước khi sửa.',
          en: 'The indicator is archived; restore it first.',
        },
      },
    });
  }
  const before = await getIndicator({ db: tx, indicatorId });
  const { version: _version, weightCode, rules = {}, baseline, planItemIds, ...plain } = input;
  const catalogue = await Catalogue.load(tx);
  const problems = new Problems();
  const aggregation = plain.aggregation ?? current.aggregation;
  const target = {
    id: indicatorId,
    code: current.code,
    formula: plain.formula === undefined ? current.formula : plain.formula,
  };
  // Leaving weighted average drops the weight; staying keeps it unless another is named.
  const weightIndicatorId = resolveWeight(problems, catalogue, {
    ...target,
    aggregation,
    weightCode:
      weightCode !== undefined
        ? weightCode
        : aggregation === 'weighted_average'
          ? catalogue.codeOf(current.weightIndicatorId)
          : null,
  });
  const ruleNotAboveId =
    rules.notAboveCode === undefined
      ? current.ruleNotAboveId
      : resolveNotAbove(problems, catalogue, { code: current.code, notAboveCode: rules.notAboveCode });
  const ruleMin = rules.min === undefined ? before.rules.min : rules.min;
  const ruleMax = rules.max === undefined ? before.rules.max : rules.max;
  checkBounds(problems, plain.valueType ?? current.valueType, ruleMin, ruleMax);
  if (plain.formula !== undefined) checkFormula(problems, catalogue, target);
  if (plain.responsibleOrgUnitId !== current.responsibleOrgUnitId) {
    await checkResponsible(problems, tx, plain.responsibleOrgUnitId);
  }
  await checkPlanItems(problems, tx, planItemIds);
  problems.throwIfAny();

  await tx
    .update(indicators)
    .set({
      ...plain,
      ...(plain.reportedBy && { reportedBy: [...new Set(plain.reportedBy)] }),
      ...(plain.countsUnits && { countsUnits: [...new Set(plain.countsUnits)] }),
      weightIndicatorId,
      ...(baseline !== undefined && {
        baselineYear: baseline?.year ?? null,
        baselineValue: numeric(baseline?.value ?? null),
      }),
      ruleMin: numeric(ruleMin),
      ruleMax: numeric(ruleMax),
      ruleInteger: rules.integer,
      ruleNotAboveId,
      ruleCommentWhenOffTarget: rules.commentWhenOffTarget,
      version: current.version + 1,
      updatedAt: new Date(),
    })
    .where(eq(indicators.id, indicatorId));
  if (planItemIds !== undefined) await replacePlanItems(tx, indicatorId, planItemIds);
  const after = await getIndicator({ db: tx, indicatorId });
  const change = changedFields(audited(before), audited(after));
  if (change) {
    await auditChange(
      tx,
      actor,
      'indicator.update',
      { type: 'indicator', id: indicatorId, orgUnitId: after.responsibleOrgUnit?.id ?? null },
      change,
    );
  }
}

/** Active indicators that refer to this one: by formula, as their weight, or as their upper bound. */
function dependentsOf(catalogue: Catalogue, indicator: { id: string; code: string }) {
  return catalogue.entries.filter((e) => {
    if (e.archived || e.id === indicator.id) return false;
    if (e.weightIndicatorId === indicator.id || e.ruleNotAboveId === indicator.id) return true;
    if (e.formula === null) return false;
    const parsed = parseFormula(e.formula);
    return parsed.ok && parsed.refs.includes(indicator.code);
  });
}

export async function archiveIndicator(options: {
  tx: Transaction;
  indicatorId: string;
  version: number;
  actor: Actor;
}) {
  const { tx, indicatorId, version, actor } = options;
  const current = await lockIndicator(tx, indicatorId, version);
  if (current.archivedAt) return;
  const dependents = dependentsOf(await Catalogue.load(tx), current);
  if (dependents.length > 0) {
    const codes = dependents.map((d) => d.code).join(', ');
    throw new AppError('invalid_reference', {
      params: {
        reason: {
          vi: `Không thể lưu trữ chỉ tiêu ${current.code}: các chỉ tiêu ${codes} đang dùng nó (trong công thức, làm trọng số hoặc giới hạn trên).`,
          en: `The indicator ${current.code} cannot be archived: ${codes} use it (in a formula, as a weight or as an upper bound).`,
        },
      },
      conflicts: dependents.map((d) => ({ id: d.id, code: d.code, title: d.name })),
    });
  }
  await tx
    .update(indicators)
    .set({ archivedAt: new Date(), version: current.version + 1, updatedAt: new Date() })
    .where(eq(indicators.id, indicatorId));
  await auditChange(
    tx,
    actor,
    'indicator.archive',
    { type: 'indicator', id: indicatorId, orgUnitId: current.responsibleOrgUnitId },
    ARCHIVED,
  );
}

/** Restoring checks again what archiving may have let go: the indicators this one refers to. */
export async function restoreIndicator(options: {
  tx: Transaction;
  indicatorId: string;
  version: number;
  actor: Actor;
}) {
  const { tx, indicatorId, version, actor } = options;
  const current = await lockIndicator(tx, indicatorId, version);
  if (!current.archivedAt) return;
  const catalogue = await Catalogue.load(tx);
  const problems = new Problems();
  const target = { id: indicatorId, code: current.code, formula: current.formula };
  resolveWeight(problems, catalogue, {
    ...target,
    aggregation: current.aggregation,
    weightCode: catalogue.codeOf(current.weightIndicatorId),
  });
  resolveNotAbove(problems, catalogue, {
    code: current.code,
    notAboveCode: catalogue.codeOf(current.ruleNotAboveId),
  });
  checkFormula(problems, catalogue, target);
  problems.throwIfAny();
  await tx
    .update(indicators)
    .set({ archivedAt: null, version: current.version + 1, updatedAt: new Date() })
    .where(eq(indicators.id, indicatorId));
  await auditChange(
    tx,
    actor,
    'indicator.restore',
    { type: 'indicator', id: indicatorId, orgUnitId: current.responsibleOrgUnitId },
    RESTORED,
  );
}
