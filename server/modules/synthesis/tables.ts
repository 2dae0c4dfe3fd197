import { sql } from 'drizzle-orm';
import { bigint, check, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import {
  DRAFT_ORIGINS,
  type DraftOrigin,
  type TModelOutcome,
  type TSourceSentence,
  type TSynthesisCluster,
  type TSynthesisSection,
} from '../../../common/contracts/synthesis';
import { inList } from '../../db/sql';
import { users } from '../identity/tables';
import { rounds } from '../rounds/tables';

/**
 * A round's synthesis as it stands: the text (drafted, reworded or edited), and what it was drafted
 * from — the report sentences and the clusters — frozen at drafting, so the sources a sentence names
 * are the sentences the secretariat reads next to it even if a report changes afterwards.
 */
export const synthesisDrafts = pgTable(
  'synthesis_drafts',
  {
    roundId: uuid('round_id')
      .primaryKey()
      .references(() => rounds.id),
    version: integer('version').notNull().default(1),
    origin: text('origin').$type<DraftOrigin>().notNull(),
    sections: jsonb('sections').$type<TSynthesisSection[]>().notNull(),
    sentences: jsonb('sentences').$type<TSourceSentence[]>().notNull(),
    clusters: jsonb('clusters').$type<TSynthesisCluster[]>().notNull(),
    unitCount: integer('unit_count').notNull(),
    reportingUnitCount: integer('reporting_unit_count').notNull(),
    /** the sent reports read and their versions ("id:version", sorted): tells when a new draft would differ */
    sourceStamp: text('source_stamp').notNull(),
    model: jsonb('model').$type<TModelOutcome>().notNull(),
    generatedAt: timestamp('generated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('synthesis_drafts_origin_check', sql`${t.origin} in ${inList(DRAFT_ORIGINS)}`)],
);

/** Every text the draft has had, drafted or edited: drafting again never loses an edit. */
export const synthesisDraftVersions = pgTable(
  'synthesis_draft_versions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => rounds.id),
    version: integer('version').notNull(),
    origin: text('origin').$type<DraftOrigin>().notNull(),
    sections: jsonb('sections').$type<TSynthesisSection[]>().notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('synthesis_draft_versions_round_version').on(t.roundId, t.version),
    check('synthesis_draft_versions_origin_check', sql`${t.origin} in ${inList(DRAFT_ORIGINS)}`),
  ],
);

/**
 * The concept lexicon the secretariat keeps (one row, the province's). No row: the engine's shipped
 * DEFAULT_LEXICON is in use.
 */
export const synthesisLexicon = pgTable('synthesis_lexicon', {
  id: text('id').primaryKey().default('province'),
  concepts: jsonb('concepts').$type<{ key: string; label: string; terms: string[] }[]>().notNull(),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
