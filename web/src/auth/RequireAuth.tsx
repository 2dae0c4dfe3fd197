import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { QueryError } from '../components/Feedback';
import { useAuth } from './auth-context';
import { CHANGE_PASSWORD_PATH, changePasswordHref, SIGN_IN_PATH, signInHref } from './next-path';
import { SessionCheck } from './SessionCheck';
import { SessionExpiredDialog } from './SessionExpiredDialog';

/**
 * Every page but the sign-in page: without a session, go to the sign-in page and come back here
 * afterwards (`?next=`). A session that ends while the page is open gets a dialog instead.
 * A user who must change their password is held on the change-password page.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, error, retry, signedOut } = useAuth();
  const location = useLocation();
  if (me === undefined) {
    return error ? (
      <div className="lt-content">
        <QueryError error={error} onRetry={retry} />
      </div>
    ) : (
      <SessionCheck />
    );
  }
  if (me === null) {
    const next = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to={signedOut ? SIGN_IN_PATH : signInHref(next)} replace />;
  }
  // A temporary password (new account, or reset by an admin): nothing else until it is changed.
  if (me.user.mustChangePassword && location.pathname !== CHANGE_PASSWORD_PATH) {
    const next = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to={changePasswordHref(next)} replace />;
  }
  return (
    <>
      {children}
      <SessionExpiredDialog />
    </>
  );
}
