import type { ValueType } from './enums';

/**
 * The widest range a value of each indicator type may take, whatever the indicator's own rules
 * (rule_min / rule_max only narrow it). Chosen so that analytics can always hold the figures:
 * a sum of a million values at the largest magnitude (1e15 × 1e6 = 1e21) is far inside float8,
 * and every value up to 1e15 keeps its integer digits exactly in a JavaScript number (2^53 ≈ 9e15).
 *
 * - count: people, files, units… whole and never negative; a trillion is more than any count a
 *   province keeps.
 * - money: VND, never negative; 1e15 đồng (a million billion) is above the national budget.
 * - percent: a share, 0 to 100.
 * - number: any other measure (an index, a ratio, a growth rate), either sign.
 * - boolean: 0 (no) or 1 (yes).
 */
export const VALUE_BOUNDS = {
  count: { min: 0, max: 1e12 },
  money: { min: 0, max: 1e15 },
  percent: { min: 0, max: 100 },
  number: { min: -1e15, max: 1e15 },
  boolean: { min: 0, max: 1 },
} as const satisfies Record<ValueType, { min: number; max: number }>;

/** The range a value must lie in: the type's bounds, narrowed by the indicator's own rules. */
export function valueRange(
  valueType: ValueType,
  rules: { min: number | null; max: number | null },
): { min: number; max: number } {
  const bounds = VALUE_BOUNDS[valueType];
  return {
    min: Math.max(bounds.min, rules.min ?? bounds.min),
    max: Math.min(bounds.max, rules.max ?? bounds.max),
  };
}

/** The longest comment a value may carry, on every path (JSON, CSV, XLSX). */
export const VALUE_COMMENT_MAX = 2000;
