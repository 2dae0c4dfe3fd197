/**
 * Writing programmes, support policies and budget lines. Each function runs in the caller's
 * transaction and writes its audit event there; the Excel import (import.ts) goes through the same
 * `save…` functions as the forms, so both check and record a change the same way.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type {
  TCreateBudgetLineRequest,
  TCreatePolicyRequest,
  TCreateProgrammeRequest,
  TUpdateBudgetLineRequest,
  TUpdatePolicyRequest,
  TUpdateProgrammeRequest,
} from '../../../common/contracts/programmes';
import { FUNDING_SOURCE_LABELS } from '../../../common/contracts/programmes';
import type { Transaction } from '../../db/client';
import { updateDiff } from '../../db/history';
import { AppError, assertVersion, notFound } from '../../errors/app-error';
import type { Actor } from '../../policy';
import { ARCHIVED, auditChange, RESTORED } from '../audit/service';
import { orgUnits } from '../org-units/tables';
import { planItems } from '../plan-items/tables';
import { NAMES } from './queries';
import { budgetLines, programmePlanItems, programmes, supportPolicies } from './tables';

type ProgrammeValues = Omit<
  typeof programmes.$inferInsert,
  'id' | 'version' | 'createdAt' | 'updatedAt' | 'archivedAt'
>;
type PolicyValues = Omit<
  typeof supportPolicies.$inferInsert,
  'id' | 'version' | 'createdAt' | 'updatedAt' | 'archivedAt'
>;
type LineValues = Omit<typeof budgetLines.$inferInsert, 'id' | 'version' | 'createdAt' | 'updatedAt'>;

const fieldError = (field: string, message: string) =>
  new AppError('validation_failed', { errors: [{ field, code: 'invalid', message }] });

const unknownReference = (field: string, message: string) =>
  new AppError('unknown_reference', {
    params: { field },
    errors: [{ field, code: 'unknown_reference', message }],
  });

async function assertUnit(tx: Transaction, field: string, unitId: string | null | undefined) {
  if (!unitId) return;
  const [row] = await tx
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(eq(orgUnits.id, unitId), eq(orgUnits.active, true)));
  if (!row) throw unknownReference(field, 'Đơn vị không tồn tại hoặc đã lưu trữ.');
}

async function assertItems(tx: Transaction, field: string, itemIds: readonly string[]) {
  if (itemIds.length === 0) return;
  const found = await tx
    .select({ id: planItems.id })
    .from(planItems)
    .where(and(inArray(planItems.id, [...itemIds]), isNull(planItems.archivedAt)));
  if (found.length !== new Set(itemIds).size) {
    throw unknownReference(field, 'Có nhiệm vụ không tồn tại hoặc đã lưu trữ.');
  }
}

async function assertProgramme(tx: Transaction, field: string, programmeId: string | null | undefined) {
  if (!programmeId) return;
  const [row] = await tx
    .select({ id: programmes.id })
    .from(programmes)
    .where(and(eq(programmes.id, programmeId), isNull(programmes.archivedAt)));
  if (!row) throw unknownReference(field, 'Chương trình không tồn tại hoặc đã lưu trữ.');
}

function assertYears(fromYear: number | null | undefined, toYear: number | null | undefined) {
  if (fromYear != null && toYear != null && fromYear > toYear) {
    throw fieldError('toYear', 'Năm kết thúc phải không trước năm bắt đầu.');
  }
}

const duplicate = (field: string, label: string, value: string, message: string) =>
  new AppError('duplicate', {
    params: { field: { vi: label, en: label }, value },
    errors: [{ field, code: 'duplicate', message }],
  });

// ---------------------------------------------------------------- programmes

/** Creates or (with `current`) updates a programme and its linked tasks; returns its id. */
export async function saveProgramme(
  tx: Transaction,
  actor: Actor,
  current: typeof programmes.$inferSelect | null,
  values: Partial<ProgrammeValues>,
  planItemIds?: readonly string[],
): Promise<string> {
  await assertUnit(tx, 'ownerOrgUnitId', values.ownerOrgUnitId);
  if (planItemIds) await assertItems(tx, 'planItemIds', planItemIds);
  assertYears(values.fromYear ?? current?.fromYear, values.toYear ?? current?.toYear);
  if (values.code !== undefined && values.code !== current?.code) {
    const [taken] = await tx
      .select({ id: programmes.id })
      .from(programmes)
      .where(eq(programmes.code, values.code));
    if (taken) {
      throw duplicate(
        'code',
        'Mã chương trình',
        values.code,
        `Mã "${values.code}" đã được dùng cho chương trình khác.`,
      );
    }
  }
  const before = current ? await linkedItemIds(tx, current.id) : [];
  let id: string;
  let diff: ReturnType<typeof updateDiff>;
  if (current === null) {
    const [row] = await tx
      .insert(programmes)
      .values(values as ProgrammeValues)
      .returning();
    id = row!.id;
    diff = { before: {}, after: stored(row!) };
  } else {
    id = current.id;
    diff = updateDiff(current, values);
    if (diff) {
      await tx
        .update(programmes)
        .set({ ...values, version: current.version + 1, updatedAt: new Date() })
        .where(eq(programmes.id, id));
    }
  }
  if (planItemIds && !sameSet(before, planItemIds)) {
    await tx.delete(programmePlanItems).where(eq(programmePlanItems.programmeId, id));
    const unique = [...new Set(planItemIds)];
    if (unique.length) {
      await tx
        .insert(programmePlanItems)
        .values(unique.map((planItemId) => ({ programmeId: id, planItemId })));
    }
    if (current) {
      // a change of links alone still makes a new version
      if (!diff)
        await tx
          .update(programmes)
          .set({ version: current.version + 1, updatedAt: new Date() })
          .where(eq(programmes.id, id));
      diff = {
        before: { ...diff?.before, planItemIds: before },
        after: { ...diff?.after, planItemIds: unique },
      };
    } else {
      diff = { before: {}, after: { ...diff?.after, planItemIds: unique } };
    }
  }
  if (diff) {
    await auditChange(
      tx,
      actor,
      current ? 'programme.update' : 'programme.create',
      { type: 'programme', id, orgUnitId: values.ownerOrgUnitId ?? current?.ownerOrgUnitId ?? null },
      current ? diff : { after: diff.after },
    );
  }
  return id;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  new Set(a).size === new Set(b).size && a.every((x) => b.includes(x));

async function linkedItemIds(tx: Transaction, programmeId: string) {
  const rows = await tx
    .select({ id: programmePlanItems.planItemId })
    .from(programmePlanItems)
    .where(eq(programmePlanItems.programmeId, programmeId));
  return rows.map((r) => r.id);
}

/** A row as the audit log keeps it: without generated and bookkeeping columns. */
function stored(row: Record<string, unknown>) {
  const {
    id: _id,
    nameSortKey: _n,
    searchText: _s,
    createdAt: _c,
    updatedAt: _u,
    version: _v,
    ...rest
  } = row;
  return rest;
}

function programmeValues(input: Partial<TCreateProgrammeRequest>): Partial<ProgrammeValues> {
  return dropUndefined({
    code: input.code,
    name: input.name,
    legalBasisNumber: input.legalBasis ? (input.legalBasis.number ?? null) : undefined,
    legalBasisDate: input.legalBasis ? (input.legalBasis.date ?? null) : undefined,
    legalBasisIssuer: input.legalBasis ? (input.legalBasis.issuer ?? null) : undefined,
    ownerOrgUnitId: input.ownerOrgUnitId,
    fromYear: input.fromYear,
    toYear: input.toYear,
    description: input.description,
    status: input.status,
    isPublic: input.isPublic,
  });
}

function dropUndefined<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}

