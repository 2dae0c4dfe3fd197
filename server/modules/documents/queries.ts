import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type {
  DocumentAction,
  TDocument,
  TDocumentContent,
  TDocumentSummary,
  TDocumentVersion,
} from '../../../common/contracts/documents';
import type { Executor } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { notFound } from '../../errors/app-error';
import { type Actor, can, PROVINCE_WIDE, type ProvinceWide, readScope } from '../../policy';
import { users } from '../identity/tables';
import { reportPdf } from './pdf';
import { documents, documentVersions } from './tables';

export const DOCUMENT_NAME = { vi: 'văn bản', en: 'document' };
const VERSION_NAME = { vi: 'phiên bản đã ban hành', en: 'issued version' };

/** Whose a document is, for authorization: the province's (PROVINCE_WIDE) or one unit's. */
export const ownerOf = (orgUnitId: string | null): readonly string[] | ProvinceWide =>
  orgUnitId ? [orgUnitId] : PROVINCE_WIDE;

/** The owner of a document, before anything else is read (404 when there is none). */
export async function documentOwner(db: Executor, id: string) {
  const [row] = await db
    .select({ orgUnitId: documents.orgUnitId, roundId: documents.roundId })
    .from(documents)
    .where(eq(documents.id, id));
  if (!row) throw notFound(DOCUMENT_NAME);
  return { ...row, owner: ownerOf(row.orgUnitId) };
}

export async function getDocument(db: Executor, id: string, actor: Actor): Promise<TDocument> {
  const [row] = await db.select().from(documents).where(eq(documents.id, id));
  if (!row) throw notFound(DOCUMENT_NAME);
  const resource = { type: 'document' as const, orgUnitIds: ownerOf(row.orgUnitId) };
  const actions: DocumentAction[] = [];
  if (can(actor, 'update', resource)) actions.push('edit');
  if (can(actor, 'approve', resource)) actions.push('issue');
  return {
    id: row.id,
    roundId: row.roundId,
    orgUnitId: row.orgUnitId,
    header: row.header,
    sections: row.sections,
    data: row.data,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    versions: await listVersions(db, id),
    actions,
  };
}

async function listVersions(db: Executor, documentId: string): Promise<TDocumentVersion[]> {
  const rows = await db
    .select({
      no: documentVersions.no,
      number: documentVersions.number,
      symbol: documentVersions.symbol,
      issuedOn: documentVersions.issuedOn,
      signer: documentVersions.signer,
      issuedBy: users.displayName,
      issuedAt: documentVersions.issuedAt,
      sha256: documentVersions.docxSha256,
      size: sql<number>`octet_length(${documentVersions.docx})::int`,
    })
    .from(documentVersions)
    .leftJoin(users, eq(users.id, documentVersions.issuedBy))
    .where(eq(documentVersions.documentId, documentId))
    .orderBy(desc(documentVersions.no));
  return rows.map((r) => ({ ...r, issuedBy: r.issuedBy ?? null, issuedAt: r.issuedAt.toISOString() }));
}

/** The documents of a round the actor may read: the province's when it reaches the whole province, its units' otherwise. */
export async function listDocuments(
  db: Executor,
  roundId: string,
  actor: Actor,
): Promise<TDocumentSummary[]> {
  const scope = readScope(actor, 'document');
  const province = can(actor, 'read', { type: 'document', orgUnitIds: PROVINCE_WIDE });
  const visible = scope.all
    ? sql`true`
    : sql`(${province ? sql`d.org_unit_id is null` : sql`false`} or d.org_unit_id = any(${sql.param(scope.orgUnitIds)}::uuid[]))`;
  const rows = rowsOf<{
    id: string;
    round_id: string;
    org_unit_id: string | null;
    unit_name: string | null;
    header: TDocumentContent['header'];
    updated_at: string;
    issued: number;
    last_number: string | null;
    last_symbol: string | null;
    last_issued_on: string | null;
  }>(
    await db.execute(sql`select d.id, d.round_id, d.org_unit_id, ou.name as unit_name, d.header,
        d.updated_at::text as updated_at,
        (select count(*)::int from document_versions v where v.document_id = d.id) as issued,
        last.number as last_number, last.symbol as last_symbol, last.issued_on::text as last_issued_on
      from documents d
      left join org_units ou on ou.id = d.org_unit_id
      left join lateral (select number, symbol, issued_on from document_versions v
        where v.document_id = d.id order by no desc limit 1) last on true
      where d.round_id = ${roundId} and ${visible}
      order by d.created_at desc`),
  );
  return rows.map((r) => ({
    id: r.id,
    roundId: r.round_id,
    orgUnit: r.org_unit_id ? { id: r.org_unit_id, name: r.unit_name ?? '' } : null,
    summary: r.header.summary,
    style: r.header.style,
    updatedAt: new Date(r.updated_at).toISOString(),
    issuedVersions: r.issued,
    lastIssued:
      r.last_number && r.last_symbol && r.last_issued_on
        ? { number: r.last_number, symbol: r.last_symbol, issuedOn: r.last_issued_on }
        : null,
  }));
}

/** The stored bytes of an issued version: its .docx or its annexes. */
export async function getVersionFile(
  db: Executor,
  documentId: string,
  no: number,
  file: 'docx' | 'annexes',
): Promise<{ bytes: Buffer; number: string; symbol: string }> {
  const [row] = await db
    .select({
      bytes: file === 'docx' ? documentVersions.docx : documentVersions.annexes,
      number: documentVersions.number,
      symbol: documentVersions.symbol,
    })
    .from(documentVersions)
    .where(and(eq(documentVersions.documentId, documentId), eq(documentVersions.no, no)))
    .orderBy(asc(documentVersions.no));
  if (!row) throw notFound(VERSION_NAME);
  return row;
}

/**
 * The PDF of an issued version: the bytes stored at issue time, or, for a version issued before
 * PDFs were stored, one rendered now from the version's frozen content.
 */
export async function getVersionPdf(
  db: Executor,
  documentId: string,
  no: number,
): Promise<{ bytes: Buffer; number: string; symbol: string }> {
  const [row] = await db
    .select({
      pdf: documentVersions.pdf,
      content: documentVersions.content,
      number: documentVersions.number,
      symbol: documentVersions.symbol,
    })
    .from(documentVersions)
    .where(and(eq(documentVersions.documentId, documentId), eq(documentVersions.no, no)));
  if (!row) throw notFound(VERSION_NAME);
  return { bytes: row.pdf ?? (await reportPdf(row.content)), number: row.number, symbol: row.symbol };
}

/** The draft's content as a .docx or annexes would show it now (no number, date or signer yet). */
export async function getDraftContent(db: Executor, id: string): Promise<TDocumentContent> {
  const [row] = await db
    .select({ header: documents.header, sections: documents.sections, data: documents.data })
    .from(documents)
    .where(eq(documents.id, id));
  if (!row) throw notFound(DOCUMENT_NAME);
  return { ...row, issue: null };
}
