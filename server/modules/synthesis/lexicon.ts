/**
 * The concept lexicon the secretariat keeps (FUNDING: kinh phí, ngân sách, nguồn vốn…): stored in one
 * row, the engine's DEFAULT_LEXICON until first saved. A save is checked by the engine (checkLexicon),
 * versioned and audited; a preview shows what an edited lexicon would change in a round's clusters
 * before it is saved.
 */
import { sql } from 'drizzle-orm';
import type {
  TClusterSummary,
  TLexicon,
  TLexiconPreview,
  TSaveLexiconRequest,
} from '../../../common/contracts/synthesis';
import type { Executor, Transaction } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { AppError, assertVersion } from '../../errors/app-error';
import type { Actor } from '../../policy';
import { auditChange } from '../audit/service';
import { checkLexicon, DEFAULT_LEXICON, draftSynthesis, type Lexicon, matchConcepts } from './engine';
import { roundSentences } from './queries/round-sentences';

const LEXICON_ID = 'province';

interface LexiconRow {
  concepts: Lexicon['concepts'];
  version: number;
  updated_at: string;
  updated_by: string | null;
}

export async function getLexicon(db: Executor): Promise<TLexicon> {
  const [row] = rowsOf<LexiconRow>(
    await db.execute(sql`select l.concepts, l.version, l.updated_at::text as updated_at, u.display_name as updated_by
      from synthesis_lexicon l left join users u on u.id = l.updated_by where l.id = ${LEXICON_ID}`),
  );
  if (!row) return { concepts: DEFAULT_LEXICON.concepts, version: 0, updatedAt: null, updatedBy: null };
  return {
    concepts: row.concepts,
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
    updatedBy: row.updated_by,
  };
}

/** The lexicon the engine uses now. */
export async function currentLexicon(db: Executor): Promise<Lexicon> {
  return { concepts: (await getLexicon(db)).concepts };
}

/** 400 naming the field when the engine finds the lexicon unusable, or two concepts share a key. */
function assertUsable(lexicon: Lexicon) {
  const seen = new Map<string, number>();
  const errors: { field: string; code: string; message: string }[] = [];
  lexicon.concepts.forEach((c, i) => {
    if (seen.has(c.key))
      errors.push({ field: `concepts.${i}.key`, code: 'duplicate', message: `Mã chủ đề ${c.key} bị trùng.` });
    seen.set(c.key, i);
  });
  for (const message of checkLexicon(lexicon)) errors.push({ field: 'concepts', code: 'invalid', message });
  if (errors.length) throw new AppError('validation_failed', { errors });
}

export async function saveLexicon(options: {
  tx: Transaction;
  input: TSaveLexiconRequest;
  actor: Actor;
}): Promise<void> {
  const { tx, input, actor } = options;
  const lexicon = { concepts: input.concepts };
  assertUsable(lexicon);
  const [current] = rowsOf<{ version: number; concepts: Lexicon['concepts'] }>(
    await tx.execute(
      sql`select version, concepts from synthesis_lexicon where id = ${LEXICON_ID} for update`,
    ),
  );
  assertVersion(current ?? { version: 0 }, input.version);
  const concepts = JSON.stringify(input.concepts);
  if (current) {
    await tx.execute(sql`update synthesis_lexicon set concepts = ${concepts}::jsonb, version = version + 1,
      updated_by = ${actor.userId}, updated_at = now() where id = ${LEXICON_ID}`);
  } else {
    // two first saves at once: the second finds the row and is refused as a stale version
    const inserted = rowsOf<{ id: string }>(
      await tx.execute(sql`insert into synthesis_lexicon (id, concepts, updated_by)
        values (${LEXICON_ID}, ${concepts}::jsonb, ${actor.userId}) on conflict (id) do nothing returning id`),
    );
    if (!inserted.length) assertVersion({ version: 1 }, input.version);
  }
  const before = current?.concepts ?? DEFAULT_LEXICON.concepts;
  const keys = (list: Lexicon['concepts']) => list.map((c) => c.key);
  const changed = input.concepts
    .filter((c) => JSON.stringify(c) !== JSON.stringify(before.find((b) => b.key === c.key)))
    .map((c) => c.key);
  await auditChange(
    tx,
    actor,
    'synthesis.lexicon_update',
    { type: 'synthesis', id: 'lexicon' },
    {
      before: { version: input.version, concepts: keys(before) },
      after: {
        version: input.version + 1,
        concepts: keys(input.concepts),
        changed,
        removed: keys(before).filter((k) => !input.concepts.some((c) => c.key === k)),
      },
    },
  );
}

const MAX_CHANGED = 50;

function summaries(
  clusters: ReturnType<typeof draftSynthesis>['clusters'],
  textOf: Map<string, string>,
): TClusterSummary[] {
  return clusters.map((c) => ({
    label: c.label,
    conceptKey: c.conceptKey,
    kind: c.kind,
    size: c.ids.length,
    unitCount: c.unitIds.length,
    examples: c.representativeIds.slice(0, 2).map((id) => textOf.get(id) ?? ''),
  }));
}

/** What the edited lexicon would change in the round's clusters and sentence themes, nothing saved. */
export async function previewLexicon(
  db: Executor,
  options: { roundId: string; concepts: Lexicon['concepts'] },
): Promise<TLexiconPreview> {
  const edited: Lexicon = { concepts: options.concepts };
  assertUsable(edited);
  const saved = await currentLexicon(db);
  const { sources, unitCount } = await roundSentences(db, options.roundId);
  const textOf = new Map(sources.map((s) => [s.id, s.text]));
  const before = draftSynthesis({ sentences: sources, unitCount, lexicon: saved });
  const after = draftSynthesis({ sentences: sources, unitCount, lexicon: edited });
  const labelsOf = (lexicon: Lexicon) => new Map(lexicon.concepts.map((c) => [c.key, c.label]));
  const savedLabels = labelsOf(saved);
  const editedLabels = labelsOf(edited);
  // a sentence several units wrote alike is shown once, with how many times it was written
  const changed = new Map<string, TLexiconPreview['changed'][number]>();
  let changedCount = 0;
  for (const s of sources) {
    if (s.kind === 'result') continue;
    const was = matchConcepts(s.text, saved);
    const now = matchConcepts(s.text, edited);
    if (was.join('|') === now.join('|')) continue;
    changedCount++;
    const seen = changed.get(s.text);
    if (seen) seen.count++;
    else if (changed.size < MAX_CHANGED)
      changed.set(s.text, {
        text: s.text,
        count: 1,
        before: was.map((k) => savedLabels.get(k) ?? k),
        after: now.map((k) => editedLabels.get(k) ?? k),
      });
  }
  return {
    before: summaries(before.clusters, textOf),
    after: summaries(after.clusters, textOf),
    changed: [...changed.values()].sort((a, b) => b.count - a.count),
    changedCount,
    sentenceCount: sources.filter((s) => s.kind !== 'result').length,
  };
}
