import { MenuOutlined } from '@ant-design/icons';
import { Button, Grid, type MenuProps } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, Outlet, ScrollRestoration, useLocation, useParams } from 'react-router';
import { inboxTotal, useInbox } from '../api/inbox';
import { useAuth } from '../auth/auth-context';
import { PageLoading } from '../components/Feedback';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useT } from '../i18n';
import { useCurrentPlanId } from './current-plan';
import './layout.css';

// The menus and the bell load beside the page, not before it (./nav-menu): the header draws them a
// moment after itself; on a phone the menu is in the drawer.
const Menu = lazy(() => import('./nav-menu').then((m) => ({ default: m.Menu })));
const UserMenu = lazy(() => import('./nav-menu').then((m) => ({ default: m.UserMenu })));
const NotificationBell = lazy(() => import('./nav-menu').then((m) => ({ default: m.NotificationBell })));
const UserPanel = lazy(() => import('./nav-menu').then((m) => ({ default: m.UserPanel })));
// antd's Badge and Drawer too: the badges are drawn with the menu and the bell, the drawer on first tap
const Badge = lazy(() => import('./nav-menu').then((m) => ({ default: m.Badge })));
const Drawer = lazy(() => import('./nav-menu').then((m) => ({ default: m.Drawer })));

type NavKey =
  | 'inbox'
  | 'dashboard'
  | 'plan'
  | 'tasks'
  | 'indicators'
  | 'scorecards'
  | 'map'
  | 'dataEntry'
  | 'dataImport'
  | 'rounds'
  | 'orgUnits'
  | 'programmes'
  | 'users'
  | 'synonyms'
  | 'publishing'
  | 'audit';

function selectedNav(pathname: string): NavKey | undefined {
  if (pathname.startsWith('/dieu-hanh')) return 'dashboard';
  if (pathname.startsWith('/org-units')) return 'orgUnits';
  if (pathname.startsWith('/chuong-trinh')) return 'programmes';
  if (pathname.startsWith('/chi-tieu')) return 'indicators';
  if (pathname.startsWith('/bang-diem')) return 'scorecards';
  if (pathname.startsWith('/ban-do')) return 'map';
  if (pathname.startsWith('/nhap-so-lieu/tu-tep')) return 'dataImport';
  if (pathname.startsWith('/nhap-so-lieu')) return 'dataEntry';
  if (pathname.startsWith('/viec-cua-toi') || pathname.startsWith('/bao-cao/')) return 'inbox';
  if (pathname.startsWith('/dot-bao-cao')) return 'rounds';
  if (pathname.startsWith('/nguoi-dung')) return 'users';
  if (pathname.startsWith('/nhat-ky')) return 'audit';
  if (pathname.startsWith('/tu-dong-nghia')) return 'synonyms';
  if (pathname.startsWith('/cong-bo')) return 'publishing';
  if (/^\/plans\/[^/]+\/tasks/.test(pathname)) return 'tasks';
  if (pathname.startsWith('/plans/') || pathname.startsWith('/items/')) return 'plan';
  return undefined;
}

