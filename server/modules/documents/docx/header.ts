/**
 * The header table: the issuing body on the left, the national title (state) or the Party's name
 * (Party) on the right; then the number and symbol left, place and date right. State bodies follow
 * Decree 30/2020/NĐ-CP Appendix I; Party bodies guide 36-HD/VPTW ("Số 05-BC/BCĐ", a star under
 * the issuing body, "ĐẢNG CỘNG SẢN VIỆT NAM" underlined).
 */
import { type Paragraph, Table, TableBorders, TableCell, TableRow, WidthType } from 'docx';
import type { TDocumentContent } from '../../../../common/contracts/documents';
import { documentDate } from '../format';
import { centred, run, SIZE, shortRule, TEXT_WIDTH } from './layout';

const LEFT = 3800;
const RIGHT = TEXT_WIDTH - LEFT;

/** "Số: 05/BC-SKHCN" (state) or "Số 05-BC/BCĐ" (Party); a draft leaves the number open. */
export function numberLine(content: TDocumentContent): string {
  const number = content.issue?.number ?? '     ';
  return content.header.style === 'party'
    ? `Số ${number}-${content.header.symbol}`
    : `Số: ${number}/${content.header.symbol}`;
}

/** "Nghệ An, ngày 05 tháng 01 năm 2026"; a draft leaves day and month open. */
export function placeDateLine(content: TDocumentContent): string {
  const { place } = content.header;
  if (content.issue) return `${place}, ${documentDate(content.issue.issuedOn)}`;
  return `${place}, ngày      tháng      năm ${content.data.asOf.slice(0, 4)}`;
}

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
