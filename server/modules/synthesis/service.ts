/**
 * A round's synthesis: drafted by the engine from the sentences of the sent reports (optionally
 * reworded by the configured model, which may not change a sentence's sources), stored with the
 * sentences and clusters it was made from, edited by the secretariat. Every text is kept as a
 * version, so drafting again never loses an edit. Writes are versioned, audited and transactional.
 */
import { sql } from 'drizzle-orm';
import type {
  DraftOrigin,
  TGenerateSynthesisRequest,
  TModelOutcome,
  TRoundSynthesis,
  TSaveSynthesisRequest,
  TSourceSentence,
  TSynthesisCluster,
  TSynthesisSection,
  TSynthesisVersionDetail,
  TSynthesisVersionList,
} from '../../../common/contracts/synthesis';
import type { ModelConfig } from '../../config';
import type { Executor, Transaction } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { AppError, assertVersion, notFound, RESOURCE_NAMES } from '../../errors/app-error';
import type { Actor } from '../../policy';
import { auditChange } from '../audit/service';
import { draftSynthesis } from './engine';
import { currentLexicon } from './lexicon';
import { modelConfigured, rewordSentences } from './model-client';
import { roundSentences } from './queries/round-sentences';

/** A draft made and not yet stored: the engine's (and perhaps the model's) work, done outside a transaction. */
export interface PreparedDraft {
  roundId: string;
  sections: TSynthesisSection[];
  sentences: TSourceSentence[];
  clusters: TSynthesisCluster[];
  unitCount: number;
  reportingUnitCount: number;
  stamp: string;
  origin: DraftOrigin;
  model: TModelOutcome;
}

interface DraftRow {
  version: number;
  origin: DraftOrigin;
  sections: TSynthesisSection[];
  sentences: TSourceSentence[];
  clusters: TSynthesisCluster[];
  unit_count: number;
  reporting_unit_count: number;
  source_stamp: string;
  model: TModelOutcome;
  generated_at: string;
  updated_at: string;
  updated_by: string | null;
}

async function roundOf(db: Executor, roundId: string) {
  const [round] = rowsOf<{ id: string; title: string; period: string; plan_id: string }>(
    await db.execute(sql`select id, title, period, plan_id from rounds where id = ${roundId}`),
  );
  if (!round) throw notFound(RESOURCE_NAMES.round);
  return { id: round.id, title: round.title, period: round.period, planId: round.plan_id };
}

/**
 * Drafts the round's synthesis from its sent reports with the lexicon in force; with `reword` and a
 * model configured, asks the model to reword each sentence (those whose answer changes their sources
 * keep the template text). Reads only: storeDraft writes it.
 */
export async function prepareDraft(
  db: Executor,
  options: { roundId: string; reword: boolean; modelConfig: ModelConfig },
): Promise<PreparedDraft> {
  const { roundId, modelConfig } = options;
  await roundOf(db, roundId);
  const [{ sources, sentences, unitCount, stamp }, lexicon] = [
    await roundSentences(db, roundId),
    await currentLexicon(db),
  ];
  const synthesis = draftSynthesis({ sentences: sources, unitCount, lexicon });
  let sections: TSynthesisSection[] = synthesis.sections.map((s) => ({
    key: s.key,
    kind: s.kind,
    title: s.title,
    sentences: s.sentences.map((d) => ({
      text: d.text,
      sourceSentenceIds: d.sourceSentenceIds,
      sourceReportIds: d.sourceReportIds,
    })),
  }));
  const configured = modelConfigured(modelConfig);
  const model: TModelOutcome = { configured, asked: false, accepted: 0, rejected: 0, note: null };
  let origin: DraftOrigin = 'template';
  if (options.reword && configured) {
    const flat = sections.flatMap((s) => s.sentences);
    const result = await rewordSentences(
      modelConfig,
      flat.map((d) => ({ text: d.text, sourceIds: d.sourceSentenceIds })),
    );
    let at = 0;
    sections = sections.map((s) => ({
      ...s,
      sentences: s.sentences.map((d) => ({ ...d, text: result.texts[at++]! })),
    }));
    Object.assign(model, {
      asked: true,
      accepted: result.accepted,
      rejected: result.rejected,
      note: result.note,
    });
    if (result.accepted > 0) origin = 'model';
  }
  return {
    roundId,
    sections,
    sentences,
    clusters: synthesis.clusters.map((c) => ({
      label: c.label,
      conceptKey: c.conceptKey,
      kind: c.kind,
      ids: c.ids,
      representativeIds: c.representativeIds,
      reportIds: c.reportIds,
      unitIds: c.unitIds,
    })),
    unitCount,
    reportingUnitCount: synthesis.reportingUnitCount,
    stamp,
    origin,
    model,
  };
}

