import {
  ApartmentOutlined,
  KeyOutlined,
  MinusCircleOutlined,
  PlusOutlined,
  StopOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import {
  App,
  Button,
  Drawer,
  Form,
  Grid,
  Input,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { TProblem } from '../../../../common';
import type { TUser } from '../../../../common/contracts/users';
import { LIMITS } from '../../../../common/limits';
import { ROLES, type Role } from '../../../../common/roles';
import { isApiError } from '../../api/client';
import { type CreateUserBody, useUserMutations, useUsers } from '../../api/users';
import { useAuth } from '../../auth/auth-context';
import { Forbidden, ProblemAlert, QueryError } from '../../components/Feedback';
import { OrgUnitSelect } from '../../components/OrgUnitSelect';
import { type Messages, useT } from '../../i18n';
import { useDocumentTitle } from '../../lib/use-document-title';
import { applyFieldErrors } from './field-errors';
import { RolesModal } from './RolesModal';

const PAGE_SIZE = 20;

function StatusTags({ user, t }: { user: TUser; t: Messages }) {
  return (
    <Space size={[0, 4]} wrap>
      {user.disabled ? (
        <Tag color="red">{t.users.disabled}</Tag>
      ) : user.locked ? (
        <Tag color="orange">{t.users.locked}</Tag>
      ) : (
        <Tag color="green">{t.users.active}</Tag>
      )}
      {user.mustChangePassword ? <Tag color="gold">{t.users.mustChange}</Tag> : null}
    </Space>
  );
}

export default function UsersPage() {
  const t = useT();
  const { can } = useAuth();
  const { modal, message } = App.useApp();
  const isAdmin = can('users.manage');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<TUser | null>(null);
  const [editingRolesOf, setEditingRolesOf] = useState<string | null>(null);
  const users = useUsers({ q: q || undefined, page, pageSize: PAGE_SIZE });
  const { setDisabled } = useUserMutations();
  useDocumentTitle(t.users.title);

  if (!isAdmin && !can('audit.read')) return <Forbidden />;
  if (users.error && !users.data)
    return <QueryError error={users.error} onRetry={() => void users.refetch()} />;

  const toggle = (user: TUser) => {
    const disabling = !user.disabled;
    modal.confirm({
      title: disabling ? t.users.disableTitle(user.username) : t.users.enableTitle(user.username),
      content: disabling ? t.users.disableText : t.users.enableText,
      okText: disabling ? t.users.disable : t.users.enable,
      okButtonProps: { danger: disabling },
      cancelText: t.common.cancel,
      onOk: async () => {
        try {
          await setDisabled.mutateAsync({ id: user.id, disabled: disabling });
          void message.success(disabling ? t.users.disabledDone : t.users.enabledDone);
        } catch (error) {
          if (!isApiError(error)) throw error;
          void message.error(`${t.users.failed}: ${error.problem.detail}`);
        }
      },
    });
  };

  const columns: TableColumnsType<TUser> = [
    {
      key: 'user',
      title: t.users.username,
      render: (_, u) => (
        <div>
          <div className="lt-user-cell-login">{u.username}</div>
          <Typography.Text type="secondary">{u.displayName}</Typography.Text>
        </div>
      ),
    },
    {
      key: 'roles',
      title: t.users.roles,
      render: (_, u) => (
        <Space size={[0, 4]} wrap>
          {u.assignments.map((a) => (
            <Tag key={`${a.role}-${a.orgUnit.id}`} title={`${t.roles[a.role]} · ${a.orgUnit.name}`}>
              {t.roles[a.role]} · {a.orgUnit.shortName ?? a.orgUnit.name}
            </Tag>
          ))}
        </Space>
      ),
    },
    { key: 'status', title: t.users.status, render: (_, u) => <StatusTags user={u} t={t} /> },
  ];
  if (isAdmin) {
    columns.push({
      key: 'actions',
      title: t.columns.actions,
      render: (_, u) => (
        <Space size={4} wrap>
          <Button
            size="small"
            icon={u.disabled ? <UnlockOutlined /> : <StopOutlined />}
            danger={!u.disabled}
            onClick={() => toggle(u)}
            data-testid="user-toggle"
          >
            {u.disabled ? t.users.enable : t.users.disable}
          </Button>
          <Button
            size="small"
            icon={<KeyOutlined />}
            onClick={() => setResetting(u)}
            data-testid="user-reset"
          >
            {t.users.resetPassword}
          </Button>
          <Button
            size="small"
            icon={<ApartmentOutlined />}
            onClick={() => setEditingRolesOf(u.id)}
            data-testid="user-roles"
          >
            {t.users.manageRoles}
          </Button>
        </Space>
      ),
    });
  }

  return (
    <div className="lt-page">
      <div className="lt-page-head">
        <Typography.Title level={4} className="lt-page-title">
          {t.users.title}
        </Typography.Title>
        {isAdmin ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="user-create-button"
          >
            {t.users.create}
          </Button>
        ) : null}
      </div>
      <Input.Search
        allowClear
        className="lt-users-search"
        placeholder={t.users.search}
        maxLength={LIMITS.searchLength}
        onSearch={(value) => {
          setQ(value.trim());
          setPage(1);
        }}
        data-testid="user-search"
      />
      <Table<TUser>
        data-testid="users-table"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={users.data?.items ?? []}
        loading={users.isFetching}
        locale={{ emptyText: t.users.empty }}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: users.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => t.users.total(n),
          onChange: setPage,
        }}
      />
      {isAdmin ? <CreateUserDrawer open={creating} onClose={() => setCreating(false)} /> : null}
      {isAdmin ? <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} /> : null}
      {isAdmin ? (
        <RolesModal
          // the list's row, so the version follows each change
          user={users.data?.items.find((u) => u.id === editingRolesOf) ?? null}
          onClose={() => setEditingRolesOf(null)}
        />
      ) : null}
    </div>
  );
}

