import { eq } from 'drizzle-orm';
import type { TCreatePlanRequest, TUpdatePlanRequest } from '../../../common/contracts/plans';
import type { Transaction } from '../../db/client';
import { updateDiff } from '../../db/history';
import { AppError, assertVersion, notFound, RESOURCE_NAMES } from '../../errors/app-error';
import type { Actor } from '../../policy';
import { ARCHIVED, auditChange } from '../audit/service';
import { orgUnits } from '../org-units/tables';
import { plans } from './tables';

async function assertNumberFree(tx: Transaction, number: string, exceptId?: string) {
  const [taken] = await tx.select({ id: plans.id }).from(plans).where(eq(plans.number, number));
  if (taken && taken.id !== exceptId) {
    throw new AppError('duplicate', {
      params: { field: { vi: 'Số hiệu kế hoạch', en: 'Plan number' }, value: number },
      errors: [{ field: 'number', code: 'duplicate', message: `Số hiệu "${number}" đã được dùng.` }],
    });
  }
}

async function assertOwner(tx: Transaction, ownerOrgUnitId: string | null | undefined) {
  if (!ownerOrgUnitId) return;
  const [owner] = await tx
    .select({ active: orgUnits.active })
    .from(orgUnits)
    .where(eq(orgUnits.id, ownerOrgUnitId));
  if (!owner?.active) {
    throw new AppError('unknown_reference', {
      params: { field: 'ownerOrgUnitId' },
      errors: [
        {
          field: 'ownerOrgUnitId',
          code: 'unknown_reference',
          message: 'Đơn vị không tồn tại hoặc đã lưu trữ.',
        },
      ],
    });
  }
}

export async function createPlan(options: {
  tx: Transaction;
  input: TCreatePlanRequest;
  actor: Actor;
}): Promise<string> {
  const { tx, input, actor } = options;
  await assertNumberFree(tx, input.number);
  await assertOwner(tx, input.ownerOrgUnitId);
  const [row] = await tx
    .insert(plans)
    .values({ ...input, issueDate: input.issueDate ?? null, parentDocument: input.parentDocument ?? null })
    .returning({ id: plans.id });
  if (!row) throw new AppError('internal');
  await auditChange(tx, actor, 'plan.create', { type: 'plan', id: row.id }, { after: { ...input } });
  return row.id;
}

async function lockPlan(tx: Transaction, planId: string, version: number) {
  const [current] = await tx.select().from(plans).where(eq(plans.id, planId)).for('update');
  if (!current) throw notFound(RESOURCE_NAMES.plan);
  assertVersion(current, version);
  return current;
}

export async function updatePlan(options: {
  tx: Transaction;
  planId: string;
  input: TUpdatePlanRequest;
  actor: Actor;
}): Promise<void> {
  const { tx, planId, input } = options;
  const current = await lockPlan(tx, planId, input.version);
  const { version: _version, ...fields } = input;
  if (fields.number && fields.number !== current.number) await assertNumberFree(tx, fields.number, planId);
  await assertOwner(tx, fields.ownerOrgUnitId);
  const start = fields.horizonStartYear ?? current.horizonStartYear;
  const end = fields.horizonEndYear ?? current.horizonEndYear;
  if (start > end) {
    throw new AppError('validation_failed', {
      errors: [
        {
          field: 'horizonEndYear',
          code: 'before_start',
          message: 'Năm kết thúc phải không sớm hơn năm bắt đầu.',
        },
      ],
    });
  }
  await tx
    .update(plans)
    .set({ ...fields, version: current.version + 1, updatedAt: new Date() })
    .where(eq(plans.id, planId));
  const change = updateDiff(current, fields);
  if (change) await auditChange(tx, options.actor, 'plan.update', { type: 'plan', id: planId }, change);
}

export async function archivePlan(options: {
  tx: Transaction;
  planId: string;
  version: number;
  actor: Actor;
}) {
  const current = await lockPlan(options.tx, options.planId, options.version);
  if (current.archivedAt) return;
  await options.tx
    .update(plans)
    .set({ archivedAt: new Date(), version: current.version + 1, updatedAt: new Date() })
    .where(eq(plans.id, options.planId));
  await auditChange(
    options.tx,
    options.actor,
    'plan.archive',
    { type: 'plan', id: options.planId },
    ARCHIVED,
  );
}
