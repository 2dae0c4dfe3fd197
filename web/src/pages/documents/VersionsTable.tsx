import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Space, Table } from 'antd';
import type { TDocument, TDocumentVersion } from '../../../../common/contracts/documents';
import { documentFiles } from '../../api/documents';
import { useT } from '../../i18n';
import { formatDate, formatDateTime } from '../../lib/format';

/** The issued versions, newest first, each with the stored .docx, PDF and annexes. */
export function VersionsTable({ document }: { document: TDocument }) {
  const d = useT().documents;
  const numberOf = (v: TDocumentVersion) =>
    document.header.style === 'party' ? `${v.number}-${v.symbol}` : `${v.number}/${v.symbol}`;
  return (
    <Card size="small" title={d.versions} data-testid="document-versions">
      <Table<TDocumentVersion>
        size="small"
        rowKey="no"
        pagination={false}
        dataSource={document.versions}
        scroll={{ x: true }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={d.versionsEmpty} /> }}
        columns={[
          { key: 'no', title: d.versionNo, dataIndex: 'no', width: 80 },
          { key: 'number', title: d.versionNumber, render: (_, v) => numberOf(v) },
          { key: 'date', title: d.versionDate, render: (_, v) => formatDate(v.issuedOn) },
          {
            key: 'signer',
            title: d.versionSigner,
            render: (_, v) => [v.signer.authority, v.signer.title, v.signer.name].filter(Boolean).join(' · '),
          },
          {
            key: 'by',
            title: d.versionIssuedBy,
            render: (_, v) => `${v.issuedBy ?? ''} ${formatDateTime(v.issuedAt)}`.trim(),
          },
          {
            key: 'files',
            title: '',
            render: (_, v) => (
              <Space size={4} wrap>
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  href={documentFiles.versionDocx(document.id, v.no)}
                  download
                  data-testid="version-docx"
                >
                  .docx
                </Button>
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  href={documentFiles.versionPdf(document.id, v.no)}
                  download
                  data-testid="version-pdf"
                >
                  .pdf
                </Button>
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  href={documentFiles.versionAnnexes(document.id, v.no)}
                  download
                >
                  .xlsx
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
