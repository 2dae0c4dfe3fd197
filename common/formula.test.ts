import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  checkFormulas,
  evaluateFormula,
  FORMULA_MAX_DEPTH,
  FORMULA_MAX_LENGTH,
  type FormulaErrorCode,
  type FormulaNode,
  formatFormula,
  formulaDependencies,
  parseFormula,
} from './formula';

const num = (value: number): FormulaNode => ({ type: 'number', value });
const ref = (code: string): FormulaNode => ({ type: 'ref', code });
const neg = (operand: FormulaNode): FormulaNode => ({ type: 'unary', op: '-', operand });
const bin = (op: '+' | '-' | '*' | '/', left: FormulaNode, right: FormulaNode): FormulaNode => ({
  type: 'binary',
  op,
  left,
  right,
});
const call = (fn: 'min' | 'max' | 'abs' | 'round', ...args: FormulaNode[]): FormulaNode => ({
  type: 'call',
  fn,
  args,
});

function parsed(text: string) {
  const result = parseFormula(text);
  if (!result.ok) throw new Error(`${text}: ${result.error.message}`);
  return result;
}

function evaluate(text: string, values: Record<string, number | null | undefined> = {}) {
  return evaluateFormula(parsed(text).ast, (code) => values[code]);
}

describe('parseFormula', () => {
  it.each<[string, FormulaNode, string]>([
    ['100 * A / B', bin('/', bin('*', num(100), ref('A')), ref('B')), '100 * A / B'],
    ['-A - -B', bin('-', neg(ref('A')), neg(ref('B'))), '-A - -B'],
    ['A - B - C', bin('-', bin('-', ref('A'), ref('B')), ref('C')), 'A - B - C'],
    ['A / B / C', bin('/', bin('/', ref('A'), ref('B')), ref('C')), 'A / B / C'],
    ['2 * (A + B)', bin('*', num(2), bin('+', ref('A'), ref('B'))), '2 * (A + B)'],
    ['A - (B - C)', bin('-', ref('A'), bin('-', ref('B'), ref('C'))), 'A - (B - C)'],
    ['A + (B + C)', bin('+', ref('A'), bin('+', ref('B'), ref('C'))), 'A + (B + C)'],
    ['(A - B) - C', bin('-', bin('-', ref('A'), ref('B')), ref('C')), 'A - B - C'],
    ['A + B * C', bin('+', ref('A'), bin('*', ref('B'), ref('C'))), 'A + B * C'],
    ['(A + B) * C', bin('*', bin('+', ref('A'), ref('B')), ref('C')), '(A + B) * C'],
    ['-A * B', bin('*', neg(ref('A')), ref('B')), '-A * B'],
    ['-(A * B)', neg(bin('*', ref('A'), ref('B'))), '-(A * B)'],
    ['A * -B', bin('*', ref('A'), neg(ref('B'))), 'A * -B'],
    ['--A', neg(neg(ref('A'))), '--A'],
    ['((A))', ref('A'), 'A'],
    ['  0.5*ct01\t+\n1e3 ', bin('+', bin('*', num(0.5), ref('CT01')), num(1000)), '0.5 * CT01 + 1000'],
    ['1.5E-2', num(0.015), '0.015'],
    ['KTS_GRDP / I.3.2', bin('/', ref('KTS_GRDP'), ref('I.3.2')), 'KTS_GRDP / I.3.2'],
    ['MIN(a, B, 3)', call('min', ref('A'), ref('B'), num(3)), 'min(A, B, 3)'],
    ['Max(A)', call('max', ref('A')), 'max(A)'],
    ['abs(A - B)', call('abs', bin('-', ref('A'), ref('B'))), 'abs(A - B)'],
    [
      'ROUND(A / B * 100, 1)',
      call('round', bin('*', bin('/', ref('A'), ref('B')), num(100)), num(1)),
      'round(A / B * 100, 1)',
    ],
    ['round(A)', call('round', ref('A')), 'round(A)'],
    ['-min(A, -B)', neg(call('min', ref('A'), neg(ref('B')))), '-min(A, -B)'],
  ])('%s', (text, ast, canonical) => {
    const result = parsed(text);
    expect(result.ast).toEqual(ast);
    expect(formatFormula(result.ast)).toBe(canonical);
  });

  it('lists the codes used, upper case, once each, in order of first use', () => {
    expect(parsed('b + a * B + min(c.1, A) / x_1').refs).toEqual(['B', 'A', 'C.1', 'X_1']);
    expect(parsed('round(2.5)').refs).toEqual([]);
  });

  it.each<[string, FormulaErrorCode, number, string]>([
    ['A +', 'unexpected_end', 3, 'vị trí 4'],
    ['A $ B', 'unexpected_token', 2, "Ký tự không hợp lệ '$' ở vị trí 3"],
    ['(A', 'unexpected_end', 2, 'Thiếu dấu )'],
    ['A)', 'unexpected_token', 1, 'không có dấu ('],
    ['foo(A)', 'unknown_function', 0, "Không có hàm 'foo'"],
    ['A + sum(B)', 'unknown_function', 4, "'sum'"],
    ['min()', 'wrong_arity', 0, 'Hàm min'],
    ['abs(A, B)', 'wrong_arity', 0, 'đúng 1 đối số'],
    ['round(A, 1, 2)', 'wrong_arity', 0, '1 hoặc 2 đối số'],
    ['min(A B)', 'unexpected_token', 6, 'dấu , hoặc dấu )'],
    ['abs(A', 'unexpected_end', 5, 'Thiếu dấu )'],
    ['A B', 'unexpected_token', 2, 'Thiếu phép toán'],
    ['A * * B', 'unexpected_token', 4, "gặp '*'"],
    ['+A', 'unexpected_token', 0, "gặp '+'"],
    ['()', 'unexpected_token', 1, "gặp ')'"],
    ['0,5', 'unexpected_token', 1, 'dấu chấm'],
    ['min + 1', 'unexpected_token', 4, 'là tên hàm'],
    ['A * ROUND', 'unexpected_end', 9, 'là tên hàm'],
    ['1.2.3', 'invalid_number', 0, "'1.2.3'"],
    ['A + 1.', 'invalid_number', 4, "'1.'"],
    ['2A', 'invalid_number', 0, "'2A'"],
    ['1e', 'invalid_number', 0, "'1e'"],
    ['.5', 'invalid_number', 0, 'ví dụ 0.5'],
    ['1e999', 'invalid_number', 0, 'quá lớn'],
    ['Đ01', 'unexpected_token', 0, 'không dấu'],
    ['_A', 'unexpected_token', 0, "'_'"],
    ['A\u0007', 'unexpected_token', 1, "'U+0007'"],
    ['A + \u{1F600}', 'unexpected_token', 4, "'\u{1F600}'"],
    ['', 'empty', 0, 'để trống'],
    [' \t\n ', 'empty', 0, 'để trống'],
  ])('refuses %j', (text, code, position, message) => {
    const result = parseFormula(text);
    expect(result).toMatchObject({ ok: false, error: { code, position } });
    if (!result.ok) expect(result.error.message).toContain(message);
  });

  it('reports the first error in the text', () => {
    expect(parseFormula('A + ) #')).toMatchObject({
      ok: false,
      error: { code: 'unexpected_token', position: 4 },
    });
  });

  it(`nests at most ${FORMULA_MAX_DEPTH} levels`, () => {
    const nested = (n: number) => `${'('.repeat(n)}A${')'.repeat(n)}`;
    expect(parseFormula(nested(FORMULA_MAX_DEPTH)).ok).toBe(true);
    expect(parseFormula(nested(FORMULA_MAX_DEPTH + 1))).toMatchObject({
      ok: false,
      error: { code: 'too_deep', position: FORMULA_MAX_DEPTH },
    });
    expect(parseFormula(nested(200))).toMatchObject({ ok: false, error: { code: 'too_deep' } });
    expect(parseFormula(`${'-'.repeat(FORMULA_MAX_DEPTH)}A`).ok).toBe(true);
    expect(parseFormula(`${'-'.repeat(FORMULA_MAX_DEPTH + 1)}A`)).toMatchObject({
      ok: false,
      error: { code: 'too_deep' },
    });
    expect(
      parseFormula(`${'abs('.repeat(FORMULA_MAX_DEPTH + 1)}A${')'.repeat(FORMULA_MAX_DEPTH + 1)}`),
    ).toMatchObject({ ok: false, error: { code: 'too_deep' } });
    // a long chain of operators is not nesting: it is parsed in a loop
    const chain = `A${' + A'.repeat(120)}`;
    expect(parseFormula(chain).ok).toBe(true);
  });

  it(`is at most ${FORMULA_MAX_LENGTH} characters long`, () => {
    const text = `A${' + A'.repeat(124)}`.padEnd(FORMULA_MAX_LENGTH, ' ');
    expect(text).toHaveLength(FORMULA_MAX_LENGTH);
    expect(parseFormula(text).ok).toBe(true);
    expect(parseFormula(`${text}A`)).toMatchObject({
      ok: false,
      error: { code: 'too_long', position: FORMULA_MAX_LENGTH },
    });
    expect(parseFormula('A'.repeat(100_000))).toMatchObject({ ok: false, error: { code: 'too_long' } });
  });
});

