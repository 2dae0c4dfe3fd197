import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { TProblem } from '../../../../common';
import type { TSynonymGroup } from '../../../../common/contracts/search-synonyms';
import { isApiError } from '../../api/client';
import { useDeleteSynonymGroup, useSaveSynonymGroup, useSynonymGroups } from '../../api/search-synonyms';
import { useAuth } from '../../auth/auth-context';
import { ProblemAlert, QueryError } from '../../components/Feedback';
import { useT } from '../../i18n';
import { useDocumentTitle } from '../../lib/use-document-title';

/** The add/edit dialog: the forms of one group as tags (type one, press Enter). */
function GroupDialog({ group, onClose }: { group: TSynonymGroup | 'new'; onClose: () => void }) {
  const t = useT();
  const s = t.searchSynonyms;
  const { message } = App.useApp();
  const [form] = Form.useForm<{ forms: string[] }>();
  const [problem, setProblem] = useState<TProblem | null>(null);
  const save = useSaveSynonymGroup();
  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setProblem(null);
    try {
      await save.mutateAsync(
        group === 'new'
          ? { forms: values.forms }
          : { id: group.id, version: group.version, forms: values.forms },
      );
      void message.success(s.saved);
      onClose();
    } catch (error) {
      if (!isApiError(error)) throw error;
      setProblem(error.problem);
    }
  };
  return (
    <Modal
      open
      title={group === 'new' ? s.addTitle : s.editTitle}
      okText={t.common.save}
      cancelText={t.common.cancel}
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ loading: save.isPending }}
      destroyOnHidden
    >
      {problem ? <ProblemAlert problem={problem} title={s.saveFailed} /> : null}
      <Form form={form} layout="vertical" initialValues={{ forms: group === 'new' ? [] : group.forms }}>
        <Form.Item
          name="forms"
          label={s.forms}
          extra={s.formsHint}
          rules={[{ type: 'array', min: 2, message: s.formsMin }]}
        >
          <Select mode="tags" open={false} tokenSeparators={[';']} data-testid="synonym-forms" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** "Từ đồng nghĩa khi tìm kiếm": the secretariat keeps the abbreviations every search knows. */
export default function SearchSynonymsPage() {
  const t = useT();
  const s = t.searchSynonyms;
  const { can } = useAuth();
  const { message } = App.useApp();
  const groups = useSynonymGroups();
  const remove = useDeleteSynonymGroup();
  const [editing, setEditing] = useState<TSynonymGroup | 'new' | null>(null);
  useDocumentTitle(s.title);
  const manage = can('search_synonyms.manage');

  if (groups.error) return <QueryError error={groups.error} onRetry={() => void groups.refetch()} />;
  return (
    <div className="lt-page">
      <div className="lt-page-head">
        <Typography.Title level={4} className="lt-page-title">
          {s.title}
        </Typography.Title>
        {manage ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="synonym-add"
          >
            {s.add}
          </Button>
        ) : null}
      </div>
      <Alert type="info" showIcon title={s.lead} style={{ marginBottom: 16 }} />
      <Table<TSynonymGroup>
        rowKey="id"
        size="small"
        loading={groups.isLoading}
        dataSource={groups.data ?? []}
        pagination={false}
        data-testid="synonym-table"
        columns={[
          {
            key: 'forms',
            title: s.forms,
            render: (_, g) => (
              <Space size={[4, 4]} wrap>
                {g.forms.map((f) => (
                  <Tag key={f}>{f}</Tag>
                ))}
              </Space>
            ),
          },
          ...(manage
            ? [
                {
                  key: 'actions',
                  title: '',
                  width: 160,
                  render: (_: unknown, g: TSynonymGroup) => (
                    <Space>
                      <Button size="small" onClick={() => setEditing(g)}>
                        {t.common.edit}
                      </Button>
                      <Popconfirm
                        title={s.deleteConfirm}
                        okText={s.delete}
                        cancelText={t.common.cancel}
                        onConfirm={() =>
                          remove.mutateAsync(g).then(
                            () => void message.success(s.deleted),
                            () => void message.error(s.deleteFailed),
                          )
                        }
                      >
                        <Button size="small" danger>
                          {s.delete}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing ? <GroupDialog group={editing} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}
