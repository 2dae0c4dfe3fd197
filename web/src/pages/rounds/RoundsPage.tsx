import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Grid, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { type HTMLAttributes, type MouseEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { TRound } from '../../../../common/contracts/rounds';
import { useRounds } from '../../api/rounds';
import { useAuth } from '../../auth/auth-context';
import { QueryError } from '../../components/Feedback';
import { useLocale, useT } from '../../i18n';
import { formatDate } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { periodText } from '../data-entry/periods';
import { CompletenessBar, TimelinessCounts } from './Completeness';
import { OpenRoundModal } from './OpenRoundModal';
import './rounds.css';

const PAGE_SIZE = 20;

function RoundTags({ round }: { round: TRound }) {
  const t = useT();
  return (
    <>
      <Tag color={round.status === 'open' ? 'processing' : 'default'}>{t.rounds.status[round.status]}</Tag>
      {round.kind === 'ad_hoc' ? <Tag color="purple">{t.rounds.kind.ad_hoc}</Tag> : null}
    </>
  );
}

/** `/dot-bao-cao`: every round with how complete it is; the secretariat opens new ones here. */
export default function RoundsPage() {
  const t = useT();
  const { lang } = useLocale();
  const { can } = useAuth();
  const navigate = useNavigate();
  const narrow = Grid.useBreakpoint().md !== true;
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const rounds = useRounds({ page, pageSize: PAGE_SIZE });
  const [opening, setOpening] = useState(false);
  // the server decides; plans.manage is the secretariat's (and administrators') mark
  const canOpen = can('plans.manage');
  useDocumentTitle(t.rounds.title);

  const title = (round: TRound) => (
    <Link to={`/dot-bao-cao/${round.id}`} className="lt-task-link lt-round-title">
      {round.title}
    </Link>
  );
  const due = (round: TRound) => (
    <span className="lt-nowrap">
      {formatDate(round.dueDate)}
      <span className="lt-hint"> · {t.rounds.grace(round.graceDays)}</span>
    </span>
  );

  const columns: TableColumnsType<TRound> = narrow
    ? [
        {
          key: 'round',
          title: t.rounds.columns.round,
          render: (_, round) => (
            <div className="lt-round-cell">
              {title(round)}
              <div className="lt-row-meta">
                <span>{periodText(round.period, lang)}</span>
                <span>{t.rounds.due(formatDate(round.dueDate))}</span>
                <RoundTags round={round} />
              </div>
              <CompletenessBar completeness={round.completeness} />
              <TimelinessCounts completeness={round.completeness} />
            </div>
          ),
        },
      ]
    : [
        {
          key: 'round',
          title: t.rounds.columns.round,
          render: (_, round) => (
            <div>
              {title(round)}
              <div className="lt-row-meta">
                <RoundTags round={round} />
              </div>
            </div>
          ),
        },
        {
          key: 'period',
          title: t.rounds.columns.period,
          width: 140,
          render: (_, round) => periodText(round.period, lang),
        },
        { key: 'due', title: t.rounds.columns.dueDate, width: 190, render: (_, round) => due(round) },
        {
          key: 'progress',
          title: t.rounds.columns.progress,
          width: 260,
          render: (_, round) => <CompletenessBar completeness={round.completeness} />,
        },
        {
          key: 'timeliness',
          title: t.rounds.columns.timeliness,
          width: 250,
          render: (_, round) => <TimelinessCounts completeness={round.completeness} />,
        },
      ];

  return (
    <div className="lt-page" data-testid="rounds-page">
      <div className="lt-page-head">
        <Typography.Title level={4} className="lt-page-title">
          {t.rounds.title}
        </Typography.Title>
        <Space>
          <Typography.Text strong className="lt-total" data-testid="round-total">
            {rounds.data ? t.rounds.total(rounds.data.total) : null}
          </Typography.Text>
          {canOpen ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setOpening(true)}
              data-testid="round-open"
            >
              {t.rounds.open}
            </Button>
          ) : null}
        </Space>
      </div>
      {rounds.error ? <QueryError error={rounds.error} onRetry={() => void rounds.refetch()} /> : null}
      <div data-testid="round-table">
        <Table<TRound>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={rounds.data?.items ?? []}
          loading={rounds.isFetching}
          rowClassName="lt-row-clickable"
          onRow={(round) =>
            ({
              'data-period': round.period,
              onClick: (e: MouseEvent<HTMLElement>) => {
                if ((e.target as HTMLElement).closest('a, button')) return;
                navigate(`/dot-bao-cao/${round.id}`);
              },
            }) as HTMLAttributes<HTMLElement>
          }
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: rounds.data?.total ?? 0,
            hideOnSinglePage: true,
            simple: narrow,
            size: 'small',
            onChange: (next) => setParams(next === 1 ? {} : { page: String(next) }),
          }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.rounds.empty} /> }}
        />
      </div>
      {canOpen ? <OpenRoundModal open={opening} onClose={() => setOpening(false)} /> : null}
    </div>
  );
}
