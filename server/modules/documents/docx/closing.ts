/**
 * "Nơi nhận:" and the signature block, side by side. State (Decree 30): "Nơi nhận:" bold italic
 * 12 pt, the list 11 pt; the signer's authority and title in bold capitals, the name bold. Party
 * (36-HD/VPTW): "Nơi nhận:" underlined, 14 pt.
 */
import { AlignmentType, Paragraph, Table, TableBorders, TableCell, TableRow, WidthType } from 'docx';
import type { TDocumentContent } from '../../../../common/contracts/documents';
import { recipientLines, signatureLines } from '../lines';
import { centred, run, SIZE, TEXT_WIDTH } from './layout';

/** twips; the PDF takes the same widths */
export const LEFT = 4400;
const RIGHT = TEXT_WIDTH - LEFT;

const left = (text: string, style: Parameters<typeof run>[1]) =>
  new Paragraph({
    alignment: AlignmentType.LEFT,
    spacing: { before: 0, after: 0 },
    children: [run(text, style)],
  });

export function closingTable(content: TDocumentContent): Table {
  const party = content.header.style === 'party';
  const recipients = [
    left(
      'Nơi nhận:',
      party
        ? { size: SIZE.body, underline: true }
        : { size: SIZE.recipientsLabel, bold: true, italics: true },
    ),
    ...recipientLines(content).map((line) => left(line, { size: party ? SIZE.header : SIZE.recipients })),
  ];
  // room for the signature and the seal after the placeholder line
  const signature = signatureLines(content).map((line) =>
    centred([run(line.text, { bold: line.bold, italics: line.italics })], line.room ? { after: 1400 } : {}),
  );
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [LEFT, RIGHT],
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({ width: { size: LEFT, type: WidthType.DXA }, children: recipients }),
          new TableCell({ width: { size: RIGHT, type: WidthType.DXA }, children: signature }),
        ],
      }),
    ],
  });
}
