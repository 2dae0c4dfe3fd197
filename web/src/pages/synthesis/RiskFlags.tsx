import { Collapse, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { RiskLevel, TRiskLink } from '../../../../common/contracts/synthesis';
import { useRoundRisks } from '../../api/synthesis';
import { QueryError } from '../../components/Feedback';
import { useT } from '../../i18n';
import { formatDate } from '../../lib/format';

const LEVEL_COLORS: Record<RiskLevel, string> = { high: 'red', medium: 'orange', low: 'default' };

const linkTo = (link: TRiskLink) =>
  link.kind === 'task'
    ? `/items/${link.id}`
    : link.kind === 'indicator'
      ? `/chi-tieu/${link.id}`
      : link.kind === 'report'
        ? `/bao-cao/${link.id}`
        : `/don-vi/${link.id}`;

/** The round's risk flags, highest first, each with its evidence and links; the rules above them. */
export function RiskFlags({ roundId }: { roundId: string }) {
  const t = useT();
  const r = t.synthesis.risks;
  const risks = useRoundRisks(roundId, true);
  if (risks.error) return <QueryError error={risks.error} onRetry={() => void risks.refetch()} />;
  if (!risks.data) return <Spin />;
  const data = risks.data;
  return (
    <div data-testid="synthesis-risks">
      <Collapse
        size="small"
        className="lt-synthesis-rules"
        items={[
          {
            key: 'rules',
            label: r.rules,
            children: (
              <ul>
                {data.rules.map((rule) => (
                  <li key={rule.rule}>
                    <strong>{r.rule[rule.rule]}:</strong> {rule.text}
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
      <Typography.Text type="secondary">
        {r.count(data.items.length)} · {r.asOf(formatDate(data.asOf))}
      </Typography.Text>
      <List
        dataSource={data.items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={r.empty} /> }}
        pagination={data.items.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
        renderItem={(flag) => (
          <List.Item data-testid="synthesis-risk" data-rule={flag.rule} data-level={flag.level}>
            <div>
              <Space wrap size={4}>
                <Tag color={LEVEL_COLORS[flag.level]}>{r.level[flag.level]}</Tag>
                <Tag>{r.rule[flag.rule]}</Tag>
                <Typography.Text strong>{flag.title}</Typography.Text>
              </Space>
              <ul className="lt-synthesis-evidence">
                {flag.evidence.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
              <Space wrap size={12}>
                {flag.links.map((link) => (
                  <Link key={`${link.kind}-${link.id}`} to={linkTo(link)}>
                    {link.label}
                  </Link>
                ))}
              </Space>
            </div>
          </List.Item>
        )}
      />
    </div>
  );
}
