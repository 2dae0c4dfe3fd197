import { Button, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { TSynthesisSection } from '../../../../common/contracts/synthesis';
import { useSynthesisVersion, useSynthesisVersions } from '../../api/synthesis';
import { QueryError } from '../../components/Feedback';
import { useT } from '../../i18n';
import { formatDateTime, formatNumber } from '../../lib/format';

/** Every text the draft has had; one can be read, or put back in the editor. */
export function Versions({
  roundId,
  onReuse,
}: {
  roundId: string;
  onReuse: (sections: TSynthesisSection[]) => void;
}) {
  const t = useT();
  const s = t.synthesis;
  const v = s.versions;
  const versions = useSynthesisVersions(roundId, true);
  const [shown, setShown] = useState<number | null>(null);
  const detail = useSynthesisVersion(roundId, shown);
  if (versions.error) return <QueryError error={versions.error} onRetry={() => void versions.refetch()} />;
  return (
    <>
      <Table
        size="small"
        rowKey="version"
        loading={versions.isFetching}
        dataSource={versions.data?.items ?? []}
        pagination={false}
        data-testid="synthesis-versions"
        columns={[
          { key: 'version', title: v.columns.version, dataIndex: 'version', width: 90 },
          { key: 'origin', title: v.columns.origin, render: (_, row) => s.origin[row.origin] },
          { key: 'at', title: v.columns.at, render: (_, row) => formatDateTime(row.createdAt) },
          { key: 'by', title: v.columns.by, render: (_, row) => row.createdBy ?? '' },
          {
            key: 'sentences',
            title: v.columns.sentences,
            align: 'right',
            render: (_, row) => formatNumber(row.sentenceCount),
          },
          {
            key: 'view',
            title: '',
            render: (_, row) => (
              <Button size="small" onClick={() => setShown(row.version)}>
                {v.view}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={shown !== null}
        onCancel={() => setShown(null)}
        title={shown !== null ? s.version(shown) : ''}
        width={760}
        footer={
          <Space>
            <Typography.Text type="secondary">{v.restoreHint}</Typography.Text>
            <Button
              type="primary"
              disabled={!detail.data}
              onClick={() => {
                if (detail.data) onReuse(detail.data.sections);
                setShown(null);
              }}
            >
              {v.restore}
            </Button>
          </Space>
        }
      >
        {detail.data?.sections.map((section) => (
          <section key={section.key} className="lt-synthesis-section">
            <Typography.Title level={5}>{section.title}</Typography.Title>
            {section.sentences.map((sentence, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: sentences have no id
              <p key={i}>{sentence.text}</p>
            ))}
          </section>
        ))}
      </Modal>
    </>
  );
}
