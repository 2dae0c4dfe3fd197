import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, type InputRef } from 'antd';
import { type KeyboardEvent, useRef, useState } from 'react';
import type { TLoginRequest } from '../../../common/contracts/auth';
import type { TProblem } from '../../../common/problem';
import { isApiError } from '../api/client';
import { useT } from '../i18n';

interface LoginFormProps {
  onSubmit: (credentials: TLoginRequest) => Promise<unknown>;
  submitLabel: string;
  /** signing in again after the session ended: the same account, shown but not editable */
  username?: string;
  autoFocus?: boolean;
}

/** Username and password; Enter submits; the server's problem `detail` is shown as it is. */
export function LoginForm({ onSubmit, submitLabel, username, autoFocus = true }: LoginFormProps) {
  const t = useT();
  const [form] = Form.useForm<TLoginRequest>();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<TProblem | null>(null);
  const [capsLock, setCapsLock] = useState(false);
  const passwordRef = useRef<InputRef>(null);

  const onFinish = async (values: TLoginRequest) => {
    setSubmitting(true);
    setProblem(null);
    try {
      await onSubmit({ username: (username ?? values.username).trim(), password: values.password });
    } catch (error) {
      if (!isApiError(error)) throw error;
      setProblem(error.problem);
      if (error.code === 'invalid_credentials') {
        form.setFieldValue('password', '');
        passwordRef.current?.focus();
      }
    } finally {
      setSubmitting(false);
    }
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) =>
    setCapsLock(e.getModifierState?.('CapsLock') ?? false);

  return (
    <Form<TLoginRequest>
      form={form}
      name="login"
      layout="vertical"
      requiredMark={false}
      initialValues={{ username: username ?? '', password: '' }}
      onFinish={onFinish}
      data-testid="login-form"
      className="lt-login-form"
    >
      {problem ? (
        <Alert
          type="error"
          showIcon
          className="lt-login-error"
          data-testid="login-error"
          data-code={problem.code}
          role="alert"
          title={problem.detail || problem.title}
        />
      ) : null}
      <Form.Item
        name="username"
        label={t.auth.username}
        rules={[{ required: true, whitespace: true, message: t.auth.usernameRequired }]}
      >
        <Input
          name="username"
          size="large"
          prefix={<UserOutlined />}
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          maxLength={100}
          readOnly={username !== undefined}
          autoFocus={autoFocus && username === undefined}
          data-testid="login-username"
        />
      </Form.Item>
      <Form.Item
        name="password"
        label={t.auth.password}
        rules={[{ required: true, message: t.auth.passwordRequired }]}
        extra={capsLock ? <span className="lt-hint-danger">{t.auth.capsLock}</span> : undefined}
      >
        <Input.Password
          ref={passwordRef}
          name="password"
          size="large"
          prefix={<LockOutlined />}
          autoComplete="current-password"
          maxLength={200}
          autoFocus={autoFocus && username !== undefined}
          onKeyUp={onKey}
          onKeyDown={onKey}
          data-testid="login-password"
        />
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        size="large"
        block
        loading={submitting}
        disabled={submitting}
        data-testid="login-submit"
      >
        {submitLabel}
      </Button>
    </Form>
  );
}
