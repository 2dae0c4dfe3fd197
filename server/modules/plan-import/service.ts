/**
 * Checking an annex (a file, or its rows sent back after corrections) and writing it: a new plan
 * with all its items, or the items added to a draft plan — in one transaction, each item with its
 * history entry and audit event as if it had been created by hand, nothing written when any row
 * has an error.
 *
 * Why a new plan or a draft one, and never an active plan: an active plan's tasks are in reporting
 * rounds, and an annex is a whole outline, not an edit; a draft is where a plan is still being
 * put together (the secretariat may create its header first, then import the annex into it, or
 * import a second annex under groups already there).
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type {
  TAnnexLayout,
  TImportIssue,
  TImportTarget,
  TPlanHints,
  TPlanImportPreview,
  TPlanImportResult,
} from '../../../common/contracts/plan-import';
import type { TCreatePlanRequest } from '../../../common/contracts/plans';
import type { Executor, Transaction } from '../../db/client';
import { AppError } from '../../errors/app-error';
import type { FileSource } from '../../files/source';
import type { Actor } from '../../policy';
import { auditChanges } from '../audit/service';
import { codeSortKey } from '../plan-items/code-sort-key';
import { planItemChanges, planItemCooperators, planItems } from '../plan-items/tables';
import { createPlan } from '../plans/service';
import { plans } from '../plans/tables';
import { readAnnexRecords } from './annex-file';
import { parseAnnex } from './parser';
import { buildPreview, type PreviewContext } from './preview';
import { loadMatcher, loadTargetPlan, type TargetPlan } from './queries';

const NO_HINTS: TPlanHints = {
  number: null,
  title: null,
  issuingBody: null,
  issueDate: null,
  horizonStartYear: null,
  horizonEndYear: null,
};

function assertDraft(plan: TargetPlan): void {
  if (plan.archived || plan.status !== 'draft') {
    throw new AppError('invalid_reference', {
      params: {
        reason: {
          vi: 'Chỉ nhập phụ lục vào kế hoạch đang ở trạng thái dự thảo (chưa lưu trữ); kế hoạch đang thực hiện được sửa từng nhiệm vụ.',
          en: 'An annex is imported only into a draft plan (not archived); an active plan is edited item by item.',
        },
      },
    });
  }
}

/** The years deadlines are read against when no plan says them: the file's, else its deadlines'. */
function fileHorizon(hints: TPlanHints, deadlineCells: string[], today: string) {
  const years = deadlineCells.flatMap((c) => [...c.matchAll(/\b(19|20)\d{2}\b/g)].map((m) => Number(m[0])));
  const start =
    hints.horizonStartYear ??
    (hints.issueDate ? Number(hints.issueDate.slice(0, 4)) : null) ??
    (years.length ? Math.min(...years) : Number(today.slice(0, 4)));
  const end = hints.horizonEndYear ?? Math.max(start, ...years, start + (years.length ? 0 : 5));
  return { start, end };
}

const existingOf = (plan: TargetPlan | null): PreviewContext['existing'] => plan?.items ?? new Map();

/** An uploaded annex, read and checked; `planId`: the draft plan it would be added to. */
export async function previewAnnexFile(options: {
  db: Executor;
  file: FileSource;
  planId?: string;
  today: string;
}): Promise<TPlanImportPreview> {
  const { db, file, planId, today } = options;
  const target = planId ? await loadTargetPlan(db, planId) : null;
  if (target) assertDraft(target);
  const parsed = parseAnnex(await readAnnexRecords(file));
  const horizon = target
    ? { start: target.horizonStartYear, end: target.horizonEndYear }
    : fileHorizon(
        parsed.hints,
        parsed.rows.map((r) => r.cells.deadline),
        today,
      );
  const hints = {
    ...parsed.hints,
    horizonStartYear: parsed.hints.horizonStartYear ?? horizon.start,
    horizonEndYear: parsed.hints.horizonEndYear ?? horizon.end,
  };
  const matcher = await loadMatcher(db);
  return buildPreview({ ...parsed, hints }, { matcher, horizon, existing: existingOf(target) });
}

async function planNumberIssue(db: Executor, plan: TCreatePlanRequest): Promise<TImportIssue | null> {
  const [taken] = await db.select({ id: plans.id }).from(plans).where(eq(plans.number, plan.number));
  if (!taken) return null;
  return {
    severity: 'error',
    code: 'plan_number_taken',
    row: null,
    column: null,
    cell: null,
    message: `Số hiệu kế hoạch “${plan.number}” đã được dùng: hãy đặt số hiệu khác.`,
  };
}

export type ImportOutcome = { preview: TPlanImportPreview; result: TPlanImportResult | null };

/**
 * The rows checked again against the target; written when nothing is wrong and `dryRun` is off.
 * Called in the caller's transaction: the target plan is locked first, so two imports into one
 * draft do not both pass the code check.
 */
