import { Param, sql } from 'drizzle-orm';
import type { TCommuneMapUnit } from '../../../common/contracts/geo';
import type { TCompleteness } from '../../../common/contracts/rounds';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';
import type { ReadScope } from '../../policy';
import { completenessColumns } from '../rounds/queries';
import { unitFields } from './indicator-layer';
import type { MapUnit } from './queries';

type CompletenessRow = Record<keyof TCompleteness, number> & { commune_id: string };

/**
 * Each commune's reports in a round — its own and those of any unit below it — counted with the
 * round table's own columns (rounds/queries.ts), so "submitted" and "overdue" mean the same on the
 * map as in the table. The value is the share submitted, in %; null when the commune owes no
 * report in the round. Only the communes the reader may see are counted.
 */
export async function completenessLayer(
  db: Executor,
  options: { units: MapUnit[]; roundId: string; scope: ReadScope; today: string },
): Promise<TCommuneMapUnit[]> {
  const { units, roundId, scope, today } = options;
  const visible = scope.all ? null : new Set(scope.orgUnitIds);
  const wanted = units.filter((u) => visible === null || visible.has(u.id)).map((u) => u.id);
  const counts = new Map<string, CompletenessRow>();
  if (wanted.length) {
    const rows = rowsOf<CompletenessRow>(
      await db.execute(sql`
        with recursive sub(commune_id, unit_id) as (
          select id, id from org_units where id = any(${new Param(wanted)}::uuid[])
          union all
          select s.commune_id, o.id from sub s join org_units o on o.parent_id = s.unit_id
        )
        select s.commune_id, ${completenessColumns(today)}
        from sub s join reports r on r.org_unit_id = s.unit_id and r.round_id = ${roundId}
          join rounds rd on rd.id = r.round_id
        group by s.commune_id`),
    );
    for (const row of rows) counts.set(row.commune_id, row);
  }
  return units.map((u): TCommuneMapUnit => {
    const shown = visible === null || visible.has(u.id);
    const c = shown ? counts.get(u.id) : undefined;
    const expected = c?.expected ?? 0;
    return {
      ...unitFields(u),
      value: c && expected > 0 ? Math.round((1000 * c.submitted) / expected) / 10 : null,
      visible: shown,
      count: null,
      reports: shown
        ? {
            expected,
            submitted: c?.submitted ?? 0,
            accepted: c?.accepted ?? 0,
            overdue: c?.overdue ?? 0,
          }
        : null,
    };
  });
}
