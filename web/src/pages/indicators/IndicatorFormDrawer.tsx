import { App, Button, Checkbox, Col, Divider, Drawer, Form, Grid, Input, Row, Select, Space } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { TProblem } from '../../../../common';
import type { TIndicator } from '../../../../common/contracts/indicators';
import {
  DIRECTIONS,
  ORG_AGGREGATIONS,
  ORG_UNIT_KINDS,
  REPORTING_FREQUENCIES,
  TIME_AGGREGATIONS,
  VALUE_TYPES,
} from '../../../../common/enums';
import { LIMITS } from '../../../../common/limits';
import { foldForSearch } from '../../../../common/vietnamese';
import { isApiError } from '../../api/client';
import { useIndicatorCatalogue, useIndicatorMutations } from '../../api/indicators';
import { ProblemAlert } from '../../components/Feedback';
import { LocaleNumberInput } from '../../components/LocaleNumberInput';
import { OrgUnitSelect } from '../../components/OrgUnitSelect';
import { useT } from '../../i18n';
import {
  applyIndicatorFieldErrors,
  createRequestOf,
  formValuesOf,
  type IndicatorFormValues,
  NEW_INDICATOR,
  TARGET_YEARS,
  updateRequestOf,
} from './indicator-form';

/** Pickers of indicators search code and name, ignoring diacritics. */
const SEARCH_BY_LABEL = {
  filterOption: (input: string, option?: { label?: unknown }) =>
    foldForSearch(String(option?.label ?? '')).includes(foldForSearch(input.trim())),
};

interface Props {
  /** null: a new indicator */
  indicator: TIndicator | null;
  open: boolean;
  onClose: () => void;
}

