/**
 * The statuses of the indicator figures a scorecard counts, judged by the analytics module's own
 * judgement (analytics/performance.ts judgeAtPeriod → judgeIndicator: the catalogue's target path,
 * pace and forecast agreement), each as it stood when its period closed, from the unit's own values.
 *
 * Only figures a target applies to are judged here (an indicator the peers' reports carry, whose
 * targets reach the unit's kind and the period's year); every other entered figure counts as
 * entered. The judgements depend on the values, the catalogue, the units and which indicators the
 * rounds' reports carry — not on report steps or tasks — so they are computed once per version of
 * those (dashboard getDataVersion().values and the rounds of the period) and shared by every list,
 * card and trend read until one of them changes: a value written a moment ago is judged on the next
 * read. No nightly job.
 */
import { sql } from 'drizzle-orm';
import type { OrgUnitKind } from '../../../common/enums';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { pathValue } from '../analytics/attainment';
import {
  FACT_COLUMNS,
  firstYearOf,
  type IndicatorFacts,
  judgeAtPeriod,
  targetPathFor,
  ZFacts,
} from '../analytics/performance';
import { getDataVersion } from '../dashboard/queries/data-version';
import { reportingPeriodsWithin } from './periods';

export interface FigureJudgement {
  status: 'on_track' | 'at_risk' | 'off_track';
  expected: number | null;
}

export interface JudgedFigures {
  /** the indicators whose figures may be judged against a target for these units and period */
  indicatorIds: string[];
  /** by `unitId|indicatorId|period`, every entered figure of those indicators that a target applies to */
  byKey: Map<string, FigureJudgement>;
}

export const figureKey = (unitId: string, indicatorId: string, period: string) =>
  `${unitId}|${indicatorId}|${period}`;

/** Per database (a test file's, the server's): a few entries, the oldest dropped first. */
const memos = new WeakMap<object, Map<string, Promise<JudgedFigures>>>();
const MEMO_ENTRIES = 32;

export async function getJudgedFigures(
  db: Executor,
  options: { kinds: readonly OrgUnitKind[]; period: string; orgUnitId?: string },
): Promise<JudgedFigures> {
  const periods = reportingPeriodsWithin(options.period);
  const [{ values }, [rounds]] = [
    await getDataVersion(db),
    rowsOf<{ rounds: string }>(
      await db.execute(sql`select count(*)::text || '.' || coalesce(max(opened_at)::text, '') as rounds
        from rounds where period = any(${sql.param(periods)}::text[])`),
    ),
  ];
  const key = [values, rounds?.rounds, options.kinds.join(','), options.period, options.orgUnitId ?? ''].join(
    '|',
  );
  let memo = memos.get(db);
  if (!memo) {
    memo = new Map();
    memos.set(db, memo);
  }
  let result = memo.get(key);
  if (!result) {
    result = judgeFigures(db, { ...options, periods });
    memo.set(key, result);
    const entries = memo;
    result.catch(() => entries.delete(key));
    while (memo.size > MEMO_ENTRIES) memo.delete(memo.keys().next().value!);
  }
  return result;
}

type Facts = IndicatorFacts & { id: string };

async function judgeFigures(
  db: Executor,
  options: { kinds: readonly OrgUnitKind[]; period: string; periods: string[]; orgUnitId?: string },
): Promise<JudgedFigures> {
  const year = Number(options.period.slice(0, 4));
  const unit = options.orgUnitId ?? null;
  // the indicators the rounds' reports carry, with a target this year for some kind of peer
  const facts = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select id, ${FACT_COLUMNS} from indicators
      where formula is null and id in (
        select ri.indicator_id from rounds rd
        join reports r on r.round_id = rd.id
        join report_indicators ri on ri.report_id = r.id
        where rd.period = any(${sql.param(options.periods)}::text[]))`),
  )
    .map((r): Facts => ({ ...ZFacts.parse(r), id: String(r.id) }))
    .filter((f) => options.kinds.some((kind) => pathValue(targetPathFor(f, kind), year) !== null));
  const byKey = new Map<string, FigureJudgement>();
  if (facts.length === 0) return { indicatorIds: [], byKey };
  const firstYear = Math.min(...facts.map((f) => firstYearOf(f, year)));
  // each unit's own values of those indicators from the first year any series starts to the
  // period's year, one row per unit and indicator
  const series = rowsOf<{ org_unit_id: string; indicator_id: string; kind: OrgUnitKind; values: string }>(
    await db.execute(sql`
      select v.org_unit_id, v.indicator_id, o.kind,
        string_agg(v.period || '=' || v.value::text, ',' order by v.period) as values
      from org_units o
      join data_values v on v.org_unit_id = o.id
      where o.active and o.kind = any(${sql.param([...options.kinds])}::text[])
        and (${unit}::uuid is null or o.id = ${unit}::uuid)
        and v.indicator_id = any(${sql.param(facts.map((f) => f.id))}::uuid[])
        and v.period >= ${String(firstYear)} and v.period < ${String(year + 1)}
        and v.value is not null
      group by 1, 2, 3`),
  );
  const unitKinds = await subtreeKinds(db, options.kinds, unit);
  const factsById = new Map(facts.map((f) => [f.id, f]));
  for (const row of series) {
    const f = factsById.get(row.indicator_id)!;
    const values = new Map(
      row.values.split(',').map((pair) => {
        const [period, value] = pair.split('=') as [string, string];
        return [period, Number(value)];
      }),
    );
    for (const period of options.periods) {
      if (!values.has(period)) continue;
      const judged = judgeAtPeriod({
        facts: f,
        unitKind: row.kind,
        unitKinds: unitKinds.get(row.org_unit_id) ?? new Map([[row.kind, 1]]),
        values,
        period,
      });
      if (judged?.status === 'on_track' || judged?.status === 'at_risk' || judged?.status === 'off_track')
        byKey.set(figureKey(row.org_unit_id, row.indicator_id, period), {
          status: judged.status,
          expected: judged.expected,
        });
    }
  }
  return { indicatorIds: facts.map((f) => f.id), byKey };
}

/**
 * Active units of each kind in the subtree of each peer that has units below it (a count of units is
 * bounded by them); a peer without any is one unit of its own kind.
 */
async function subtreeKinds(
  db: Executor,
  kinds: readonly OrgUnitKind[],
  unit: string | null,
): Promise<Map<string, Map<string, number>>> {
  const rows = rowsOf<{ root: string; kind: string; n: number }>(
    await db.execute(sql`
      with recursive sub(root, id, kind, active) as (
        select p.id, p.id, p.kind, p.active from org_units p
        where p.kind = any(${sql.param([...kinds])}::text[]) and (${unit}::uuid is null or p.id = ${unit}::uuid)
          and exists (select 1 from org_units c where c.parent_id = p.id)
        union all
        select s.root, o.id, o.kind, o.active from org_units o join sub s on o.parent_id = s.id
      ) select root, kind, count(*)::int as n from sub where active group by 1, 2`),
  );
  const result = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const kindsOf = result.get(r.root) ?? new Map<string, number>();
    kindsOf.set(r.kind, Number(r.n));
    result.set(r.root, kindsOf);
  }
  return result;
}
