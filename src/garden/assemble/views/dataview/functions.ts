import { DateTime, Duration } from 'luxon';
import type { Runtime } from './runtime.ts';
import { EvaluationError } from './errors.ts';
import { slowPattern } from '../safe-regex.ts';
import { dateLiteralOf, durationOf } from './parse-query.ts';
import { dateOfLiteral } from './pages.ts';
import { isTruthy, Lambda, Link, toText, typeOf, type DataObject, type Value, type ValueType } from './values.ts';

/*
 * Dataview's functions ("Functions" in its docs), each chosen by the types of its arguments as
 * Dataview's FunctionBuilder does: a call with types no variant takes is an error for that row,
 * and a function marked vectorized maps itself over a list argument (`lower(["A", "B"])`).
 */

export type FunctionImpl = (runtime: Runtime, args: Value[]) => Value;
type Variant = { types: (ValueType | '*')[] | 'varargs'; impl: (runtime: Runtime, ...args: any[]) => Value };

class Builder {
  private readonly variants: Variant[] = [];
  private readonly vectorized = new Map<number, number[]>();
  private readonly name: string;

  constructor(name: string) {
    this.name = name;
  }

  add(types: (ValueType | '*')[], impl: (runtime: Runtime, ...args: any[]) => Value): this {
    this.variants.push({ types, impl });
    return this;
  }

  varargs(impl: (runtime: Runtime, ...args: Value[]) => Value): this {
    this.variants.push({ types: 'varargs', impl });
    return this;
  }

  vectorize(count: number, positions: number[]): this {
    this.vectorized.set(count, positions);
    return this;
  }

  build(): FunctionImpl {
    const self: FunctionImpl = (runtime, args) => {
      const types = args.map(typeOf);
      const lists = (this.vectorized.get(args.length) ?? []).filter((i) => types[i] === 'array');
      if (lists.length) {
        const length = Math.min(...lists.map((i) => (args[i] as Value[]).length));
        return Array.from({ length }, (_, n) => self(runtime, args.map((arg, i) => (lists.includes(i) ? (arg as Value[])[n]! : arg))));
      }
      for (const variant of this.variants) {
        if (variant.types === 'varargs') return variant.impl(runtime, ...args);
        if (variant.types.length === types.length && variant.types.every((type, i) => type === '*' || type === types[i])) return variant.impl(runtime, ...args);
      }
      throw new EvaluationError(`No implementation of '${this.name}' found for arguments: ${types.join(', ')}`);
    };
    return self;
  }
}

const fn = (name: string) => new Builder(name);
const isNull = (value: Value) => value === null;

function dateOfText(runtime: Runtime, text: string): Value {
  const literal = dateLiteralOf(text.trim());
  if (!literal) return null;
  const date = dateOfLiteral(literal, runtime.context.timeZone, runtime.context.now);
  return date;
}

const minOf: FunctionImpl = fn('min')
  .add(['*', 'null'], (_r, a) => a)
  .add(['null', '*'], (_r, _n, a) => a)
  .add(['*', '*'], (r, a, b) => (r.compare(a, b) <= 0 ? a : b))
  .add(['array'], (r, list: Value[]) => minOf(r, list))
  .varargs((r, ...args) => (args.length === 0 ? null : args.reduce((p, c) => minOf(r, [p, c]))))
  .build();

const maxOf: FunctionImpl = fn('max')
  .add(['*', 'null'], (_r, a) => a)
  .add(['null', '*'], (_r, _n, a) => a)
  .add(['*', '*'], (r, a, b) => (r.compare(a, b) > 0 ? a : b))
  .add(['array'], (r, list: Value[]) => maxOf(r, list))
  .varargs((r, ...args) => (args.length === 0 ? null : args.reduce((p, c) => maxOf(r, [p, c]))))
  .build();

function extremeBy(sign: 1 | -1) {
  return (r: Runtime, list: Value[], key: Lambda): Value => {
    if (list.length === 0) return null;
    const mapped = list.map((value) => ({ value, key: key.call(value) })).filter((one) => one.key !== null);
    if (mapped.length === 0) return list[0]!;
    return mapped.reduce((best, next) => (sign * r.compare(best.key, next.key) <= 0 ? best : next)).value;
  };
}

