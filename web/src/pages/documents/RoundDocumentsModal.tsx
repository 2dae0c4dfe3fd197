import { DownloadOutlined, EditOutlined, FileAddOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Form, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { TProblem } from '../../../../common';
import type { DocumentHeaderStyle, TDocumentSummary } from '../../../../common/contracts/documents';
import { isApiError } from '../../api/client';
import { documentFiles, useCreateDocument, useRoundDocuments } from '../../api/documents';
import { useAuth } from '../../auth/auth-context';
import { ProblemAlert, QueryError } from '../../components/Feedback';
import { LinkButton } from '../../components/LinkButton';
import { OrgUnitSelect } from '../../components/OrgUnitSelect';
import { useT } from '../../i18n';
import { formatDate } from '../../lib/format';

const STYLES: DocumentHeaderStyle[] = ['state', 'party'];

function DocumentItem({ document }: { document: TDocumentSummary }) {
  const t = useT();
  const d = t.documents;
  const last = document.lastIssued;
  // the draft's three files, then the last issued version's two
  const downloads: [string, string][] = [
    [d.draftDocx, documentFiles.draftDocx(document.id)],
    [d.draftPdf, documentFiles.draftPdf(document.id)],
    [d.draftXlsx, documentFiles.draftAnnexes(document.id)],
  ];
  if (last) {
    downloads.push(
      [d.issuedDocx, documentFiles.versionDocx(document.id, document.issuedVersions)],
      [d.issuedPdf, documentFiles.versionPdf(document.id, document.issuedVersions)],
    );
  }
  return (
    <List.Item data-testid="round-document">
      <div className="lt-document-item">
        <Typography.Text strong>
          {document.orgUnit ? d.unitReport(document.orgUnit.name) : d.province}
        </Typography.Text>
        <div>{document.summary}</div>
        <Space wrap size={4}>
          <Tag>{d.styles[document.style]}</Tag>
          <Tag color={last ? 'green' : 'default'}>
            {last ? d.lastIssued(`${last.number}/${last.symbol}`, formatDate(last.issuedOn)) : d.notIssued}
          </Tag>
        </Space>
        <Space wrap size={4} className="lt-document-actions">
          <LinkButton to={`/van-ban/${document.id}`} size="small" type="primary" icon={<EditOutlined />}>
            {d.open}
          </LinkButton>
          {downloads.map(([label, href]) => (
            <Button key={href} size="small" icon={<DownloadOutlined />} href={href} download>
              {label}
            </Button>
          ))}
        </Space>
      </div>
    </List.Item>
  );
}

/** The round's report documents the reader may see, and a form to draft a new one. */
export default function RoundDocumentsModal({ roundId, onClose }: { roundId: string; onClose: () => void }) {
  const t = useT();
  const d = t.documents;
  const { can } = useAuth();
  const navigate = useNavigate();
  const documents = useRoundDocuments(roundId);
  const create = useCreateDocument();
  const [style, setStyle] = useState<DocumentHeaderStyle>('state');
  const [orgUnitId, setOrgUnitId] = useState<string | undefined>();
  const [problem, setProblem] = useState<TProblem | null>(null);

  const submit = async () => {
    setProblem(null);
    try {
      const created = await create.mutateAsync({ roundId, orgUnitId: orgUnitId ?? null, style });
      navigate(`/van-ban/${created.id}`);
    } catch (error) {
      if (isApiError(error)) setProblem(error.problem);
      else throw error;
    }
  };

  return (
    <Modal
      open
      title={d.modalTitle}
      onCancel={onClose}
      footer={null}
      width={720}
      data-testid="round-documents-modal"
    >
      <Alert type="info" showIcon title={d.modalLead} className="lt-document-lead" />
      {documents.error ? (
        <QueryError error={documents.error} onRetry={() => void documents.refetch()} />
      ) : null}
      <List
        loading={documents.isLoading}
        dataSource={documents.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={d.empty} /> }}
        renderItem={(document) => <DocumentItem document={document} />}
      />
      {can('documents.create') ? (
        <Form layout="vertical" className="lt-document-create" onFinish={() => void submit()}>
          <Form.Item label={d.style}>
            <Select<DocumentHeaderStyle>
              value={style}
              onChange={setStyle}
              options={STYLES.map((s) => ({ value: s, label: d.styles[s] }))}
              data-testid="document-style"
            />
          </Form.Item>
          <Form.Item label={d.createUnit}>
            <OrgUnitSelect
              value={orgUnitId}
              onChange={(value) => setOrgUnitId(typeof value === 'string' ? value : undefined)}
              data-testid="document-unit"
            />
          </Form.Item>
          {problem ? <ProblemAlert problem={problem} onClose={() => setProblem(null)} /> : null}
          <Button
            type="primary"
            htmlType="submit"
            icon={<FileAddOutlined />}
            loading={create.isPending}
            data-testid="document-create"
          >
            {d.create}
          </Button>
        </Form>
      ) : null}
    </Modal>
  );
}
