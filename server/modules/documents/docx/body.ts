/**
 * The sections: a bold heading, then the text, one paragraph per line. The indicator section is
 * followed by its table.
 */
import type { Paragraph, Table } from 'docx';
import type { TDocumentContent } from '../../../../common/contracts/documents';
import { indicatorTable } from './indicator-table';
import { bodyParagraph, run } from './layout';

export function sectionBlocks(content: TDocumentContent): (Paragraph | Table)[] {
  const blocks: (Paragraph | Table)[] = [];
  for (const section of content.sections) {
    blocks.push(bodyParagraph([run(section.heading, { bold: true })], { keepNext: true }));
    for (const line of section.body.split('\n')) {
      if (line.trim()) blocks.push(bodyParagraph([run(line.trim())]));
    }
    if (section.kind === 'indicators' && content.data.indicators.length) {
      blocks.push(indicatorTable(content.data.indicators), bodyParagraph([]));
    }
  }
  return blocks;
}
