import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { TUnitHeader } from '../../../../common/contracts/unit-overview';
import { ORG_UNIT_KINDS } from '../../../../common/enums';
import type { Executor } from '../../../db/client';
import { rowsOf } from '../../../db/sql';
import { notFound, RESOURCE_NAMES } from '../../../errors/app-error';

const ZHeaderRow = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  short_name: z.string().nullable(),
  kind: z.enum(ORG_UNIT_KINDS),
  active: z.boolean(),
  parent_id: z.string().nullable(),
  parent_code: z.string().nullable(),
  parent_name: z.string().nullable(),
  parent_short_name: z.string().nullable(),
  parent_kind: z.enum(ORG_UNIT_KINDS).nullable(),
  child_count: z.coerce.number().int(),
});

/** The unit, its parent and how many units sit directly below it; 404 when there is no such unit. */
export async function getUnitHeader(db: Executor, orgUnitId: string): Promise<TUnitHeader> {
  const [raw] = rowsOf<unknown>(
    await db.execute(sql`
      select o.id, o.code, o.name, o.short_name, o.kind, o.active,
        p.id as parent_id, p.code as parent_code, p.name as parent_name, p.short_name as parent_short_name,
        p.kind as parent_kind,
        (select count(*) from org_units c where c.parent_id = o.id) as child_count
      from org_units o left join org_units p on p.id = o.parent_id
      where o.id = ${orgUnitId}`),
  );
  if (!raw) throw notFound(RESOURCE_NAMES.orgUnit);
  const row = ZHeaderRow.parse(raw);
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    shortName: row.short_name,
    kind: row.kind,
    active: row.active,
    parent:
      row.parent_id && row.parent_kind
        ? {
            id: row.parent_id,
            code: row.parent_code!,
            name: row.parent_name!,
            shortName: row.parent_short_name,
            kind: row.parent_kind,
          }
        : null,
    childCount: row.child_count,
  };
}
