import { Alert, App, type ButtonProps, DatePicker, Form, Modal, Segmented, Select, Typography } from 'antd';
import type dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { TProblem } from '../../../../common';
import { cutoffWindow, PERIOD_TYPES, type PeriodType } from '../../../../common/periods';
import { isApiError } from '../../api/client';
import { usePlans } from '../../api/plans';
import { useOpenRound, useRoundSchedules, useRounds } from '../../api/rounds';
import { useDefaultPlan } from '../../app/current-plan';
import { PageLoading, ProblemAlert } from '../../components/Feedback';
import { useLocale, useT } from '../../i18n';
import { DATE_FORMAT, formatDate, toIsoDate } from '../../lib/format';
import { periodText } from '../data-entry/periods';
import {
  DEFAULT_DUE_WORKING_DAYS,
  daysPastDue,
  proposedPeriod,
  roundDueDate,
  roundPeriods,
} from './round-periods';

interface Values {
  planId: string;
  period: string;
  dueDate?: dayjs.Dayjs | null;
}

/**
 * "Mở đợt báo cáo": a plan, a period (of a type, with its Vietnamese label), an optional due date.
 * It proposes the period whose due date is ahead, shows the due date the server will set, and warns
 * (then asks again on submit) before opening a round that is overdue from the start.
 */
