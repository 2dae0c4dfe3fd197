import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Radio, Switch, Typography } from 'antd';
import { useEffect, useId, useState } from 'react';
import { useParams } from 'react-router';
import type { TPlan, TProblem } from '../../../../common';
import type { TUpdatePlanRequest, ValueEntryWindow } from '../../../../common/contracts/plans';
import { apiFetch, isApiError } from '../../api/client';
import { planKeys, usePlan } from '../../api/plans';
import { useRememberPlan } from '../../app/current-plan';
import { useAuth } from '../../auth/auth-context';
import { PageLoading, ProblemAlert, QueryError } from '../../components/Feedback';
import { LinkButton } from '../../components/LinkButton';
import { useT } from '../../i18n';
import { useDocumentTitle } from '../../lib/use-document-title';
import './plan-settings.css';

const WINDOWS: readonly ValueEntryWindow[] = ['open_rounds', 'any_past'];

/**
 * `/plans/:planId/cai-dat`: the plan's settings that had no screen — which periods units may enter
 * indicator values for (`valueEntryWindow`), and where a report the secretariat returned goes once
 * corrected (`resubmitSkipsHead`). Saved through PATCH /api/plans/:id with the version read; the
 * secretariat (plans.manage) changes them, everyone else reads them.
 */
export default function PlanSettingsPage() {
  const { planId } = useParams();
  const t = useT();
  const plan = usePlan(planId);
  useRememberPlan(planId);
  useDocumentTitle(t.planSettings.title);
  if (plan.error && !plan.data) return <QueryError error={plan.error} onRetry={() => void plan.refetch()} />;
  if (!plan.data) return <PageLoading />;
  return <SettingsForm key={plan.data.id} plan={plan.data} />;
}

function SettingsForm({ plan }: { plan: TPlan }) {
  const t = useT();
  const s = t.planSettings;
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const canEdit = useAuth().can('plans.manage');
  const [entryWindow, setEntryWindow] = useState<ValueEntryWindow>(plan.valueEntryWindow);
  const [skipsHead, setSkipsHead] = useState(plan.resubmitSkipsHead);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<TProblem | null>(null);
  const windowLabel = useId();
  const skipsLabel = useId();
  const skipsHint = useId();
  // the plan read again (after a save or a refetch): the form shows it
  useEffect(() => {
    setEntryWindow(plan.valueEntryWindow);
    setSkipsHead(plan.resubmitSkipsHead);
  }, [plan.valueEntryWindow, plan.resubmitSkipsHead]);
  const changed = entryWindow !== plan.valueEntryWindow || skipsHead !== plan.resubmitSkipsHead;

  const save = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const body: TUpdatePlanRequest = {
        version: plan.version,
        valueEntryWindow: entryWindow,
        resubmitSkipsHead: skipsHead,
      };
      const saved = await apiFetch<TPlan>(`/plans/${plan.id}`, { method: 'PATCH', body });
      queryClient.setQueryData(planKeys.detail(plan.id), saved);
      void queryClient.invalidateQueries({ queryKey: planKeys.all });
      void message.success(s.saved);
    } catch (error) {
      if (!isApiError(error)) throw error;
      setProblem(error.problem);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="lt-page lt-plan-settings" data-testid="plan-settings">
      <LinkButton to={`/plans/${plan.id}`} type="link" className="lt-plan-settings-back">
        {s.back}
      </LinkButton>
      <Typography.Title level={4} className="lt-page-title">
        {s.title}
      </Typography.Title>
      <Typography.Text type="secondary">{s.ofPlan(plan.number, plan.title)}</Typography.Text>
      {canEdit ? null : (
        <Alert type="info" showIcon title={s.readOnly} data-testid="plan-settings-readonly" />
      )}
      {problem ? (
        <ProblemAlert
          problem={problem}
          title={s.failed}
          onClose={() => setProblem(null)}
          action={
            problem.code === 'version_conflict' ? (
              <Button
                size="small"
                onClick={() =>
                  void queryClient
                    .invalidateQueries({ queryKey: planKeys.detail(plan.id) })
                    .then(() => setProblem(null))
                }
              >
                {s.reload}
              </Button>
            ) : undefined
          }
        />
      ) : null}
      <Card size="small" title={<span id={windowLabel}>{s.window.title}</span>}>
        <Typography.Paragraph type="secondary">{s.window.lead}</Typography.Paragraph>
        <Radio.Group
          value={entryWindow}
          onChange={(e) => setEntryWindow(e.target.value as ValueEntryWindow)}
          disabled={!canEdit}
          aria-labelledby={windowLabel}
          className="lt-plan-settings-options"
          data-testid="setting-value-entry-window"
        >
          {WINDOWS.map((w) => (
            <Radio key={w} value={w} data-testid={`window-${w}`}>
              <span className="lt-plan-settings-option">
                <b>{s.window.options[w]}</b>
                <span className="lt-hint">{s.window.explain[w]}</span>
              </span>
            </Radio>
          ))}
        </Radio.Group>
      </Card>
      <Card size="small" title={<span id={skipsLabel}>{s.resubmit.title}</span>}>
        <div className="lt-plan-settings-switch">
          <Switch
            checked={skipsHead}
            onChange={setSkipsHead}
            disabled={!canEdit}
            aria-labelledby={skipsLabel}
            aria-describedby={skipsHint}
            data-testid="setting-resubmit-skips-head"
          />
          <span id={skipsHint}>{skipsHead ? s.resubmit.on : s.resubmit.off}</span>
        </div>
      </Card>
      {canEdit ? (
        <div className="lt-plan-settings-actions">
          <Button
            type="primary"
            loading={busy}
            disabled={!changed}
            onClick={() => void save()}
            data-testid="plan-settings-save"
          >
            {s.save}
          </Button>
          {changed ? (
            <Button
              onClick={() => {
                setEntryWindow(plan.valueEntryWindow);
                setSkipsHead(plan.resubmitSkipsHead);
              }}
            >
              {t.common.cancel}
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
