import { LockOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { TProblem } from '../../../../common';
import { isApiError } from '../../api/client';
import { changePassword } from '../../api/users';
import { authKeys } from '../../auth/auth-api';
import { useAuth } from '../../auth/auth-context';
import { safeNext } from '../../auth/next-path';
import { ProblemAlert } from '../../components/Feedback';
import { useT } from '../../i18n';
import { useDocumentTitle } from '../../lib/use-document-title';
import { applyFieldErrors } from '../users/field-errors';

interface Values {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

export default function ChangePasswordPage() {
  const t = useT();
  const { me } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<TProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const forced = me?.user.mustChangePassword === true;
  useDocumentTitle(t.password.title);

  const submit = async (values: Values) => {
    setProblem(null);
    setBusy(true);
    try {
      await changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      // The session stays; refresh who we are (mustChangePassword, possibly a new CSRF token).
      await queryClient.refetchQueries({ queryKey: authKeys.me });
      void message.success(t.password.done);
      form.resetFields();
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (error) {
      if (!isApiError(error)) throw error;
      if (!applyFieldErrors(form, error.problem, ['currentPassword', 'newPassword']))
        setProblem(error.problem);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="lt-page lt-password-page">
      <Typography.Title level={4} className="lt-page-title">
        {t.password.title}
      </Typography.Title>
      <Card size="small" className="lt-password-card">
        {forced ? (
          <Alert
            type="warning"
            showIcon
            className="lt-password-alert"
            title={t.password.forcedTitle}
            description={t.password.forcedText}
            data-testid="must-change-password"
          />
        ) : null}
        {problem ? (
          <ProblemAlert problem={problem} title={t.password.failed} onClose={() => setProblem(null)} />
        ) : null}
        <Form<Values>
          form={form}
          layout="vertical"
          data-testid="change-password-form"
          onFinish={(v) => void submit(v)}
        >
          {/* lets password managers tie the new password to this account */}
          <input
            type="text"
            name="username"
            autoComplete="username"
            value={me?.user.username ?? ''}
            readOnly
            hidden
          />
          <Form.Item
            name="currentPassword"
            label={t.password.current}
            rules={[{ required: true, message: t.form.required(t.password.current) }]}
          >
            <Input.Password autoComplete="current-password" maxLength={200} prefix={<LockOutlined />} />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t.password.new}
            extra={
              <>
                {t.password.rules}
                <br />
                {t.password.hint}
              </>
            }
            rules={[{ required: true, message: t.form.required(t.password.new) }]}
          >
            <Input.Password autoComplete="new-password" maxLength={200} prefix={<LockOutlined />} />
          </Form.Item>
          <Form.Item
            name="repeat"
            label={t.password.repeat}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t.form.required(t.password.repeat) },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t.password.mismatch)),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={200} prefix={<LockOutlined />} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block data-testid="change-password-submit">
            {t.password.submit}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
