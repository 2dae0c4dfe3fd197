/**
 * The header table: the issuing body on the left, the national title (state) or the Party's name
 * (Party) on the right; then the number and symbol left, place and date right. State bodies follow
 * Decree 30/2020/NĐ-CP Appendix I; Party bodies guide 36-HD/VPTW ("Số 05-BC/BCĐ", a star under
 * the issuing body, "ĐẢNG CỘNG SẢN VIỆT NAM" underlined).
 */
import { type Paragraph, Table, TableBorders, TableCell, TableRow, WidthType } from 'docx';
import type { TDocumentContent } from '../../../../common/contracts/documents';
import { numberLine, placeDateLine } from '../lines';
import { centred, run, SIZE, shortRule, TEXT_WIDTH } from './layout';

/** twips; the PDF takes the same widths */
export const LEFT = 3800;
const RIGHT = TEXT_WIDTH - LEFT;

const cell = (width: number, children: Paragraph[]) =>
  new TableCell({ width: { size: width, type: WidthType.DXA }, children });

export function headerTable(content: TDocumentContent): Table {
  const { header } = content;
  const party = header.style === 'party';
  const left: Paragraph[] = [];
  if (header.parentBody) left.push(centred([run(header.parentBody.toUpperCase(), { size: SIZE.header })]));
  left.push(centred([run(header.issuingBody.toUpperCase(), { size: SIZE.header, bold: true })]));
  left.push(party ? centred([run('*', { size: SIZE.header })]) : shortRule(LEFT));
  left.push(centred([run(numberLine(content), { size: SIZE.header })]));
  const right: Paragraph[] = party
    ? [centred([run('ĐẢNG CỘNG SẢN VIỆT NAM', { size: 30, bold: true, underline: true })], { after: 240 })]
    : [
        centred([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: SIZE.nationalTitle, bold: true })]),
        centred([run('Độc lập - Tự do - Hạnh phúc', { size: SIZE.body, bold: true, underline: true })], {
          after: 240,
        }),
      ];
  right.push(centred([run(placeDateLine(content), { size: SIZE.body, italics: true })]));
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [LEFT, RIGHT],
    borders: TableBorders.NONE,
    rows: [new TableRow({ children: [cell(LEFT, left), cell(RIGHT, right)] })],
  });
}
