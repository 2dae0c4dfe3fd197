import { sql } from 'drizzle-orm';
import type { TScorecardFormula, TScorecardWeights } from '../../../../common/contracts/scorecards';
import type { Executor } from '../../../db/client';
import { rowsOf } from '../../../db/sql';

interface FormulaRow {
  version: number;
  weights: TScorecardWeights;
  note: string;
  created_by: string | null;
  created_at: string;
}

const present = (r: FormulaRow): TScorecardFormula => ({
  version: r.version,
  weights: r.weights,
  note: r.note,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(),
});

const SELECT = sql`select f.version, f.weights, f.note, u.display_name as created_by, f.created_at::text as created_at
  from scorecard_formulas f left join users u on u.id = f.created_by`;

/** Every version of the weights, newest first. */
export async function listFormulas(db: Executor): Promise<TScorecardFormula[]> {
  return rowsOf<FormulaRow>(await db.execute(sql`${SELECT} order by f.version desc`)).map(present);
}

/** One version, or the latest when `version` is omitted (the migration ships version 1). */
export async function getFormula(db: Executor, version?: number): Promise<TScorecardFormula> {
  const [row] = rowsOf<FormulaRow>(
    await db.execute(
      version === undefined
        ? sql`${SELECT} order by f.version desc limit 1`
        : sql`${SELECT} where f.version = ${version}`,
    ),
  );
  if (!row) throw new Error(`Scorecard formula ${version ?? 'latest'} is missing`);
  return present(row);
}
