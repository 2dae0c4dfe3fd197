import {
  DownOutlined,
  FileSearchOutlined,
  KeyOutlined,
  LogoutOutlined,
  PoweroffOutlined,
  SafetyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Avatar, Button, type ButtonProps, Dropdown, type MenuProps } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { TMe } from '../../../common/contracts/auth';
import { isApiError } from '../api/client';
import { useFeedback } from '../app/feedback';
import { type Messages, useT } from '../i18n';
import { useAuth } from './auth-context';
import { CHANGE_PASSWORD_PATH, TOTP_SETUP_PATH } from './next-path';

/** "Cán bộ · Xã Diễn Châu", one line per role assignment. */
export function roleLines(t: Messages, me: TMe): string[] {
  return me.assignments.map((a) => `${t.roles[a.role]} · ${a.orgUnit.name}`);
}

function UserSummary({ me }: { me: TMe }) {
  const t = useT();
  const lines = roleLines(t, me);
  return (
    <div className="lt-user-summary">
      <div className="lt-user-summary-name">{me.user.displayName}</div>
      <div className="lt-user-summary-login">{me.user.username}</div>
      {lines.length > 0 ? (
        <ul className="lt-user-summary-roles" aria-label={t.auth.roles} data-testid="user-roles">
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : (
        <div className="lt-user-summary-roles lt-hint">{t.auth.noRoles}</div>
      )}
    </div>
  );
}

/** Sign out here, or everywhere after a confirmation; a failure is a message, never a crash. */
function useSignOutActions() {
  const t = useT();
  const { modal, message } = useFeedback();
  const { signOut } = useAuth();
  const [busy, setBusy] = useState(false);

  const run = async (everywhere: boolean) => {
    setBusy(true);
    try {
      await signOut({ everywhere });
      if (everywhere) void message.success(t.auth.signedOutAll);
    } catch (error) {
      if (!isApiError(error)) throw error;
      void message.error(`${t.auth.signOutFailed}: ${error.problem.detail}`);
    } finally {
      setBusy(false);
    }
  };

  const signOutHere = () => void run(false);
  const signOutEverywhere = () =>
    modal.confirm({
      title: t.auth.signOutAllTitle,
      content: t.auth.signOutAllText,
      okText: t.auth.signOutAll,
      cancelText: t.common.cancel,
      okButtonProps: { danger: true, 'data-testid': 'logout-all-confirm' } as ButtonProps,
      onOk: () => run(true),
    });
  return { busy, signOutHere, signOutEverywhere };
}

/** Header, wide screens: the user's name; the menu shows roles and the two ways to sign out. */
export function UserMenu() {
  const t = useT();
  const { me, can } = useAuth();
  const navigate = useNavigate();
  const { signOutHere, signOutEverywhere } = useSignOutActions();
  if (!me) return null;

  const items: MenuProps['items'] = [
    { type: 'divider' },
    ...(can('search_synonyms.manage')
      ? [
          {
            key: 'synonyms',
            icon: <FileSearchOutlined />,
            label: <span data-testid="synonyms-link">{t.searchSynonyms.title}</span>,
          },
        ]
      : []),
    {
      key: 'password',
      icon: <KeyOutlined />,
      label: <span data-testid="change-password-link">{t.password.menu}</span>,
    },
    {
      key: 'totp',
      icon: <SafetyOutlined />,
      label: <span data-testid="totp-link">{t.totp.menu}</span>,
    },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      label: <span data-testid="logout-button">{t.auth.signOut}</span>,
    },
    {
      key: 'logout-all',
      icon: <PoweroffOutlined />,
      label: <span data-testid="logout-all-button">{t.auth.signOutAll}</span>,
    },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'synonyms') navigate('/tu-dong-nghia');
    if (key === 'password') navigate(CHANGE_PASSWORD_PATH);
    if (key === 'totp') navigate(TOTP_SETUP_PATH);
    if (key === 'logout') signOutHere();
    if (key === 'logout-all') signOutEverywhere();
  };

  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      menu={{ items, onClick }}
      popupRender={(menu) => (
        <div className="lt-user-popup">
          <UserSummary me={me} />
          {menu}
        </div>
      )}
    >
      <Button
        type="text"
        className="lt-user-button"
        data-testid="user-menu"
        aria-label={`${t.auth.userMenu}: ${me.user.displayName}`}
      >
        <Avatar size={26} icon={<UserOutlined />} className="lt-user-avatar" />
        <span className="lt-user-name">{me.user.displayName}</span>
        <DownOutlined className="lt-user-caret" />
      </Button>
    </Dropdown>
  );
}

/** Narrow screens: the same, at the foot of the navigation drawer. */
export function UserPanel({ onNavigate }: { onNavigate?: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { me } = useAuth();
  const { busy, signOutHere, signOutEverywhere } = useSignOutActions();
  if (!me) return null;
  return (
    <div className="lt-user-panel" data-testid="user-menu">
      <div className="lt-user-panel-head">
        <Avatar size={32} icon={<UserOutlined />} className="lt-user-avatar" />
        <UserSummary me={me} />
      </div>
      <Button
        block
        icon={<KeyOutlined />}
        onClick={() => {
          onNavigate?.();
          navigate(CHANGE_PASSWORD_PATH);
        }}
        data-testid="change-password-link"
      >
        {t.password.menu}
      </Button>
      <Button
        block
        icon={<SafetyOutlined />}
        onClick={() => {
          onNavigate?.();
          navigate(TOTP_SETUP_PATH);
        }}
        data-testid="totp-link"
      >
        {t.totp.menu}
      </Button>
      <Button
        block
        icon={<LogoutOutlined />}
        loading={busy}
        onClick={signOutHere}
        data-testid="logout-button"
      >
        {t.auth.signOut}
      </Button>
      <Button
        block
        type="text"
        icon={<PoweroffOutlined />}
        disabled={busy}
        onClick={signOutEverywhere}
        data-testid="logout-all-button"
      >
        {t.auth.signOutAll}
      </Button>
    </div>
  );
}
