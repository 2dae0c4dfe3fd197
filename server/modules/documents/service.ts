import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type {
  TCreateDocumentRequest,
  TDocumentContent,
  TIssueDocumentRequest,
  TUpdateDocumentRequest,
} from '../../../common/contracts/documents';
import type { Transaction } from '../../db/client';
import { rowsOf } from '../../db/sql';
import { AppError, assertVersion, notFound } from '../../errors/app-error';
import type { Actor } from '../../policy';
import { auditChange } from '../audit/service';
import { annexWorkbook } from './annexes';
import { reportDocx } from './docx';
import { defaultHeader, defaultSections } from './draft';
import { gatherDocumentData } from './gather';
import { reportPdf } from './pdf';
import { DOCUMENT_NAME } from './queries';
import { documents, documentVersions } from './tables';

/** Generates a draft from the round's accepted reports; the caller edits its text before issuing it. */
export async function createDocument(options: {
  tx: Transaction;
  input: TCreateDocumentRequest;
  actor: Actor;
  today: string;
}): Promise<string> {
  const { tx, input, actor } = options;
  const orgUnitId = input.orgUnitId ?? null;
  const gathered = await gatherDocumentData(tx, { roundId: input.roundId, orgUnitId, today: options.today });
  const header = defaultHeader(gathered, input.style ?? 'state');
  const [row] = await tx
    .insert(documents)
    .values({
      roundId: input.roundId,
      orgUnitId,
      header,
      sections: defaultSections(gathered),
      data: gathered.data,
      createdBy: actor.userId,
      updatedBy: actor.userId,
    })
    .returning({ id: documents.id });
  await auditChange(
    tx,
    actor,
    'document.create',
    { type: 'document', id: row!.id, orgUnitId },
    {
      after: {
        roundId: input.roundId,
        style: header.style,
        acceptedReports: gathered.data.acceptedReports,
        tasks: gathered.data.tasks.length,
        indicators: gathered.data.indicators.length,
      },
    },
  );
  return row!.id;
}

async function lockDocument(tx: Transaction, id: string) {
  const [row] = await tx.select().from(documents).where(eq(documents.id, id)).for('update');
  if (!row) throw notFound(DOCUMENT_NAME);
  return row;
}

/** Replaces the header fields and/or the section texts of a draft, from the version the editor opened. */
export async function updateDocument(options: {
  tx: Transaction;
  id: string;
  input: TUpdateDocumentRequest;
  actor: Actor;
}): Promise<void> {
  const { tx, id, input, actor } = options;
  const current = await lockDocument(tx, id);
  assertVersion(current, input.version);
  const header = input.header ?? current.header;
  const sections = input.sections ?? current.sections;
  await tx
    .update(documents)
    .set({ header, sections, version: current.version + 1, updatedBy: actor.userId, updatedAt: new Date() })
    .where(eq(documents.id, id));
  // the texts can be long: the audit names what changed, the document keeps the text
  const changedSections = sections
    .map((s, i) => (JSON.stringify(s) === JSON.stringify(current.sections[i]) ? null : s.heading))
    .filter(Boolean);
  const changedHeader = Object.keys(header).filter(
    (key) =>
      JSON.stringify(header[key as keyof typeof header]) !==
      JSON.stringify(current.header[key as keyof typeof header]),
  );
  await auditChange(
    tx,
    actor,
    'document.update',
    { type: 'document', id, orgUnitId: current.orgUnitId },
    {
      before: { version: current.version, sections: current.sections.length },
      after: { version: current.version + 1, sections: sections.length, changedSections, changedHeader },
    },
  );
}

/**
 * Issues the draft as it stands: number, date and signer given now; the .docx, the PDF and the
 * annexes are rendered once and stored with a frozen copy of the content. A number is used once per symbol and
 * year (409 duplicate). The draft's version moves on, so a second click on the same view is refused.
 */
export async function issueDocument(options: {
  tx: Transaction;
  id: string;
  input: TIssueDocumentRequest;
  actor: Actor;
}): Promise<number> {
  const { tx, id, input, actor } = options;
  const current = await lockDocument(tx, id);
  assertVersion(current, input.version);
  const number = input.number.trim();
  const issuedYear = Number(input.issuedOn.slice(0, 4));
  const symbol = current.header.symbol;
  const [taken] = await tx
    .select({ id: documentVersions.id })
    .from(documentVersions)
    .where(
      and(
        eq(documentVersions.symbol, symbol),
        eq(documentVersions.number, number),
        eq(documentVersions.issuedYear, issuedYear),
      ),
    );
  if (taken) {
    const value = current.header.style === 'party' ? `${number}-${symbol}` : `${number}/${symbol}`;
    throw new AppError('duplicate', {
      params: { field: { vi: 'Số văn bản', en: 'Document number' }, value },
      errors: [
        { field: 'number', code: 'duplicate', message: `Số ${value} năm ${issuedYear} đã được dùng.` },
      ],
    });
  }
  const content: TDocumentContent = {
    header: current.header,
    sections: current.sections,
    data: current.data,
    issue: { number, issuedOn: input.issuedOn, signer: input.signer },
  };
  const [docx, annexes, pdf] = await Promise.all([
    reportDocx(content),
    annexWorkbook(content),
    reportPdf(content),
  ]);
  const sha256 = createHash('sha256').update(docx).digest('hex');
  const pdfSha256 = createHash('sha256').update(pdf).digest('hex');
  const [last] = rowsOf<{ no: number }>(
    await tx.execute(
      sql`select coalesce(max(no), 0)::int as no from document_versions where document_id = ${id}`,
    ),
  );
  const no = (last?.no ?? 0) + 1;
  await tx.insert(documentVersions).values({
    documentId: id,
    no,
    number,
    symbol,
    issuedYear,
    issuedOn: input.issuedOn,
    signer: input.signer,
    content,
    docx,
    docxSha256: sha256,
    annexes,
    pdf,
    pdfSha256,
    issuedBy: actor.userId,
  });
  await tx
    .update(documents)
    .set({ version: current.version + 1, updatedBy: actor.userId, updatedAt: new Date() })
    .where(eq(documents.id, id));
  await auditChange(
    tx,
    actor,
    'document.issue',
    { type: 'document', id, orgUnitId: current.orgUnitId },
    { after: { no, number, symbol, issuedOn: input.issuedOn, signer: input.signer.name, sha256, pdfSha256 } },
  );
  return no;
}
