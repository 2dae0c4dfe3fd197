/**
 * The round's synthesis as the periodic report takes it (documents/gather.ts): its sentences sorted
 * into the report's sections by what their sources are — obstacles under "Khó khăn, vướng mắc",
 * proposals under "Đề xuất, kiến nghị", the rest (results, overview) under "Tình hình chung" — one
 * line per section of the synthesis, headed by its title. Null when the round has no synthesis.
 */
import { sql } from 'drizzle-orm';
import type { TSourceSentence, TSynthesisSection } from '../../../common/contracts/synthesis';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';

export interface DocumentNarrative {
  overall: string[];
  obstacles: string[];
  proposals: string[];
}

type Target = keyof DocumentNarrative;

/** Where a synthesis section goes: the kind most of its sentences' sources are. */
function targetOf(section: TSynthesisSection, kindOf: Map<string, TSourceSentence['kind']>): Target {
  const counts = { obstacle: 0, proposal: 0, result: 0 };
  for (const sentence of section.sentences)
    for (const id of sentence.sourceSentenceIds) {
      const kind = kindOf.get(id);
      if (kind) counts[kind]++;
    }
  if (section.kind === 'overview' || counts.result >= Math.max(counts.obstacle, counts.proposal))
    return 'overall';
  return counts.obstacle >= counts.proposal ? 'obstacles' : 'proposals';
}

export async function documentNarrative(db: Executor, roundId: string): Promise<DocumentNarrative | null> {
  const [row] = rowsOf<{ sections: TSynthesisSection[]; sentences: TSourceSentence[] }>(
    await db.execute(sql`select sections, sentences from synthesis_drafts where round_id = ${roundId}`),
  );
  if (!row) return null;
  const kindOf = new Map(row.sentences.map((s) => [s.id, s.kind]));
  const narrative: DocumentNarrative = { overall: [], obstacles: [], proposals: [] };
  for (const section of row.sections) {
    const text = section.sentences
      .map((s) => s.text.trim())
      .filter(Boolean)
      .join(' ');
    if (!text) continue;
    const target = targetOf(section, kindOf);
    narrative[target].push(section.kind === 'overview' ? text : `- ${section.title}: ${text}`);
  }
  return narrative;
}
