import { sql } from 'drizzle-orm';
import type { TSynonymGroup } from '../../../common/contracts/search-synonyms';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';

interface SynonymRow {
  id: string;
  forms: string[];
  version: number;
  updated_at: string;
}

const present = (r: SynonymRow): TSynonymGroup => ({
  id: r.id,
  forms: r.forms,
  version: r.version,
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** Every group, in the order of its first form (few dozen rows: no paging). */
export async function listSynonymGroups(db: Executor): Promise<TSynonymGroup[]> {
  const rows = rowsOf<SynonymRow>(
    await db.execute(sql`select id, forms, version, updated_at::text as updated_at from search_synonyms
      order by f_search(forms[1]), id`),
  );
  return rows.map(present);
}

export async function getSynonymGroup(db: Executor, id: string): Promise<TSynonymGroup | null> {
  const [row] = rowsOf<SynonymRow>(
    await db.execute(sql`select id, forms, version, updated_at::text as updated_at from search_synonyms
      where id = ${id}`),
  );
  return row ? present(row) : null;
}
