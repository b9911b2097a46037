/*
 * The expression language of Bases filters and formulas (help.obsidian.md, "Bases syntax"), read
 * into a tree that interpret.ts walks: literals, lists, objects, `+ - * / %`, comparisons, `&& || !`,
 * member access, indexing, calls. Nesting is bounded, so no expression can overflow the stack of
 * the parser or of the interpreter that walks its tree.
 */

export type Node =
  | { type: 'literal'; value: null | boolean | number | string | RegExp }
  | { type: 'ident'; name: string }
  | { type: 'list'; items: Node[] }
  | { type: 'object'; entries: [string, Node][] }
  | { type: 'unary'; op: '!' | '-'; arg: Node }
  | { type: 'binary'; op: string; left: Node; right: Node }
  | { type: 'member'; object: Node; name: string }
  | { type: 'index'; object: Node; index: Node }
  | { type: 'call'; callee: Node; args: Node[] };

export class ExpressionError extends Error {}

/** How deep a tree may nest: far beyond any real formula, far below the stack's depth. */
const MAX_DEPTH = 200;

type Token = { kind: 'num'; value: number } | { kind: 'str'; value: string } | { kind: 'regex'; value: RegExp } | { kind: 'ident'; value: string } | { kind: 'op'; value: string };

const OPERATORS = ['&&', '||', '==', '!=', '>=', '<=', '>', '<', '+', '-', '*', '/', '%', '!', '(', ')', '[', ']', '{', '}', ',', '.', ':'];
const IDENT = /[\p{L}_$][\p{L}\p{N}_$]*/uy;
const NUMBER = /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r' };

/** Whether a `/` here starts a regular expression (where a value is expected) rather than dividing. */
const valueExpected = (previous: Token | undefined) => !previous || (previous.kind === 'op' && ![')', ']', '}'].includes(previous.value));

function readString(text: string, start: number): [string, number] {
  const quote = text[start];
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const char = text[i]!;
    if (char === quote) return [value, i + 1];
    if (char === '\\' && i + 1 < text.length) {
      const next = text[++i]!;
      value += ESCAPES[next] ?? next;
    } else value += char;
  }
  throw new ExpressionError(`a text in quotes is not closed (from column ${start + 1})`);
}

function readRegex(text: string, start: number): [RegExp, number] {
  let inClass = false;
  for (let i = start + 1; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') i++;
    else if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    else if (char === '/' && !inClass) {
      const flags = /^[dgimsuy]*/.exec(text.slice(i + 1))![0];
      try {
        return [new RegExp(text.slice(start + 1, i), flags), i + 1 + flags.length];
      } catch (error) {
        throw new ExpressionError(`the regular expression ${text.slice(start, i + 1)} is not valid (${(error as Error).message})`);
      }
    }
  }
  throw new ExpressionError(`a regular expression is not closed (from column ${start + 1})`);
}

function readOne(text: string, i: number, previous: Token | undefined): [Token, number] {
  const char = text[i]!;
  if (char === '"' || char === "'") {
    const [value, end] = readString(text, i);
    return [{ kind: 'str', value }, end];
  }
  if (char === '/' && valueExpected(previous)) {
    const [value, end] = readRegex(text, i);
    return [{ kind: 'regex', value }, end];
  }
  NUMBER.lastIndex = i;
  const number = NUMBER.exec(text);
  if (number) return [{ kind: 'num', value: Number(number[0]) }, i + number[0].length];
  IDENT.lastIndex = i;
  const ident = IDENT.exec(text);
  if (ident) return [{ kind: 'ident', value: ident[0] }, i + ident[0].length];
  const op = OPERATORS.find((candidate) => text.startsWith(candidate, i));
  if (op) return [{ kind: 'op', value: op }, i + op.length];
  throw new ExpressionError(`“${char}” at column ${i + 1} is not part of the formula language`);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    const [token, end] = readOne(text, i, tokens.at(-1));
    tokens.push(token);
    i = end;
  }
  return tokens;
}

const PRECEDENCE: Record<string, number> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '>': 4, '<=': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };

/** A node's depth, kept beside the tree so that bounding it costs nothing more to walk. */
const depths = new WeakMap<Node, number>();

function made(node: Node, ...children: Node[]): Node {
  const depth = 1 + Math.max(0, ...children.map((child) => depths.get(child) ?? 1));
  if (depth > MAX_DEPTH) throw new ExpressionError(`it nests more than ${MAX_DEPTH} levels deep`);
  depths.set(node, depth);
  return node;
}

class Parser {
  private at = 0;
  private readonly tokens: Token[];
  constructor(tokens: Token[]) {
    this.tokens = tokens;
  }

