/**
 * Formulas of computed indicators ("chỉ tiêu tính toán"), shared by server and web: a small
 * hand-written tokenizer and recursive-descent parser, a formatter, an evaluator and a checker for
 * a whole catalogue. Nothing is ever run as JavaScript (no eval, no Function).
 *
 * Grammar (whitespace is free between tokens):
 *
 *   formula := sum
 *   sum     := product (('+' | '-') product)*          left-associative
 *   product := unary (('*' | '/') unary)*              left-associative
 *   unary   := '-' unary | primary
 *   primary := number | code | function '(' sum (',' sum)* ')' | '(' sum ')'
 *   number  := [0-9]+ ('.' [0-9]+)? ([eE] [+-]? [0-9]+)?     e.g. 100, 0.5, 1e6
 *   code    := [A-Za-z] [A-Za-z0-9_.]*                        e.g. CT01, KTS_GRDP, I.3.2
 *
 * Indicator codes are ASCII only (a Cyrillic "А" must not pass for a Latin "A") and are compared
 * in upper case: `ct01` and `CT01` are the same indicator, and the AST holds `CT01`.
 * The functions `min(a, …)`, `max(a, …)` (one argument or more), `abs(x)` and `round(x, digits?)`
 * are written in any case and are reserved: a name followed by `(` is a call, and a function
 * name is never read as a code.
 *
 * A formula is at most `FORMULA_MAX_LENGTH` characters and nests at most `FORMULA_MAX_DEPTH`
 * levels (parentheses, calls and unary minus each count), so parsing needs little stack.
 *
 * `parseFormula`, `evaluateFormula`, `checkFormulas` and `formulaDependencies` never throw.
 * Error positions are 0-based offsets into the text (UTF-16 code units, as `String#slice` and
 * `selectionStart` count); the Vietnamese messages count from 1, as people do.
 */

export const FORMULA_MAX_LENGTH = 500;
export const FORMULA_MAX_DEPTH = 50;

export const FORMULA_FUNCTIONS = ['min', 'max', 'abs', 'round'] as const;
export type FormulaFunction = (typeof FORMULA_FUNCTIONS)[number];
export type FormulaOperator = '+' | '-' | '*' | '/';

export type FormulaNode =
  /** a literal, never negative when parsed: `-5` is a unary minus applied to 5 */
  | { type: 'number'; value: number }
  /** an indicator code, upper case */
  | { type: 'ref'; code: string }
  | { type: 'unary'; op: '-'; operand: FormulaNode }
  | { type: 'binary'; op: FormulaOperator; left: FormulaNode; right: FormulaNode }
  | { type: 'call'; fn: FormulaFunction; args: FormulaNode[] };

export type FormulaErrorCode =
  | 'empty'
  | 'too_long'
  | 'too_deep'
  | 'unexpected_token'
  | 'unexpected_end'
  | 'unknown_function'
  | 'wrong_arity'
  | 'invalid_number';

export interface FormulaError {
  code: FormulaErrorCode;
  /** 0-based offset into the formula text */
  position: number;
  /** Vietnamese, positions counted from 1 */
  message: string;
}

export type ParseFormulaResult =
  | { ok: true; ast: FormulaNode; refs: string[] }
  | { ok: false; error: FormulaError };

const ARITY: Record<FormulaFunction, { min: number; max: number; text: string }> = {
  min: { min: 1, max: Number.POSITIVE_INFINITY, text: 'ít nhất 1 đối số' },
  max: { min: 1, max: Number.POSITIVE_INFINITY, text: 'ít nhất 1 đối số' },
  abs: { min: 1, max: 1, text: 'đúng 1 đối số' },
  round: { min: 1, max: 2, text: '1 hoặc 2 đối số' },
};

const FUNCTION_LIST = FORMULA_FUNCTIONS.join(', ');

function isFormulaFunction(name: string): name is FormulaFunction {
  return (FORMULA_FUNCTIONS as readonly string[]).includes(name);
}

// ---------------------------------------------------------------------------------------------
// Tokenizer
// ---------------------------------------------------------------------------------------------

type Token =
  | { kind: 'number'; value: number; start: number; end: number }
  | { kind: 'name'; name: string; start: number; end: number }
  | { kind: '+' | '-' | '*' | '/' | '(' | ')' | ','; start: number; end: number }
  | { kind: 'end'; start: number; end: number };

