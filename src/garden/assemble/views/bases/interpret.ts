import { compareValues, valuesEqual } from './compare.ts';
import { addDuration, durationBetween, durationField, parseDuration, scaleDuration } from './dates.ts';
import { callGlobal } from './globals.ts';
import { callMethod } from './methods.ts';
import type { Node } from './parse-expression.ts';
import { EvalError, type Runtime, type Scope } from './runtime.ts';
import { fileField } from './files.ts';
import { isTruthy, kindOf, stringOf, typeName, type DateValue, type DurationValue, type Value } from './values.ts';

/*
 * The interpreter of Bases expressions: a walk over the parsed tree, one budget step per node, no
 * eval. Names are looked up as Obsidian does: `file`, `note`, `formula`, `this`, then the row's
 * note properties (help.obsidian.md, "Bases syntax", Properties).
 */

export function evaluate(node: Node, scope: Scope, runtime: Runtime): Value {
  runtime.tick();
  const recurse = (child: Node, inner: Scope = scope) => evaluate(child, inner, runtime);
  switch (node.type) {
    case 'literal':
      return node.value;
    case 'ident':
      return identifier(node.name, scope, runtime);
    case 'list':
      return node.items.map((item) => recurse(item));
    case 'object':
      return { kind: 'object', entries: Object.fromEntries(node.entries.map(([key, value]) => [key, recurse(value)])) };
    case 'unary':
      return unary(node.op, recurse(node.arg));
    case 'binary':
      return binary(node, scope, runtime);
    case 'member':
      return member(recurse(node.object), node.name, runtime);
    case 'index':
      return indexed(recurse(node.object), recurse(node.index), runtime);
    case 'call':
      if (node.callee.type === 'ident') return callGlobal(node.callee.name, node.args, scope, runtime, recurse);
      if (node.callee.type === 'member') return callMethod(recurse(node.callee.object), node.callee.name, node.args, scope, runtime, recurse);
      throw new EvalError('only a function or a method can be called');
  }
}

function identifier(name: string, scope: Scope, runtime: Runtime): Value {
  if (scope.locals && Object.hasOwn(scope.locals, name)) return scope.locals[name]!;
  const self = runtime.context.self;
  if (name === 'this') return self ? { kind: 'file', note: self } : null;
  if (!scope.row) return null;
  if (name === 'file') return { kind: 'file', note: scope.row };
  if (name === 'note' || name === 'formula') return { kind: name, note: scope.row };
  return runtime.property(scope.row, name);
}

/** `a.b`: a file's field, a row's property or formula, a date's or duration's field, a length, an object's entry. */
export function member(object: Value, name: string, runtime: Runtime): Value {
  if (object === null) return null;
  if (typeof object === 'string' || Array.isArray(object)) return name === 'length' ? object.length : null;
  if (kindOf(object, 'note')) return runtime.property(object.note, name);
  if (kindOf(object, 'formula')) return runtime.formula(object.note, name, (node, inner) => evaluate(node, inner, runtime));
  if (kindOf(object, 'file')) return fileField(object.note, name, runtime);
  if (kindOf(object, 'object')) return Object.hasOwn(object.entries, name) ? object.entries[name]! : null;
  if (kindOf(object, 'date')) return dateField(object, name);
  if (kindOf(object, 'duration')) return durationField(object, name) ?? null;
  if (kindOf(object, 'link')) {
    // A link's target read as a file (`this.related`): only a shared note's data, else nothing.
    const note = runtime.resolve(object);
    return note ? fileField(note, name, runtime) : null;
  }
  return null;
}

const DATE_FIELDS = ['year', 'month', 'day', 'hour', 'minute', 'second', 'millisecond'] as const;

function dateField(date: DateValue, name: string): Value {
  return (DATE_FIELDS as readonly string[]).includes(name) ? date.dt[name as (typeof DATE_FIELDS)[number]] : null;
}

/** `a[b]`: a list's item (0-based, negative from the end), an object's or a row's entry. */
function indexed(object: Value, index: Value, runtime: Runtime): Value {
  if (Array.isArray(object) && typeof index === 'number') return object.at(Math.trunc(index)) ?? null;
  if (typeof object === 'string' && typeof index === 'number') return object.at(Math.trunc(index)) ?? null;
  if (typeof index === 'string') return member(object, index, runtime);
  return null;
}

