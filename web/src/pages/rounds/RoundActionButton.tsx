import { RedoOutlined, StopOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, type ButtonProps, Form, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { TProblem } from '../../../../common';
import type { RoundAction, TRound } from '../../../../common/contracts/rounds';
import { isApiError } from '../../api/client';
import { roundKeys, useRoundAction } from '../../api/rounds';
import { ProblemAlert } from '../../components/Feedback';
import { ReasonField } from '../../components/ReasonField';
import { useT } from '../../i18n';

/**
 * "Đóng đợt" / "Mở lại đợt", confirmed in a dialog that says what the step does: closing stops
 * the units that have not sent from sending; reopening lets them send again and needs a reason.
 * Sent with the version shown, so a round changed meanwhile (or closed or reopened by someone
 * else) is refused and shown fresh.
 */
export function RoundActionButton({ round, action }: { round: TRound; action: RoundAction }) {
  const t = useT();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<TProblem | null>(null);
  const [form] = Form.useForm<{ reason?: string }>();
  const mutation = useRoundAction(round.id, action);
  const queryClient = useQueryClient();
  const unsent = round.completeness.expected - round.completeness.submitted;
  const closing = action === 'close';
  const text = closing
    ? {
        button: t.rounds.close,
        title: t.rounds.closeTitle,
        submit: t.rounds.closeSubmit,
        done: t.rounds.closed,
        failed: t.rounds.closeFailed,
        reason: t.rounds.closeReason,
      }
    : {
        button: t.rounds.reopen,
        title: t.rounds.reopenTitle,
        submit: t.rounds.reopenSubmit,
        done: t.rounds.reopened,
        failed: t.rounds.reopenFailed,
        reason: t.rounds.reopenReason,
      };

  const submit = async () => {
    setProblem(null);
    let reason: string | undefined;
    try {
      reason = (await form.validateFields()).reason?.trim() || undefined;
    } catch {
      return; // the form shows what is missing
    }
    try {
      await mutation.mutateAsync(
        closing ? { version: round.version, reason } : { version: round.version, reason: reason ?? '' },
      );
      void message.success(text.done);
      setOpen(false);
    } catch (error) {
      if (!isApiError(error)) throw error;
      setProblem(error.problem);
      // changed, closed or reopened meanwhile: show the round as it is now
      if (['version_conflict', 'round_closed', 'round_open'].includes(error.code)) {
        void queryClient.invalidateQueries({ queryKey: roundKeys.detail(round.id) });
      }
    }
  };

  return (
    <>
      <Button
        danger={closing}
        icon={closing ? <StopOutlined /> : <RedoOutlined />}
        onClick={() => setOpen(true)}
        data-testid={`round-${action}`}
      >
        {text.button}
      </Button>
      <Modal
        open={open}
        title={text.title}
        okText={text.submit}
        cancelText={t.common.cancel}
        onOk={() => void submit()}
        onCancel={() => {
          setOpen(false);
          setProblem(null);
        }}
        okButtonProps={
          {
            danger: closing,
            loading: mutation.isPending,
            'data-testid': `round-${action}-submit`,
          } as ButtonProps
        }
        destroyOnHidden
      >
        <div data-testid={`round-${action}-modal`}>
          {closing ? (
            <>
              <Typography.Paragraph>{t.rounds.closeText(unsent)}</Typography.Paragraph>
              <Typography.Paragraph type="secondary">{t.rounds.closeReviews}</Typography.Paragraph>
            </>
          ) : (
            <Typography.Paragraph>{t.rounds.reopenText}</Typography.Paragraph>
          )}
          {problem ? <ProblemAlert problem={problem} title={text.failed} /> : null}
          <Form form={form} layout="vertical" preserve={false}>
            <ReasonField
              label={text.reason}
              requiredMessage={closing ? undefined : t.rounds.reopenReasonRequired}
              data-testid={`round-${action}-reason`}
            />
          </Form>
        </div>
      </Modal>
    </>
  );
}
