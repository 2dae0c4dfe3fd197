import type { FormInstance } from 'antd';
import type { TProblem } from '../../../../common';
import type {
  TCreateIndicatorRequest,
  TIndicator,
  TUpdateIndicatorRequest,
} from '../../../../common/contracts/indicators';
import type {
  Direction,
  OrgAggregation,
  OrgUnitKind,
  ReportingFrequency,
  TimeAggregation,
  ValueType,
} from '../../../../common/enums';

export const TARGET_YEARS = [2025, 2026, 2027, 2028, 2029, 2030, 2045] as const;

/** The form mirrors the API's shape, so the server's field paths name form fields directly. */
export interface IndicatorFormValues {
  code: string;
  name: string;
  nameEn?: string | null;
  definition?: string | null;
  unit: string;
  valueType: ValueType;
  direction: Direction;
  aggregation: OrgAggregation;
  weightCode?: string | null;
  timeAggregation: TimeAggregation;
  formula?: string | null;
  frequency: ReportingFrequency;
  reportedBy: OrgUnitKind[];
  responsibleOrgUnitId?: string | null;
  baseline?: { year?: number | null; value?: number | null };
  targets?: Partial<Record<string, number | null>>;
  rules?: {
    min?: number | null;
    max?: number | null;
    integer?: boolean;
    notAboveCode?: string | null;
    commentWhenOffTarget?: boolean;
  };
}

export const NEW_INDICATOR: Partial<IndicatorFormValues> = {
  valueType: 'number',
  direction: 'higher_is_better',
  aggregation: 'sum',
  timeAggregation: 'sum',
  frequency: 'month',
  reportedBy: [],
  rules: { integer: false, commentWhenOffTarget: false },
};

export function formValuesOf(i: TIndicator): IndicatorFormValues {
  return {
    code: i.code,
    name: i.name,
    nameEn: i.nameEn,
    definition: i.definition,
    unit: i.unit,
    valueType: i.valueType,
    direction: i.direction,
    aggregation: i.aggregation,
    weightCode: i.weightIndicator?.code ?? null,
    timeAggregation: i.timeAggregation,
    formula: i.formula,
    frequency: i.frequency,
    reportedBy: i.reportedBy,
    responsibleOrgUnitId: i.responsibleOrgUnit?.id ?? null,
    baseline: { year: i.baseline?.year ?? null, value: i.baseline?.value ?? null },
    targets: { ...i.targets },
    rules: {
      min: i.rules.min,
      max: i.rules.max,
      integer: i.rules.integer,
      notAboveCode: i.rules.notAbove?.code ?? null,
      commentWhenOffTarget: i.rules.commentWhenOffTarget,
    },
  };
}

const orNull = <T>(v: T | null | undefined): T | null => (v === undefined || v === '' ? null : v);

/** Everything but the code (which never changes), as both create and update take it. */
export function requestFieldsOf(v: IndicatorFormValues): Omit<TCreateIndicatorRequest, 'code'> {
  const targets: Record<string, number> = {};
  for (const year of TARGET_YEARS) {
    const value = v.targets?.[String(year)];
    if (typeof value === 'number') targets[String(year)] = value;
  }
  const year = v.baseline?.year;
  const value = v.baseline?.value;
  return {
    name: v.name,
    nameEn: orNull(v.nameEn),
    definition: orNull(v.definition),
    unit: v.unit,
    valueType: v.valueType,
    direction: v.direction,
    aggregation: v.aggregation,
    weightCode: v.aggregation === 'weighted_average' ? orNull(v.weightCode) : null,
    timeAggregation: v.timeAggregation,
    formula: orNull(v.formula?.trim()),
    frequency: v.frequency,
    reportedBy: v.reportedBy ?? [],
    responsibleOrgUnitId: orNull(v.responsibleOrgUnitId),
    baseline: typeof year === 'number' && typeof value === 'number' ? { year, value } : null,
    targets,
    rules: {
      min: orNull(v.rules?.min),
      max: orNull(v.rules?.max),
      integer: v.rules?.integer ?? false,
      notAboveCode: orNull(v.rules?.notAboveCode),
      commentWhenOffTarget: v.rules?.commentWhenOffTarget ?? false,
    },
  };
}

export function createRequestOf(v: IndicatorFormValues): TCreateIndicatorRequest {
  return { code: v.code.trim().toUpperCase(), ...requestFieldsOf(v) };
}

export function updateRequestOf(v: IndicatorFormValues, version: number): TUpdateIndicatorRequest {
  return { version, ...requestFieldsOf(v) };
}

const TOP_FIELDS = new Set([
  'code',
  'name',
  'nameEn',
  'definition',
  'unit',
  'valueType',
  'direction',
  'aggregation',
  'weightCode',
  'timeAggregation',
  'formula',
  'frequency',
  'reportedBy',
  'responsibleOrgUnitId',
]);
const NESTED_FIELDS: Record<string, readonly string[]> = {
  baseline: ['year', 'value'],
  targets: TARGET_YEARS.map(String),
  rules: ['min', 'max', 'integer', 'notAboveCode', 'commentWhenOffTarget'],
};

/** "rules.min" → ['rules', 'min']; "reportedBy.2" → ['reportedBy']; "baseline" → its value; else null. */
export function formFieldOf(field: string): string[] | null {
  const [head, sub] = field.split('.');
  if (!head) return null;
  if (TOP_FIELDS.has(head)) return [head];
  const subs = NESTED_FIELDS[head];
  if (!subs) return null;
  if (sub === undefined) return head === 'baseline' ? ['baseline', 'value'] : null;
  return subs.includes(sub) ? [head, sub] : null;
}

/**
 * Puts the server's field errors under the form's fields. Returns true when every error found a
 * field, so the caller need not repeat them in an alert.
 */
export function applyIndicatorFieldErrors(form: FormInstance, problem: TProblem): boolean {
  const byField = new Map<string, { name: string[]; errors: string[] }>();
  let unmapped = 0;
  for (const e of problem.errors ?? []) {
    const name = formFieldOf(e.field);
    if (!name) {
      unmapped += 1;
      continue;
    }
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(e.message);
    byField.set(key, entry);
  }
  const entries = [...byField.values()];
  if (entries.length > 0) {
    form.setFields(entries);
    form.scrollToField(entries[0]!.name, { block: 'center' });
  }
  return entries.length > 0 && unmapped === 0;
}
