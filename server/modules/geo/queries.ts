import { Param, sql } from 'drizzle-orm';
import { MAP_UNIT_KINDS } from '../../../common/contracts/geo';
import type { OrgUnitKind } from '../../../common/enums';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { invalidField, notFound, RESOURCE_NAMES } from '../../errors/app-error';
import type { ReadScope } from '../../policy';

export interface MapProvince {
  id: string;
  code: string;
  name: string;
}

/** The unit whose communes the map draws: the one asked for, else the province at the root of the tree. */
export async function findMapProvince(db: Executor, provinceId: string | null): Promise<MapProvince> {
  const [row] = provinceId
    ? rowsOf<MapProvince>(
        await db.execute(sql`select id, code, name from org_units where id = ${provinceId}`),
      )
    : [];
  if (!row) throw notFound(RESOURCE_NAMES.orgUnit);
  return row;
}

export interface MapUnit {
  id: string;
  code: string;
  name: string;
  short_name: string | null;
  kind: OrgUnitKind;
  parent_id: string;
}

/** Every active commune, ward and special zone below the province, in code order. */
export async function listMapUnits(db: Executor, provinceId: string): Promise<MapUnit[]> {
  return rowsOf<MapUnit>(
    await db.execute(sql`
      with recursive sub(id) as (
        select id from org_units where parent_id = ${provinceId} and active
        union all
        select o.id from org_units o join sub s on o.parent_id = s.id where o.active
      )
      select o.id, o.code, o.name, o.short_name, o.kind, o.parent_id
      from org_units o join sub s on s.id = o.id
      where o.kind = any(${new Param([...MAP_UNIT_KINDS])}::text[])
      order by o.code`),
  );
}

/** May the reader see this unit's figures? (the scope holds whole subtrees, so the unit's own id decides) */
export const inScope = (scope: ReadScope, orgUnitId: string) =>
  scope.all || scope.orgUnitIds.includes(orgUnitId);

/** The indicator that colours the map: 400 naming the field when the code is not in the catalogue. */
export async function findMapIndicator(db: Executor, code: string) {
  const [row] = rowsOf<{ code: string; name: string; unit: string }>(
    await db.execute(sql`select code, name, unit from indicators where code = ${code}`),
  );
  if (!row) {
    throw invalidField('indicator', {
      vi: `Không có chỉ tiêu mã ${code}.`,
      en: `There is no indicator with code ${code}.`,
    });
  }
  return row;
}

/** The round whose completeness colours the map (404 when there is none). */
export async function findMapRound(db: Executor, roundId: string) {
  const [row] = rowsOf<{ id: string; title: string; period: string }>(
    await db.execute(sql`select id, title, period from rounds where id = ${roundId}`),
  );
  if (!row) throw notFound(RESOURCE_NAMES.round);
  return row;
}
