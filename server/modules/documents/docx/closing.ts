/**
 * "Nơi nhận:" and the signature block, side by side. State (Decree 30): "Nơi nhận:" bold italic
 * 12 pt, the list 11 pt; the signer's authority and title in bold capitals, the name bold. Party
 * (36-HD/VPTW): "Nơi nhận:" underlined, 14 pt.
 */
import { AlignmentType, Paragraph, Table, TableBorders, TableCell, TableRow, WidthType } from 'docx';
import type { TDocumentContent } from '../../../../common/contracts/documents';
import { centred, run, SIZE, TEXT_WIDTH } from './layout';

const LEFT = 4400;
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
    ...content.header.recipients.map((r) => left(`- ${r}`, { size: party ? SIZE.header : SIZE.recipients })),
  ];
  const signer = content.issue?.signer;
  const signature = [
    ...(signer?.authority ? [centred([run(signer.authority.toUpperCase(), { bold: true })])] : []),
    centred([run((signer?.title ?? '(Chức vụ người ký)').toUpperCase(), { bold: true })]),
    // room for the signature and the seal
    centred([run(signer ? '' : '(Ký, đóng dấu)', { italics: true })], { after: 1400 }),
    centred([run(signer?.name ?? '(Họ và tên)', { bold: true })]),
  ];
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
