import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { notFound, RESOURCE_NAMES } from '../../errors/app-error';
import type { ReadScope } from '../../policy';

/**
 * Provinces in the tree. An instance usually holds one; a national one holds 34 under the country,
 * and what is ranked or mapped "in the province" must then say which.
 */

/** The province a unit belongs to (itself, or its nearest province ancestor); null when none. */
export async function provinceOf(db: Executor, orgUnitId: string): Promise<string | null> {
  const [row] = rowsOf<{ id: string }>(
    await db.execute(sql`
      with recursive up(id, parent_id, kind, depth) as (
        select id, parent_id, kind, 0 from org_units where id = ${orgUnitId}
        union all
        select o.id, o.parent_id, o.kind, up.depth + 1 from org_units o join up on o.id = up.parent_id
      ) select id from up where kind = 'province' order by depth limit 1`),
  );
  return row?.id ?? null;
}

/** The active provinces, in Vietnamese name order. */
export async function listProvinces(db: Executor): Promise<{ id: string; name: string }[]> {
  return rowsOf<{ id: string; name: string }>(
    await db.execute(sql`select id, name from org_units where kind = 'province' and active
      order by name_sort_key collate "C", code`),
  );
}

/**
 * The province a reader works in: the one asked for (404 unless it is a province), else the
 * province of the units they may see, else — for a reader who sees every province — the first by
 * code (null: the tree has none).
 */
export async function readerProvince(
  db: Executor,
  options: { provinceId?: string; scope: ReadScope },
): Promise<string | null> {
  const { provinceId, scope } = options;
  if (provinceId) {
    const [row] = rowsOf<{ kind: string }>(
      await db.execute(sql`select kind from org_units where id = ${provinceId}`),
    );
    if (row?.kind !== 'province') throw notFound(RESOURCE_NAMES.orgUnit);
    return provinceId;
  }
  if (!scope.all && scope.orgUnitIds.length > 0) return provinceOf(db, scope.orgUnitIds[0]!);
  const [first] = rowsOf<{ id: string }>(
    await db.execute(sql`select id from org_units where kind = 'province' and active order by code limit 1`),
  );
  return first?.id ?? null;
}
