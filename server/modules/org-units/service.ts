import { and, eq, ne } from 'drizzle-orm';
import type { TCreateOrgUnitRequest, TUpdateOrgUnitRequest } from '../../../common/contracts/org-units';
import type { Transaction } from '../../db/client';
import { updateDiff } from '../../db/history';
import { selfAndAncestorIds } from '../../db/tree';
import { AppError, assertVersion, notFound, RESOURCE_NAMES } from '../../errors/app-error';
import type { Actor } from '../../policy';
import { ARCHIVED, auditChange, RESTORED } from '../audit/service';
import { rebuildRollups } from '../data-values/rollups';
import { dependentsOf } from './queries';
import { orgUnits } from './tables';

async function assertCodeFree(tx: Transaction, code: string, exceptId?: string) {
  const [taken] = await tx
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(eq(orgUnits.code, code), exceptId ? ne(orgUnits.id, exceptId) : undefined));
  if (taken) {
    throw new AppError('duplicate', {
      params: { field: { vi: 'Mã đơn vị', en: 'Unit code' }, value: code },
      errors: [{ field: 'code', code: 'duplicate', message: `Mã "${code}" đã được dùng cho đơn vị khác.` }],
    });
  }
}

async function assertParent(tx: Transaction, parentId: string) {
  const [parent] = await tx
    .select({ active: orgUnits.active })
    .from(orgUnits)
    .where(eq(orgUnits.id, parentId));
  if (!parent?.active) {
    throw new AppError('unknown_reference', {
      params: { field: 'parentId' },
      errors: [
        {
          field: 'parentId',
          code: 'unknown_reference',
          message: 'Đơn vị cấp trên không tồn tại hoặc đã lưu trữ.',
        },
      ],
    });
  }
}

async function lockOrgUnit(tx: Transaction, orgUnitId: string, version: number) {
  const [current] = await tx.select().from(orgUnits).where(eq(orgUnits.id, orgUnitId)).for('update');
  if (!current) throw notFound(RESOURCE_NAMES.orgUnit);
  assertVersion(current, version);
  return current;
}

export async function createOrgUnit(options: {
  tx: Transaction;
  input: TCreateOrgUnitRequest;
  actor: Actor;
}): Promise<string> {
  const { tx, input } = options;
  await assertCodeFree(tx, input.code);
  if (input.parentId) await assertParent(tx, input.parentId);
  const [row] = await tx
    .insert(orgUnits)
    .values({
      code: input.code,
      name: input.name,
      shortName: input.shortName ?? null,
      kind: input.kind,
      parentId: input.parentId ?? null,
    })
    .returning({ id: orgUnits.id });
  if (!row) throw new AppError('internal');
  await auditChange(
    tx,
    options.actor,
    'org_unit.create',
    { type: 'org_unit', id: row.id, orgUnitId: row.id },
    { after: { ...input } },
  );
  return row.id;
}

export async function updateOrgUnit(options: {
  tx: Transaction;
  orgUnitId: string;
  input: TUpdateOrgUnitRequest;
  actor: Actor;
}): Promise<void> {
  const { tx, orgUnitId, input } = options;
  const current = await lockOrgUnit(tx, orgUnitId, input.version);
  const { version: _version, ...fields } = input;
  if (fields.code !== undefined && fields.code !== current.code)
    await assertCodeFree(tx, fields.code, orgUnitId);
  if (fields.parentId) {
    await assertParent(tx, fields.parentId);
    const ancestors = await selfAndAncestorIds(tx, orgUnits, fields.parentId);
    if (ancestors.includes(orgUnitId)) {
      throw new AppError('tree_cycle', {
        params: { resource: RESOURCE_NAMES.orgUnit },
        errors: [
          {
            field: 'parentId',
            code: 'tree_cycle',
            message: 'Đơn vị cấp trên không thể là chính nó hoặc đơn vị trực thuộc nó.',
          },
        ],
      });
    }
  }
  await tx
    .update(orgUnits)
    .set({ ...fields, version: current.version + 1, updatedAt: new Date() })
    .where(eq(orgUnits.id, orgUnitId));
  // A unit that moves takes its figures to its new ancestors. Moves are rare: rebuild them all.
  if (fields.parentId !== undefined && fields.parentId !== current.parentId) await rebuildRollups(tx);
  const change = updateDiff(current, fields);
  if (change) {
    await auditChange(
      tx,
      options.actor,
      'org_unit.update',
      { type: 'org_unit', id: orgUnitId, orgUnitId },
      change,
    );
  }
}

export async function archiveOrgUnit(options: {
  tx: Transaction;
  orgUnitId: string;
  version: number;
  actor: Actor;
}) {
  const { tx, orgUnitId, version } = options;
  const current = await lockOrgUnit(tx, orgUnitId, version);
  if (!current.active) return;
  const dependents = await dependentsOf(tx, orgUnitId);
  if (dependents.length) {
    throw new AppError('org_unit_in_use', { params: { count: dependents.length }, conflicts: dependents });
  }
  await tx
    .update(orgUnits)
    .set({ active: false, version: current.version + 1, updatedAt: new Date() })
    .where(eq(orgUnits.id, orgUnitId));
  await auditChange(
    tx,
    options.actor,
    'org_unit.archive',
    { type: 'org_unit', id: orgUnitId, orgUnitId },
    ARCHIVED,
  );
}

export async function restoreOrgUnit(options: {
  tx: Transaction;
  orgUnitId: string;
  version: number;
  actor: Actor;
}) {
  const { tx, orgUnitId, version } = options;
  const current = await lockOrgUnit(tx, orgUnitId, version);
  if (current.active) return;
  if (current.parentId) await assertParent(tx, current.parentId);
  await tx
    .update(orgUnits)
    .set({ active: true, version: current.version + 1, updatedAt: new Date() })
    .where(eq(orgUnits.id, orgUnitId));
  await auditChange(
    tx,
    options.actor,
    'org_unit.restore',
    { type: 'org_unit', id: orgUnitId, orgUnitId },
    RESTORED,
  );
}
