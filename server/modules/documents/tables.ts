import {
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  TDocumentContent,
  TDocumentData,
  TDocumentHeader,
  TDocumentSection,
  TDocumentSigner,
} from '../../../common/contracts/documents';
import { users } from '../identity/tables';
import { orgUnits } from '../org-units/tables';
import { rounds } from '../rounds/tables';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * A report document being prepared from a round: the header fields and section texts the
 * secretariat edits, and the figures it was built from (frozen at generation, so an edit never
 * meets numbers that moved under it).
 */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => rounds.id),
    /** null: the province's report; else the unit whose own report this is */
    orgUnitId: uuid('org_unit_id').references(() => orgUnits.id),
    header: jsonb('header').$type<TDocumentHeader>().notNull(),
    sections: jsonb('sections').$type<TDocumentSection[]>().notNull(),
    data: jsonb('data').$type<TDocumentData>().notNull(),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('documents_round_idx').on(t.roundId, t.createdAt)],
);

/**
 * An issued version: what was sent, never changed (a trigger refuses UPDATE and DELETE). The .docx
 * bytes are kept rather than rebuilt from the content, because a rebuild goes through whatever
 * builder and library the server runs at the time: the file an official received must come back
 * byte for byte (its SHA-256 is in the audit event). The content is kept too, for other renderings.
 */
export const documentVersions = pgTable(
  'document_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    no: integer('no').notNull(),
    number: text('number').notNull(),
    symbol: text('symbol').notNull(),
    /** the year of issue: a number is unique per symbol and year, as in the register */
    issuedYear: integer('issued_year').notNull(),
    issuedOn: date('issued_on').notNull(),
    signer: jsonb('signer').$type<TDocumentSigner>().notNull(),
    content: jsonb('content').$type<TDocumentContent>().notNull(),
    docx: bytea('docx').notNull(),
    docxSha256: text('docx_sha256').notNull(),
    annexes: bytea('annexes').notNull(),
    /**
     * The PDF rendered at issue time, kept for the same reason as the .docx (a rebuild would go
     * through another pdfkit, fontkit or font). Null for versions issued before PDFs existed: those
     * are rendered from their stored content when asked for.
     */
    pdf: bytea('pdf'),
    pdfSha256: text('pdf_sha256'),
    issuedBy: uuid('issued_by').references(() => users.id),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('document_versions_document_no').on(t.documentId, t.no),
    unique('document_versions_register_number').on(t.symbol, t.number, t.issuedYear),
  ],
);
