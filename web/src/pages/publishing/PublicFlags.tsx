import { Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { TPublicFlagItem } from '../../../../common/contracts/publishing';
import { usePlans } from '../../api/plans';
import { useCurrentPlanId } from '../../app/current-plan';
import { QueryError } from '../../components/Feedback';
import { useT } from '../../i18n';
import { usePublicFlags, useSetPublicFlags } from './api';

/** Every item under `id` (itself included), from the flat list's parent links. */
function subtree(items: TPublicFlagItem[], id: string): string[] {
  const children = new Map<string, string[]>();
  for (const item of items) {
    if (item.parentId) children.set(item.parentId, [...(children.get(item.parentId) ?? []), item.id]);
  }
  const out: string[] = [];
  const walk = (at: string) => {
    out.push(at);
    for (const child of children.get(at) ?? []) walk(child);
  };
  walk(id);
  return out;
}

/**
 * Which plan items the public sees at the next publication. A group's switch turns the group and
 * everything under it on or off at once; a task's switch only the task.
 */
export function PublicFlags() {
  const t = useT();
  const s = t.publishing;
  const plans = usePlans({ pageSize: 100 });
  const remembered = useCurrentPlanId();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const planId = chosen ?? remembered ?? plans.data?.items[0]?.id;
  const flags = usePublicFlags(planId);
  const save = useSetPublicFlags();
  const items = flags.data?.items ?? [];
  const depth = useMemo(() => new Map(items.map((i) => [i.id, i.code.split('.').length - 1])), [items]);
  const publicCount = items.filter((i) => i.isPublic && i.kind !== 'group').length;

  if (flags.error) return <QueryError error={flags.error} onRetry={() => void flags.refetch()} />;
  return (
    <section aria-labelledby="public-flags">
      <Typography.Title level={5} id="public-flags">
        {s.flagsTitle}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{s.flagsLead}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{s.plan}</span>
        <Select
          aria-label={s.plan}
          style={{ minWidth: 280 }}
          value={planId}
          onChange={setChosen}
          options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.number} — ${p.title}` }))}
        />
        <Tag color="blue">{s.publicTasks(publicCount)}</Tag>
      </Space>
      <Table<TPublicFlagItem>
        rowKey="id"
        size="small"
        loading={flags.isLoading}
        dataSource={items}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        scroll={{ x: 560 }}
        columns={[
          { title: s.code, dataIndex: 'code', width: 90 },
          {
            title: s.item,
            dataIndex: 'title',
            render: (title: string, item) => (
              <span style={{ paddingLeft: (depth.get(item.id) ?? 0) * 16 }}>
                {item.kind === 'group' ? <strong>{title}</strong> : title}
              </span>
            ),
          },
          {
            title: s.isPublic,
            dataIndex: 'isPublic',
            width: 150,
            render: (isPublic: boolean, item) => (
              <Switch
                checked={isPublic}
                loading={save.isPending && save.variables?.itemIds.includes(item.id)}
                aria-label={item.kind === 'group' ? s.toggleGroup(item.code) : s.toggleItem(item.code)}
                checkedChildren={s.on}
                unCheckedChildren={s.off}
                onChange={(checked) =>
                  save.mutate({
                    planId: planId!,
                    itemIds: item.kind === 'group' ? subtree(items, item.id) : [item.id],
                    isPublic: checked,
                  })
                }
              />
            ),
          },
        ]}
      />
    </section>
  );
}
