/**
 * The indicator figures a scorecard counts: the statuses of those a target applies to, judged by the
 * analytics module's own judgement (analytics/performance.ts judgeAtPeriod → judgeIndicator: the
 * catalogue's target path, pace and forecast agreement), each as it stood when its period closed,
 * from the unit's own values; and per report, how many figures it had to carry, how many were
 * entered and how many are good (one statement grouped by report, one probe of data_values' key per
 * figure). A figure no target applies to is good when entered; a missing one never.
 *
 * All this depends on the values, the catalogue, the units and which indicators the rounds' reports
 * carry (fixed when a round opens) — not on report steps, tasks or the day — so it is computed once
 * per version of those (readJudgementVersion: getDataVersion().values and the rounds) and shared by
 * every list, card and trend read until one of them changes: a value written a moment ago counts on
 * the next read. No nightly job. Which reports count (their timeliness) is the totals' own query.
 */
import { type SQL, sql } from 'drizzle-orm';
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
import { inArea, type PeerArea } from './queries/peer-area';

export interface FigureJudgement {
  status: 'on_track' | 'at_risk' | 'off_track';
  expected: number | null;
}

/** The indicator figures a report had to carry: how many, entered, and good (entered, on track where judged). */
export interface ReportFigures {
  total: number;
  entered: number;
  good: number;
}

export interface JudgedFigures {
  /** by `unitId|indicatorId|period`, every entered figure a target applies to */
  byKey: Map<string, FigureJudgement>;
  /** by report id, every report of the rounds of the period's reporting periods of these units */
  byReport: Map<string, ReportFigures>;
}

export const figureKey = (unitId: string, indicatorId: string, period: string) =>
  `${unitId}|${indicatorId}|${period}`;

/** Per database (a test file's, the server's): a few entries, the oldest dropped first. */
const memos = new WeakMap<object, Map<string, Promise<JudgedFigures>>>();
const MEMO_ENTRIES = 32;

/**
 * What the judgements depend on, read once per request: the version of the values, the catalogue and
 * the units (dashboard getDataVersion) and of the rounds (each round's reports carry their indicators
 * from its opening on).
 */
export async function readJudgementVersion(db: Executor): Promise<string> {
  const { values } = await getDataVersion(db);
  const [rounds] = rowsOf<{ rounds: string }>(
    await db.execute(
      sql`select count(*)::text || '.' || coalesce(max(opened_at)::text, '') as rounds from rounds`,
    ),
  );
  return `${values}|${rounds?.rounds ?? ''}`;
}

export async function getJudgedFigures(
  db: Executor,
  options: {
    kinds: readonly OrgUnitKind[];
    period: string;
    area: PeerArea;
    orgUnitId?: string;
    /** readJudgementVersion, when the caller has read it already */
    version?: string;
  },
): Promise<JudgedFigures> {
  const periods = reportingPeriodsWithin(options.period);
  const version = options.version ?? (await readJudgementVersion(db));
  const key = [
    version,
    options.kinds.join(','),
    options.period,
    options.area ?? '',
    options.orgUnitId ?? '',
  ].join('|');
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
  options: {
    kinds: readonly OrgUnitKind[];
    period: string;
    periods: string[];
    area: PeerArea;
    orgUnitId?: string;
  },
): Promise<JudgedFigures> {
  const year = Number(options.period.slice(0, 4));
  const unit = options.orgUnitId ?? null;
  const peers = sql`o.active and o.kind = any(${sql.param([...options.kinds])}::text[])
    and (${unit}::uuid is null or o.id = ${unit}::uuid) and ${inArea(sql`o.id`, options.area)}`;
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
  const byKey = facts.length ? await judgeSeries(db, { ...options, facts, year, peers }) : new Map();
  // per report: the figures it had to carry, those entered, and the entered ones of the indicators
  // judged above (the others are good as entered)
  const reports = rowsOf<{
    id: string;
    org_unit_id: string;
    period: string;
    total: number;
    entered: number;
    judged: string[];
  }>(
    await db.execute(sql`
      select r.id, r.org_unit_id, rd.period, count(*)::int as total,
        count(*) filter (where f.entered)::int as entered,
        coalesce(array_agg(ri.indicator_id::text) filter (
          where f.entered and ri.indicator_id = any(${sql.param(facts.map((f) => f.id))}::uuid[])), '{}') as judged
      from rounds rd
      join reports r on r.round_id = rd.id
      join org_units o on o.id = r.org_unit_id
      join report_indicators ri on ri.report_id = r.id
      cross join lateral (select exists (select 1 from data_values v where v.indicator_id = ri.indicator_id
        and v.org_unit_id = r.org_unit_id and v.period = rd.period) as entered) f
      where rd.period = any(${sql.param(options.periods)}::text[]) and ${peers}
      group by 1, 2, 3`),
  );
  const byReport = new Map<string, ReportFigures>();
  for (const r of reports) {
    const notGood = r.judged.filter((indicatorId) => {
      const judgement = byKey.get(figureKey(r.org_unit_id, indicatorId, r.period));
      return judgement !== undefined && judgement.status !== 'on_track';
    }).length;
    byReport.set(r.id, { total: r.total, entered: r.entered, good: r.entered - notGood });
  }
  return { byKey, byReport };
}

/**
 * Each peer's own values of the judged indicators, from the first year any series starts to the
 * period's year (one row per unit and indicator), each entered figure of the period judged.
 */
async function judgeSeries(
  db: Executor,
  options: {
    kinds: readonly OrgUnitKind[];
    periods: string[];
    orgUnitId?: string;
    facts: Facts[];
    year: number;
    area: PeerArea;
    peers: SQL;
  },
): Promise<Map<string, FigureJudgement>> {
  const { facts, year } = options;
  const byKey = new Map<string, FigureJudgement>();
  const firstYear = Math.min(...facts.map((f) => firstYearOf(f, year)));
  const series = rowsOf<{ org_unit_id: string; indicator_id: string; kind: OrgUnitKind; values: string }>(
    await db.execute(sql`
      select v.org_unit_id, v.indicator_id, o.kind,
        string_agg(v.period || '=' || v.value::text, ',' order by v.period) as values
      from org_units o
      join data_values v on v.org_unit_id = o.id
      where ${options.peers}
        and v.indicator_id = any(${sql.param(facts.map((f) => f.id))}::uuid[])
        and v.period >= ${String(firstYear)} and v.period < ${String(year + 1)}
      group by 1, 2, 3`),
  );
  const unitKinds = await subtreeKinds(db, options.kinds, options.orgUnitId ?? null, options.area);
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
  return byKey;
}

/**
 * Active units of each kind in the subtree of each peer that has units below it (a count of units is
 * bounded by them); a peer without any is one unit of its own kind.
 */
async function subtreeKinds(
  db: Executor,
  kinds: readonly OrgUnitKind[],
  unit: string | null,
  area: PeerArea,
): Promise<Map<string, Map<string, number>>> {
  const rows = rowsOf<{ root: string; kind: string; n: number }>(
    await db.execute(sql`
      with recursive sub(root, id, kind, active) as (
        select p.id, p.id, p.kind, p.active from org_units p
        where p.kind = any(${sql.param([...kinds])}::text[]) and (${unit}::uuid is null or p.id = ${unit}::uuid)
          and ${inArea(sql`p.id`, area)}
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