export async function importAnnexRows(options: {
  tx: Transaction;
  layout: TAnnexLayout;
  rows: { row: number; cells: TPlanImportPreview['rows'][number]['cells'] }[];
  target: TImportTarget;
  fileName: string | null;
  dryRun: boolean;
  actor: Actor;
}): Promise<ImportOutcome> {
  const { tx, target, actor } = options;
  const existing = target.kind === 'existing' ? await loadTargetPlan(tx, target.planId, true) : null;
  if (existing) assertDraft(existing);
  const horizon =
    target.kind === 'new'
      ? { start: target.plan.horizonStartYear, end: target.plan.horizonEndYear }
      : { start: existing!.horizonStartYear, end: existing!.horizonEndYear };
  const numberIssue = target.kind === 'new' ? await planNumberIssue(tx, target.plan) : null;
  const matcher = await loadMatcher(tx);
  const members = new Map<number, string[]>();
  const preview = buildPreview(
    { layout: options.layout, hints: NO_HINTS, rows: options.rows, issues: numberIssue ? [numberIssue] : [] },
    { matcher, horizon, existing: existingOf(existing) },
    members,
  );
  if (options.dryRun || !preview.canCommit) return { preview, result: null };

  const planId = target.kind === 'new' ? await createPlan({ tx, input: target.plan, actor }) : target.planId;
  await writeItems({ tx, planId, preview, members, existing, fileName: options.fileName, actor });
  return { preview, result: { planId, groups: preview.counts.groups, tasks: preview.counts.tasks } };
}

/** Rows per INSERT: 500 items of 13 columns stay far below PostgreSQL's 65,535 parameters. */
const BATCH = 500;

async function writeItems(options: {
  tx: Transaction;
  planId: string;
  preview: TPlanImportPreview;
  /** by row: the units a phrase such as "UBND các xã, phường" stands for */
  members: Map<number, string[]>;
  existing: TargetPlan | null;
  fileName: string | null;
  actor: Actor;
}): Promise<void> {
  const { tx, planId, preview, actor } = options;
  const items = preview.rows.flatMap((r) =>
    r.item
      ? [
          {
            ...r.item,
            cooperatorIds: [...r.item.cooperators.map((u) => u.id), ...(options.members.get(r.row) ?? [])],
          },
        ]
      : [],
  );
  const ids = new Map<string, string>();
  for (const [code, item] of options.existing?.items ?? []) ids.set(code, item.id);
  for (const item of items) ids.set(item.code, randomUUID());
  // parents before their children, across batches
  const depth = (code: string) => code.split('.').length;
  const ordered = [...items].sort((a, b) => depth(a.code) - depth(b.code));
  const records = ordered.map((item) => ({
    id: ids.get(item.code)!,
    planId,
    parentId: item.parentCode ? ids.get(item.parentCode)! : null,
    kind: item.kind,
    code: item.code,
    codeSortKey: codeSortKey(item.code),
    title: item.title,
    leadOrgUnitId: item.lead?.id ?? null,
    startDate: item.startDate,
    deadline: item.deadline,
    recurrence: item.recurrence,
    expectedProduct: item.expectedProduct,
  }));
  for (let i = 0; i < records.length; i += BATCH)
    await tx.insert(planItems).values(records.slice(i, i + BATCH));

  const cooperators = ordered.flatMap((item) =>
    item.cooperatorIds.map((orgUnitId) => ({ itemId: ids.get(item.code)!, orgUnitId })),
  );
  for (let i = 0; i < cooperators.length; i += BATCH * 4) {
    await tx.insert(planItemCooperators).values(cooperators.slice(i, i + BATCH * 4));
  }

  // the item's own history and the audit trail, as createPlanItem writes them
  const snapshots = records.map((r, i) => ({
    record: r,
    after: {
      parentId: r.parentId,
      kind: r.kind,
      code: r.code,
      title: r.title,
      description: null,
      leadOrgUnitId: r.leadOrgUnitId,
      cooperatorIds: [...ordered[i]!.cooperatorIds].sort(),
      startDate: r.startDate,
      deadline: r.deadline,
      recurrence: r.recurrence,
      expectedProduct: r.expectedProduct,
      weight: 1,
      progress: 0,
      completedOn: null,
    },
  }));
  for (let i = 0; i < snapshots.length; i += BATCH) {
    await tx.insert(planItemChanges).values(
      snapshots.slice(i, i + BATCH).map(({ record, after }) => ({
        itemId: record.id,
        action: 'create' as const,
        actor: actor.name,
        before: null,
        after,
      })),
    );
  }
  const source = { via: 'annex_import', fileName: options.fileName };
  await auditChanges(
    tx,
    actor,
    'plan_item.create',
    snapshots.map(({ record, after }) => ({
      resource: { type: 'plan_item', id: record.id, orgUnitId: record.leadOrgUnitId },
      after: { ...after, source },
    })),
  );
}