describe('evaluateFormula', () => {
  it('computes with the usual precedence', () => {
    expect(evaluate('100 * A / B', { A: 3, B: 4 })).toBe(75);
    expect(evaluate('A - B - C', { A: 10, B: 3, C: 2 })).toBe(5);
    expect(evaluate('A / B / C', { A: 24, B: 4, C: 2 })).toBe(3);
    expect(evaluate('2 * (A + B)', { A: 1, B: 2 })).toBe(6);
    expect(evaluate('-A - -B', { A: 1, B: 5 })).toBe(4);
    expect(evaluate('min(A, 2, B) + max(A, B) + abs(-A)', { A: 3, B: -1 })).toBe(-1 + 3 + 3);
  });

  it('asks for codes in upper case', () => {
    const lookup = vi.fn((code: string) => (code === 'CT01' ? 2 : null));
    expect(evaluateFormula(parsed('ct01 * Ct01').ast, lookup)).toBe(4);
    expect(lookup.mock.calls.map(([code]) => code)).toEqual(['CT01', 'CT01']);
  });

  it('has no value when an input is missing, a divisor is zero or the result overflows', () => {
    expect(evaluate('100 * A / B', { A: 3, B: 0 })).toBeNull();
    expect(evaluate('100 * A / B', { A: 3, B: -0 })).toBeNull();
    expect(evaluate('100 * A / B', { A: null, B: 4 })).toBeNull();
    expect(evaluate('100 * A / B', { B: 4 })).toBeNull();
    expect(evaluate('A + 1', { A: Number.NaN })).toBeNull();
    expect(evaluate('A + 1', { A: Number.POSITIVE_INFINITY })).toBeNull();
    expect(evaluate('min(A, B)', { A: 1 })).toBeNull();
    expect(evaluate('round(A, B)', { A: 1 })).toBeNull();
    expect(evaluate('A * A', { A: 1e200 })).toBeNull();
    expect(evaluate('1 / (A * A)', { A: 1e-200 })).toBeNull();
    expect(evaluate('0 / A', { A: 5 })).toBe(0);
  });

  it('rounds half away from zero, like Excel', () => {
    expect(evaluate('round(2.5)')).toBe(3);
    expect(evaluate('round(-2.5)')).toBe(-3);
    expect(evaluate('round(2.4999)')).toBe(2);
    expect(evaluate('round(1.005, 2)')).toBe(1.01);
    expect(evaluate('round(A / B * 100, 1)', { A: 1, B: 3 })).toBe(33.3);
    expect(evaluate('round(1234.5678, -2)')).toBe(1200);
    expect(evaluate('round(1250, -2)')).toBe(1300);
    expect(evaluate('round(123.456, 1.9)')).toBe(123.5);
    expect(evaluate('round(A, 100)', { A: 0.1 })).toBe(0.1);
    expect(evaluate('round(A, -100)', { A: 123 })).toBe(0);
    expect(evaluate('round(A, 2)', { A: 1e300 })).toBe(1e300);
  });

  it('never answers -0', () => {
    expect(Object.is(evaluate('-A', { A: 0 }), 0)).toBe(true);
    expect(Object.is(evaluate('round(-0.4)'), 0)).toBe(true);
    expect(Object.is(evaluate('A * -1', { A: 0 }), 0)).toBe(true);
  });
});

