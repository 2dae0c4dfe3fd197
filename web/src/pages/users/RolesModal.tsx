import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, List, Modal, Popconfirm, Select, Typography } from 'antd';
import { useState } from 'react';
import type { TProblem } from '../../../../common';
import type { TUser } from '../../../../common/contracts/users';
import { ROLES, type Role } from '../../../../common/roles';
import { isApiError } from '../../api/client';
import { useUserMutations } from '../../api/users';
import { ProblemAlert } from '../../components/Feedback';
import { OrgUnitSelect } from '../../components/OrgUnitSelect';
import { useT } from '../../i18n';

interface AssignValues {
  role?: Role;
  orgUnitId?: string;
}

/** Lists a user's roles, removes one, adds one. `user` is the fresh row from the list query. */
export function RolesModal({ user, onClose }: { user: TUser | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<AssignValues>();
  const [problem, setProblem] = useState<TProblem | null>(null);
  const { addAssignment, removeAssignment } = useUserMutations();

  const close = () => {
    form.resetFields();
    setProblem(null);
    onClose();
  };

  const fail = (error: unknown) => {
    if (!isApiError(error)) throw error;
    setProblem(error.problem);
  };

  const assign = async (values: AssignValues) => {
    if (!user) return;
    setProblem(null);
    try {
      await addAssignment.mutateAsync({
        id: user.id,
        version: user.version,
        role: values.role!,
        orgUnitId: values.orgUnitId!,
      });
      form.resetFields();
      void message.success(t.users.assigned);
    } catch (error) {
      fail(error);
    }
  };

  const unassign = async (assignmentId: string) => {
    if (!user) return;
    setProblem(null);
    try {
      await removeAssignment.mutateAsync({ id: user.id, assignmentId, version: user.version });
      void message.success(t.users.unassigned);
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Modal
      open={user !== null}
      title={user ? t.users.rolesTitle(user.username) : undefined}
      onCancel={close}
      footer={<Button onClick={close}>{t.common.close}</Button>}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t.users.rolesText}</Typography.Paragraph>
      {problem ? (
        <ProblemAlert problem={problem} title={t.users.failed} onClose={() => setProblem(null)} />
      ) : null}
      <List
        size="small"
        bordered
        data-testid="roles-list"
        dataSource={user?.assignments ?? []}
        renderItem={(a) => (
          <List.Item
            data-testid="roles-item"
            actions={[
              <Popconfirm
                key="remove"
                title={t.users.unassignTitle}
                okText={t.users.removeAssignment}
                cancelText={t.common.cancel}
                okButtonProps={{ danger: true }}
                onConfirm={() => unassign(a.id)}
              >
                <Button
                  type="text"
                  danger
                  size="small"
                  icon={<DeleteOutlined />}
                  aria-label={t.users.removeAssignment}
                  title={t.users.removeAssignment}
                  loading={removeAssignment.isPending}
                />
              </Popconfirm>,
            ]}
          >
            <span>
              <strong>{t.roles[a.role]}</strong> · {a.orgUnit.name}
            </span>
          </List.Item>
        )}
      />
      <Form<AssignValues>
        form={form}
        layout="vertical"
        className="lt-roles-form"
        data-testid="roles-form"
        onFinish={(v) => void assign(v)}
      >
        <Form.Item
          name="role"
          label={t.users.role}
          rules={[{ required: true, message: t.users.roleRequired }]}
        >
          <Select
            placeholder={t.users.role}
            options={ROLES.map((r) => ({ value: r, label: t.roles[r] }))}
            data-testid="roles-role"
          />
        </Form.Item>
        <Form.Item
          name="orgUnitId"
          label={t.users.orgUnit}
          rules={[{ required: true, message: t.users.orgUnitRequired }]}
        >
          <OrgUnitSelect placeholder={t.form.selectUnit} data-testid="roles-unit" />
        </Form.Item>
        <Button
          htmlType="submit"
          icon={<PlusOutlined />}
          loading={addAssignment.isPending}
          data-testid="roles-add"
        >
          {t.users.assign}
        </Button>
      </Form>
    </Modal>
  );
}
