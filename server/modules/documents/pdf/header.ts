/**
 * The header table of docx/header.ts, drawn without borders: the parent and issuing bodies, the
 * rule (state) or star (Party) and the number on the left; the national title and motto (state) or
 * "ĐẢNG CỘNG SẢN VIỆT NAM" (Party) and the place and date on the right.
 */
import type { TDocumentContent } from '../../../../common/contracts/documents';
import { LEFT } from '../docx/header';
import { numberLine, placeDateLine } from '../lines';
import { GEOMETRY, type Pdf, POINTS, pt, shortRule, type TextStyle, write } from './layout';

interface Line extends TextStyle {
  text: string;
  /** points after the line */
  after?: number;
  rule?: boolean;
}

function column(doc: Pdf, lines: Line[], x: number, y: number, width: number): number {
  const inner = { x: x + GEOMETRY.cellPadding, width: width - 2 * GEOMETRY.cellPadding };
  let at = y;
  for (const line of lines) {
    if (line.rule) {
      // docx: an exact 6 pt line with the rule as its bottom border, then 6 pt
      shortRule(doc, inner.x, at + 6, inner.width);
      at += 12;
      continue;
    }
    at = write(doc, line.text, { ...inner, y: at }, { ...line, align: 'center' }) + (line.after ?? 0);
  }
  return at;
}

/** Draws the header at the top of the first page; returns the y below it. */
export function drawHeader(doc: Pdf, content: TDocumentContent): number {
  const { header } = content;
  const party = header.style === 'party';
  const size = POINTS.header;
  const left: Line[] = [];
  if (header.parentBody) left.push({ text: header.parentBody.toUpperCase(), size });
  left.push({ text: header.issuingBody.toUpperCase(), size, bold: true });
  left.push(party ? { text: '*', size } : { text: '', rule: true });
  left.push({ text: numberLine(content), size });
  const right: Line[] = party
    ? [{ text: 'ĐẢNG CỘNG SẢN VIỆT NAM', size: 15, bold: true, underline: true, after: 12 }]
    : [
        { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', size: POINTS.nationalTitle, bold: true },
        { text: 'Độc lập - Tự do - Hạnh phúc', size: POINTS.body, bold: true, underline: true, after: 12 },
      ];
  right.push({ text: placeDateLine(content), size: POINTS.body, italics: true });
  const top = GEOMETRY.top;
  const leftWidth = pt(LEFT);
  const bottomLeft = column(doc, left, GEOMETRY.left, top, leftWidth);
  const bottomRight = column(doc, right, GEOMETRY.left + leftWidth, top, GEOMETRY.textWidth - leftWidth);
  return Math.max(bottomLeft, bottomRight);
}
