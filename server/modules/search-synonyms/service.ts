import { sql } from 'drizzle-orm';
import type {
  TCreateSynonymGroupRequest,
  TUpdateSynonymGroupRequest,
} from '../../../common/contracts/search-synonyms';
import type { Transaction } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { AppError, assertVersion, notFound, RESOURCE_NAMES } from '../../errors/app-error';
import type { Actor } from '../../policy';
import { auditChange } from '../audit/service';
import { deriveSynonymGroup } from './shipped';

const resource = (id: string) => ({ type: 'search_synonym', id });

/** The forms without repeats (same words once folded), in the order written. */
function distinctForms(forms: readonly string[]): string[] {
  const seen = new Set<string>();
  return forms.filter((f) => {
    const key = f.trim().toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A form belongs to one group only: otherwise a query would widen through two groups at once and
 * an edit to one would silently change the other. 409 naming the form and the group it is in.
 */
async function assertKeysFree(
  tx: Transaction,
  forms: readonly string[],
  keys: string[],
  exceptId: string | null,
) {
  const [taken] = rowsOf<{ forms: string[]; keys: string[] }>(
    await tx.execute(sql`select forms, keys from search_synonyms
      where keys && ${sql.param(keys)}::text[] and (${exceptId}::uuid is null or id <> ${exceptId}::uuid)
      limit 1`),
  );
  if (!taken) return;
  const index = forms.findIndex((f) => deriveSynonymGroup([f]).keys.some((k) => taken.keys.includes(k)));
  const form = forms[Math.max(0, index)]!;
  throw new AppError('duplicate', {
    params: { field: { vi: 'Cách viết', en: 'Form' }, value: form },
    errors: [
      {
        field: `forms.${Math.max(0, index)}`,
        code: 'duplicate',
        message: `"${form}" đã có trong nhóm ${taken.forms.join(', ')}.`,
      },
    ],
  });
}

export async function createSynonymGroup(options: {
  tx: Transaction;
  input: TCreateSynonymGroupRequest;
  actor: Actor;
}): Promise<string> {
  const { tx, actor } = options;
  const forms = distinctForms(options.input.forms);
  const { keys, patterns } = deriveSynonymGroup(forms);
  await assertKeysFree(tx, forms, keys, null);
  const [row] = rowsOf<{ id: string }>(
    await tx.execute(sql`insert into search_synonyms (forms, keys, patterns)
      values (${sql.param(forms)}::text[], ${sql.param(keys)}::text[], ${sql.param(patterns)}::text[]) returning id`),
  );
  await auditChange(tx, actor, 'search_synonym.create', resource(row!.id), {
    before: null,
    after: { forms },
  });
  return row!.id;
}

async function lockGroup(tx: Transaction, id: string) {
  const [row] = rowsOf<{ forms: string[]; version: number }>(
    await tx.execute(sql`select forms, version from search_synonyms where id = ${id} for update`),
  );
  if (!row) throw notFound(RESOURCE_NAMES.resource);
  return row;
}

export async function updateSynonymGroup(options: {
  tx: Transaction;
  id: string;
  input: TUpdateSynonymGroupRequest;
  actor: Actor;
}): Promise<void> {
  const { tx, id, actor } = options;
  const current = await lockGroup(tx, id);
  assertVersion(current, options.input.version);
  const forms = distinctForms(options.input.forms);
  const { keys, patterns } = deriveSynonymGroup(forms);
  await assertKeysFree(tx, forms, keys, id);
  await tx.execute(sql`update search_synonyms set forms = ${sql.param(forms)}::text[], keys = ${sql.param(keys)}::text[],
    patterns = ${sql.param(patterns)}::text[], version = version + 1, updated_at = now() where id = ${id}`);
  await auditChange(tx, actor, 'search_synonym.update', resource(id), {
    before: { forms: current.forms },
    after: { forms },
  });
}

export async function deleteSynonymGroup(options: {
  tx: Transaction;
  id: string;
  version: number;
  actor: Actor;
}): Promise<void> {
  const { tx, id, actor } = options;
  const current = await lockGroup(tx, id);
  assertVersion(current, options.version);
  await tx.execute(sql`delete from search_synonyms where id = ${id}`);
  await auditChange(tx, actor, 'search_synonym.delete', resource(id), {
    before: { forms: current.forms },
    after: null,
  });
}
