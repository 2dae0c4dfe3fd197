import { App as AntApp } from 'antd';
import { Outlet } from 'react-router';
import { RequireAuth } from '../auth/RequireAuth';
import { AppLayout } from './AppLayout';

/**
 * What only a signed-in user needs — the session guard, the expiry dialog, the header, menu and
 * notification bell, antd's <App> (modal, message and notification hooks) — in a chunk of its
 * own, so that the sign-in page does not download it.
 */
export function SignedInLayout() {
  return (
    <AntApp>
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    </AntApp>
  );
}

/** Signed in, outside the layout (the two-step verification setup). */
export function SignedInBare() {
  return (
    <AntApp>
      <RequireAuth>
        <Outlet />
      </RequireAuth>
    </AntApp>
  );
}
