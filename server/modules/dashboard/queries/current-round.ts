import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { TCurrentRound, TDashboardQuery } from '../../../../common/contracts/dashboard';
import type { TCompleteness, TRound } from '../../../../common/contracts/rounds';
import { ROUND_STATUSES } from '../../../../common/enums';
import type { Executor } from '../../../db/client';
import { rowsOf } from '../../../db/sql';
import type { Actor, ReadScope } from '../../../policy';
import { getRound, listRounds } from '../../rounds/queries';

const ZRow = z.object({ id: z.string(), status: z.enum(ROUND_STATUSES) });

/**
 * The round the dashboard is about: the plan's round of the chosen period (the periodic one before
 * an ad hoc one), else its latest open round, else its latest round. Null when the plan has none.
 */
export async function findCurrentRoundId(db: Executor, query: TDashboardQuery): Promise<string | null> {
  const [row] = rowsOf<unknown>(
    await db.execute(sql`select id, status from rounds
      where plan_id = ${query.planId}
        and (${query.period ?? null}::text is null or period = ${query.period ?? null}::text)
      order by (status = 'open') desc, opened_at desc, (kind = 'periodic') desc
      limit 1`),
  ).map((r) => ZRow.parse(r));
  return row?.id ?? null;
}

/**
 * The current round's completeness and timeliness, counted by the rounds module over the reports
 * the reader may see (narrowed to the chosen kind of unit): the same figures as the round's page.
 */
export async function getCurrentRound(options: {
  db: Executor;
  query: TDashboardQuery;
  actor: Actor;
  /** the reader's report scope, already narrowed to the unit kind */
  scope: ReadScope;
  today: string;
}): Promise<TCurrentRound> {
  const { db, query, actor, scope, today } = options;
  const roundId = await findCurrentRoundId(db, query);
  if (!roundId) return { round: null, completeness: null };
  const round = await getRound(db, roundId, actor, today);
  if (!query.unitKind) return present(round, round.completeness);
  // listRounds counts over a scope of our choosing (getRound over the actor's whole scope): ask it for
  // the one page holding this round, in its order (opened_at desc, period desc)
  const [position] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from rounds r, rounds me
      where me.id = ${roundId} and r.plan_id = me.plan_id and r.status = me.status
        and (r.opened_at > me.opened_at or (r.opened_at = me.opened_at and r.period > me.period))`),
  );
  const { items } = await listRounds({
    db,
    actor,
    scope,
    today,
    planId: query.planId,
    status: round.status,
    page: (position?.n ?? 0) + 1,
    pageSize: 1,
  });
  const counted = items.find((r) => r.id === roundId);
  return present(round, counted?.completeness ?? null);
}

function present(round: TRound, completeness: TCompleteness | null): TCurrentRound {
  return {
    round: {
      id: round.id,
      title: round.title,
      period: round.period,
      kind: round.kind,
      status: round.status,
      dueDate: round.dueDate,
    },
    completeness,
  };
}
