import { Collapse, Empty, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { TRoundSynthesis, TSourceSentence } from '../../../../common/contracts/synthesis';
import { useT } from '../../i18n';

/** The round's clusters of one kind, largest first, each opening on its sentences with their units. */
export function Clusters({ synthesis, kind }: { synthesis: TRoundSynthesis; kind: 'obstacle' | 'proposal' }) {
  const t = useT();
  const s = t.synthesis;
  const byId = new Map(synthesis.sentences.map((x) => [x.id, x]));
  const clusters = synthesis.clusters.filter((c) => c.kind === kind);
  if (!clusters.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={s.clustersEmpty} />;
  return (
    <Collapse
      data-testid={`synthesis-clusters-${kind}`}
      items={clusters.map((cluster, i) => {
        const representative = new Set(cluster.representativeIds);
        const members = cluster.ids
          .map((id) => byId.get(id))
          .filter((x): x is TSourceSentence => Boolean(x))
          .sort((a, b) => Number(representative.has(b.id)) - Number(representative.has(a.id)));
        return {
          key: String(i),
          label: (
            <span data-testid="synthesis-cluster">
              <Typography.Text strong>{cluster.label}</Typography.Text>{' '}
              <Typography.Text type="secondary">
                {s.clusterSize(cluster.ids.length, cluster.unitIds.length)}
              </Typography.Text>
            </span>
          ),
          children: (
            <List
              size="small"
              dataSource={members}
              renderItem={(sentence) => (
                <List.Item data-testid="synthesis-cluster-sentence">
                  <div>
                    <div>
                      {representative.has(sentence.id) ? <Tag color="blue">{s.representative}</Tag> : null}{' '}
                      {sentence.text}
                    </div>
                    <Typography.Text type="secondary" className="lt-synthesis-meta">
                      <Link to={`/bao-cao/${sentence.reportId}`}>{sentence.unit.name}</Link>
                      {' · '}
                      {sentence.task ? (
                        <Link to={`/items/${sentence.task.id}`}>
                          {s.task(sentence.task.code)} {sentence.task.title}
                        </Link>
                      ) : (
                        s.general
                      )}
                    </Typography.Text>
                  </div>
                </List.Item>
              )}
            />
          ),
        };
      })}
    />
  );
}