/** Create or edit an indicator; the server's field errors appear under the fields. */
export function IndicatorFormDrawer({ indicator, open, onClose }: Props) {
  const t = useT();
  const f = t.indicators.fields;
  const { message } = App.useApp();
  const wide = Grid.useBreakpoint().sm === true;
  const [form] = Form.useForm<IndicatorFormValues>();
  const [problem, setProblem] = useState<TProblem | null>(null);
  const { create, update } = useIndicatorMutations();
  const catalogue = useIndicatorCatalogue();
  const aggregation = Form.useWatch('aggregation', form);
  const editing = indicator !== null;

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    form.resetFields();
    form.setFieldsValue(indicator ? formValuesOf(indicator) : NEW_INDICATOR);
  }, [open, indicator, form]);

  const codeOptions = useMemo(
    () =>
      (catalogue.data ?? [])
        .filter((i) => i.id !== indicator?.id && !i.archived)
        .map((i) => ({ value: i.code, label: `${i.code} — ${i.name}` })),
    [catalogue.data, indicator],
  );

  const close = () => {
    setProblem(null);
    onClose();
  };

  const submit = async (values: IndicatorFormValues) => {
    setProblem(null);
    try {
      const saved = indicator
        ? await update.mutateAsync({ id: indicator.id, ...updateRequestOf(values, indicator.version) })
        : await create.mutateAsync(createRequestOf(values));
      void message.success(indicator ? t.indicators.saved(saved.code) : t.indicators.created(saved.code));
      close();
    } catch (error) {
      if (!isApiError(error)) throw error;
      if (!applyIndicatorFieldErrors(form, error.problem)) setProblem(error.problem);
    }
  };

  const required = (label: string) => [{ required: true, whitespace: true, message: t.form.required(label) }];
  const enumOptions = <K extends string>(values: readonly K[], labels: Record<K, string>) =>
    values.map((v) => ({ value: v, label: labels[v] }));

  return (
    <Drawer
      open={open}
      onClose={close}
      title={indicator ? t.indicators.editTitle(indicator.code) : t.indicators.createTitle}
      size={wide ? 640 : '100%'}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={close}>{t.common.cancel}</Button>
          <Button
            type="primary"
            loading={create.isPending || update.isPending}
            onClick={() => form.submit()}
            data-testid="indicator-submit"
          >
            {indicator ? t.common.save : t.indicators.create}
          </Button>
        </Space>
      }
    >
      {problem ? (
        <ProblemAlert problem={problem} title={t.indicators.failed} onClose={() => setProblem(null)} />
      ) : null}
      <Form<IndicatorFormValues>
        form={form}
        layout="vertical"
        data-testid="indicator-form"
        onFinish={(v) => void submit(v)}
        requiredMark
        scrollToFirstError={{ block: 'center' }}
      >
        <Divider titlePlacement="start">{t.indicators.sections.general}</Divider>
        <Row gutter={12}>
          <Col xs={24} sm={10}>
            <Form.Item
              name="code"
              label={f.code}
              extra={editing ? undefined : t.indicators.hints.code}
              rules={required(f.code)}
            >
              <Input maxLength={40} disabled={editing} autoComplete="off" className="lt-code-input" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item name="unit" label={f.unit} rules={required(f.unit)}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="name" label={f.name} rules={required(f.name)}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={LIMITS.nameLength} />
        </Form.Item>
        <Form.Item name="nameEn" label={f.nameEn}>
          <Input maxLength={LIMITS.nameLength} />
        </Form.Item>
        <Form.Item name="definition" label={f.definition}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={LIMITS.textLength} />
        </Form.Item>
        <Form.Item name="responsibleOrgUnitId" label={f.responsible}>
          <OrgUnitSelect placeholder={t.indicators.selectUnit} />
        </Form.Item>

        <Divider titlePlacement="start">{t.indicators.sections.calculation}</Divider>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="valueType" label={f.valueType} rules={[{ required: true }]}>
              <Select options={enumOptions(VALUE_TYPES, t.indicators.valueType)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="direction" label={f.direction} rules={[{ required: true }]}>
              <Select options={enumOptions(DIRECTIONS, t.indicators.direction)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="aggregation" label={f.aggregation} rules={[{ required: true }]}>
              <Select
                options={enumOptions(ORG_AGGREGATIONS, t.indicators.aggregation)}
                data-testid="aggregation"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="timeAggregation" label={f.timeAggregation} rules={[{ required: true }]}>
              <Select options={enumOptions(TIME_AGGREGATIONS, t.indicators.timeAggregation)} />
            </Form.Item>
          </Col>
        </Row>
        {aggregation === 'weighted_average' ? (
          <Form.Item
            name="weightCode"
            label={f.weightCode}
            extra={t.indicators.hints.weightCode}
            rules={[{ required: true, message: t.indicators.weightRequired }]}
          >
            <Select
              showSearch={SEARCH_BY_LABEL}
              allowClear
              options={codeOptions}
              placeholder={t.indicators.selectIndicator}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="formula" label={f.formula} extra={t.indicators.hints.formula}>
          <Input maxLength={500} className="lt-code-input" autoComplete="off" />
        </Form.Item>

        <Divider titlePlacement="start">{t.indicators.sections.reporting}</Divider>
        <Row gutter={12}>
          <Col xs={24} sm={10}>
            <Form.Item name="frequency" label={f.frequency} rules={[{ required: true }]}>
              <Select options={enumOptions(REPORTING_FREQUENCIES, t.indicators.frequency)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item name="reportedBy" label={f.reportedBy} extra={t.indicators.hints.reportedBy}>
              <Select
                mode="multiple"
                allowClear
                placeholder={t.indicators.selectKinds}
                options={enumOptions(ORG_UNIT_KINDS, t.orgUnitKind)}
              />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t.indicators.sections.targets}</Divider>
        <Row gutter={12}>
          <Col xs={12} sm={8}>
            <Form.Item
              name={['baseline', 'year']}
              label={f.baselineYear}
              dependencies={[['baseline', 'value']]}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_, year) => {
                    const value = getFieldValue(['baseline', 'value']);
                    if ((year == null) !== (value == null)) throw new Error(t.indicators.baselineIncomplete);
                  },
                }),
              ]}
            >
              <LocaleNumberInput min={2000} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name={['baseline', 'value']} label={f.baselineValue}>
              <LocaleNumberInput style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <div className="lt-form-hint">{t.indicators.hints.targets}</div>
        <Row gutter={12}>
          {TARGET_YEARS.map((year) => (
            <Col xs={12} sm={6} key={year}>
              <Form.Item name={['targets', String(year)]} label={f.target(year)}>
                <LocaleNumberInput style={{ width: '100%' }} data-testid={`target-${year}`} />
              </Form.Item>
            </Col>
          ))}
        </Row>

        <Divider titlePlacement="start">{t.indicators.sections.rules}</Divider>
        <Row gutter={12}>
          <Col xs={12} sm={8}>
            <Form.Item name={['rules', 'min']} label={f.min}>
              <LocaleNumberInput style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name={['rules', 'max']} label={f.max}>
              <LocaleNumberInput style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name={['rules', 'notAboveCode']} label={f.notAbove}>
          <Select
            showSearch={SEARCH_BY_LABEL}
            allowClear
            options={codeOptions}
            placeholder={t.indicators.selectIndicator}
          />
        </Form.Item>
        <Form.Item name={['rules', 'integer']} valuePropName="checked" className="lt-form-check">
          <Checkbox>{f.integer}</Checkbox>
        </Form.Item>
        <Form.Item name={['rules', 'commentWhenOffTarget']} valuePropName="checked" className="lt-form-check">
          <Checkbox>{f.commentWhenOffTarget}</Checkbox>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
