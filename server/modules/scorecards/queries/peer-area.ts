import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client';
import { rowsOf } from '../../../db/sql';

/**
 * Peers are ranked within one province: the communes of Nghệ An among themselves, not among every
 * commune of a national instance (3,321 of them, which also made each card cost seconds). The area
 * is a province's id, or null where the tree has no province (every unit then counts).
 */
export type PeerArea = string | null;

/** `column` is a unit of the area (the province and its whole subtree); true for a null area. */
export function inArea(column: SQL, area: PeerArea): SQL {
  if (area === null) return sql`true`;
  return sql`${column} in (
    with recursive area(id) as (
      select ${area}::uuid
      union all
      select c.id from org_units c join area a on c.parent_id = a.id
    ) select id from area)`;
}

/** The province a unit belongs to (itself, or its nearest province ancestor); null when none. */
export async function provinceOf(db: Executor, orgUnitId: string): Promise<PeerArea> {
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
