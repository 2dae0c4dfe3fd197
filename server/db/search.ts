import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/**
 * Free-text search that ignores diacritics and case: every word of `q` must occur in the
 * column, which holds `f_search(...)` of the searchable fields (trigram-indexed).
 */
export function searchConditions(column: PgColumn | SQL, q: string | undefined): SQL[] {
  const words = (q ?? '').normalize('NFC').trim().split(/\s+/).filter(Boolean).slice(0, 10);
  return words.map((word) => {
    const escaped = word.replace(/[\\%_]/g, (c) => `\\${c}`);
    return sql`${column} like '%' || f_search(${escaped}) || '%'`;
  });
}
