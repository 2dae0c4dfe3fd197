import {
  EditOutlined,
  FileWordOutlined,
  LeftOutlined,
  ReloadOutlined,
  TagsOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Empty, Popconfirm, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { TProblem } from '../../../../common';
import type { TSynthesisSection } from '../../../../common/contracts/synthesis';
import { isApiError } from '../../api/client';
import { useCreateDocument } from '../../api/documents';
import { useGenerateSynthesis, useRoundSynthesis } from '../../api/synthesis';
import { PageLoading, ProblemAlert, QueryError } from '../../components/Feedback';
import { LinkButton } from '../../components/LinkButton';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { Clusters } from './Clusters';
import { DraftEditor } from './DraftEditor';
import { Narrative } from './Narrative';
import { RiskFlags } from './RiskFlags';
import { Versions } from './Versions';
import './synthesis.css';

/**
 * `/dot-bao-cao/:id/tong-hop`: the round's synthesis — the narrative with each sentence's source
 * reports, its editor, the obstacle and proposal clusters, the risk flags and the versions — and the
 * step that puts it into the periodic report.
 */
export default function SynthesisPage() {
  const t = useT();
  const s = t.synthesis;
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const synthesis = useRoundSynthesis(id);
  const generate = useGenerateSynthesis(id);
  const createDocument = useCreateDocument();
  const [editing, setEditing] = useState<TSynthesisSection[] | null>(null);
  const [tab, setTab] = useState('draft');
  const [reword, setReword] = useState(false);
  const [problem, setProblem] = useState<TProblem | null>(null);
  useDocumentTitle(synthesis.data ? `${s.title} — ${synthesis.data.round.title}` : s.title);

  if (synthesis.error && !synthesis.data)
    return <QueryError error={synthesis.error} onRetry={() => void synthesis.refetch()} />;
  if (!synthesis.data) return <PageLoading />;
  const data = synthesis.data;
  const draft = data.draft;

  const run = async (action: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await action();
    } catch (error) {
      if (isApiError(error)) setProblem(error.problem);
      else throw error;
    }
  };
  const draftAgain = () =>
    run(async () => {
      await generate.mutateAsync({ version: draft?.version ?? null, reword });
      setEditing(null);
    });
  const insert = () =>
    run(async () => {
      const document = await createDocument.mutateAsync({ roundId: id });
      void message.success(s.insert);
      void navigate(`/van-ban/${document.id}`);
    });

  const generateButton = draft ? (
    <Popconfirm title={s.regenerateConfirm} onConfirm={() => void draftAgain()}>
      <Button icon={<ReloadOutlined />} loading={generate.isPending} data-testid="synthesis-generate">
        {s.regenerate}
      </Button>
    </Popconfirm>
  ) : (
    <Button
      type="primary"
      icon={<ReloadOutlined />}
      loading={generate.isPending}
      onClick={() => void draftAgain()}
      data-testid="synthesis-generate"
    >
      {s.generate}
    </Button>
  );

  const draftTab = !draft ? (
    <Empty description={s.empty}>{generateButton}</Empty>
  ) : editing ? (
    <DraftEditor key={draft.version} synthesis={data} initial={editing} onDone={() => setEditing(null)} />
  ) : (
    <>
      <Button
        icon={<EditOutlined />}
        onClick={() => setEditing(draft.sections)}
        className="lt-synthesis-edit"
        data-testid="synthesis-edit"
      >
        {s.edit}
      </Button>
      <Narrative synthesis={data} />
    </>
  );

  return (
    <div className="lt-page" data-testid="synthesis-page">
      <LinkButton to={`/dot-bao-cao/${id}`} type="link" icon={<LeftOutlined />}>
        {s.back}
      </LinkButton>
      <Card size="small">
        <div className="lt-synthesis-header">
          <div>
            <Typography.Title level={4} className="lt-page-title">
              {s.title}
            </Typography.Title>
            <Typography.Text type="secondary">{data.round.title}</Typography.Text>
          </div>
          <Space wrap>
            {generateButton}
            {data.modelConfigured ? (
              <Checkbox checked={reword} onChange={(e) => setReword(e.target.checked)}>
                {s.reword}
              </Checkbox>
            ) : null}
            <Button
              icon={<FileWordOutlined />}
              disabled={!draft}
              title={s.insertHint}
              loading={createDocument.isPending}
              onClick={() => void insert()}
              data-testid="synthesis-insert"
            >
              {s.insert}
            </Button>
            <LinkButton to={`/tong-hop/tu-khoa?roundId=${id}`} icon={<TagsOutlined />}>
              {s.lexiconLink}
            </LinkButton>
          </Space>
        </div>
        <Typography.Paragraph type="secondary" className="lt-synthesis-lead">
          {s.lead}
        </Typography.Paragraph>
        <Space wrap size={[12, 4]} className="lt-row-meta">
          <span data-testid="synthesis-units">{s.units(data.reportingUnitCount, data.unitCount)}</span>
          {draft ? (
            <>
              <Tag color={draft.origin === 'edited' ? 'blue' : 'default'} data-testid="synthesis-version">
                {s.version(draft.version)} · {s.origin[draft.origin]}
              </Tag>
              <span>{s.updated(formatDateTime(draft.updatedAt), draft.updatedBy)}</span>
            </>
          ) : null}
        </Space>
        {draft?.model.asked ? (
          <Alert
            type={draft.model.rejected ? 'warning' : 'info'}
            showIcon
            title={s.modelNote(draft.model.accepted, draft.model.rejected)}
            description={draft.model.note}
          />
        ) : null}
        {data.stale ? <Alert type="warning" showIcon title={s.stale} data-testid="synthesis-stale" /> : null}
        {problem ? <ProblemAlert problem={problem} onClose={() => setProblem(null)} /> : null}
      </Card>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'draft', label: s.tabs.draft, children: draftTab },
          {
            key: 'obstacles',
            label: s.tabs.obstacles,
            children: <Clusters synthesis={data} kind="obstacle" />,
          },
          {
            key: 'proposals',
            label: s.tabs.proposals,
            children: <Clusters synthesis={data} kind="proposal" />,
          },
          {
            key: 'risks',
            label: s.tabs.risks,
            children: tab === 'risks' ? <RiskFlags roundId={id} /> : null,
          },
          {
            key: 'versions',
            label: s.tabs.versions,
            children:
              tab === 'versions' && draft ? (
                <Versions
                  roundId={id}
                  onReuse={(sections) => {
                    setEditing(sections);
                    setTab('draft');
                  }}
                />
              ) : null,
          },
        ]}
      />
    </div>
  );
}
