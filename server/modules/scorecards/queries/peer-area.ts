import { type SQL, sql } from 'drizzle-orm';

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
