import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { TCreatePlanItemRequest, TUpdatePlanItemRequest } from '../../../common/contracts/plan-items';
import type { Transaction } from '../../db/client';
import { changedFields } from '../../db/history';
import { selfAndAncestorIds } from '../../db/tree';
import { AppError, assertVersion, notFound, RESOURCE_NAMES } from '../../errors/app-error';
import type { Actor } from '../../policy';
import { auditChange } from '../audit/service';
import { orgUnits } from '../org-units/tables';
import { plans } from '../plans/tables';
import { codeSortKey } from './code-sort-key';
import { planItemChanges, planItemCooperators, planItems } from './tables';

type PlanItemRow = typeof planItems.$inferSelect;

/** The fields a history entry records, in a stable shape. */
function snapshot(row: PlanItemRow, cooperatorIds: string[]) {
  return {
    parentId: row.parentId,
    kind: row.kind,
    code: row.code,
    title: row.title,
    description: row.description,
    leadOrgUnitId: row.leadOrgUnitId,
    cooperatorIds: [...cooperatorIds].sort(),
    startDate: row.startDate,
    deadline: row.deadline,
    recurrence: row.recurrence,
    expectedProduct: row.expectedProduct,
    weight: Number(row.weight),
    progress: row.progress,
    completedOn: row.completedOn,
  };
}

async function assertActiveOrgUnits(tx: Transaction, field: string, ids: string[]) {
  if (ids.length === 0) return;
  const found = await tx
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(inArray(orgUnits.id, ids), eq(orgUnits.active, true)));
  const foundIds = new Set(found.map((r) => r.id));
  const missing = ids.findIndex((id) => !foundIds.has(id));
  if (missing >= 0) {
    const name = ids.length > 1 || field.endsWith('Ids') ? `${field}.${missing}` : field;
    throw new AppError('unknown_reference', {
      params: { field: name },
      errors: [{ field: name, code: 'unknown_reference', message: 'Đơn vị không tồn tại hoặc đã lưu trữ.' }],
    });
  }
}

async function assertParent(tx: Transaction, planId: string, parentId: string) {
  const [parent] = await tx
    .select({ id: planItems.id })
    .from(planItems)
    .where(and(eq(planItems.id, parentId), eq(planItems.planId, planId), isNull(planItems.archivedAt)));
  if (!parent) {
    throw new AppError('unknown_reference', {
      params: { field: 'parentId' },
      errors: [
        {
          field: 'parentId',
          code: 'unknown_reference',
          message: 'Mục cha không thuộc kế hoạch này hoặc đã lưu trữ.',
        },
      ],
    });
  }
}

async function assertCodeFree(tx: Transaction, planId: string, code: string, exceptId?: string) {
  const [taken] = await tx
    .select({ id: planItems.id })
    .from(planItems)
    .where(
      and(
        eq(planItems.planId, planId),
        eq(planItems.code, code),
        exceptId ? ne(planItems.id, exceptId) : undefined,
      ),
    );
  if (taken) {
    throw new AppError('duplicate', {
      params: { field: { vi: 'Mã mục', en: 'Item code' }, value: code },
      errors: [{ field: 'code', code: 'duplicate', message: `Mã "${code}" đã có trong kế hoạch này.` }],
    });
  }
}

function assertDates(values: {
  startDate?: string | null;
  deadline?: string | null;
  progress?: number;
  completedOn?: string | null;
}) {
  if (values.startDate && values.deadline && values.startDate > values.deadline) {
    throw new AppError('validation_failed', {
      errors: [
        {
          field: 'deadline',
          code: 'before_start',
          message: 'Hạn hoàn thành phải không sớm hơn ngày bắt đầu.',
        },
      ],
    });
  }
  if (values.completedOn && (values.progress ?? 0) < 100) {
    throw new AppError('validation_failed', {
      errors: [
        { field: 'completedOn', code: 'not_done', message: 'Chỉ ghi ngày hoàn thành khi tiến độ đạt 100%.' },
      ],
    });
  }
}

