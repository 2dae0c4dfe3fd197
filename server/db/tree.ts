import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './client';
import { rowsOf } from './sql';

/** A node and all its ancestors, in a table with `id` and `parent_id` columns (org units, plan items). */
export async function selfAndAncestorIds(db: Executor, table: PgTable, id: string): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      with recursive up(id, parent_id) as (
        select id, parent_id from ${table} where id = ${id}
        union all
        select t.id, t.parent_id from ${table} t join up on t.id = up.parent_id
      ) select id from up`),
  );
  return rows.map((r) => r.id);
}
