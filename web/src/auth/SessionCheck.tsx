import { useT } from '../i18n';

/**
 * While the first `/api/auth/me` is on its way: neither the app nor the sign-in form yet. A spinner
 * of our own (app.css) rather than antd's Spin: this shows on the first page, before anything else.
 */
export function SessionCheck() {
  const t = useT();
  return (
    <div className="lt-page-loading lt-session-check" role="status">
      <span className="lt-spinner" aria-hidden="true" />
      <span>{t.auth.checking}</span>
    </div>
  );
}