/**
 * The item's own history (shown on its page) and the audit trail, in the caller's transaction.
 * The audit event carries the lead unit, so auditors scoped to a unit see its items' changes.
 */
async function recordChange(
  tx: Transaction,
  item: { id: string; leadOrgUnitId: string | null },
  action: 'create' | 'update' | 'archive' | 'restore',
  actor: Actor,
  change: { before: Record<string, unknown> | null; after: Record<string, unknown> | null },
) {
  await tx.insert(planItemChanges).values({ itemId: item.id, action, actor: actor.name, ...change });
  const resource = { type: 'plan_item', id: item.id, orgUnitId: item.leadOrgUnitId };
  await auditChange(tx, actor, `plan_item.${action}`, resource, change);
}

async function cooperatorIdsOf(tx: Transaction, itemId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: planItemCooperators.orgUnitId })
    .from(planItemCooperators)
    .where(eq(planItemCooperators.itemId, itemId));
  return rows.map((r) => r.id);
}

async function lockItem(tx: Transaction, itemId: string): Promise<PlanItemRow> {
  const [row] = await tx.select().from(planItems).where(eq(planItems.id, itemId)).for('update');
  if (!row) throw notFound(RESOURCE_NAMES.planItem);
  return row;
}

export async function createPlanItem(options: {
  tx: Transaction;
  planId: string;
  input: TCreatePlanItemRequest;
  actor: Actor;
}): Promise<string> {
  const { tx, planId, input, actor } = options;
  const [plan] = await tx.select({ id: plans.id }).from(plans).where(eq(plans.id, planId));
  if (!plan) throw notFound(RESOURCE_NAMES.plan);
  if (input.parentId) await assertParent(tx, planId, input.parentId);
  if (input.leadOrgUnitId) await assertActiveOrgUnits(tx, 'leadOrgUnitId', [input.leadOrgUnitId]);
  const cooperatorIds = [...new Set(input.cooperatorIds ?? [])];
  await assertActiveOrgUnits(tx, 'cooperatorIds', cooperatorIds);
  await assertCodeFree(tx, planId, input.code);
  assertDates(input);

  const [row] = await tx
    .insert(planItems)
    .values({
      planId,
      parentId: input.parentId ?? null,
      kind: input.kind,
      code: input.code,
      codeSortKey: codeSortKey(input.code),
      title: input.title,
      description: input.description ?? null,
      leadOrgUnitId: input.leadOrgUnitId ?? null,
      startDate: input.startDate ?? null,
      deadline: input.deadline ?? null,
      recurrence: input.recurrence ?? 'none',
      expectedProduct: input.expectedProduct ?? null,
      weight: input.weight ?? 1,
      progress: input.progress ?? 0,
      completedOn: input.completedOn ?? null,
    })
    .returning();
  if (!row) throw new AppError('internal');
  if (cooperatorIds.length) {
    await tx
      .insert(planItemCooperators)
      .values(cooperatorIds.map((orgUnitId) => ({ itemId: row.id, orgUnitId })));
  }
  await recordChange(tx, row, 'create', actor, { before: null, after: snapshot(row, cooperatorIds) });
  return row.id;
}

/** Refuses a parent that is the item itself or lies below it. */
async function assertNoCycle(tx: Transaction, itemId: string, newParentId: string) {
  const ancestors = await selfAndAncestorIds(tx, planItems, newParentId);
  if (ancestors.includes(itemId)) {
    throw new AppError('tree_cycle', {
      params: { resource: RESOURCE_NAMES.planItem },
      errors: [
        {
          field: 'parentId',
          code: 'tree_cycle',
          message: 'Mục cha không thể là chính mục này hoặc mục con của nó.',
        },
      ],
    });
  }
}

