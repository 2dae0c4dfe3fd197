import { sql } from 'drizzle-orm';
import type { TDataValueInput, WriteMode } from '../../common/contracts/data-values';
import type { Database } from '../db/client';
import { rowsOf } from '../db/sql';
import { writeDataValues } from '../modules/data-values/service';
import type { Actor } from '../policy';

/** An admin over the whole tree as a service sees its caller: for tests that call services directly. */
export async function adminActor(db: Database, rootOrgUnitId: string): Promise<Actor> {
  const [user] = rowsOf<{ id: string }>(await db.execute(sql`select id from users limit 1`));
  return {
    userId: user!.id,
    name: 'kiểm thử',
    assignments: [{ role: 'admin', orgUnitId: rootOrgUnitId, subtree: new Set(), coversAll: true }],
    ip: null,
    requestId: null,
  };
}

/** Writes values through the service, in a transaction of its own, on 27 November 2026. */
export function writeValuesAs(
  db: Database,
  actor: Actor,
  inputs: TDataValueInput[],
  mode: WriteMode = 'valid_rows',
) {
  return db.transaction((tx) =>
    writeDataValues({ tx, inputs, mode, dryRun: false, actor, today: '2026-11-27', source: 'json' }),
  );
}
