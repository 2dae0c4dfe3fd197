import {
  EyeInvisibleOutlined,
  EyeOutlined,
  LockOutlined,
  SafetyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Alert, Button } from 'antd';
import {
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import type { TLoginRequest } from '../../../common/contracts/auth';
import type { TProblem } from '../../../common/problem';
import { isApiError } from '../api/client';
import { useT } from '../i18n';
import { digitsOnly } from './otp-code';
import './login-form.css';

interface LoginFormProps {
  onSubmit: (credentials: TLoginRequest) => Promise<unknown>;
  submitLabel: string;
  /** signing in again after the session ended: the same account, shown but not editable */
  username?: string;
  autoFocus?: boolean;
}

type FieldName = 'username' | 'password' | 'otp';

/** A labelled large input with an icon in front, its error or hint below: antd's vertical Form.Item. */
function Field({
  id,
  label,
  icon,
  error,
  extra,
  after,
  children,
}: {
  id: string;
  label: string;
  icon: ReactNode;
  error?: string;
  extra?: ReactNode;
  after?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className={`lt-login-field${error ? ' lt-login-field-error' : ''}`}>
      <label htmlFor={id} className="lt-login-label">
        {label}
      </label>
      <span className="lt-login-input">
        <span className="lt-login-input-icon" aria-hidden>
          {icon}
        </span>
        {children}
        {after}
      </span>
      {error ? (
        <div id={`${id}-error`} className="lt-login-explain" role="alert">
          {error}
        </div>
      ) : null}
      {extra ? (
        <div id={`${id}-extra`} className="lt-login-extra">
          {extra}
        </div>
      ) : null}
    </div>
  );
}

/**
 * Username and password; Enter submits; the server's problem `detail` is shown as it is. When the
 * account has two-step verification on, the server answers `otp_required` and a field for the
 * authenticator app's code appears below, the username and password kept as they were typed.
 *
 * Native inputs drawn like antd's large Input, not antd's Form and Input: this is the first page on
 * a commune's 4G, and those two were ~45 KB gzip of its JavaScript (issue 10).
 */
export function LoginForm({ onSubmit, submitLabel, username, autoFocus = true }: LoginFormProps) {
  const t = useT();
  const ids = useId();
  const id = (name: FieldName) => `${ids}-${name}`;
  const [values, setValues] = useState({ username: username ?? '', password: '', otp: '' });
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<TProblem | null>(null);
  const [capsLock, setCapsLock] = useState(false);
  const [askOtp, setAskOtp] = useState(false);
  const [showPassword, setShowPassword] = useState(false);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const otpRef = useRef<HTMLInputElement>(null);

  // The code field appears after a round trip: put the cursor in it.
  useEffect(() => {
    if (askOtp) otpRef.current?.focus();
  }, [askOtp]);

  const set = (name: FieldName, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors((e) => ({ ...e, [name]: undefined }));
  };

  const validate = () => {
    const found: Partial<Record<FieldName, string>> = {};
    if (username === undefined && !values.username.trim()) found.username = t.auth.usernameRequired;
    if (!values.password) found.password = t.auth.passwordRequired;
    if (askOtp && values.otp.length !== 6) found.otp = t.totp.codeRequired;
    setErrors(found);
    const first = (['username', 'password', 'otp'] as const).find((name) => found[name]);
    if (first) ({ username: usernameRef, password: passwordRef, otp: otpRef })[first].current?.focus();
    return first === undefined;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting || !validate()) return;
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
        setValues((v) => ({ ...v, password: '', otp: '' }));
        passwordRef.current?.focus();
      }
      if (error.code === 'otp_invalid') {
        setValues((v) => ({ ...v, otp: '' }));
        otpRef.current?.focus();
      }
    } finally {
      setSubmitting(false);
    }
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) =>
    setCapsLock(e.getModifierState?.('CapsLock') ?? false);
  const describedBy = (name: FieldName, extra: boolean) =>
    [errors[name] ? `${id(name)}-error` : '', extra ? `${id(name)}-extra` : ''].filter(Boolean).join(' ') ||
    undefined;

  return (
    <form
      name="login"
      noValidate
      onSubmit={(e) => void submit(e)}
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
      <Field id={id('username')} label={t.auth.username} icon={<UserOutlined />} error={errors.username}>
        <input
          ref={usernameRef}
          id={id('username')}
          name="username"
          value={values.username}
          onChange={(e) => set('username', e.target.value)}
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          maxLength={100}
          readOnly={username !== undefined}
          // biome-ignore lint/a11y/noAutofocus: the sign-in page has nothing else to do
          autoFocus={autoFocus && username === undefined}
          aria-invalid={errors.username ? true : undefined}
          aria-describedby={describedBy('username', false)}
          data-testid="login-username"
        />
      </Field>
      <Field
        id={id('password')}
        label={t.auth.password}
        icon={<LockOutlined />}
        error={errors.password}
        extra={capsLock ? <span className="lt-hint-danger">{t.auth.capsLock}</span> : undefined}
        after={
          <button
            type="button"
            className="lt-login-reveal"
            onClick={() => setShowPassword((shown) => !shown)}
            aria-label={showPassword ? t.signInForm.hidePassword : t.signInForm.showPassword}
            aria-pressed={showPassword}
          >
            {showPassword ? <EyeOutlined /> : <EyeInvisibleOutlined />}
          </button>
        }
      >
        <input
          ref={passwordRef}
          id={id('password')}
          name="password"
          type={showPassword ? 'text' : 'password'}
          value={values.password}
          onChange={(e) => set('password', e.target.value)}
          autoComplete="current-password"
          maxLength={200}
          // biome-ignore lint/a11y/noAutofocus: signing in again, the password is what is left to type
          autoFocus={autoFocus && username !== undefined}
          onKeyUp={onKey}
          onKeyDown={onKey}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={describedBy('password', capsLock)}
          data-testid="login-password"
        />
      </Field>
      {askOtp ? (
        <Field
          id={id('otp')}
          label={t.totp.loginCode}
          icon={<SafetyOutlined />}
          error={errors.otp}
          extra={t.totp.loginCodeHint}
        >
          <input
            ref={otpRef}
            id={id('otp')}
            name="otp"
            value={values.otp}
            onChange={(e) => set('otp', digitsOnly(e.target.value))}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            placeholder="123456"
            aria-invalid={errors.otp ? true : undefined}
            aria-describedby={describedBy('otp', true)}
            data-testid="login-otp"
          />
        </Field>
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
    </form>
  );
}
