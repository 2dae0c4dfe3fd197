/**
 * For the annex tests: the demo province's org units and Plan 328-KH/TU written into a test
 * database (without the indicators, values and rounds the full demo seed adds), and annex files
 * built the way people build them in Excel.
 */
import ExcelJS from 'exceljs';
import type { Database } from '../../db/client';
import { demoOrgUnits } from '../../demo/org-units';
import { PLAN_328, PLAN_328_ITEMS, parentCodeOf } from '../../demo/plan-328';
import { orgUnits } from '../org-units/tables';
import { codeSortKey } from '../plan-items/code-sort-key';
import { planItemCooperators, planItems } from '../plan-items/tables';
import { plans } from '../plans/tables';

/** Parents before children, by a code → parent-code function. */
function byLevel<T>(items: readonly T[], codeOf: (t: T) => string, parentOf: (t: T) => string | null): T[][] {
  const levels: T[][] = [];
  const placed = new Set<string>();
  let pending = [...items];
  while (pending.length) {
    const ready = pending.filter((t) => {
      const parent = parentOf(t);
      return parent === null || placed.has(parent);
    });
    for (const t of ready) placed.add(codeOf(t));
    pending = pending.filter((t) => !placed.has(codeOf(t)));
    levels.push(ready);
  }
  return levels;
}

/** The demo units (parented under nothing: the province "40" is a root of its own) and Plan 328. */
export async function seedDemoPlan(db: Database): Promise<{ planId: string; unitIds: Map<string, string> }> {
  return db.transaction(async (tx) => {
    const unitIds = new Map<string, string>();
    for (const level of byLevel(
      demoOrgUnits(),
      (u) => u.code,
      (u) => u.parentCode,
    )) {
      const rows = await tx
        .insert(orgUnits)
        .values(
          level.map((u) => ({
            code: u.code,
            name: u.name,
            shortName: u.shortName,
            kind: u.kind,
            parentId: u.parentCode ? unitIds.get(u.parentCode)! : null,
          })),
        )
        .returning({ id: orgUnits.id, code: orgUnits.code });
      for (const r of rows) unitIds.set(r.code, r.id);
    }
    const [plan] = await tx
      .insert(plans)
      .values({
        number: PLAN_328.number,
        title: PLAN_328.title,
        issuingBody: PLAN_328.issuingBody,
        issueDate: PLAN_328.issueDate,
        parentDocument: PLAN_328.parentDocument,
        ownerOrgUnitId: unitIds.get(PLAN_328.ownerCode)!,
        horizonStartYear: PLAN_328.horizonStartYear,
        horizonEndYear: PLAN_328.horizonEndYear,
        status: PLAN_328.status,
      })
      .returning({ id: plans.id });
    const itemIds = new Map<string, string>();
    for (const level of byLevel(
      PLAN_328_ITEMS,
      (i) => i.code,
      (i) => parentCodeOf(i.code),
    )) {
      const rows = await tx
        .insert(planItems)
        .values(
          level.map((i) => ({
            planId: plan!.id,
            parentId: parentCodeOf(i.code) ? itemIds.get(parentCodeOf(i.code)!)! : null,
            kind: i.kind,
            code: i.code,
            codeSortKey: codeSortKey(i.code),
            title: i.title,
            leadOrgUnitId: i.leadCode ? unitIds.get(i.leadCode)! : null,
            startDate: i.startDate,
            deadline: i.deadline,
            recurrence: i.recurrence,
            expectedProduct: i.expectedProduct,
            weight: i.weight,
            progress: i.progress,
            completedOn: i.completedOn,
          })),
        )
        .returning({ id: planItems.id, code: planItems.code });
      for (const r of rows) itemIds.set(r.code, r.id);
    }
    const cooperators = PLAN_328_ITEMS.flatMap((i) =>
      i.cooperatorCodes.map((c) => ({ itemId: itemIds.get(i.code)!, orgUnitId: unitIds.get(c)! })),
    );
    await tx.insert(planItemCooperators).values(cooperators);
    return { planId: plan!.id, unitIds };
  });
}

/** An annex as a person types it: title lines, a header, rows; `merge` ranges like "A6:F6". */
export async function annexXlsx(options: {
  above?: string[];
  header?: string[];
  rows: (string | number | Date | null)[][];
  merge?: string[];
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Phụ lục');
  for (const line of options.above ?? []) sheet.addRow([line]);
  sheet.addRow(
    options.header ?? [
      'STT',
      'Nhiệm vụ',
      'Cơ quan chủ trì',
      'Cơ quan phối hợp',
      'Thời gian hoàn thành',
      'Sản phẩm',
    ],
  );
  for (const row of options.rows) sheet.addRow(row);
  for (const range of options.merge ?? []) sheet.mergeCells(range);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
