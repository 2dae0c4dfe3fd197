/**
 * The one read of the public side: the current publication and its frozen rows. Nothing public
 * reads a live table; a snapshot never changes, so its rows are kept in memory by publication id
 * (a new publication gets new ids; a withdrawn one is simply no longer current).
 */
import { and, eq } from 'drizzle-orm';
import type { DatasetRows, PublicDataset } from '../../../common/contracts/publishing';
import type { Executor } from '../../db/client';
import { publicationDatasets, publications } from './tables';

export interface CurrentPublication {
  id: string;
  number: number;
  publishedAt: Date;
}

export async function currentPublication(db: Executor): Promise<CurrentPublication | null> {
  const [row] = await db
    .select({ id: publications.id, number: publications.number, publishedAt: publications.publishedAt })
    .from(publications)
    .where(eq(publications.status, 'current'));
  return row ?? null;
}

const cache = new Map<string, unknown[]>();
/** A few publications' datasets: the current one, and the one before while readers switch over. */
const CACHE_ENTRIES = 24;

export async function datasetRows<D extends PublicDataset>(
  db: Executor,
  publication: CurrentPublication,
  dataset: D,
): Promise<DatasetRows[D]> {
  const key = `${publication.id}|${dataset}`;
  let rows = cache.get(key);
  if (!rows) {
    const [row] = await db
      .select({ rows: publicationDatasets.rows })
      .from(publicationDatasets)
      .where(
        and(eq(publicationDatasets.publicationId, publication.id), eq(publicationDatasets.dataset, dataset)),
      );
    rows = row?.rows ?? [];
    if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(key, rows);
  }
  return rows as DatasetRows[D];
}

/** Strong validator of a representation: one publication's one dataset in one format never changes. */
export const etagOf = (publication: CurrentPublication, what: string) =>
  `"p${publication.number}-${publication.id.slice(0, 8)}-${what}"`;

/** Cached by anyone for a minute, then revalidated (a 304 while the publication stays current). */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, must-revalidate';

/** Whether the request's If-None-Match names this ETag (a list, or `*`). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
