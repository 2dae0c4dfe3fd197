import { FileTextOutlined, LinkOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { TTrailEntry, TTrailStep } from '../../../../common/contracts/task-trail';
import { evidenceHref, useTaskTrail } from '../../api/task-trail';
import { PageLoading, QueryError } from '../../components/Feedback';
import { useLocale, useT } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { periodText } from '../data-entry/periods';
import { ReportStatusTag, TimelinessTag } from '../report/tags';
import './trail.css';

/** A file size as people read it: "34 KB", "1,2 MB". */
function fileSize(bytes: number, lang: string): string {
  const locale = lang === 'en' ? 'en-GB' : 'vi-VN';
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString(locale)} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
}

/** Entries shown before "show older": the latest rounds of a lead and its co-operators. */
const FIRST_ENTRIES = 6;

/** "Kết quả qua các kỳ báo cáo": each unit's entry for the task, newest round first. */
export function TrailSection({ itemId }: { itemId: string }) {
  const t = useT();
  const trail = useTaskTrail(itemId);
  const [showAll, setShowAll] = useState(false);
  const entries = trail.data?.entries ?? [];
  const shown = showAll ? entries : entries.slice(0, FIRST_ENTRIES);
  return (
    <Card
      size="small"
      title={t.drilldown.trail.title}
      extra={
        trail.data ? <span className="lt-trail-count">{t.drilldown.trail.count(entries.length)}</span> : null
      }
      data-testid="task-trail"
    >
      {trail.error ? (
        <QueryError error={trail.error} onRetry={() => void trail.refetch()} />
      ) : !trail.data ? (
        <PageLoading />
      ) : entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.drilldown.trail.empty} />
      ) : (
        <>
          <ol className="lt-trail">
            {shown.map((entry) => (
              <TrailEntry key={entry.reportId} entry={entry} />
            ))}
          </ol>
          {shown.length < entries.length ? (
            <Button type="link" onClick={() => setShowAll(true)} data-testid="trail-show-all">
              {t.drilldown.trail.showOlder(entries.length - shown.length)}
            </Button>
          ) : null}
        </>
      )}
    </Card>
  );
}

function TrailEntry({ entry }: { entry: TTrailEntry }) {
  const t = useT();
  const { lang } = useLocale();
  const f = t.reports.fields;
  const texts = [
    ['results', f.results, entry.results],
    ['obstacles', f.obstacles, entry.obstacles],
    ['proposals', f.proposals, entry.proposals],
  ] as const;
  const written = texts.filter(([, , value]) => value);
  return (
    <li
      className="lt-trail-entry"
      data-testid="trail-entry"
      data-report={entry.reportId}
      data-role={entry.role}
    >
      <div className="lt-trail-head">
        <Typography.Text strong className="lt-trail-period">
          {periodText(entry.round.period, lang)}
        </Typography.Text>
        <Link to={`/don-vi/${entry.orgUnit.id}`} className="lt-trail-unit">
          {entry.orgUnit.shortName ?? entry.orgUnit.name}
        </Link>
        <Tag className="lt-trail-role">{t.reports.role[entry.role]}</Tag>
      </div>
      <div className="lt-row-meta">
        <ReportStatusTag status={entry.status} />
        <TimelinessTag timeliness={entry.timeliness} dueDate={entry.dueDate} />
        <span className="lt-trail-progress">
          {entry.progress === null
            ? t.drilldown.trail.noProgress
            : t.drilldown.trail.progress(entry.progress)}
        </span>
        <Link to={`/bao-cao/${entry.reportId}`} className="lt-nowrap" data-testid="trail-report-link">
          <FileTextOutlined /> {t.drilldown.trail.openReport}
        </Link>
      </div>
      {written.length > 0 ? (
        <dl className="lt-trail-texts">
          {written.map(([key, label, value]) => (
            <div key={key} className={`lt-trail-text lt-trail-${key}`}>
              <dt>{label}</dt>
              <dd className="lt-prewrap">{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <Typography.Text type="secondary">{t.drilldown.trail.noContent}</Typography.Text>
      )}
      {entry.evidence.length > 0 ? (
        <div className="lt-trail-files">
          <span className="lt-trail-label">{t.drilldown.trail.evidence}</span>
          <ul>
            {entry.evidence.map((file) => (
              <li key={file.id}>
                <a
                  href={evidenceHref(entry.reportId, file.id)}
                  download={file.fileName}
                  aria-label={t.drilldown.trail.download(file.fileName)}
                  data-testid="trail-evidence"
                >
                  <PaperClipOutlined /> {file.fileName}
                </a>{' '}
                <span className="lt-trail-hint">
                  ({fileSize(file.size, lang)}
                  {file.forTask ? '' : `, ${t.drilldown.trail.wholeReport}`})
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {entry.links.length > 0 ? (
        <div className="lt-trail-files">
          <span className="lt-trail-label">{t.drilldown.trail.links}</span>
          <ul>
            {entry.links.map((href) => (
              <li key={href}>
                <a href={href} target="_blank" rel="noopener noreferrer">
                  <LinkOutlined /> {href}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {entry.steps.length > 0 ? <TrailSteps steps={entry.steps} /> : null}
    </li>
  );
}

function TrailSteps({ steps }: { steps: TTrailStep[] }) {
  const t = useT();
  return (
    <ul className="lt-trail-steps" aria-label={t.drilldown.trail.steps}>
      {steps.map((step, index) => (
        <li
          // steps are appended, never reordered
          // biome-ignore lint/suspicious/noArrayIndexKey: a step has no id of its own
          key={index}
          className={`lt-trail-step lt-trail-step-${step.action}`}
          data-action={step.action}
        >
          <span className="lt-trail-step-what">{t.drilldown.trail.step[step.action]}</span>{' '}
          <span className="lt-trail-hint">
            {t.drilldown.trail.by(step.by)} · {formatDateTime(step.at)}
          </span>
          {step.reason ? (
            <div className="lt-trail-reason" data-testid="trail-return-reason">
              {t.drilldown.trail.reason(step.reason)}
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
