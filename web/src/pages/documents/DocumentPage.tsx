import { DownloadOutlined, LeftOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { TProblem } from '../../../../common';
import { isApiError } from '../../api/client';
import { documentFiles, useDocument, useUpdateDocument } from '../../api/documents';
import { PageLoading, ProblemAlert, QueryError } from '../../components/Feedback';
import { LinkButton } from '../../components/LinkButton';
import { useT } from '../../i18n';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useDraftState } from './draft-state';
import { HeaderFields } from './HeaderFields';
import { IssueDialog } from './IssueDialog';
import { SectionsEditor } from './SectionsEditor';
import { StructurePreview } from './StructurePreview';
import { VersionsTable } from './VersionsTable';
import './documents.css';

/** `/van-ban/:id`: a report draft — its header and section texts edited, its layout, issue, versions. */
export default function DocumentPage() {
  const t = useT();
  const d = t.documents;
  const { id } = useParams();
  const { message } = App.useApp();
  const document = useDocument(id);
  const update = useUpdateDocument(id ?? '');
  const { draft, dirty, setHeader, setSection } = useDraftState(document.data);
  const [problem, setProblem] = useState<TProblem | null>(null);
  useDocumentTitle(document.data?.header.summary ?? d.pageTitle);

  if (document.error && !document.data)
    return <QueryError error={document.error} onRetry={() => void document.refetch()} />;
  if (!document.data || !draft) return <PageLoading />;
  const doc = document.data;
  const editable = doc.actions.includes('edit');

  const save = async () => {
    setProblem(null);
    try {
      await update.mutateAsync({
        version: doc.version,
        header: { ...draft.header, recipients: draft.header.recipients.filter((r) => r.trim()) },
        sections: draft.sections,
      });
      void message.success(d.saved);
    } catch (error) {
      if (isApiError(error)) setProblem(error.problem);
      else throw error;
    }
  };

  const title = doc.data.orgUnit ? d.unitReport(doc.data.orgUnit.name) : d.province;
  return (
    <div className="lt-page" data-testid="document-page">
      <LinkButton to={`/dot-bao-cao/${doc.roundId}`} type="link" icon={<LeftOutlined />}>
        {d.back}
      </LinkButton>
      <div className="lt-document-toolbar">
        <div>
          <Typography.Title level={4} className="lt-page-title">
            {title}
          </Typography.Title>
          <Typography.Text type="secondary">
            {doc.data.round.title} · {doc.data.plan.number}
          </Typography.Text>{' '}
          {dirty ? <Tag color="warning">{d.unsaved}</Tag> : null}
        </div>
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            href={documentFiles.draftDocx(doc.id)}
            download
            data-testid="draft-docx"
          >
            {d.draftDocx}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            href={documentFiles.draftPdf(doc.id)}
            download
            data-testid="draft-pdf"
          >
            {d.draftPdf}
          </Button>
          <Button icon={<DownloadOutlined />} href={documentFiles.draftAnnexes(doc.id)} download>
            {d.draftXlsx}
          </Button>
          {editable ? (
            <Button
              icon={<SaveOutlined />}
              onClick={() => void save()}
              loading={update.isPending}
              disabled={!dirty}
              data-testid="document-save"
            >
              {d.save}
            </Button>
          ) : null}
          {doc.actions.includes('issue') ? (
            <IssueDialog document={doc} disabledReason={dirty ? d.saveFirst : null} />
          ) : null}
        </Space>
      </div>
      {problem ? (
        <ProblemAlert
          problem={problem}
          onClose={() => setProblem(null)}
          action={
            problem.code === 'version_conflict' ? (
              <Button size="small" onClick={() => void document.refetch()}>
                {d.reload}
              </Button>
            ) : undefined
          }
        />
      ) : null}
      {problem?.code === 'version_conflict' ? <Alert type="warning" showIcon title={d.conflict} /> : null}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size={12} className="lt-full-width">
            <HeaderFields header={draft.header} disabled={!editable} onChange={setHeader} />
            <SectionsEditor sections={draft.sections} disabled={!editable} onChange={setSection} />
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size={12} className="lt-full-width">
            <StructurePreview document={doc} header={draft.header} sections={draft.sections} />
            <VersionsTable document={doc} />
          </Space>
        </Col>
      </Row>
    </div>
  );
}