async function lockDraft(tx: Transaction, roundId: string) {
  const [row] = rowsOf<{ version: number; origin: DraftOrigin; sentences: TSourceSentence[] }>(
    await tx.execute(
      sql`select version, origin, sentences from synthesis_drafts where round_id = ${roundId} for update`,
    ),
  );
  return row ?? null;
}

async function insertVersion(
  tx: Transaction,
  options: {
    roundId: string;
    version: number;
    origin: DraftOrigin;
    sections: TSynthesisSection[];
    actor: Actor;
  },
) {
  await tx.execute(sql`insert into synthesis_draft_versions (round_id, version, origin, sections, created_by)
    values (${options.roundId}, ${options.version}, ${options.origin}, ${JSON.stringify(options.sections)}::jsonb,
      ${options.actor.userId})`);
}

const sentenceCount = (sections: TSynthesisSection[]) => sections.reduce((n, s) => n + s.sentences.length, 0);

/**
 * Stores a prepared draft as the round's new text. The version read must still be the current one
 * (null when there was no draft): the previous text, edited or not, stays among the versions.
 */
export async function storeDraft(options: {
  tx: Transaction;
  draft: PreparedDraft;
  input: TGenerateSynthesisRequest;
  actor: Actor;
}): Promise<void> {
  const { tx, draft, actor } = options;
  const current = await lockDraft(tx, draft.roundId);
  if (current || options.input.version !== null)
    assertVersion(current ?? { version: 0 }, options.input.version ?? 0);
  const version = (current?.version ?? 0) + 1;
  const values = sql`${version}, ${draft.origin}, ${JSON.stringify(draft.sections)}::jsonb,
    ${JSON.stringify(draft.sentences)}::jsonb, ${JSON.stringify(draft.clusters)}::jsonb, ${draft.unitCount},
    ${draft.reportingUnitCount}, ${draft.stamp}, ${JSON.stringify(draft.model)}::jsonb, now(), ${actor.userId}, now()`;
  if (current) {
    await tx.execute(sql`update synthesis_drafts set (version, origin, sections, sentences, clusters, unit_count,
        reporting_unit_count, source_stamp, model, generated_at, updated_by, updated_at) = (${values})
      where round_id = ${draft.roundId}`);
  } else {
    const inserted = rowsOf<{ round_id: string }>(
      await tx.execute(sql`insert into synthesis_drafts (round_id, version, origin, sections, sentences, clusters,
          unit_count, reporting_unit_count, source_stamp, model, generated_at, updated_by, updated_at)
        values (${draft.roundId}, ${values}) on conflict (round_id) do nothing returning round_id`),
    );
    // drafted twice at once: the second is refused as if it had read no draft
    if (!inserted.length) assertVersion({ version: 1 }, 0);
  }
  await insertVersion(tx, {
    roundId: draft.roundId,
    version,
    origin: draft.origin,
    sections: draft.sections,
    actor,
  });
  await auditChange(
    tx,
    actor,
    'synthesis.generate',
    { type: 'synthesis', id: draft.roundId },
    {
      before: current ? { version: current.version, origin: current.origin } : null,
      after: {
        version,
        origin: draft.origin,
        sentences: sentenceCount(draft.sections),
        sourceSentences: draft.sentences.length,
        clusters: draft.clusters.length,
        reportingUnits: draft.reportingUnitCount,
        units: draft.unitCount,
        model: { asked: draft.model.asked, accepted: draft.model.accepted, rejected: draft.model.rejected },
      },
    },
  );
}

/**
 * Saves the secretariat's text from the version they opened. A sentence may cite only the round's
 * report sentences the draft was made from (400 naming the id otherwise); its reports follow from them.
 */
