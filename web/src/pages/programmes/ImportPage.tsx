import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Segmented, Space, Steps, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  CATALOGUE_SHEETS,
  type CatalogueSheet,
  type TCatalogueImportIssue,
  type TCatalogueImportPreview,
} from '../../../../common/contracts/programmes';
import { isApiError } from '../../api/client';
import { useAuth } from '../../auth/auth-context';
import { Forbidden, ProblemAlert } from '../../components/Feedback';
import { FileDropZone } from '../../components/FileDropZone';
import { useT } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { previewImport, templateUrl, useImport } from './api';

const ACCEPT = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * `/chuong-trinh/nhap-tu-excel`: pick the list, download its template, drop the filled file → the
 * server's check (errors and warnings by row and column, nothing written) → import, all rows or none.
 */
export default function ProgrammeImportPage() {
  const t = useT();
  const m = t.programmes;
  const { can } = useAuth();
  const { message } = App.useApp();
  const [kind, setKind] = useState<CatalogueSheet>('programmes');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<TCatalogueImportPreview | null>(null);
  const [reading, setReading] = useState(false);
  const [problem, setProblem] = useState<Parameters<typeof ProblemAlert>[0]['problem'] | null>(null);
  const [done, setDone] = useState<TCatalogueImportPreview | null>(null);
  const run = useImport();
  useDocumentTitle(m.importTitle);
  if (!can('programmes.manage')) return <Forbidden />;

  const reset = () => {
    setFile(null);
    setPreview(null);
    setProblem(null);
    setDone(null);
  };
  const choose = async (chosen: File) => {
    reset();
    setFile(chosen);
    setReading(true);
    try {
      setPreview(await previewImport(kind, chosen));
    } catch (error) {
      if (!isApiError(error)) throw error;
      setProblem(error.problem);
    } finally {
      setReading(false);
    }
  };
  const commit = async () => {
    if (!file) return;
    try {
      const result = await run.mutateAsync({ kind, file });
      setDone(result);
      void message.success(m.imported);
    } catch (error) {
      if (!isApiError(error)) throw error;
      // 422: the rows changed meaning since the preview (another edit); show the new findings
      if (error.status === 422) setPreview(await previewImport(kind, file));
      else setProblem(error.problem);
    }
  };
  const counts = (p: TCatalogueImportPreview) => p.counts[kind];
  const errors = preview?.issues.filter((i) => i.severity === 'error').length ?? 0;
  const step = done ? 2 : preview ? 1 : 0;

  return (
    <div className="lt-page" data-testid="programme-import-page">
      <div className="lt-page-head">
        <Typography.Title level={4} className="lt-page-title">
          {m.importTitle}
        </Typography.Title>
        <Link to="/chuong-trinh">{m.backToList}</Link>
      </div>
      <Steps
        current={step}
        style={{ marginBottom: 16 }}
        items={[{ title: m.stepFile }, { title: m.stepCheck }, { title: m.stepDone }]}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Segmented<CatalogueSheet>
              value={kind}
              onChange={(v) => {
                setKind(v);
                reset();
              }}
              options={CATALOGUE_SHEETS.map((k) => ({ value: k, label: m.sheet[k] }))}
              data-testid="import-kind"
            />
            <Button icon={<DownloadOutlined />} href={templateUrl(kind)} data-testid="import-template">
              {m.template}
            </Button>
          </Space>
          <FileDropZone
            accept={ACCEPT}
            onChoose={(f) => void choose(f)}
            disabled={reading || run.isPending}
            title={m.dropTitle}
            hint={m.dropHint}
            testId="import-drop"
          />
        </Space>
      </Card>
      {problem ? <ProblemAlert problem={problem} title={m.readFailed} /> : null}
      {done ? (
        <Alert
          type="success"
          showIcon
          data-testid="import-done"
          title={m.importDone(counts(done).create, counts(done).update)}
          action={
            <Link to={`/chuong-trinh${kind === 'policies' ? '?tab=policies' : ''}`}>{m.backToList}</Link>
          }
        />
      ) : preview ? (
        <Card
          size="small"
          title={file?.name}
          data-testid="import-preview"
          extra={
            <Button
              type="primary"
              disabled={!preview.ok}
              loading={run.isPending}
              onClick={() => void commit()}
              data-testid="import-commit"
            >
              {m.importRows(counts(preview).create + counts(preview).update)}
            </Button>
          }
        >
          <Typography.Paragraph>
            {m.previewSummary(counts(preview).create, counts(preview).update)}{' '}
            {errors > 0 ? <Tag color="red">{m.errorCount(formatNumber(errors))}</Tag> : null}
          </Typography.Paragraph>
          {preview.issues.length > 0 ? (
            <Table<TCatalogueImportIssue>
              size="small"
              rowKey={(i) => `${i.row}-${i.column}-${i.message}`}
              dataSource={preview.issues}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              data-testid="import-issues"
              columns={[
                {
                  key: 'severity',
                  title: m.severity,
                  width: 100,
                  render: (_, i) =>
                    i.severity === 'error' ? (
                      <Tag color="red">{m.error}</Tag>
                    ) : (
                      <Tag color="gold">{m.warning}</Tag>
                    ),
                },
                { key: 'row', title: m.row, width: 70, render: (_, i) => i.row ?? '—' },
                { key: 'column', title: m.column, width: 200, render: (_, i) => i.column ?? '—' },
                { key: 'message', title: m.message, dataIndex: 'message' },
              ]}
            />
          ) : (
            <Alert type="success" showIcon title={m.noIssues} />
          )}
        </Card>
      ) : null}
    </div>
  );
}
