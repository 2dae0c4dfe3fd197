/**
 * Checks of one data value against its indicator, unit and period, without the database: the
 * caller has loaded the catalogue and the units. Messages are Vietnamese, for the row report.
 */
import type { TDataValueInput, TRowError } from '../../../common/contracts/data-values';
import type { Direction, OrgUnitKind, ReportingFrequency, ValueType } from '../../../common/enums';
import { cutoffWindow, parsePeriod, periodLabel, periodYear } from '../../../common/periods';
import { VALUE_COMMENT_MAX, valueRange } from '../../../common/value-bounds';

export interface CatalogueEntry {
  id: string;
  code: string;
  name: string;
  valueType: ValueType;
  direction: Direction;
  aggregation: string;
  frequency: ReportingFrequency;
  formula: string | null;
  reportedBy: OrgUnitKind[];
  targets: Record<string, number>;
  ruleMin: number | null;
  ruleMax: number | null;
  ruleInteger: boolean;
  ruleNotAboveId: string | null;
  ruleCommentWhenOffTarget: boolean;
  archived: boolean;
}

export interface UnitEntry {
  id: string;
  code: string;
  name: string;
  kind: OrgUnitKind;
  active: boolean;
}

const PERIOD_EXAMPLE: Record<ReportingFrequency, string> = {
  month: '2026M03',
  quarter: '2026Q1',
  half_year: '2026S1',
  year: '2026',
};

const fmt = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 6 });

/**
 * Whether a unit's value is judged against the indicator's target: only where a unit's value is
 * comparable to the province's target (shares, averages), not where it is a part of a sum.
 */
export function judgedAgainstTarget(indicator: CatalogueEntry): boolean {
  return indicator.aggregation !== 'sum';
}

export function isOffTarget(indicator: CatalogueEntry, value: number, year: number): boolean {
  const target = indicator.targets[String(year)];
  if (target === undefined) return false;
  return indicator.direction === 'higher_is_better' ? value < target : value > target;
}

/** Row errors of one input (empty: valid). `today` is the Vietnam calendar date (YYYY-MM-DD). */
export function validateDataValue(
  input: TDataValueInput,
  row: number,
  indicator: CatalogueEntry | undefined,
  unit: UnitEntry | undefined,
  today: string,
): TRowError[] {
  const errors: TRowError[] = [];
  const fail = (field: string, code: string, message: string) => errors.push({ row, field, code, message });
  if (!indicator)
    fail('indicatorCode', 'unknown_indicator', `Không có chỉ tiêu mã "${input.indicatorCode}".`);
  if (!unit) fail('orgUnitCode', 'unknown_org_unit', `Không tìm thấy đơn vị mã "${input.orgUnitCode}".`);
  const period = parsePeriod(input.period);
  if (!period) {
    fail(
      'period',
      'invalid_period',
      `Kỳ "${input.period}" không hợp lệ; viết như 2026M03, 2026Q1, 2026S1 hoặc 2026.`,
    );
  }
  if (!indicator || !unit || !period) return errors;

  if (indicator.archived) fail('indicatorCode', 'archived', `Chỉ tiêu ${indicator.code} đã lưu trữ.`);
  if (indicator.formula) {
    fail(
      'indicatorCode',
      'computed',
      `Chỉ tiêu ${indicator.code} được tính theo công thức, không nhập trực tiếp.`,
    );
  }
  if (!unit.active) fail('orgUnitCode', 'archived', `Đơn vị ${unit.code} đã lưu trữ.`);
  if (indicator.reportedBy.length > 0 && !indicator.reportedBy.includes(unit.kind)) {
    fail(
      'orgUnitCode',
      'not_reporting_unit',
      `Đơn vị ${unit.name} không báo cáo chỉ tiêu ${indicator.code}.`,
    );
  }
  // every reporting frequency is a Decree 09 period type of the same name
  if (period.type !== indicator.frequency) {
    fail(
      'period',
      'wrong_period_type',
      `Chỉ tiêu ${indicator.code} báo cáo theo kỳ dạng ${PERIOD_EXAMPLE[indicator.frequency]}, không theo kỳ "${input.period}".`,
    );
  } else if (cutoffWindow(input.period).start > today) {
    fail('period', 'future_period', `${periodLabel(input.period)} chưa đến kỳ chốt số liệu.`);
  }
  // JSON refuses it in the schema; a file's cell arrives here whole and is refused the same way
  if (input.comment && input.comment.length > VALUE_COMMENT_MAX) {
    fail(
      'comment',
      'too_long',
      `Ghi chú dài ${fmt(input.comment.length)} ký tự, vượt quá ${fmt(VALUE_COMMENT_MAX)} ký tự.`,
    );
  }
  const value = input.value;
  if (value === null) return errors;

  // the type's bounds (common/value-bounds.ts) narrowed by the indicator's rules, on every path
  const bounds = valueRange(indicator.valueType, { min: indicator.ruleMin, max: indicator.ruleMax });
  if (indicator.valueType === 'boolean' && value !== 0 && value !== 1) {
    fail('value', 'not_boolean', 'Giá trị có/không phải là 1 (có) hoặc 0 (không).');
    return errors; // its bounds would say the same again
  }
  if ((indicator.ruleInteger || indicator.valueType === 'count') && !Number.isInteger(value)) {
    fail('value', 'not_integer', `Giá trị của ${indicator.code} phải là số nguyên.`);
  }
  if (value < bounds.min) {
    fail('value', 'below_min', `Giá trị ${fmt(value)} nhỏ hơn mức tối thiểu ${fmt(bounds.min)}.`);
  }
  if (value > bounds.max) {
    fail('value', 'above_max', `Giá trị ${fmt(value)} lớn hơn mức tối đa ${fmt(bounds.max)}.`);
  }
  const year = periodYear(input.period);
  if (
    indicator.ruleCommentWhenOffTarget &&
    judgedAgainstTarget(indicator) &&
    isOffTarget(indicator, value, year) &&
    !input.comment?.trim()
  ) {
    fail(
      'comment',
      'comment_required',
      `Giá trị chưa đạt chỉ tiêu năm ${year} (${fmt(indicator.targets[String(year)]!)}): cần ghi chú nguyên nhân.`,
    );
  }
  return errors;
}
