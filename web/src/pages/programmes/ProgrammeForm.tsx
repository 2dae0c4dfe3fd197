import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
} from 'antd';
import { useState } from 'react';
import type { TProblem } from '../../../../common';
import { PROGRAMME_STATUSES, type TProgramme } from '../../../../common/contracts/programmes';
import { isApiError } from '../../api/client';
import { usePlanItems } from '../../api/items';
import { useCurrentPlanId } from '../../app/current-plan';
import { ProblemAlert } from '../../components/Feedback';
import { OrgUnitSelect } from '../../components/OrgUnitSelect';
import { useT } from '../../i18n';
import { DATE_FORMAT, parseIsoDate, toIsoDate } from '../../lib/format';
import { useSaveProgramme } from './api';

interface Values {
  code: string;
  name: string;
  legalNumber?: string;
  legalDate?: ReturnType<typeof parseIsoDate>;
  legalIssuer?: string;
  ownerOrgUnitId?: string;
  planItemIds: string[];
  fromYear?: number | null;
  toYear?: number | null;
  status: TProgramme['status'];
  description?: string;
  isPublic: boolean;
}

/** The add / edit drawer of a programme; the server's field errors are shown on their fields. */
export function ProgrammeForm({
  programme,
  onClose,
}: {
  programme: TProgramme | 'new';
  onClose: () => void;
}) {
  const t = useT();
  const m = t.programmes;
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<TProblem | null>(null);
  const save = useSaveProgramme();
  const planId = useCurrentPlanId();
  const items = usePlanItems(planId, { pageSize: 500 });
  const p = programme === 'new' ? null : programme;

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setProblem(null);
    const body = {
      name: v.name,
      legalBasis: {
        number: v.legalNumber ?? null,
        date: toIsoDate(v.legalDate),
        issuer: v.legalIssuer ?? null,
      },
      ownerOrgUnitId: v.ownerOrgUnitId ?? null,
      planItemIds: v.planItemIds ?? [],
      fromYear: v.fromYear ?? null,
      toYear: v.toYear ?? null,
      status: v.status,
      description: v.description ?? null,
      isPublic: v.isPublic,
    };
    try {
      await save.mutateAsync(
        p ? { id: p.id, body: { ...body, version: p.version } } : { body: { ...body, code: v.code } },
      );
      void message.success(m.saved);
      onClose();
    } catch (error) {
      if (!isApiError(error)) throw error;
      setProblem(error.problem);
      form.setFields(
        (error.problem.errors ?? []).map((e) => ({
          name: e.field.split('.')[0] as keyof Values,
          errors: [e.message],
        })),
      );
    }
  };

  return (
    <Drawer
      open
      size="large"
      title={p ? m.editProgramme : m.addProgramme}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t.common.cancel}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => void submit()}
            data-testid="programme-save"
          >
            {t.common.save}
          </Button>
        </Space>
      }
    >
      {problem ? <ProblemAlert problem={problem} title={m.saveFailed} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          code: p?.code,
          name: p?.name,
          legalNumber: p?.legalBasis.number ?? undefined,
          legalDate: parseIsoDate(p?.legalBasis.date),
          legalIssuer: p?.legalBasis.issuer ?? undefined,
          ownerOrgUnitId: p?.ownerOrgUnit?.id,
          planItemIds: p?.planItems.map((i) => i.id) ?? [],
          fromYear: p?.fromYear,
          toYear: p?.toYear,
          status: p?.status ?? 'ongoing',
          description: p?.description ?? undefined,
          isPublic: p?.isPublic ?? false,
        }}
      >
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item
              name="code"
              label={m.code}
              rules={[{ required: true, message: m.required }]}
              extra={m.codeHint}
            >
              <Input disabled={p !== null} data-testid="programme-code" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="name" label={m.programmeName} rules={[{ required: true, message: m.required }]}>
              <Input data-testid="programme-name" />
            </Form.Item>
          </Col>
        </Row>
        <LegalBasisFields />
        <Form.Item name="ownerOrgUnitId" label={m.ownerUnit} extra={m.ownerHint}>
          <OrgUnitSelect placeholder={m.province} />
        </Form.Item>
        <Form.Item name="planItemIds" label={m.planItems}>
          <Select
            mode="multiple"
            loading={items.isLoading}
            optionFilterProp="label"
            options={(items.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.code} ${i.title}` }))}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name="fromYear" label={m.fromYear}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="toYear" label={m.toYear}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="status" label={m.status}>
              <Select options={PROGRAMME_STATUSES.map((s) => ({ value: s, label: m.programmeStatus[s] }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={m.description}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="isPublic" label={m.isPublic} valuePropName="checked" extra={m.isPublicHint}>
          <Switch data-testid="programme-public" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** Number, date and issuing body of the document a programme or policy rests on. */
export function LegalBasisFields() {
  const m = useT().programmes;
  return (
    <Row gutter={16}>
      <Col span={8}>
        <Form.Item name="legalNumber" label={m.legalNumber}>
          <Input placeholder="57-NQ/TW" />
        </Form.Item>
      </Col>
      <Col span={6}>
        <Form.Item name="legalDate" label={m.legalDate}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={10}>
        <Form.Item name="legalIssuer" label={m.legalIssuer}>
          <Input />
        </Form.Item>
      </Col>
    </Row>
  );
}

export function PrivacyNote() {
  const m = useT().programmes;
  return <Alert type="info" showIcon title={m.contactHint} style={{ marginBottom: 16 }} />;
}
