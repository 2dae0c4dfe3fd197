import { DownloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Space, Spin, Switch, Typography } from 'antd';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type {
  AnnexColumn,
  TImportTargetInput,
  TPlanImportPreview,
} from '../../../../common/contracts/plan-import';
import { ApiError } from '../../api/client';
import { annexUrl, checkAnnexRows, previewAnnexFile, writeAnnexRows } from '../../api/plan-import';
import { planKeys, usePlan, usePlans } from '../../api/plans';
import { useAuth } from '../../auth/auth-context';
import { Forbidden } from '../../components/Feedback';
import { FileDropZone } from '../../components/FileDropZone';
import { useT } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { PAGE_SIZE, PreviewTable, rowAnchor } from './PreviewTable';
import { type NewPlanValues, TargetCard, type TargetKind } from './TargetCard';
import './plan-import.css';

type Phase =
  | { step: 'idle' }
  | { step: 'reading' }
  | { step: 'ready' }
  | { step: 'failed'; message: string; details: string[] };

const COUNT_KEYS = ['rows', 'groups', 'tasks', 'errors', 'warnings'] as const;
/** Stands for a header field still empty while the rows are checked again (the write needs the real one). */
const NOT_YET = '—';

/**
 * `/plans/nhap-tu-excel?planId=…`: an annex file → its rows read and checked (errors in place, row
 * by row) → corrected in the table or in the file → written into a new plan or a draft one → the
 * plan opens. `planId` is the plan the wizard was opened from: a draft is the default target.
 */