export function AppLayout() {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const location = useLocation();
  const params = useParams();
  const currentPlanId = useCurrentPlanId();
  const planId = params.planId ?? currentPlanId;
  const { can } = useAuth();
  const [drawerOpen, setDrawerOpen] = useState(false);
  // the drawer's code is fetched when it is first opened, and it stays mounted then (to close as antd does)
  const [drawerUsed, setDrawerUsed] = useState(false);
  // The header menu from 1200 px, the drawer below (tablets too). Before the first measurement
  // every breakpoint is undefined: assume the narrow layout.
  const wide = screens.xl === true;

  // the inbox badge: what waits for the user, for everyone who reports or reviews
  const hasInbox = can('data_values.enter');
  const inbox = useInbox({ enabled: hasInbox });
  const waiting = inboxTotal(inbox.data);
  const inboxEntry = hasInbox
    ? {
        key: 'inbox',
        label: (
          <Link to="/viec-cua-toi" className="lt-nav-inbox" data-testid="nav-inbox">
            {t.inbox.nav}
            {waiting > 0 ? (
              <Suspense fallback={null}>
                <Badge count={waiting} overflowCount={99} size="small" title={t.inbox.badge(waiting)} />
              </Suspense>
            ) : null}
          </Link>
        ),
      }
    : null;
  const entry = (key: NavKey, to: string, label: string) => ({ key, label: <Link to={to}>{label}</Link> });
  const planTo = planId ? `/plans/${planId}` : '/';
  const dashboard = entry('dashboard', '/dieu-hanh', t.dashboard.nav);
  const plan = entry('plan', planTo, t.nav.plan);
  const tasks = entry('tasks', planId ? `/plans/${planId}/tasks` : '/', t.nav.tasks);
  const indicators = entry('indicators', '/chi-tieu', t.indicators.nav);
  const scorecards = entry('scorecards', '/bang-diem', t.scorecards.nav);
  const map = entry('map', '/ban-do', t.map.nav);
  const dataEntry = can('data_values.enter') ? entry('dataEntry', '/nhap-so-lieu', t.dataEntry.nav) : null;
  const dataImport = can('data_values.enter')
    ? entry('dataImport', '/nhap-so-lieu/tu-tep', t.dataImport.nav)
    : null;
  const rounds = entry('rounds', '/dot-bao-cao', t.rounds.nav);
  const orgUnits = entry('orgUnits', '/org-units', t.nav.orgUnits);
  // the secretariat's catalogue of programmes, support policies and their money
  const programmes = can('programmes.manage') ? entry('programmes', '/chuong-trinh', t.programmes.nav) : null;
  const users = can('users.manage') || can('audit.read') ? entry('users', '/nguoi-dung', t.nav.users) : null;
  const synonyms = can('search_synonyms.manage')
    ? entry('synonyms', '/tu-dong-nghia', t.searchSynonyms.nav)
    : null;
  const audit = can('audit.read') ? entry('audit', '/nhat-ky', t.nav.audit) : null;
  // the secretariat's publishing of the public portal
  const publishing = can('publications.manage') ? entry('publishing', '/cong-bo', t.publishing.nav) : null;
  const present = <T,>(list: (T | null)[]) => list.filter((x): x is T => x !== null);

  // the phone's drawer: every entry, one under the other
  const drawerItems: MenuProps['items'] = present([
    inboxEntry,
    dashboard,
    plan,
    tasks,
    programmes,
    indicators,
    scorecards,
    map,
    dataEntry,
    dataImport,
    rounds,
    orgUnits,
    users,
    synonyms,
    publishing,
    audit,
  ]);
  // The wide header: the rarer entries in two sub-menus, so that everything fits one line from 1200 px without
  // antd's overflow menu (it keeps the hidden entries focusable under aria-hidden, a WCAG failure).
  // The import is reached from the entry grid, the abbreviations from the user menu.
  const headerItems: MenuProps['items'] = present([
    inboxEntry,
    dashboard,
    plan,
    tasks,
    indicators,
    { key: 'evaluation', label: t.app.evaluationMenu, children: [scorecards, map] },
    dataEntry,
    rounds,
    {
      key: 'system',
      label: t.app.systemMenu,
      children: present([programmes, orgUnits, users, publishing, audit]),
    },
  ]);
  const path = selectedNav(location.pathname);
  const selected = path === 'dataImport' && wide ? 'dataEntry' : path;

  const burger = (
    <Button
      type="text"
      className="lt-burger"
      icon={<MenuOutlined />}
      aria-label={t.app.openMenu}
      data-testid="nav-toggle"
      onClick={() => {
        setDrawerUsed(true);
        setDrawerOpen(true);
      }}
    />
  );

  // antd's Layout, Header and Content as the elements they render (./layout.css): no antd Layout code
  return (
    <div className="lt-layout">
      <a className="lt-skip-link" href="#main">
        {t.app.skipToContent}
      </a>
      <header className="lt-header">
        {!wide &&
          (waiting > 0 ? (
            <Suspense fallback={burger}>
              <Badge dot offset={[-6, 8]} title={t.inbox.badge(waiting)}>
                {burger}
              </Badge>
            </Suspense>
          ) : (
            burger
          ))}
        <Link to="/" className="lt-brand">
          <img src="/favicon.svg" alt="" width={24} height={24} />
          <span>{t.app.name}</span>
        </Link>
        {wide && (
          <Suspense fallback={<div className="lt-nav" />}>
            <Menu
              theme="dark"
              mode="horizontal"
              className="lt-nav"
              data-testid="nav"
              selectedKeys={selected ? [selected] : []}
              items={headerItems}
              disabledOverflow
            />
          </Suspense>
        )}
        <div className="lt-header-spacer" />
        <Suspense fallback={null}>
          <NotificationBell narrow={!wide} />
        </Suspense>
        <LanguageSwitch />
        {wide && (
          <Suspense fallback={null}>
            <UserMenu />
          </Suspense>
        )}
      </header>
      {!wide && drawerUsed && (
        <Suspense fallback={null}>
          <Drawer
            placement="left"
            size={260}
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            title={t.app.name}
            styles={{ body: { padding: 0 }, footer: { padding: 12 } }}
            footer={
              <Suspense fallback={null}>
                <UserPanel onNavigate={() => setDrawerOpen(false)} />
              </Suspense>
            }
          >
            <Suspense fallback={<PageLoading />}>
              <Menu
                mode="inline"
                data-testid="nav"
                selectedKeys={selected ? [selected] : []}
                items={drawerItems}
                onClick={() => setDrawerOpen(false)}
              />
            </Suspense>
          </Drawer>
        </Suspense>
      )}
      <main id="main" className="lt-content">
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
      <ScrollRestoration />
    </div>
  );
}
