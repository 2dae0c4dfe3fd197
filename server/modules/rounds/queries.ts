import { type SQL, sql } from 'drizzle-orm';
import type {
  RoundAction,
  TCompleteness,
  Timeliness,
  TReportHistory,
  TRound,
  TRoundReport,
} from '../../../common/contracts/rounds';
import type { ReportStatus, RoundKind, RoundStatus } from '../../../common/enums';
import type { Executor } from '../../db/client';
import { searchConditions } from '../../db/search';
import { rowsOf } from '../../db/sql';
import { notFound, RESOURCE_NAMES } from '../../errors/app-error';
import { type Actor, can, PROVINCE_WIDE, type ReadScope, readScope } from '../../policy';

/** The calendar date in Vietnam (UTC+7, no daylight saving) of a timestamp. */
const vietnamDate = (column: SQL) => sql`((${column} at time zone 'UTC') + interval '7 hours')::date`;

/**
 * pending / overdue / missing / on_time / late, as in common/contracts/rounds.ts, for a report `r`
 * of a round `rd`. A closed round waits for nothing more: what it did not get is missing.
 */
export function timelinessSql(today: string): SQL<Timeliness> {
  const submitted = vietnamDate(sql`r.first_submitted_at`);
  return sql<Timeliness>`case
    when r.first_submitted_at is null then
      case when rd.status = 'closed' then 'missing'
           when ${today}::date <= r.due_date then 'pending'
           when ${today}::date <= r.due_date + rd.grace_days then 'overdue'
           else 'missing' end
    when ${submitted} <= r.due_date then 'on_time'
    else 'late' end`;
}

/**
 * Calendar days after the due date of a report `r`: of its first submission when it came late, of
 * today while it is still not sent. The round's table and the report page both read it from here.
 */
export function daysLateSql(today: string): SQL<number | null> {
  const submitted = vietnamDate(sql`r.first_submitted_at`);
  return sql<number | null>`case
    when r.first_submitted_at is null and ${today}::date > r.due_date then ${today}::date - r.due_date
    when r.first_submitted_at is not null and ${submitted} > r.due_date then ${submitted} - r.due_date
    end`;
}

/** A report's timing as both the round table and a unit's history show it (`r` a report, `rd` its round). */
const reportTimingColumns = (today: string) => sql`r.id as report_id, r.status, r.due_date::text as due_date,
  r.first_submitted_at::text as first_submitted_at, r.accepted_at::text as accepted_at,
  ${timelinessSql(today)} as timeliness, ${daysLateSql(today)} as days_late`;

interface ReportTimingRow {
  report_id: string;
  status: ReportStatus;
  due_date: string;
  first_submitted_at: string | null;
  accepted_at: string | null;
  timeliness: Timeliness;
  days_late: number | null;
}

function presentReportTiming(r: ReportTimingRow) {
  return {
    reportId: r.report_id,
    status: r.status,
    dueDate: r.due_date,
    firstSubmittedAt: r.first_submitted_at ? new Date(r.first_submitted_at).toISOString() : null,
    acceptedAt: r.accepted_at ? new Date(r.accepted_at).toISOString() : null,
    timeliness: r.timeliness,
    daysLate: r.days_late,
  };
}

const scopeCondition = (scope: ReadScope) =>
  scope.all
    ? sql`true`
    : sql`r.org_unit_id = any(${sql.param(scope.orgUnitIds.length ? scope.orgUnitIds : ['00000000-0000-0000-0000-000000000000'])}::uuid[])`;

interface RoundRow {
  id: string;
  plan_id: string;
  period: string;
  kind: RoundKind;
  title: string;
  cutoff_end: string;
  due_date: string;
  grace_days: number;
  status: RoundStatus;
  opened_at: string;
  version: number;
  total: number;
}

/**
 * Completeness counted over reports `r` of rounds `rd`: the round table's counts and a unit's
 * history both come from here, so "submitted" or "overdue" means the same in both.
 *
 * One definition of overdue, as every row's tag says it: not sent and past its due date (or its
 * round closed without it) — timeliness 'overdue' and 'missing' alike. `missing` counts the part of
 * those past the grace period (escalated) or left by a closed round. What is neither sent nor
 * overdue is not yet due: expected − onTime − late − overdue.
 */
