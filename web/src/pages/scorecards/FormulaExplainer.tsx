import { Alert, Collapse, Table, Typography } from 'antd';
import {
  SCORECARD_COMPONENTS,
  type ScorecardComponentKey,
  type TScorecardFormula,
} from '../../../../common/contracts/scorecards';
import { useT } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';

/** Published (with who, when, which version) or a live preview: always said above the scores. */
export function StatusNote({
  status,
  publication,
  formulaVersion,
}: {
  status: 'published' | 'preview';
  publication: { publishedAt: string; publishedBy: string | null; formulaVersion: number } | null;
  formulaVersion: number;
}) {
  const s = useT().scorecards;
  return status === 'published' && publication ? (
    <Alert
      type="success"
      showIcon
      data-testid="scorecard-status"
      data-status="published"
      title={s.published}
      description={s.publishedHint(
        formatDate(publication.publishedAt),
        publication.publishedBy,
        publication.formulaVersion,
      )}
    />
  ) : (
    <Alert
      type="info"
      showIcon
      data-testid="scorecard-status"
      data-status="preview"
      title={s.preview}
      description={s.previewHint(formulaVersion)}
    />
  );
}

/** The formula in plain words: the weights of the version that made the scores, and each rule. */
export function FormulaExplainer({
  formula,
  defaultOpen,
}: {
  formula: TScorecardFormula;
  defaultOpen?: boolean;
}) {
  const t = useT();
  const s = t.scorecards;
  const total = SCORECARD_COMPONENTS.reduce((sum, k) => sum + formula.weights[k], 0);
  return (
    <Collapse
      className="lt-scorecard-formula"
      defaultActiveKey={defaultOpen ? ['formula'] : []}
      items={[
        {
          key: 'formula',
          label: `${s.explainTitle} · ${s.formulaVersion(formula.version)}`,
          children: (
            <div data-testid="scorecard-formula" data-version={formula.version}>
              <Typography.Paragraph>{s.explain}</Typography.Paragraph>
              <Table<{ key: ScorecardComponentKey }>
                size="small"
                pagination={false}
                rowKey="key"
                dataSource={SCORECARD_COMPONENTS.map((key) => ({ key }))}
                columns={[
                  {
                    title: s.explainTitle,
                    key: 'rule',
                    render: (_, { key }) => (
                      <>
                        <strong>{s.components[key]}</strong>
                        <div className="lt-scorecard-hint">{s.componentRules[key]}</div>
                      </>
                    ),
                  },
                  {
                    title: s.weight,
                    key: 'weight',
                    align: 'right',
                    width: 110,
                    render: (_, { key }) => (
                      <span data-testid={`weight-${key}`}>
                        {formatNumber(formula.weights[key])}
                        {total > 0
                          ? ` (${formatNumber(Math.round((1000 * formula.weights[key]) / total) / 10)}%)`
                          : ''}
                      </span>
                    ),
                  },
                ]}
              />
              {formula.note ? (
                <Typography.Paragraph type="secondary">{formula.note}</Typography.Paragraph>
              ) : null}
            </div>
          ),
        },
      ]}
    />
  );
}
