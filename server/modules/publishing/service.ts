import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  PUBLIC_DATASETS,
  type PublicDataset,
  type TCreatePublicationRequest,
  type TPublication,
  type TPublicationPreview,
  type TSetPublicFlagsRequest,
  type TWithdrawPublicationRequest,
} from '../../../common/contracts/publishing';
import type { Executor, Transaction } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { AppError, notFound } from '../../errors/app-error';
import type { Actor } from '../../policy';
import { auditChange, auditChanges } from '../audit/service';
import { planItems } from '../plan-items/tables';
import { gatherSnapshot, rowKey } from './snapshot';
import { publicationDatasets, publications } from './tables';

/** A row as text with its keys sorted: jsonb gives a stored row's keys back in its own order. */
const canonical = (row: Record<string, unknown>) =>
  JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b))));

const PUBLICATION_NAME = { vi: 'đợt công bố', en: 'publication' };

export async function listPublications(db: Executor): Promise<TPublication[]> {
  const rows = await db.select().from(publications).orderBy(sql`${publications.number} desc`);
  const counts = rows.length
    ? await db
        .select({
          publicationId: publicationDatasets.publicationId,
          dataset: publicationDatasets.dataset,
          rowCount: publicationDatasets.rowCount,
        })
        .from(publicationDatasets)
        .where(
          inArray(
            publicationDatasets.publicationId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    status: r.status,
    note: r.note,
    publishedAt: r.publishedAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
    datasets: PUBLIC_DATASETS.map((dataset) => ({
      dataset,
      rowCount: counts.find((c) => c.publicationId === r.id && c.dataset === dataset)?.rowCount ?? 0,
    })),
  }));
}

/** What a publication made now would hold, against the current one: added, removed, changed rows. */
export async function previewPublication(tx: Transaction, today: string): Promise<TPublicationPreview> {
  const next = await gatherSnapshot(tx, today);
  const [current] = await tx
    .select({ id: publications.id, number: publications.number })
    .from(publications)
    .where(eq(publications.status, 'current'));
  const stored = current
    ? await tx.select().from(publicationDatasets).where(eq(publicationDatasets.publicationId, current.id))
    : [];
  return {
    current: current ?? null,
    datasets: PUBLIC_DATASETS.map((dataset) => {
      const before = new Map(
        (stored.find((s) => s.dataset === dataset)?.rows ?? []).map((r) => [
          rowKey(dataset, r),
          canonical(r),
        ]),
      );
      const after = new Map(
        (next[dataset] as Record<string, unknown>[]).map((r) => [rowKey(dataset, r), canonical(r)]),
      );
      let added = 0;
      let changed = 0;
      for (const [key, value] of after) {
        if (!before.has(key)) added++;
        else if (before.get(key) !== value) changed++;
      }
      const removed = [...before.keys()].filter((key) => !after.has(key)).length;
      return { dataset, rowCount: after.size, currentCount: before.size, added, removed, changed };
    }),
  };
}

/**
 * Publishes: freezes every dataset as of now under the next number, and supersedes the current
 * publication. The table lock takes two publishings one after the other (numbers never clash).
 */
export async function publish(options: {
  tx: Transaction;
  input: TCreatePublicationRequest;
  actor: Actor;
  today: string;
}): Promise<string> {
  const { tx, input, actor, today } = options;
  await tx.execute(sql`lock table publications in share row exclusive mode`);
  const snapshot = await gatherSnapshot(tx, today);
  const [last] = rowsOf<{ n: number | null }>(
    await tx.execute(sql`select max(number)::int as n from publications`),
  );
  const number = (last?.n ?? 0) + 1;
  const superseded = await tx
    .update(publications)
    .set({ status: 'superseded', endedAt: new Date(), endedBy: actor.userId })
    .where(eq(publications.status, 'current'))
    .returning({ id: publications.id, number: publications.number });
  const [row] = await tx
    .insert(publications)
    .values({ number, note: input.note ?? null, publishedBy: actor.userId })
    .returning({ id: publications.id });
  const id = row!.id;
  await tx.insert(publicationDatasets).values(
    PUBLIC_DATASETS.map((dataset) => ({
      publicationId: id,
      dataset,
      rows: snapshot[dataset] as Record<string, unknown>[],
      rowCount: snapshot[dataset].length,
    })),
  );
  const counts = Object.fromEntries(PUBLIC_DATASETS.map((d) => [d, snapshot[d].length]));
  await auditChange(
    tx,
    actor,
    'publication.publish',
    { type: 'publication', id },
    { before: superseded[0] ? { current: superseded[0].number } : null, after: { number, counts } },
  );
  return id;
}

/** Withdraws the current publication: the public site then shows nothing until the next one. */
export async function withdraw(options: {
  tx: Transaction;
  id: string;
  input: TWithdrawPublicationRequest;
  actor: Actor;
}): Promise<void> {
  const { tx, id, input, actor } = options;
  const [row] = await tx.select().from(publications).where(eq(publications.id, id)).for('update');
  if (!row) throw notFound(PUBLICATION_NAME);
  if (row.status !== 'current') {
    throw new AppError('bad_request', {
      params: {
        reason: {
          vi: 'chỉ thu hồi được đợt công bố hiện hành',
          en: 'only the current publication can be withdrawn',
        },
      },
    });
  }
  await tx
    .update(publications)
    .set({ status: 'withdrawn', endedAt: new Date(), endedBy: actor.userId, note: input.note ?? row.note })
    .where(eq(publications.id, id));
  await auditChange(
    tx,
    actor,
    'publication.withdraw',
    { type: 'publication', id },
    {
      before: { status: 'current', number: row.number },
      after: { status: 'withdrawn', note: input.note ?? null },
    },
  );
}

/** Marks plan items public or not (seen at the next publication); one audit event per item changed. */
export async function setPublicFlags(options: {
  tx: Transaction;
  input: TSetPublicFlagsRequest;
  actor: Actor;
}): Promise<number> {
  const { tx, input, actor } = options;
  const ids = [...new Set(input.itemIds)];
  const found = await tx
    .select({ id: planItems.id, isPublic: planItems.isPublic })
    .from(planItems)
    .where(and(eq(planItems.planId, input.planId), inArray(planItems.id, ids)));
  if (found.length !== ids.length) {
    throw new AppError('unknown_reference', {
      params: { field: 'itemIds' },
      errors: [
        { field: 'itemIds', code: 'unknown_reference', message: 'Có mục không thuộc kế hoạch đã chọn.' },
      ],
    });
  }
  const changing = found.filter((f) => f.isPublic !== input.isPublic).map((f) => f.id);
  if (changing.length === 0) return 0;
  await tx
    .update(planItems)
    .set({ isPublic: input.isPublic, updatedAt: new Date() })
    .where(inArray(planItems.id, changing));
  await auditChanges(
    tx,
    actor,
    'plan_item.update',
    changing.map((id) => ({
      resource: { type: 'plan_item', id },
      before: { isPublic: !input.isPublic },
      after: { isPublic: input.isPublic },
    })),
  );
  return changing.length;
}

export type { PublicDataset };