async function lockProgramme(tx: Transaction, programmeId: string) {
  const [row] = await tx.select().from(programmes).where(eq(programmes.id, programmeId)).for('update');
  if (!row) throw notFound(NAMES.programme);
  return row;
}

export function createProgramme(opts: { tx: Transaction; input: TCreateProgrammeRequest; actor: Actor }) {
  const { tx, input, actor } = opts;
  return saveProgramme(tx, actor, null, programmeValues(input), input.planItemIds ?? []);
}

export async function updateProgramme(opts: {
  tx: Transaction;
  programmeId: string;
  input: TUpdateProgrammeRequest;
  actor: Actor;
}) {
  const { tx, programmeId, input, actor } = opts;
  const current = await lockProgramme(tx, programmeId);
  assertVersion(current, input.version);
  const { version: _version, planItemIds, ...fields } = input;
  await saveProgramme(tx, actor, current, programmeValues(fields), planItemIds);
}

export async function setProgrammeArchived(opts: {
  tx: Transaction;
  programmeId: string;
  version: number;
  archived: boolean;
  actor: Actor;
}) {
  const { tx, programmeId, version, archived, actor } = opts;
  const current = await lockProgramme(tx, programmeId);
  assertVersion(current, version);
  await applyArchived(tx, actor, {
    resource: 'programme',
    current,
    archived,
    update: (values) => tx.update(programmes).set(values).where(eq(programmes.id, programmeId)),
  });
}

