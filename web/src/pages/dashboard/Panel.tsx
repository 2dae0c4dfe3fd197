import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { ReactNode } from 'react';
import type { DashboardTable, TDashboardQuery } from '../../../../common/contracts/dashboard';
import { exportUrl } from '../../api/dashboard';
import { useT } from '../../i18n';

/** A titled panel of the dashboard, with its downloads in the corner. */
export function Panel({
  id,
  title,
  subtitle,
  actions,
  children,
  className,
}: {
  id: string;
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section
      className={['lt-dash-panel', className].filter(Boolean).join(' ')}
      aria-labelledby={`${id}-title`}
      data-testid={`dashboard-${id}`}
    >
      <header className="lt-dash-panel-head">
        <div>
          <h2 id={`${id}-title`}>{title}</h2>
          {subtitle ? <div className="lt-dash-panel-sub">{subtitle}</div> : null}
        </div>
        {actions ? <div className="lt-dash-panel-actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}

/** The XLSX of a table, built by the server with the same filters and the reader's scope. */
export function XlsxButton({ query, table }: { query: TDashboardQuery; table: DashboardTable }) {
  const t = useT();
  return (
    <Button
      size="small"
      type="text"
      icon={<FileExcelOutlined />}
      href={exportUrl(query, table)}
      download
      aria-label={t.dashboard.exportXlsx}
      title={t.dashboard.exportXlsx}
      data-testid={`export-${table}`}
    />
  );
}

/** Saves a chart's PNG (ECharts getDataURL) under a file name. */
export function PngButton({ toPng, fileName }: { toPng: () => string | null; fileName: string }) {
  const t = useT();
  return (
    <Button
      size="small"
      type="text"
      icon={<DownloadOutlined />}
      aria-label={t.dashboard.exportPng}
      title={t.dashboard.exportPng}
      onClick={() => {
        const url = toPng();
        if (!url) return;
        const a = document.createElement('a');
        a.href = url;
        a.download = fileName;
        a.click();
      }}
    />
  );
}
