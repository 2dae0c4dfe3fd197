import { RightOutlined } from '@ant-design/icons';
import { Empty, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import type { TInbox, TInboxItem } from '../../../../common/contracts/inbox';
import { useInbox } from '../../api/inbox';
import { PageLoading, QueryError } from '../../components/Feedback';
import { LinkButton } from '../../components/LinkButton';
import { useLocale, useT } from '../../i18n';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { periodText } from '../data-entry/periods';
import { ReportStatusTag, TimelinessTag } from '../report/tags';
import './inbox.css';

type InboxList = keyof TInbox;
const LISTS: readonly InboxList[] = ['toFill', 'returned', 'toApprove', 'toReview'];

function isList(value: string | null): value is InboxList {
  return (LISTS as readonly (string | null)[]).includes(value);
}

function InboxRow({ item }: { item: TInboxItem }) {
  const t = useT();
  const { lang } = useLocale();
  return (
    <li>
      <Link
        to={`/bao-cao/${item.reportId}`}
        className="lt-inbox-row"
        data-testid="inbox-item"
        data-report={item.reportId}
      >
        <div className="lt-inbox-main">
          <div className="lt-inbox-unit">{item.orgUnit.name}</div>
          <div className="lt-inbox-round">
            {item.round.title}
            <span className="lt-inbox-period"> · {periodText(item.round.period, lang)}</span>
          </div>
          <div className="lt-inbox-meta">
            <span className="lt-nowrap">{t.inbox.due(formatDate(item.dueDate))}</span>
            <TimelinessTag timeliness={item.timeliness} daysLate={item.daysLate} dueDate={item.dueDate} />
            <ReportStatusTag status={item.status} />
            <span className="lt-hint lt-nowrap">{t.inbox.updated(formatDateTime(item.updatedAt))}</span>
          </div>
        </div>
        <RightOutlined className="lt-inbox-chevron" aria-hidden />
      </Link>
    </li>
  );
}

/** `/viec-cua-toi`: what waits for the user — to fill in, returned, to approve, to review. */
export default function InboxPage() {
  const t = useT();
  const inbox = useInbox();
  const [params, setParams] = useSearchParams();
  useDocumentTitle(t.inbox.title);

  if (inbox.error && !inbox.data)
    return <QueryError error={inbox.error} onRetry={() => void inbox.refetch()} />;
  if (!inbox.data) return <PageLoading />;
  const data = inbox.data;
  const asked = params.get('tab');
  // by default the first list with something in it
  const active: InboxList = isList(asked) ? asked : (LISTS.find((l) => data[l].length > 0) ?? 'toFill');

  return (
    <div className="lt-page lt-inbox" data-testid="inbox-page">
      <div className="lt-page-head">
        <div>
          <Typography.Title level={4} className="lt-page-title">
            {t.inbox.title}
          </Typography.Title>
          <Typography.Text type="secondary" className="lt-page-subtitle">
            {t.inbox.lead}
          </Typography.Text>
        </div>
        <LinkButton to="/dot-bao-cao">{t.inbox.allRounds}</LinkButton>
      </div>
      <div className="lt-inbox-tabs" role="tablist" aria-label={t.inbox.title}>
        {LISTS.map((list) => {
          const count = data[list].length;
          return (
            <button
              key={list}
              type="button"
              role="tab"
              id={`lt-inbox-tab-${list}`}
              aria-selected={active === list}
              aria-controls="lt-inbox-panel"
              className={`lt-inbox-tab lt-inbox-tab-${list}${count > 0 ? ' lt-inbox-tab-busy' : ''}`}
              onClick={() => setParams({ tab: list }, { replace: true })}
              data-testid={`inbox-tab-${list}`}
              data-count={count}
            >
              <span className="lt-inbox-tab-count">{formatNumber(count)}</span>
              <span className="lt-inbox-tab-label">{t.inbox.tabs[list]}</span>
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id="lt-inbox-panel" aria-labelledby={`lt-inbox-tab-${active}`}>
        {data[active].length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.inbox.empty[active]} />
        ) : (
          <ul className="lt-inbox-list" data-testid={`inbox-list-${active}`}>
            {data[active].map((item) => (
              <InboxRow key={item.reportId} item={item} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
