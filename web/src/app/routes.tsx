import { Button, Result } from 'antd';
import { lazy, Suspense } from 'react';
import { createBrowserRouter, useRouteError } from 'react-router';
import { RequireAuth } from '../auth/RequireAuth';
import { SessionCheck } from '../auth/SessionCheck';
import { NotFound } from '../components/Feedback';
import { useT } from '../i18n';
import { Landing } from '../pages/inbox/Landing';
import { AppLayout } from './AppLayout';

const PlanTreePage = lazy(() => import('../pages/plan-tree/PlanTreePage'));
const TaskTablePage = lazy(() => import('../pages/tasks/TaskTablePage'));
const ItemDetailPage = lazy(() => import('../pages/item-detail/ItemDetailPage'));
const ItemFormPage = lazy(() => import('../pages/item-form/ItemFormPage'));
const OrgUnitsPage = lazy(() => import('../pages/org-units/OrgUnitsPage'));
const UsersPage = lazy(() => import('../pages/users/UsersPage'));
const AuditPage = lazy(() => import('../pages/audit/AuditPage'));
const IndicatorsPage = lazy(() => import('../pages/indicators/IndicatorsPage'));
const IndicatorPage = lazy(() => import('../pages/indicators/IndicatorPage'));
const DataEntryPage = lazy(() => import('../pages/data-entry/DataEntryPage'));
const InboxPage = lazy(() => import('../pages/inbox/InboxPage'));
const ReportPage = lazy(() => import('../pages/report/ReportPage'));
const RoundsPage = lazy(() => import('../pages/rounds/RoundsPage'));
const RoundPage = lazy(() => import('../pages/rounds/RoundPage'));
const ReportHistoryPage = lazy(() => import('../pages/report-history/ReportHistoryPage'));
const SearchSynonymsPage = lazy(() => import('../pages/search-synonyms/SearchSynonymsPage'));
const ChangePasswordPage = lazy(() => import('../pages/change-password/ChangePasswordPage'));
const LoginPage = lazy(() => import('../auth/LoginPage'));
const TotpSetupPage = lazy(() => import('../pages/totp-setup/TotpSetupPage'));

/** A render error or a chunk that failed to load (e.g. after a redeploy): offer a reload. */
function RouteError() {
  const error = useRouteError();
  const t = useT();
  return (
    <Result
      status="error"
      title={t.errors.loadFailed}
      subTitle={error instanceof Error ? error.message : undefined}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t.common.retry}
        </Button>
      }
    />
  );
}

export const router = createBrowserRouter([
  {
    path: 'dang-nhap',
    element: (
      <Suspense fallback={<SessionCheck />}>
        <LoginPage />
      </Suspense>
    ),
    errorElement: <RouteError />,
  },
  // Outside the app's layout: an administrator held here may not load what the layout shows.
  {
    path: 'xac-thuc-hai-buoc',
    element: (
      <RequireAuth>
        <Suspense fallback={<SessionCheck />}>
          <TotpSetupPage />
        </Suspense>
      </RequireAuth>
    ),
    errorElement: <RouteError />,
  },
  {
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <Landing /> },
          { path: 'plans/:planId', element: <PlanTreePage /> },
          { path: 'plans/:planId/tasks', element: <TaskTablePage /> },
          { path: 'plans/:planId/items/new', element: <ItemFormPage /> },
          { path: 'items/:itemId', element: <ItemDetailPage /> },
          { path: 'items/:itemId/edit', element: <ItemFormPage /> },
          { path: 'org-units', element: <OrgUnitsPage /> },
          { path: 'nguoi-dung', element: <UsersPage /> },
          { path: 'nhat-ky', element: <AuditPage /> },
          { path: 'chi-tieu', element: <IndicatorsPage /> },
          { path: 'chi-tieu/:id', element: <IndicatorPage /> },
          { path: 'nhap-so-lieu', element: <DataEntryPage /> },
          { path: 'viec-cua-toi', element: <InboxPage /> },
          { path: 'bao-cao/:id', element: <ReportPage /> },
          { path: 'dot-bao-cao', element: <RoundsPage /> },
          { path: 'dot-bao-cao/:id', element: <RoundPage /> },
          { path: 'dot-bao-cao/don-vi/:orgUnitId', element: <ReportHistoryPage /> },
          { path: 'tu-dong-nghia', element: <SearchSynonymsPage /> },
          { path: 'doi-mat-khau', element: <ChangePasswordPage /> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