/**
 * Archives or restores a locked programme or policy (nothing when it already is so): its archive
 * stamp and version moved by `update`, and the audit event.
 */
async function applyArchived(
  tx: Transaction,
  actor: Actor,
  opts: {
    resource: 'programme' | 'support_policy';
    current: { id: string; archivedAt: Date | null; version: number; ownerOrgUnitId: string | null };
    archived: boolean;
    update: (values: { archivedAt: Date | null; version: number; updatedAt: Date }) => Promise<unknown>;
  },
) {
  const { resource, current, archived } = opts;
  if ((current.archivedAt !== null) === archived) return;
  await opts.update({
    archivedAt: archived ? new Date() : null,
    version: current.version + 1,
    updatedAt: new Date(),
  });
  await auditChange(
    tx,
    actor,
    archived ? `${resource}.archive` : `${resource}.restore`,
    { type: resource, id: current.id, orgUnitId: current.ownerOrgUnitId },
    archived ? ARCHIVED : RESTORED,
  );
}

// ---------------------------------------------------------------- support policies

export async function savePolicy(
  tx: Transaction,
  actor: Actor,
  current: typeof supportPolicies.$inferSelect | null,
  values: Partial<PolicyValues>,
): Promise<string> {
  await assertUnit(tx, 'ownerOrgUnitId', values.ownerOrgUnitId);
  await assertProgramme(tx, 'programmeId', values.programmeId);
  if (values.name !== undefined && values.name !== current?.name) {
    const [taken] = await tx
      .select({ id: supportPolicies.id })
      .from(supportPolicies)
      .where(eq(supportPolicies.name, values.name));
    if (taken) {
      throw duplicate('name', 'Tên chính sách', values.name, `Đã có chính sách hỗ trợ tên "${values.name}".`);
    }
  }
  if (current === null) {
    const [row] = await tx
      .insert(supportPolicies)
      .values(values as PolicyValues)
      .returning();
    await auditChange(
      tx,
      actor,
      'support_policy.create',
      { type: 'support_policy', id: row!.id, orgUnitId: row!.ownerOrgUnitId },
      { after: stored(row!) },
    );
    return row!.id;
  }
  const diff = updateDiff(current, values);
  if (diff) {
    await tx
      .update(supportPolicies)
      .set({ ...values, version: current.version + 1, updatedAt: new Date() })
      .where(eq(supportPolicies.id, current.id));
    await auditChange(
      tx,
      actor,
      'support_policy.update',
      { type: 'support_policy', id: current.id, orgUnitId: values.ownerOrgUnitId ?? current.ownerOrgUnitId },
      diff,
    );
  }
  return current.id;
}

function policyValues(input: Partial<TCreatePolicyRequest>): Partial<PolicyValues> {
  return dropUndefined({
    name: input.name,
    legalBasisNumber: input.legalBasis ? (input.legalBasis.number ?? null) : undefined,
    legalBasisDate: input.legalBasis ? (input.legalBasis.date ?? null) : undefined,
    legalBasisIssuer: input.legalBasis ? (input.legalBasis.issuer ?? null) : undefined,
    eligibility: input.eligibility,
    supportLevel: input.supportLevel,
    maxAmount: input.maxAmount,
    maxPercent: input.maxPercent,
    howToApply: input.howToApply,
    applyAt: input.applyAt,
    deadline: input.deadline,
    contactOffice: input.contact ? (input.contact.office ?? null) : undefined,
    contactPhone: input.contact ? (input.contact.phone ?? null) : undefined,
    contactEmail: input.contact ? (input.contact.email ?? null) : undefined,
    status: input.status,
    programmeId: input.programmeId,
    ownerOrgUnitId: input.ownerOrgUnitId,
    isPublic: input.isPublic,
  });
}

async function lockPolicy(tx: Transaction, policyId: string) {
  const [row] = await tx.select().from(supportPolicies).where(eq(supportPolicies.id, policyId)).for('update');
  if (!row) throw notFound(NAMES.policy);
  return row;
}

export function createPolicy(opts: { tx: Transaction; input: TCreatePolicyRequest; actor: Actor }) {
  return savePolicy(opts.tx, opts.actor, null, policyValues(opts.input));
}

export async function updatePolicy(opts: {
  tx: Transaction;
  policyId: string;
  input: TUpdatePolicyRequest;
  actor: Actor;
}) {
  const { tx, policyId, input, actor } = opts;
  const current = await lockPolicy(tx, policyId);
  assertVersion(current, input.version);
  const { version: _version, ...fields } = input;
  await savePolicy(tx, actor, current, policyValues(fields));
}