const contains: FunctionImpl = fn('contains')
  .add(['array', '*'], (r, list: Value[], item) => list.some((one) => contains(r, [one, item])))
  .add(['string', 'string'], (_r, hay: string, needle: string) => hay.includes(needle))
  .add(['object', 'string'], (_r, object: DataObject, key: string) => Object.hasOwn(object, key))
  .add(['*', '*'], (r, a, b) => r.compare(a, b) === 0)
  .vectorize(2, [1])
  .build();

const icontains: FunctionImpl = fn('icontains')
  .add(['array', '*'], (r, list: Value[], item) => list.some((one) => icontains(r, [one, item])))
  .add(['string', 'string'], (_r, hay: string, needle: string) => hay.toLocaleLowerCase().includes(needle.toLocaleLowerCase()))
  .add(['object', 'string'], (_r, object: DataObject, key: string) => Object.hasOwn(object, key))
  .add(['*', '*'], (r, a, b) => r.compare(a, b) === 0)
  .vectorize(2, [1])
  .build();

const econtains: FunctionImpl = fn('econtains')
  .add(['array', '*'], (r, list: Value[], item) => list.some((one) => r.compare(item, one) === 0))
  .add(['string', 'string'], (_r, hay: string, needle: string) => hay.includes(needle))
  .add(['object', 'string'], (_r, object: DataObject, key: string) => Object.hasOwn(object, key))
  .add(['*', '*'], (r, a, b) => r.compare(a, b) === 0)
  .vectorize(2, [1])
  .build();

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function regexOf(pattern: string, flags: string, name: string): RegExp {
  const slow = slowPattern(pattern);
  if (slow) throw new EvaluationError(`${slow} (in ${name})`);
  try {
    return new RegExp(pattern, flags);
  } catch {
    throw new EvaluationError(`Invalid regexp '${pattern}' in ${name}`);
  }
}

const reduce: FunctionImpl = fn('reduce')
  .add(['array', 'string'], (r, list: Value[], op: string) => {
    if (list.length === 0) return null;
    if (!['+', '-', '*', '/', '&', '|'].includes(op)) throw new EvaluationError("reduce(array, op) supports '+', '-', '/', '*', '&', and '|'");
    return list.slice(1).reduce((value, next) => r.binary(op as '+', value, next), list[0]!);
  })
  .add(['array', 'function'], (_r, list: Value[], op: Lambda) => (list.length === 0 ? null : list.slice(1).reduce((value, next) => (next === null ? value : op.call(value, next)), list[0]!)))
  .add(['null', '*'], () => null)
  .add(['*', 'null'], () => null)
  .build();

const sum: FunctionImpl = fn('sum')
  .add(['array'], (r, list: Value[]) => reduce(r, [list, '+']))
  .add(['*'], (_r, value) => value)
  .build();

const join: FunctionImpl = fn('join')
  .add(['array', 'string'], (_r, list: Value[], separator: string) => list.map((item) => toText(item)).join(separator))
  .add(['array', 'null'], (_r, list: Value[]) => list.map((item) => toText(item)).join(', '))
  .add(['*', 'string'], (_r, value) => toText(value))
  .add(['array'], (_r, list: Value[]) => list.map((item) => toText(item)).join(', '))
  .add(['*'], (_r, value) => toText(value))
  .build();

function sortList(r: Runtime, list: Value[], key?: Lambda): Value[] {
  const keyed = list.map((value) => ({ value, key: key ? key.call(value) : value }));
  return keyed.sort((a, b) => r.compare(a.key, b.key)).map((one) => one.value);
}

function unique(r: Runtime, list: Value[]): Value[] {
  const kept: Value[] = [];
  for (const item of list) if (!kept.some((one) => r.compare(one, item) === 0)) kept.push(item);
  return kept;
}

