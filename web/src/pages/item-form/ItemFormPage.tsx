import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Row,
  Segmented,
  Select,
  Space,
  Typography,
} from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { TPlanItemDetail, TPlanTreeNode, TProblem } from '../../../../common';
import { PLAN_ITEM_KINDS, RECURRENCES } from '../../../../common/enums';
import { LIMITS } from '../../../../common/limits';
import { isApiError } from '../../api/client';
import { useCreateItem, useItem, useUpdateItem } from '../../api/items';
import { useAllOrgUnits } from '../../api/org-units';
import { usePlanTree } from '../../api/plans';
import { useRememberPlan } from '../../app/current-plan';
import { useAuth } from '../../auth/auth-context';
import { Forbidden, PageLoading, ProblemAlert, QueryError } from '../../components/Feedback';
import { GroupTreeSelect } from '../../components/GroupTreeSelect';
import { OrgUnitSelect } from '../../components/OrgUnitSelect';
import { fieldLabel, useT } from '../../i18n';
import { DATE_FORMAT } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import {
  bodyFromValues,
  changedFields,
  emptyValues,
  type FormField,
  type ItemFormValues,
  isFormField,
  pick,
  valuesFromItem,
} from './item-form-values';

function findNode(nodes: TPlanTreeNode[], id: string | null): TPlanTreeNode | undefined {
  if (!id) return undefined;
  for (const n of nodes) {
    if (n.id === id) return n;
    const found = findNode(n.children, id);
    if (found) return found;
  }
  return undefined;
}

/** /items/:itemId/edit and /plans/:planId/items/new?parent=… */
export default function ItemFormPage() {
  const { itemId, planId: planIdParam } = useParams<{ itemId?: string; planId?: string }>();
  const [search] = useSearchParams();
  const canManage = useAuth().can('plan_items.manage');
  const item = useItem(canManage ? itemId : undefined);
  const planId = item.data?.planId ?? planIdParam;
  const tree = usePlanTree(canManage ? planId : undefined);
  useRememberPlan(planId);

  if (!canManage) return <Forbidden />;
  const error = item.error ?? tree.error;
  if (error)
    return <QueryError error={error} onRetry={() => void Promise.all([item.refetch(), tree.refetch()])} />;
  if ((itemId && !item.data) || !tree.data || !planId) return <PageLoading />;
  return (
    <ItemForm
      key={itemId ?? 'new'}
      planId={planId}
      roots={tree.data.roots}
      item={item.data}
      refetchItem={async () => (await item.refetch()).data}
      parentId={search.get('parent')}
    />
  );
}

interface ItemFormProps {
  planId: string;
  roots: TPlanTreeNode[];
  /** absent when creating */
  item?: TPlanItemDetail;
  refetchItem: () => Promise<TPlanItemDetail | undefined>;
  parentId: string | null;
}

interface Conflict {
  version: number;
  latest?: TPlanItemDetail;
}

