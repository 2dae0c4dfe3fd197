import { ClockCircleOutlined } from '@ant-design/icons';
import { Button, Modal, Typography } from 'antd';
import { isApiError } from '../api/client';
import { useFeedback } from '../app/feedback';
import { useT } from '../i18n';
import { useAuth } from './auth-context';
import { LoginForm } from './LoginForm';

/**
 * Over the current page when the session ended (idle or too old): sign in again as the same user
 * and the request that failed — typically a save — is sent again. The page below, with whatever
 * the user typed, is never unmounted.
 */
export function SessionExpiredDialog() {
  const t = useT();
  const { message } = useFeedback();
  const { me, sessionExpired, resumeSession, dismissSessionExpired, signOut } = useAuth();

  const otherAccount = async () => {
    try {
      await signOut();
    } catch (error) {
      if (isApiError(error)) void message.error(error.problem.detail);
      else throw error;
    }
  };

  return (
    <Modal
      open={sessionExpired && Boolean(me)}
      title={
        <span className="lt-session-title">
          <ClockCircleOutlined /> {t.auth.sessionExpiredTitle}
        </span>
      }
      onCancel={dismissSessionExpired}
      footer={null}
      mask={{ closable: false }}
      destroyOnHidden
      width={420}
      zIndex={1100}
    >
      <div data-testid="session-expired-dialog" className="lt-session-dialog">
        <Typography.Paragraph type="secondary">{t.auth.sessionExpiredText}</Typography.Paragraph>
        <LoginForm username={me?.user.username} onSubmit={resumeSession} submitLabel={t.auth.resume} />
        <div className="lt-session-other">
          <Button type="link" size="small" onClick={() => void otherAccount()}>
            {t.auth.otherAccount}
          </Button>
        </div>
      </div>
    </Modal>
  );
}
