import { Alert, Button } from 'antd';
import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject, useRouteError } from 'react-router';
import { SessionCheck } from '../auth/SessionCheck';
import { useT } from '../i18n';

/**
 * Every page is a chunk of its own, loaded by the router (`lazy`) — the sign-in page needs neither
 * the signed-in layout nor any other page. The router loads the chunks of all the routes an address
 * matches at once (layout and page side by side, not one after the other), and keeps the current
 * page on screen while the next one loads. The entry chunk holds only what every page needs:
 * React, the router, the query cache, the messages and antd's theme.
 */
type PageModule = Promise<{ default: ComponentType }>;
const page = (load: () => PageModule): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: (await load()).default }),
});

/**
 * A render error or a chunk that failed to load (e.g. after a redeploy): offer a reload. In the
 * entry chunk, hence an Alert (the sign-in form's) rather than antd's Result and its illustrations.
 */
function RouteError() {
  const error = useRouteError();
  const t = useT();
  return (
    <div className="lt-content" role="alert">
      <Alert
        type="error"
        showIcon
        title={t.errors.loadFailed}
        description={error instanceof Error ? error.message : undefined}
        action={
          <Button type="primary" onClick={() => window.location.reload()}>
            {t.common.retry}
          </Button>
        }
      />
    </div>
  );
}

/** Shown until the first page's chunks are in (the router renders nothing of a lazy route before). */
const loading = <SessionCheck />;

export const router = createBrowserRouter([
  {
    path: 'dang-nhap',
    ...page(() => import('../auth/LoginPage')),
    hydrateFallbackElement: loading,
    errorElement: <RouteError />,
  },
  // Outside the app's layout: an administrator held here may not load what the layout shows.
  {
    lazy: async () => ({ Component: (await import('./shell')).SignedInBare }),
    hydrateFallbackElement: loading,
    errorElement: <RouteError />,
    children: [
      { path: 'xac-thuc-hai-buoc', ...page(() => import('../pages/totp-setup/TotpSetupPage')) },
      // the operations centre's wall screen: no header, no menu
      { path: 'dieu-hanh/man-hinh', ...page(() => import('../pages/dashboard/WallPage')) },
    ],
  },
  {
    lazy: async () => ({ Component: (await import('./shell')).SignedInLayout }),
    hydrateFallbackElement: loading,
    errorElement: <RouteError />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          {
            index: true,
            lazy: async () => ({ Component: (await import('../pages/inbox/Landing')).Landing }),
          },
          { path: 'plans/nhap-tu-excel', ...page(() => import('../pages/plan-import/PlanImportPage')) },
          { path: 'plans/:planId', ...page(() => import('../pages/plan-tree/PlanTreePage')) },
          { path: 'plans/:planId/tasks', ...page(() => import('../pages/tasks/TaskTablePage')) },
          { path: 'plans/:planId/cai-dat', ...page(() => import('../pages/plan-settings/PlanSettingsPage')) },
          { path: 'plans/:planId/items/new', ...page(() => import('../pages/item-form/ItemFormPage')) },
          { path: 'items/:itemId', ...page(() => import('../pages/item-detail/ItemDetailPage')) },
          { path: 'items/:itemId/edit', ...page(() => import('../pages/item-form/ItemFormPage')) },
          { path: 'org-units', ...page(() => import('../pages/org-units/OrgUnitsPage')) },
          { path: 'nguoi-dung', ...page(() => import('../pages/users/UsersPage')) },
          { path: 'nhat-ky', ...page(() => import('../pages/audit/AuditPage')) },
          { path: 'dieu-hanh', ...page(() => import('../pages/dashboard/DashboardPage')) },
          { path: 'chi-tieu', ...page(() => import('../pages/indicators/IndicatorsPage')) },
          { path: 'chi-tieu/:id', ...page(() => import('../pages/indicators/IndicatorPage')) },
          { path: 'ban-do', ...page(() => import('../pages/map/MapPage')) },
          { path: 'nhap-so-lieu', ...page(() => import('../pages/data-entry/DataEntryPage')) },
          { path: 'nhap-so-lieu/tu-tep', ...page(() => import('../pages/data-import/DataImportPage')) },
          { path: 'viec-cua-toi', ...page(() => import('../pages/inbox/InboxPage')) },
          { path: 'bao-cao/:id', ...page(() => import('../pages/report/ReportPage')) },
          { path: 'dot-bao-cao', ...page(() => import('../pages/rounds/RoundsPage')) },
          { path: 'dot-bao-cao/:id', ...page(() => import('../pages/rounds/RoundPage')) },
          { path: 'van-ban/:id', ...page(() => import('../pages/documents/DocumentPage')) },
          { path: 'dot-bao-cao/:id/tong-hop', ...page(() => import('../pages/synthesis/SynthesisPage')) },
          { path: 'tong-hop/tu-khoa', ...page(() => import('../pages/synthesis/LexiconPage')) },
          { path: 'don-vi/:orgUnitId', ...page(() => import('../pages/unit-overview/UnitOverviewPage')) },
          {
            path: 'dot-bao-cao/don-vi/:orgUnitId',
            ...page(() => import('../pages/report-history/ReportHistoryPage')),
          },
          { path: 'tu-dong-nghia', ...page(() => import('../pages/search-synonyms/SearchSynonymsPage')) },
          { path: 'chuong-trinh', ...page(() => import('../pages/programmes/ProgrammesPage')) },
          { path: 'chuong-trinh/nhap-tu-excel', ...page(() => import('../pages/programmes/ImportPage')) },
          { path: 'bang-diem', ...page(() => import('../pages/scorecards/ScorecardsPage')) },
          { path: 'bang-diem/:orgUnitId', ...page(() => import('../pages/scorecards/ScorecardPage')) },
          { path: 'cong-bo', ...page(() => import('../pages/publishing/PublishingPage')) },
          { path: 'doi-mat-khau', ...page(() => import('../pages/change-password/ChangePasswordPage')) },
          {
            path: '*',
            lazy: async () => ({ Component: (await import('../components/Feedback')).NotFound }),
          },
        ],
      },
    ],
  },
]);
