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

/** The kind of a unit, or null when there is no such unit. */
export async function findUnitKind(db: Executor, orgUnitId: string): Promise<OrgUnitKind | null> {
  const [row] = rowsOf<{ kind: OrgUnitKind }>(
    await db.execute(sql`select kind from org_units where id = ${orgUnitId}`),
  );
  return row?.kind ?? null;
}