export function OpenRoundModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { lang } = useLocale();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [type, setType] = useState<PeriodType>('month');
  const [problem, setProblem] = useState<TProblem | null>(null);
  const plans = usePlans({ pageSize: 100, sort: 'issueDate', order: 'desc' });
  const { plan: defaultPlan } = useDefaultPlan();
  const planId = Form.useWatch('planId', form) ?? defaultPlan?.id;
  const period = Form.useWatch('period', form);
  const rounds = useRounds({ planId, pageSize: 500 });
  const schedules = useRoundSchedules(planId);
  const dueDate = Form.useWatch('dueDate', form);
  const openRound = useOpenRound();

  const taken = useMemo(
    () => new Set((rounds.data?.items ?? []).filter((r) => r.kind === 'periodic').map((r) => r.period)),
    [rounds.data],
  );
  const periods = useMemo(() => roundPeriods(type), [type]);
  const dueDaysOf = (of: PeriodType) =>
    schedules.data?.items.find((s) => s.periodType === of && s.active)?.dueWorkingDays ??
    DEFAULT_DUE_WORKING_DAYS;
  const options = periods.map((p) => ({
    value: p,
    label: taken.has(p) ? `${periodText(p, lang)} (${t.rounds.periodTaken})` : periodText(p, lang),
    disabled: taken.has(p),
  }));

  const confirmPastDue = (days: number, due: string) =>
    new Promise<boolean>((resolve) => {
      modal.confirm({
        title: t.rounds.pastDueConfirmTitle,
        content: t.rounds.pastDueConfirm(days, formatDate(due)),
        okText: t.rounds.pastDueConfirmOk,
        cancelText: t.common.cancel,
        okButtonProps: { danger: true, 'data-testid': 'round-past-due-confirm' } as ButtonProps,
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return; // the form shows what is missing
    const due =
      (values.dueDate ? toIsoDate(values.dueDate) : null) ?? roundDueDate(values.period, dueDaysOf(type));
    const late = daysPastDue(due);
    if (late > 0 && !(await confirmPastDue(late, due))) return;
    setProblem(null);
    try {
      const round = await openRound.mutateAsync({
        planId: values.planId,
        period: values.period,
        kind: 'periodic',
        ...(values.dueDate ? { dueDate: toIsoDate(values.dueDate) ?? undefined } : {}),
      });
      void message.success(t.rounds.opened(round.completeness.expected));
      onClose();
      navigate(`/dot-bao-cao/${round.id}`);
    } catch (error) {
      if (!isApiError(error)) throw error;
      const fields = (error.problem.errors ?? []).filter(
        (e) => e.field === 'period' || e.field === 'dueDate',
      );
      if (fields.length) {
        form.setFields(fields.map((e) => ({ name: e.field as 'period' | 'dueDate', errors: [e.message] })));
      }
      if (fields.length !== (error.problem.errors ?? []).length || fields.length === 0)
        setProblem(error.problem);
    }
  };

  // the form starts once the plan and its rounds are known: it proposes a period without a round
  const ready = Boolean(
    defaultPlan && rounds.data && !rounds.isPlaceholderData && (schedules.data || schedules.error),
  );
  const cutoff = period ? cutoffWindow(period) : null;
  const due = period
    ? ((dueDate ? toIsoDate(dueDate) : null) ?? roundDueDate(period, dueDaysOf(type)))
    : null;
  const pastDue = due ? daysPastDue(due) : 0;
  return (
    <Modal
      open={open}
      title={t.rounds.openTitle}
      okText={t.rounds.submitOpen}
      cancelText={t.common.cancel}
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ loading: openRound.isPending, 'data-testid': 'round-open-submit' } as ButtonProps}
      destroyOnHidden
    >
      <div data-testid="round-open-modal">
        <Typography.Paragraph type="secondary">{t.rounds.openLead}</Typography.Paragraph>
        {problem ? <ProblemAlert problem={problem} title={t.rounds.openFailed} /> : null}
        {!ready ? <PageLoading /> : null}
        {ready ? (
          <Form<Values>
            form={form}
            layout="vertical"
            requiredMark={false}
            preserve={false}
            initialValues={{
              planId: defaultPlan?.id,
              period: proposedPeriod(periods, taken, undefined, dueDaysOf(type)),
            }}
          >
            <Form.Item
              name="planId"
              label={t.rounds.plan}
              rules={[{ required: true, message: t.rounds.planRequired }]}
            >
              <Select<string>
                loading={plans.isLoading}
                options={(plans.data?.items ?? []).map((p) => ({
                  value: p.id,
                  label: `${p.number} — ${p.title}`,
                }))}
                onChange={() => form.setFieldValue('period', undefined)}
                data-testid="round-plan"
              />
            </Form.Item>
            <Form.Item label={t.rounds.periodType}>
              <Segmented<PeriodType>
                block
                value={type}
                onChange={(next) => {
                  setType(next);
                  form.setFieldValue(
                    'period',
                    proposedPeriod(roundPeriods(next), taken, undefined, dueDaysOf(next)),
                  );
                }}
                options={PERIOD_TYPES.map((p) => ({ value: p, label: t.rounds.periodTypes[p] }))}
                data-testid="round-period-type"
              />
            </Form.Item>
            <Form.Item
              name="period"
              label={t.rounds.period}
              rules={[{ required: true, message: t.rounds.periodRequired }]}
              extra={
                cutoff && due ? (
                  <span data-testid="round-expected-due" data-due={due}>
                    {t.rounds.cutoff(formatDate(cutoff.start), formatDate(cutoff.end))} ·{' '}
                    {t.rounds.expectedDue(formatDate(due))}
                  </span>
                ) : undefined
              }
            >
              <Select<string> options={options} data-testid="round-period" />
            </Form.Item>
            {due && pastDue > 0 ? (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                title={t.rounds.pastDueWarning(pastDue, formatDate(due))}
                data-testid="round-past-due-warning"
              />
            ) : null}
            <Form.Item name="dueDate" label={t.rounds.dueDate} extra={t.rounds.dueDateHint}>
              <DatePicker
                format={DATE_FORMAT}
                style={{ width: '100%' }}
                placeholder={DATE_FORMAT.toLowerCase()}
                // a periodic round is not due before its data cut-off
                disabledDate={(day) => (cutoff ? (toIsoDate(day) ?? '') < cutoff.end : false)}
                data-testid="round-due-date"
              />
            </Form.Item>
          </Form>
        ) : null}
        {rounds.error ? <Alert type="warning" showIcon title={t.errors.loadFailed} /> : null}
      </div>
    </Modal>
  );
}
