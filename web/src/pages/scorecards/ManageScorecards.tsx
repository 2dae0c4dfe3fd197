import { App, Button, Divider, Drawer, Form, Input, InputNumber, Popconfirm, Table, Typography } from 'antd';
import { useState } from 'react';
import type { TProblem } from '../../../../common';
import {
  SCORECARD_COMPONENTS,
  type TScorecardFormula,
  type TScorecardWeights,
} from '../../../../common/contracts/scorecards';
import { isApiError } from '../../api/client';
import { useCreateScorecardFormula, usePublishScorecards, useScorecardFormulas } from '../../api/scorecards';
import { ProblemAlert, QueryError } from '../../components/Feedback';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { periodText } from './filters';

type WeightsForm = TScorecardWeights & { note: string };

/** The secretariat's screen: new weights (a new formula version, with a note), publishing the period. */
export default function ManageScorecards({ period, onClose }: { period: string; onClose: () => void }) {
  const t = useT();
  const m = t.scorecards.manage;
  const formulas = useScorecardFormulas();
  const latest = formulas.data?.items[0];
  return (
    <Drawer open onClose={onClose} title={m.title} size="large" data-testid="scorecards-manage-drawer">
      {formulas.error ? <QueryError error={formulas.error} onRetry={() => void formulas.refetch()} /> : null}
      {latest ? <WeightsEditor latest={latest} /> : null}
      <Divider />
      <PublishPeriod period={period} />
      <Divider />
      <Typography.Title level={4}>{m.versions}</Typography.Title>
      <Table<TScorecardFormula>
        size="small"
        rowKey="version"
        pagination={false}
        dataSource={formulas.data?.items ?? []}
        data-testid="scorecards-versions"
        columns={[
          { title: m.version, dataIndex: 'version', width: 80 },
          ...SCORECARD_COMPONENTS.map((key) => ({
            title: t.scorecards.components[key],
            key,
            render: (_: unknown, f: TScorecardFormula) => f.weights[key],
          })),
          {
            title: m.createdBy,
            key: 'by',
            render: (_: unknown, f: TScorecardFormula) => f.createdBy ?? m.shipped,
          },
          {
            title: m.createdAt,
            key: 'at',
            render: (_: unknown, f: TScorecardFormula) => formatDateTime(f.createdAt),
          },
        ]}
        expandable={{ expandedRowRender: (f) => f.note, rowExpandable: (f) => Boolean(f.note) }}
      />
    </Drawer>
  );
}

function WeightsEditor({ latest }: { latest: TScorecardFormula }) {
  const t = useT();
  const s = t.scorecards;
  const m = s.manage;
  const { message } = App.useApp();
  const [form] = Form.useForm<WeightsForm>();
  const [problem, setProblem] = useState<TProblem | null>(null);
  const create = useCreateScorecardFormula();
  const submit = async (values: WeightsForm) => {
    const { note, ...weights } = values;
    if (SCORECARD_COMPONENTS.every((k) => !weights[k])) {
      setProblem(null);
      form.setFields([{ name: 'tasksOnTime', errors: [m.sumZero] }]);
      return;
    }
    setProblem(null);
    try {
      const saved = await create.mutateAsync({ basedOnVersion: latest.version, weights, note });
      void message.success(m.saved(saved.version));
      form.setFieldValue('note', '');
    } catch (error) {
      if (!isApiError(error)) throw error;
      setProblem(error.problem);
    }
  };
  return (
    <>
      <Typography.Title level={4}>{m.weightsTitle}</Typography.Title>
      <Typography.Paragraph type="secondary">{m.weightsHint}</Typography.Paragraph>
      {problem ? <ProblemAlert problem={problem} onClose={() => setProblem(null)} /> : null}
      <Form<WeightsForm>
        form={form}
        layout="vertical"
        key={latest.version}
        initialValues={{ ...latest.weights, note: '' }}
        onFinish={(values) => void submit(values)}
        data-testid="scorecards-weights-form"
      >
        {SCORECARD_COMPONENTS.map((key) => (
          <Form.Item key={key} name={key} label={s.components[key]} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} style={{ width: 140 }} data-testid={`weight-input-${key}`} />
          </Form.Item>
        ))}
        <Form.Item name="note" label={m.note} rules={[{ required: true, whitespace: true, max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} data-testid="weight-note" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="weights-save">
          {m.save}
        </Button>
      </Form>
    </>
  );
}

function PublishPeriod({ period }: { period: string }) {
  const t = useT();
  const m = t.scorecards.manage;
  const { message } = App.useApp();
  const [problem, setProblem] = useState<TProblem | null>(null);
  const publish = usePublishScorecards();
  const label = periodText(t, period);
  const run = async () => {
    setProblem(null);
    try {
      const result = await publish.mutateAsync(period);
      void message.success(m.publishedOk(label, result.units));
    } catch (error) {
      if (!isApiError(error)) throw error;
      setProblem(error.problem);
    }
  };
  return (
    <>
      <Typography.Title level={4}>{m.publishTitle}</Typography.Title>
      <Typography.Paragraph type="secondary">{m.publishHint}</Typography.Paragraph>
      {problem ? <ProblemAlert problem={problem} onClose={() => setProblem(null)} /> : null}
      <Popconfirm title={m.publishConfirm(label)} onConfirm={() => void run()}>
        <Button loading={publish.isPending} data-testid="scorecards-publish">
          {m.publish(label)}
        </Button>
      </Popconfirm>
    </>
  );
}
