/**
 * The report as a PDF, from the same content as the .docx (docx/index.ts) and in the same
 * Decree 30 layout: A4, the header blocks, title, sections with the indicator table, "Nơi nhận" and
 * the signature, page numbers centred in the top margin from page 2. Rendered in-process by pdfkit
 * with Liberation Serif embedded (subset, with a ToUnicode map, so text extracts as typed: NFC).
 * The bytes are collected as the document streams them out; pages stay buffered only until the
 * page numbers are written (a report has a few dozen at most).
 */
import PDFDocument from 'pdfkit';
import type { TDocumentContent } from '../../../../common/contracts/documents';
import { numberLine } from '../lines';
import { blankLine, drawSections, drawTitle } from './body';
import { drawClosing } from './closing';
import { drawHeader } from './header';
import { clean, GEOMETRY, type Pdf, POINTS, registerFonts, write } from './layout';

export const PDF_CONTENT_TYPE = 'application/pdf';

function numberPages(doc: Pdf) {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start + 1; i < start + count; i++) {
    doc.switchToPage(i);
    write(
      doc,
      String(i + 1),
      { x: GEOMETRY.left, y: GEOMETRY.pageNumberTop, width: GEOMETRY.textWidth },
      { size: POINTS.header, align: 'center' },
    );
  }
}

export function reportPdf(content: TDocumentContent): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: GEOMETRY.top, bottom: GEOMETRY.bottom, left: GEOMETRY.left, right: GEOMETRY.right },
    bufferPages: true,
    lang: 'vi-VN',
    displayTitle: true,
    pdfVersion: '1.7',
    info: {
      Title: clean(`Báo cáo ${content.header.summary}`),
      Author: clean(content.header.issuingBody),
      Subject: clean(numberLine(content)),
      Creator: 'Lộ Trình',
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    registerFonts(doc);
    let y = drawHeader(doc, content);
    y = drawTitle(doc, content, y);
    y = drawSections(doc, content, y);
    drawClosing(doc, content, blankLine(doc, y));
    numberPages(doc);
    doc.end();
  } catch (error) {
    doc.destroy();
    return Promise.reject(error);
  }
  return done;
}