export async function setPolicyArchived(opts: {
  tx: Transaction;
  policyId: string;
  version: number;
  archived: boolean;
  actor: Actor;
}) {
  const { tx, policyId, version, archived, actor } = opts;
  const current = await lockPolicy(tx, policyId);
  assertVersion(current, version);
  await applyArchived(tx, actor, {
    resource: 'support_policy',
    current,
    archived,
    update: (values) => tx.update(supportPolicies).set(values).where(eq(supportPolicies.id, policyId)),
  });
}

// ---------------------------------------------------------------- budget lines

export async function saveBudgetLine(
  tx: Transaction,
  actor: Actor,
  current: typeof budgetLines.$inferSelect | null,
  values: Partial<LineValues>,
): Promise<string> {
  const next = { ...current, ...values };
  if (!next.programmeId && !next.planItemId) {
    throw fieldError('programmeId', 'Chọn chương trình hoặc nhiệm vụ mà dòng ngân sách thuộc về.');
  }
  if (current === null) {
    await assertProgramme(tx, 'programmeId', values.programmeId);
    await assertItems(tx, 'planItemId', values.planItemId ? [values.planItemId] : []);
  }
  const [taken] = await tx
    .select({ id: budgetLines.id })
    .from(budgetLines)
    .where(
      and(
        next.programmeId ? eq(budgetLines.programmeId, next.programmeId) : isNull(budgetLines.programmeId),
        next.planItemId ? eq(budgetLines.planItemId, next.planItemId) : isNull(budgetLines.planItemId),
        eq(budgetLines.year, next.year!),
        eq(budgetLines.source, next.source!),
      ),
    );
  if (taken && taken.id !== current?.id) {
    const source = FUNDING_SOURCE_LABELS[next.source!];
    throw duplicate(
      'source',
      'Dòng ngân sách',
      `${next.year} – ${source}`,
      `Đã có dòng ngân sách năm ${next.year}, nguồn ${source} cho chương trình/nhiệm vụ này; hãy sửa dòng đó.`,
    );
  }
  if (current === null) {
    const [row] = await tx
      .insert(budgetLines)
      .values(values as LineValues)
      .returning();
    await auditChange(
      tx,
      actor,
      'budget_line.create',
      { type: 'budget_line', id: row!.id },
      { after: stored(row!) },
    );
    return row!.id;
  }
  const diff = updateDiff(current, values);
  if (diff) {
    await tx
      .update(budgetLines)
      .set({ ...values, version: current.version + 1, updatedAt: new Date() })
      .where(eq(budgetLines.id, current.id));
    await auditChange(tx, actor, 'budget_line.update', { type: 'budget_line', id: current.id }, diff);
  }
  return current.id;
}

async function lockLine(tx: Transaction, lineId: string) {
  const [row] = await tx.select().from(budgetLines).where(eq(budgetLines.id, lineId)).for('update');
  if (!row) throw notFound(NAMES.budgetLine);
  return row;
}

export function createBudgetLine(opts: { tx: Transaction; input: TCreateBudgetLineRequest; actor: Actor }) {
  const { input } = opts;
  return saveBudgetLine(
    opts.tx,
    opts.actor,
    null,
    dropUndefined({
      programmeId: input.programmeId ?? null,
      planItemId: input.planItemId ?? null,
      year: input.year,
      source: input.source,
      allocated: input.allocated,
      disbursed: input.disbursed ?? 0,
      note: input.note ?? null,
      isPublic: input.isPublic ?? false,
    }),
  );
}

export async function updateBudgetLine(opts: {
  tx: Transaction;
  lineId: string;
  input: TUpdateBudgetLineRequest;
  actor: Actor;
}) {
  const { tx, lineId, input, actor } = opts;
  const current = await lockLine(tx, lineId);
  assertVersion(current, input.version);
  const { version: _version, ...fields } = input;
  await saveBudgetLine(tx, actor, current, dropUndefined(fields));
}

export async function deleteBudgetLine(opts: {
  tx: Transaction;
  lineId: string;
  version: number;
  actor: Actor;
}) {
  const { tx, lineId, version, actor } = opts;
  const current = await lockLine(tx, lineId);
  assertVersion(current, version);
  await tx.delete(budgetLines).where(eq(budgetLines.id, lineId));
  await auditChange(
    tx,
    actor,
    'budget_line.delete',
    { type: 'budget_line', id: lineId },
    { before: stored(current) },
  );
}

/** Serialises imports: two at once would each pass the duplicate checks and then collide. */
export async function lockCatalogue(tx: Transaction) {
  await tx.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(0x50524f47))})`);
}