export async function saveSynthesis(options: {
  tx: Transaction;
  roundId: string;
  input: TSaveSynthesisRequest;
  actor: Actor;
}): Promise<void> {
  const { tx, roundId, input, actor } = options;
  await roundOf(tx, roundId);
  const current = await lockDraft(tx, roundId);
  if (!current) throw notFound({ vi: 'bản tổng hợp', en: 'synthesis' });
  assertVersion(current, input.version);
  const reportOf = new Map(current.sentences.map((s) => [s.id, s.reportId]));
  const errors: { field: string; code: string; message: string }[] = [];
  const sections: TSynthesisSection[] = input.sections.map((section, i) => ({
    key: section.key,
    kind: section.kind,
    title: section.title,
    sentences: section.sentences.map((sentence, j) => {
      const ids = [...new Set(sentence.sourceSentenceIds)].sort();
      ids.forEach((id, k) => {
        if (!reportOf.has(id))
          errors.push({
            field: `sections.${i}.sentences.${j}.sourceSentenceIds.${k}`,
            code: 'unknown_reference',
            message: 'Câu nguồn không thuộc các báo cáo của bản tổng hợp này.',
          });
      });
      const reports = [...new Set(ids.map((id) => reportOf.get(id)).filter((r): r is string => !!r))].sort();
      return { text: sentence.text, sourceSentenceIds: ids, sourceReportIds: reports };
    }),
  }));
  if (errors.length) throw new AppError('validation_failed', { errors: errors.slice(0, 50) });
  const version = current.version + 1;
  await tx.execute(sql`update synthesis_drafts set version = ${version}, origin = 'edited',
      sections = ${JSON.stringify(sections)}::jsonb, updated_by = ${actor.userId}, updated_at = now()
    where round_id = ${roundId}`);
  await insertVersion(tx, { roundId, version, origin: 'edited', sections, actor });
  // the text can be long: the audit keeps counts; the versions keep the text
  await auditChange(
    tx,
    actor,
    'synthesis.update',
    { type: 'synthesis', id: roundId },
    {
      before: { version: current.version, origin: current.origin },
      after: {
        version,
        sections: sections.length,
        sentences: sentenceCount(sections),
        withoutSources: sections.flatMap((s) => s.sentences).filter((s) => !s.sourceSentenceIds.length)
          .length,
      },
    },
  );
}

/** The round's synthesis as stored, or an empty one before the first draft. */
export async function getRoundSynthesis(
  db: Executor,
  options: { roundId: string; modelConfig: ModelConfig },
): Promise<TRoundSynthesis> {
  const round = await roundOf(db, options.roundId);
  const [row] = rowsOf<DraftRow>(
    await db.execute(sql`select d.version, d.origin, d.sections, d.sentences, d.clusters, d.unit_count,
        d.reporting_unit_count, d.source_stamp, d.model, d.generated_at::text as generated_at,
        d.updated_at::text as updated_at, u.display_name as updated_by
      from synthesis_drafts d left join users u on u.id = d.updated_by where d.round_id = ${round.id}`),
  );
  const modelConfigured_ = modelConfigured(options.modelConfig);
  const now = await roundSentences(db, round.id);
  if (!row) {
    return {
      round,
      unitCount: now.unitCount,
      reportingUnitCount: new Set(now.sentences.map((s) => s.unit.id)).size,
      draft: null,
      clusters: [],
      sentences: [],
      stale: false,
      modelConfigured: modelConfigured_,
    };
  }
  return {
    round,
    unitCount: row.unit_count,
    reportingUnitCount: row.reporting_unit_count,
    draft: {
      version: row.version,
      origin: row.origin,
      sections: row.sections,
      generatedAt: new Date(row.generated_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
      updatedBy: row.updated_by,
      model: row.model,
    },
    clusters: row.clusters,
    sentences: row.sentences,
    stale: row.source_stamp !== now.stamp,
    modelConfigured: modelConfigured_,
  };
}

export async function listSynthesisVersions(db: Executor, roundId: string): Promise<TSynthesisVersionList> {
  await roundOf(db, roundId);
  const rows = rowsOf<{
    version: number;
    origin: DraftOrigin;
    created_at: string;
    created_by: string | null;
    sentence_count: number;
  }>(
    await db.execute(sql`select v.version, v.origin, v.created_at::text as created_at, u.display_name as created_by,
        (select coalesce(sum(jsonb_array_length(s->'sentences')), 0)::int from jsonb_array_elements(v.sections) s) as sentence_count
      from synthesis_draft_versions v left join users u on u.id = v.created_by
      where v.round_id = ${roundId} order by v.version desc`),
  );
  return {
    items: rows.map((r) => ({
      version: r.version,
      origin: r.origin,
      createdAt: new Date(r.created_at).toISOString(),
      createdBy: r.created_by,
      sentenceCount: Number(r.sentence_count),
    })),
  };
}

export async function getSynthesisVersion(
  db: Executor,
  roundId: string,
  version: number,
): Promise<TSynthesisVersionDetail> {
  await roundOf(db, roundId);
  const [row] = rowsOf<{
    version: number;
    origin: DraftOrigin;
    sections: TSynthesisSection[];
    created_at: string;
    created_by: string | null;
  }>(
    await db.execute(sql`select v.version, v.origin, v.sections, v.created_at::text as created_at,
        u.display_name as created_by
      from synthesis_draft_versions v left join users u on u.id = v.created_by
      where v.round_id = ${roundId} and v.version = ${version}`),
  );
  if (!row) throw notFound({ vi: 'phiên bản', en: 'version' });
  return {
    version: row.version,
    origin: row.origin,
    sections: row.sections,
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: row.created_by,
    sentenceCount: sentenceCount(row.sections),
  };
}
