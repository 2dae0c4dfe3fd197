import { sql } from 'drizzle-orm';
import type { TEntrySheet } from '../../../common/contracts/data-values';
import type { TValueCorrection } from '../../../common/contracts/reports';
import {
  type DataValueState,
  type Direction,
  frequencyOfPeriodType,
  type OrgAggregation,
  type ValueType,
} from '../../../common/enums';
import { cutoffWindow, periodType, periodYear } from '../../../common/periods';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { notFound, RESOURCE_NAMES } from '../../errors/app-error';

export async function findOrgUnit(db: Executor, orgUnitId: string) {
  const [unit] = rowsOf<{ id: string; code: string; name: string; kind: string }>(
    await db.execute(sql`select id, code, name, kind from org_units where id = ${orgUnitId}`),
  );
  if (!unit) throw notFound(RESOURCE_NAMES.orgUnit);
  return unit;
}

/**
 * The entry grid of one unit and period: every active, stored (not computed) indicator the unit's
 * kind reports at that frequency, with its value if there is one.
 */
export async function getEntrySheet(db: Executor, orgUnitId: string, period: string): Promise<TEntrySheet> {
  const unit = await findOrgUnit(db, orgUnitId);
  const type = periodType(period);
  const frequency = frequencyOfPeriodType(type);
  const year = String(periodYear(period));
  const rows = frequency
    ? rowsOf<{
        id: string;
        code: string;
        name: string;
        unit: string;
        value_type: ValueType;
        direction: Direction;
        aggregation: OrgAggregation;
        rule_min: string | null;
        rule_max: string | null;
        rule_integer: boolean;
        rule_comment_when_off_target: boolean;
        target: number | null;
        value: string | null;
        comment: string | null;
        state: DataValueState | null;
        version: number | null;
        updated_at: string | null;
        updated_by: string | null;
      }>(
        await db.execute(sql`
          select i.id, i.code, i.name, i.unit, i.value_type, i.rule_min, i.rule_max, i.rule_integer,
            i.rule_comment_when_off_target, i.direction, i.aggregation,
            -- the province's targets: a sum is judged only for the province itself
            case when i.aggregation <> 'sum' or ${unit.kind} = 'province' then (i.targets ->> ${year})::float8 end as target,
            v.value::text as value, v.comment, v.state, v.version, v.updated_at::text as updated_at,
            u.display_name as updated_by
          from indicators i
          left join data_values v on v.indicator_id = i.id and v.org_unit_id = ${orgUnitId} and v.period = ${period}
          left join users u on u.id = v.updated_by
          where i.archived_at is null and i.formula is null and i.frequency = ${frequency}
            and (jsonb_array_length(i.reported_by) = 0 or i.reported_by @> jsonb_build_array(${unit.kind}::text))
          order by i.code`),
      )
    : [];
  const num = (v: string | null) => (v === null ? null : Number(v));
  return {
    orgUnit: unit,
    period,
    window: cutoffWindow(period),
    rows: rows.map((r) => ({
      indicator: {
        id: r.id,
        code: r.code,
        name: r.name,
        unit: r.unit,
        valueType: r.value_type,
        direction: r.direction,
        aggregation: r.aggregation,
        rules: {
          min: num(r.rule_min),
          max: num(r.rule_max),
          integer: r.rule_integer,
          commentWhenOffTarget: r.rule_comment_when_off_target,
        },
        target: r.target === null ? null : Number(r.target),
      },
      value: num(r.value),
      comment: r.comment,
      state: r.state,
      version: r.version,
      updatedAt: r.updated_at ? new Date(r.updated_at).toISOString() : null,
      updatedBy: r.updated_by,
    })),
  };
}

export async function getValueHistory(
  db: Executor,
  key: { indicatorId: string; orgUnitId: string; period: string },
) {
  const rows = rowsOf<{
    value: string | null;
    comment: string | null;
    state: string | null;
    changed_by: string | null;
    changed_at: string;
    reason: string | null;
  }>(
    await db.execute(sql`
      select r.value::text as value, r.comment, r.state, u.display_name as changed_by,
        r.changed_at::text as changed_at, r.reason
      from data_value_revisions r left join users u on u.id = r.changed_by
      where r.indicator_id = ${key.indicatorId} and r.org_unit_id = ${key.orgUnitId} and r.period = ${key.period}
      order by r.id desc
      limit 200`),
  );
  return {
    items: rows.map((r) => ({
      value: r.value === null ? null : Number(r.value),
      comment: r.comment,
      state: r.state,
      changedBy: r.changed_by,
      changedAt: new Date(r.changed_at).toISOString(),
      reason: r.reason,
    })),
  };
}

/**
 * The secretariat's corrections of a report's values (its unit, its round's period, its
 * indicators) made since `since` (the report's first submission), oldest first, each with the
 * value it replaced: the revision before it of the same key.
 */
export async function getReportCorrections(
  db: Executor,
  report: { reportId: string; orgUnitId: string; period: string; since: string | null },
): Promise<TValueCorrection[]> {
  if (report.since === null) return [];
  const rows = rowsOf<{
    code: string;
    name: string;
    before: string | null;
    after: string | null;
    reason: string;
    corrected_by: string | null;
    corrected_at: string;
  }>(
    await db.execute(sql`
      with revisions as (
        select r.id, r.indicator_id, r.value, r.reason, r.changed_by, r.changed_at,
          lag(r.value) over (partition by r.indicator_id order by r.id) as before
        from data_value_revisions r
        join report_indicators ri on ri.indicator_id = r.indicator_id and ri.report_id = ${report.reportId}
        where r.org_unit_id = ${report.orgUnitId} and r.period = ${report.period}
      )
      select i.code, i.name, v.before::text as before, v.value::text as after, v.reason,
        u.display_name as corrected_by, v.changed_at::text as corrected_at
      from revisions v join indicators i on i.id = v.indicator_id left join users u on u.id = v.changed_by
      where v.reason is not null and v.changed_at >= ${report.since}::timestamptz
      order by v.id`),
  );
  const num = (v: string | null) => (v === null ? null : Number(v));
  return rows.map((r) => ({
    indicatorCode: r.code,
    indicatorName: r.name,
    before: num(r.before),
    after: num(r.after),
    reason: r.reason,
    correctedBy: r.corrected_by,
    correctedAt: new Date(r.corrected_at).toISOString(),
  }));
}
