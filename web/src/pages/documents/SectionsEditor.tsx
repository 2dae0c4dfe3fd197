import { Card, Form, Input, Typography } from 'antd';
import type { TDocumentSection } from '../../../../common/contracts/documents';
import { useT } from '../../i18n';

/** Each section's heading and text, in document order. */
export function SectionsEditor({
  sections,
  disabled,
  onChange,
}: {
  sections: TDocumentSection[];
  disabled: boolean;
  onChange: (index: number, patch: Partial<TDocumentSection>) => void;
}) {
  const d = useT().documents;
  // sections never change order or number while edited: the position is the section's identity
  const keys = sections.map((section, n) => `${section.kind}-${n}`);
  return (
    <Card size="small" title={d.sections} data-testid="document-sections">
      <Form layout="vertical" disabled={disabled}>
        {sections.map((section, i) => (
          <div
            key={keys[i]}
            className="lt-document-section"
            data-testid="document-section"
            data-kind={section.kind}
          >
            <Typography.Text type="secondary">{d.sectionKind[section.kind]}</Typography.Text>
            <Form.Item label={d.heading} htmlFor={`section-heading-${i}`}>
              <Input
                id={`section-heading-${i}`}
                value={section.heading}
                onChange={(e) => onChange(i, { heading: e.target.value })}
              />
            </Form.Item>
            <Form.Item label={d.body} htmlFor={`section-body-${i}`}>
              <Input.TextArea
                id={`section-body-${i}`}
                autoSize={{ minRows: 3, maxRows: 16 }}
                value={section.body}
                onChange={(e) => onChange(i, { body: e.target.value })}
                data-testid="document-section-body"
              />
            </Form.Item>
          </div>
        ))}
      </Form>
    </Card>
  );
}
