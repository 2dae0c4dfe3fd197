/**
 * "Nơi nhận" and the signature block side by side, as docx/closing.ts: the recipients on the left
 * (state: label bold italic 12 pt, list 11 pt; Party: label underlined 14 pt, list 13 pt), the
 * signer's lines centred on the right with room to sign and seal. Never split over two pages.
 */
import type { TDocumentContent } from '../../../../common/contracts/documents';
import { LEFT } from '../docx/closing';
import { recipientLines, type SignatureLine, signatureLines } from '../lines';
import { GEOMETRY, maxY, measure, type Pdf, POINTS, pt, type TextStyle, write } from './layout';

/** docx: 1400 twips after the placeholder line */
const SIGNATURE_ROOM = pt(1400);

interface Line extends TextStyle {
  text: string;
  after?: number;
}

const signature = (line: SignatureLine): Line => ({
  text: line.text,
  bold: line.bold,
  italics: line.italics,
  after: line.room ? SIGNATURE_ROOM : 0,
});

function columnHeight(doc: Pdf, lines: Line[], width: number): number {
  return lines.reduce(
    (sum, line) => sum + measure(doc, line.text || ' ', width, line) + (line.after ?? 0),
    0,
  );
}

function drawColumn(
  doc: Pdf,
  lines: Line[],
  box: { x: number; y: number; width: number },
  align: 'left' | 'center',
) {
  let at = box.y;
  for (const line of lines) {
    at = write(doc, line.text || ' ', { ...box, y: at }, { ...line, align }) + (line.after ?? 0);
  }
  return at;
}

export function drawClosing(doc: Pdf, content: TDocumentContent, y: number): number {
  const party = content.header.style === 'party';
  const recipients: Line[] = [
    party
      ? { text: 'Nơi nhận:', size: POINTS.body, underline: true }
      : { text: 'Nơi nhận:', size: POINTS.recipientsLabel, bold: true, italics: true },
    ...recipientLines(content).map((text) => ({
      text,
      size: party ? POINTS.header : POINTS.recipients,
    })),
  ];
  const signer = signatureLines(content).map(signature);
  const padding = GEOMETRY.cellPadding;
  const leftWidth = pt(LEFT);
  const left = { x: GEOMETRY.left + padding, width: leftWidth - 2 * padding };
  const right = {
    x: GEOMETRY.left + leftWidth + padding,
    width: GEOMETRY.textWidth - leftWidth - 2 * padding,
  };
  const height = Math.max(columnHeight(doc, recipients, left.width), columnHeight(doc, signer, right.width));
  let at = y;
  if (at + height > maxY(doc)) {
    doc.addPage();
    at = doc.page.margins.top;
  }
  return Math.max(
    drawColumn(doc, recipients, { ...left, y: at }, 'left'),
    drawColumn(doc, signer, { ...right, y: at }, 'center'),
  );
}
