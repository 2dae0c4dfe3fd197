import { StopOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, type ButtonProps, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { TProblem } from '../../../../common';
import type { TRound } from '../../../../common/contracts/rounds';
import { LIMITS } from '../../../../common/limits';
import { isApiError } from '../../api/client';
import { roundKeys, useCloseRound } from '../../api/rounds';
import { ProblemAlert } from '../../components/Feedback';
import { useT } from '../../i18n';

/**
 * "Đóng đợt", confirmed in a dialog that says what closing does: the units that have not sent
 * their report can no longer send it. Sent with the version shown, so a round changed meanwhile
 * (or closed by someone else) is refused and shown fresh.
 */
export function CloseRoundButton({ round }: { round: TRound }) {
  const t = useT();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<TProblem | null>(null);
  const [form] = Form.useForm<{ reason?: string }>();
  const closeRound = useCloseRound(round.id);
  const queryClient = useQueryClient();
  const unsent = round.completeness.expected - round.completeness.submitted;

  const submit = async () => {
    setProblem(null);
    const reason = form.getFieldValue('reason')?.trim() || undefined;
    try {
      await closeRound.mutateAsync({ version: round.version, reason });
      void message.success(t.rounds.closed);
      setOpen(false);
    } catch (error) {
      if (!isApiError(error)) throw error;
      setProblem(error.problem);
      // changed or closed meanwhile: show the round as it is now
      if (error.code === 'version_conflict' || error.code === 'round_closed') {
        void queryClient.invalidateQueries({ queryKey: roundKeys.detail(round.id) });
      }
    }
  };

  return (
    <>
      <Button danger icon={<StopOutlined />} onClick={() => setOpen(true)} data-testid="round-close">
        {t.rounds.close}
      </Button>
      <Modal
        open={open}
        title={t.rounds.closeTitle}
        okText={t.rounds.closeSubmit}
        cancelText={t.common.cancel}
        onOk={() => void submit()}
        onCancel={() => {
          setOpen(false);
          setProblem(null);
        }}
        okButtonProps={
          { danger: true, loading: closeRound.isPending, 'data-testid': 'round-close-submit' } as ButtonProps
        }
        destroyOnHidden
      >
        <div data-testid="round-close-modal">
          <Typography.Paragraph>{t.rounds.closeText(unsent)}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t.rounds.closeReviews}</Typography.Paragraph>
          {problem ? <ProblemAlert problem={problem} title={t.rounds.closeFailed} /> : null}
          <Form form={form} layout="vertical" preserve={false}>
            <Form.Item name="reason" label={t.rounds.closeReason}>
              <Input.TextArea
                autoSize={{ minRows: 2, maxRows: 6 }}
                maxLength={LIMITS.textLength}
                data-testid="round-close-reason"
              />
            </Form.Item>
          </Form>
        </div>
      </Modal>
    </>
  );
}
