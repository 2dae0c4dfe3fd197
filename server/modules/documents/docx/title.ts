/** "BÁO CÁO", the summary line in bold, and a short rule beneath. */
import type { Paragraph } from 'docx';
import type { TDocumentContent } from '../../../../common/contracts/documents';
import { centred, run, SIZE, shortRule, TEXT_WIDTH } from './layout';

export function titleBlock(content: TDocumentContent): Paragraph[] {
  return [
    centred([run('BÁO CÁO', { size: content.header.style === 'party' ? 32 : SIZE.body, bold: true })], {
      before: 480,
    }),
    centred([run(content.header.summary, { size: SIZE.body, bold: true })]),
    shortRule(TEXT_WIDTH),
  ];
}
