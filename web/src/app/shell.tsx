import { Outlet } from 'react-router';
import { RequireAuth } from '../auth/RequireAuth';
import { AppLayout } from './AppLayout';
import { FeedbackProvider } from './feedback';

/**
 * What only a signed-in user needs — the session guard, the header, menu and notification bell, the
 * message/modal/notification hooks of `App.useApp()` (./feedback, whose antd hosts load after the
 * page) — in a chunk of its own, so that the sign-in page does not download it.
 */
export function SignedInLayout() {
  return (
    <FeedbackProvider>
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    </FeedbackProvider>
  );
}

/** Signed in, outside the layout (the two-step verification setup). */
export function SignedInBare() {
  return (
    <FeedbackProvider>
      <RequireAuth>
        <Outlet />
      </RequireAuth>
    </FeedbackProvider>
  );
}
