import { describe, expect, it } from 'vitest';
import { ORG_UNIT_KINDS } from '../../common/enums';
import { DEMO_INDICATORS, type DemoIndicator, type DemoTargetYear } from './indicators';
import { demoOrgUnits, PROVINCE, PROVINCIAL_BODIES } from './org-units';
import { PLAN_328_ITEMS } from './plan-328';

const FUNCTIONS = new Set(['min', 'max', 'abs', 'round']);
const CODE_PATTERN = /^[A-Z][A-Z0-9._]*$/;
const TARGET_YEARS: readonly DemoTargetYear[] = [2025, 2026, 2027, 2028, 2029, 2030, 2045];

const byCode = new Map(DEMO_INDICATORS.map((i) => [i.code, i]));

function get(code: string): DemoIndicator {
  const indicator = byCode.get(code);
  if (!indicator) throw new Error(`Unknown indicator ${code}`);
  return indicator;
}

/** Identifiers a formula refers to, function names left out. */
function formulaRefs(formula: string): string[] {
  return (formula.match(/[A-Za-z_][A-Za-z0-9_.]*/g) ?? []).filter((name) => !FUNCTIONS.has(name));
}

/** A small evaluator for the formula language: + - * / unary minus, parentheses, min/max/abs/round. */
function evaluate(formula: string, lookup: (code: string) => number): number {
  const tokens = formula.match(/\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_.]*|[-+*/(),]/g) ?? [];
  if (tokens.join('') !== formula.replace(/\s+/g, '')) throw new Error(`Bad characters in ${formula}`);
  let pos = 0;
  const peek = () => tokens[pos];
  const take = (expected?: string) => {
    const token = tokens[pos++];
    if (token === undefined || (expected !== undefined && token !== expected)) {
      throw new Error(`Expected ${expected ?? 'a token'} at ${pos} in ${formula}`);
    }
    return token;
  };
  const factor = (): number => {
    const token = take();
    if (token === '-') return -factor();
    if (token === '(') {
      const value = expr();
      take(')');
      return value;
    }
    if (/^\d/.test(token)) return Number(token);
    if (FUNCTIONS.has(token)) {
      take('(');
      const args = [expr()];
      while (peek() === ',') {
        take(',');
        args.push(expr());
      }
      take(')');
      if (token === 'min') return Math.min(...args);
      if (token === 'max') return Math.max(...args);
      if (args.length !== 1) throw new Error(`${token} takes one argument in ${formula}`);
      return token === 'abs' ? Math.abs(args[0]!) : Math.round(args[0]!);
    }
    if (/^[A-Za-z_]/.test(token)) return lookup(token);
    throw new Error(`Unexpected ${token} in ${formula}`);
  };
  const term = (): number => {
    let value = factor();
    while (peek() === '*' || peek() === '/') value = take() === '*' ? value * factor() : value / factor();
    return value;
  };
  const expr = (): number => {
    let value = term();
    while (peek() === '+' || peek() === '-') value = take() === '+' ? value + term() : value - term();
    return value;
  };
  const value = expr();
  if (pos !== tokens.length) throw new Error(`Trailing tokens in ${formula}`);
  return value;
}

/** Baseline then targets from the baseline year on, in year order. */
function path(indicator: DemoIndicator, untilYear: number): number[] {
  const values = [indicator.baseline.value];
  for (const year of TARGET_YEARS) {
    const target = indicator.targets[year];
    if (target !== undefined && year >= indicator.baseline.year && year <= untilYear) values.push(target);
  }
  return values;
}

/** Every (year, value) the catalogue states for an indicator. */
function statedValues(indicator: DemoIndicator): Array<{ year: number; value: number }> {
  const values = [indicator.baseline];
  for (const year of TARGET_YEARS) {
    const target = indicator.targets[year];
    if (target !== undefined) values.push({ year, value: target });
  }
  return values;
}

/** The value an indicator states for a year: its baseline or its target. */
function valueIn(indicator: DemoIndicator, year: number, kind: 'baseline' | 'target'): number | undefined {
  if (kind === 'baseline') return indicator.baseline.year === year ? indicator.baseline.value : undefined;
  return indicator.targets[year as DemoTargetYear];
}

