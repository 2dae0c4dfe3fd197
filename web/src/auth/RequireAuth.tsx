import { lazy, type ReactNode, Suspense, useRef } from 'react';
import { Navigate, useLocation } from 'react-router';
import { QueryError } from '../components/Feedback';
import { useAuth } from './auth-context';
import {
  CHANGE_PASSWORD_PATH,
  changePasswordHref,
  SIGN_IN_PATH,
  signInHref,
  TOTP_SETUP_PATH,
  totpSetupHref,
} from './next-path';
import { SessionCheck } from './SessionCheck';

/**
 * The dialog and the sign-in form in it (antd Modal, Form, Input: ~25 KB gzip) load only once a
 * session has ended: no page's first load carries them.
 */
const SessionExpiredDialog = lazy(() =>
  import('./SessionExpiredDialog').then((m) => ({ default: m.SessionExpiredDialog })),
);

/**
 * Every page but the sign-in page: without a session, go to the sign-in page and come back here
 * afterwards (`?next=`). A session that ends while the page is open gets a dialog instead.
 * A user who must change their password is held on the change-password page; an administrator
 * without two-step verification on its setup page first (the server refuses them everything else).
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, error, retry, signedOut, sessionExpired } = useAuth();
  const location = useLocation();
  // mounted from the first expiry on, so that the dialog closes as antd closes it
  const dialogWanted = useRef(false);
  if (sessionExpired && me) dialogWanted.current = true;
  if (me === undefined) {
    return error ? (
      <div className="lt-content">
        <QueryError error={error} onRetry={retry} />
      </div>
    ) : (
      <SessionCheck />
    );
  }
  const here = `${location.pathname}${location.search}${location.hash}`;
  if (me === null) return <Navigate to={signedOut ? SIGN_IN_PATH : signInHref(here)} replace />;
  // An administrator without two-step verification: its setup page (outside the app's layout,
  // whose lists the server would refuse), before anything else — the password change included.
  if (me.user.mustEnrollTotp) {
    if (location.pathname !== TOTP_SETUP_PATH) return <Navigate to={totpSetupHref(here)} replace />;
  } else if (me.user.mustChangePassword && location.pathname !== CHANGE_PASSWORD_PATH) {
    // A temporary password (new account, or reset by an admin): nothing else until it is changed.
    return <Navigate to={changePasswordHref(here)} replace />;
  }
  return (
    <>
      {children}
      {dialogWanted.current ? (
        <Suspense fallback={null}>
          <SessionExpiredDialog />
        </Suspense>
      ) : null}
    </>
  );
}
