import { sql } from 'drizzle-orm';
import {
  PEER_GROUP_KINDS,
  SCORECARD_PEER_GROUPS,
  type TCreateScorecardFormulaRequest,
} from '../../../common/contracts/scorecards';
import { periodLabel } from '../../../common/periods';
import type { Transaction } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { AppError, assertVersion } from '../../errors/app-error';
import type { Actor } from '../../policy';
import { auditChange } from '../audit/service';
import { listProvinces } from '../org-units/provinces';
import { cardEvidence, computeCards } from './compute';
import { getJudgedFigures } from './judged-figures';
import { getFormula } from './queries/formulas';
import type { PeerArea } from './queries/peer-area';
import { findPublications } from './queries/publications';

/**
 * A new version of the weights: versions are never changed, the next one is inserted. Based on
 * the latest version (409 with the current one when someone changed the weights first).
 */
export async function createFormulaVersion(options: {
  tx: Transaction;
  input: TCreateScorecardFormulaRequest;
  actor: Actor;
}): Promise<number> {
  const { tx, input, actor } = options;
  // the latest row locked: two changes at once are taken one after the other
  const [latest] = rowsOf<{ version: number; weights: Record<string, number> }>(
    await tx.execute(
      sql`select version, weights from scorecard_formulas order by version desc limit 1 for update`,
    ),
  );
  assertVersion({ version: latest?.version ?? 0 }, input.basedOnVersion);
  const version = (latest?.version ?? 0) + 1;
  await tx.execute(sql`insert into scorecard_formulas (version, weights, note, created_by)
    values (${version}, ${JSON.stringify(input.weights)}::jsonb, ${input.note}, ${actor.userId})`);
  await auditChange(
    tx,
    actor,
    'scorecard.formula_create',
    { type: 'scorecard', id: `formula:${version}` },
    {
      before: { version: latest?.version ?? null, weights: latest?.weights ?? null },
      after: { version, ...input },
    },
  );
  return version;
}

/**
 * Publishes a period: every unit's card, agencies and communes (ranked within their province), computed now with the latest
 * weights, stored with the formula version. A period is published once; later weights and data
 * leave it as it is.
 */
export async function publishScorecards(options: {
  tx: Transaction;
  period: string;
  today: string;
  actor: Actor;
}): Promise<{ formulaVersion: number; units: number }> {
  const { tx, period, actor } = options;
  await tx.execute(sql`lock table scorecard_publications in share row exclusive mode`);
  if ((await findPublications(tx, [period])).length > 0) {
    throw new AppError('duplicate', {
      params: { field: { vi: 'Bảng điểm công bố', en: 'Published scorecard' }, value: periodLabel(period) },
    });
  }
  const formula = await getFormula(tx);
  await tx.execute(sql`insert into scorecard_publications (period, formula_version, published_by)
    values (${period}, ${formula.version}, ${actor.userId})`);
  let units = 0;
  // each province's peers ranked among themselves; a tree without provinces is one area
  const provinces = (await listProvinces(tx)).map((p) => p.id);
  const areas: PeerArea[] = provinces.length > 0 ? provinces : [null];
  for (const [kind, area] of SCORECARD_PEER_GROUPS.flatMap((k) => areas.map((a) => [k, a] as const))) {
    const judged = await getJudgedFigures(tx, { kinds: PEER_GROUP_KINDS[kind], period, area });
    const cards = await computeCards(tx, {
      period,
      kind,
      weights: formula.weights,
      today: options.today,
      area,
      judged,
    });
    if (cards.length === 0) continue;
    const evidence = await cardEvidence(tx, { period, kind, today: options.today, area, judged });
    const empty = { tasks: [], reports: [], figures: [] };
    const rows = cards.map(
      (
        card,
      ) => sql`(${period}, ${card.unit.id}::uuid, ${card.score}::numeric, ${card.rank}::int, ${card.peers}::int,
        ${JSON.stringify(card.components)}::jsonb, ${JSON.stringify(evidence.get(card.unit.id) ?? empty)}::jsonb)`,
    );
    await tx.execute(sql`insert into scorecard_snapshots (period, org_unit_id, score, rank, peers, components, evidence)
      values ${sql.join(rows, sql`, `)}`);
    units += cards.length;
  }
  await auditChange(
    tx,
    actor,
    'scorecard.publish',
    { type: 'scorecard', id: `period:${period}` },
    { before: null, after: { period, label: periodLabel(period), formulaVersion: formula.version, units } },
  );
  return { formulaVersion: formula.version, units };
}
