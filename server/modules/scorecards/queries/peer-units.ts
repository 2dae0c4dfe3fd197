import { sql } from 'drizzle-orm';
import type { OrgUnitKind } from '../../../../common/enums';
import type { Executor } from '../../../db/client';
import { rowsOf } from '../../../db/sql';

export interface PeerUnitRow {
  id: string;
  code: string;
  name: string;
  kind: OrgUnitKind;
}

/** The active units of the peer kinds, in Vietnamese name order. */
export async function listPeerUnits(
  db: Executor,
  kinds: readonly OrgUnitKind[],
  orgUnitId?: string,
): Promise<PeerUnitRow[]> {
  return rowsOf<PeerUnitRow>(
    await db.execute(sql`select id, code, name, kind from org_units
      where active and kind = any(${sql.param([...kinds])}::text[])
        and (${orgUnitId ?? null}::uuid is null or id = ${orgUnitId ?? null}::uuid)
      order by name_sort_key collate "C", code`),
  );
}

/** The kind of a unit, or null when there is no such unit. */
export async function findUnitKind(db: Executor, orgUnitId: string): Promise<OrgUnitKind | null> {
  const [row] = rowsOf<{ kind: OrgUnitKind }>(
    await db.execute(sql`select kind from org_units where id = ${orgUnitId}`),
  );
  return row?.kind ?? null;
}
