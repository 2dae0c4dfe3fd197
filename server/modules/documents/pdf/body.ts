/**
 * The title and the sections, as docx/title.ts and docx/body.ts lay them out: "BÁO CÁO", the
 * summary and a rule centred; each section a bold heading kept with what follows, its paragraphs
 * justified with the first line indented and 6 pt after, the indicator table after its section.
 */
import type { TDocumentContent } from '../../../../common/contracts/documents';
import { hasIndicatorTable, sectionParagraphs } from '../lines';
import { drawIndicatorTable } from './indicator-table';
import {
  applyStyle,
  bodyLineGap,
  GEOMETRY,
  maxY,
  measure,
  type Pdf,
  POINTS,
  shortRule,
  write,
} from './layout';

const box = (y: number) => ({ x: GEOMETRY.left, y, width: GEOMETRY.textWidth });

export function drawTitle(doc: Pdf, content: TDocumentContent, y: number): number {
  const party = content.header.style === 'party';
  let at = write(doc, 'BÁO CÁO', box(y + 24), {
    size: party ? 16 : POINTS.body,
    bold: true,
    align: 'center',
  });
  at = write(doc, content.header.summary, box(at), { bold: true, align: 'center' });
  shortRule(doc, GEOMETRY.left, at + 6, GEOMETRY.textWidth);
  return at + 12;
}

/** A body paragraph: justified, first line indented, Word's 1.2 line spacing, 6 pt after. */
function paragraph(doc: Pdf, text: string, y: number, bold = false): number {
  applyStyle(doc, { bold });
  const lineGap = bodyLineGap(doc);
  return (
    write(doc, text, box(y), { bold, align: 'justify', indent: GEOMETRY.firstLineIndent, lineGap }) +
    GEOMETRY.paragraphAfter
  );
}

/** An empty body paragraph, as the .docx puts after the indicator table and before the signature. */
export function blankLine(doc: Pdf, y: number): number {
  applyStyle(doc);
  return y + doc.currentLineHeight(true) + bodyLineGap(doc) + GEOMETRY.paragraphAfter;
}

export function drawSections(doc: Pdf, content: TDocumentContent, y: number): number {
  let at = y;
  for (const section of content.sections) {
    // keep the heading with the first line of what follows (docx keepNext)
    applyStyle(doc);
    const firstLine = doc.currentLineHeight(true) + bodyLineGap(doc);
    const heading = measure(doc, section.heading, GEOMETRY.textWidth, {
      bold: true,
      indent: GEOMETRY.firstLineIndent,
      lineGap: bodyLineGap(doc),
    });
    if (at + heading + firstLine > maxY(doc)) {
      doc.addPage();
      at = doc.page.margins.top;
    }
    at = paragraph(doc, section.heading, at, true);
    for (const text of sectionParagraphs(section)) at = paragraph(doc, text, at);
    if (hasIndicatorTable(content, section)) {
      at = blankLine(doc, drawIndicatorTable(doc, content.data.indicators, at));
    }
  }
  return at;
}
