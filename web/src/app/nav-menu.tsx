/**
 * The header's menus and bell — antd's Menu (rc-menu), the user dropdown, the notification popover —
 * behind one lazy import in the layout, fetched beside the page rather than before it (issue 10,
 * item 7: the report page's first load on a commune's 4G). On a phone the menu shows only in the
 * drawer. One chunk, not three: fewer small chunks, and the entry's chunks stay as they are.
 */
export { Badge, Drawer, Menu } from 'antd';
export { UserMenu, UserPanel } from '../auth/UserMenu';
export { NotificationBell } from '../components/NotificationBell';
