import { Col, Form, type FormInstance, Input, InputNumber, Radio, Row, Select, Typography } from 'antd';
import { useId } from 'react';
import type { TPlan } from '../../../../common';
import { LIMITS } from '../../../../common/limits';
import { useT } from '../../i18n';

export interface NewPlanValues {
  number: string;
  title: string;
  issuingBody: string;
  issueDate: string;
  horizonStartYear: number | null;
  horizonEndYear: number | null;
}

export type TargetKind = 'new' | 'existing';

interface Props {
  kind: TargetKind;
  onKind: (kind: TargetKind) => void;
  form: FormInstance<NewPlanValues>;
  /** a new key per file: the form starts again from the file's header */
  formKey: number;
  initial: Partial<NewPlanValues>;
  onValues: (values: Partial<NewPlanValues>) => void;
  drafts: TPlan[];
  draftId: string | undefined;
  onDraft: (id: string) => void;
}

/** Where the rows go: a new plan (its header prefilled from the file's title lines) or a draft one. */
export function TargetCard({
  kind,
  onKind,
  form,
  formKey,
  initial,
  onValues,
  drafts,
  draftId,
  onDraft,
}: Props) {
  const m = useT().planImport;
  const f = m.fields;
  const legend = useId();
  const draftLabel = useId();
  const required = [{ required: true, whitespace: true, message: m.required }];
  return (
    <>
      <fieldset className="lt-pi-target" aria-labelledby={legend}>
        <legend id={legend}>{m.target}</legend>
        <Radio.Group
          value={kind}
          onChange={(e) => onKind(e.target.value as TargetKind)}
          data-testid="pi-target"
        >
          <Radio value="new">{m.targets.new}</Radio>
          <Radio value="existing">{m.targets.existing}</Radio>
        </Radio.Group>
      </fieldset>
      {kind === 'new' ? (
        <Form
          key={formKey}
          form={form}
          layout="vertical"
          initialValues={initial}
          onValuesChange={(_, all) => onValues(all)}
          data-testid="pi-plan-form"
        >
          <Row gutter={12}>
            <Col xs={24} md={6}>
              <Form.Item name="number" label={f.number} rules={required}>
                <Input maxLength={LIMITS.codeLength} data-testid="pi-number" />
              </Form.Item>
            </Col>
            <Col xs={24} md={18}>
              <Form.Item name="title" label={f.title} rules={required}>
                <Input maxLength={LIMITS.titleLength} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="issuingBody" label={f.issuingBody} rules={required}>
                <Input maxLength={LIMITS.nameLength} />
              </Form.Item>
            </Col>
            <Col xs={24} md={4}>
              <Form.Item name="issueDate" label={f.issueDate}>
                <Input type="date" />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item
                name="horizonStartYear"
                label={f.horizonStartYear}
                rules={[{ required: true, message: m.required }]}
              >
                <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item
                name="horizonEndYear"
                label={f.horizonEndYear}
                rules={[{ required: true, message: m.required }]}
              >
                <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      ) : drafts.length === 0 ? (
        <Typography.Paragraph type="secondary">{m.noDrafts}</Typography.Paragraph>
      ) : (
        <div className="lt-pi-draft">
          <label id={draftLabel} htmlFor="lt-pi-draft">
            {m.draftPlan}
          </label>
          <Select
            id="lt-pi-draft"
            aria-labelledby={draftLabel}
            style={{ width: '100%' }}
            value={draftId}
            onChange={onDraft}
            options={drafts.map((p) => ({ value: p.id, label: `${p.number} — ${p.title}` }))}
            data-testid="pi-draft"
          />
        </div>
      )}
    </>
  );
}
