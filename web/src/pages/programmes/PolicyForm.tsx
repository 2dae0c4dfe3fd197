import { App, Button, Col, DatePicker, Drawer, Form, Input, Row, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import type { TProblem } from '../../../../common';
import { POLICY_STATUSES, type TPolicy } from '../../../../common/contracts/programmes';
import { isApiError } from '../../api/client';
import { ProblemAlert } from '../../components/Feedback';
import { LocaleNumberInput } from '../../components/LocaleNumberInput';
import { OrgUnitSelect } from '../../components/OrgUnitSelect';
import { useT } from '../../i18n';
import { DATE_FORMAT, parseIsoDate, toIsoDate } from '../../lib/format';
import { useProgrammes, useSavePolicy } from './api';
import { LegalBasisFields, PrivacyNote } from './ProgrammeForm';

interface Values {
  name: string;
  legalNumber?: string;
  legalDate?: ReturnType<typeof parseIsoDate>;
  legalIssuer?: string;
  eligibility: string;
  supportLevel: string;
  maxAmount?: number | null;
  maxPercent?: number | null;
  howToApply?: string;
  applyAt?: string;
  ongoing: boolean;
  deadline?: ReturnType<typeof parseIsoDate>;
  contactOffice?: string;
  contactPhone?: string;
  contactEmail?: string;
  status: TPolicy['status'];
  programmeId?: string;
  ownerOrgUnitId?: string;
  isPublic: boolean;
}

/** Server field paths (contact.email) → the form's fields (contactEmail). */
const FIELD_OF: Record<string, keyof Values> = {
  'contact.office': 'contactOffice',
  'contact.phone': 'contactPhone',
  'contact.email': 'contactEmail',
  'legalBasis.number': 'legalNumber',
  'legalBasis.date': 'legalDate',
  'legalBasis.issuer': 'legalIssuer',
};

/** The add / edit drawer of a support policy. */
export function PolicyForm({ policy, onClose }: { policy: TPolicy | 'new'; onClose: () => void }) {
  const t = useT();
  const m = t.programmes;
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<TProblem | null>(null);
  const save = useSavePolicy();
  const programmes = useProgrammes({ pageSize: 500 });
  const ongoing = Form.useWatch('ongoing', form);
  const p = policy === 'new' ? null : policy;

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
      eligibility: v.eligibility,
      supportLevel: v.supportLevel,
      maxAmount: v.maxAmount ?? null,
      maxPercent: v.maxPercent ?? null,
      howToApply: v.howToApply ?? null,
      applyAt: v.applyAt ?? null,
      deadline: v.ongoing ? null : toIsoDate(v.deadline),
      contact: {
        office: v.contactOffice ?? null,
        phone: v.contactPhone ?? null,
        email: v.contactEmail ?? null,
      },
      status: v.status,
      programmeId: v.programmeId ?? null,
      ownerOrgUnitId: v.ownerOrgUnitId ?? null,
      isPublic: v.isPublic,
    };
    try {
      await save.mutateAsync(p ? { id: p.id, body: { ...body, version: p.version } } : { body });
      void message.success(m.saved);
      onClose();
    } catch (error) {
      if (!isApiError(error)) throw error;
      setProblem(error.problem);
      form.setFields(
        (error.problem.errors ?? []).map((e) => ({
          name: FIELD_OF[e.field] ?? (e.field as keyof Values),
          errors: [e.message],
        })),
      );
    }
  };

  return (
    <Drawer
      open
      size="large"
      title={p ? m.editPolicy : m.addPolicy}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t.common.cancel}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => void submit()}
            data-testid="policy-save"
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
          name: p?.name,
          legalNumber: p?.legalBasis.number ?? undefined,
          legalDate: parseIsoDate(p?.legalBasis.date),
          legalIssuer: p?.legalBasis.issuer ?? undefined,
          eligibility: p?.eligibility,
          supportLevel: p?.supportLevel,
          maxAmount: p?.maxAmount,
          maxPercent: p?.maxPercent,
          howToApply: p?.howToApply ?? undefined,
          applyAt: p?.applyAt ?? undefined,
          ongoing: p ? p.deadline === null : true,
          deadline: parseIsoDate(p?.deadline),
          contactOffice: p?.contact.office ?? undefined,
          contactPhone: p?.contact.phone ?? undefined,
          contactEmail: p?.contact.email ?? undefined,
          status: p?.status ?? 'active',
          programmeId: p?.programme?.id,
          ownerOrgUnitId: p?.ownerOrgUnit?.id,
          isPublic: p?.isPublic ?? false,
        }}
      >
        <Form.Item name="name" label={m.policyName} rules={[{ required: true, message: m.required }]}>
          <Input data-testid="policy-name" />
        </Form.Item>
        <LegalBasisFields />
        <Form.Item name="eligibility" label={m.eligibility} rules={[{ required: true, message: m.required }]}>
          <Input.TextArea rows={2} data-testid="policy-eligibility" />
        </Form.Item>
        <Form.Item
          name="supportLevel"
          label={m.supportLevel}
          rules={[{ required: true, message: m.required }]}
        >
          <Input.TextArea rows={2} data-testid="policy-level" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="maxAmount" label={m.maxAmount}>
              <LocaleNumberInput min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="maxPercent" label={m.maxPercent}>
              <LocaleNumberInput min={0} max={100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="howToApply" label={m.howToApply}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="applyAt" label={m.applyAt}>
          <Input />
        </Form.Item>
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item name="ongoing" label={m.ongoing} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item
              name="deadline"
              label={m.deadline}
              rules={[{ required: !ongoing, message: m.deadlineRequired }]}
            >
              <DatePicker format={DATE_FORMAT} disabled={ongoing} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <PrivacyNote />
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item name="contactOffice" label={m.contactOffice}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="contactPhone" label={m.contactPhone}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="contactEmail" label={m.contactEmail}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="status" label={m.status}>
              <Select options={POLICY_STATUSES.map((s) => ({ value: s, label: m.policyStatus[s] }))} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="programmeId" label={m.programme}>
              <Select
                allowClear
                optionFilterProp="label"
                options={(programmes.data?.items ?? []).map((x) => ({
                  value: x.id,
                  label: `${x.code} – ${x.name}`,
                }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="ownerOrgUnitId" label={m.policyOwner}>
          <OrgUnitSelect placeholder={m.province} />
        </Form.Item>
        <Form.Item name="isPublic" label={m.isPublic} valuePropName="checked" extra={m.isPublicHint}>
          <Switch data-testid="policy-public" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