describe('DEMO_INDICATORS', () => {
  it('has at least 30 indicators with unique, well-formed codes', () => {
    expect(DEMO_INDICATORS.length).toBeGreaterThanOrEqual(30);
    const codes = DEMO_INDICATORS.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code, code).toMatch(CODE_PATTERN);
  });

  it('fills the text fields', () => {
    for (const i of DEMO_INDICATORS) {
      for (const field of [i.name, i.nameEn, i.definition, i.unit]) expect(field.trim(), i.code).not.toBe('');
      if (i.valueType === 'percent') expect(i.unit, i.code).toBe('%');
    }
  });

  it('refers only to existing codes in weightCode, notAbove and formulas', () => {
    for (const i of DEMO_INDICATORS) {
      if (i.weightCode) expect(byCode.has(i.weightCode), `${i.code} weight ${i.weightCode}`).toBe(true);
      if (i.rules?.notAbove) {
        expect(byCode.has(i.rules.notAbove), `${i.code} notAbove ${i.rules.notAbove}`).toBe(true);
        expect(i.rules.notAbove, i.code).not.toBe(i.code);
      }
      if (i.formula) {
        const refs = formulaRefs(i.formula);
        expect(refs.length, i.code).toBeGreaterThan(0);
        for (const ref of refs) expect(byCode.has(ref), `${i.code} formula uses ${ref}`).toBe(true);
        expect(refs, i.code).not.toContain(i.code);
      }
    }
  });

  it('has formulas that parse, without cycles', () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (code: string) => {
      if (done.has(code)) return;
      if (visiting.has(code)) throw new Error(`Formula cycle through ${code}`);
      visiting.add(code);
      const formula = get(code).formula;
      if (formula) for (const ref of formulaRefs(formula)) visit(ref);
      visiting.delete(code);
      done.add(code);
    };
    for (const i of DEMO_INDICATORS) {
      visit(i.code);
      if (i.formula) expect(Number.isFinite(evaluate(i.formula, () => 1)), i.code).toBe(true);
    }
    expect(evaluate('max(1, 2 - 3) * -(4 / 2) + round(2.6) + abs(-1) + min(5, 3)', () => 0)).toBe(5);
  });

  it('has computed indicators, including a weighted average, that agree with their inputs', () => {
    const computed = DEMO_INDICATORS.filter((i) => i.formula);
    expect(computed.length).toBeGreaterThanOrEqual(3);
    expect(computed.some((i) => /\(.*\*.*\+.*\*.*\)\s*\/\s*\(/.test(i.formula!))).toBe(true);
    let checked = 0;
    for (const i of computed) {
      const cases = [
        { kind: 'baseline' as const, ...i.baseline },
        ...TARGET_YEARS.flatMap((year) => {
          const value = i.targets[year];
          return value === undefined ? [] : [{ kind: 'target' as const, year, value }];
        }),
      ];
      for (const { kind, year, value } of cases) {
        const refs = formulaRefs(i.formula!);
        if (refs.some((ref) => valueIn(get(ref), year, kind) === undefined)) continue;
        const expected = evaluate(i.formula!, (ref) => valueIn(get(ref), year, kind)!);
        const tolerance = Math.max(0.1, Math.abs(expected) * 0.005);
        expect(Math.abs(value - expected), `${i.code} ${kind} ${year}: ${value} vs ${expected}`).toBeLessThan(
          tolerance,
        );
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('uses aggregations that fit the value type and the reporting units', () => {
    for (const i of DEMO_INDICATORS) {
      if (i.formula) {
        expect(i.aggregation, `${i.code} is computed at each level`).toBe('none');
        continue;
      }
      if (i.valueType === 'percent') expect(i.aggregation, `${i.code} is a share`).not.toBe('sum');
      const provinceOnly = i.reportedBy.every((kind) => kind === 'province');
      if (provinceOnly) expect(['none', 'latest'], i.code).toContain(i.aggregation);
      else expect(i.aggregation, `${i.code} must roll up`).not.toBe('none');
      if (i.aggregation === 'weighted_average') {
        expect(i.weightCode, i.code).toBeDefined();
        const weight = get(i.weightCode!);
        expect(['count', 'number', 'money'], `${i.code} weight ${weight.code}`).toContain(weight.valueType);
        expect(weight.formula, `${i.code} weight ${weight.code}`).toBeUndefined();
        for (const kind of i.reportedBy)
          expect(weight.reportedBy, `${i.code} weight at ${kind}`).toContain(kind);
      } else {
        expect(i.weightCode, i.code).toBeUndefined();
      }
    }
    expect(DEMO_INDICATORS.some((i) => i.aggregation === 'weighted_average')).toBe(true);
  });

  it('reports from kinds of org unit that exist in the demo', () => {
    const kinds = new Set(demoOrgUnits().map((u) => u.kind));
    for (const i of DEMO_INDICATORS) {
      expect(i.reportedBy.length, i.code).toBeGreaterThan(0);
      expect(new Set(i.reportedBy).size, i.code).toBe(i.reportedBy.length);
      for (const kind of i.reportedBy) {
        expect(ORG_UNIT_KINDS, `${i.code} ${kind}`).toContain(kind);
        expect(kinds.has(kind), `${i.code}: no demo unit of kind ${kind}`).toBe(true);
      }
    }
  });

  it('names a responsible provincial body that exists among the demo org units', () => {
    const allCodes = new Set(demoOrgUnits().map((u) => u.code));
    const provincial = new Set([PROVINCE.code, ...PROVINCIAL_BODIES.map((b) => b.code)]);
    for (const i of DEMO_INDICATORS) {
      expect(allCodes.has(i.responsibleCode), `${i.code} ${i.responsibleCode}`).toBe(true);
      expect(provincial.has(i.responsibleCode), `${i.code} ${i.responsibleCode}`).toBe(true);
    }
  });

  it('measures tasks that exist in Plan 328', () => {
    const tasks = new Map(PLAN_328_ITEMS.map((item) => [item.code, item]));
    for (const i of DEMO_INDICATORS) {
      for (const code of i.planItemCodes ?? []) {
        const item = tasks.get(code);
        expect(item, `${i.code} → ${code}`).toBeDefined();
        expect(item?.kind, `${i.code} → ${code}`).not.toBe('group');
      }
    }
  });

  it('keeps baselines and targets within the rules and percentages within 0..100', () => {
    for (const i of DEMO_INDICATORS) {
      expect([2024, 2025], i.code).toContain(i.baseline.year);
      for (const { year, value } of statedValues(i)) {
        const at = `${i.code} ${year}`;
        expect(Number.isFinite(value), at).toBe(true);
        if (i.rules?.min !== undefined) expect(value, at).toBeGreaterThanOrEqual(i.rules.min);
        if (i.rules?.max !== undefined) expect(value, at).toBeLessThanOrEqual(i.rules.max);
        if (i.rules?.integer) expect(Number.isInteger(value), at).toBe(true);
        if (i.valueType === 'percent') {
          expect(value, at).toBeGreaterThanOrEqual(0);
          expect(value, at).toBeLessThanOrEqual(100);
        }
      }
      for (const year of Object.keys(i.targets)) {
        expect(Number(year), `${i.code} target ${year}`).toBeGreaterThanOrEqual(i.baseline.year);
      }
    }
  });

  it('keeps stated values under the notAbove indicator for the same year', () => {
    for (const i of DEMO_INDICATORS) {
      const ceiling = i.rules?.notAbove ? get(i.rules.notAbove) : undefined;
      if (!ceiling) continue;
      for (const { year, value } of statedValues(i)) {
        const cap =
          ceiling.targets[year as DemoTargetYear] ??
          (ceiling.baseline.year === year ? ceiling.baseline.value : undefined);
        if (cap !== undefined) expect(value, `${i.code} ${year} ≤ ${ceiling.code}`).toBeLessThanOrEqual(cap);
      }
    }
  });

  it('moves targets in the direction of the indicator', () => {
    for (const i of DEMO_INDICATORS) {
      const values = path(i, 2045);
      for (let k = 1; k < values.length; k++) {
        const [before, after] = [values[k - 1]!, values[k]!];
        if (i.direction === 'higher_is_better') expect(after, i.code).toBeGreaterThanOrEqual(before);
        else expect(after, i.code).toBeLessThanOrEqual(before);
      }
    }
  });

  it('gives usable history hints', () => {
    for (const i of DEMO_INDICATORS) {
      expect(i.history.start, i.code).toBeGreaterThanOrEqual(0);
      expect(i.history.noise, i.code).toBeGreaterThanOrEqual(0);
      expect(i.history.noise, i.code).toBeLessThan(1);
      expect(i.history.growthPerYear, i.code).toBeGreaterThan(-1);
      if (i.valueType === 'percent') expect(i.history.start, i.code).toBeLessThanOrEqual(100);
    }
  });
});