export async function updatePlanItem(options: {
  tx: Transaction;
  itemId: string;
  input: TUpdatePlanItemRequest;
  actor: Actor;
}): Promise<void> {
  const { tx, itemId, input, actor } = options;
  const current = await lockItem(tx, itemId);
  assertVersion(current, input.version);
  if (current.archivedAt) {
    throw new AppError('invalid_reference', {
      params: {
        reason: {
          vi: 'Mục đã lưu trữ; hãy khôi phục trước khi sửa.',
          en: 'The item is archived; restore it first.',
        },
      },
    });
  }
  const { version: _version, cooperatorIds: cooperatorInput, ...fields } = input;
  if (fields.parentId) {
    await assertParent(tx, current.planId, fields.parentId);
    await assertNoCycle(tx, itemId, fields.parentId);
  }
  if (fields.leadOrgUnitId) await assertActiveOrgUnits(tx, 'leadOrgUnitId', [fields.leadOrgUnitId]);
  if (fields.code !== undefined && fields.code !== current.code)
    await assertCodeFree(tx, current.planId, fields.code, itemId);
  const merged = { ...current, ...fields };
  assertDates(merged);

  const beforeCooperators = await cooperatorIdsOf(tx, itemId);
  const afterCooperators = cooperatorInput ? [...new Set(cooperatorInput)] : beforeCooperators;
  if (cooperatorInput) await assertActiveOrgUnits(tx, 'cooperatorIds', afterCooperators);

  const [updated] = await tx
    .update(planItems)
    .set({
      ...fields,
      ...(fields.code !== undefined && { codeSortKey: codeSortKey(fields.code) }),
      version: current.version + 1,
      updatedAt: new Date(),
    })
    .where(eq(planItems.id, itemId))
    .returning();
  if (!updated) throw notFound(RESOURCE_NAMES.planItem);
  if (cooperatorInput) {
    await tx.delete(planItemCooperators).where(eq(planItemCooperators.itemId, itemId));
    if (afterCooperators.length) {
      await tx
        .insert(planItemCooperators)
        .values(afterCooperators.map((orgUnitId) => ({ itemId, orgUnitId })));
    }
  }
  const change = changedFields(snapshot(current, beforeCooperators), snapshot(updated, afterCooperators));
  if (change) await recordChange(tx, updated, 'update', actor, change);
}

export async function archivePlanItem(options: {
  tx: Transaction;
  itemId: string;
  version: number;
  actor: Actor;
}): Promise<void> {
  const { tx, itemId, version, actor } = options;
  const current = await lockItem(tx, itemId);
  assertVersion(current, version);
  if (current.archivedAt) return;
  const children = await tx
    .select({ id: planItems.id, code: planItems.code, title: planItems.title })
    .from(planItems)
    .where(and(eq(planItems.parentId, itemId), isNull(planItems.archivedAt)))
    .orderBy(planItems.codeSortKey);
  if (children.length) {
    throw new AppError('item_has_children', { params: { count: children.length }, conflicts: children });
  }
  await tx
    .update(planItems)
    .set({ archivedAt: new Date(), version: current.version + 1, updatedAt: new Date() })
    .where(eq(planItems.id, itemId));
  await recordChange(tx, current, 'archive', actor, {
    before: { archived: false },
    after: { archived: true },
  });
}

export async function restorePlanItem(options: {
  tx: Transaction;
  itemId: string;
  version: number;
  actor: Actor;
}): Promise<void> {
  const { tx, itemId, version, actor } = options;
  const current = await lockItem(tx, itemId);
  assertVersion(current, version);
  if (!current.archivedAt) return;
  if (current.parentId) await assertParent(tx, current.planId, current.parentId);
  await tx
    .update(planItems)
    .set({ archivedAt: null, version: current.version + 1, updatedAt: new Date() })
    .where(eq(planItems.id, itemId));
  await recordChange(tx, current, 'restore', actor, {
    before: { archived: true },
    after: { archived: false },
  });
}