describe('checkFormulas', () => {
  it('orders computed indicators after what they use', () => {
    expect(
      checkFormulas({
        TONG: 'TY_LE * 2 + dan_so',
        TY_LE: 'round(100 * CO / DAN_SO, 1)',
        CO: null,
        DAN_SO: null,
        HANG_SO: '42',
      }),
    ).toEqual({ ok: true, order: ['TY_LE', 'TONG', 'HANG_SO'] });
    expect(checkFormulas({})).toEqual({ ok: true, order: [] });
  });

  it('reports a cycle with its path', () => {
    const result = checkFormulas({ A: 'B + 1', B: 'a * 2', C: null });
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          code: 'A',
          kind: 'cycle',
          message: 'Công thức tạo thành vòng lặp: A → B → A',
          detail: ['A', 'B', 'A'],
        },
      ],
    });
    expect(checkFormulas({ X: 'Y', Y: 'Z + C', Z: 'X', C: null })).toMatchObject({
      ok: false,
      errors: [{ code: 'X', kind: 'cycle', detail: ['X', 'Y', 'Z', 'X'] }],
    });
  });

  it('reports every broken formula at once', () => {
    const result = checkFormulas({
      A: null,
      B: 'B + A',
      C: 'A + X + Y.1',
      D: 'A +',
      a: null,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.code, e.kind, e.detail])).toEqual([
      ['a', 'duplicate_code', ['A', 'a']],
      ['B', 'self_reference', ['B', 'B']],
      ['C', 'unknown_code', ['X', 'Y.1']],
      ['D', 'parse', undefined],
    ]);
    expect(result.errors[2]!.message).toBe('Công thức của chỉ tiêu C dùng mã chưa có trong danh mục: X, Y.1');
    expect(result.errors[3]!.message).toContain('Công thức của chỉ tiêu D không hợp lệ');
  });
});

