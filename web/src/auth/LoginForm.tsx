import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, type InputRef } from 'antd';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { TLoginRequest } from '../../../common/contracts/auth';
import type { TProblem } from '../../../common/problem';
import { isApiError } from '../api/client';
import { useT } from '../i18n';
import { digitsOnly } from './otp-code';

interface LoginFormProps {
  onSubmit: (credentials: TLoginRequest) => Promise<unknown>;
  submitLabel: string;
  /** signing in again after the session ended: the same account, shown but not editable */
  username?: string;
  autoFocus?: boolean;
}

/**
 * Username and password; Enter submits; the server's problem `detail` is shown as it is. When the
 * account has two-step verification on, the server answers `otp_required` and a field for the
 * authenticator app's code appears below, the username and password kept as they were typed.
 */
export function LoginForm({ onSubmit, submitLabel, username, autoFocus = true }: LoginFormProps) {
  const t = useT();
  const [form] = Form.useForm<TLoginRequest>();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<TProblem | null>(null);
  const [capsLock, setCapsLock] = useState(false);
  const [askOtp, setAskOtp] = useState(false);
  const passwordRef = useRef<InputRef>(null);
  const otpRef = useRef<InputRef>(null);

  // The code field appears after a round trip: put the cursor in it.
  useEffect(() => {
    if (askOtp) otpRef.current?.focus();
  }, [askOtp]);

  const onFinish = async (values: TLoginRequest) => {
    setSubmitting(true);
    setProblem(null);
    try {
      await onSubmit({
        username: (username ?? values.username).trim(),
        password: values.password,
        ...(askOtp && values.otp ? { otp: values.otp } : {}),
      });
    } catch (error) {
      if (!isApiError(error)) throw error;
      if (error.code === 'otp_required') {
        // Not a failure: the next step. The field's own hint says what to do.
        setAskOtp(true);
        return;
      }
      setProblem(error.problem);
      if (error.code === 'invalid_credentials') {
        setAskOtp(false);
        form.setFieldsValue({ password: '', otp: '' });
        passwordRef.current?.focus();
      }
      if (error.code === 'otp_invalid') {
        form.setFieldValue('otp', '');
        otpRef.current?.focus();
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
      initialValues={{ username: username ?? '', password: '', otp: '' }}
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
      {askOtp ? (
        <Form.Item
          name="otp"
          label={t.totp.loginCode}
          extra={t.totp.loginCodeHint}
          normalize={digitsOnly}
          rules={[{ required: true, len: 6, message: t.totp.codeRequired }]}
        >
          <Input
            ref={otpRef}
            name="otp"
            size="large"
            prefix={<SafetyOutlined />}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            placeholder="123456"
            data-testid="login-otp"
          />
        </Form.Item>
      ) : null}
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
