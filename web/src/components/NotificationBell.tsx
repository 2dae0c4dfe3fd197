import { BellOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Drawer, Popover, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { TNotification, TNotificationList } from '../../../common/contracts/inbox';
import { useMarkAllNotificationsRead, useMarkNotificationRead, useNotifications } from '../api/notifications';
import { useLocale, useT } from '../i18n';
import { formatDateTime } from '../lib/format';
import { relativeTime } from './relative-time';
import './notification-bell.css';

/**
 * The bell in the header: how many notifications are unread, and the latest ones in a popover
 * (a drawer on phones). Opening one marks it read and goes to the page it is about.
 */
export function NotificationBell({ narrow }: { narrow: boolean }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const notifications = useNotifications();
  const unread = notifications.data?.unread ?? 0;
  const label = unread > 0 ? t.notifications.bellUnread(unread) : t.notifications.bell;

  const button = (
    <Badge count={unread} overflowCount={99} size="small" offset={[-4, 4]}>
      <Button
        type="text"
        className="lt-bell"
        icon={<BellOutlined />}
        aria-label={label}
        title={label}
        aria-haspopup="dialog"
        aria-expanded={open}
        data-testid="notification-bell"
        data-unread={unread}
        onClick={() => setOpen((was) => !was)}
      />
    </Badge>
  );
  // one polling query for the bell; the list and the button below read what it fetched
  const panel = (
    <NotificationPanel
      list={notifications.data}
      failed={Boolean(notifications.error)}
      onNavigate={() => setOpen(false)}
    />
  );

  if (narrow) {
    return (
      <>
        {button}
        <Drawer
          placement="right"
          size="min(100vw, 400px)"
          open={open}
          onClose={() => setOpen(false)}
          title={t.notifications.title}
          extra={<MarkAllRead unread={unread} />}
          styles={{ body: { padding: 0 } }}
        >
          {panel}
        </Drawer>
      </>
    );
  }
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      title={
        <div className="lt-notifications-head">
          <span>{t.notifications.title}</span>
          <MarkAllRead unread={unread} />
        </div>
      }
      content={panel}
      styles={{ container: { padding: '10px 0 4px' }, title: { padding: '0 8px 6px 16px', margin: 0 } }}
      classNames={{ root: 'lt-bell-popover' }}
    >
      {button}
    </Popover>
  );
}

function MarkAllRead({ unread }: { unread: number }) {
  const t = useT();
  const markAll = useMarkAllNotificationsRead();
  return (
    <Button
      type="link"
      size="small"
      disabled={unread === 0}
      loading={markAll.isPending}
      onClick={() => markAll.mutate()}
      data-testid="notification-read-all"
    >
      {t.notifications.markAll}
    </Button>
  );
}

function NotificationPanel({
  list,
  failed,
  onNavigate,
}: {
  list: TNotificationList | undefined;
  failed: boolean;
  onNavigate: () => void;
}) {
  const t = useT();
  const { lang } = useLocale();
  const navigate = useNavigate();
  const markRead = useMarkNotificationRead();

  const openOne = (n: TNotification) => {
    if (!n.read) markRead.mutate(n.id);
    if (n.link) {
      onNavigate();
      navigate(n.link);
    }
  };

  return (
    <div className="lt-notifications" data-testid="notification-panel">
      {failed && !list ? (
        <Alert
          type="warning"
          showIcon
          title={t.notifications.loadFailed}
          className="lt-notifications-alert"
        />
      ) : null}
      {!list && !failed ? (
        <div className="lt-notifications-empty">
          <Spin size="small" />
        </div>
      ) : null}
      {list && list.items.length === 0 ? (
        <Typography.Text type="secondary" className="lt-notifications-empty">
          {t.notifications.empty}
        </Typography.Text>
      ) : null}
      {list && list.items.length > 0 ? (
        <ul className="lt-notifications-list">
          {list.items.map((n) => (
            <li key={n.id}>
              <button
                type="button"
                className={n.read ? 'lt-notification' : 'lt-notification lt-notification-unread'}
                onClick={() => openOne(n)}
                data-testid="notification-item"
                data-kind={n.kind}
                data-link={n.link ?? ''}
                data-read={n.read}
              >
                <span className="lt-notification-title">
                  {n.read ? null : (
                    <span className="lt-notification-dot" role="img" aria-label={t.notifications.unread} />
                  )}
                  {n.title}
                </span>
                <span className="lt-notification-body">{n.body}</span>
                <time
                  className="lt-notification-time"
                  dateTime={n.createdAt}
                  title={formatDateTime(n.createdAt)}
                >
                  {relativeTime(n.createdAt, lang, t.notifications.justNow)}
                </time>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