interface CreateValues {
  username: string;
  displayName: string;
  password: string;
  assignments: { role?: Role; orgUnitId?: string }[];
}
const CREATE_FIELDS = ['username', 'displayName', 'password', 'assignments'] as const;

function CreateUserDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const wide = Grid.useBreakpoint().sm === true;
  const [form] = Form.useForm<CreateValues>();
  const [problem, setProblem] = useState<TProblem | null>(null);
  const { create } = useUserMutations();

  const close = () => {
    form.resetFields();
    setProblem(null);
    onClose();
  };

  const submit = async (values: CreateValues) => {
    setProblem(null);
    const body: CreateUserBody = {
      username: values.username.trim(),
      displayName: values.displayName.trim(),
      password: values.password,
      assignments: values.assignments.map((a) => ({ role: a.role!, orgUnitId: a.orgUnitId! })),
    };
    try {
      const user = await create.mutateAsync(body);
      void message.success(t.users.created(user.username));
      close();
    } catch (error) {
      if (!isApiError(error)) throw error;
      const allMapped = applyFieldErrors(form, error.problem, CREATE_FIELDS);
      if (!allMapped) setProblem(error.problem);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={close}
      title={t.users.createTitle}
      size={wide ? 480 : '100%'}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={close}>{t.common.cancel}</Button>
          <Button
            type="primary"
            loading={create.isPending}
            onClick={() => form.submit()}
            data-testid="user-submit"
          >
            {t.users.create}
          </Button>
        </Space>
      }
    >
      {problem ? (
        <ProblemAlert problem={problem} title={t.users.failed} onClose={() => setProblem(null)} />
      ) : null}
      <Form<CreateValues>
        form={form}
        layout="vertical"
        data-testid="user-form"
        initialValues={{ assignments: [{}] }}
        onFinish={(v) => void submit(v)}
        requiredMark
      >
        <Form.Item
          name="username"
          label={t.users.username}
          rules={[{ required: true, whitespace: true, message: t.form.required(t.users.username) }]}
        >
          <Input autoComplete="off" maxLength={50} />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t.users.displayName}
          rules={[{ required: true, whitespace: true, message: t.form.required(t.users.displayName) }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t.users.tempPassword}
          extra={
            <>
              {t.password.rules}
              <br />
              {t.users.tempPasswordHint}
            </>
          }
          rules={[{ required: true, message: t.form.required(t.users.tempPassword) }]}
        >
          <Input.Password autoComplete="new-password" maxLength={200} />
        </Form.Item>
        <Typography.Text strong>{t.users.assignments}</Typography.Text>
        <Form.List name="assignments">
          {(fields, { add, remove }) => (
            <div className="lt-assignment-list">
              {fields.map((field) => (
                <div key={field.key} className="lt-assignment-row" data-testid="assignment-row">
                  <Form.Item
                    name={[field.name, 'role']}
                    label={t.users.role}
                    rules={[{ required: true, message: t.users.roleRequired }]}
                  >
                    <Select
                      placeholder={t.users.role}
                      options={ROLES.map((r) => ({ value: r, label: t.roles[r] }))}
                      data-testid="assignment-role"
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'orgUnitId']}
                    label={t.users.orgUnit}
                    rules={[{ required: true, message: t.users.orgUnitRequired }]}
                  >
                    <OrgUnitSelect placeholder={t.form.selectUnit} data-testid="assignment-unit" />
                  </Form.Item>
                  {fields.length > 1 ? (
                    <Button
                      type="text"
                      danger
                      icon={<MinusCircleOutlined />}
                      aria-label={t.users.removeAssignment}
                      title={t.users.removeAssignment}
                      onClick={() => remove(field.name)}
                    />
                  ) : null}
                </div>
              ))}
              {fields.length < 20 ? (
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})}>
                  {t.users.addAssignment}
                </Button>
              ) : null}
            </div>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}

function ResetPasswordModal({ user, onClose }: { user: TUser | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const [problem, setProblem] = useState<TProblem | null>(null);
  const { resetPassword } = useUserMutations();

  const close = () => {
    form.resetFields();
    setProblem(null);
    onClose();
  };

  const submit = async ({ password }: { password: string }) => {
    if (!user) return;
    setProblem(null);
    try {
      await resetPassword.mutateAsync({ id: user.id, version: user.version, password });
      void message.success(t.users.resetDone);
      close();
    } catch (error) {
      if (!isApiError(error)) throw error;
      if (!applyFieldErrors(form, error.problem, ['password'])) setProblem(error.problem);
    }
  };

  return (
    <Modal
      open={user !== null}
      title={user ? t.users.resetTitle(user.username) : undefined}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t.users.resetPassword}
      cancelText={t.common.cancel}
      confirmLoading={resetPassword.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t.users.resetText}</Typography.Paragraph>
      {problem ? (
        <ProblemAlert problem={problem} title={t.users.failed} onClose={() => setProblem(null)} />
      ) : null}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="reset-password-form">
        <Form.Item
          name="password"
          label={t.users.tempPassword}
          extra={t.password.rules}
          rules={[{ required: true, message: t.form.required(t.users.tempPassword) }]}
        >
          <Input.Password autoComplete="new-password" maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
