import { Spin } from 'antd';
import { useT } from '../i18n';

/** While the first `/api/auth/me` is on its way: neither the app nor the sign-in form yet. */
export function SessionCheck() {
  const t = useT();
  return (
    <div className="lt-page-loading lt-session-check" role="status">
      <Spin />
      <span>{t.auth.checking}</span>
    </div>
  );
}