describe('formulaDependencies', () => {
  const definitions = {
    TONG: 'TY_LE * 2 + dan_so + HANG_SO',
    TY_LE: 'round(100 * CO / DAN_SO, 1)',
    HANG_SO: '42',
    CO: null,
    DAN_SO: null,
    KHAC: null,
  };

  it('lists the entered indicators a computed one needs, in the order they are reached', () => {
    expect(formulaDependencies(definitions, 'TONG')).toEqual(['CO', 'DAN_SO']);
    expect(formulaDependencies(definitions, 'ty_le')).toEqual(['CO', 'DAN_SO']);
    expect(formulaDependencies(definitions, 'HANG_SO')).toEqual([]);
    expect(formulaDependencies(definitions, 'CO')).toEqual(['CO']);
    expect(formulaDependencies(definitions, 'NONE')).toEqual([]);
  });

  it('tolerates a broken catalogue', () => {
    expect(formulaDependencies({ A: 'B + S', B: 'A + X + (', S: null }, 'A')).toEqual(['S']);
    expect(formulaDependencies({ A: 'B + S', B: 'A + T', S: null, T: null }, 'B')).toEqual(['S', 'T']);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

const CODES = ['A', 'B', 'C', 'CT01', 'KTS_GRDP', 'I.3.2'] as const;

const numberArb = fc
  .oneof(
    fc.constantFrom(0, 1, 2, 10, 100, 0.5),
    fc.integer({ min: 0, max: 1_000_000 }),
    fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }),
  )
  .map((value): FormulaNode => ({ type: 'number', value: value === 0 ? 0 : value }));

const leafArb: fc.Arbitrary<FormulaNode> = fc.oneof(
  numberArb,
  fc.constantFrom(...CODES).map((code): FormulaNode => ({ type: 'ref', code })),
);

const { node: anyNodeArb } = fc.letrec<{ node: FormulaNode }>((tie) => ({
  node: fc.oneof(
    { maxDepth: 5, depthSize: 'small' },
    leafArb,
    tie('node').map(neg),
    fc
      .tuple(
        fc.constantFrom('+', '-', '*', '/') as fc.Arbitrary<'+' | '-' | '*' | '/'>,
        tie('node'),
        tie('node'),
      )
      .map(([op, left, right]) => bin(op, left, right)),
    fc
      .tuple(
        fc.constantFrom('min', 'max') as fc.Arbitrary<'min' | 'max'>,
        fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
      )
      .map(([fn, args]) => call(fn, ...args)),
    tie('node').map((x) => call('abs', x)),
    fc.array(tie('node'), { minLength: 1, maxLength: 2 }).map((args) => call('round', ...args)),
  ),
}));

const astArb = anyNodeArb.filter((ast) => formatFormula(ast).length <= FORMULA_MAX_LENGTH);

function refsOf(ast: FormulaNode, out: string[] = []): string[] {
  switch (ast.type) {
    case 'number':
      break;
    case 'ref':
      if (!out.includes(ast.code)) out.push(ast.code);
      break;
    case 'unary':
      refsOf(ast.operand, out);
      break;
    case 'binary':
      refsOf(ast.left, out);
      refsOf(ast.right, out);
      break;
    case 'call':
      for (const arg of ast.args) refsOf(arg, out);
  }
  return out;
}

/**
 * The evaluation rules restated another way: NaN stands for "no value" and poisons everything it
 * touches; every step that leaves the finite numbers or divides by zero produces it.
 */
function referenceEvaluate(ast: FormulaNode, values: Partial<Record<string, number | null>>): number | null {
  const finite = (x: number) => (Number.isFinite(x) ? x : Number.NaN);
  const roundExcel = (x: number, digits: number) => {
    if (Number.isNaN(x) || Number.isNaN(digits)) return Number.NaN;
    const d = Math.max(-15, Math.min(15, Math.trunc(digits)));
    const scaled = d >= 0 ? x * 10 ** d : x / 10 ** -d;
    if (!Number.isFinite(scaled) || Math.abs(scaled) >= 2 ** 52) return x;
    const magnitude = Math.round(Number(Math.abs(scaled).toPrecision(15)));
    const signed = x < 0 ? -magnitude : magnitude;
    return d >= 0 ? signed / 10 ** d : signed * 10 ** -d;
  };
  const go = (node: FormulaNode): number => {
    switch (node.type) {
      case 'number':
        return node.value;
      case 'ref':
        return finite(values[node.code] ?? Number.NaN);
      case 'unary':
        return -go(node.operand);
      case 'binary': {
        const a = go(node.left);
        const b = go(node.right);
        if (node.op === '+') return finite(a + b);
        if (node.op === '-') return finite(a - b);
        if (node.op === '*') return finite(a * b);
        return b === 0 ? Number.NaN : finite(a / b);
      }
      case 'call': {
        const args = node.args.map(go);
        if (node.fn === 'min') return Math.min(...args);
        if (node.fn === 'max') return Math.max(...args);
        if (node.fn === 'abs') return Math.abs(args[0]!);
        return finite(roundExcel(args[0]!, args[1] ?? 0));
      }
    }
  };
  const value = go(ast);
  return Number.isNaN(value) ? null : value + 0;
}

describe('formula properties', () => {
  it('parses the formatted text of any formula back to the same formula', () => {
    fc.assert(
      fc.property(astArb, (ast) => {
        const result = parseFormula(formatFormula(ast));
        expect(result).toEqual({ ok: true, ast, refs: refsOf(ast) });
      }),
      { numRuns: 500 },
    );
  });

  it('evaluates as the reference evaluation does, missing values and zero divisors included', () => {
    const valueArb = fc.oneof(
      fc.integer({ min: -3, max: 3 }),
      fc.constant(null),
      fc.double(),
      fc.double({ min: -1000, max: 1000, noNaN: true }),
    );
    const valuesArb = fc.record(Object.fromEntries(CODES.map((code) => [code, valueArb])), {
      requiredKeys: [],
    });
    fc.assert(
      fc.property(astArb, valuesArb, (ast, values) => {
        const actual = evaluateFormula(ast, (code) => values[code]);
        const expected = referenceEvaluate(ast, values);
        expect(actual).toBe(expected);
        if (actual !== null) expect(Number.isFinite(actual)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  /** A random DAG: node i is entered, or computed from some of nodes 0..i-1; codes listed shuffled. */
  const dagArb = fc.integer({ min: 1, max: 12 }).chain((size) =>
    fc.record({
      stored: fc.array(fc.boolean(), { minLength: size, maxLength: size }),
      deps: fc.array(fc.uniqueArray(fc.nat({ max: 100 }), { maxLength: 4 }), {
        minLength: size,
        maxLength: size,
      }),
      listing: fc.shuffledSubarray(
        Array.from({ length: size }, (_, i) => i),
        { minLength: size, maxLength: size },
      ),
      lowerCase: fc.boolean(),
      pick: fc.nat(),
    }),
  );

  interface Dag {
    computed: Set<string>;
    deps: Map<string, string[]>;
    definitions: Record<string, string | null>;
  }

  function dagOf(sample: {
    stored: boolean[];
    deps: number[][];
    listing: number[];
    lowerCase: boolean;
  }): Dag {
    const code = (i: number) => `N${i}`;
    const computed = new Set<string>();
    const deps = new Map<string, string[]>();
    sample.stored.forEach((isStored, i) => {
      if (isStored) return;
      computed.add(code(i));
      const mine = i === 0 ? [] : [...new Set(sample.deps[i]!.map((j) => j % i))];
      deps.set(code(i), mine.map(code));
    });
    const definitions: Record<string, string | null> = {};
    for (const i of sample.listing) {
      const own = deps.get(code(i));
      if (own === undefined) definitions[code(i)] = null;
      else {
        const text = own.length > 0 ? own.join(' + ') : String(i);
        definitions[code(i)] = sample.lowerCase ? text.toLowerCase() : text;
      }
    }
    return { computed, deps, definitions };
  }

  /** The codes reachable from `start` through formulas, `start` excluded. */
  function reachable(dag: Dag, start: string): Set<string> {
    const seen = new Set<string>();
    const visit = (code: string) => {
      for (const dep of dag.deps.get(code) ?? []) {
        if (seen.has(dep)) continue;
        seen.add(dep);
        visit(dep);
      }
    };
    visit(start);
    return seen;
  }

  it('orders any acyclic catalogue so that dependencies come first', () => {
    fc.assert(
      fc.property(dagArb, (sample) => {
        const dag = dagOf(sample);
        const result = checkFormulas(dag.definitions);
        if (!result.ok) throw new Error(JSON.stringify(result.errors));
        expect([...result.order].sort()).toEqual([...dag.computed].sort());
        const position = new Map(result.order.map((code, i) => [code, i]));
        for (const [code, deps] of dag.deps) {
          for (const dep of deps) {
            if (dag.computed.has(dep)) expect(position.get(dep)!).toBeLessThan(position.get(code)!);
          }
        }
        for (const code of Object.keys(dag.definitions)) {
          const expected = dag.computed.has(code)
            ? [...reachable(dag, code)].filter((c) => !dag.computed.has(c))
            : [code];
          expect(formulaDependencies(dag.definitions, code).sort()).toEqual(expected.sort());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reports a cycle when a back edge is added, and a self-reference as such', () => {
    fc.assert(
      fc.property(dagArb, (sample) => {
        const dag = dagOf(sample);
        const pairs: Array<[string, string]> = [];
        for (const from of dag.computed) {
          for (const to of reachable(dag, from)) if (dag.computed.has(to)) pairs.push([from, to]);
        }
        fc.pre(pairs.length > 0);
        // `from` already depends on `to`; making `to` use `from` closes a cycle to → from → … → to
        const [from, to] = pairs[sample.pick % pairs.length]!;
        const cyclic = { ...dag.definitions, [to]: `${dag.definitions[to]} + ${from}` };
        const result = checkFormulas(cyclic);
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.errors.length).toBeGreaterThan(0);
        const uses = (a: string, b: string) => dag.deps.get(a)!.includes(b) || (a === to && b === from);
        for (const error of result.errors) {
          expect(error.kind).toBe('cycle');
          const path = error.detail!;
          expect(path[0]).toBe(error.code);
          expect(path.at(-1)).toBe(error.code);
          expect(new Set(path.slice(1)).size).toBe(path.length - 1);
          for (let i = 0; i + 1 < path.length; i++) expect(uses(path[i]!, path[i + 1]!)).toBe(true);
          // the graph was acyclic before, so every cycle goes through the new edge
          expect(path.some((code, i) => code === to && path[i + 1] === from)).toBe(true);
          expect(error.message).toBe(`Công thức tạo thành vòng lặp: ${path.join(' → ')}`);
        }
        // and dependencies are still computed without looping forever
        expect(() => formulaDependencies(cyclic, to)).not.toThrow();

        const selfReferencing = { ...dag.definitions, [to]: `${dag.definitions[to]} + ${to.toLowerCase()}` };
        expect(checkFormulas(selfReferencing)).toMatchObject({
          ok: false,
          errors: [{ code: to, kind: 'self_reference', detail: [to, to] }],
        });
      }),
      { numRuns: 300 },
    );
  });

  const ERROR_CODES = [
    'empty',
    'too_long',
    'too_deep',
    'unexpected_token',
    'unexpected_end',
    'unknown_function',
    'wrong_arity',
    'invalid_number',
  ];

  function checkAnyText(text: string) {
    const result = parseFormula(text);
    if (result.ok) {
      for (const code of result.refs) expect(code).toMatch(/^[A-Z][A-Z0-9_.]*$/);
      expect(parseFormula(formatFormula(result.ast))).toEqual(result);
    } else {
      expect(ERROR_CODES).toContain(result.error.code);
      expect(result.error.position).toBeGreaterThanOrEqual(0);
      expect(result.error.position).toBeLessThanOrEqual(text.length);
      expect(result.error.message.length).toBeGreaterThan(0);
    }
  }

  it('never throws, whatever the text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 600 }), checkAnyText), { numRuns: 1000 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 600 }), checkAnyText), { numRuns: 1000 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 600 }), checkAnyText), { numRuns: 300 });
    const piece = fc.constantFrom(
      'A',
      'ct01',
      'I.3.2',
      '1',
      '0.5',
      '1e3',
      '.',
      '(',
      ')',
      ',',
      '+',
      '-',
      '*',
      '/',
      ' ',
      'min',
      'MAX',
      'abs',
      'round',
      'foo',
      '#',
      'Đ',
      '\u{1F600}',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 150 }).map((pieces) => pieces.join('')),
        checkAnyText,
      ),
      { numRuns: 3000 },
    );
  });
});