export function completenessColumns(today: string): SQL {
  const timeliness = timelinessSql(today);
  return sql`count(*)::int as expected,
    count(*) filter (where r.status in ('submitted', 'approved', 'accepted'))::int as submitted,
    count(*) filter (where r.status in ('approved', 'accepted'))::int as approved,
    count(*) filter (where r.status = 'accepted')::int as accepted,
    count(*) filter (where r.status = 'returned')::int as returned,
    count(*) filter (where ${timeliness} = 'on_time')::int as "onTime",
    count(*) filter (where ${timeliness} = 'late')::int as late,
    count(*) filter (where ${timeliness} in ('overdue', 'missing'))::int as overdue,
    count(*) filter (where ${timeliness} = 'missing')::int as missing`;
}

/** Completeness of rounds, counted over the reports the reader may see. */
async function completenessOf(db: Executor, roundIds: string[], scope: ReadScope, today: string) {
  const result = new Map<string, TCompleteness>();
  if (!roundIds.length) return result;
  const rows = rowsOf<Record<keyof TCompleteness, number> & { round_id: string }>(
    await db.execute(sql`
      select r.round_id, ${completenessColumns(today)}
      from reports r join rounds rd on rd.id = r.round_id
      where r.round_id = any(${sql.param(roundIds)}::uuid[]) and ${scopeCondition(scope)}
      group by r.round_id`),
  );
  const empty: TCompleteness = {
    expected: 0,
    submitted: 0,
    approved: 0,
    accepted: 0,
    returned: 0,
    onTime: 0,
    late: 0,
    overdue: 0,
    missing: 0,
  };
  for (const id of roundIds) result.set(id, { ...empty });
  for (const { round_id, ...counts } of rows) result.set(round_id, counts);
  return result;
}

/** What the actor may do with a round in its state (the web shows only these buttons). */
function actionsFor(actor: Actor, status: RoundStatus): RoundAction[] {
  // Rounds span the province: only assignments covering every unit manage them.
  const manages = can(actor, 'update', { type: 'round', orgUnitIds: PROVINCE_WIDE });
  if (!manages) return [];
  return status === 'open' ? ['close'] : ['reopen'];
}

function present(row: RoundRow, completeness: TCompleteness, actor: Actor): TRound {
  return {
    id: row.id,
    planId: row.plan_id,
    period: row.period,
    kind: row.kind,
    title: row.title,
    cutoffEnd: row.cutoff_end,
    dueDate: row.due_date,
    graceDays: row.grace_days,
    status: row.status,
    openedAt: new Date(row.opened_at).toISOString(),
    completeness,
    actions: actionsFor(actor, row.status),
    version: row.version,
  };
}

const ROUND_COLUMNS = sql`id, plan_id, period, kind, title, cutoff_end::text as cutoff_end,
  due_date::text as due_date, grace_days, status, opened_at::text as opened_at, version`;

export async function listRounds(options: {
  db: Executor;
  actor: Actor;
  scope: ReadScope;
  today: string;
  planId?: string;
  status?: RoundStatus;
  page: number;
  pageSize: number;
}) {
  const { db } = options;
  const rows = rowsOf<RoundRow>(
    await db.execute(sql`select ${ROUND_COLUMNS}, count(*) over ()::int as total from rounds
      where (${options.planId ?? null}::uuid is null or plan_id = ${options.planId ?? null}::uuid)
        and (${options.status ?? null}::text is null or status = ${options.status ?? null}::text)
      order by opened_at desc, period desc
      limit ${options.pageSize} offset ${(options.page - 1) * options.pageSize}`),
  );
  const completeness = await completenessOf(
    db,
    rows.map((r) => r.id),
    options.scope,
    options.today,
  );
  return {
    items: rows.map((r) => present(r, completeness.get(r.id)!, options.actor)),
    total: rows[0]?.total ?? 0,
  };
}

/** 404 unless the round exists (before listing its reports, so an unknown id is not an empty list). */
export async function assertRoundExists(db: Executor, roundId: string): Promise<void> {
  const [row] = rowsOf<{ id: string }>(await db.execute(sql`select id from rounds where id = ${roundId}`));
  if (!row) throw notFound(RESOURCE_NAMES.round);
}

/** One round as `actor` sees it: completeness over the reports they may read, their actions. */
export async function getRound(db: Executor, roundId: string, actor: Actor, today: string): Promise<TRound> {
  const [row] = rowsOf<RoundRow>(
    await db.execute(sql`select ${ROUND_COLUMNS}, 1 as total from rounds where id = ${roundId}`),
  );
  if (!row) throw notFound(RESOURCE_NAMES.round);
  const scope = readScope(actor, 'report');
  return present(row, (await completenessOf(db, [roundId], scope, today)).get(roundId)!, actor);
}