  parse(): Node {
    if (!this.tokens.length) throw new ExpressionError('it is empty');
    const node = this.binary(1);
    if (this.at < this.tokens.length) throw new ExpressionError(`unexpected “${this.describe(this.tokens[this.at]!)}” after a complete expression`);
    return node;
  }

  private describe = (token: Token) => (token.kind === 'str' ? `"${token.value}"` : String(token.value));
  private peekOp = (value: string) => this.tokens[this.at]?.kind === 'op' && this.tokens[this.at]!.value === value;

  private expect(value: string): void {
    if (!this.peekOp(value)) {
      const found = this.tokens[this.at];
      throw new ExpressionError(`expected “${value}” but found ${found ? `“${this.describe(found)}”` : 'the end'}`);
    }
    this.at++;
  }

  private nesting = 0;

  /** Counts how deep the parser is, so that `((((…` stops with a message, not a stack overflow. */
  private nested<T>(read: () => T): T {
    if (++this.nesting > MAX_DEPTH) throw new ExpressionError(`it nests more than ${MAX_DEPTH} levels deep`);
    try {
      return read();
    } finally {
      this.nesting--;
    }
  }

  private binary(minimum: number): Node {
    return this.nested(() => this.binaryChain(minimum));
  }

  private binaryChain(minimum: number): Node {
    let left = this.unary();
    for (;;) {
      const token = this.tokens[this.at];
      const precedence = token?.kind === 'op' ? PRECEDENCE[token.value] : undefined;
      if (!precedence || precedence < minimum) return left;
      this.at++;
      const right = this.binary(precedence + 1);
      left = made({ type: 'binary', op: (token as { value: string }).value, left, right }, left, right);
    }
  }

  private unary(): Node {
    if (this.peekOp('!') || this.peekOp('-')) {
      const op = (this.tokens[this.at++] as { value: '!' | '-' }).value;
      const arg = this.nested(() => this.unary());
      return made({ type: 'unary', op, arg }, arg);
    }
    return this.postfix(this.primary());
  }

  private postfix(node: Node): Node {
    for (;;) {
      if (this.peekOp('.')) {
        this.at++;
        const name = this.tokens[this.at++];
        if (name?.kind !== 'ident') throw new ExpressionError('a name must follow “.”');
        node = made({ type: 'member', object: node, name: name.value }, node);
      } else if (this.peekOp('[')) {
        this.at++;
        const index = this.binary(1);
        this.expect(']');
        node = made({ type: 'index', object: node, index }, node, index);
      } else if (this.peekOp('(')) {
        const args = this.sequence(')');
        node = made({ type: 'call', callee: node, args }, node, ...args);
      } else return node;
    }
  }

  /** Items separated by commas after an opening bracket, up to `close`. */
  private sequence(close: string): Node[] {
    this.at++;
    const items: Node[] = [];
    while (!this.peekOp(close)) {
      items.push(this.binary(1));
      if (!this.peekOp(close)) this.expect(',');
    }
    this.at++;
    return items;
  }

  private primary(): Node {
    const token = this.tokens[this.at];
    if (!token) throw new ExpressionError('it ends where a value was expected');
    if (token.kind === 'op' && token.value === '(') {
      this.at++;
      const inner = this.binary(1);
      this.expect(')');
      return inner;
    }
    if (token.kind === 'op' && token.value === '[') {
      const items = this.sequence(']');
      return made({ type: 'list', items }, ...items);
    }
    if (token.kind === 'op' && token.value === '{') return this.object();
    this.at++;
    if (token.kind === 'op') throw new ExpressionError(`unexpected “${token.value}” where a value was expected`);
    if (token.kind === 'ident') return made(KEYWORDS.has(token.value) ? { type: 'literal', value: KEYWORDS.get(token.value)! } : { type: 'ident', name: token.value });
    return made({ type: 'literal', value: token.value });
  }

  private object(): Node {
    this.at++;
    const entries: [string, Node][] = [];
    while (!this.peekOp('}')) {
      const key = this.tokens[this.at++];
      if (key?.kind !== 'str' && key?.kind !== 'ident') throw new ExpressionError('an object’s key must be a name or a text in quotes');
      this.expect(':');
      entries.push([key.value, this.binary(1)]);
      if (!this.peekOp('}')) this.expect(',');
    }
    this.at++;
    return made({ type: 'object', entries }, ...entries.map(([, value]) => value));
  }
}

const KEYWORDS = new Map<string, null | boolean>([
  ['true', true],
  ['false', false],
  ['null', null],
]);

/** An expression's tree, or an ExpressionError saying why it cannot be read. */
export function parseExpression(text: string): Node {
  return new Parser(tokenize(text)).parse();
}
