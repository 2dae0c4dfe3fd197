import type { TPlanTreeNode } from '../../../../common';
import { foldForSearch } from '../../../../common/vietnamese';

/** A tree node as the table wants it: no `children` key on leaves, or antd draws an expand icon. */
export type TreeRow = Omit<TPlanTreeNode, 'children'> & { depth: number; children?: TreeRow[] };

export function toRows(nodes: TPlanTreeNode[], depth = 0): TreeRow[] {
  return nodes.map(({ children, ...node }) =>
    children.length > 0 ? { ...node, depth, children: toRows(children, depth + 1) } : { ...node, depth },
  );
}

function searchText(row: TreeRow): string {
  return foldForSearch([row.code, row.title, row.lead?.shortName, row.lead?.name].filter(Boolean).join(' '));
}

/** Rows matching the folded needle, with their ancestors; a matching group keeps its whole subtree. */
export function filterRows(rows: TreeRow[], needle: string): TreeRow[] {
  if (!needle) return rows;
  const out: TreeRow[] = [];
  for (const row of rows) {
    if (searchText(row).includes(needle)) {
      out.push(row);
      continue;
    }
    const children = row.children ? filterRows(row.children, needle) : [];
    if (children.length > 0) out.push({ ...row, children });
  }
  return out;
}

export function groupIds(rows: TreeRow[], acc: string[] = []): string[] {
  for (const row of rows) {
    if (row.children) {
      acc.push(row.id);
      groupIds(row.children, acc);
    }
  }
  return acc;
}
