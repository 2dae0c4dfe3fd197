import type { TReport, TReportItem, TSaveReportRequest } from '../../../../common/contracts/reports';
import type { Messages } from '../../i18n';

/**
 * A report's editable fields by the keys the API uses for comments and differences:
 * `general.summary|obstacles|proposals`, `items.<planItemId>.progress|results|obstacles|proposals|links`.
 */
export const GENERAL_KEYS = ['summary', 'obstacles', 'proposals'] as const;
export type GeneralKey = (typeof GENERAL_KEYS)[number];
export const ITEM_TEXT_KEYS = ['results', 'obstacles', 'proposals'] as const;
export type ItemTextKey = (typeof ITEM_TEXT_KEYS)[number];
export type ItemKey = 'progress' | ItemTextKey | 'links';
export const ITEM_KEYS: readonly ItemKey[] = ['progress', ...ITEM_TEXT_KEYS, 'links'];

export const generalField = (key: GeneralKey) => `general.${key}`;
export const itemField = (planItemId: string, key: ItemKey) => `items.${planItemId}.${key}`;

/** Evidence files are not typed into the form, but reviewers may comment on them. */
export const evidenceField = (planItemId: string | null) =>
  planItemId ? `items.${planItemId}.evidence` : 'general.evidence';

export type FieldRef =
  | { kind: 'general'; key: GeneralKey }
  | { kind: 'item'; planItemId: string; key: ItemKey }
  | { kind: 'evidence'; planItemId: string | null }
  | { kind: 'indicator'; code: string; key: 'value' | 'comment' };

export function parseField(field: string): FieldRef | null {
  const parts = field.split('.');
  if (field === 'general.evidence') return { kind: 'evidence', planItemId: null };
  if (parts[0] === 'items' && parts.length === 3 && parts[2] === 'evidence') {
    return { kind: 'evidence', planItemId: parts[1]! };
  }
  if (
    parts[0] === 'general' &&
    parts.length === 2 &&
    (GENERAL_KEYS as readonly string[]).includes(parts[1]!)
  ) {
    return { kind: 'general', key: parts[1] as GeneralKey };
  }
  if (parts[0] === 'items' && parts.length === 3 && (ITEM_KEYS as readonly string[]).includes(parts[2]!)) {
    return { kind: 'item', planItemId: parts[1]!, key: parts[2] as ItemKey };
  }
  // indicator codes may hold dots (HS.TIEPNHAN): the key is the last part
  const last = parts.at(-1);
  if (parts[0] === 'indicators' && parts.length >= 3 && (last === 'value' || last === 'comment')) {
    return { kind: 'indicator', code: parts.slice(1, -1).join('.'), key: last };
  }
  return null;
}

/** "Nhiệm vụ 3.2.17 — Kết quả đạt được"; the server's label (Vietnamese) for fields it knows and we don't. */
export function fieldLabel(t: Messages, report: TReport, field: string, fallback?: string): string {
  const ref = parseField(field);
  if (!ref) return fallback ?? field;
  if (ref.kind === 'general') return t.reports.fieldOfGeneral(t.reports.fields[ref.key]);
  if (ref.kind === 'indicator') return t.reports.fieldOfIndicator(ref.code, t.reports.fields[ref.key]);
  const label = ref.kind === 'evidence' ? t.reports.fields.evidence : t.reports.fields[ref.key];
  if (ref.planItemId === null) return t.reports.fieldOfGeneral(label);
  const item = report.items.find((i) => i.planItem.id === ref.planItemId);
  return item ? t.reports.fieldOfTask(item.planItem.code, label) : (fallback ?? field);
}

/** Every field a reviewer may comment on, in the form's order. */
export function commentableFields(report: TReport): string[] {
  return [
    ...report.items.flatMap((i) => [
      ...ITEM_KEYS.map((key) => itemField(i.planItem.id, key)),
      evidenceField(i.planItem.id),
    ]),
    ...GENERAL_KEYS.map(generalField),
    evidenceField(null),
  ];
}

export type FieldValue = string | number | string[] | null;

/** The saved value of a field. */
export function savedValue(report: TReport, field: string): FieldValue {
  const ref = parseField(field);
  if (!ref || ref.kind === 'indicator' || ref.kind === 'evidence') return null;
  if (ref.kind === 'general') return report.general[ref.key];
  const item: TReportItem | undefined = report.items.find((i) => i.planItem.id === ref.planItemId);
  return item ? item[ref.key] : null;
}

/** As the server stores it: text trimmed (empty → null), NFC. */
export function normalized(value: FieldValue): FieldValue {
  if (typeof value === 'string') return value.normalize('NFC').trim() || null;
  return value;
}

export function sameValue(a: FieldValue, b: FieldValue): boolean {
  return JSON.stringify(normalized(a)) === JSON.stringify(normalized(b));
}

/** What the user typed, by field; a field not in it shows what is saved. */
export type LocalValues = Readonly<Record<string, FieldValue>>;

/** Fields whose typed value differs from the saved one. */
export function unsavedFields(report: TReport, local: LocalValues): string[] {
  return Object.keys(local).filter((field) => !sameValue(local[field] ?? null, savedValue(report, field)));
}

/** The PATCH body for the given fields, based on `version`. */
export function saveRequest(
  version: number,
  local: LocalValues,
  fields: readonly string[],
): TSaveReportRequest {
  const general: Partial<Record<GeneralKey, string | null>> = {};
  const items = new Map<string, NonNullable<TSaveReportRequest['items']>[number]>();
  for (const field of fields) {
    const ref = parseField(field);
    const value = normalized(local[field] ?? null);
    if (!ref || ref.kind === 'indicator' || ref.kind === 'evidence') continue;
    if (ref.kind === 'general') {
      general[ref.key] = value as string | null;
      continue;
    }
    const item = items.get(ref.planItemId) ?? { planItemId: ref.planItemId };
    if (ref.key === 'progress') item.progress = value as number | null;
    else if (ref.key === 'links') item.links = (value as string[] | null) ?? [];
    else item[ref.key] = value as string | null;
    items.set(ref.planItemId, item);
  }
  return {
    version,
    ...(Object.keys(general).length ? { general } : {}),
    ...(items.size ? { items: [...items.values()] } : {}),
  };
}

/** A URL the API accepts as evidence (absolute http or https). */
export function isEvidenceUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
