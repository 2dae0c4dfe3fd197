import { Alert, Button } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { TProblem } from '../../../common';
import { ApiError } from '../api/client';
import { useT } from '../i18n';
import './feedback.css';

/**
 * The spinner of app.css (the sign-in page's) rather than antd's Spin, and a plain status block
 * rather than antd's Result with its three SVG pictures: these show on every signed-in page, whose
 * first load on a commune's 4G they would weigh on (14 KB gzip, issue 10).
 */
export function PageLoading() {
  const t = useT();
  return (
    <div className="lt-page-loading" role="status" data-loading>
      <span className="lt-spinner" aria-hidden="true" />
      <span>{t.common.loading}</span>
    </div>
  );
}

/** antd's Result, drawn lighter: the status as a large number, title, text, the way out. */
function StatusResult({
  status,
  title,
  subTitle,
  extra,
  testId,
}: {
  status: '403' | '404';
  title: ReactNode;
  subTitle: ReactNode;
  extra: ReactNode;
  testId: string;
}) {
  return (
    <div className="lt-result" data-testid={testId}>
      <div className="lt-result-status" aria-hidden="true">
        {status}
      </div>
      <h1 className="lt-result-title">{title}</h1>
      <div className="lt-result-subtitle">{subTitle}</div>
      <div className="lt-result-extra">{extra}</div>
    </div>
  );
}

export function NotFound({ extra }: { extra?: ReactNode }) {
  const t = useT();
  return (
    <StatusResult
      status="404"
      testId="not-found"
      title={t.errors.notFoundTitle}
      subTitle={t.errors.notFoundText}
      extra={
        extra ?? (
          <Link to="/">
            <Button type="primary">{t.common.homePage}</Button>
          </Link>
        )
      }
    />
  );
}

/** 403: signed in, but this account may not see or do this (a page, not a crash). */
export function Forbidden({ detail }: { detail?: string }) {
  const t = useT();
  return (
    <StatusResult
      status="403"
      title={t.auth.forbiddenTitle}
      subTitle={detail ?? t.auth.forbiddenText}
      testId="forbidden"
      extra={
        <Link to="/">
          <Button type="primary">{t.common.homePage}</Button>
        </Link>
      }
    />
  );
}

/** A problem from the API, with field errors and blocking resources listed. */
export function ProblemAlert({
  problem,
  title,
  conflictHref,
  action,
  onClose,
}: {
  problem: TProblem;
  title?: ReactNode;
  conflictHref?: (id: string) => string;
  action?: ReactNode;
  onClose?: () => void;
}) {
  const t = useT();
  const conflicts = problem.conflicts ?? [];
  return (
    <Alert
      type={problem.status >= 500 || problem.status === 0 ? 'error' : 'warning'}
      showIcon
      data-testid="problem-alert"
      data-code={problem.code}
      title={title ?? problem.title}
      action={action}
      closable={onClose ? { onClose } : undefined}
      description={
        <div>
          {problem.detail && problem.detail !== (title ?? problem.title) ? <div>{problem.detail}</div> : null}
          {conflicts.length > 0 ? (
            <div className="lt-conflicts" data-testid="conflicts">
              <div>{t.errors.conflicts}</div>
              <ul>
                {conflicts.map((c) => (
                  <li key={c.id}>
                    {conflictHref ? (
                      <Link to={conflictHref(c.id)}>{[c.code, c.title].filter(Boolean).join(' ')}</Link>
                    ) : (
                      [c.code, c.title].filter(Boolean).join(' ')
                    )}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      }
    />
  );
}

/** 404, or an id in the address that is not even well-formed (400 on the path parameter). */
function isNotFound(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.status === 404) return true;
  const fields = error.problem.errors?.map((e) => e.field) ?? [];
  return (
    error.code === 'validation_failed' && fields.length > 0 && fields.every((f) => PATH_PARAMS.includes(f))
  );
}
const PATH_PARAMS = ['id', 'planId'];

/** A failed query: not found becomes the not-found page, anything else an alert with a retry button. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  if (isNotFound(error)) return <NotFound />;
  if (error instanceof ApiError && error.code === 'forbidden')
    return <Forbidden detail={error.problem.detail} />;
  const problem: TProblem =
    error instanceof ApiError
      ? error.problem
      : {
          type: 'about:blank',
          status: 0,
          code: 'internal',
          title: t.errors.loadFailed,
          detail: String(error),
        };
  return (
    <ProblemAlert
      problem={problem}
      title={t.errors.loadFailed}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t.common.retry}
          </Button>
        ) : undefined
      }
    />
  );
}
