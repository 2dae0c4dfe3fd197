import { LockOutlined, ReloadOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, type InputRef, Spin, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { TMe, TTotpSetup } from '../../../../common/contracts/auth';
import type { TProblem } from '../../../../common/problem';
import { isApiError } from '../../api/client';
import { confirmTotp, disableTotp, setupTotp } from '../../auth/auth-api';
import { useAuth } from '../../auth/auth-context';
import { safeNext } from '../../auth/next-path';
import { digitsOnly, groupsOfFour } from '../../auth/otp-code';
import { ProblemAlert } from '../../components/Feedback';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useT } from '../../i18n';
import { useDocumentTitle } from '../../lib/use-document-title';
import './totp-setup.css';

/** Scan the QR code (or type the secret), then prove it with a code: two-step verification is on. */
function Enrol({ me, onEnabled }: { me: TMe; onEnabled: (me: TMe) => void }) {
  const t = useT();
  const [form] = Form.useForm<{ code: string }>();
  const [setup, setSetup] = useState<TTotpSetup | null>(null);
  const [starting, setStarting] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<TProblem | null>(null);
  const codeRef = useRef<InputRef>(null);
  const started = useRef(false);

  const start = useCallback(async () => {
    setStarting(true);
    setProblem(null);
    try {
      setSetup(await setupTotp());
      form.resetFields();
    } catch (error) {
      if (!isApiError(error)) throw error;
      setProblem(error.problem);
    } finally {
      setStarting(false);
    }
  }, [form]);

  // An administrator who must enrol came here for nothing else: the QR code is made at once.
  // Anyone else starts with the button (opening the page changes nothing).
  useEffect(() => {
    if (!me.user.mustEnrollTotp || started.current) return;
    started.current = true;
    void start();
  }, [me.user.mustEnrollTotp, start]);

  const confirm = async ({ code }: { code: string }) => {
    setSubmitting(true);
    setProblem(null);
    try {
      onEnabled(await confirmTotp(code));
    } catch (error) {
      if (!isApiError(error)) throw error;
      if (error.code === 'validation_failed' && error.problem.errors?.some((e) => e.field === 'code')) {
        form.setFields([{ name: 'code', value: '', errors: [t.totp.codeWrong] }]);
        codeRef.current?.focus();
      } else {
        setProblem(error.problem);
      }
    } finally {
      setSubmitting(false);
    }
  };

  if (!setup) {
    return (
      <div className="lt-totp-start">
        {problem ? <ProblemAlert problem={problem} title={t.totp.failed} /> : null}
        {starting ? (
          <div className="lt-totp-preparing" role="status">
            <Spin size="small" /> <span>{t.totp.preparing}</span>
          </div>
        ) : (
          <Button
            type="primary"
            size="large"
            block
            icon={<SafetyOutlined />}
            onClick={() => void start()}
            data-testid="totp-start"
          >
            {t.totp.start}
          </Button>
        )}
      </div>
    );
  }

  return (
    <div data-testid="totp-setup">
      {problem ? (
        <ProblemAlert problem={problem} title={t.totp.failed} onClose={() => setProblem(null)} />
      ) : null}
      <ol className="lt-totp-steps">
        <li>{t.totp.step1}</li>
        <li>
          {t.totp.step2}
          <img
            className="lt-totp-qr"
            src={setup.qrDataUrl}
            alt={t.totp.qrAlt}
            width={200}
            height={200}
            data-testid="totp-qr"
          />
          <div className="lt-totp-manual">{t.totp.manual}</div>
          <Typography.Text
            code
            copyable={{ text: setup.secret }}
            className="lt-totp-secret"
            data-testid="totp-secret"
          >
            {groupsOfFour(setup.secret)}
          </Typography.Text>
        </li>
        <li>{t.totp.step3}</li>
      </ol>
      <Form<{ code: string }>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ code: '' }}
        onFinish={(values) => void confirm(values)}
        data-testid="totp-form"
      >
        <Form.Item
          name="code"
          label={t.totp.code}
          normalize={digitsOnly}
          rules={[{ required: true, len: 6, message: t.totp.codeRequired }]}
        >
          <Input
            ref={codeRef}
            size="large"
            className="lt-totp-code"
            prefix={<SafetyOutlined />}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            placeholder="123456"
            autoFocus
            data-testid="totp-code"
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={submitting}
          disabled={submitting}
          data-testid="totp-submit"
        >
          {t.totp.submit}
        </Button>
        <Button
          type="link"
          size="small"
          className="lt-totp-restart"
          icon={<ReloadOutlined />}
          loading={starting}
          onClick={() => void start()}
          data-testid="totp-restart"
        >
          {t.totp.restart}
        </Button>
      </Form>
    </div>
  );
}

