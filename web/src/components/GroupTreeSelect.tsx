import { TreeSelect, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import type { TPlanTreeNode } from '../../../common';
import { foldForSearch } from '../../../common/vietnamese';

interface GroupOption {
  value: string;
  title: string;
  search: string;
  children: GroupOption[];
}

function toOptions(nodes: TPlanTreeNode[], excludeId?: string): GroupOption[] {
  return nodes
    .filter((n) => n.kind === 'group' && n.id !== excludeId)
    .map((n) => ({
      value: n.id,
      title: `${n.code} ${n.title}`,
      search: foldForSearch(`${n.code} ${n.title}`),
      children: toOptions(n.children, excludeId),
    }));
}

type Props = Omit<TreeSelectProps<string, GroupOption>, 'treeData' | 'showSearch'> & {
  roots: TPlanTreeNode[];
  /** an item being moved cannot go under itself (its subtree is left out with it) */
  excludeId?: string;
};

/** Picks a group of the plan tree; the search ignores diacritics. */
export function GroupTreeSelect({ roots, excludeId, ...props }: Props) {
  const treeData = useMemo(() => toOptions(roots, excludeId), [roots, excludeId]);
  return (
    <TreeSelect<string, GroupOption>
      allowClear
      treeDefaultExpandAll={false}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'min(640px, 94vw)' } } }}
      {...props}
      treeData={treeData}
      showSearch={{
        filterTreeNode: (input, node) =>
          !!(node as unknown as GroupOption).search?.includes(foldForSearch(input.trim())),
      }}
    />
  );
}
