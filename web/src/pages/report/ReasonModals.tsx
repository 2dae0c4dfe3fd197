import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, type ButtonProps, Form, Input, Modal, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { TReport } from '../../../../common/contracts/reports';
import { LIMITS } from '../../../../common/limits';
import { ReasonField } from '../../components/ReasonField';
import { useT } from '../../i18n';
import { commentableFields, fieldLabel } from './report-fields';

export interface FieldComment {
  field: string;
  body: string;
}

/**
 * Returning a report: a reason (required) and the comments pinned to fields — those pinned with
 * "Góp ý" on the form, editable here, and more added by choosing the field.
 */
export function ReturnModal({
  open,
  report,
  drafts,
  setDraft,
  busy,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  report: TReport;
  drafts: Readonly<Record<string, string>>;
  setDraft: (field: string, body: string | null) => void;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (reason: string, comments: FieldComment[]) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  const [newField, setNewField] = useState<string | undefined>();
  const [newBody, setNewBody] = useState('');
  const fieldOptions = useMemo(
    () => commentableFields(report).map((f) => ({ value: f, label: fieldLabel(t, report, f) })),
    [report, t],
  );
  const pinned = Object.entries(drafts);

  const add = () => {
    if (!newField || !newBody.trim()) return;
    setDraft(newField, newBody.trim());
    setNewField(undefined);
    setNewBody('');
  };

  const submit = async () => {
    const valid = await form.validateFields().catch(() => null);
    if (!valid) return; // the form shows what is missing
    const { reason } = valid;
    const comments = pinned
      .map(([field, body]) => ({ field, body: body.trim() }))
      .filter((c) => c.body.length > 0);
    onSubmit(reason.trim(), comments);
  };

  return (
    <Modal
      open={open}
      title={t.reports.returnModal.title}
      okText={t.reports.returnModal.submit}
      cancelText={t.common.cancel}
      okButtonProps={{ danger: true, loading: busy, 'data-testid': 'return-submit' } as ButtonProps}
      onOk={() => void submit()}
      onCancel={onCancel}
      destroyOnHidden
      width={640}
    >
      <div data-testid="return-modal">
        <Form form={form} layout="vertical" requiredMark={false} preserve={false}>
          <ReasonField
            label={t.reports.returnModal.reason}
            requiredMessage={t.reports.returnModal.reasonRequired}
            placeholder={t.reports.returnModal.reasonPlaceholder}
            autoFocus
            data-testid="return-reason"
          />
        </Form>
        <Typography.Text strong>{t.reports.returnModal.comments}</Typography.Text>
        {pinned.length === 0 ? (
          <Typography.Paragraph type="secondary" className="lt-return-none">
            {t.reports.returnModal.noComments}
          </Typography.Paragraph>
        ) : (
          <ul className="lt-return-comments" data-testid="return-comments">
            {pinned.map(([field, body]) => (
              <li key={field} data-field={field}>
                <div className="lt-return-comment-head">
                  <span className="lt-return-comment-field">{fieldLabel(t, report, field)}</span>
                  <Button
                    size="small"
                    type="text"
                    icon={<CloseOutlined />}
                    onClick={() => setDraft(field, null)}
                    aria-label={t.reports.comment.remove}
                  />
                </div>
                <Input.TextArea
                  value={body}
                  onChange={(e) => setDraft(field, e.target.value)}
                  autoSize={{ minRows: 1, maxRows: 6 }}
                  maxLength={LIMITS.textLength}
                  aria-label={fieldLabel(t, report, field)}
                />
              </li>
            ))}
          </ul>
        )}
        <div className="lt-return-add">
          <Select<string>
            showSearch={{ optionFilterProp: 'label' }}
            value={newField}
            onChange={setNewField}
            options={fieldOptions}
            placeholder={t.reports.returnModal.pickField}
            aria-label={t.reports.returnModal.field}
            style={{ width: '100%' }}
          />
          <Input.TextArea
            value={newBody}
            onChange={(e) => setNewBody(e.target.value)}
            autoSize={{ minRows: 1, maxRows: 6 }}
            maxLength={LIMITS.textLength}
            placeholder={t.reports.comment.placeholder}
            aria-label={t.reports.comment.placeholder}
          />
          <Button icon={<PlusOutlined />} onClick={add} disabled={!newField || !newBody.trim()}>
            {t.reports.returnModal.add}
          </Button>
        </div>
      </div>
    </Modal>
  );
}

/** Reopening an accepted report: a reason is required (and audited). */
export function ReopenModal({
  open,
  busy,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (reason: string) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  const submit = async () => {
    const valid = await form.validateFields().catch(() => null);
    if (!valid) return; // the form shows what is missing
    const { reason } = valid;
    onSubmit(reason.trim());
  };
  return (
    <Modal
      open={open}
      title={t.reports.reopenModal.title}
      okText={t.reports.reopenModal.submit}
      cancelText={t.common.cancel}
      okButtonProps={{ loading: busy, 'data-testid': 'reopen-submit' } as ButtonProps}
      onOk={() => void submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t.reports.reopenModal.text}</Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={false} preserve={false}>
        <ReasonField
          label={t.reports.reopenModal.reason}
          requiredMessage={t.reports.reopenModal.reasonRequired}
          autoFocus
          data-testid="reopen-reason"
        />
      </Form>
    </Modal>
  );
}