function unary(op: '!' | '-', value: Value): Value {
  if (op === '!') return !isTruthy(value);
  if (value === null) return null;
  if (typeof value === 'number') return -value;
  if (kindOf(value, 'duration')) return scaleDuration(value, -1);
  throw new EvalError(`cannot negate a ${typeName(value)}`);
}

function binary(node: Extract<Node, { type: 'binary' }>, scope: Scope, runtime: Runtime): Value {
  const left = evaluate(node.left, scope, runtime);
  if (node.op === '&&') return isTruthy(left) ? isTruthy(evaluate(node.right, scope, runtime)) : false;
  if (node.op === '||') return isTruthy(left) ? true : isTruthy(evaluate(node.right, scope, runtime));
  const right = evaluate(node.right, scope, runtime);
  if (node.op === '==') return valuesEqual(left, right, runtime);
  if (node.op === '!=') return !valuesEqual(left, right, runtime);
  if (['<', '>', '<=', '>='].includes(node.op)) {
    const order = compareValues(left, right, runtime);
    if (order === undefined || Number.isNaN(order)) return false;
    return node.op === '<' ? order < 0 : node.op === '>' ? order > 0 : node.op === '<=' ? order <= 0 : order >= 0;
  }
  return arithmetic(node.op, left, right);
}

/** A duration from a value used as one: a duration, a duration string (`"1d"`), or milliseconds. */
function durationOf(value: Value): DurationValue | undefined {
  if (kindOf(value, 'duration')) return value;
  if (typeof value === 'string') return parseDuration(value);
  if (typeof value === 'number') return { kind: 'duration', ms: value, parts: { milliseconds: value } };
  return undefined;
}

const numberOf = (value: Value): number | undefined =>
  typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : undefined;

function dateArithmetic(op: string, left: Value, right: Value): Value | undefined {
  if (kindOf(left, 'date')) {
    if (op === '-' && kindOf(right, 'date')) return durationBetween(left.dt, right.dt);
    const duration = (op === '+' || op === '-') && durationOf(right);
    if (duration) return addDuration(left, duration, op === '+' ? 1 : -1);
    // A date a note wrote as text joins other text as that text (`created + " (draft)"`).
    if (op === '+' && typeof right === 'string' && left.text !== undefined) return left.text + right;
    throw new EvalError(`cannot ${op === '+' ? 'add' : 'subtract'} ${describe(right)} ${op === '+' ? 'to' : 'from'} a date`);
  }
  if (kindOf(right, 'date') && op === '+' && kindOf(left, 'duration')) return addDuration(right, left, 1);
  if (kindOf(left, 'duration')) {
    const other = op === '+' || op === '-' ? durationOf(right) : undefined;
    if (other) return { kind: 'duration', ms: left.ms + (op === '+' ? 1 : -1) * other.ms, parts: { milliseconds: left.ms + (op === '+' ? 1 : -1) * other.ms } };
    if (typeof right === 'number' && (op === '*' || op === '/')) return scaleDuration(left, op === '*' ? right : 1 / right);
  }
  return undefined;
}

const describe = (value: Value) => (typeof value === 'string' ? `"${value.slice(0, 40)}"` : `a ${typeName(value)}`);

function arithmetic(op: string, left: Value, right: Value): Value {
  if (left === null || right === null) return op === '+' && (typeof left === 'string' || typeof right === 'string') ? stringOf(left) + stringOf(right) : null;
  const dated = dateArithmetic(op, left, right);
  if (dated !== undefined) return dated;
  if (op === '+') {
    if (typeof left === 'number' && typeof right === 'number') return left + right;
    if (Array.isArray(left) && Array.isArray(right)) return [...left, ...right];
    if (typeof left === 'string' || typeof right === 'string') return stringOf(left) + stringOf(right);
  } else {
    const [a, b] = [numberOf(left), numberOf(right)];
    if (a !== undefined && b !== undefined) return op === '-' ? a - b : op === '*' ? a * b : op === '/' ? a / b : a % b;
  }
  throw new EvalError(`cannot use ${op} with ${describe(left)} and ${describe(right)}`);
}