const NUMBER = /[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const NAME = /[A-Za-z][A-Za-z0-9_.]*/y;
/** what may not directly follow a number: a typo such as `1.2.3`, `2A` or `1e` */
const NUMBER_TAIL = /[A-Za-z0-9_.]*/y;
const WHITESPACE = /\s/u;
const PUNCTUATION = new Set(['+', '-', '*', '/', '(', ')', ',']);

class FormulaSyntaxError extends Error {
  constructor(readonly error: FormulaError) {
    super(error.message);
  }
}

function fail(code: FormulaErrorCode, position: number, message: string): never {
  throw new FormulaSyntaxError({ code, position, message });
}

/** Position as shown to people. */
const at = (position: number) => `vị trí ${position + 1}`;

/** A piece of the formula, quoted for a message: short, and with invisible characters named. */
function quote(text: string): string {
  const chars = [...text].map((ch) =>
    /[\p{C}\p{Z}]/u.test(ch) ? `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : ch,
  );
  return `'${chars.length > 30 ? `${chars.slice(0, 30).join('')}…` : chars.join('')}'`;
}

class Lexer {
  private pos = 0;
  /** the next token, read only when asked for, so that errors come in the order of the text */
  private current: Token | null = null;

  constructor(private readonly text: string) {}

  peek(): Token {
    this.current ??= this.read();
    return this.current;
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.current = null;
    return token;
  }

  /** The source text of a token, for messages. */
  source(token: Token): string {
    return this.text.slice(token.start, token.end);
  }

  private read(): Token {
    const text = this.text;
    while (this.pos < text.length && WHITESPACE.test(text[this.pos]!)) this.pos++;
    const start = this.pos;
    if (start >= text.length) return { kind: 'end', start, end: start };
    const ch = text[start]!;

    if (PUNCTUATION.has(ch)) {
      this.pos++;
      return { kind: ch as '+' | '-' | '*' | '/' | '(' | ')' | ',', start, end: this.pos };
    }

    if (ch >= '0' && ch <= '9') {
      NUMBER.lastIndex = start;
      const m = NUMBER.exec(text)!;
      let end = start + m[0].length;
      NUMBER_TAIL.lastIndex = end;
      const tail = NUMBER_TAIL.exec(text)![0];
      if (tail !== '') {
        end += tail.length;
        fail('invalid_number', start, `Số không hợp lệ ${quote(text.slice(start, end))} ở ${at(start)}`);
      }
      const value = Number(m[0]);
      if (!Number.isFinite(value)) {
        fail('invalid_number', start, `Số ${quote(m[0])} ở ${at(start)} quá lớn`);
      }
      this.pos = end;
      return { kind: 'number', value, start, end };
    }

    if (ch === '.' && /[0-9]/.test(text[start + 1] ?? '')) {
      NUMBER_TAIL.lastIndex = start;
      const written = NUMBER_TAIL.exec(text)![0];
      fail(
        'invalid_number',
        start,
        `Số không hợp lệ ${quote(written)} ở ${at(start)}: cần có chữ số trước dấu chấm, ví dụ 0.5`,
      );
    }

    NAME.lastIndex = start;
    const name = NAME.exec(text);
    if (name) {
      this.pos = start + name[0].length;
      return { kind: 'name', name: name[0], start, end: this.pos };
    }

    const char = String.fromCodePoint(text.codePointAt(start)!);
    const hint = /\p{L}/u.test(char)
      ? ' (mã chỉ tiêu chỉ gồm chữ cái không dấu, chữ số, dấu _ và dấu chấm)'
      : '';
    fail('unexpected_token', start, `Ký tự không hợp lệ ${quote(char)} ở ${at(start)}${hint}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------------------------

const OPERAND_EXPECTED = 'một số, một mã chỉ tiêu hoặc dấu (';

class Parser {
  private depth = 0;
  readonly refs: string[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly lexer: Lexer,
    private readonly length: number,
  ) {}

  parseFormula(): FormulaNode {
    const ast = this.sum();
    const token = this.lexer.peek();
    if (token.kind !== 'end') this.unexpectedAfterOperand(token);
    return ast;
  }

  private sum(): FormulaNode {
    let left = this.product();
    for (;;) {
      const token = this.lexer.peek();
      if (token.kind !== '+' && token.kind !== '-') return left;
      this.lexer.next();
      left = { type: 'binary', op: token.kind, left, right: this.product() };
    }
  }

  private product(): FormulaNode {
    let left = this.unary();
    for (;;) {
      const token = this.lexer.peek();
      if (token.kind !== '*' && token.kind !== '/') return left;
      this.lexer.next();
      left = { type: 'binary', op: token.kind, left, right: this.unary() };
    }
  }

  private unary(): FormulaNode {
    const token = this.lexer.peek();
    if (token.kind !== '-') return this.primary();
    this.lexer.next();
    this.enter(token);
    const operand = this.unary();
    this.depth--;
    return { type: 'unary', op: '-', operand };
  }

  private primary(): FormulaNode {
    const token = this.lexer.next();
    switch (token.kind) {
      case 'number':
        return { type: 'number', value: token.value };
      case 'name':
        return this.nameOrCall(token);
      case '(': {
        this.enter(token);
        const inner = this.sum();
        this.expectClosing(token);
        this.depth--;
        return inner;
      }
      case 'end':
        return fail(
          'unexpected_end',
          this.length,
          `Công thức chưa kết thúc: cần ${OPERAND_EXPECTED} ở ${at(this.length)}`,
        );
      default:
        return fail(
          'unexpected_token',
          token.start,
          `Cần ${OPERAND_EXPECTED} nhưng gặp ${quote(this.lexer.source(token))} ở ${at(token.start)}`,
        );
    }
  }

  private nameOrCall(token: Token & { kind: 'name' }): FormulaNode {
    const lower = token.name.toLowerCase();
    const next = this.lexer.peek();
    if (next.kind === '(') {
      if (!isFormulaFunction(lower)) {
        fail(
          'unknown_function',
          token.start,
          `Không có hàm ${quote(token.name)} ở ${at(token.start)} (các hàm được dùng: ${FUNCTION_LIST})`,
        );
      }
      return this.call(lower, token);
    }
    if (isFormulaFunction(lower)) {
      const reserved = `${quote(token.name)} là tên hàm, không dùng làm mã chỉ tiêu`;
      if (next.kind === 'end') {
        fail('unexpected_end', this.length, `Thiếu dấu ( sau tên hàm ở ${at(this.length)}: ${reserved}`);
      }
      fail('unexpected_token', next.start, `Thiếu dấu ( sau tên hàm ở ${at(next.start)}: ${reserved}`);
    }
    const code = token.name.toUpperCase();
    if (!this.seen.has(code)) {
      this.seen.add(code);
      this.refs.push(code);
    }
    return { type: 'ref', code };
  }

  private call(fn: FormulaFunction, name: Token): FormulaNode {
    const open = this.lexer.next();
    this.enter(open);
    const args: FormulaNode[] = [];
    if (this.lexer.peek().kind !== ')') {
      args.push(this.sum());
      while (this.lexer.peek().kind === ',') {
        this.lexer.next();
        args.push(this.sum());
      }
    }
    this.expectClosing(open, true);
    this.depth--;
    const arity = ARITY[fn];
    if (args.length < arity.min || args.length > arity.max) {
      fail(
        'wrong_arity',
        name.start,
        `Hàm ${fn} ở ${at(name.start)} cần ${arity.text}, nhưng có ${args.length}`,
      );
    }
    return { type: 'call', fn, args };
  }

  private expectClosing(open: Token, inCall = false): void {
    const token = this.lexer.next();
    if (token.kind === ')') return;
    const opened = `dấu ( ở ${at(open.start)}`;
    if (token.kind === 'end') {
      fail('unexpected_end', this.length, `Thiếu dấu ) để đóng ${opened}`);
    }
    const expected = inCall ? 'dấu , hoặc dấu )' : 'dấu )';
    fail(
      'unexpected_token',
      token.start,
      `Cần ${expected} (đóng ${opened}) nhưng gặp ${quote(this.lexer.source(token))} ở ${at(token.start)}`,
    );
  }

  private unexpectedAfterOperand(token: Token): never {
    const shown = quote(this.lexer.source(token));
    if (token.kind === ')') {
      fail('unexpected_token', token.start, `Dấu ) ở ${at(token.start)} không có dấu ( tương ứng`);
    }
    if (token.kind === ',') {
      fail(
        'unexpected_token',
        token.start,
        `Dấu phẩy ở ${at(token.start)} chỉ dùng để ngăn cách đối số của hàm (số thập phân viết bằng dấu chấm, ví dụ 0.5)`,
      );
    }
    fail('unexpected_token', token.start, `Thiếu phép toán trước ${shown} ở ${at(token.start)}`);
  }

  private enter(token: Token): void {
    this.depth++;
    if (this.depth > FORMULA_MAX_DEPTH) {
      fail('too_deep', token.start, `Công thức lồng nhau quá ${FORMULA_MAX_DEPTH} cấp ở ${at(token.start)}`);
    }
  }
}

/**
 * Parses a formula. `refs` lists the indicator codes it uses, upper case, each once, in the order
 * they first appear. Never throws: any text, however malformed, gives an error with its position.
 */
export function parseFormula(text: string): ParseFormulaResult {
  if (typeof text !== 'string' || text.trim() === '') {
    return { ok: false, error: { code: 'empty', position: 0, message: 'Công thức đang để trống' } };
  }
  if (text.length > FORMULA_MAX_LENGTH) {
    return {
      ok: false,
      error: {
        code: 'too_long',
        position: FORMULA_MAX_LENGTH,
        message: `Công thức dài ${text.length} ký tự, vượt quá giới hạn ${FORMULA_MAX_LENGTH} ký tự`,
      },
    };
  }
  try {
    const parser = new Parser(new Lexer(text), text.length);
    const ast = parser.parseFormula();
    return { ok: true, ast, refs: parser.refs };
  } catch (e) {
    if (e instanceof FormulaSyntaxError) return { ok: false, error: e.error };
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Formatter
// ---------------------------------------------------------------------------------------------

const PRECEDENCE = { sum: 1, product: 2, unary: 3, atom: 4 } as const;

function precedence(node: FormulaNode): number {
  switch (node.type) {
    case 'binary':
      return node.op === '+' || node.op === '-' ? PRECEDENCE.sum : PRECEDENCE.product;
    case 'unary':
      return PRECEDENCE.unary;
    case 'number':
      return node.value < 0 || Object.is(node.value, -0) ? PRECEDENCE.unary : PRECEDENCE.atom;
    default:
      return PRECEDENCE.atom;
  }
}

function wrap(node: FormulaNode, needed: boolean): string {
  const text = formatFormula(node);
  return needed ? `(${text})` : text;
}

/**
 * Canonical text: codes in upper case, functions in lower case, one space around binary
 * operators, `, ` between arguments, and only the parentheses the grammar needs — so
 * `parseFormula(formatFormula(ast))` gives back `ast`. A negative number literal (which the
 * parser never produces) is written as a unary minus. Throws a RangeError on a non-finite number.
 */
export function formatFormula(ast: FormulaNode): string {
  switch (ast.type) {
    case 'number': {
      if (!Number.isFinite(ast.value)) throw new RangeError(`Not a finite number: ${ast.value}`);
      return ast.value < 0 || Object.is(ast.value, -0) ? `-${String(-ast.value)}` : String(ast.value);
    }
    case 'ref':
      return ast.code;
    case 'unary':
      return `-${wrap(ast.operand, precedence(ast.operand) < PRECEDENCE.unary)}`;
    case 'binary': {
      const p = precedence(ast);
      // left-associative: an operand of the same level needs parentheses only on the right
      return `${wrap(ast.left, precedence(ast.left) < p)} ${ast.op} ${wrap(ast.right, precedence(ast.right) <= p)}`;
    }
    case 'call':
      return `${ast.fn}(${ast.args.map((arg) => formatFormula(arg)).join(', ')})`;
  }
}

// ---------------------------------------------------------------------------------------------
// Evaluator
// ---------------------------------------------------------------------------------------------

/** Digits of `round` are truncated to an integer and kept within ±15. */
export const FORMULA_ROUND_MAX_DIGITS = 15;

/**
 * Rounds half away from zero (2.5 → 3, -2.5 → -3), as Excel's ROUND and Vietnamese reports do.
 * The scaled value is first cut to 15 significant digits so that binary noise does not flip the
 * result: round(1.005, 2) is 1.01, not 1.00. Negative digits round to tens, hundreds, …
 */
function roundHalfAwayFromZero(x: number, digits: number): number {
  const d = Math.max(-FORMULA_ROUND_MAX_DIGITS, Math.min(FORMULA_ROUND_MAX_DIGITS, Math.trunc(digits)));
  const factor = 10 ** Math.abs(d);
  const scaled = d >= 0 ? x * factor : x / factor;
  // at or beyond 2^52 every double is an integer already: nothing to round
  if (!Number.isFinite(scaled) || Math.abs(scaled) >= 2 ** 52) return x;
  const rounded = Math.sign(x) * Math.round(Number(Math.abs(scaled).toPrecision(15)));
  return d >= 0 ? rounded / factor : rounded * factor;
}

const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

function evaluate(node: FormulaNode, lookup: (code: string) => number | null | undefined): number | null {
  switch (node.type) {
    case 'number':
      return finiteOrNull(node.value);
    case 'ref': {
      const value = lookup(node.code);
      return typeof value === 'number' ? finiteOrNull(value) : null;
    }
    case 'unary': {
      const operand = evaluate(node.operand, lookup);
      return operand === null ? null : -operand;
    }
    case 'binary': {
      const left = evaluate(node.left, lookup);
      if (left === null) return null;
      const right = evaluate(node.right, lookup);
      if (right === null) return null;
      if (node.op === '/') return right === 0 ? null : finiteOrNull(left / right);
      return finiteOrNull(node.op === '+' ? left + right : node.op === '-' ? left - right : left * right);
    }
    case 'call': {
      const args: number[] = [];
      for (const arg of node.args) {
        const value = evaluate(arg, lookup);
        if (value === null) return null;
        args.push(value);
      }
      const [first, second] = args;
      if (first === undefined) return null;
      switch (node.fn) {
        case 'min':
          return Math.min(...args);
        case 'max':
          return Math.max(...args);
        case 'abs':
          return Math.abs(first);
        case 'round':
          return finiteOrNull(roundHalfAwayFromZero(first, second ?? 0));
      }
    }
  }
}

/**
 * The value of a formula. `lookup` is asked for each code (upper case, as in the AST). A computed
 * indicator whose inputs are missing has no value: any missing, null or non-finite input, a
 * division by zero, or an overflow gives null — never NaN or Infinity. -0 is returned as 0.
 * `min`/`max` with a missing argument are null too.
 */
export function evaluateFormula(
  ast: FormulaNode,
  lookup: (code: string) => number | null | undefined,
): number | null {
  const value = evaluate(ast, lookup);
  return value === 0 ? 0 : value;
}

// ---------------------------------------------------------------------------------------------
// Catalogue checks
// ---------------------------------------------------------------------------------------------

export interface FormulaCheckError {
  /** the code of the indicator whose formula is at fault, as written in the definitions */
  code: string;
  /** `duplicate_code`: two codes of the catalogue differ only in case */
  kind: 'parse' | 'unknown_code' | 'cycle' | 'self_reference' | 'duplicate_code';
  /** Vietnamese */
  message: string;
  /** the unknown codes; the cycle path (A → B → A as [A, B, A]); the two duplicate codes */
  detail?: string[];
}

export type CheckFormulasResult = { ok: true; order: string[] } | { ok: false; errors: FormulaCheckError[] };

/** Formula text per indicator code; null for an indicator whose values are entered, not computed. */
export type FormulaDefinitions = Record<string, string | null>;

interface Catalogue {
  /** upper-case code → code as written (the first one, when two differ only in case) */
  byUpper: Map<string, string>;
  duplicates: Array<[string, string]>;
}

function catalogueOf(definitions: FormulaDefinitions): Catalogue {
  const byUpper = new Map<string, string>();
  const duplicates: Array<[string, string]> = [];
  for (const code of Object.keys(definitions)) {
    const upper = code.toUpperCase();
    const first = byUpper.get(upper);
    if (first === undefined) byUpper.set(upper, code);
    else duplicates.push([first, code]);
  }
  return { byUpper, duplicates };
}

/**
 * Checks every formula of a catalogue at once: each parses, uses only known codes, does not use
 * its own code, and no formulas depend on each other in a cycle. On success, `order` lists the
 * computed indicators (codes as written in `definitions`) so that each comes after every computed
 * indicator its formula uses: evaluate them in that order. Ties keep the order of `definitions`.
 */
export function checkFormulas(definitions: FormulaDefinitions): CheckFormulasResult {
  const errors: FormulaCheckError[] = [];
  const { byUpper, duplicates } = catalogueOf(definitions);
  for (const [first, second] of duplicates) {
    errors.push({
      code: second,
      kind: 'duplicate_code',
      message: `Mã chỉ tiêu ${second} trùng với ${first} (mã không phân biệt chữ hoa, chữ thường)`,
      detail: [first, second],
    });
  }

  /** computed code as written → the computed codes (as written) its formula uses */
  const edges = new Map<string, string[]>();
  for (const [code, formula] of Object.entries(definitions)) {
    if (formula === null || byUpper.get(code.toUpperCase()) !== code) continue;
    const deps: string[] = [];
    edges.set(code, deps);
    const parsed = parseFormula(formula);
    if (!parsed.ok) {
      errors.push({
        code,
        kind: 'parse',
        message: `Công thức của chỉ tiêu ${code} không hợp lệ: ${parsed.error.message}`,
      });
      continue;
    }
    const unknown: string[] = [];
    for (const ref of parsed.refs) {
      const target = byUpper.get(ref);
      if (target === undefined) unknown.push(ref);
      else if (target === code) {
        errors.push({
          code,
          kind: 'self_reference',
          message: `Công thức của chỉ tiêu ${code} dùng chính mã ${code}`,
          detail: [code, code],
        });
      } else if (definitions[target] !== null) deps.push(target);
    }
    if (unknown.length > 0) {
      errors.push({
        code,
        kind: 'unknown_code',
        message: `Công thức của chỉ tiêu ${code} dùng mã chưa có trong danh mục: ${unknown.join(', ')}`,
        detail: unknown,
      });
    }
  }

  // Depth-first search without recursion (a long chain of formulas must not exhaust the stack):
  // post-order gives the evaluation order; an edge back to a code still on the path is a cycle.
  const order: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  for (const root of edges.keys()) {
    if (state.has(root)) continue;
    const path: Array<{ code: string; next: number }> = [{ code: root, next: 0 }];
    state.set(root, 'open');
    while (path.length > 0) {
      const frame = path[path.length - 1]!;
      const deps = edges.get(frame.code)!;
      if (frame.next >= deps.length) {
        path.pop();
        state.set(frame.code, 'done');
        order.push(frame.code);
        continue;
      }
      const dep = deps[frame.next++]!;
      const seen = state.get(dep);
      if (seen === undefined) {
        state.set(dep, 'open');
        path.push({ code: dep, next: 0 });
      } else if (seen === 'open') {
        const from = path.findIndex((f) => f.code === dep);
        const cycle = [...path.slice(from).map((f) => f.code), dep];
        errors.push({
          code: dep,
          kind: 'cycle',
          message: `Công thức tạo thành vòng lặp: ${cycle.join(' → ')}`,
          detail: cycle,
        });
      }
    }
  }

  return errors.length > 0 ? { ok: false, errors } : { ok: true, order };
}

/**
 * The entered (non-computed) indicators whose values a computed one ultimately needs, codes as
 * written in `definitions`, each once, in the order its formulas first reach them. For an entered
 * indicator, itself; for an unknown code, nothing. Codes compare in upper case. Tolerates a broken
 * catalogue (unparsable formulas, unknown codes and cycles are skipped), so run `checkFormulas`
 * first when the catalogue may be invalid.
 */
export function formulaDependencies(definitions: FormulaDefinitions, code: string): string[] {
  const { byUpper } = catalogueOf(definitions);
  const start = byUpper.get(String(code).toUpperCase());
  if (start === undefined) return [];
  const result: string[] = [];
  const visited = new Set<string>();
  // depth-first, without recursion, visiting references in the order they are written
  const path: Array<{ refs: string[]; next: number }> = [];
  const visit = (target: string) => {
    visited.add(target);
    const formula = definitions[target];
    if (formula === null || formula === undefined) {
      result.push(target);
      return;
    }
    const parsed = parseFormula(formula);
    if (parsed.ok) path.push({ refs: parsed.refs, next: 0 });
  };
  visit(start);
  while (path.length > 0) {
    const frame = path[path.length - 1]!;
    if (frame.next >= frame.refs.length) {
      path.pop();
      continue;
    }
    const target = byUpper.get(frame.refs[frame.next++]!);
    if (target !== undefined && !visited.has(target)) visit(target);
  }
  return result;
}
