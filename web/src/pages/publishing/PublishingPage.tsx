import { App, Button, Card, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  DATASET_INFO,
  type PublicationStatus,
  type TPublication,
  type TPublicationPreview,
} from '../../../../common/contracts/publishing';
import { useAuth } from '../../auth/auth-context';
import { Forbidden, QueryError } from '../../components/Feedback';
import { useT } from '../../i18n';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { usePublicationPreview, usePublications, usePublish, useWithdraw } from './api';
import { PublicFlags } from './PublicFlags';

const STATUS_COLOR: Record<PublicationStatus, string> = {
  current: 'green',
  superseded: 'default',
  withdrawn: 'red',
};

/** The preview: per dataset, what the new publication holds against the current one. */
function PreviewTable({ preview }: { preview: TPublicationPreview }) {
  const s = useT().publishing;
  return (
    <Table
      rowKey="dataset"
      size="small"
      pagination={false}
      scroll={{ x: 560 }}
      dataSource={preview.datasets}
      columns={[
        {
          title: s.dataset,
          dataIndex: 'dataset',
          render: (d: keyof typeof DATASET_INFO) => DATASET_INFO[d].title,
        },
        { title: s.currentCount, dataIndex: 'currentCount', align: 'right', render: formatNumber },
        { title: s.newCount, dataIndex: 'rowCount', align: 'right', render: formatNumber },
        { title: s.added, dataIndex: 'added', align: 'right', render: formatNumber },
        { title: s.removed, dataIndex: 'removed', align: 'right', render: formatNumber },
        { title: s.changed, dataIndex: 'changed', align: 'right', render: formatNumber },
      ]}
    />
  );
}

/** "Công bố dữ liệu công khai": the secretariat previews, publishes and withdraws the portal's snapshots. */
export default function PublishingPage() {
  const t = useT();
  const s = t.publishing;
  const { can } = useAuth();
  const { message } = App.useApp();
  const manage = can('publications.manage');
  const list = usePublications();
  const preview = usePublicationPreview();
  const publish = usePublish();
  const withdraw = useWithdraw();
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  useDocumentTitle(s.title);

  if (!manage) return <Forbidden />;
  if (list.error) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const submit = async () => {
    const created = await publish.mutateAsync(note.trim());
    setConfirming(false);
    setNote('');
    void message.success(s.published(created.number));
  };
  return (
    <div className="lt-page">
      <div className="lt-page-head">
        <Typography.Title level={4} className="lt-page-title">
          {s.title}
        </Typography.Title>
        <a href="/cong-khai" target="_blank" rel="noreferrer">
          {s.openSite}
        </a>
      </div>
      <Typography.Paragraph type="secondary">{s.lead}</Typography.Paragraph>
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Card
          title={s.previewTitle}
          extra={
            <Button
              type="primary"
              onClick={() => setConfirming(true)}
              disabled={!preview.data}
              data-testid="publish"
            >
              {s.publish}
            </Button>
          }
        >
          {preview.error ? (
            <QueryError error={preview.error} onRetry={() => void preview.refetch()} />
          ) : preview.data ? (
            <>
              <Typography.Paragraph>
                {preview.data.current ? s.againstCurrent(preview.data.current.number) : s.firstOne}
              </Typography.Paragraph>
              <PreviewTable preview={preview.data} />
            </>
          ) : (
            t.common.loading
          )}
        </Card>
        <Card title={s.listTitle}>
          <Table<TPublication>
            rowKey="id"
            size="small"
            loading={list.isLoading}
            dataSource={list.data?.items ?? []}
            pagination={false}
            scroll={{ x: 640 }}
            locale={{ emptyText: s.none }}
            columns={[
              { title: s.number, dataIndex: 'number', width: 70 },
              {
                title: s.status,
                dataIndex: 'status',
                render: (status: PublicationStatus) => (
                  <Tag color={STATUS_COLOR[status]}>{s.statuses[status]}</Tag>
                ),
              },
              { title: s.publishedAt, dataIndex: 'publishedAt', render: formatDateTime },
              { title: s.endedAt, dataIndex: 'endedAt', render: formatDateTime },
              {
                title: s.rows,
                dataIndex: 'datasets',
                render: (datasets: TPublication['datasets']) =>
                  formatNumber(datasets.reduce((sum, d) => sum + d.rowCount, 0)),
              },
              { title: s.note, dataIndex: 'note', render: (v: string | null) => v ?? '' },
              {
                title: '',
                key: 'actions',
                render: (_: unknown, p) =>
                  p.status === 'current' ? (
                    <Popconfirm
                      title={s.withdrawConfirm(p.number)}
                      okText={s.withdraw}
                      cancelText={t.common.cancel}
                      onConfirm={() => withdraw.mutateAsync(p.id).then(() => message.success(s.withdrawn))}
                    >
                      <Button danger size="small">
                        {s.withdraw}
                      </Button>
                    </Popconfirm>
                  ) : null,
              },
            ]}
          />
        </Card>
        <Card>
          <PublicFlags />
        </Card>
      </Space>
      <Modal
        open={confirming}
        title={s.confirmTitle}
        okText={s.publish}
        cancelText={t.common.cancel}
        onOk={() => void submit()}
        onCancel={() => setConfirming(false)}
        okButtonProps={{ loading: publish.isPending }}
        destroyOnHidden
      >
        <Typography.Paragraph>{s.confirmText}</Typography.Paragraph>
        <label htmlFor="publication-note">{s.note}</label>
        <Input.TextArea
          id="publication-note"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={500}
          rows={2}
        />
      </Modal>
    </div>
  );
}