function ItemForm({ planId, roots, item, refetchItem, parentId }: ItemFormProps) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<ItemFormValues>();
  const orgUnits = useAllOrgUnits();
  const create = useCreateItem(planId);
  const update = useUpdateItem(item?.id ?? '');
  /** the version the edit is based on; replaced when the user reloads after a conflict */
  const [base, setBase] = useState<TPlanItemDetail | undefined>(item);
  const [problem, setProblem] = useState<TProblem | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const initialValues = useMemo(
    () => (item ? valuesFromItem(item) : emptyValues(findNode(roots, parentId), roots)),
    [item, roots, parentId],
  );
  useDocumentTitle(item ? t.form.editTitle(item.code) : t.form.createTitle);
  const alertsRef = useRef<HTMLDivElement>(null);
  const scrollToAlerts = () =>
    requestAnimationFrame(() => alertsRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' }));

  const unitName = (id: string | undefined) => {
    const u = id ? orgUnits.byId.get(id) : undefined;
    return u ? (u.shortName ?? u.name) : undefined;
  };

  /** Field errors go under their fields; "cooperatorIds.1" names the unit at that position. */
  const showProblem = (p: TProblem) => {
    const byField = new Map<FormField, string[]>();
    let unmapped = 0;
    for (const e of p.errors ?? []) {
      const [head, index] = e.field.split('.');
      if (!head || !isFormField(head)) {
        unmapped += 1;
        continue;
      }
      let text = e.message;
      if (head === 'cooperatorIds' && index !== undefined) {
        const name = unitName(form.getFieldValue('cooperatorIds')?.[Number(index)]);
        if (name) text = `${name}: ${text}`;
      }
      byField.set(head, [...(byField.get(head) ?? []), text]);
    }
    // When every error sits under its field, the alert only points there instead of repeating them.
    setProblem(byField.size > 0 && unmapped === 0 ? { ...p, detail: t.form.checkFields } : p);
    if (byField.size > 0) {
      form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
      form.scrollToField([...byField.keys()][0]!, { block: 'center' });
    } else {
      scrollToAlerts();
    }
  };

  const onFinish = async (values: ItemFormValues) => {
    setProblem(null);
    const body = bodyFromValues(values);
    try {
      if (!item || !base) {
        const created = await create.mutateAsync(body);
        void message.success(t.form.created);
        navigate(`/items/${created.id}`);
        return;
      }
      const fields = changedFields(bodyFromValues(valuesFromItem(base)), body);
      if (fields.length === 0) {
        void message.info(t.form.noChanges);
        navigate(`/items/${item.id}`);
        return;
      }
      await update.mutateAsync({ version: base.version, ...pick(body, fields) });
      void message.success(t.form.saved);
      navigate(`/items/${item.id}`);
    } catch (error) {
      if (!isApiError(error)) throw error;
      if (error.code === 'version_conflict') {
        const current = error.problem.current as { version?: unknown } | undefined;
        const version = typeof current?.version === 'number' ? current.version : (base?.version ?? 0) + 1;
        setConflict({ version });
        scrollToAlerts();
        const latest = await refetchItem();
        if (latest) setConflict({ version: Math.max(version, latest.version), latest });
        return;
      }
      showProblem(error.problem);
    }
  };

  /** Drop local edits and start again from the server's latest version. */
  const reloadLatest = async () => {
    const latest = conflict?.latest ?? (await refetchItem());
    if (!latest) return;
    setBase(latest);
    form.resetFields();
    form.setFieldsValue(valuesFromItem(latest));
    setConflict(null);
    setProblem(null);
  };

  /** Put the user's changed fields on top of the latest version; they review and save again. */
  const keepMine = async () => {
    const latest = conflict?.latest ?? (await refetchItem());
    if (!latest || !base) return;
    const current = form.getFieldsValue(true) as ItemFormValues;
    const mine = changedFields(bodyFromValues(valuesFromItem(base)), bodyFromValues(current));
    const merged: ItemFormValues = { ...valuesFromItem(latest) };
    for (const f of mine) (merged as unknown as Record<string, unknown>)[f] = current[f];
    setBase(latest);
    form.setFieldsValue(merged);
    setConflict(null);
    void message.info(t.form.rebased);
  };

  const theirs =
    conflict?.latest && base
      ? changedFields(bodyFromValues(valuesFromItem(base)), bodyFromValues(valuesFromItem(conflict.latest)))
      : [];
  const saving = create.isPending || update.isPending;
  const cancelTo = item ? `/items/${item.id}` : `/plans/${planId}`;
  const kind = Form.useWatch('kind', form);

  return (
    <div className="lt-page lt-form-page" data-testid="item-form">
      <Typography.Title level={4} className="lt-page-title">
        {item ? t.form.editTitle(item.code) : t.form.createTitle}
      </Typography.Title>
      {item ? (
        <Typography.Paragraph type="secondary" className="lt-form-subtitle">
          {item.title}
        </Typography.Paragraph>
      ) : null}

      <div ref={alertsRef} className="lt-form-alerts" />
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          className="lt-form-alert"
          data-testid="conflict-alert"
          title={t.form.conflictTitle}
          description={
            <div>
              <div>{t.form.conflictText(conflict.version)}</div>
              {theirs.length > 0 ? (
                <div className="lt-conflict-fields">
                  {t.form.conflictFields} {theirs.map((f) => fieldLabel(t, f)).join(', ')}
                </div>
              ) : null}
              <Space wrap className="lt-conflict-actions">
                <Button type="primary" onClick={() => void reloadLatest()} data-testid="conflict-reload">
                  {t.form.reloadLatest}
                </Button>
                <Button onClick={() => void keepMine()} data-testid="conflict-keep">
                  {t.form.keepMine}
                </Button>
              </Space>
            </div>
          }
        />
      ) : null}
      {problem ? (
        <div className="lt-form-alert">
          <ProblemAlert problem={problem} title={t.form.failed} onClose={() => setProblem(null)} />
        </div>
      ) : null}

      <Form<ItemFormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={onFinish}
        scrollToFirstError={{ block: 'center' }}
        requiredMark
        disabled={saving}
      >
        <Card size="small" title={t.form.sectionGeneral} className="lt-form-card">
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="kind" label={t.field.kind}>
                <Segmented<ItemFormValues['kind']>
                  block
                  options={PLAN_ITEM_KINDS.map((k) => ({ value: k, label: t.kindShort[k] }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="parentId"
                label={t.field.parentId}
                extra={kind === 'group' ? t.form.topLevelHint : undefined}
              >
                <GroupTreeSelect roots={roots} excludeId={item?.id} placeholder={t.form.topLevel} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="code"
                label={t.field.code}
                extra={t.form.codeHint}
                rules={[{ required: true, whitespace: true, message: t.form.required(t.field.code) }]}
              >
                <Input maxLength={LIMITS.codeLength} showCount autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item
                name="title"
                label={t.field.title}
                rules={[{ required: true, whitespace: true, message: t.form.required(t.field.title) }]}
              >
                <Input.TextArea
                  maxLength={LIMITS.titleLength}
                  showCount
                  autoSize={{ minRows: 2, maxRows: 6 }}
                />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="description" label={t.field.description}>
                <Input.TextArea
                  maxLength={LIMITS.textLength}
                  showCount
                  autoSize={{ minRows: 3, maxRows: 12 }}
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card size="small" title={t.form.sectionAssignment} className="lt-form-card">
          <Row gutter={16}>
            <Col xs={24} md={10}>
              <Form.Item name="leadOrgUnitId" label={t.field.leadOrgUnitId}>
                <OrgUnitSelect placeholder={t.form.selectUnit} />
              </Form.Item>
            </Col>
            <Col xs={24} md={14}>
              <Form.Item name="cooperatorIds" label={t.field.cooperatorIds}>
                <OrgUnitSelect mode="multiple" placeholder={t.form.selectUnits} maxTagCount="responsive" />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card size="small" title={t.form.sectionTime} className="lt-form-card">
          <Row gutter={16}>
            <Col xs={24} sm={12} md={6}>
              <Form.Item name="startDate" label={t.field.startDate}>
                <DatePicker format={DATE_FORMAT} placeholder={t.form.selectDate} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item
                name="deadline"
                label={t.field.deadline}
                dependencies={['startDate']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, value: ItemFormValues['deadline']) => {
                      const start = getFieldValue('startDate') as ItemFormValues['startDate'];
                      return value && start && value.isBefore(start, 'day')
                        ? Promise.reject(new Error(t.form.deadlineBeforeStart))
                        : Promise.resolve();
                    },
                  }),
                ]}
              >
                <DatePicker format={DATE_FORMAT} placeholder={t.form.selectDate} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item name="recurrence" label={t.field.recurrence}>
                <Select options={RECURRENCES.map((r) => ({ value: r, label: t.recurrence[r] }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item
                name="completedOn"
                label={t.field.completedOn}
                dependencies={['progress']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, value: ItemFormValues['completedOn']) =>
                      value && Number(getFieldValue('progress')) < 100
                        ? Promise.reject(new Error(t.form.completedNeedsFull))
                        : Promise.resolve(),
                  }),
                ]}
              >
                <DatePicker format={DATE_FORMAT} placeholder={t.form.selectDate} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card size="small" title={t.form.sectionResult} className="lt-form-card">
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="expectedProduct" label={t.field.expectedProduct}>
                <Input maxLength={LIMITS.nameLength} showCount />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="weight" label={t.field.weight}>
                <InputNumber min={0} max={100} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="progress" label={t.field.progress}>
                <InputNumber min={0} max={100} step={5} precision={0} suffix="%" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <div className="lt-form-actions">
          <Button onClick={() => navigate(cancelTo)} disabled={false}>
            {t.common.cancel}
          </Button>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="save-button">
            {t.common.save}
          </Button>
        </div>
      </Form>
    </div>
  );
}
