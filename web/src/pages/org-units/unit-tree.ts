import type { TOrgUnit, TOrgUnitNode } from '../../../../common';
import { ORG_UNIT_KINDS, type OrgUnitKind } from '../../../../common/enums';
import { compareVietnamese, foldForSearch } from '../../../../common/vietnamese';

/** A unit with its sorted children, the kinds of units below it and its folded search text. */
export interface UnitView {
  unit: TOrgUnit;
  parentId: string | null;
  children: UnitView[];
  /** units of each kind anywhere below this one */
  below: Partial<Record<OrgUnitKind, number>>;
  search: string;
}

/**
 * Siblings are grouped by kind (party bodies, departments, communes, wards…) and sorted by name
 * in Vietnamese order within a kind: under the province, 130 communes would otherwise interleave
 * with the departments.
 */
export function compareUnits(a: TOrgUnit, b: TOrgUnit): number {
  return ORG_UNIT_KINDS.indexOf(a.kind) - ORG_UNIT_KINDS.indexOf(b.kind) || compareVietnamese(a.name, b.name);
}

export function buildUnitViews(nodes: TOrgUnitNode[]): UnitView[] {
  return [...nodes].sort(compareUnits).map(({ children, ...unit }) => {
    const views = buildUnitViews(children);
    const below: Partial<Record<OrgUnitKind, number>> = {};
    for (const child of views) {
      below[child.unit.kind] = (below[child.unit.kind] ?? 0) + 1;
      for (const [kind, n] of Object.entries(child.below) as [OrgUnitKind, number][]) {
        below[kind] = (below[kind] ?? 0) + n;
      }
    }
    return {
      unit,
      parentId: unit.parentId,
      children: views,
      below,
      search: foldForSearch(`${unit.code} ${unit.name} ${unit.shortName ?? ''}`),
    };
  });
}

export function indexUnits(views: UnitView[], acc = new Map<string, UnitView>()): Map<string, UnitView> {
  for (const v of views) {
    acc.set(v.unit.id, v);
    indexUnits(v.children, acc);
  }
  return acc;
}

/** Matching units with their ancestors; returns the kept tree and how many units matched. */
export function filterUnits(views: UnitView[], needle: string): { views: UnitView[]; matches: number } {
  if (!needle) return { views, matches: 0 };
  let matches = 0;
  const walk = (list: UnitView[]): UnitView[] => {
    const out: UnitView[] = [];
    for (const v of list) {
      const hit = v.search.includes(needle);
      if (hit) matches += 1;
      const children = walk(v.children);
      if (hit || children.length > 0) out.push({ ...v, children });
    }
    return out;
  };
  return { views: walk(views), matches };
}

export function idsWithChildren(views: UnitView[], acc: string[] = []): string[] {
  for (const v of views) {
    if (v.children.length > 0) {
      acc.push(v.unit.id);
      idsWithChildren(v.children, acc);
    }
  }
  return acc;
}