function flat(list: Value[], depth: number): Value[] {
  return list.flatMap((item) => (Array.isArray(item) && depth > 0 ? flat(item, depth - 1) : [item]));
}

const lambdaTest = (f: Lambda) => (item: Value) => isTruthy(f.call(item));

function numberOf(text: string): Value {
  const match = /-?[0-9]+(\.[0-9]+)?/.exec(text);
  return match ? Number.parseFloat(match[0]) : null;
}

const nullTo = (count: number) => Array.from({ length: count }, (_, i) => Array.from({ length: count }, (_, j) => (i === j ? 'null' : '*')) as ('null' | '*')[]);

/** Adds the variants that make a null in any position give null, as Dataview's string functions do. */
function nullSafe(builder: Builder, count: number): Builder {
  for (const types of nullTo(count)) builder.add(types, () => null);
  return builder;
}

export const FUNCTIONS: Record<string, FunctionImpl> = {
  // Constructors.
  list: (_r, args) => args,
  array: (_r, args) => args,
  object: (_r, args) => {
    if (args.length % 2 !== 0) throw new EvaluationError('object() requires an even number of arguments');
    const object: DataObject = {};
    for (let i = 0; i < args.length; i += 2) {
      const key = args[i];
      if (typeof key !== 'string') throw new EvaluationError('keys should be of type string for object(key1, value1, ...)');
      Object.defineProperty(object, key, { value: args[i + 1] ?? null, enumerable: true, writable: true, configurable: true });
    }
    return object;
  },
  link: fn('link')
    .add(['string'], (r, target: string) => new Link(target, r.selfPath))
    .add(['link'], (_r, link) => link)
    .add(['null'], () => null)
    .vectorize(1, [0])
    .add(['string', 'string'], (r, target: string, display: string) => new Link(target, r.selfPath, display))
    .add(['link', 'string'], (_r, link: Link, display: string) => link.withDisplay(display))
    .add(['null', '*'], () => null)
    .add(['*', 'null'], (r, target) => FUNCTIONS.link!(r, [target]))
    .vectorize(2, [0, 1])
    .build(),
  elink: fn('elink')
    .add(['string', 'string'], (_r, url: string, display: string) => ({ url, display, elink: true }))
    .add(['string', 'null'], (_r, url: string) => ({ url, display: url, elink: true }))
    .add(['null', '*'], () => null)
    .vectorize(2, [0])
    .add(['string'], (_r, url: string) => ({ url, display: url, elink: true }))
    .add(['null'], () => null)
    .vectorize(1, [0])
    .build(),
  date: fn('date')
    .add(['string'], (r, text: string) => dateOfText(r, text))
    .add(['date'], (_r, date) => date)
    .add(['link'], (r, link: Link) => {
      const fromText = (link.display && dateOfText(r, link.display)) || dateOfText(r, link.path);
      if (fromText) return fromText;
      const note = r.noteOf(link);
      return note ? (r.indexValue(r.indexValue(r.pageOf(note), 'file'), 'day') ?? null) : null;
    })
    .add(['null'], () => null)
    .add(['string', 'string'], (r, text: string, format: string) => {
      const date = DateTime.fromFormat(text, format, { zone: r.context.timeZone });
      return date.isValid ? date : null;
    })
    .add(['null', '*'], () => null)
    .vectorize(1, [0])
    .build(),
  dur: fn('dur')
    .add(['string'], (_r, text: string) => durationOf(text) ?? null)
    .add(['duration'], (_r, duration) => duration)
    .add(['null'], () => null)
    .vectorize(1, [0])
    .build(),
  number: fn('number')
    .add(['number'], (_r, value) => value)
    .add(['string'], (_r, text: string) => numberOf(text))
    .add(['null'], () => null)
    .vectorize(1, [0])
    .build(),
  string: fn('string')
    .add(['*'], (_r, value) => toText(value))
    .build(),
  typeof: fn('typeof')
    .add(['*'], (_r, value) => typeOf(value))
    .build(),

  // Numbers.
  round: fn('round')
    .add(['number'], (_r, n: number) => Math.round(n))
    .add(['null'], () => null)
    .vectorize(1, [0])
    .add(['number', 'number'], (_r, n: number, places: number) => (places <= 0 ? Math.round(n) : Number.parseFloat(n.toFixed(Math.min(places, 100)))))
    .add(['number', 'null'], (_r, n: number) => Math.round(n))
    .add(['null', '*'], () => null)
    .vectorize(2, [0])
    .build(),
  trunc: fn('trunc')
    .add(['number'], (_r, n: number) => Math.trunc(n))
    .add(['null'], () => null)
    .vectorize(1, [0])
    .build(),
  floor: fn('floor')
    .add(['number'], (_r, n: number) => Math.floor(n))
    .add(['null'], () => null)
    .vectorize(1, [0])
    .build(),
  ceil: fn('ceil')
    .add(['number'], (_r, n: number) => Math.ceil(n))
    .add(['null'], () => null)
    .vectorize(1, [0])
    .build(),
  min: minOf,
  max: maxOf,
  minby: fn('minby')
    .add(['array', 'function'], extremeBy(1))
    .add(['null', 'function'], () => null)
    .build(),
  maxby: fn('maxby')
    .add(['array', 'function'], extremeBy(-1))
    .add(['null', 'function'], () => null)
    .build(),
  sum,
  product: fn('product')
    .add(['array'], (r, list: Value[]) => reduce(r, [list, '*']))
    .add(['*'], (_r, value) => value)
    .build(),
  reduce,
  average: fn('average')
    .add(['array'], (r, list: Value[]) => {
      if (list.length === 0) return null;
      const total = sum(r, [list]);
      return r.binary('/', total, list.length);
    })
    .add(['*'], (_r, value) => value)
    .build(),

  // Objects, lists and strings.
  contains,
  icontains,
  econtains,
  containsword: nullSafe(
    fn('containsword').add(['string', 'string'], (_r, hay: string, needle: string) => regexOf(`\\b${escapeRegex(needle)}\\b`, 'i', 'containsword').test(hay)),
    2,
  )
    .vectorize(2, [0, 1])
    .build(),
  extract: (r, args) => {
    if (args.length === 0) throw new EvaluationError('extract(object, key1, ...) requires at least 1 argument');
    const [object, ...keys] = args;
    if (Array.isArray(object)) return object.map((item) => FUNCTIONS.extract!(r, [item, ...keys]));
    const result: DataObject = {};
    for (const key of keys) {
      if (typeof key !== 'string') throw new EvaluationError('extract(object, key1, ...) must be called with string keys');
      Object.defineProperty(result, key, { value: r.indexValue(object!, key), enumerable: true, writable: true, configurable: true });
    }
    return result;
  },
  length: fn('length')
    .add(['array'], (_r, list: Value[]) => list.length)
    .add(['object'], (_r, object: DataObject) => Object.keys(object).length)
    .add(['string'], (_r, text: string) => text.length)
    .add(['null'], () => 0)
    .build(),
  reverse: fn('reverse')
    .add(['array'], (_r, list: Value[]) => [...list].reverse())
    .add(['string'], (_r, text: string) => [...text].reverse().join(''))
    .add(['*'], (_r, value) => value)
    .build(),
  sort: fn('sort')
    .add(['array'], (r, list: Value[]) => sortList(r, list))
    .add(['array', 'function'], (r, list: Value[], key: Lambda) => sortList(r, list, key))
    .add(['*'], (_r, value) => value)
    .build(),
  nonnull: (_r, args) => (args.length === 1 && Array.isArray(args[0]) ? args[0] : args).filter((arg) => !isNull(arg)),
  firstvalue: (_r, args) => {
    const list = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
    return list.find((arg) => !isNull(arg)) ?? null;
  },
  all: fn('all')
    .add(['array'], (_r, list: Value[]) => list.every(isTruthy))
    .add(['array', 'function'], (_r, list: Value[], f: Lambda) => list.every(lambdaTest(f)))
    .varargs((_r, ...args) => args.every(isTruthy))
    .build(),
  any: fn('any')
    .add(['array'], (_r, list: Value[]) => list.some(isTruthy))
    .add(['array', 'function'], (_r, list: Value[], f: Lambda) => list.some(lambdaTest(f)))
    .varargs((_r, ...args) => args.some(isTruthy))
    .build(),
  none: fn('none')
    .add(['array'], (_r, list: Value[]) => !list.some(isTruthy))
    .add(['array', 'function'], (_r, list: Value[], f: Lambda) => !list.some(lambdaTest(f)))
    .varargs((_r, ...args) => !args.some(isTruthy))
    .build(),
  join,
  filter: fn('filter')
    .add(['array', 'function'], (_r, list: Value[], f: Lambda) => list.filter(lambdaTest(f)))
    .add(['null', '*'], () => null)
    .build(),
  map: fn('map')
    .add(['array', 'function'], (_r, list: Value[], f: Lambda) => list.map((item) => f.call(item)))
    .add(['null', '*'], () => null)
    .build(),
  flat: fn('flat')
    .add(['array'], (_r, list: Value[]) => flat(list, 1))
    .add(['array', 'number'], (_r, list: Value[], depth: number) => flat(list, Math.min(depth, 100)))
    .add(['*'], (_r, value) => value)
    .build(),
  slice: fn('slice')
    .add(['array'], (_r, list: Value[]) => [...list])
    .add(['array', 'number'], (_r, list: Value[], start: number) => list.slice(start))
    .add(['array', 'number', 'number'], (_r, list: Value[], start: number, end: number) => list.slice(start, end))
    .add(['null', '*'], () => null)
    .add(['null', '*', '*'], () => null)
    .build(),
  unique: fn('unique')
    .add(['array'], (r, list: Value[]) => unique(r, list))
    .add(['*'], (_r, value) => value)
    .build(),

  // Strings.
  regextest: nullSafe(fn('regextest').add(['string', 'string'], (_r, pattern: string, text: string) => regexOf(pattern, '', 'regextest').test(text)), 2)
    .vectorize(2, [0, 1])
    .build(),
  regexmatch: fn('regexmatch')
    .add(['string', 'string'], (_r, pattern: string, text: string) => {
      const whole = !pattern.startsWith('^') && !pattern.endsWith('$') ? `^${pattern}$` : pattern;
      return regexOf(whole, '', 'regexmatch').test(text);
    })
    .add(['null', '*'], () => false)
    .add(['*', 'null'], () => false)
    .vectorize(2, [0, 1])
    .build(),
  regexreplace: nullSafe(fn('regexreplace').add(['string', 'string', 'string'], (_r, text: string, pattern: string, replacement: string) => text.replace(regexOf(pattern, 'g', 'regexreplace'), replacement)), 3)
    .vectorize(3, [0, 1, 2])
    .build(),
  replace: nullSafe(fn('replace').add(['string', 'string', 'string'], (_r, text: string, pattern: string, replacement: string) => text.split(pattern).join(replacement)), 3)
    .vectorize(3, [0, 1, 2])
    .build(),
  lower: fn('lower')
    .add(['string'], (_r, text: string) => text.toLocaleLowerCase())
    .add(['null'], () => null)
    .vectorize(1, [0])
    .build(),
  upper: fn('upper')
    .add(['string'], (_r, text: string) => text.toLocaleUpperCase())
    .add(['null'], () => null)
    .vectorize(1, [0])
    .build(),
  split: nullSafe(
    nullSafe(
      fn('split')
        .add(['string', 'string'], (_r, text: string, separator: string) => text.split(regexOf(separator, '', 'split')).map((part) => part ?? ''))
        .add(['string', 'string', 'number'], (_r, text: string, separator: string, limit: number) => text.split(regexOf(separator, '', 'split'), limit).map((part) => part ?? '')),
      2,
    ),
    3,
  ).build(),
  startswith: nullSafe(fn('startswith').add(['string', 'string'], (_r, text: string, start: string) => text.startsWith(start)), 2)
    .vectorize(2, [0, 1])
    .build(),
  endswith: nullSafe(fn('endswith').add(['string', 'string'], (_r, text: string, end: string) => text.endsWith(end)), 2)
    .vectorize(2, [0, 1])
    .build(),
  padleft: nullSafe(
    nullSafe(
      fn('padleft')
        .add(['string', 'number'], (_r, text: string, length: number) => text.padStart(Math.min(length, 100_000), ' '))
        .add(['string', 'number', 'string'], (_r, text: string, length: number, padding: string) => text.padStart(Math.min(length, 100_000), padding)),
      2,
    ),
    3,
  )
    .vectorize(2, [0, 1])
    .vectorize(3, [0, 1, 2])
    .build(),
  padright: nullSafe(
    nullSafe(
      fn('padright')
        .add(['string', 'number'], (_r, text: string, length: number) => text.padEnd(Math.min(length, 100_000), ' '))
        .add(['string', 'number', 'string'], (_r, text: string, length: number, padding: string) => text.padEnd(Math.min(length, 100_000), padding)),
      2,
    ),
    3,
  )
    .vectorize(2, [0, 1])
    .vectorize(3, [0, 1, 2])
    .build(),
  substring: fn('substring')
    .add(['string', 'number'], (_r, text: string, start: number) => text.substring(start))
    .add(['string', 'number', 'number'], (_r, text: string, start: number, end: number) => text.substring(start, end))
    .add(['null', '*'], () => null)
    .add(['null', '*', '*'], () => null)
    .build(),
  truncate: fn('truncate')
    .add(['string', 'number'], (_r, text: string, length: number) => truncate(text, length, '...'))
    .add(['string', 'number', 'string'], (_r, text: string, length: number, suffix: string) => truncate(text, length, suffix))
    .add(['null', '*'], () => null)
    .add(['null', '*', '*'], () => null)
    .build(),

  // Utility.
  default: fn('default')
    .add(['*', '*'], (_r, value, fallback) => (isNull(value) ? fallback : value))
    .vectorize(2, [0, 1])
    .build(),
  ldefault: fn('ldefault')
    .add(['*', '*'], (_r, value, fallback) => (isNull(value) ? fallback : value))
    .build(),
  choice: fn('choice')
    .add(['*', '*', '*'], (_r, test, yes, no) => (isTruthy(test) ? yes : no))
    .vectorize(3, [0])
    .build(),
  striptime: fn('striptime')
    .add(['date'], (_r, date: DateTime) => date.startOf('day'))
    .add(['null'], () => null)
    .vectorize(1, [0])
    .build(),
  dateformat: fn('dateformat')
    .add(['date', 'string'], (_r, date: DateTime, format: string) => date.toFormat(format, { locale: 'en-US' }))
    .add(['null', 'string'], () => null)
    .vectorize(2, [0])
    .build(),
  durationformat: fn('durationformat')
    .add(['duration', 'string'], (_r, duration: Duration, format: string) => duration.toFormat(format))
    .add(['null', 'string'], () => null)
    .vectorize(2, [0])
    .build(),
  localtime: fn('localtime')
    .add(['date'], (r, date: DateTime) => date.setZone(r.context.timeZone))
    .add(['null'], () => null)
    .vectorize(1, [0])
    .build(),
  meta: fn('meta')
    .add(['link'], (_r, link: Link) => ({ display: link.display ?? null, embed: link.embed, path: link.path, subpath: link.subpath?.replace(/^\^/, '') ?? null, type: link.type }))
    .build(),
};

function truncate(text: string, length: number, suffix: string): string {
  if (text.length <= length) return text;
  return text.slice(0, Math.max(0, length - suffix.length)) + suffix;
}

/** Dataview functions the garden knows but does not evaluate, with why. */
export const UNSUPPORTED_FUNCTIONS: Record<string, string> = {
  currencyformat: 'it formats with the reader\'s locale, which a static page cannot know',
  hash: 'its values differ from Obsidian\'s',
  embed: 'it embeds files inside a view',
};
