import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { ORG_UNIT_KINDS } from '../../../common/enums';
import { inList } from '../../db/sql';

export const orgUnits = pgTable(
  'org_units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** official code: 5-digit commune code, 2-digit province code, or our own for bodies */
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    kind: text('kind', { enum: ORG_UNIT_KINDS }).notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => orgUnits.id),
    active: boolean('active').notNull().default(true),
    nameSortKey: text('name_sort_key').generatedAlwaysAs(sql`vi_sort_key(name)`),
    searchText: text('search_text').generatedAlwaysAs(
      sql`f_search(code || ' ' || name || ' ' || coalesce(short_name, ''))`,
    ),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('org_units_parent_idx').on(t.parentId),
    index('org_units_search_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    check('org_units_kind_check', sql`${t.kind} in ${inList(ORG_UNIT_KINDS)}`),
    check('org_units_not_own_parent', sql`${t.parentId} is null or ${t.parentId} <> ${t.id}`),
  ],
);