/** Already on: administrators keep it; anyone else may turn it off with their password. */
function Enabled({ isAdmin, onDisabled }: { isAdmin: boolean; onDisabled: (me: TMe) => void }) {
  const t = useT();
  const [form] = Form.useForm<{ password: string }>();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<TProblem | null>(null);

  const disable = async ({ password }: { password: string }) => {
    setSubmitting(true);
    setProblem(null);
    try {
      onDisabled(await disableTotp(password));
    } catch (error) {
      if (!isApiError(error)) throw error;
      if (error.code === 'validation_failed' && error.problem.errors?.some((e) => e.field === 'password')) {
        form.setFields([{ name: 'password', value: '', errors: [t.totp.passwordWrong] }]);
      } else {
        setProblem(error.problem);
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div>
      <Alert
        type="success"
        showIcon
        className="lt-totp-alert"
        title={t.totp.enabledTitle}
        description={t.totp.enabledText}
        data-testid="totp-enabled"
      />
      {isAdmin ? (
        <Typography.Paragraph type="secondary">{t.totp.adminKeeps}</Typography.Paragraph>
      ) : (
        <>
          <Typography.Title level={2} className="lt-totp-subtitle">
            {t.totp.disableTitle}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t.totp.disableText}</Typography.Paragraph>
          {problem ? (
            <ProblemAlert problem={problem} title={t.totp.disableFailed} onClose={() => setProblem(null)} />
          ) : null}
          <Form<{ password: string }>
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={(values) => void disable(values)}
            data-testid="totp-disable-form"
          >
            <Form.Item
              name="password"
              label={t.totp.password}
              rules={[{ required: true, message: t.totp.passwordRequired }]}
            >
              <Input.Password
                autoComplete="current-password"
                maxLength={200}
                prefix={<LockOutlined />}
                data-testid="totp-disable-password"
              />
            </Form.Item>
            <Button
              danger
              htmlType="submit"
              block
              loading={submitting}
              disabled={submitting}
              data-testid="totp-disable-submit"
            >
              {t.totp.disable}
            </Button>
          </Form>
        </>
      )}
    </div>
  );
}

/**
 * /xac-thuc-hai-buoc?next=… — two-step verification (TOTP). An administrator without it is held
 * here (RequireAuth) until it is on, then goes on to `next`. Stands outside the app's layout: the
 * server refuses such an administrator the lists the layout would load.
 */
export default function TotpSetupPage() {
  const t = useT();
  const { me, updateMe, signOut } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  useDocumentTitle(t.totp.title);
  if (!me) return null;

  const forced = me.user.mustEnrollTotp;
  const isAdmin = me.user.totpRequired;
  const next = safeNext(params.get('next'));

  const onEnabled = (fresh: TMe) => {
    updateMe(fresh);
    void message.success(t.totp.done);
    if (forced || params.has('next')) navigate(next, { replace: true });
  };
  const onDisabled = (fresh: TMe) => {
    updateMe(fresh);
    void message.success(t.totp.disabled);
  };
  const signOutHere = async () => {
    try {
      await signOut();
    } catch (error) {
      if (isApiError(error)) void message.error(error.problem.detail);
      else throw error;
    }
  };

  return (
    <div className="lt-login lt-totp">
      <div className="lt-login-top">
        <LanguageSwitch className="lt-lang-switch lt-login-lang" />
      </div>
      <main className="lt-login-card">
        <div className="lt-login-brand">
          <img src="/favicon.svg" alt="" width={44} height={44} />
          <div>
            <div className="lt-login-name">{t.app.name}</div>
            <div className="lt-login-tagline">{me.user.displayName}</div>
          </div>
        </div>
        <Typography.Title level={1} className="lt-login-title">
          {t.totp.title}
        </Typography.Title>
        {forced ? (
          <Alert
            type="warning"
            showIcon
            className="lt-totp-alert"
            title={t.totp.forcedTitle}
            description={t.totp.forcedText}
            data-testid="must-enroll-totp"
          />
        ) : (
          <Typography.Paragraph type="secondary" className="lt-login-lead">
            {t.totp.lead}
          </Typography.Paragraph>
        )}
        {me.user.totpEnabled ? (
          <Enabled isAdmin={isAdmin} onDisabled={onDisabled} />
        ) : (
          <Enrol me={me} onEnabled={onEnabled} />
        )}
        <div className="lt-totp-footer">
          {forced ? (
            <Button type="link" size="small" onClick={() => void signOutHere()} data-testid="logout-button">
              {t.auth.signOut}
            </Button>
          ) : (
            <Link to={next} data-testid="totp-back">
              {t.totp.backToApp}
            </Link>
          )}
        </div>
      </main>
    </div>
  );
}
