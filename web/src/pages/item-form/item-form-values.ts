import type { Dayjs } from 'dayjs';
import type { TPlanItemDetail, TPlanTreeNode, TUpdatePlanItemRequest } from '../../../../common';
import type { PlanItemKind, Recurrence } from '../../../../common/enums';
import { parseIsoDate, toIsoDate } from '../../lib/format';

/** The form's values; names match the request body keys so server field errors land on them. */
export interface ItemFormValues {
  kind: PlanItemKind;
  parentId: string | null;
  code: string;
  title: string;
  description: string;
  leadOrgUnitId: string | null;
  cooperatorIds: string[];
  startDate: Dayjs | null;
  deadline: Dayjs | null;
  recurrence: Recurrence;
  expectedProduct: string;
  weight: number;
  progress: number;
  completedOn: Dayjs | null;
}

export type ItemBody = Required<Omit<TUpdatePlanItemRequest, 'version'>>;
export const FORM_FIELDS = [
  'kind',
  'parentId',
  'code',
  'title',
  'description',
  'leadOrgUnitId',
  'cooperatorIds',
  'startDate',
  'deadline',
  'recurrence',
  'expectedProduct',
  'weight',
  'progress',
  'completedOn',
] as const satisfies readonly (keyof ItemFormValues & keyof ItemBody)[];
export type FormField = (typeof FORM_FIELDS)[number];

export function isFormField(name: string): name is FormField {
  return (FORM_FIELDS as readonly string[]).includes(name);
}

export function valuesFromItem(item: TPlanItemDetail): ItemFormValues {
  return {
    kind: item.kind,
    parentId: item.parentId,
    code: item.code,
    title: item.title,
    description: item.description ?? '',
    leadOrgUnitId: item.lead?.id ?? null,
    cooperatorIds: item.cooperators.map((c) => c.id),
    startDate: parseIsoDate(item.startDate),
    deadline: parseIsoDate(item.deadline),
    recurrence: item.recurrence,
    expectedProduct: item.expectedProduct ?? '',
    weight: item.weight,
    progress: item.progress,
    completedOn: parseIsoDate(item.completedOn),
  };
}

/** "3.2" with children 3.2.1 and 3.2.2 → "3.2.3": a suggestion the officer can change. */
export function nextChildCode(parent: TPlanTreeNode | undefined, roots: TPlanTreeNode[]): string {
  const siblings = parent ? parent.children : roots;
  const prefix = parent ? `${parent.code}.` : '';
  let max = 0;
  for (const s of siblings) {
    if (!s.code.startsWith(prefix)) continue;
    const n = Number.parseInt(s.code.slice(prefix.length), 10);
    if (Number.isInteger(n) && n > max && !s.code.slice(prefix.length).includes('.')) max = n;
  }
  return `${prefix}${max + 1}`;
}

export function emptyValues(parent: TPlanTreeNode | undefined, roots: TPlanTreeNode[]): ItemFormValues {
  return {
    kind: parent ? 'task' : 'group',
    parentId: parent?.id ?? null,
    code: nextChildCode(parent, roots),
    title: '',
    description: '',
    leadOrgUnitId: null,
    cooperatorIds: [],
    startDate: null,
    deadline: null,
    recurrence: 'none',
    expectedProduct: '',
    weight: 1,
    progress: 0,
    completedOn: null,
  };
}

export function bodyFromValues(v: ItemFormValues): ItemBody {
  return {
    kind: v.kind,
    parentId: v.parentId ?? null,
    code: v.code.trim(),
    title: v.title.trim(),
    description: v.description.trim() || null,
    leadOrgUnitId: v.leadOrgUnitId ?? null,
    cooperatorIds: v.cooperatorIds ?? [],
    startDate: toIsoDate(v.startDate),
    deadline: toIsoDate(v.deadline),
    recurrence: v.recurrence,
    expectedProduct: v.expectedProduct.trim() || null,
    weight: v.weight ?? 0,
    progress: v.progress ?? 0,
    completedOn: toIsoDate(v.completedOn),
  };
}

function same(field: FormField, a: unknown, b: unknown): boolean {
  if (field === 'cooperatorIds') {
    return JSON.stringify([...(a as string[])].sort()) === JSON.stringify([...(b as string[])].sort());
  }
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The fields whose value differs: a PATCH sends only these (and the history stays readable). */
export function changedFields(before: ItemBody, after: ItemBody): FormField[] {
  return FORM_FIELDS.filter((f) => !same(f, before[f], after[f]));
}

export function pick(body: ItemBody, fields: readonly FormField[]): Partial<ItemBody> {
  const out: Partial<ItemBody> = {};
  for (const f of fields) (out as Record<string, unknown>)[f] = body[f];
  return out;
}
