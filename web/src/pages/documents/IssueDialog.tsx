import { CheckCircleOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { TProblem } from '../../../../common';
import type { TDocument } from '../../../../common/contracts/documents';
import { isApiError } from '../../api/client';
import { useIssueDocument } from '../../api/documents';
import { ProblemAlert } from '../../components/Feedback';
import { useT } from '../../i18n';
import { DATE_FORMAT, toIsoDate } from '../../lib/format';

interface IssueForm {
  number: string;
  issuedOn: Dayjs;
  authority?: string;
  title: string;
  name: string;
}

/** "Ban hành": number, date and signer, then an immutable version with its .docx. */
export function IssueDialog({
  document,
  disabledReason,
}: {
  document: TDocument;
  disabledReason: string | null;
}) {
  const d = useT().documents;
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<TProblem | null>(null);
  const [form] = Form.useForm<IssueForm>();
  const issue = useIssueDocument(document.id);
  const last = document.versions[0];

  const submit = async (values: IssueForm) => {
    setProblem(null);
    try {
      const issued = await issue.mutateAsync({
        version: document.version,
        number: values.number.trim(),
        issuedOn: toIsoDate(values.issuedOn) ?? '',
        signer: {
          authority: values.authority?.trim() ?? '',
          title: values.title.trim(),
          name: values.name.trim(),
        },
      });
      void message.success(d.issued(issued.versions[0]?.no ?? 1));
      setOpen(false);
    } catch (error) {
      if (isApiError(error)) setProblem(error.problem);
      else throw error;
    }
  };

  const required = [{ required: true, whitespace: true, message: d.required }];
  return (
    <>
      <Button
        type="primary"
        icon={<CheckCircleOutlined />}
        onClick={() => setOpen(true)}
        disabled={disabledReason !== null}
        title={disabledReason ?? undefined}
        data-testid="document-issue"
      >
        {d.issue}
      </Button>
      <Modal
        open={open}
        title={d.issueTitle}
        onCancel={() => setOpen(false)}
        okText={d.issue}
        onOk={() => form.submit()}
        confirmLoading={issue.isPending}
        destroyOnHidden
        data-testid="document-issue-dialog"
      >
        <Typography.Paragraph>{d.issueLead}</Typography.Paragraph>
        <Form<IssueForm>
          form={form}
          layout="vertical"
          onFinish={(values) => void submit(values)}
          initialValues={{
            issuedOn: dayjs(),
            authority: last?.signer.authority,
            title: last?.signer.title,
            name: last?.signer.name,
          }}
        >
          <Form.Item name="number" label={d.number} rules={required}>
            <Input inputMode="numeric" maxLength={10} data-testid="issue-number" />
          </Form.Item>
          <Form.Item name="issuedOn" label={d.issuedOn} rules={[{ required: true, message: d.required }]}>
            <DatePicker format={DATE_FORMAT} allowClear={false} data-testid="issue-date" />
          </Form.Item>
          <Form.Item name="authority" label={d.signerAuthority}>
            <Input maxLength={100} data-testid="issue-authority" />
          </Form.Item>
          <Form.Item name="title" label={d.signerTitle} rules={required}>
            <Input maxLength={100} data-testid="issue-title" />
          </Form.Item>
          <Form.Item name="name" label={d.signerName} rules={required}>
            <Input maxLength={100} data-testid="issue-name" />
          </Form.Item>
        </Form>
        {problem ? <ProblemAlert problem={problem} onClose={() => setProblem(null)} /> : null}
      </Modal>
    </>
  );
}