/** The round's reports, one line per unit, with timeliness: the secretariat's completeness table. */
export async function listRoundReports(options: {
  db: Executor;
  roundId: string;
  scope: ReadScope;
  today: string;
  status?: ReportStatus[];
  timeliness?: Timeliness[];
  q?: string;
  page: number;
  pageSize: number;
}): Promise<{ items: TRoundReport[]; total: number }> {
  const { db, today } = options;
  const timeliness = timelinessSql(today);
  const search = searchConditions(sql`o.search_text`, options.q);
  const rows = rowsOf<
    ReportTimingRow & {
      unit_id: string;
      unit_code: string;
      unit_name: string;
      unit_short_name: string | null;
      item_count: number;
    }
  >(
    await db.execute(sql`
      select * from (
        select ${reportTimingColumns(today)}, o.id as unit_id, o.code as unit_code, o.name as unit_name,
          o.short_name as unit_short_name,
          (select count(*)::int from report_items ri where ri.report_id = r.id) as item_count,
          o.name_sort_key
        from reports r join rounds rd on rd.id = r.round_id join org_units o on o.id = r.org_unit_id
        where r.round_id = ${options.roundId} and ${scopeCondition(options.scope)}
          ${search.length ? sql`and ${sql.join(search, sql` and `)}` : sql``}
      ) x
      where (${options.status ? sql.param(options.status) : null}::text[] is null or x.status = any(${options.status ? sql.param(options.status) : null}::text[]))
        and (${options.timeliness ? sql.param(options.timeliness) : null}::text[] is null or x.timeliness = any(${options.timeliness ? sql.param(options.timeliness) : null}::text[]))
      order by x.days_late desc nulls last, x.name_sort_key collate "C"
      limit ${options.pageSize} offset ${(options.page - 1) * options.pageSize}`),
  );
  const [count] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from reports r join org_units o on o.id = r.org_unit_id
      join rounds rd on rd.id = r.round_id
      where r.round_id = ${options.roundId} and ${scopeCondition(options.scope)}
      ${search.length ? sql`and ${sql.join(search, sql` and `)}` : sql``}
      and (${options.status ? sql.param(options.status) : null}::text[] is null or r.status = any(${options.status ? sql.param(options.status) : null}::text[]))
      and (${options.timeliness ? sql.param(options.timeliness) : null}::text[] is null or ${timeliness} = any(${options.timeliness ? sql.param(options.timeliness) : null}::text[]))`),
  );
  return {
    total: count?.n ?? 0,
    items: rows.map((r) => ({
      ...presentReportTiming(r),
      orgUnit: { id: r.unit_id, code: r.unit_code, name: r.unit_name, shortName: r.unit_short_name },
      itemCount: r.item_count,
    })),
  };
}

/**
 * A unit's reports across rounds, newest round first, with the same timeliness as the round table,
 * and its completeness over all of them: how reliably a unit reports, round after round.
 */
export async function getReportHistory(
  db: Executor,
  orgUnitId: string,
  today: string,
): Promise<TReportHistory> {
  const [unit] = rowsOf<{ id: string; code: string; name: string; short_name: string | null }>(
    await db.execute(sql`select id, code, name, short_name from org_units where id = ${orgUnitId}`),
  );
  if (!unit) throw notFound(RESOURCE_NAMES.orgUnit);
  const rows = rowsOf<
    ReportTimingRow & {
      round_id: string;
      round_title: string;
      round_period: string;
      round_kind: RoundKind;
      round_status: RoundStatus;
    }
  >(
    await db.execute(sql`
      select ${reportTimingColumns(today)}, rd.id as round_id, rd.title as round_title, rd.period as round_period, rd.kind as round_kind,
        rd.status as round_status
      from reports r join rounds rd on rd.id = r.round_id
      where r.org_unit_id = ${orgUnitId}
      order by r.due_date desc, rd.opened_at desc`),
  );
  const items = rows.map((r) => ({
    ...presentReportTiming(r),
    round: {
      id: r.round_id,
      title: r.round_title,
      period: r.round_period,
      kind: r.round_kind,
      status: r.round_status,
    },
  }));
  const [summary] = rowsOf<TCompleteness>(
    await db.execute(sql`select ${completenessColumns(today)}
      from reports r join rounds rd on rd.id = r.round_id where r.org_unit_id = ${orgUnitId}`),
  );
  return {
    orgUnit: { id: unit.id, code: unit.code, name: unit.name, shortName: unit.short_name },
    summary: summary!,
    items,
  };
}
