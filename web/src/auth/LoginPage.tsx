import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useT } from '../i18n';
import { useDocumentTitle } from '../lib/use-document-title';
import { removeUserData } from './auth-api';
import { useAuth } from './auth-context';
import { LoginForm } from './LoginForm';
import { safeNext } from './next-path';
import { SessionCheck } from './SessionCheck';

/** /dang-nhap?next=/items/… — after signing in, back to the page the user wanted. */
export default function LoginPage() {
  const t = useT();
  const { me, error, signIn } = useAuth();
  const [search] = useSearchParams();
  const queryClient = useQueryClient();
  useDocumentTitle(t.auth.signInTitle);

  // Nothing the previous user loaded stays in memory while the sign-in page shows.
  useEffect(() => {
    if (!me) removeUserData(queryClient);
  }, [me, queryClient]);

  if (me) return <Navigate to={safeNext(search.get('next'))} replace />;
  if (me === undefined && !error) return <SessionCheck />;

  return (
    <div className="lt-login">
      <div className="lt-login-top">
        <LanguageSwitch className="lt-lang-switch lt-login-lang" />
      </div>
      <main className="lt-login-card">
        <div className="lt-login-brand">
          <img src="/favicon.svg" alt="" width={44} height={44} />
          <div>
            <div className="lt-login-name">{t.app.name}</div>
            <div className="lt-login-tagline">{t.app.tagline}</div>
          </div>
        </div>
        {/* plain elements, not antd Typography: the first page on a slow link loads less */}
        <h1 className="lt-login-title">{t.auth.signInTitle}</h1>
        <p className="lt-login-lead">{t.auth.signInLead}</p>
        <LoginForm onSubmit={signIn} submitLabel={t.auth.submit} />
        <p className="lt-login-help">{t.auth.forgot}</p>
        {/* a full page load: the public portal is server-rendered, outside this app */}
        <p className="lt-login-help">
          <a href="/cong-khai">{t.auth.publicPortal}</a>
        </p>
      </main>
    </div>
  );
}
