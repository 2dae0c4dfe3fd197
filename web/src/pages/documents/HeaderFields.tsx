import { Card, Col, Form, Input, Row, Select } from 'antd';
import type { DocumentHeaderStyle, TDocumentHeader } from '../../../../common/contracts/documents';
import { useT } from '../../i18n';

const STYLES: DocumentHeaderStyle[] = ['state', 'party'];

/** The header fields of a draft: layout, bodies, symbol, place, summary line, recipients. */
export function HeaderFields({
  header,
  disabled,
  onChange,
}: {
  header: TDocumentHeader;
  disabled: boolean;
  onChange: (patch: Partial<TDocumentHeader>) => void;
}) {
  const d = useT().documents;
  return (
    <Card size="small" title={d.headerCard} data-testid="document-header">
      <Form layout="vertical" disabled={disabled}>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item label={d.style} htmlFor="document-style">
              <Select<DocumentHeaderStyle>
                id="document-style"
                value={header.style}
                onChange={(style) => onChange({ style })}
                options={STYLES.map((s) => ({ value: s, label: d.styles[s] }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={d.symbol} htmlFor="document-symbol" extra={d.symbolHint}>
              <Input
                id="document-symbol"
                value={header.symbol}
                onChange={(e) => onChange({ symbol: e.target.value })}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={d.parentBody} htmlFor="document-parent">
              <Input
                id="document-parent"
                value={header.parentBody}
                onChange={(e) => onChange({ parentBody: e.target.value })}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={d.issuingBody} htmlFor="document-issuer">
              <Input
                id="document-issuer"
                value={header.issuingBody}
                onChange={(e) => onChange({ issuingBody: e.target.value })}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={d.place} htmlFor="document-place">
              <Input
                id="document-place"
                value={header.place}
                onChange={(e) => onChange({ place: e.target.value })}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item label={d.summary} htmlFor="document-summary">
              <Input
                id="document-summary"
                value={header.summary}
                onChange={(e) => onChange({ summary: e.target.value })}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item label={d.recipients} htmlFor="document-recipients">
              <Input.TextArea
                id="document-recipients"
                autoSize={{ minRows: 3, maxRows: 8 }}
                value={header.recipients.join('\n')}
                onChange={(e) => onChange({ recipients: e.target.value.split('\n') })}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}
