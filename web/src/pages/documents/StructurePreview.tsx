import { Card, Typography } from 'antd';
import type { TDocument, TDocumentHeader, TDocumentSection } from '../../../../common/contracts/documents';
import { useT } from '../../i18n';
import { formatDate } from '../../lib/format';

/**
 * The layout of the document as it will be drawn: the two header blocks, title, the sections with
 * their paragraph counts, the indicator table, recipients and the signature — not a page image.
 */
export function StructurePreview({
  document,
  header,
  sections,
}: {
  document: TDocument;
  header: TDocumentHeader;
  sections: TDocumentSection[];
}) {
  const d = useT().documents;
  const party = header.style === 'party';
  const numberLine = party ? `Số …-${header.symbol}` : `Số: …/${header.symbol}`;
  const data = document.data;
  return (
    <Card size="small" title={d.preview} data-testid="document-preview" className="lt-document-preview">
      <div className="lt-document-header-blocks">
        <div>
          {header.parentBody ? <div>{header.parentBody.toUpperCase()}</div> : null}
          <div className="lt-strong">{header.issuingBody.toUpperCase()}</div>
          <div>{party ? '*' : '———'}</div>
          <div>{numberLine}</div>
        </div>
        <div>
          {party ? (
            <div className="lt-strong lt-underline">ĐẢNG CỘNG SẢN VIỆT NAM</div>
          ) : (
            <>
              <div className="lt-strong">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>
              <div className="lt-strong lt-underline">Độc lập - Tự do - Hạnh phúc</div>
            </>
          )}
          <div className="lt-italic">{header.place}, ngày … tháng … năm …</div>
        </div>
      </div>
      <div className="lt-document-title">
        <div className="lt-strong">BÁO CÁO</div>
        <div className="lt-strong">{header.summary}</div>
      </div>
      <ol className="lt-document-outline">
        {sections.map((section, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: sections keep their order while edited
          <li key={i}>
            <span className="lt-strong">{section.heading}</span>{' '}
            <Typography.Text type="secondary">
              {d.paragraphs(section.body.split('\n').filter((line) => line.trim()).length)}
              {section.kind === 'indicators' && data.indicators.length
                ? ` · ${d.indicatorTable(data.indicators.length)}`
                : ''}
            </Typography.Text>
          </li>
        ))}
      </ol>
      <div className="lt-document-header-blocks">
        <div>
          <div className={party ? 'lt-underline' : 'lt-strong lt-italic'}>Nơi nhận:</div>
          {header.recipients
            .filter((r) => r.trim())
            .map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines of a text field
              <div key={i}>- {r}</div>
            ))}
        </div>
        <div className="lt-italic">{d.signature}</div>
      </div>
      <Typography.Paragraph type="secondary" className="lt-document-source">
        {d.sourceNote(data.acceptedReports, data.expectedReports, formatDate(data.asOf))}
      </Typography.Paragraph>
    </Card>
  );
}
