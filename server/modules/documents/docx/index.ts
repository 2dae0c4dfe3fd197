/**
 * The report as a .docx (Word 2007+), built from a document's content: header table, title,
 * sections with the indicator table, then "Nơi nhận" and the signature. Page numbers centred in
 * the top margin from page 2 (Decree 30 Appendix I).
 */
import { AlignmentType, Document, Header, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import type { TDocumentContent } from '../../../../common/contracts/documents';
import { sectionBlocks } from './body';
import { closingTable } from './closing';
import { headerTable } from './header';
import { FONT, PAGE, SIZE } from './layout';
import { titleBlock } from './title';

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function reportDocx(content: TDocumentContent): Promise<Buffer> {
  const pageNumber = new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: SIZE.header })],
      }),
    ],
  });
  const document = new Document({
    creator: 'Lộ Trình',
    title: content.header.summary,
    styles: { default: { document: { run: { font: FONT, size: SIZE.body } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.top,
              bottom: PAGE.bottom,
              left: PAGE.left,
              right: PAGE.right,
              header: PAGE.header,
              footer: PAGE.header,
            },
          },
        },
        headers: { default: pageNumber, first: new Header({ children: [new Paragraph({})] }) },
        children: [
          headerTable(content),
          ...titleBlock(content),
          ...sectionBlocks(content),
          new Paragraph({}),
          closingTable(content),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