export default function PlanImportPage() {
  const t = useT();
  const m = t.planImport;
  const { can } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const fromPlanId = params.get('planId') ?? undefined;
  const fromPlan = usePlan(fromPlanId);
  const drafts = usePlans({ status: 'draft', pageSize: 100 });
  const [form] = Form.useForm<NewPlanValues>();
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [preview, setPreview] = useState<TPlanImportPreview | null>(null);
  const [checking, setChecking] = useState(false);
  const [committing, setCommitting] = useState(false);
  const [kind, setKind] = useState<TargetKind>('new');
  const [draftId, setDraftId] = useState<string | undefined>();
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [page, setPage] = useState(1);
  const [highlighted, setHighlighted] = useState<number | null>(null);
  const abort = useRef<AbortController | null>(null);
  const filterId = useId();
  // the new plan's header as typed (the form's own store is empty until the form is on screen)
  const planValues = useRef<Partial<NewPlanValues>>({});
  const [formKey, setFormKey] = useState(0);
  const recheckTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useDocumentTitle(m.title);

  // opened from a draft plan: the rows go there unless the user chooses otherwise
  useEffect(() => {
    if (fromPlan.data?.status === 'draft' && !fromPlan.data.archived) {
      setKind('existing');
      setDraftId(fromPlan.data.id);
    }
  }, [fromPlan.data]);
  useEffect(
    () => () => {
      abort.current?.abort();
      clearTimeout(recheckTimer.current);
    },
    [],
  );

  const rows = useMemo(
    () => (preview ? (onlyProblems ? preview.rows.filter((r) => r.issues.length > 0) : preview.rows) : []),
    [preview, onlyProblems],
  );
  const errorRows = useMemo(
    () => (preview?.rows ?? []).filter((r) => r.issues.some((i) => i.severity === 'error')).map((r) => r.row),
    [preview],
  );

  if (!can('plans.manage')) return <Forbidden />;

  /** The target as the rows are checked against it: header fields not filled yet are stood in for. */
  function targetFor(forWrite: boolean): TImportTargetInput | null {
    if (kind === 'existing') return draftId ? { kind: 'existing', planId: draftId } : null;
    const v = planValues.current;
    const start = v.horizonStartYear ?? preview?.hints.horizonStartYear ?? new Date().getFullYear();
    const end = v.horizonEndYear ?? preview?.hints.horizonEndYear ?? start;
    const text = (value: string | undefined) => value?.trim() || (forWrite ? '' : NOT_YET);
    return {
      kind: 'new',
      plan: {
        number: text(v.number),
        title: text(v.title),
        issuingBody: text(v.issuingBody),
        issueDate: v.issueDate || null,
        horizonStartYear: start,
        horizonEndYear: Math.max(start, end),
      },
    };
  }

  async function choose(chosen: File) {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setFile(chosen);
    setPreview(null);
    setHighlighted(null);
    setPage(1);
    setPhase({ step: 'reading' });
    try {
      const result = await previewAnnexFile(
        chosen,
        kind === 'existing' ? draftId : undefined,
        controller.signal,
      );
      if (controller.signal.aborted) return;
      const h = result.hints;
      planValues.current = {
        number: h.number ?? '',
        title: h.title ?? '',
        issuingBody: h.issuingBody ?? '',
        issueDate: h.issueDate ?? '',
        horizonStartYear: h.horizonStartYear,
        horizonEndYear: h.horizonEndYear,
      };
      setFormKey((k) => k + 1);
      setPreview(result);
      setPhase({ step: 'ready' });
      // the header as filled in may add its own finding (a plan number already used)
      if (kind === 'new') scheduleRecheck(result, 0);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      const problem = error instanceof ApiError ? error.problem : null;
      setPhase({
        step: 'failed',
        message: problem?.detail ?? String(error),
        details: (problem?.errors ?? []).map((e) => e.message),
      });
    }
  }

  async function recheck(base: TPlanImportPreview) {
    const target = targetFor(false);
    if (!target) return;
    setChecking(true);
    try {
      const result = await checkAnnexRows({
        layout: base.layout,
        rows: base.rows.map((r) => ({ row: r.row, cells: r.cells })),
        target,
        fileName: file?.name ?? null,
      });
      setPreview({ ...result, hints: base.hints });
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : String(error));
    } finally {
      setChecking(false);
    }
  }

  function scheduleRecheck(base: TPlanImportPreview | null = preview, delay = 500) {
    clearTimeout(recheckTimer.current);
    if (!base) return;
    recheckTimer.current = setTimeout(() => void recheck(base), delay);
  }

  function edit(row: number, column: AnnexColumn, text: string) {
    if (!preview) return;
    const next = {
      ...preview,
      rows: preview.rows.map((r) => (r.row === row ? { ...r, cells: { ...r.cells, [column]: text } } : r)),
    };
    setPreview(next);
    void recheck(next);
  }

  function jumpTo(row: number) {
    const index = rows.findIndex((r) => r.row === row);
    if (index < 0) return;
    setPage(Math.floor(index / PAGE_SIZE) + 1);
    setHighlighted(row);
    setTimeout(() => {
      const target = document.getElementById(rowAnchor(row));
      target?.scrollIntoView({ block: 'center' });
      target?.focus();
    }, 50);
  }

  async function write() {
    if (!preview) return;
    if (kind === 'new') {
      try {
        await form.validateFields();
      } catch {
        return;
      }
    }
    const target = targetFor(true);
    if (!target) return;
    setCommitting(true);
    try {
      const result = await writeAnnexRows({
        layout: preview.layout,
        rows: preview.rows.map((r) => ({ row: r.row, cells: r.cells })),
        target,
        fileName: file?.name ?? null,
      });
      await queryClient.invalidateQueries({ queryKey: planKeys.all });
      message.success(m.committed(result.groups, result.tasks));
      navigate(`/plans/${result.planId}`);
    } catch (error) {
      // a 422 that carries the rows' findings (not a problem): show them
      if (error instanceof ApiError && error.status === 422 && error.code === 'internal')
        await recheck(preview);
      else message.error(error instanceof ApiError ? error.message : String(error));
    } finally {
      setCommitting(false);
    }
  }

  const busy = phase.step === 'reading' || checking || committing;
  const counts = preview?.counts;

  return (
    <div className="lt-page lt-pi" data-testid="plan-import-page">
      <div className="lt-page-head">
        <Typography.Title level={4} className="lt-page-title">
          {m.title}
        </Typography.Title>
        {fromPlanId ? <Link to={`/plans/${fromPlanId}`}>{m.back}</Link> : null}
      </div>
      <Typography.Paragraph>{m.lead}</Typography.Paragraph>

      <Card size="small" title={m.step1} className="lt-pi-card">
        <FileDropZone
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChoose={(chosen) => void choose(chosen)}
          disabled={busy}
          title={m.drop}
          hint={m.dropHint}
          testId="pi-file"
        />
        <Space wrap className="lt-pi-below">
          {file ? <Typography.Text data-testid="pi-file-name">{m.file(file.name)}</Typography.Text> : null}
          {fromPlanId ? (
            <Button icon={<DownloadOutlined />} href={annexUrl(fromPlanId)} data-testid="pi-export">
              {m.export}
            </Button>
          ) : null}
          {fromPlanId ? <Typography.Text type="secondary">{m.exportHint}</Typography.Text> : null}
        </Space>
        {phase.step === 'reading' ? (
          <div className="lt-pi-status" role="status">
            <Spin /> <span>{m.checking}</span>
          </div>
        ) : null}
        {phase.step === 'failed' ? (
          <Alert
            type="error"
            showIcon
            className="lt-pi-alert"
            title={m.failed}
            description={
              <>
                <div>{phase.message}</div>
                {phase.details.length > 1 ? (
                  <ul>
                    {phase.details.map((d) => (
                      <li key={d}>{d}</li>
                    ))}
                  </ul>
                ) : null}
              </>
            }
            data-testid="pi-failed"
          />
        ) : null}
      </Card>

      {preview && counts ? (
        <Card size="small" title={m.step2} className="lt-pi-card" data-testid="pi-preview">
          <dl className="lt-pi-counts">
            {COUNT_KEYS.map((key) => (
              <div key={key} className={key === 'errors' && counts.errors ? 'lt-pi-bad' : undefined}>
                <dt>{m.counts[key]}</dt>
                <dd data-testid={`pi-count-${key}`}>{formatNumber(counts[key])}</dd>
              </div>
            ))}
          </dl>
          {checking ? (
            <div className="lt-pi-status" role="status">
              <Spin size="small" /> <span>{m.rechecking}</span>
            </div>
          ) : null}
          {preview.issues.length ? (
            <Alert
              className="lt-pi-alert"
              type={preview.issues.some((i) => i.severity === 'error') ? 'error' : 'warning'}
              showIcon
              title={m.fileIssues}
              description={
                <ul>
                  {preview.issues.map((i) => (
                    <li key={i.message}>{i.message}</li>
                  ))}
                </ul>
              }
              data-testid="pi-file-issues"
            />
          ) : null}
          {errorRows.length ? (
            <nav className="lt-pi-jump" aria-label={m.errorRows} data-testid="pi-error-rows">
              <span>{m.errorRows}</span>
              {errorRows.slice(0, 40).map((row) => (
                <Button key={row} size="small" type="link" onClick={() => jumpTo(row)}>
                  {row}
                </Button>
              ))}
            </nav>
          ) : null}
          <div className="lt-pi-filter">
            <Switch
              id={filterId}
              size="small"
              checked={onlyProblems}
              onChange={(on) => {
                setOnlyProblems(on);
                setPage(1);
              }}
            />
            <label htmlFor={filterId}>{m.filter.problems}</label>
          </div>
          <PreviewTable
            layout={preview.layout}
            rows={rows}
            page={page}
            onPage={setPage}
            highlighted={highlighted}
            busy={busy}
            onEdit={edit}
          />
        </Card>
      ) : null}

      {preview ? (
        <Card size="small" title={m.step3} className="lt-pi-card">
          <TargetCard
            kind={kind}
            onKind={(next) => {
              setKind(next);
              if (next === 'existing' && !draftId) setDraftId(drafts.data?.items[0]?.id);
              scheduleRecheck(preview, 0);
            }}
            form={form}
            formKey={formKey}
            initial={planValues.current}
            onValues={(values) => {
              planValues.current = values;
              scheduleRecheck();
            }}
            drafts={drafts.data?.items ?? []}
            draftId={draftId}
            onDraft={(id) => {
              setDraftId(id);
              scheduleRecheck(preview, 0);
            }}
          />
          <Alert
            className="lt-pi-alert"
            type={preview.canCommit ? 'success' : 'warning'}
            showIcon
            title={preview.canCommit ? m.noErrors : m.hasErrors(preview.counts.errors)}
            data-testid="pi-status"
          />
          <Button
            type="primary"
            loading={committing}
            disabled={!preview.canCommit || busy || (kind === 'existing' && !draftId)}
            onClick={() => void write()}
            data-testid="pi-commit"
          >
            {m.commit}
          </Button>
        </Card>
      ) : null}
    </div>
  );
}
