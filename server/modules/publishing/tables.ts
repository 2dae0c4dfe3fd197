import { sql } from 'drizzle-orm';
import {
  check,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { PUBLIC_DATASETS, PUBLICATION_STATUSES } from '../../../common/contracts/publishing';
import { inList } from '../../db/sql';
import { users } from '../identity/tables';

/**
 * A numbered publication: the secretariat's deliberate act of showing the public a snapshot. At
 * most one is current; the public site and API read only it. Superseding (a newer publication) and
 * withdrawing are explicit and keep the row, so "what did the public see on that day" stays known.
 */
export const publications = pgTable(
  'publications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 1, 2, 3…: the number readers and the secretariat cite */
    number: integer('number').notNull().unique(),
    status: text('status', { enum: PUBLICATION_STATUSES }).notNull().default('current'),
    /** the secretariat's own note; never shown to the public */
    note: text('note'),
    publishedBy: uuid('published_by').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    /** when it stopped being current (superseded or withdrawn) */
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedBy: uuid('ended_by').references(() => users.id),
  },
  (t) => [
    check('publications_status_check', sql`${t.status} in ${inList(PUBLICATION_STATUSES)}`),
    uniqueIndex('publications_one_current').on(t.status).where(sql`${t.status} = 'current'`),
  ],
);

/**
 * A publication's datasets, each frozen as the rows the public sees (already stripped to public
 * fields), so readers get the same figures until the next publication whatever changes meanwhile.
 */
export const publicationDatasets = pgTable(
  'publication_datasets',
  {
    publicationId: uuid('publication_id')
      .notNull()
      .references(() => publications.id),
    dataset: text('dataset', { enum: PUBLIC_DATASETS }).notNull(),
    rows: jsonb('rows').$type<Record<string, unknown>[]>().notNull(),
    rowCount: integer('row_count').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.publicationId, t.dataset] }),
    check('publication_datasets_dataset_check', sql`${t.dataset} in ${inList(PUBLIC_DATASETS)}`),
  ],
);
