import { Card, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { TPlan } from '../../../common';
import { useT } from '../i18n';
import { formatDate, formatNumber } from '../lib/format';
import { countOf, STATUS_ORDER, STATUS_TAG_COLOR } from '../lib/status';
import { StatusBar } from './StatusSummary';

/** Number, title, issuing body, horizon and the status summary of a plan. */
export function PlanHeader({ plan }: { plan: TPlan }) {
  const t = useT();
  const done = countOf(plan.statusCounts, 'done') + countOf(plan.statusCounts, 'done_late');
  const pct = plan.taskCount > 0 ? Math.round((done / plan.taskCount) * 100) : 0;
  const meta = [
    plan.issuingBody,
    t.plan.number(plan.number),
    plan.issueDate ? t.plan.issuedOn(formatDate(plan.issueDate)) : null,
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <Card size="small" className="lt-plan-header" data-testid="plan-header">
      <Typography.Text type="secondary" className="lt-plan-meta">
        {meta}
      </Typography.Text>
      <Typography.Title level={4} className="lt-plan-title">
        {plan.title}
      </Typography.Title>
      <div className="lt-plan-tags">
        <Tag color={plan.status === 'active' ? 'processing' : 'default'}>{t.planStatus[plan.status]}</Tag>
        <Tag>{t.plan.horizon(plan.horizonStartYear, plan.horizonEndYear)}</Tag>
        {plan.parentDocument ? <Tag>{plan.parentDocument}</Tag> : null}
      </div>
      <section className="lt-plan-summary" aria-label={t.plan.statusSummary}>
        <div className="lt-plan-summary-line">
          <Typography.Text strong>{t.plan.taskCount(plan.taskCount)}</Typography.Text>
          <Typography.Text type="secondary">{t.plan.doneShare(`${formatNumber(pct)}%`)}</Typography.Text>
        </div>
        <StatusBar counts={plan.statusCounts} height={10} />
        <div className="lt-plan-status-tags" data-testid="plan-status-counts">
          {STATUS_ORDER.map((s) => (
            <Link key={s} to={`/plans/${plan.id}/tasks?status=${s}`} data-status={s}>
              <Tag color={STATUS_TAG_COLOR[s]} className="lt-count-tag">
                {t.status[s]}: <b>{formatNumber(countOf(plan.statusCounts, s))}</b>
              </Tag>
            </Link>
          ))}
        </div>
      </section>
    </Card>
  );
}
