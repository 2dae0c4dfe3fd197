import { DeleteOutlined, EyeOutlined, LeftOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Input, List, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { TProblem } from '../../../../common';
import type {
  TClusterSummary,
  TLexiconConcept,
  TLexiconPreview,
} from '../../../../common/contracts/synthesis';
import { isApiError } from '../../api/client';
import { useRounds } from '../../api/rounds';
import { useLexicon, usePreviewLexicon, useSaveLexicon } from '../../api/synthesis';
import { PageLoading, ProblemAlert, QueryError } from '../../components/Feedback';
import { LinkButton } from '../../components/LinkButton';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import './synthesis.css';

type ConceptRow = TLexiconConcept & { row: number };

function ClusterList({ title, clusters }: { title: string; clusters: TClusterSummary[] }) {
  const t = useT();
  return (
    <Card size="small" title={title}>
      <List
        size="small"
        dataSource={clusters}
        renderItem={(c) => (
          <List.Item>
            <div>
              <Tag>{t.synthesis.lexicon.kind[c.kind]}</Tag>
              <Typography.Text strong>{c.label}</Typography.Text>{' '}
              <Typography.Text type="secondary">
                {t.synthesis.clusterSize(c.size, c.unitCount)}
              </Typography.Text>
              {c.examples[0] ? <div className="lt-synthesis-meta">{c.examples[0]}</div> : null}
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** `/tong-hop/tu-khoa`: the themes the synthesis clusters by, edited and previewed on a round before saving. */
export default function LexiconPage() {
  const t = useT();
  const l = t.synthesis.lexicon;
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const lexicon = useLexicon();
  const rounds = useRounds({ page: 1, pageSize: 50 });
  const save = useSaveLexicon();
  const preview = usePreviewLexicon();
  const [rows, setRows] = useState<ConceptRow[] | null>(null);
  const [roundId, setRoundId] = useState<string | null>(params.get('roundId'));
  const [result, setResult] = useState<TLexiconPreview | null>(null);
  const [problem, setProblem] = useState<TProblem | null>(null);
  useDocumentTitle(l.title);

  useEffect(() => {
    if (lexicon.data && rows === null) setRows(lexicon.data.concepts.map((c, row) => ({ ...c, row })));
  }, [lexicon.data, rows]);
  useEffect(() => {
    if (!roundId && rounds.data?.items[0]) setRoundId(rounds.data.items[0].id);
  }, [roundId, rounds.data]);

  if (lexicon.error) return <QueryError error={lexicon.error} onRetry={() => void lexicon.refetch()} />;
  if (!lexicon.data || !rows) return <PageLoading />;
  const current = lexicon.data;
  const concepts = () => rows.map(({ key, label, terms }) => ({ key: key.trim(), label, terms }));
  const update = (row: number, patch: Partial<TLexiconConcept>) =>
    setRows((list) => list!.map((r) => (r.row === row ? { ...r, ...patch } : r)));

  const run = async (action: () => Promise<void>) => {
    setProblem(null);
    try {
      await action();
    } catch (error) {
      if (isApiError(error)) setProblem(error.problem);
      else throw error;
    }
  };

  return (
    <div className="lt-page" data-testid="lexicon-page">
      {params.get('roundId') ? (
        <LinkButton to={`/dot-bao-cao/${params.get('roundId')}/tong-hop`} type="link" icon={<LeftOutlined />}>
          {l.back}
        </LinkButton>
      ) : null}
      <Typography.Title level={4} className="lt-page-title">
        {l.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{l.lead}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" data-testid="lexicon-version">
        {current.version === 0
          ? l.defaultNote
          : l.version(current.version, formatDateTime(current.updatedAt), current.updatedBy)}
      </Typography.Paragraph>
      {problem ? <ProblemAlert problem={problem} onClose={() => setProblem(null)} /> : null}
      <Table<ConceptRow>
        size="small"
        rowKey="row"
        dataSource={rows}
        pagination={false}
        data-testid="lexicon-table"
        columns={[
          {
            key: 'key',
            title: l.key,
            width: 170,
            render: (_, r) => (
              <Input
                value={r.key}
                aria-label={`${l.key} ${r.row + 1}`}
                onChange={(e) => update(r.row, { key: e.target.value.toUpperCase() })}
              />
            ),
          },
          {
            key: 'label',
            title: l.label,
            width: 280,
            render: (_, r) => (
              <Input
                value={r.label}
                aria-label={`${l.label} ${r.row + 1}`}
                onChange={(e) => update(r.row, { label: e.target.value })}
              />
            ),
          },
          {
            key: 'terms',
            title: l.terms,
            render: (_, r) => (
              <Select
                mode="tags"
                value={r.terms}
                className="lt-lexicon-terms"
                style={{ width: '100%' }}
                placeholder={l.termsPlaceholder}
                aria-label={`${l.terms} ${r.label}`}
                open={false}
                onChange={(terms: string[]) => update(r.row, { terms })}
              />
            ),
          },
          {
            key: 'remove',
            title: '',
            width: 48,
            render: (_, r) => (
              <Button
                type="text"
                icon={<DeleteOutlined />}
                aria-label={l.remove}
                title={l.remove}
                onClick={() => setRows((list) => list!.filter((x) => x.row !== r.row))}
              />
            ),
          },
        ]}
      />
      <Space wrap className="lt-synthesis-editor-actions">
        <Button
          icon={<PlusOutlined />}
          onClick={() =>
            setRows((list) => [
              ...list!,
              { key: '', label: '', terms: [], row: Math.max(-1, ...list!.map((r) => r.row)) + 1 },
            ])
          }
        >
          {l.add}
        </Button>
        <Select
          value={roundId ?? undefined}
          onChange={setRoundId}
          style={{ minWidth: 280 }}
          aria-label={l.round}
          placeholder={l.round}
          options={(rounds.data?.items ?? []).map((r) => ({ value: r.id, label: r.title }))}
        />
        <Button
          icon={<EyeOutlined />}
          disabled={!roundId}
          loading={preview.isPending}
          data-testid="lexicon-preview"
          onClick={() =>
            void run(async () =>
              setResult(await preview.mutateAsync({ roundId: roundId!, concepts: concepts() })),
            )
          }
        >
          {l.preview}
        </Button>
        <Button
          type="primary"
          icon={<SaveOutlined />}
          loading={save.isPending}
          data-testid="lexicon-save"
          onClick={() =>
            void run(async () => {
              const saved = await save.mutateAsync({ version: current.version, concepts: concepts() });
              setRows(saved.concepts.map((c, row) => ({ ...c, row })));
              void message.success(l.saved);
            })
          }
        >
          {l.save}
        </Button>
      </Space>
      {result ? (
        <div data-testid="lexicon-preview-result">
          <Typography.Title level={5}>
            {l.changed(result.changedCount, result.sentenceCount)}
          </Typography.Title>
          {result.changed.length ? (
            <Table
              size="small"
              rowKey={(r) => r.text}
              dataSource={result.changed}
              pagination={false}
              columns={[
                {
                  key: 'text',
                  title: l.sentence,
                  render: (_, r) => (r.count > 1 ? `${r.text} (×${r.count})` : r.text),
                },
                { key: 'before', title: l.themesBefore, render: (_, r) => r.before.join(', ') || l.none },
                { key: 'after', title: l.themesAfter, render: (_, r) => r.after.join(', ') || l.none },
              ]}
            />
          ) : null}
          <Row gutter={[12, 12]} className="lt-synthesis-editor-actions">
            <Col xs={24} md={12}>
              <ClusterList title={l.before} clusters={result.before} />
            </Col>
            <Col xs={24} md={12}>
              <ClusterList title={l.after} clusters={result.after} />
            </Col>
          </Row>
        </div>
      ) : null}
    </div>
  );
}
