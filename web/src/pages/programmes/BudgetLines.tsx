import { WarningOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Drawer,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { TProblem } from '../../../../common';
import { FUNDING_SOURCES, type TBudgetLine, type TProgramme } from '../../../../common/contracts/programmes';
import { isApiError } from '../../api/client';
import { ProblemAlert, QueryError } from '../../components/Feedback';
import { LocaleNumberInput } from '../../components/LocaleNumberInput';
import { useT } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useBudgetLines, useDeleteBudgetLine, useSaveBudgetLine } from './api';

export const vnd = (n: number) => `${formatNumber(n)} đ`;

interface LineValues {
  year: number;
  source: TBudgetLine['source'];
  allocated: number;
  disbursed?: number | null;
  note?: string;
  isPublic: boolean;
}

/** Adds a line to the programme, or edits one: year and source are the line's key. */
function LineForm({
  programmeId,
  line,
  onDone,
}: {
  programmeId: string;
  line: TBudgetLine | null;
  onDone: () => void;
}) {
  const t = useT();
  const m = t.programmes;
  const { message } = App.useApp();
  const [form] = Form.useForm<LineValues>();
  const [problem, setProblem] = useState<TProblem | null>(null);
  const save = useSaveBudgetLine();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setProblem(null);
    const fields = {
      year: v.year,
      source: v.source,
      allocated: v.allocated,
      disbursed: v.disbursed ?? 0,
      note: v.note ?? null,
      isPublic: v.isPublic,
    };
    try {
      await save.mutateAsync(
        line
          ? { id: line.id, body: { ...fields, version: line.version } }
          : { body: { ...fields, programmeId } },
      );
      void message.success(m.lineSaved);
      form.resetFields();
      onDone();
    } catch (error) {
      if (!isApiError(error)) throw error;
      setProblem(error.problem);
    }
  };
  return (
    <Card size="small" title={line ? m.editLine : m.addLine} style={{ marginBottom: 16 }}>
      {problem ? <ProblemAlert problem={problem} title={m.saveFailed} /> : null}
      <Form<LineValues>
        form={form}
        layout="vertical"
        initialValues={
          line
            ? { ...line, note: line.note ?? undefined }
            : { year: new Date().getFullYear(), source: 'provincial', isPublic: false }
        }
      >
        <Row gutter={12}>
          <Col span={4}>
            <Form.Item name="year" label={m.year} rules={[{ required: true, message: m.required }]}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="source" label={m.source} rules={[{ required: true, message: m.required }]}>
              <Select options={FUNDING_SOURCES.map((s) => ({ value: s, label: m.fundingSource[s] }))} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="allocated" label={m.allocated} rules={[{ required: true, message: m.required }]}>
              <LocaleNumberInput min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="disbursed" label={m.disbursed} extra={m.disbursedHint}>
              <LocaleNumberInput min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12} align="bottom">
          <Col span={14}>
            <Form.Item name="note" label={m.note}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="isPublic" label={m.isPublic} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item>
              <Space>
                {line ? <Button onClick={onDone}>{t.common.cancel}</Button> : null}
                <Button type="primary" loading={save.isPending} onClick={() => void submit()}>
                  {t.common.save}
                </Button>
              </Space>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}

/** A programme's money: its lines, with totals by year and by source; managers add and edit lines. */
export function BudgetDrawer({
  programme,
  manage,
  onClose,
}: {
  programme: TProgramme;
  manage: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const m = t.programmes;
  const { message } = App.useApp();
  const lines = useBudgetLines({ programmeId: programme.id, pageSize: 500 });
  const remove = useDeleteBudgetLine();
  const [editing, setEditing] = useState<TBudgetLine | null>(null);
  const totals = lines.data?.totals;
  return (
    <Drawer
      open
      size="large"
      title={`${m.budgetOf} ${programme.code} – ${programme.name}`}
      onClose={onClose}
      destroyOnHidden
    >
      {manage ? (
        <LineForm
          key={editing?.id ?? 'new'}
          programmeId={programme.id}
          line={editing}
          onDone={() => setEditing(null)}
        />
      ) : null}
      {lines.error ? <QueryError error={lines.error} onRetry={() => void lines.refetch()} /> : null}
      <Table<TBudgetLine>
        rowKey="id"
        size="small"
        loading={lines.isLoading}
        dataSource={lines.data?.items ?? []}
        pagination={false}
        data-testid="budget-lines"
        columns={[
          { key: 'year', title: m.year, dataIndex: 'year', width: 70 },
          { key: 'source', title: m.source, render: (_, l) => m.fundingSource[l.source] },
          { key: 'allocated', title: m.allocated, align: 'right', render: (_, l) => vnd(l.allocated) },
          {
            key: 'disbursed',
            title: m.disbursed,
            align: 'right',
            render: (_, l) => (
              <Space size={4}>
                {l.overDisbursed ? (
                  <Tooltip title={m.overDisbursed}>
                    <WarningOutlined style={{ color: '#ad6800' }} aria-label={m.overDisbursed} />
                  </Tooltip>
                ) : null}
                {vnd(l.disbursed)}
              </Space>
            ),
          },
          { key: 'public', title: m.isPublic, render: (_, l) => (l.isPublic ? m.yes : m.no), width: 90 },
          ...(manage
            ? [
                {
                  key: 'actions',
                  title: '',
                  width: 130,
                  render: (_: unknown, l: TBudgetLine) => (
                    <Space>
                      <Button size="small" onClick={() => setEditing(l)}>
                        {t.common.edit}
                      </Button>
                      <Popconfirm
                        title={m.deleteLineConfirm}
                        okText={m.deleteLine}
                        cancelText={t.common.cancel}
                        onConfirm={() =>
                          remove.mutateAsync(l).then(
                            () => void message.success(m.lineDeleted),
                            () => void message.error(m.saveFailed),
                          )
                        }
                      >
                        <Button size="small" danger>
                          {m.deleteLine}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {totals ? (
        <Row gutter={16} style={{ marginTop: 16 }} data-testid="budget-totals">
          <Col span={24}>
            <Typography.Paragraph strong>
              {m.totalLine(vnd(totals.allocated), vnd(totals.disbursed))}
            </Typography.Paragraph>
          </Col>
          <Col xs={24} md={12}>
            <Table
              size="small"
              rowKey="year"
              pagination={false}
              title={() => m.byYear}
              dataSource={totals.byYear}
              columns={[
                { key: 'year', title: m.year, dataIndex: 'year' },
                { key: 'a', title: m.allocated, align: 'right', render: (_, r) => vnd(r.allocated) },
                { key: 'd', title: m.disbursed, align: 'right', render: (_, r) => vnd(r.disbursed) },
              ]}
            />
          </Col>
          <Col xs={24} md={12}>
            <Table
              size="small"
              rowKey="source"
              pagination={false}
              title={() => m.bySource}
              dataSource={totals.bySource}
              columns={[
                { key: 'source', title: m.source, render: (_, r) => m.fundingSource[r.source] },
                { key: 'a', title: m.allocated, align: 'right', render: (_, r) => vnd(r.allocated) },
                { key: 'd', title: m.disbursed, align: 'right', render: (_, r) => vnd(r.disbursed) },
              ]}
            />
          </Col>
        </Row>
      ) : null}
    </Drawer>
  );
}
