import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Groups of words search treats as the same (KH&CN = khoa học và công nghệ), kept by the secretariat;
 * the common ones are shipped with the migration. `keys` and `patterns` are derived from `forms`
 * (server/db/search.ts) when a group is written: the query's phrases are looked up by key, and the
 * group's patterns are matched against the searched text.
 */
export const searchSynonyms = pgTable(
  'search_synonyms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** as the secretariat wrote them: "KH&CN", "khoa học và công nghệ" */
    forms: text('forms').array().notNull(),
    keys: text('keys').array().notNull(),
    patterns: text('patterns').array().notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('search_synonyms_keys_idx').using('gin', t.keys)],
);
