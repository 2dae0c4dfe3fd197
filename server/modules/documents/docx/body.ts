/**
 * The sections: a bold heading, then the text, one paragraph per line. The indicator section is
 * followed by its table.
 */
import type { Paragraph, Table } from 'docx';
import type { TDocumentContent } from '../../../../common/contracts/documents';
import { hasIndicatorTable, sectionParagraphs } from '../lines';
import { indicatorTable } from './indicator-table';
import { bodyParagraph, run } from './layout';

export function sectionBlocks(content: TDocumentContent): (Paragraph | Table)[] {
  const blocks: (Paragraph | Table)[] = [];
  for (const section of content.sections) {
    blocks.push(bodyParagraph([run(section.heading, { bold: true })], { keepNext: true }));
    for (const line of sectionParagraphs(section)) blocks.push(bodyParagraph([run(line)]));
    if (hasIndicatorTable(content, section)) {
      blocks.push(indicatorTable(content.data.indicators), bodyParagraph([]));
    }
  }
  return blocks;
}
