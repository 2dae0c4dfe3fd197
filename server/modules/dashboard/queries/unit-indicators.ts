import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { TUnitIndicator } from '../../../../common/contracts/unit-overview';
import { DIRECTIONS, VALUE_TYPES } from '../../../../common/enums';
import type { Executor } from '../../../db/client';
import { rowsOf } from '../../../db/sql';
import { type Assessment, getAssessments } from '../../analytics/performance';
import { getDataVersion } from './data-version';

const ZIndicatorRow = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  value_type: z.enum(VALUE_TYPES),
  direction: z.enum(DIRECTIONS),
  baseline_year: z.number().int().nullable(),
  targets: z.record(z.string(), z.number()),
  period: z.string().nullable(),
  value: z.string().nullable(),
});

/** Assessments in flight or done, per database, by data version, day, unit and year: a few entries. */
const memos = new WeakMap<object, Map<string, Promise<Map<string, Assessment>>>>();
const MEMO_ENTRIES = 32;

/**
 * The unit's indicators judged exactly as the dashboard's tiles and the catalogue judge them
 * (analytics getAssessments: the unit's figures this year as of today, the target path, the pace and
 * the forecast's agreement — one judgement for every page), computed once per version of the
 * figures (dashboard getDataVersion().values) and shared until a value, the catalogue or the units
 * change: a value written a moment ago is judged on the next read.
 */
async function assessmentsOf(
  db: Executor,
  options: { codes: string[]; orgUnitId: string; year: number; today: string },
): Promise<Map<string, Assessment>> {
  const { values } = await getDataVersion(db);
  const key = [values, options.today, options.orgUnitId, options.year, options.codes.join(',')].join('|');
  let memo = memos.get(db);
  if (!memo) {
    memo = new Map();
    memos.set(db, memo);
  }
  let result = memo.get(key);
  if (!result) {
    result = getAssessments(db, options);
    memo.set(key, result);
    const entries = memo;
    result.catch(() => entries.delete(key));
    while (memo.size > MEMO_ENTRIES) memo.delete(memo.keys().next().value!);
  }
  return result;
}

/**
 * The unit's status of an indicator this year, as the dashboard and the catalogue give it; null when
 * no target applies to the unit's figure (a sum, whose target is the province's; no target this year).
 */
export function unitAttainment(assessed: Assessment | undefined, year: number): TUnitIndicator['attainment'] {
  if (!assessed || assessed.attainment.target === null) return null;
  return {
    status: assessed.attainment.status,
    target: assessed.attainment.target,
    expected: assessed.expected,
    year,
  };
}

/**
 * The indicators the unit enters (its kind reports them), answers for (responsible unit) or has
 * values of, with its own latest value — one index probe per indicator on data_values' key.
 * Computed and archived indicators are left out: they hold no values of their own.
 */
export async function getUnitIndicators(
  db: Executor,
  orgUnitId: string,
  today: string,
): Promise<TUnitIndicator[]> {
  const rows = rowsOf<unknown>(
    await db.execute(sql`
      select i.id, i.code, i.name, i.unit, i.value_type, i.direction, i.baseline_year, i.targets,
        lv.period, lv.value::text as value
      from indicators i
        cross join (select kind from org_units where id = ${orgUnitId}) u
        left join lateral (
          select v.period, v.value from data_values v
          where v.indicator_id = i.id and v.org_unit_id = ${orgUnitId}
          order by v.period desc limit 1
        ) lv on true
      where i.archived_at is null and i.formula is null
        and (i.reported_by @> jsonb_build_array(u.kind) or i.responsible_org_unit_id = ${orgUnitId}
          or lv.period is not null)
      order by i.code`),
  );
  const parsed = rows.map((raw) => ZIndicatorRow.parse(raw));
  const year = Number(today.slice(0, 4));
  // only those with a target to judge against (the others have no status to show)
  const judged = parsed.filter((r) => Object.keys(r.targets).length > 0 || r.baseline_year !== null);
  const assessments = judged.length
    ? await assessmentsOf(db, { codes: judged.map((r) => r.code), orgUnitId, year, today })
    : new Map<string, Assessment>();
  return parsed.map((row) => ({
    id: row.id,
    code: row.code,
    name: row.name,
    unit: row.unit,
    valueType: row.value_type,
    direction: row.direction,
    latest:
      row.period !== null && row.value !== null ? { period: row.period, value: Number(row.value) } : null,
    attainment: unitAttainment(assessments.get(row.code), year),
  }));
}
